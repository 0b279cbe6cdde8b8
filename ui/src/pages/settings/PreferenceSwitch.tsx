import { Switch } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { preferencesUpdate, useSetPreferences } from "../../api/preferences";
import type { Preferences, PreferencesUpdate } from "../../bindings";
import { notifyFailure } from "../../components/notify";

type BooleanPreference = {
  [K in keyof PreferencesUpdate]: PreferencesUpdate[K] extends boolean ? K : never;
}[keyof PreferencesUpdate];

interface PreferenceSwitchProps {
  preferences: Preferences;
  field: BooleanPreference;
  label: string;
  description: string;
  testId: string;
}

/** One on/off preference, saved at once; the others are sent back unchanged. */
export function PreferenceSwitch({ preferences, field, label, description, testId }: PreferenceSwitchProps) {
  const { t } = useTranslation();
  const save = useSetPreferences();
  const checked = save.isPending && save.variables ? save.variables[field] : preferences[field];

  return (
    <Switch
      size="md"
      checked={checked}
      onChange={(event) =>
        save.mutate(preferencesUpdate(preferences, { [field]: event.currentTarget.checked }), {
          onError: (error) => notifyFailure(error, t),
        })
      }
      label={label}
      description={description}
      data-testid={testId}
    />
  );
}
