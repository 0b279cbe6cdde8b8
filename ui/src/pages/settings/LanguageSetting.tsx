import { Radio, Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useSetPreferences, preferencesUpdate } from "../../api/preferences";
import type { Language, Preferences } from "../../bindings";
import { notifyFailure } from "../../components/notify";
import { isLanguage, LANGUAGE_NAMES, SUPPORTED_LANGUAGES } from "../../i18n/languages";

type LanguageChoice = Language | "system";

interface LanguageSettingProps {
  preferences: Preferences;
}

/**
 * Display language. Saving goes through the back end, which answers with the effective
 * language; LanguageSync then switches the UI, so "System default" resolves the same way
 * here as at start-up.
 */
export function LanguageSetting({ preferences }: LanguageSettingProps) {
  const { t } = useTranslation();
  const save = useSetPreferences();

  // While saving, show the choice just made rather than flicking back to the old one.
  const shown = save.isPending && save.variables ? save.variables.language : preferences.language;
  const value: LanguageChoice = shown ?? "system";

  const choose = (choice: string) => {
    save.mutate(
      preferencesUpdate(preferences, { language: isLanguage(choice) ? choice : null }),
      { onError: (error) => notifyFailure(error, t) },
    );
  };

  return (
    <Radio.Group
      label={t("settings.language.label")}
      description={t("settings.language.systemHelp")}
      value={value}
      onChange={choose}
    >
      <Stack gap="sm" mt="sm">
        <Radio value="system" label={t("settings.language.system")} data-testid="language-system" />
        {SUPPORTED_LANGUAGES.map((language) => (
          <Radio
            key={language}
            value={language}
            // Each name is in its own language; tell screen readers how to pronounce it.
            label={<span lang={language}>{LANGUAGE_NAMES[language]}</span>}
            data-testid={`language-${language}`}
          />
        ))}
      </Stack>
    </Radio.Group>
  );
}
