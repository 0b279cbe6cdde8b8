import { ActionIcon, Badge, Box, Checkbox, Group, Table, Text, Tooltip, VisuallyHidden } from "@mantine/core";
import { IconArrowBackUp } from "@tabler/icons-react";
import type { CSSProperties } from "react";
import { useTranslation } from "react-i18next";
import { CostCell } from "./CostCell";
import type { MemberRow, RowChange, SortOrder } from "./rows";
import { SortHeader } from "./SortHeader";
import { useMemberFormat } from "./useMemberFormat";
import { ROW_HEIGHT, useRowWindow, VIEWPORT_HEIGHT } from "./useRowWindow";

interface MembersTableProps {
  rows: readonly MemberRow[];
  label: string;
  order: SortOrder;
  onSort: (order: SortOrder) => void;
  selected: ReadonlySet<string>;
  onSelect: (userIds: readonly string[], selected: boolean) => void;
  canManage: boolean;
  onSetCost: (userId: string, cost: number | null) => string | null;
  onUndo: (userId: string) => void;
}

/**
 * Staged rows are tinted by what will happen to them, and say it in words too; the
 * badges are filled with automatic text colour, so their contrast holds in both schemes.
 */
const CHANGE_COLOURS: Record<RowChange, { background: string; badge: string }> = {
  add: { background: "var(--mantine-color-teal-light)", badge: "teal.9" },
  update: { background: "var(--mantine-color-yellow-light)", badge: "yellow.4" },
  remove: { background: "var(--mantine-color-red-light)", badge: "red.9" },
};

const ellipsis: CSSProperties = { whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis" };

/**
 * The members (and users staged to be added) of the open project, windowed: only the rows
 * in view are in the DOM, while aria-rowcount and aria-rowindex tell screen readers where
 * they are in the whole list. The header stays in view while the rows scroll.
 */
export function MembersTable({ rows, label, order, onSort, selected, onSelect, canManage, onSetCost, onUndo }: MembersTableProps) {
  const { t } = useTranslation();
  const format = useMemberFormat();
  const { boxRef, onScroll, window } = useRowWindow(rows.length);
  const shown = rows.slice(window.first, window.last);
  const selectedShown = rows.filter((row) => selected.has(row.userId)).length;
  const allSelected = rows.length > 0 && selectedShown === rows.length;

  return (
    <Box
      ref={boxRef}
      onScroll={onScroll}
      mah={VIEWPORT_HEIGHT}
      style={{ overflow: "auto", border: "1px solid var(--mantine-color-default-border)", borderRadius: "var(--mantine-radius-sm)" }}
      tabIndex={0}
      role="region"
      aria-label={t("members.table.scrollRegion", { label })}
      data-testid="members-scroll"
    >
      <Table stickyHeader miw={760} aria-label={label} aria-rowcount={rows.length + 1} data-testid="members-table" style={{ tableLayout: "fixed" }}>
        <Table.Thead>
          <Table.Tr aria-rowindex={1}>
            {/* Fixed columns plus percentages fill the 760 px that a 1280 px window leaves. */}
            <Table.Th scope="col" w={48}>
              <Checkbox
                aria-label={t("members.table.selectAll")}
                checked={allSelected}
                indeterminate={selectedShown > 0 && !allSelected}
                disabled={!canManage || rows.length === 0}
                onChange={() => onSelect(rows.map((row) => row.userId), !allSelected)}
                data-testid="select-all"
              />
            </Table.Th>
            <SortHeader column="name" label={t("members.table.name")} order={order} onSort={onSort} width="20%" />
            <SortHeader column="login" label={t("members.table.login")} order={order} onSort={onSort} width="12%" />
            <SortHeader column="organization" label={t("members.table.organization")} order={order} onSort={onSort} width="14%" />
            <SortHeader column="unitCost" label={t("members.table.unitCost")} order={order} onSort={onSort} width="25%" />
            <SortHeader column="memberSince" label={t("members.table.memberSince")} order={order} onSort={onSort} width="15%" />
            <Table.Th scope="col" w={56}>
              <VisuallyHidden>{t("members.table.actions")}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {window.padTop > 0 ? <Spacer height={window.padTop} /> : null}
          {shown.map((row, offset) => {
            const colours = row.change ? CHANGE_COLOURS[row.change] : null;
            return (
              <Table.Tr
                key={row.userId}
                aria-rowindex={window.first + offset + 2}
                h={ROW_HEIGHT}
                bg={colours?.background}
                data-testid="member-row"
                data-change={row.change ?? undefined}
              >
                <Table.Td>
                  <Checkbox
                    aria-label={t("members.table.select", { name: row.name })}
                    checked={selected.has(row.userId)}
                    disabled={!canManage}
                    onChange={(event) => onSelect([row.userId], event.currentTarget.checked)}
                  />
                </Table.Td>
                <Table.Th scope="row" fw={600} fz="sm">
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" fw={600} style={ellipsis} td={row.change === "remove" ? "line-through" : undefined} title={row.name}>
                      {row.name}
                    </Text>
                    {row.change && colours ? (
                      <Badge size="sm" color={colours.badge} autoContrast tt="none" style={{ flexShrink: 0 }} data-testid="change-badge">
                        {t(`members.change.${row.change}`)}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Th>
                <Table.Td fz="sm" style={ellipsis} title={row.login ?? undefined}>
                  {row.login ?? "—"}
                </Table.Td>
                <Table.Td fz="sm" style={ellipsis} title={row.organization ?? undefined}>
                  {row.organization ?? "—"}
                </Table.Td>
                <Table.Td>
                  <CostCell
                    row={row}
                    canEdit={canManage}
                    onSave={(cost) => onSetCost(row.userId, cost)}
                  />
                </Table.Td>
                <Table.Td fz="sm" style={ellipsis}>
                  {format.date(row.memberSince)}
                </Table.Td>
                <Table.Td>
                  {row.change ? (
                    <Tooltip label={t("members.cost.undo", { name: row.name })}>
                      <ActionIcon
                        variant="subtle"
                        size="md"
                        onClick={(event) => {
                          // The undo button goes with the change: keep focus in the row, on its pencil.
                          const tr = event.currentTarget.closest("tr");
                          onUndo(row.userId);
                          requestAnimationFrame(() => tr?.querySelector<HTMLButtonElement>('[data-testid="cost-edit"]')?.focus());
                        }}
                        aria-label={t("members.cost.undo", { name: row.name })}
                        data-testid="row-undo"
                      >
                        <IconArrowBackUp size={18} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            );
          })}
          {window.padBottom > 0 ? <Spacer height={window.padBottom} /> : null}
        </Table.Tbody>
      </Table>
    </Box>
  );
}

/** Stands in for the rows scrolled out of view, so the scroll bar fits the whole list. */
function Spacer({ height }: { height: number }) {
  return (
    <tr aria-hidden="true" style={{ height }}>
      <td colSpan={7} style={{ padding: 0, border: 0 }} />
    </tr>
  );
}
