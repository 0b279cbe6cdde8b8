import { Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { PageHeader } from "../components/PageHeader";
import { Section } from "../components/Section";
import { AuditSection } from "./activity/AuditSection";

const LOGS = ["runs", "problems"] as const;

/** Run history, item problems (each fills in with its feature) and the member audit log. */
export function ActivityPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("activity.title")} intro={t("activity.intro")} />
      <Stack gap="lg">
        {LOGS.map((log) => (
          <Section key={log} heading={t(`activity.${log}.heading`)}>
            <Text size="sm">{t(`activity.${log}.body`)}</Text>
            <Text size="sm" fw={600} data-testid={`activity-${log}-empty`}>
              {t(`activity.${log}.empty`)}
            </Text>
          </Section>
        ))}
        <AuditSection />
      </Stack>
    </>
  );
}
