import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { usePreferences } from "../api/preferences";

/**
 * Follows the language the back end resolved (the user's choice, or the OS language for
 * "System default"). Both the first load and a change in Settings arrive here, because
 * saving preferences replaces the cached answer.
 */
export function LanguageSync() {
  const { i18n } = useTranslation();
  const effectiveLanguage = usePreferences().data?.effectiveLanguage;

  useEffect(() => {
    if (effectiveLanguage && i18n.language !== effectiveLanguage) {
      void i18n.changeLanguage(effectiveLanguage);
    }
  }, [effectiveLanguage, i18n]);

  return null;
}
