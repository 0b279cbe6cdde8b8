import { Group, Radio, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { StepHeading } from "./StepHeading";
import { WIZARD_TYPES, type WizardType } from "./wizardKinds";

/** Step 1: which two products to connect, preselected by the wizard that was opened. */
export function PairStep({ value, onChange }: { value: WizardType; onChange: (pair: WizardType) => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <StepHeading title={t("connections.wizard.pair.heading")} intro={t("connections.wizard.pair.intro")} />
      <Radio.Group
        label={t("connections.wizard.pair.label")}
        value={value}
        onChange={(next) => onChange(next as WizardType)}
        data-testid="pair-choice"
      >
        <Stack gap="sm" mt="xs">
          {WIZARD_TYPES.map((pair) => (
            <Radio.Card key={pair} value={pair} p="md" radius="md" data-testid={`pair-${pair}`}>
              <Group wrap="nowrap" align="flex-start" gap="sm">
                <Radio.Indicator aria-hidden mt={3} />
                <Stack gap={4}>
                  <Text fw={700}>{t(`connections.wizards.${pair}.title`)}</Text>
                  <Text size="sm">{t(`connections.wizards.${pair}.body`)}</Text>
                </Stack>
              </Group>
            </Radio.Card>
          ))}
        </Stack>
      </Radio.Group>
      <Text size="sm">{t("connections.wizard.pair.detection")}</Text>
    </Stack>
  );
}
