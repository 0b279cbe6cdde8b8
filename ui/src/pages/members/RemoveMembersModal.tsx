import { Button, Group, List, Stack, Text } from "@mantine/core";
import { IconUserMinus } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { AppModal } from "../../components/AppModal";

/** At most this many names are listed; the rest are counted. */
const LISTED = 8;

interface RemoveMembersModalProps {
  names: readonly string[];
  opened: boolean;
  onClose: () => void;
  onConfirm: () => void;
}

/**
 * "Remove these members?" — for the staging, not the server: nothing is written until the
 * preview is applied, and each removal can be undone in the table until then.
 */
export function RemoveMembersModal({ names, opened, onClose, onConfirm }: RemoveMembersModalProps) {
  const { t } = useTranslation();
  const rest = names.length - LISTED;
  return (
    <AppModal opened={opened} onClose={onClose} title={t("members.remove.title", { count: names.length })} size="md" testId="remove-members-dialog">
      <Stack gap="md">
        <Text>{t("members.remove.body", { count: names.length })}</Text>
        <List size="sm" spacing={2}>
          {names.slice(0, LISTED).map((name, index) => (
            // Two people may share a name; their place in the list tells them apart.
            <List.Item key={`${index}-${name}`}>{name}</List.Item>
          ))}
          {rest > 0 ? <List.Item>{t("members.remove.more", { count: rest })}</List.Item> : null}
        </List>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t("common.cancel")}
          </Button>
          <Button color="red.9" leftSection={<IconUserMinus size={18} aria-hidden />} onClick={onConfirm} data-testid="remove-confirm">
            {t("members.remove.confirm", { count: names.length })}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
