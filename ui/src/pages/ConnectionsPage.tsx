import { Stack } from "@mantine/core";
import { IconPlugConnected } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ConnectionOverview } from "../bindings";
import { useConnections, useServers } from "../api/workspace";
import type { ExportSummary } from "../bindings";
import { EmptyNotice } from "../components/EmptyNotice";
import { ErrorAlert } from "../components/ErrorAlert";
import { LoadingState } from "../components/LoadingState";
import { PAGE_TITLE_ID, PageHeader } from "../components/PageHeader";
import { RouteLink } from "../components/RouteLink";
import { Section } from "../components/Section";
import type { ConnectionDialog } from "./connections/ConnectionActions";
import { ConnectionsTable } from "./connections/ConnectionsTable";
import { RemoveConnectionModal } from "./connections/RemoveConnectionModal";
import { ServersTable } from "./connections/ServersTable";
import { TestConnectionModal } from "./connections/TestConnectionModal";
import { WizardLaunchers } from "./connections/WizardLaunchers";
import { ConnectionWizard } from "./connections/wizard/ConnectionWizard";
import type { WizardType } from "./connections/wizard/wizardKinds";
import { ExportButton, ExportNotice } from "./transfer/ExportButton";
import { ImportButton } from "./transfer/ImportButton";

/**
 * Connections between two servers: the list with each one's last test, the wizards that
 * create them, and the servers registered for them. A wizard takes the whole screen while
 * it runs; closing it comes back here.
 */
export function ConnectionsPage() {
  const [wizard, setWizard] = useState<WizardType | null>(null);
  const [returned, setReturned] = useState(false);
  if (wizard) {
    return (
      <ConnectionWizard
        initialType={wizard}
        onClose={() => {
          setWizard(null);
          setReturned(true);
        }}
      />
    );
  }
  return <ConnectionsOverview onStartWizard={setWizard} focusTitle={returned} />;
}

interface OpenDialog {
  type: ConnectionDialog;
  connection: ConnectionOverview;
}

/**
 * Export and import live in this screen's header because the file holds exactly what the
 * screen lists — servers and the connections between them (credentials only as labels) —
 * and after an import the new rows appear right here. Settings is about this computer
 * (language, window), not about the workspace.
 */
function ConnectionsOverview({ onStartWizard, focusTitle }: { onStartWizard: (wizard: WizardType) => void; focusTitle: boolean }) {
  const { t } = useTranslation();
  const connections = useConnections();
  const servers = useServers();
  const failed = connections.error ?? servers.error;
  const loaded = connections.data && servers.data ? { connections: connections.data, servers: servers.data } : null;
  const nothingRegistered = loaded !== null && loaded.connections.length === 0 && loaded.servers.length === 0;
  const [exported, setExported] = useState<ExportSummary | null>(null);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const open = (type: ConnectionDialog, connection: ConnectionOverview) => setDialog({ type, connection });
  const dialogFor = (...types: ConnectionDialog[]) => (dialog && types.includes(dialog.type) ? dialog.connection : null);

  // Back from a wizard, whose buttons are gone: start reading at this screen's heading.
  useEffect(() => {
    if (focusTitle) document.getElementById(PAGE_TITLE_ID)?.focus();
  }, [focusTitle]);

  return (
    <>
      <PageHeader
        title={t("connections.title")}
        intro={t("connections.intro")}
        actions={
          <>
            <ImportButton />
            <ExportButton onExported={setExported} />
          </>
        }
      />
      <Stack gap="lg">
        {exported ? <ExportNotice summary={exported} onClose={() => setExported(null)} /> : null}
        {connections.isPending || servers.isPending ? <LoadingState /> : null}
        {failed ? (
          <ErrorAlert
            error={failed}
            onRetry={() => {
              void connections.refetch();
              void servers.refetch();
            }}
          />
        ) : null}
        {loaded && loaded.connections.length > 0 ? (
          <Section heading={t("connections.list.heading")}>
            <ConnectionsTable connections={loaded.connections} label={t("connections.list.heading")} onOpen={open} />
          </Section>
        ) : null}
        {loaded && loaded.connections.length === 0 ? (
          <EmptyNotice
            icon={<IconPlugConnected aria-hidden />}
            title={t("connections.empty.title")}
            description={
              nothingRegistered
                ? `${t("connections.empty.body")} ${t("connections.empty.nothing")}`
                : t("connections.empty.body")
            }
            action={nothingRegistered ? <RouteLink to="home">{t("connections.empty.demoLink")}</RouteLink> : undefined}
            testId="connections-empty"
          />
        ) : null}
        <Section heading={t("connections.wizards.heading")}>
          <WizardLaunchers onStart={onStartWizard} />
        </Section>
        {loaded && loaded.servers.length > 0 ? (
          <Section heading={t("connections.servers.heading")}>
            <ServersTable servers={loaded.servers} label={t("connections.servers.heading")} />
          </Section>
        ) : null}
      </Stack>
      <TestConnectionModal
        connection={dialogFor("test", "last")}
        mode={dialog?.type === "last" ? "last" : "run"}
        onClose={() => setDialog(null)}
      />
      <RemoveConnectionModal
        connection={dialogFor("remove")}
        onClose={() => setDialog(null)}
        onRemoved={() => document.getElementById(PAGE_TITLE_ID)?.focus()}
      />
    </>
  );
}
