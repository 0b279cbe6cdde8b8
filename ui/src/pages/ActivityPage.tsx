import { Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { PageHeader } from "../components/PageHeader";
import { AuditSection } from "./activity/AuditSection";
import { ProblemsSection } from "./activity/ProblemsSection";
import { RunsSection } from "./activity/RunsSection";

/** Sync runs, the item problems inbox and the member audit log. */
export function ActivityPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("activity.title")} intro={t("activity.intro")} />
      <Stack gap="lg">
        <RunsSection />
        <ProblemsSection />
        <AuditSection />
      </Stack>
    </>
  );
}
