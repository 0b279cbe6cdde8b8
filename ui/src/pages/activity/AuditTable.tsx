import { ActionIcon, Button, Table, Text, VisuallyHidden } from "@mantine/core";
import { IconArrowBackUp, IconChevronDown, IconChevronRight } from "@tabler/icons-react";
import { Fragment, useMemo, useState, type Ref } from "react";
import { useTranslation } from "react-i18next";
import type { AuditEntry } from "../../api/membersTypes";
import { formatDateTime } from "../../i18n/format";
import { AuditDetails } from "./AuditDetails";
import { undoableIds } from "./undoable";

const COLUMNS = 10;

interface AuditTableProps {
  entries: readonly AuditEntry[];
  onUndo: (entry: AuditEntry) => void;
  /** Focus lands on the table when the button that opened a dialog is gone (an undone apply). */
  ref?: Ref<HTMLTableElement>;
}

/**
 * One row per apply, newest first: when, who (the OS user and the TimeTracker NX account),
 * which project and how many members were added, changed, removed or refused. A row opens
 * to the before/after per member; the newest apply of each project can be undone.
 */
export function AuditTable({ entries, onUndo, ref }: AuditTableProps) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const undoable = useMemo(() => undoableIds(entries), [entries]);
  const toggle = (id: number) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <Table.ScrollContainer minWidth={720}>
      <Table ref={ref} tabIndex={-1} verticalSpacing="sm" aria-label={t("activity.audit.tableLabel")} data-testid="audit-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={44}>
              <VisuallyHidden>{t("activity.audit.detailsColumn")}</VisuallyHidden>
            </Table.Th>
            {/* Wide enough for a date and time on two lines at most, in every language. */}
            <Table.Th scope="col" miw={132}>
              {t("activity.audit.when")}
            </Table.Th>
            <Table.Th scope="col">{t("activity.audit.osUser")}</Table.Th>
            <Table.Th scope="col">{t("activity.audit.ttnxUser")}</Table.Th>
            <Table.Th scope="col">{t("activity.audit.project")}</Table.Th>
            <Table.Th scope="col" ta="end">
              {t("activity.audit.adds")}
            </Table.Th>
            <Table.Th scope="col" ta="end">
              {t("activity.audit.updates")}
            </Table.Th>
            <Table.Th scope="col" ta="end">
              {t("activity.audit.removes")}
            </Table.Th>
            <Table.Th scope="col" ta="end">
              {t("activity.audit.failures")}
            </Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>{t("activity.audit.actions")}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => {
            const when = formatDateTime(entry.appliedAt, i18n.language);
            const expanded = open.has(entry.id);
            const detailsId = `audit-details-${entry.id}`;
            const named = { when, project: entry.projectName };
            return (
              <Fragment key={entry.id}>
                <Table.Tr data-testid="audit-row" data-audit-id={entry.id}>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      size="lg"
                      onClick={() => toggle(entry.id)}
                      aria-expanded={expanded}
                      // Points at the details only while they exist.
                      aria-controls={expanded ? detailsId : undefined}
                      aria-label={t("activity.audit.showDetails", named)}
                      data-testid="audit-expand"
                    >
                      {expanded ? <IconChevronDown size={18} aria-hidden /> : <IconChevronRight size={18} aria-hidden />}
                    </ActionIcon>
                  </Table.Td>
                  <Table.Th scope="row" fw={600}>
                    {when}
                  </Table.Th>
                  <Table.Td>{entry.osUser}</Table.Td>
                  <Table.Td>{entry.ttnxUser}</Table.Td>
                  <Table.Td>{entry.projectName}</Table.Td>
                  <CountCell value={entry.changes.adds.length} />
                  <CountCell value={entry.changes.updates.length} />
                  <CountCell value={entry.changes.removes.length} />
                  <CountCell value={entry.failures.length} warn />
                  <Table.Td>
                    {undoable.has(entry.id) ? (
                      <Button
                        size="xs"
                        variant="default"
                        leftSection={<IconArrowBackUp size={16} aria-hidden />}
                        onClick={() => onUndo(entry)}
                        aria-label={t("activity.audit.undoNamed", named)}
                        data-testid="audit-undo"
                      >
                        {t("activity.audit.undo")}
                      </Button>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
                {expanded ? (
                  <Table.Tr id={detailsId} data-testid="audit-details">
                    <Table.Td colSpan={COLUMNS} bg="var(--mantine-color-default-hover)">
                      <AuditDetails entry={entry} when={when} />
                    </Table.Td>
                  </Table.Tr>
                ) : null}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function CountCell({ value, warn = false }: { value: number; warn?: boolean }) {
  return (
    <Table.Td ta="end" style={{ fontVariantNumeric: "tabular-nums" }}>
      <Text span size="sm" fw={warn && value > 0 ? 700 : 400} c={warn && value > 0 ? "var(--mantine-color-error)" : undefined}>
        {value}
      </Text>
    </Table.Td>
  );
}
