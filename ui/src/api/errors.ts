import type { TFunction } from "i18next";
import type { AppError } from "../bindings";

type AppErrorCode = AppError["code"];

// The codes this UI knows how to explain. A newer back end may send codes we have not
// learnt yet; those fall back to the back end's own plain-language message.
const KNOWN_CODES: ReadonlySet<string> = new Set<AppErrorCode>([
  "Validation",
  "KeychainUnavailable",
  "Unauthorized",
  "Forbidden",
  "CaptchaRequired",
  "TlsUntrusted",
  "Network",
  "RateLimited",
  "NotFound",
  "Conflict",
  "Internal",
]);

function hasCodeAndMessage(value: unknown): value is { code: string; message: string } {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as { code?: unknown; message?: unknown };
  return typeof candidate.code === "string" && typeof candidate.message === "string";
}

/** True for an error object sent by the Rust side with a code this UI understands. */
export function isAppError(value: unknown): value is AppError {
  return hasCodeAndMessage(value) && KNOWN_CODES.has(value.code);
}

/**
 * The one place that turns any failure into a sentence for the user, in the current
 * language. Known AppError codes get a translated explanation with their details; an
 * unknown code shows the back end's own message; anything else (a string, an Error from
 * the IPC layer itself) gets a generic message, because its text is not meant for users.
 */
export function errorMessage(error: unknown, t: TFunction): string {
  if (!isAppError(error)) {
    return hasCodeAndMessage(error) ? error.message : t("errors.generic");
  }
  switch (error.code) {
    case "Validation":
      return t("errors.validation", { field: error.field });
    case "KeychainUnavailable":
      return t("errors.keychainUnavailable");
    case "Unauthorized":
      return t("errors.unauthorized");
    case "Forbidden":
      return error.permission
        ? t("errors.forbiddenPermission", { permission: error.permission })
        : t("errors.forbidden");
    case "CaptchaRequired":
      return t("errors.captchaRequired");
    case "TlsUntrusted":
      return t("errors.tlsUntrusted", { fingerprint: error.fingerprint });
    case "Network":
      return t("errors.network");
    case "RateLimited":
      return error.retryAfterSecs === null
        ? t("errors.rateLimited")
        : t("errors.rateLimitedRetry", { retryAfterSecs: error.retryAfterSecs });
    case "NotFound":
      return t("errors.notFound");
    case "Conflict":
      return t("errors.conflict");
    case "Internal":
      return t("errors.internal");
  }
}

/**
 * The back end's own sentence for a known error, when it adds something the
 * translated text cannot know (which folder, which setting). It is English and
 * is shown as a secondary "Details" line; never for non-AppError values, whose
 * text is not meant for users.
 */
export function errorDetail(error: unknown): string | null {
  return isAppError(error) && error.message.trim() !== "" ? error.message : null;
}
