import { Button, Group, Paper, Text } from "@mantine/core";
import { IconEye, IconTrashX } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { Staged } from "../../api/membersTypes";
import { stagedCount } from "./staging";

interface StagingBarProps {
  staged: Staged;
  canManage: boolean;
  onPreview: () => void;
  onDiscard: () => void;
}

/** How many edits are staged, split by kind, and the way on: preview, or throw them away. */
export function StagingBar({ staged, canManage, onPreview, onDiscard }: StagingBarProps) {
  const { t } = useTranslation();
  const count = stagedCount(staged);
  return (
    <Paper withBorder p="sm" bg={count > 0 ? "var(--mantine-color-blue-light)" : undefined} data-testid="staging-bar">
      <Group justify="space-between" gap="sm">
        <div>
          <Text fw={700} data-testid="staged-count">
            {count > 0 ? t("members.staging.count", { count }) : t("members.staging.none")}
          </Text>
          {count > 0 ? (
            <Text size="sm">
              {t("members.staging.summary", { adds: staged.adds.length, updates: staged.updates.length, removes: staged.removes.length })}
            </Text>
          ) : (
            <Text size="sm" c="dimmed">
              {t("members.staging.hint")}
            </Text>
          )}
        </div>
        <Group gap="sm">
          <Button variant="default" leftSection={<IconTrashX size={18} aria-hidden />} disabled={count === 0} onClick={onDiscard} data-testid="staging-discard">
            {t("members.staging.discard")}
          </Button>
          <Button leftSection={<IconEye size={18} aria-hidden />} disabled={count === 0 || !canManage} onClick={onPreview} data-testid="staging-preview">
            {t("members.staging.preview")}
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}
