import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import type { Language } from "../bindings";
import en from "./locales/en.json";
import ja from "./locales/ja.json";
import sv from "./locales/sv.json";

export const resources = {
  en: { translation: en },
  ja: { translation: ja },
  sv: { translation: sv },
} as const;

/**
 * A fresh i18next instance (not the global one), so every test starts from a known
 * language and nothing leaks between renders. All three locales are bundled: they are
 * small, and the app must work offline.
 */
export function createI18n(language: Language): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: "en",
    // Resources are in memory; initialise synchronously so the first render is translated.
    initAsync: false,
    interpolation: { escapeValue: false }, // React already escapes.
    returnNull: false,
  });
  // Screen readers and the browser's hyphenation and font choice follow <html lang>.
  const applyLang = (lng: string) => {
    document.documentElement.lang = lng;
  };
  applyLang(language);
  instance.on("languageChanged", applyLang);
  return instance;
}
