import { Switch } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useAutostart, useSetAutostart } from "../../api/autostart";
import { notifyFailure } from "../../components/notify";

/**
 * Start Kakehashi at sign-in, hidden in the tray, so scheduled syncs run without anyone
 * opening it. Offered in Settings and in Getting started.
 */
export function AutostartSetting() {
  const { t } = useTranslation();
  const enabled = useAutostart();
  const save = useSetAutostart();
  const checked = save.isPending && save.variables !== undefined ? save.variables : (enabled.data ?? false);

  return (
    <Switch
      size="md"
      checked={checked}
      disabled={enabled.isPending}
      onChange={(event) => save.mutate(event.currentTarget.checked, { onError: (error) => notifyFailure(error, t) })}
      label={t("settings.window.autostart")}
      description={t("settings.window.autostartHelp")}
      data-testid="autostart"
    />
  );
}
