import { Alert, Button, Group, List, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck, IconRefresh } from "@tabler/icons-react";
import type { TFunction } from "i18next";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { MembersApplied } from "../../api/membersTypes";
import { MemberDiffTable } from "./MemberDiffTable";
import { diffSize } from "./undoable";

/** The outcome in one sentence, for the dialog's live region. */
export function undoResultText(result: MembersApplied, projectName: string, t: TFunction): string {
  const outcome = result.outcome;
  if (outcome.outcome === "conflict") return t("activity.undo.conflictTitle");
  const done = t("activity.undo.applied", { count: diffSize(outcome.changes), project: projectName });
  return outcome.failures.length > 0 ? `${done} ${t("activity.undo.someFailed", { count: outcome.failures.length })}` : done;
}

interface UndoResultProps {
  result: MembersApplied;
  projectName: string;
  onReload: () => void;
  onClose: () => void;
}

/**
 * What the undo did: applied (with any member the server refused, and why), or nothing
 * written because the members changed since the plan, with what changed and a fresh plan.
 */
export function UndoResult({ result, projectName, onReload, onClose }: UndoResultProps) {
  const { t } = useTranslation();
  const next = useRef<HTMLButtonElement>(null);
  // The Apply button is gone: focus the next thing to do.
  useEffect(() => next.current?.focus(), []);
  const outcome = result.outcome;

  if (outcome.outcome === "conflict") {
    return (
      <Stack gap="md" data-testid="undo-conflict">
        <Alert
          color="orange"
          variant="light"
          role="region"
          icon={<IconAlertTriangle aria-hidden />}
          title={t("activity.undo.conflictTitle")}
        >
          {t("activity.undo.conflictBody", { project: projectName })}
        </Alert>
        <MemberDiffTable diff={outcome.changed} label={t("activity.undo.changedLabel")} testId="undo-changed" />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t("common.close")}
          </Button>
          <Button ref={next} leftSection={<IconRefresh size={18} aria-hidden />} onClick={onReload} data-testid="undo-reload">
            {t("activity.undo.reload")}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Stack gap="md" data-testid="undo-applied">
      <Alert color="teal" variant="light" role="region" icon={<IconCircleCheck aria-hidden />} title={t("activity.undo.doneTitle")}>
        {t("activity.undo.applied", { count: diffSize(outcome.changes), project: projectName })}
      </Alert>
      {outcome.failures.length > 0 ? (
        <Alert
          color="red"
          variant="light"
          role="region"
          icon={<IconAlertTriangle aria-hidden />}
          title={t("activity.undo.someFailed", { count: outcome.failures.length })}
        >
          <List size="sm" spacing={4}>
            {outcome.failures.map((failure) => (
              <List.Item key={`${failure.action}-${failure.userId ?? failure.memberId ?? failure.name}`}>
                <Text span size="sm" fw={600}>
                  {t(`activity.failure.${failure.action}`, { name: failure.name })}
                </Text>{" "}
                {failure.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      {diffSize(outcome.changes) > 0 ? (
        <MemberDiffTable diff={outcome.changes} label={t("activity.undo.changesLabel")} testId="undo-changes" />
      ) : null}
      <Group justify="flex-end">
        <Button ref={next} onClick={onClose} data-testid="undo-close">
          {t("common.close")}
        </Button>
      </Group>
    </Stack>
  );
}
