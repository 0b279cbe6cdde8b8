import { Group, List, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useRunDetail } from "../../api/sync";
import type { RunSummary } from "../../api/syncTypes";
import { AppModal } from "../../components/AppModal";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { formatDateTime } from "../../i18n/format";
import { CountsTable } from "../sync/CountsTable";
import { OpsTable } from "../sync/OpsTable";
import { RunOutcomeBadge } from "../sync/RunOutcomeBadge";
import { useSyncText } from "../sync/useSyncText";

/** One run: its counts, every operation with its journal status, and the problems it met. */
export function RunDetailDialog({ run, onClose }: { run: RunSummary | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const text = useSyncText();
  const detail = useRunDetail(run?.id ?? null);
  const sides = { left: run?.requests[0]?.serverName ?? t("sync.left"), right: run?.requests[1]?.serverName ?? t("sync.right") };
  return (
    <AppModal
      opened={run !== null}
      onClose={onClose}
      size="xl"
      title={run ? t("runs.detail.title", { name: run.profileName, when: formatDateTime(run.startedAt, i18n.language) }) : ""}
      testId="run-detail"
    >
      {detail.isPending ? <LoadingState /> : null}
      {detail.isError ? <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      {detail.data ? (
        <Stack gap="md" data-testid="run-detail-body">
          <Group gap="sm">
            <RunOutcomeBadge outcome={detail.data.summary.outcome} />
            <Text size="sm">{t(`runs.triggers.${detail.data.summary.trigger}`)}</Text>
            {detail.data.summary.dryRun ? <Text size="sm">{t("runs.dryRun")}</Text> : null}
          </Group>
          {detail.data.summary.message ? <Text size="sm">{t("errors.detail", { detail: detail.data.summary.message })}</Text> : null}
          <CountsTable left={detail.data.summary.left} right={detail.data.summary.right} sides={sides} label={t("runs.detail.countsLabel")} />
          <Title order={3} size="h4">
            {t("runs.detail.opsHeading", { count: detail.data.ops.length })}
          </Title>
          <OpsTable ops={detail.data.ops} sides={sides} label={t("runs.detail.opsLabel")} withStatus />
          <Title order={3} size="h4">
            {t("runs.detail.problemsHeading", { count: detail.data.problems.length })}
          </Title>
          {detail.data.problems.length === 0 ? (
            <Text size="sm">{t("sync.preview.noProblems")}</Text>
          ) : (
            <List size="sm">
              {detail.data.problems.map((problem) => (
                <List.Item key={problem.id}>
                  <Text span fw={600}>
                    {problem.item}
                  </Text>
                  {t("sync.colon")}
                  {text.cause(problem.cause, sides)}
                </List.Item>
              ))}
            </List>
          )}
        </Stack>
      ) : null}
    </AppModal>
  );
}
