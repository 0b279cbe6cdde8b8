import { Button, Card, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { WIZARD_TYPES, type WizardType } from "./wizard/wizardKinds";

/** The three wizards, each with what its connection does and a button to start it. */
export function WizardLaunchers({ onStart }: { onStart: (wizard: WizardType) => void }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
      {WIZARD_TYPES.map((wizard) => (
        <Card key={wizard} withBorder padding="md" data-testid={`wizard-card-${wizard}`}>
          <Stack gap="sm" justify="space-between" h="100%">
            <Stack gap={6}>
              <Title order={3} size="h5">
                {t(`connections.wizards.${wizard}.title`)}
              </Title>
              <Text size="sm">{t(`connections.wizards.${wizard}.body`)}</Text>
            </Stack>
            <Button
              variant="light"
              leftSection={<IconPlus size={18} aria-hidden />}
              onClick={() => onStart(wizard)}
              aria-label={t("connections.wizards.startNamed", { pair: t(`connections.wizards.${wizard}.title`) })}
              data-testid={`start-${wizard}`}
            >
              {t("connections.wizards.start")}
            </Button>
          </Stack>
        </Card>
      ))}
    </SimpleGrid>
  );
}
