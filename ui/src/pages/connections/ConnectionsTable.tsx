import { Group, Stack, Table, Text, VisuallyHidden } from "@mantine/core";
import { IconArrowLeft, IconArrowRight, IconArrowsLeftRight } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { ConnectionOverview } from "../../bindings";
import type { Direction, SideOverview } from "../../bindings";
import { ConnectionActions, type ConnectionDialog } from "./ConnectionActions";
import { DemoBadge } from "./DemoBadge";
import { LastTestCell } from "./LastTestCell";

const DIRECTION_ICONS = {
  both: IconArrowsLeftRight,
  leftToRight: IconArrowRight,
  rightToLeft: IconArrowLeft,
} as const satisfies Record<Direction, unknown>;

interface ConnectionsTableProps {
  connections: readonly ConnectionOverview[];
  label: string;
  onOpen: (dialog: ConnectionDialog, connection: ConnectionOverview) => void;
}

/**
 * One row per connection: its name, both servers with their credentials, the direction,
 * the last Test connection, and the actions.
 */
export function ConnectionsTable({ connections, label, onOpen }: ConnectionsTableProps) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={880}>
      <Table verticalSpacing="sm" aria-label={label} data-testid="connections-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("connections.list.name")}</Table.Th>
            <Table.Th scope="col">{t("connections.list.left")}</Table.Th>
            <Table.Th scope="col">{t("connections.list.direction")}</Table.Th>
            <Table.Th scope="col">{t("connections.list.right")}</Table.Th>
            <Table.Th scope="col">{t("connections.list.lastTest")}</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>{t("connections.list.actions")}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {connections.map((connection) => (
            <Table.Tr key={connection.id} data-testid="connection-row">
              <Table.Th scope="row" fw={600} style={{ verticalAlign: "top" }}>
                <Stack gap={4} align="flex-start">
                  <span>{connection.name}</span>
                  {connection.isDemo ? <DemoBadge /> : null}
                </Stack>
              </Table.Th>
              <Table.Td style={{ verticalAlign: "top" }}>
                <SideCell side={connection.left} />
              </Table.Td>
              {/* Wide enough that a short phrase ("双方向") never breaks inside a word. */}
              <Table.Td miw={108} style={{ verticalAlign: "top" }}>
                <DirectionText direction={connection.direction} />
              </Table.Td>
              <Table.Td style={{ verticalAlign: "top" }}>
                <SideCell side={connection.right} />
              </Table.Td>
              <Table.Td miw={132} style={{ verticalAlign: "top" }}>
                <LastTestCell
                  lastTest={connection.lastTest}
                  connectionName={connection.name}
                  onShow={() => onOpen("last", connection)}
                />
              </Table.Td>
              <Table.Td style={{ verticalAlign: "top" }}>
                <ConnectionActions connection={connection} onOpen={onOpen} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** An arrow for the eye and the same in words, which is what screen readers read. */
function DirectionText({ direction }: { direction: Direction }) {
  const { t } = useTranslation();
  const Icon = DIRECTION_ICONS[direction];
  return (
    <Group gap={6} wrap="nowrap" align="flex-start" maw={130} data-testid="connection-direction">
      <Icon size={20} aria-hidden style={{ flexShrink: 0 }} />
      <Text size="sm">
        {t(`connections.direction.${direction}`)}
      </Text>
    </Group>
  );
}

function SideCell({ side }: { side: SideOverview }) {
  const { t } = useTranslation();
  const { server, credentialLabel } = side;
  return (
    <Stack gap={2}>
      <Text size="xs" fw={700} c="dimmed">
        {t(`workspace.kinds.${server.kind}`)}
      </Text>
      <Text size="sm" fw={600}>
        {server.name}
      </Text>
      <Text size="xs" ff="monospace" style={{ overflowWrap: "anywhere" }}>
        {server.baseUrl}
      </Text>
      <Text size="xs" c="dimmed">
        {credentialLabel
          ? t("connections.list.credential", { label: credentialLabel })
          : t("connections.list.noCredential")}
      </Text>
    </Stack>
  );
}
