import { Button, Stack } from "@mantine/core";
import { IconKey, IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCredentialKinds, useCredentials } from "../api/credentials";
import { useServers } from "../api/workspace";
import type { Credential } from "../bindings";
import { EmptyNotice } from "../components/EmptyNotice";
import { ErrorAlert } from "../components/ErrorAlert";
import { LoadingState } from "../components/LoadingState";
import { PAGE_TITLE_ID, PageHeader } from "../components/PageHeader";
import { Section } from "../components/Section";
import { AddCredentialModal, type AddPreset } from "./credentials/AddCredentialModal";
import type { CredentialDialog } from "./credentials/CredentialActions";
import { CredentialsTable } from "./credentials/CredentialsTable";
import { EditCredentialModal } from "./credentials/EditCredentialModal";
import { KeychainNotice } from "./credentials/KeychainNotice";
import { RemoveCredentialModal } from "./credentials/RemoveCredentialModal";
import { RotateDialog } from "./credentials/RotateDialog";
import { ServiceCredentialsSection } from "./credentials/ServiceCredentialsSection";
import { SignOutModal } from "./credentials/SignOutModal";
import { SwitchAccountModal } from "./credentials/SwitchAccountModal";

interface OpenDialog {
  type: CredentialDialog;
  credential: Credential;
}

/** The token registry, the service credentials per server, and every dialog that changes them. */
export function CredentialsPage() {
  const { t } = useTranslation();
  const credentials = useCredentials();
  const servers = useServers();
  const kinds = useCredentialKinds();
  // A new key per opening starts the add dialog afresh (no half-filled form from last time).
  const [add, setAdd] = useState<{ opened: boolean; key: number; preset: AddPreset }>({ opened: false, key: 0, preset: {} });
  const [dialog, setDialog] = useState<OpenDialog | null>(null);

  const openAdd = (preset: AddPreset = {}) => setAdd((current) => ({ opened: true, key: current.key + 1, preset }));
  const closeAdd = () => setAdd((current) => ({ ...current, opened: false }));
  const open = (type: CredentialDialog, credential: Credential) => setDialog({ type, credential });
  const close = () => setDialog(null);
  const dialogFor = (type: CredentialDialog) => (dialog?.type === type ? dialog.credential : null);

  const failed = credentials.error ?? servers.error ?? kinds.error;
  const loaded =
    credentials.data && servers.data && kinds.data
      ? { credentials: credentials.data, servers: servers.data, kinds: kinds.data }
      : null;
  const rotating = dialogFor("rotate");
  const addButton = (
    <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => openAdd()} data-testid="add-credential">
      {t("credentials.add.button")}
    </Button>
  );

  return (
    <>
      <PageHeader title={t("credentials.title")} intro={t("credentials.intro")} actions={loaded ? addButton : null} />
      <Stack gap="lg">
        <KeychainNotice />
        {credentials.isPending || servers.isPending || kinds.isPending ? <LoadingState /> : null}
        {failed ? (
          <ErrorAlert
            error={failed}
            onRetry={() => {
              void credentials.refetch();
              void servers.refetch();
              void kinds.refetch();
            }}
          />
        ) : null}
        {loaded && loaded.credentials.length > 0 ? (
          <Section heading={t("credentials.list.heading")}>
            <CredentialsTable
              credentials={loaded.credentials}
              kinds={loaded.kinds}
              label={t("credentials.list.heading")}
              onOpen={open}
            />
          </Section>
        ) : null}
        {loaded && loaded.credentials.length === 0 ? (
          <EmptyNotice
            icon={<IconKey aria-hidden />}
            title={t("credentials.empty.title")}
            description={t("credentials.empty.body")}
            testId="credentials-empty"
          />
        ) : null}
        {loaded ? (
          <ServiceCredentialsSection
            servers={loaded.servers}
            credentials={loaded.credentials}
            kinds={loaded.kinds}
            onAdd={(serverId) => openAdd({ serverId, isService: true })}
            onRemove={(credential) => open("remove", credential)}
          />
        ) : null}
      </Stack>

      <AddCredentialModal key={add.key} opened={add.opened} preset={add.preset} onClose={closeAdd} />
      <EditCredentialModal credential={dialogFor("edit")} onClose={close} />
      <RotateDialog target={rotating ? { id: rotating.id, label: rotating.label } : null} onClose={close} />
      <RemoveCredentialModal
        credential={dialogFor("remove")}
        onClose={close}
        onRemoved={() => document.getElementById(PAGE_TITLE_ID)?.focus()}
      />
      <SignOutModal credential={dialogFor("signOut")} onClose={close} />
      <SwitchAccountModal credential={dialogFor("switch")} onClose={close} />
    </>
  );
}
