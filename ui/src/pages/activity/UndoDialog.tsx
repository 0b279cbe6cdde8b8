import { Button, Group, Stack, Text } from "@mantine/core";
import { IconArrowBackUp } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApplyUndo, useUndoPlan } from "../../api/memberAudit";
import type { AuditEntry, MemberDiff, MembersApplied } from "../../api/membersTypes";
import { AppModal } from "../../components/AppModal";
import { BusyButton } from "../../components/BusyButton";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LiveRegion } from "../../components/LiveRegion";
import { LoadingState } from "../../components/LoadingState";
import { useFocusOnMount } from "../../components/useFocusOnMount";
import { formatDateTime } from "../../i18n/format";
import { MemberDiffTable } from "./MemberDiffTable";
import { UndoResult, undoResultText } from "./UndoResult";
import { diffSize } from "./undoable";

interface UndoDialogProps {
  /** The apply to undo; null while closed. */
  entry: AuditEntry | null;
  /** `applied`: the undo went through, and the button that opened the dialog is gone. */
  onClose: (applied: boolean) => void;
}

/**
 * Undo one apply: its inverse, worked out on the members as they are now, previewed before
 * → after; Apply sends it like any other change (checked for changes made meanwhile).
 */
export function UndoDialog({ entry, onClose }: UndoDialogProps) {
  const { t } = useTranslation();
  const [applied, setApplied] = useState(false);
  const close = () => {
    onClose(applied);
    setApplied(false);
  };
  return (
    <AppModal
      opened={entry !== null}
      onClose={close}
      title={entry ? t("activity.undo.title", { project: entry.projectName }) : ""}
      size="xl"
      testId="undo-dialog"
      returnFocus={!applied}
    >
      {entry ? <UndoFlow key={entry.id} entry={entry} onApplied={() => setApplied(true)} onClose={close} /> : null}
    </AppModal>
  );
}

interface UndoFlowProps {
  entry: AuditEntry;
  onApplied: () => void;
  onClose: () => void;
}

function UndoFlow({ entry, onApplied, onClose }: UndoFlowProps) {
  const { t } = useTranslation();
  const plan = useUndoPlan(entry.id);
  const apply = useApplyUndo();
  const [announcement, setAnnouncement] = useState("");

  const run = () => {
    if (!plan.data || apply.isPending) return;
    const { serverId, base, staged } = plan.data;
    apply.mutate(
      { serverId, base, staged },
      {
        onSuccess: (result: MembersApplied) => {
          if (result.outcome.outcome === "applied") onApplied();
          setAnnouncement(undoResultText(result, entry.projectName, t));
        },
      },
    );
  };
  const reload = () => {
    apply.reset();
    setAnnouncement("");
    void plan.refetch();
  };

  let body;
  if (apply.data) {
    body = <UndoResult result={apply.data} projectName={entry.projectName} onReload={reload} onClose={onClose} />;
  } else if (plan.isPending) {
    body = <LoadingState />;
  } else if (plan.isError) {
    body = <PlanFailed error={plan.error} onRetry={() => void plan.refetch()} onClose={onClose} />;
  } else {
    body = (
      <UndoPreview
        entry={entry}
        preview={plan.data.preview}
        busy={apply.isPending || plan.isFetching}
        error={apply.error}
        onApply={run}
        onCancel={onClose}
      />
    );
  }
  return (
    <>
      <LiveRegion text={announcement} testId="undo-announcement" />
      {body}
    </>
  );
}

/** Why there is no plan (someone is no longer where the apply left them), and Close, focused. */
function PlanFailed({ error, onRetry, onClose }: { error: unknown; onRetry: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const close = useFocusOnMount<HTMLButtonElement>();
  return (
    <Stack gap="md">
      <ErrorAlert title={t("activity.undo.planFailed")} error={error} onRetry={onRetry} />
      <Group justify="flex-end">
        <Button ref={close} variant="default" onClick={onClose}>
          {t("common.close")}
        </Button>
      </Group>
    </Stack>
  );
}

interface UndoPreviewProps {
  entry: AuditEntry;
  preview: MemberDiff;
  busy: boolean;
  /** Why the last Apply failed; null when it did not. */
  error: unknown;
  onApply: () => void;
  onCancel: () => void;
}

/** The inverse diff, before → after, and Apply; Cancel is focused (the plan arrives after the dialog opened). */
function UndoPreview({ entry, preview, busy, error, onApply, onCancel }: UndoPreviewProps) {
  const { t, i18n } = useTranslation();
  const cancel = useFocusOnMount<HTMLButtonElement>();
  return (
    <Stack gap="md" data-testid="undo-preview">
      <Text size="sm">
        {t("activity.undo.intro", { when: formatDateTime(entry.appliedAt, i18n.language), project: entry.projectName })}
      </Text>
      <MemberDiffTable diff={preview} label={t("activity.undo.previewLabel")} testId="undo-diff" />
      <Text size="sm" c="dimmed">
        {t("activity.undo.nothingYet")}
      </Text>
      {error ? <ErrorAlert title={t("activity.undo.applyFailed")} error={error} /> : null}
      <Group justify="flex-end" gap="sm">
        <Button ref={cancel} variant="default" onClick={onCancel}>
          {t("common.cancel")}
        </Button>
        <BusyButton busy={busy} onClick={onApply} leftSection={<IconArrowBackUp size={18} aria-hidden />} data-testid="undo-apply">
          {t("activity.undo.apply", { count: diffSize(preview) })}
        </BusyButton>
      </Group>
    </Stack>
  );
}
