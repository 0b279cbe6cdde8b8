import { useTranslation } from "react-i18next";
import type { Preferences } from "../../bindings";
import { PreferenceSwitch } from "./PreferenceSwitch";

/** Whether a sync started by hand is announced when it finishes cleanly (problems always are). */
export function NotifyManualSyncSetting({ preferences }: { preferences: Preferences }) {
  const { t } = useTranslation();
  return (
    <PreferenceSwitch
      preferences={preferences}
      field="notifyManualSync"
      label={t("settings.notifications.manualSync")}
      description={t("settings.notifications.manualSyncHelp")}
      testId="notify-manual-sync"
    />
  );
}
