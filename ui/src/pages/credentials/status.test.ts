import { describe, expect, it } from "vitest";
import type { Credential, Expiry, KindInfo, Verification } from "../../bindings";
import { createI18n } from "../../i18n/createI18n";
import { fixtures } from "../../test/fakeBackend";
import { expiryStatus, verificationStatus } from "./status";

const en = createI18n("en").t;
const ja = createI18n("ja").t;
const base = fixtures.registry.credentials[0] as Credential;
const verifiable = fixtures.credentialKinds.find((kind) => kind.kind === "jira-cloud-token") as KindInfo;
const assets = fixtures.credentialKinds.find((kind) => kind.kind === "assets-adapters") as KindInfo;

const withVerification = (verification: Verification, oauth: Credential["oauth"] = null): Credential => ({
  ...base,
  verification,
  oauth,
});

describe("verification status", () => {
  it.each<[string, Verification, KindInfo, string, string | undefined]>([
    ["verified", { state: "verified", at: "2026-03-02T00:05:12Z", identity: "Kakehashi Sync" }, verifiable, "Verified", "As Kakehashi Sync"],
    [
      "failed with a known code",
      { state: "failed", at: "2026-03-02T00:05:12Z", code: "Unauthorized", message: "401 from Jira" },
      verifiable,
      "Failed verification",
      "The server did not accept the sign-in.",
    ],
    [
      "failed with a code needing details the record lacks",
      { state: "failed", at: "2026-03-02T00:05:12Z", code: "TlsUntrusted", message: "Certificate AB:CD is not trusted." },
      verifiable,
      "Failed verification",
      "Certificate AB:CD is not trusted.",
    ],
    ["never verified", { state: "never" }, verifiable, "Never verified", undefined],
    ["not verifiable at all", { state: "never" }, assets, "Cannot be verified", undefined],
  ])("%s", (_, verification, info, badge, detail) => {
    const status = verificationStatus(withVerification(verification), info, en, "en");
    expect(status.text).toBe(badge);
    if (detail === undefined) expect(status.detail).toBeUndefined();
    else expect(status.detail).toContain(detail);
  });

  it("needs sign-in for an OAuth credential without tokens, whatever was verified before", () => {
    const oauth = { clientId: "x", redirectPort: 47813, redirectUrl: "http://127.0.0.1:47813/callback", signedIn: false };
    const status = verificationStatus(
      withVerification({ state: "verified", at: "2026-03-02T00:05:12Z", identity: "someone" }, oauth),
      undefined,
      en,
      "en",
    );
    expect(status).toMatchObject({ tone: "warn", text: "Needs sign-in" });
    expect(status.detail).toContain("OAuth: not signed in");
  });
});

describe("expiry status", () => {
  it.each<[Expiry, string | null, string | null]>([
    [{ state: "none" }, null, null],
    [{ state: "valid", days: 143 }, "Expires in 143 days", "neutral"],
    [{ state: "valid", days: 1 }, "Expires in 1 day", "neutral"],
    [{ state: "soon", days: 6 }, "Expires soon: in 6 days", "warn"],
    [{ state: "soon", days: 1 }, "Expires soon: in 1 day", "warn"],
    [{ state: "soon", days: 0 }, "Expires today", "warn"],
    [{ state: "expired", days: 3 }, "Expired 3 days ago", "bad"],
    [{ state: "expired", days: 1 }, "Expired 1 day ago", "bad"],
    [{ state: "expired", days: 0 }, "Expired today", "bad"],
  ])("%o reads %s", (expiry, text, tone) => {
    const status = expiryStatus(expiry, en);
    expect(status?.text ?? null).toBe(text);
    expect(status?.tone ?? null).toBe(tone);
  });

  it("is translated", () => {
    expect(expiryStatus({ state: "expired", days: 3 }, ja)?.text).toBe("3 日前に期限切れ");
    expect(expiryStatus({ state: "soon", days: 6 }, ja)?.text).toBe("まもなく期限切れ: あと 6 日");
  });
});
