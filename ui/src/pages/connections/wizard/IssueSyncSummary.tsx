import { Button, Group, Stack, Table, Text, Title } from "@mantine/core";
import { IconPencil } from "@tabler/icons-react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { ConnectionTestReport, SideReport } from "../../../bindings";
import type { Server } from "../../../bindings";

interface IssueSyncSummaryProps {
  left: Server;
  right: Server;
  report: ConnectionTestReport | null;
  onChangeServers: () => void;
}

/** Who the test signed in as on a side, from its identity check; null when that did not run. */
function technicalUser(side: SideReport | undefined): string | null {
  const check = side?.checks.find((item) => item.id === "identity");
  return check && (check.status === "passed" || check.status === "warning") ? check.summary : null;
}

/**
 * The fields an IssueSYNC administrator knows from the old tool, for a Jira ↔ Jira
 * connection: per side the URL, the alternative URL and the technical user. Read-only here;
 * the addresses are changed in step 2.
 */
export function IssueSyncSummary({ left, right, report, onChangeServers }: IssueSyncSummaryProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const sides = [
    { server: left, report: report?.left },
    { server: right, report: report?.right },
  ];
  const rows = [
    { label: t("connections.servers.baseUrl"), values: sides.map(({ server }) => server.baseUrl), mono: true },
    {
      label: t("connections.wizard.servers.altUrl"),
      values: sides.map(({ server }) => server.altUrl ?? t("connections.wizard.none")),
      mono: true,
    },
    {
      label: t("connections.wizard.name.technicalUser"),
      values: sides.map(({ report: side }) => technicalUser(side) ?? t("connections.wizard.name.userUnknown")),
      mono: false,
    },
  ];
  return (
    <Stack gap="xs" data-testid="issuesync-summary">
      <Group justify="space-between" align="flex-end">
        <Title order={3} size="h4" id={headingId}>
          {t("connections.wizard.name.issueSync")}
        </Title>
        <Button variant="subtle" size="xs" onClick={onChangeServers} leftSection={<IconPencil size={16} aria-hidden />} data-testid="change-servers">
          {t("connections.wizard.name.changeServers")}
        </Button>
      </Group>
      <Table.ScrollContainer minWidth={560}>
        <Table aria-labelledby={headingId} verticalSpacing="xs" layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Td w="22%" />
              {sides.map(({ server }, index) => (
                <Table.Th key={server.id} scope="col">
                  {t(index === 0 ? "connections.list.left" : "connections.list.right")}: {server.name}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.label}>
                <Table.Th scope="row">{row.label}</Table.Th>
                {row.values.map((value, index) => (
                  <Table.Td key={index}>
                    <Text size="sm" ff={row.mono ? "monospace" : undefined} style={{ overflowWrap: "anywhere" }}>
                      {value}
                    </Text>
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
