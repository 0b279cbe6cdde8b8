import { Button, Checkbox, Group, Stack, Text } from "@mantine/core";
import { IconPlayerPlay } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { usePreview, useStartRun, useUndoPreview, useUndoRun } from "../../api/sync";
import type { SyncProfile } from "../../api/syncTypes";
import { AppModal } from "../../components/AppModal";
import { BusyButton } from "../../components/BusyButton";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { PlanView } from "./PlanView";
import { useSideNames } from "./sides";

export interface PreviewTarget {
  profile: SyncProfile;
  /** "undo": what undoing the last run would write, then Undo. */
  mode: "preview" | "undo";
}

interface PreviewDialogProps {
  target: PreviewTarget | null;
  onClose: () => void;
  /** After a run was started (its progress shows on the Profiles screen). */
  onStarted: (runId: number) => void;
}

/**
 * A dry run of the profile (or of undoing its last run), then Run now. When the breaker
 * would pause the run, Run anyway needs a tick first: the user has seen what it pauses for.
 * The dialog; its body starts afresh (no tick, no old plan) for each profile and mode. */
export function PreviewDialog({ target, onClose, onStarted }: PreviewDialogProps) {
  const { t } = useTranslation();
  const title = target ? t(target.mode === "undo" ? "sync.preview.undoTitle" : "sync.preview.title", { name: target.profile.name }) : "";
  return (
    <AppModal opened={target !== null} onClose={onClose} title={title} size="xl" testId="preview-dialog">
      {target ? <PreviewBody key={`${target.mode}-${target.profile.id}`} target={target} onClose={onClose} onStarted={onStarted} /> : null}
    </AppModal>
  );
}

function PreviewBody({ target, onClose, onStarted }: PreviewDialogProps & { target: PreviewTarget }) {
  const { t } = useTranslation();
  const preview = usePreview();
  const undoPreview = useUndoPreview();
  const start = useStartRun();
  const undo = useUndoRun();
  const [confirmed, setConfirmed] = useState(false);
  const { mode, profile } = target;
  const plan = mode === "undo" ? undoPreview : preview;
  const run = mode === "undo" ? undo : start;
  const sides = useSideNames(profile.connectionId, { left: t("sync.left"), right: t("sync.right") });

  const { mutate: previewMutate } = preview;
  const { mutate: undoMutate } = undoPreview;
  useEffect(() => {
    if (mode === "undo") undoMutate(profile.id);
    else previewMutate(profile.id);
  }, [profile.id, mode, previewMutate, undoMutate]);

  const breaker = plan.data?.plan.breaker ?? null;
  const done = (runId: number) => {
    onStarted(runId);
    onClose();
  };
  const runNow = () => {
    if (mode === "undo") undo.mutate(profile.id, { onSuccess: done });
    else start.mutate({ profileId: profile.id, confirmBreaker: breaker !== null && confirmed }, { onSuccess: done });
  };

  return (
    <Stack gap="md">
      <Text size="sm">{t(mode === "undo" ? "sync.preview.undoIntro" : "sync.preview.intro")}</Text>
      {plan.isPending ? <LoadingState /> : null}
      {plan.isError ? <ErrorAlert error={plan.error} title={t("sync.preview.failed")} onRetry={() => plan.mutate(profile.id)} /> : null}
      {plan.data ? <PlanView plan={plan.data.plan} sides={sides} /> : null}
      {breaker ? (
        <Checkbox
          checked={confirmed}
          onChange={(event) => setConfirmed(event.currentTarget.checked)}
          label={t("sync.preview.confirmBreaker")}
          data-testid="confirm-breaker"
        />
      ) : null}
      {run.isError ? <ErrorAlert error={run.error} title={t("sync.preview.startFailed")} /> : null}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onClose}>
          {t("common.close")}
        </Button>
        {plan.data ? (
          <BusyButton
            busy={run.isPending}
            onClick={runNow}
            disabled={breaker !== null && !confirmed}
            color={breaker ? "orange.9" : undefined}
            leftSection={<IconPlayerPlay size={18} aria-hidden />}
            data-testid="preview-run"
          >
            {mode === "undo" ? t("sync.preview.undoRun") : breaker ? t("sync.preview.runAnyway") : t("sync.preview.runNow")}
          </BusyButton>
        ) : null}
      </Group>
    </Stack>
  );
}
