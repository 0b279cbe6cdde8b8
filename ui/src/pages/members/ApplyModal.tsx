import { Alert, Button, Group, List, Stack, Text } from "@mantine/core";
import { IconCloudUpload } from "@tabler/icons-react";
import { useEffect, useEffectEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMembersApply, useMembersPreview } from "../../api/members";
import type { ApplyReport, MemberDiff, ProjectMembers, Staged } from "../../api/membersTypes";
import { AppModal } from "../../components/AppModal";
import { BusyButton } from "../../components/BusyButton";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { ApplyResultView } from "./ApplyResultView";
import { ConflictView } from "./ConflictView";
import { DiffView } from "./DiffView";
import { diffSize, type DroppedEdit } from "./staging";

type Phase = { step: "preview" } | { step: "result"; report: ApplyReport } | { step: "conflict"; changed: MemberDiff; current: ProjectMembers };

interface ApplyModalProps {
  opened: boolean;
  serverId: number;
  base: ProjectMembers;
  staged: Staged;
  onClose: () => void;
  /** The server took the edits (some perhaps refused): the screen shows `report.after`. */
  onApplied: (report: ApplyReport) => void;
  /** Nothing was applied: someone else changed the members (the dialog shows what). */
  onConflict: () => void;
  /** Carry the edits over to `current`: the edits now staged, and those that no longer applied. */
  onKeep: (current: ProjectMembers) => { staged: Staged; dropped: DroppedEdit[] };
  /** Drop the edits and load the members afresh. */
  onDiscard: () => void;
}

/**
 * Preview, then apply: the back end's preview of exactly what would change; Apply writes
 * it in one go. Then either the result (what really changed, what was refused), or — when
 * someone else changed the members since they were loaded — the conflict and the choice.
 */
export function ApplyModal({ opened, onClose, ...props }: ApplyModalProps) {
  const { t } = useTranslation();
  const [title, setTitle] = useState<Phase["step"]>("preview");
  const [busy, setBusy] = useState(false);
  const titles = { preview: t("members.preview.title"), result: t("members.result.title"), conflict: t("members.conflict.title") };
  // Closing while the apply is under way would hide its outcome: wait for it.
  const close = () => {
    if (!busy) onClose();
  };
  return (
    <AppModal opened={opened} onClose={close} title={titles[title]} size="xl" testId="apply-dialog">
      <ApplyFlow {...props} onClose={close} onStep={setTitle} onBusy={setBusy} />
    </AppModal>
  );
}

interface ApplyFlowProps extends Omit<ApplyModalProps, "opened"> {
  onStep: (step: Phase["step"]) => void;
  onBusy: (busy: boolean) => void;
}

/** The dialog's content; it mounts afresh on each opening, starting with the preview. */
function ApplyFlow({ serverId, base, staged, onClose, onApplied, onConflict, onKeep, onDiscard, onStep, onBusy }: ApplyFlowProps) {
  const { t } = useTranslation();
  const preview = useMembersPreview();
  const apply = useMembersApply(serverId);
  const [phase, setPhaseState] = useState<Phase>({ step: "preview" });
  const [dropped, setDropped] = useState<DroppedEdit[]>([]);
  // Apply sends exactly the edits previewed, on exactly the members they were previewed on.
  const [previewed, setPreviewed] = useState<{ base: ProjectMembers; staged: Staged }>({ base, staged });
  const { mutate: runPreview } = preview;

  // The button that moved the dialog on is gone with its view: focus goes to the new one.
  const introRef = useRef<HTMLParagraphElement>(null);
  const doneRef = useRef<HTMLButtonElement>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const focusNext = useRef<Phase["step"] | null>(null);
  useEffect(() => {
    const step = focusNext.current;
    focusNext.current = null;
    if (step) ({ preview: introRef, result: doneRef, conflict: keepRef })[step].current?.focus();
  }, [phase]);

  const setPhase = (next: Phase) => {
    focusNext.current = next.step;
    setPhaseState(next);
    onStep(next.step);
  };
  const startPreview = (on: { base: ProjectMembers; staged: Staged }) => {
    setPreviewed(on);
    preview.reset();
    apply.reset();
    runPreview(on);
  };
  const firstPreview = useEffectEvent(() => {
    onStep("preview");
    runPreview(previewed);
  });
  useEffect(() => firstPreview(), []);

  const confirm = () => {
    onBusy(true);
    apply.mutate(previewed, {
      onSettled: () => onBusy(false),
      onSuccess: ({ outcome }) => {
        if (outcome.outcome === "conflict") {
          setPhase({ step: "conflict", changed: outcome.changed, current: outcome.current });
          onConflict();
          return;
        }
        const { outcome: _tag, ...report } = outcome;
        setPhase({ step: "result", report });
        onApplied(report);
      },
    });
  };
  const count = preview.data ? diffSize(preview.data) : 0;

  return (
    <>
      {phase.step === "preview" ? (
        <Stack gap="md" data-testid="apply-preview">
          <Text ref={introRef} tabIndex={-1}>
            {t("members.preview.intro")}
          </Text>
          {dropped.length > 0 ? <DroppedNotice dropped={dropped} /> : null}
          {preview.isPending || preview.isIdle ? <LoadingState /> : null}
          {preview.error ? <ErrorAlert title={t("members.preview.failed")} error={preview.error} /> : null}
          {preview.data ? (
            count > 0 ? (
              <DiffView diff={preview.data} tense="future" testId="preview-diff" />
            ) : (
              <Text fw={600}>{t("members.preview.empty")}</Text>
            )
          ) : null}
          {apply.error ? <ErrorAlert title={t("members.preview.applyFailed")} error={apply.error} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} data-autofocus>
              {t("members.preview.back")}
            </Button>
            <BusyButton
              busy={apply.isPending}
              disabled={!preview.data || count === 0}
              onClick={confirm}
              leftSection={<IconCloudUpload size={18} aria-hidden />}
              data-testid="apply-confirm"
            >
              {t("members.preview.apply", { count })}
            </BusyButton>
          </Group>
        </Stack>
      ) : null}
      {phase.step === "result" ? (
        <Stack gap="md">
          <ApplyResultView report={phase.report} />
          <Group justify="flex-end">
            <Button ref={doneRef} onClick={onClose} data-testid="result-done">
              {t("members.result.done")}
            </Button>
          </Group>
        </Stack>
      ) : null}
      {phase.step === "conflict" ? (
        <ConflictView
          keepRef={keepRef}
          changed={phase.changed}
          onKeep={() => {
            const kept = onKeep(phase.current);
            setDropped(kept.dropped);
            setPhase({ step: "preview" });
            startPreview({ base: phase.current, staged: kept.staged });
          }}
          onDiscard={() => {
            onDiscard();
            onClose();
          }}
        />
      ) : null}
    </>
  );
}

/** After "keep my edits": the edits that did not survive the other person's changes. */
function DroppedNotice({ dropped }: { dropped: readonly DroppedEdit[] }) {
  const { t } = useTranslation();
  return (
    <Alert color="yellow" variant="light" title={t("members.preview.dropped", { count: dropped.length })} data-testid="dropped-edits">
      <List size="sm">
        {dropped.map((edit) => (
          <List.Item key={`${edit.action}-${edit.userId}`}>{t(`members.preview.droppedReason.${edit.reason}`, { name: edit.name })}</List.Item>
        ))}
      </List>
    </Alert>
  );
}
