import { Alert, Code, NativeSelect, Stack, Text } from "@mantine/core";
import { IconInfoCircle } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCredentialKinds } from "../../api/credentials";
import { useServers } from "../../api/workspace";
import type { Saved, Server } from "../../bindings";
import { AppModal } from "../../components/AppModal";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { NewCredentialForm } from "./NewCredentialForm";
import { SavedResult } from "./SavedResult";

/** What "Add service credential" on a server's row fills in. */
export interface AddPreset {
  serverId?: number;
  isService?: boolean;
}

interface AddCredentialModalProps {
  opened: boolean;
  preset: AddPreset;
  onClose: () => void;
}

/**
 * Server → kind (with a line on when each fits) → the form for that kind → the result of
 * the immediate verification. Mount it with a new `key` per opening to start afresh.
 */
export function AddCredentialModal({ opened, preset, onClose }: AddCredentialModalProps) {
  const { t } = useTranslation();
  return (
    <AppModal
      opened={opened}
      onClose={onClose}
      title={preset.isService ? t("credentials.add.serviceTitle") : t("credentials.add.title")}
      testId="add-credential-dialog"
    >
      <AddCredentialFlow preset={preset} onDone={onClose} />
    </AppModal>
  );
}

function AddCredentialFlow({ preset, onDone }: { preset: AddPreset; onDone: () => void }) {
  const { t } = useTranslation();
  const servers = useServers();
  const kinds = useCredentialKinds();
  const [serverId, setServerId] = useState<number | null>(preset.serverId ?? null);
  const [saved, setSaved] = useState<Saved | null>(null);

  if (servers.isPending || kinds.isPending) return <LoadingState />;
  if (servers.isError || kinds.isError) {
    return (
      <ErrorAlert
        error={servers.error ?? kinds.error}
        onRetry={() => {
          void servers.refetch();
          void kinds.refetch();
        }}
      />
    );
  }

  const server = servers.data.find((candidate) => candidate.id === serverId) ?? null;

  if (saved) {
    return <SavedResult saved={saved} info={kinds.data.find((item) => item.kind === saved.credential.kind)} onDone={onDone} />;
  }

  if (servers.data.length === 0) {
    return (
      <Alert color="indigo" variant="light" role="note" icon={<IconInfoCircle aria-hidden />} title={t("credentials.add.noServersTitle")}>
        <Text size="sm">{t("credentials.add.noServers")}</Text>
        <Code block mt="xs">
          kakehashi server add --kind jira-cloud --url https://example.atlassian.net
        </Code>
      </Alert>
    );
  }

  return (
    <Stack gap="md">
      <NativeSelect
        label={t("credentials.add.server")}
        value={serverId === null ? "" : String(serverId)}
        onChange={(event) => {
          const value = event.currentTarget.value;
          setServerId(value === "" ? null : Number(value));
        }}
        data={[
          { value: "", label: t("credentials.add.chooseServer"), disabled: true },
          ...servers.data.map((item) => ({ value: String(item.id), label: serverLabel(item) })),
        ]}
        required
        data-autofocus
        data-testid="credential-server"
      />
      {server ? (
        // A new key per server starts the kind choice and the form afresh.
        <NewCredentialForm
          key={server.id}
          server={server}
          kinds={kinds.data}
          initialService={preset.isService ?? false}
          onSaved={setSaved}
        />
      ) : null}
    </Stack>
  );
}

const serverLabel = (server: Server) => `${server.name} — ${server.baseUrl}`;
