import { Alert, Paper, Radio, Stack, Text, Title } from "@mantine/core";
import { IconInfoCircle } from "@tabler/icons-react";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Side } from "../../../bindings";
import type { Credential, KindInfo, Saved, Server } from "../../../bindings";
import { NewCredentialForm } from "../../credentials/NewCredentialForm";
import { verificationStatus } from "../../credentials/status";
import { VerificationOutcome } from "../../credentials/VerificationOutcome";
import type { CredentialChoice } from "./wizardState";

interface CredentialSideFormProps {
  side: Side;
  server: Server;
  /** The choice in effect (the user's, or the service credential by default). */
  choice: CredentialChoice | null;
  credentials: readonly Credential[];
  kinds: readonly KindInfo[];
  onChoose: (choice: CredentialChoice) => void;
}

const NEW = "new";
const SERVICE = "service";

const valueOf = (choice: CredentialChoice | null) =>
  choice === null ? "" : choice.type === "credential" ? String(choice.id) : choice.type;

/**
 * One side of step 3: which credential Kakehashi signs in with on this server. The
 * service credential comes first and is chosen unless the user picks another; a new one is
 * created with the same forms as under Credentials, with a word on which kind fits.
 */
export function CredentialSideForm({ side, server, choice, credentials, kinds, onChoose }: CredentialSideFormProps) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const [saved, setSaved] = useState<Saved | null>(null);
  const own = credentials.filter((item) => item.serverId === server.id);
  // The service credential first: it is the one automatic sync uses.
  const ordered = [...own.filter((item) => item.isService), ...own.filter((item) => !item.isService)];

  const describe = (credential: Credential) => {
    const info = kinds.find((item) => item.kind === credential.kind);
    const status = verificationStatus(credential, info, t, i18n.language);
    return `${t(`credentials.kinds.${credential.kind}`)} · ${status.text}`;
  };

  const save = (result: Saved) => {
    setSaved(result);
    onChoose(result.credential.isService ? { type: "service" } : { type: "credential", id: result.credential.id });
  };

  return (
    <Paper component="section" withBorder p="md" aria-labelledby={headingId} data-testid={`credential-side-${side}`}>
      <Stack gap="md">
        <Stack gap={2}>
          <Text size="xs" fw={700} c="dimmed">
            {t(`connections.wizard.side.${side}`, { product: t(`workspace.kinds.${server.kind}`) })}
          </Text>
          <Title order={3} size="h4" id={headingId}>
            {server.name}
          </Title>
        </Stack>
        <Alert color="indigo" variant="light" role="note" icon={<IconInfoCircle aria-hidden />} data-testid={`${side}-guidance`}>
          {t(`connections.wizard.credentials.guidance.${server.kind}`)}
        </Alert>
        {saved ? <VerificationOutcome credential={saved.credential} info={kinds.find((item) => item.kind === saved.credential.kind)} /> : null}
        {own.length > 0 ? (
          <Radio.Group
            label={t("connections.wizard.credentials.choose")}
            value={valueOf(choice)}
            onChange={(value) =>
              onChoose(value === NEW ? { type: NEW } : value === SERVICE ? { type: SERVICE } : { type: "credential", id: Number(value) })
            }
            required
            data-testid={`${side}-credential-choice`}
          >
            <Stack gap="sm" mt="xs">
              {ordered.map((credential) => (
                <Radio
                  key={credential.id}
                  // The service credential is chosen as "whatever is the service credential",
                  // so the connection follows when it is replaced later.
                  value={credential.isService ? SERVICE : String(credential.id)}
                  label={
                    credential.isService
                      ? t("connections.wizard.credentials.service", { label: credential.label })
                      : credential.label
                  }
                  description={describe(credential)}
                />
              ))}
              <Radio value={NEW} label={t("connections.wizard.credentials.new")} data-testid={`${side}-credential-new`} />
            </Stack>
          </Radio.Group>
        ) : (
          <Text size="sm">{t("connections.wizard.credentials.noneYet")}</Text>
        )}
        {choice?.type === NEW ? (
          <NewCredentialForm server={server} kinds={kinds} initialService={!own.some((item) => item.isService)} onSaved={save} />
        ) : null}
      </Stack>
    </Paper>
  );
}
