import { useTranslation } from "react-i18next";
import type { Preferences } from "../../bindings";
import { PreferenceSwitch } from "./PreferenceSwitch";

/** Whether closing the window hides it (sync keeps running) or quits the app. */
export function CloseToTraySetting({ preferences }: { preferences: Preferences }) {
  const { t } = useTranslation();
  return (
    <PreferenceSwitch
      preferences={preferences}
      field="closeToTray"
      label={t("settings.window.closeToTray")}
      description={t("settings.window.closeToTrayHelp")}
      testId="close-to-tray"
    />
  );
}
