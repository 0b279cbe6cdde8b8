import { Badge, Box, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { OpStatus, PlannedOp } from "../../api/syncTypes";
import { sideName, type SideNames } from "./sides";

const STATUS_COLOURS: Record<OpStatus, string> = {
  planned: "gray.9",
  sent: "blue.9",
  done: "teal.9",
  failed: "red.9",
  healed: "cyan.9",
  skipped: "yellow.4",
};

interface OpsTableProps {
  ops: readonly PlannedOp[];
  sides: SideNames;
  label: string;
  /** Run detail: each operation's journal status too. */
  withStatus?: boolean;
}

/** Planned (or done) writes: what, where, and each field before → after. */
export function OpsTable({ ops, sides, label, withStatus = false }: OpsTableProps) {
  const { t } = useTranslation();
  if (ops.length === 0) {
    return (
      <Text size="sm" data-testid="ops-empty">
        {t("sync.ops.none")}
      </Text>
    );
  }
  return (
    <Box style={{ overflowX: "auto" }} tabIndex={0} role="region" aria-label={label}>
      <Table aria-label={label} data-testid="ops-table" verticalSpacing="xs" miw={640}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("sync.ops.item")}</Table.Th>
            <Table.Th scope="col">{t("sync.ops.action")}</Table.Th>
            <Table.Th scope="col">{t("sync.ops.writtenTo")}</Table.Th>
            <Table.Th scope="col">{t("sync.ops.changes")}</Table.Th>
            {withStatus ? <Table.Th scope="col">{t("sync.ops.status")}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ops.map((op) => (
            <Table.Tr key={op.key} data-testid="op-row" data-action={op.action}>
              <Table.Th scope="row" fw={500}>
                {op.title}
                <Text size="xs" c="dimmed">
                  {t(`sync.entity.${op.entity}`)}
                </Text>
              </Table.Th>
              <Table.Td>{t(`sync.ops.actions.${op.action}`)}</Table.Td>
              <Table.Td>{sideName(sides, op.side)}</Table.Td>
              <Table.Td>
                {op.changes.map((change) => (
                  <Text size="sm" key={change.field}>
                    {t("sync.ops.change", {
                      field: change.field,
                      before: change.before ?? t("sync.ops.empty"),
                      after: change.after ?? t("sync.ops.empty"),
                    })}
                  </Text>
                ))}
              </Table.Td>
              {withStatus ? (
                <Table.Td>
                  <Badge color={STATUS_COLOURS[op.status]} autoContrast variant="filled">
                    {t(`sync.ops.statuses.${op.status}`)}
                  </Badge>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Box>
  );
}
