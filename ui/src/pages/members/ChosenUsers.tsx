import { ActionIcon, Group, Stack, Text, TextInput } from "@mantine/core";
import { IconX } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { UserCandidate } from "../../api/membersTypes";

export interface Chosen {
  user: UserCandidate;
  /** As typed; empty: the system default. */
  cost: string;
  error: string | null;
}

interface ChosenUsersProps {
  chosen: readonly Chosen[];
  placeholder: string;
  onChange: (userId: string, cost: string) => void;
  onDrop: (user: UserCandidate) => void;
}

/** The users picked so far, each with a field for their unit cost. */
export function ChosenUsers({ chosen, placeholder, onChange, onDrop }: ChosenUsersProps) {
  const { t } = useTranslation();
  if (chosen.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("members.add.noneChosen")}
      </Text>
    );
  }
  return (
    <Stack gap="xs" data-testid="chosen-users">
      {chosen.map(({ user, cost, error }) => (
        <Group key={user.userId} gap="sm" align="flex-start" wrap="nowrap" data-testid="chosen-user">
          <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
            <Text size="sm" fw={600}>
              {user.name}
            </Text>
            <Text size="xs" c="dimmed">
              {[user.login, user.organization].filter(Boolean).join(" · ")}
            </Text>
          </Stack>
          <TextInput
            w={220}
            size="sm"
            aria-label={t("members.add.costLabel", { name: user.name })}
            placeholder={placeholder}
            value={cost}
            onChange={(event) => onChange(user.userId, event.currentTarget.value)}
            error={error}
            inputMode="decimal"
            autoComplete="off"
            data-testid="chosen-cost"
          />
          <ActionIcon variant="subtle" size="lg" onClick={() => onDrop(user)} aria-label={t("members.add.drop", { name: user.name })}>
            <IconX size={18} aria-hidden />
          </ActionIcon>
        </Group>
      ))}
    </Stack>
  );
}
