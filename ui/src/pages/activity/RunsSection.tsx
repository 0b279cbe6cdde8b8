import { Button, Group, Text } from "@mantine/core";
import { IconArrowBackUp } from "@tabler/icons-react";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSyncEventsListener, useSyncProfiles, useSyncRuns } from "../../api/sync";
import type { RunSummary } from "../../api/syncTypes";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { Section } from "../../components/Section";
import { PreviewDialog, type PreviewTarget } from "../sync/PreviewDialog";
import { RunStatusPanel } from "../sync/RunStatusPanel";
import { RunDetailDialog } from "./RunDetailDialog";
import { RunsTable } from "./RunsTable";

/** A finished real run that is not itself an undo: what "Undo last run" can take back. */
const undoable = (run: RunSummary) => !run.dryRun && run.trigger !== "undo" && run.finishedAt !== null && run.outcome !== "running";

/** Sync runs on the Activity screen: the table, a run's detail, and Undo last run per profile. */
export function RunsSection() {
  const { t } = useTranslation();
  useSyncEventsListener();
  const runs = useSyncRuns();
  const profiles = useSyncProfiles();
  const [open, setOpen] = useState<RunSummary | null>(null);
  const [undoing, setUndoing] = useState<PreviewTarget | null>(null);
  const table = useRef<HTMLTableElement>(null);
  const withUndo = (profiles.data ?? []).filter((profile) => runs.data?.some((run) => run.profileId === profile.id && undoable(run)));

  return (
    <Section heading={t("activity.runs.heading")}>
      <Text size="sm">{t("activity.runs.body")}</Text>
      <RunStatusPanel profiles={profiles.data ?? []} />
      {runs.isPending ? (
        <LoadingState />
      ) : runs.isError ? (
        <ErrorAlert error={runs.error} onRetry={() => void runs.refetch()} />
      ) : runs.data.length === 0 ? (
        <Text size="sm" fw={600} data-testid="activity-runs-empty">
          {t("activity.runs.empty")}
        </Text>
      ) : (
        <>
          {withUndo.length > 0 ? (
            <Group gap="sm">
              {withUndo.map((profile) => (
                <Button
                  key={profile.id}
                  size="xs"
                  variant="default"
                  leftSection={<IconArrowBackUp size={16} aria-hidden />}
                  onClick={() => setUndoing({ profile, mode: "undo" })}
                  data-testid="run-undo"
                >
                  {t("runs.undoLast", { name: profile.name })}
                </Button>
              ))}
            </Group>
          ) : null}
          <RunsTable ref={table} runs={runs.data} onOpen={setOpen} />
        </>
      )}
      <RunDetailDialog run={open} onClose={() => setOpen(null)} />
      <PreviewDialog target={undoing} onClose={() => setUndoing(null)} onStarted={() => undefined} />
    </Section>
  );
}
