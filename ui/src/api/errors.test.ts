import { describe, expect, it } from "vitest";
import type { AppError } from "../bindings";
import { createI18n } from "../i18n/createI18n";
import { errorDetail, errorMessage, isAppError } from "./errors";

const en = createI18n("en").t;
const ja = createI18n("ja").t;

describe("errorMessage", () => {
  const cases: [AppError, string][] = [
    [{ code: "Validation", field: "baseUrl", message: "must start with https://" }, "The value in “baseUrl” is not valid. Correct it and try again."],
    [{ code: "KeychainUnavailable", message: "no secret service" }, "The system keychain cannot be reached, so secrets can be neither saved nor read. Unlock or start your keychain, then try again."],
    [{ code: "Unauthorized", message: "401" }, "The server did not accept the sign-in. Check the credential, or replace it under Credentials."],
    [{ code: "Forbidden", permission: "ADMINISTER_PROJECTS", message: "403" }, "The account lacks the permission “ADMINISTER_PROJECTS”. Ask an administrator of the server to grant it."],
    [{ code: "Forbidden", permission: null, message: "403" }, "The account is not allowed to do this. Ask an administrator of the server for access."],
    [{ code: "CaptchaRequired", message: "captcha" }, "The server wants a CAPTCHA before it accepts this sign-in. Sign in once in your web browser, then try again."],
    [{ code: "TlsUntrusted", fingerprint: "AB:CD:EF:01", subject: "CN=jira.example.co.jp", message: "untrusted" }, "The server's certificate is not trusted. Fingerprint: AB:CD:EF:01. Compare it with your administrator before you trust it."],
    [{ code: "Network", message: "connection refused" }, "The server could not be reached. Check the address, your network connection and the proxy settings."],
    [{ code: "RateLimited", retryAfterSecs: 30, message: "429" }, "The server is limiting requests. Wait 30 s, then try again."],
    [{ code: "RateLimited", retryAfterSecs: null, message: "429" }, "The server is limiting requests. Wait a moment, then try again."],
    [{ code: "NotFound", message: "gone" }, "This no longer exists. It may have been deleted; refresh and check."],
    [{ code: "Conflict", message: "changed" }, "Someone else changed this at the same time. Refresh to see the latest version, then try again."],
    [{ code: "Internal", message: "panic" }, "Something went wrong inside Kakehashi. Copy the diagnostics under Settings → About and send them to your administrator."],
  ];

  it.each(cases)("explains %o", (error, expected) => {
    expect(isAppError(error)).toBe(true);
    expect(errorMessage(error, en)).toBe(expected);
  });

  it("translates with the parameters filled in", () => {
    expect(errorMessage({ code: "Forbidden", permission: "BROWSE", message: "x" }, ja)).toBe(
      "このアカウントには権限「BROWSE」がありません。サーバーの管理者に付与を依頼してください。",
    );
    expect(errorMessage({ code: "RateLimited", retryAfterSecs: 12, message: "x" }, ja)).toContain("12 秒");
  });

  it("falls back to the back end's message for a code it does not know", () => {
    const future = { code: "QuotaExceeded", message: "The Asana workspace is over its quota." };
    expect(isAppError(future)).toBe(false);
    expect(errorMessage(future, en)).toBe("The Asana workspace is over its quota.");
  });

  it.each([["a plain string"], [new Error("IPC broke")], [null], [undefined], [42], [{ code: 1, message: "x" }]])(
    "uses the generic message for %o",
    (value) => {
      expect(errorMessage(value, en)).toBe(en("errors.generic"));
      expect(errorMessage(value, ja)).toBe(ja("errors.generic"));
    },
  );
});

describe("errorDetail", () => {
  it("keeps the back end's specific advice for known errors", () => {
    const error = { code: "Validation", field: "dataDir", message: "Cannot create the folder /x; choose another with --data-dir." };
    expect(errorDetail(error)).toBe(error.message);
  });

  it("shows nothing for values that are not AppErrors", () => {
    expect(errorDetail(new Error("stack-ish internals"))).toBeNull();
    expect(errorDetail("command not found")).toBeNull();
    expect(errorDetail({ code: "Internal", message: "  " })).toBeNull();
  });
});
