import { Group, Table, UnstyledButton } from "@mantine/core";
import { IconArrowDown, IconArrowUp, IconArrowsSort } from "@tabler/icons-react";
import type { SortColumn, SortOrder } from "./rows";

interface SortHeaderProps {
  column: SortColumn;
  label: string;
  order: SortOrder;
  onSort: (order: SortOrder) => void;
  width?: number | string;
}

/**
 * A column heading that sorts by its column: a button inside the header cell, whose
 * `aria-sort` tells screen readers the current order. Pressing it again reverses.
 */
export function SortHeader({ column, label, order, onSort, width }: SortHeaderProps) {
  const active = order.column === column;
  const Icon = !active ? IconArrowsSort : order.direction === "ascending" ? IconArrowUp : IconArrowDown;
  return (
    <Table.Th scope="col" aria-sort={active ? order.direction : undefined} w={width}>
      <UnstyledButton
        onClick={() =>
          onSort({ column, direction: active && order.direction === "ascending" ? "descending" : "ascending" })
        }
        fw={700}
        fz="sm"
        data-testid={`sort-${column}`}
      >
        <Group gap={4} wrap="nowrap">
          <span>{label}</span>
          <Icon size={14} aria-hidden style={{ opacity: active ? 1 : 0.45, flexShrink: 0 }} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}
