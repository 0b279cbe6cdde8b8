import { Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { usePreferences } from "../api/preferences";
import { ErrorAlert } from "../components/ErrorAlert";
import { LoadingState } from "../components/LoadingState";
import { PageHeader } from "../components/PageHeader";
import { Section } from "../components/Section";
import { AboutSection } from "./settings/AboutSection";
import { AutostartSetting } from "./settings/AutostartSetting";
import { CloseToTraySetting } from "./settings/CloseToTraySetting";
import { LanguageSetting } from "./settings/LanguageSetting";
import { NotifyManualSyncSetting } from "./settings/NotifyManualSyncSetting";

export function SettingsPage() {
  const { t } = useTranslation();
  const preferences = usePreferences();

  const preferenceState = preferences.isPending ? (
    <LoadingState />
  ) : preferences.isError ? (
    <ErrorAlert error={preferences.error} onRetry={() => void preferences.refetch()} />
  ) : null;

  return (
    <>
      <PageHeader title={t("settings.title")} intro={t("settings.intro")} />
      <Stack gap="lg">
        <Section heading={t("settings.language.heading")}>
          {preferences.data ? <LanguageSetting preferences={preferences.data} /> : preferenceState}
        </Section>
        <Section heading={t("settings.window.heading")}>
          <Stack gap="md">
            <AutostartSetting />
            {preferences.data ? <CloseToTraySetting preferences={preferences.data} /> : preferenceState}
          </Stack>
        </Section>
        <Section heading={t("settings.notifications.heading")}>
          {preferences.data ? <NotifyManualSyncSetting preferences={preferences.data} /> : preferenceState}
        </Section>
        <AboutSection />
      </Stack>
    </>
  );
}
