import { Alert, Button, Stack, Text } from "@mantine/core";
import { IconRefresh, IconUsersGroup } from "@tabler/icons-react";
import type { Ref } from "react";
import { useTranslation } from "react-i18next";
import type { MemberDiff } from "../../api/membersTypes";
import { DiffView } from "./DiffView";

interface ConflictViewProps {
  /** Focus lands here when the conflict is shown: the choice to make. */
  keepRef: Ref<HTMLButtonElement>;
  changed: MemberDiff;
  onKeep: () => void;
  onDiscard: () => void;
}

/**
 * Nothing was applied: someone changed the members after they were loaded here. Shows what
 * they changed, and lets the user carry their edits over to the members as they are now
 * (and preview again), or drop them and start from the current members.
 */
export function ConflictView({ keepRef, changed, onKeep, onDiscard }: ConflictViewProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" data-testid="apply-conflict">
      <Alert color="orange" variant="light" icon={<IconUsersGroup aria-hidden />} title={t("members.conflict.nothingApplied")}>
        {t("members.conflict.body")}
      </Alert>
      <DiffView diff={changed} tense="past" testId="conflict-changes" />
      <Stack gap={4}>
        <Button ref={keepRef} onClick={onKeep} data-testid="conflict-keep">
          {t("members.conflict.keep")}
        </Button>
        <Text size="sm" c="dimmed">
          {t("members.conflict.keepHint")}
        </Text>
      </Stack>
      <Stack gap={4}>
        <Button variant="default" leftSection={<IconRefresh size={18} aria-hidden />} onClick={onDiscard} data-testid="conflict-discard">
          {t("members.conflict.discard")}
        </Button>
        <Text size="sm" c="dimmed">
          {t("members.conflict.discardHint")}
        </Text>
      </Stack>
    </Stack>
  );
}
