import { Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconPlugConnected } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useConnections, useServers } from "../api/workspace";
import type { ExportSummary } from "../bindings";
import { BulletList } from "../components/BulletList";
import { EmptyNotice } from "../components/EmptyNotice";
import { ErrorAlert } from "../components/ErrorAlert";
import { LoadingState } from "../components/LoadingState";
import { PageHeader } from "../components/PageHeader";
import { RouteLink } from "../components/RouteLink";
import { Section } from "../components/Section";
import { ConnectionsTable } from "./connections/ConnectionsTable";
import { ServersTable } from "./connections/ServersTable";
import { ExportButton, ExportNotice } from "./transfer/ExportButton";
import { ImportButton } from "./transfer/ImportButton";

const WIZARDS = ["jiraTtnx", "jiraJira", "asanaJira"] as const;
const TEST_CHECKS = ["network", "trust", "proxy", "auth", "permissions", "clock"] as const;

/**
 * Connections between two servers, and the servers registered for them. The wizards that
 * create connections arrive with the connections feature; the demo workspace brings some.
 *
 * Export and import live in this screen's header because the file holds exactly what the
 * screen lists — servers and the connections between them (credentials only as labels) —
 * and after an import the new rows appear right here. Settings is about this computer
 * (language, window), not about the workspace.
 */
export function ConnectionsPage() {
  const { t } = useTranslation();
  const connections = useConnections();
  const servers = useServers();
  const failed = connections.error ?? servers.error;
  const loaded = connections.data && servers.data ? { connections: connections.data, servers: servers.data } : null;
  const nothingRegistered = loaded !== null && loaded.connections.length === 0 && loaded.servers.length === 0;
  const [exported, setExported] = useState<ExportSummary | null>(null);

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
            <ConnectionsTable connections={loaded.connections} label={t("connections.list.heading")} />
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
            action={
              nothingRegistered ? (
                <Group gap="lg" justify="center">
                  <RouteLink to="home">{t("connections.empty.demoLink")}</RouteLink>
                  <RouteLink to="credentials">{t("connections.empty.link")}</RouteLink>
                </Group>
              ) : undefined
            }
            testId="connections-empty"
          />
        ) : null}
        {loaded && loaded.servers.length > 0 ? (
          <Section heading={t("connections.servers.heading")}>
            <ServersTable servers={loaded.servers} label={t("connections.servers.heading")} />
          </Section>
        ) : null}
        <Section heading={t("connections.wizards.heading")}>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            {WIZARDS.map((wizard) => (
              <Card key={wizard} withBorder padding="md">
                <Title order={3} size="h5" mb={6}>
                  {t(`connections.wizards.${wizard}.title`)}
                </Title>
                <Text size="sm">{t(`connections.wizards.${wizard}.body`)}</Text>
              </Card>
            ))}
          </SimpleGrid>
          <Text size="sm">{t("connections.wizards.fields")}</Text>
        </Section>
        <Section heading={t("connections.test.heading")}>
          <Text size="sm">{t("connections.test.intro")}</Text>
          <BulletList items={TEST_CHECKS.map((check) => t(`connections.test.${check}`))} />
        </Section>
      </Stack>
    </>
  );
}
