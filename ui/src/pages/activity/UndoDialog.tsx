import { Button, Group, Stack, Text } from "@mantine/core";
import { IconArrowBackUp } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApplyUndo, useUndoPlan } from "../../api/memberAudit";
import type { AuditEntry, MembersApplied } from "../../api/membersTypes";
import { AppModal } from "../../components/AppModal";
import { BusyButton } from "../../components/BusyButton";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LiveRegion } from "../../components/LiveRegion";
import { LoadingState } from "../../components/LoadingState";
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
  const { t, i18n } = useTranslation();
  const plan = useUndoPlan(entry.id);
  const apply = useApplyUndo();
  const [announcement, setAnnouncement] = useState("");
  const when = formatDateTime(entry.appliedAt, i18n.language);

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
  } else if (plan.isPending || (plan.isFetching && !plan.data)) {
    body = <LoadingState />;
  } else if (plan.isError) {
    body = (
      <Stack gap="md">
        <ErrorAlert title={t("activity.undo.planFailed")} error={plan.error} onRetry={() => void plan.refetch()} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t("common.close")}
          </Button>
        </Group>
      </Stack>
    );
  } else {
    const count = diffSize(plan.data.preview);
    body = (
      <Stack gap="md" data-testid="undo-preview">
        <Text size="sm">{t("activity.undo.intro", { when, project: entry.projectName })}</Text>
        <MemberDiffTable diff={plan.data.preview} label={t("activity.undo.previewLabel")} testId="undo-diff" />
        <Text size="sm" c="dimmed">
          {t("activity.undo.nothingYet")}
        </Text>
        {apply.isError ? <ErrorAlert title={t("activity.undo.applyFailed")} error={apply.error} /> : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t("common.cancel")}
          </Button>
          <BusyButton
            busy={apply.isPending || plan.isFetching}
            onClick={run}
            leftSection={<IconArrowBackUp size={18} aria-hidden />}
            data-testid="undo-apply"
          >
            {t("activity.undo.apply", { count })}
          </BusyButton>
        </Group>
      </Stack>
    );
  }
  return (
    <>
      <LiveRegion text={announcement} testId="undo-announcement" />
      {body}
    </>
  );
}
