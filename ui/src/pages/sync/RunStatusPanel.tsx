import { CloseButton, Group, Paper, Progress, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useCancelRun, useDismissFinished, useLiveRuns, useProblems, useStartRun } from "../../api/sync";
import type { RunSummary, SyncProfile, SyncProgress } from "../../api/syncTypes";
import { BusyButton } from "../../components/BusyButton";
import { LiveRegion } from "../../components/LiveRegion";
import { RouteLink } from "../../components/RouteLink";
import { notifyFailure } from "../../components/notify";
import { RunOutcomeBadge } from "./RunOutcomeBadge";
import { useSideNames } from "./sides";
import { useSyncText } from "./useSyncText";

/** How far a run is: applied of total while applying, otherwise by phase. */
function percent(progress: SyncProgress): number {
  if (progress.phase === "applying" && progress.total > 0) return Math.min(100, Math.round((progress.applied / progress.total) * 100));
  const order = ["connecting", "reading", "planning", "applying", "committing", "done"];
  return Math.round((order.indexOf(progress.phase) / (order.length - 1)) * 100);
}

function RunningRun({ progress, name }: { progress: SyncProgress; name: string }) {
  const { t } = useTranslation();
  const cancel = useCancelRun();
  const value = percent(progress);
  const phase = t(`sync.phase.${progress.phase}`);
  return (
    <Paper withBorder p="md" data-testid="run-progress" data-run-id={progress.runId}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>{t("sync.status.running", { name, phase })}</Text>
          <BusyButton
            size="xs"
            variant="default"
            busy={cancel.isPending}
            onClick={() => cancel.mutate(progress.runId, { onError: (error) => notifyFailure(error, t) })}
            aria-label={t("sync.status.cancelNamed", { name })}
            data-testid="run-cancel"
          >
            {t("common.cancel")}
          </BusyButton>
        </Group>
        <Progress value={value} aria-label={t("sync.status.progressLabel", { name })} animated={progress.phase !== "done"} />
        <Text size="sm" data-testid="run-counts">
          {t("sync.status.counts", { read: progress.read, planned: progress.planned, applied: progress.applied, total: progress.total })}
        </Text>
      </Stack>
    </Paper>
  );
}

function FinishedRun({ run, connectionId }: { run: RunSummary; connectionId: number | null }) {
  const { t } = useTranslation();
  const sides = useSideNames(connectionId, { left: t("sync.left"), right: t("sync.right") });
  const text = useSyncText();
  const dismiss = useDismissFinished();
  const again = useStartRun();
  // A run reads only what changed, so it does not meet again a problem an earlier run
  // found on an item nobody touched since. Say those are still open, or a clean run
  // would look as if everything were in step.
  const openProblems = useProblems();
  const earlier = (openProblems.data ?? []).filter((problem) => problem.profileId === run.profileId && problem.runId !== run.id).length;
  return (
    <Paper withBorder p="md" data-testid="run-finished" data-run-id={run.id}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="sm">
            <Text fw={600}>{t("sync.status.finished", { name: run.profileName })}</Text>
            <RunOutcomeBadge outcome={run.outcome} />
          </Group>
          <CloseButton aria-label={t("sync.status.dismiss", { name: run.profileName })} onClick={() => dismiss(run.id)} />
        </Group>
        <Text size="sm">
          {t("sync.status.sideCounts", { server: sides.left, counts: text.counts(run.left) })}
          {t("sync.listSeparator")}
          {t("sync.status.sideCounts", { server: sides.right, counts: text.counts(run.right) })}
        </Text>
        {run.outcome === "paused" ? <Text size="sm">{t("sync.status.pausedWhy")}</Text> : null}
        {run.message ? (
          <Text size="sm" c="dimmed">
            {t("errors.detail", { detail: run.message })}
          </Text>
        ) : null}
        <Group gap="md">
          {run.problems > 0 ? <RouteLink to="activity">{t("sync.status.seeProblems", { count: run.problems })}</RouteLink> : null}
          {earlier > 0 ? <RouteLink to="activity">{t("sync.status.stillOpen", { count: earlier })}</RouteLink> : null}
          {run.outcome === "paused" ? (
            <BusyButton
              size="xs"
              color="orange.9"
              busy={again.isPending}
              onClick={() =>
                again.mutate(
                  { profileId: run.profileId, confirmBreaker: true },
                  { onSuccess: () => dismiss(run.id), onError: (error) => notifyFailure(error, t) },
                )
              }
              data-testid="run-anyway"
            >
              {t("sync.preview.runAnyway")}
            </BusyButton>
          ) : null}
        </Group>
      </Stack>
    </Paper>
  );
}

/**
 * Runs going on and runs just ended. A screen reader hears each phase change and the end
 * (not every count, which would drown everything else out).
 */
export function RunStatusPanel({ profiles }: { profiles: readonly SyncProfile[] }) {
  const { t } = useTranslation();
  const live = useLiveRuns();
  const running = Object.values(live.running);
  const nameOf = (profileId: number) => profiles.find((profile) => profile.id === profileId)?.name ?? t("common.unknown");
  const latest = live.finished.at(-1);
  const announcement = running.length
    ? running.map((progress) => t("sync.status.running", { name: nameOf(progress.profileId), phase: t(`sync.phase.${progress.phase}`) })).join(" ")
    : latest
      ? t("sync.status.announceFinished", { name: latest.profileName, outcome: t(`sync.outcome.${latest.outcome}`) })
      : "";
  return (
    <Stack gap="sm" data-testid="run-status">
      <LiveRegion text={announcement} testId="run-announcement" />
      {running.map((progress) => (
        <RunningRun key={progress.runId} progress={progress} name={nameOf(progress.profileId)} />
      ))}
      {[...live.finished].reverse().map((run) => (
        <FinishedRun key={run.id} run={run} connectionId={profiles.find((profile) => profile.id === run.profileId)?.connectionId ?? null} />
      ))}
    </Stack>
  );
}
