import { Table } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ActionCounts } from "../../api/syncTypes";
import type { SideNames } from "./sides";

const ROWS = ["created", "updated", "deleted", "unchanged", "problems"] as const;

/** Per action, how many items on each server. */
export function CountsTable({ left, right, sides, label }: { left: ActionCounts; right: ActionCounts; sides: SideNames; label: string }) {
  const { t } = useTranslation();
  return (
    <Table aria-label={label} data-testid="counts-table" withTableBorder maw={560}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t("sync.counts.action")}</Table.Th>
          <Table.Th scope="col">{sides.left}</Table.Th>
          <Table.Th scope="col">{sides.right}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {ROWS.map((row) => (
          <Table.Tr key={row}>
            <Table.Th scope="row" fw={500}>
              {t(`sync.counts.rows.${row}`)}
            </Table.Th>
            <Table.Td data-testid={`count-left-${row}`}>{left[row]}</Table.Td>
            <Table.Td data-testid={`count-right-${row}`}>{right[row]}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
