import { Button, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { AppModal } from "../../components/AppModal";

interface DiscardModalProps {
  count: number;
  opened: boolean;
  onClose: () => void;
  onConfirm: () => void;
}

/** Asked before staged edits are thrown away (another project, another server, or "Discard"). */
export function DiscardModal({ count, opened, onClose, onConfirm }: DiscardModalProps) {
  const { t } = useTranslation();
  return (
    <AppModal opened={opened} onClose={onClose} title={t("members.discard.title")} size="md" testId="discard-dialog">
      <Stack gap="md">
        <Text>{t("members.discard.body", { count })}</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t("members.discard.keep")}
          </Button>
          <Button color="red.9" onClick={onConfirm} data-testid="discard-confirm">
            {t("members.discard.confirm")}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
