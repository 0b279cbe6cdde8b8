import { Switch } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useSetPreferences } from "../../api/preferences";
import type { Preferences } from "../../bindings";
import { notifyFailure } from "../../components/notify";

interface CloseToTraySettingProps {
  preferences: Preferences;
}

/** Whether closing the window hides it (sync keeps running) or quits the app. */
export function CloseToTraySetting({ preferences }: CloseToTraySettingProps) {
  const { t } = useTranslation();
  const save = useSetPreferences();
  const checked = save.isPending && save.variables ? save.variables.closeToTray : preferences.closeToTray;

  return (
    <Switch
      size="md"
      checked={checked}
      onChange={(event) =>
        save.mutate(
          { language: preferences.language, closeToTray: event.currentTarget.checked },
          { onError: (error) => notifyFailure(error, t) },
        )
      }
      label={t("settings.window.closeToTray")}
      description={t("settings.window.closeToTrayHelp")}
      data-testid="close-to-tray"
    />
  );
}
