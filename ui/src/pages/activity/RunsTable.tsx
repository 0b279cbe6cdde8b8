import { Box, Button, Table, Text } from "@mantine/core";
import { forwardRef } from "react";
import { useTranslation } from "react-i18next";
import type { RunSummary } from "../../api/syncTypes";
import { formatDateTime } from "../../i18n/format";
import { RunOutcomeBadge } from "../sync/RunOutcomeBadge";
import { useSyncText } from "../sync/useSyncText";

/** "1 min 12 s", or "—" while the run goes on. */
function useDuration() {
  const { t } = useTranslation();
  return (run: RunSummary) => {
    if (!run.finishedAt) return t("runs.stillRunning");
    const seconds = Math.max(0, Math.round((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000));
    return seconds >= 60 ? t("runs.minutes", { minutes: Math.floor(seconds / 60), seconds: seconds % 60 }) : t("runs.seconds", { count: seconds });
  };
}

interface RunsTableProps {
  runs: readonly RunSummary[];
  onOpen: (run: RunSummary) => void;
}

/** Every run, newest first: what started it, how long, how it ended and what it wrote on each side. */
export const RunsTable = forwardRef<HTMLTableElement, RunsTableProps>(function RunsTable({ runs, onOpen }, ref) {
  const { t, i18n } = useTranslation();
  const text = useSyncText();
  const duration = useDuration();
  return (
    <Box style={{ overflowX: "auto" }}>
      <Table ref={ref} tabIndex={-1} aria-label={t("runs.tableLabel")} data-testid="runs-table" verticalSpacing="xs" miw={1040}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("runs.started")}</Table.Th>
            <Table.Th scope="col">{t("runs.profile")}</Table.Th>
            <Table.Th scope="col">{t("runs.trigger")}</Table.Th>
            <Table.Th scope="col">{t("runs.duration")}</Table.Th>
            <Table.Th scope="col">{t("runs.outcome")}</Table.Th>
            <Table.Th scope="col">{t("runs.written")}</Table.Th>
            <Table.Th scope="col">{t("runs.problems")}</Table.Th>
            <Table.Th scope="col">{t("runs.requests")}</Table.Th>
            <Table.Th scope="col">{t("runs.details")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {runs.map((run) => {
            const started = formatDateTime(run.startedAt, i18n.language);
            const [left, right] = run.requests;
            return (
              <Table.Tr key={run.id} data-testid="run-row" data-run-id={run.id}>
                <Table.Th scope="row" fw={500}>
                  {started}
                </Table.Th>
                <Table.Td>{run.profileName}</Table.Td>
                <Table.Td>
                  {t(`runs.triggers.${run.trigger}`)}
                  {run.dryRun ? (
                    <Text size="xs" c="dimmed">
                      {t("runs.dryRun")}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{duration(run)}</Table.Td>
                <Table.Td>
                  <RunOutcomeBadge outcome={run.outcome} />
                </Table.Td>
                <Table.Td data-testid="run-counts">
                  <Text size="sm">{t("sync.status.sideCounts", { server: left?.serverName ?? t("sync.left"), counts: text.counts(run.left) })}</Text>
                  <Text size="sm">{t("sync.status.sideCounts", { server: right?.serverName ?? t("sync.right"), counts: text.counts(run.right) })}</Text>
                </Table.Td>
                <Table.Td>{run.problems}</Table.Td>
                <Table.Td>
                  {run.requests.map((item) => (
                    <Text size="sm" key={item.serverId}>
                      {t("runs.requestCount", { server: item.serverName, count: item.requests })}
                    </Text>
                  ))}
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-sm"
                    variant="default"
                    aria-label={t("runs.openNamed", { name: run.profileName, when: started })}
                    onClick={() => onOpen(run)}
                    data-testid="run-open"
                  >
                    {t("runs.open")}
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Box>
  );
});
