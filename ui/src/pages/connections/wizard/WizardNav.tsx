import { Button, Group, Stack, Text } from "@mantine/core";
import { IconArrowLeft, IconArrowRight } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { BusyButton } from "../../../components/BusyButton";

interface WizardNavProps {
  onBack: (() => void) | null;
  onNext: () => void;
  /** The step is still working (the test runs): Next waits. */
  busy: boolean;
  /** Next was pressed before the step was complete: what is missing. */
  blocked: string | null;
  nextLabel: string;
}

/**
 * Back and Next. Next is a plain button outside every form, so Enter in a field never
 * moves on; pressed too early it says what is missing instead of staying greyed out.
 */
export function WizardNav({ onBack, onNext, busy, blocked, nextLabel }: WizardNavProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      {blocked ? (
        <Text size="sm" c="var(--kh-status-failed)" fw={600} role="alert" ta="right" data-testid="wizard-blocked">
          {blocked}
        </Text>
      ) : null}
      <Group justify="space-between">
        {onBack ? (
          <Button variant="default" onClick={onBack} leftSection={<IconArrowLeft size={18} aria-hidden />} data-testid="wizard-back">
            {t("connections.wizard.back")}
          </Button>
        ) : (
          <span />
        )}
        <BusyButton busy={busy} onClick={onNext} rightSection={<IconArrowRight size={18} aria-hidden />} data-testid="wizard-next">
          {nextLabel}
        </BusyButton>
      </Group>
    </Stack>
  );
}
