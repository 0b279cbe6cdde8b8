import type { TFunction } from "i18next";
import type { Credential, Expiry, KindInfo } from "../../bindings";
import { errorMessage } from "../../api/errors";
import { formatDateTime } from "../../i18n/format";

export type Tone = "ok" | "warn" | "bad" | "neutral";

export interface StatusPart {
  tone: Tone;
  /** The badge. */
  text: string;
  /** A line under the badges: who it signed in as, or why it failed. */
  detail?: string;
}

/** An OAuth credential without tokens in the keychain cannot be used until someone signs in. */
export const needsSignIn = (credential: Credential) => credential.oauth !== null && !credential.oauth.signedIn;

/**
 * Why verification failed, in the UI language. The stored `code` is an AppError code;
 * codes whose explanation needs data the record does not keep (which field, which
 * fingerprint), and codes this UI does not know, show the back end's own sentence.
 */
export function verificationReason(code: string, message: string, t: TFunction): string {
  switch (code) {
    case "Forbidden":
      return errorMessage({ code, permission: null, message }, t);
    case "RateLimited":
      return errorMessage({ code, retryAfterSecs: null, message }, t);
    case "KeychainUnavailable":
    case "Unauthorized":
    case "CaptchaRequired":
    case "Network":
    case "NotFound":
    case "Conflict":
    case "Internal":
      return errorMessage({ code, message }, t);
    default:
      return message.trim() !== "" ? message : t("errors.generic");
  }
}

/** The verification half of the status: signed in, failed and why, or never checked. */
export function verificationStatus(
  credential: Credential,
  info: KindInfo | undefined,
  t: TFunction,
  language: string,
): StatusPart {
  if (needsSignIn(credential)) {
    return { tone: "warn", text: t("credentials.status.needsSignIn"), detail: t("credentials.status.needsSignInDetail") };
  }
  const verification = credential.verification;
  switch (verification.state) {
    case "verified":
      return {
        tone: "ok",
        text: t("credentials.status.verified"),
        detail: t("credentials.status.verifiedDetail", {
          identity: verification.identity,
          when: formatDateTime(verification.at, language),
        }),
      };
    case "failed":
      return {
        tone: "bad",
        text: t("credentials.status.failed"),
        detail: t("credentials.status.failedDetail", {
          reason: verificationReason(verification.code, verification.message, t),
          when: formatDateTime(verification.at, language),
        }),
      };
    case "never":
      return info && !info.verifiable
        ? { tone: "neutral", text: t("credentials.status.notVerifiable") }
        : { tone: "neutral", text: t("credentials.status.never") };
  }
}

/** The expiry half: nothing when the vendor sets no expiry. */
export function expiryStatus(expiry: Expiry, t: TFunction): StatusPart | null {
  switch (expiry.state) {
    case "none":
      return null;
    case "valid":
      return { tone: "neutral", text: t("credentials.status.expiresIn", { count: expiry.days }) };
    case "soon":
      return {
        tone: "warn",
        text: expiry.days <= 0 ? t("credentials.status.expiresToday") : t("credentials.status.expiresSoon", { count: expiry.days }),
      };
    case "expired":
      return {
        tone: "bad",
        text: expiry.days <= 0 ? t("credentials.status.expiredToday") : t("credentials.status.expired", { count: expiry.days }),
      };
  }
}
