import { Button, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { AppModal } from "../../../components/AppModal";

interface ContinueAnywayModalProps {
  opened: boolean;
  /** The test did not run at all (rather than finding failures). */
  notRun: boolean;
  onClose: () => void;
  onContinue: () => void;
}

/**
 * The explicit step past a failed test: the connection can be saved, but sync will not
 * work until the failures are fixed. Focus starts on the safe choice.
 */
export function ContinueAnywayModal({ opened, notRun, onClose, onContinue }: ContinueAnywayModalProps) {
  const { t } = useTranslation();
  return (
    <AppModal
      opened={opened}
      onClose={onClose}
      title={t("connections.wizard.gate.title")}
      size="md"
      testId="continue-anyway-dialog"
      // The wizard moves focus itself: to the next step, or back to the failures.
      returnFocus={false}
    >
      <Stack gap="md">
        <Text>{notRun ? t("connections.wizard.gate.notRun") : t("connections.wizard.gate.failed")}</Text>
        <Text>{t("connections.wizard.gate.later")}</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus data-testid="gate-back">
            {t("connections.wizard.gate.back")}
          </Button>
          <Button color="red.9" onClick={onContinue} data-testid="gate-continue">
            {t("connections.wizard.gate.continue")}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
