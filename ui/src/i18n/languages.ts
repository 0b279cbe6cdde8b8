import type { Language } from "../bindings";

export const SUPPORTED_LANGUAGES = ["ja", "en", "sv"] as const satisfies readonly Language[];

/** Each language is offered under its own name, so it can be found by someone who reads only it. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  ja: "日本語",
  en: "English",
  sv: "Svenska",
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

/**
 * Maps a BCP 47 tag such as "ja-JP" or "sv_SE" to a supported language. Used only until
 * the Rust side answers with the effective language, which is the authority.
 */
export function languageFromTag(tag: string | undefined): Language {
  const primary = tag?.toLowerCase().split(/[-_]/)[0];
  return isLanguage(primary) ? primary : "en";
}
