import { Group, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Server } from "../../bindings";
import { DemoBadge } from "./DemoBadge";

interface ServersTableProps {
  servers: readonly Server[];
  label: string;
}

/** Every registered server: product, name and address. */
export function ServersTable({ servers, label }: ServersTableProps) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table verticalSpacing="sm" aria-label={label} data-testid="servers-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("connections.servers.name")}</Table.Th>
            <Table.Th scope="col">{t("connections.servers.kind")}</Table.Th>
            <Table.Th scope="col">{t("connections.servers.baseUrl")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {servers.map((server) => (
            <Table.Tr key={server.id} data-testid="server-row">
              <Table.Th scope="row" fw={600}>
                <Group gap="xs">
                  <span>{server.name}</span>
                  {server.isDemo ? <DemoBadge /> : null}
                </Group>
              </Table.Th>
              <Table.Td>
                <Text size="sm">{t(`workspace.kinds.${server.kind}`)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace" style={{ overflowWrap: "anywhere" }}>
                  {server.baseUrl}
                </Text>
                {server.altUrl ? (
                  <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                    {t("connections.servers.altUrl", { url: server.altUrl })}
                  </Text>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
