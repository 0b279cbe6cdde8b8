import { describe, expect, it } from "vitest";
import type { KindInfo } from "../../bindings";
import { fixtures } from "../../test/fakeBackend";
import { addDays } from "./dates";
import { defaultExpiry, expiryRules, fieldProblemFromError, problemsOf, rotateSchema, tokenSchema } from "./validation";

const kind = (name: string) => fixtures.credentialKinds.find((info) => info.kind === name) as KindInfo;
const today = "2026-03-02";

describe("credential validation", () => {
  it("asks for an email address for Jira Cloud tokens and limits the expiry to a year", () => {
    const info = kind("jira-cloud-token");
    const rules = expiryRules(info, today);
    const result = tokenSchema(info, rules).safeParse({
      label: " ",
      login: "kakehashi-sync@",
      secret: "",
      expiresAt: addDays(today, 366),
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(problemsOf(result.error, rules)).toEqual({
      label: { code: "required" },
      login: { code: "email" },
      secret: { code: "required" },
      expiresAt: { code: "dateTooLate", max: "2027-03-02", days: 365 },
    });
  });

  it("accepts a complete Jira Cloud token", () => {
    const info = kind("jira-cloud-token");
    const result = tokenSchema(info, expiryRules(info, today)).safeParse({
      label: "jira-sync",
      login: "sync@example.co.jp",
      secret: "token",
      expiresAt: "2026-12-31",
    });
    expect(result.success).toBe(true);
  });

  it("prefills Assets tokens with three months and lets other kinds go without a date", () => {
    expect(defaultExpiry(kind("assets-adapters"), today)).toBe("2026-05-31");
    expect(defaultExpiry(kind("ttnx-api-key"), today)).toBe("");
    const info = kind("ttnx-api-key");
    expect(
      tokenSchema(info, expiryRules(info, today)).safeParse({ label: "ttnx", login: "", secret: "k", expiresAt: "" }).success,
    ).toBe(true);
  });

  it("refuses past dates and nonsense, but lets rotation keep the current date", () => {
    const rules = expiryRules(kind("assets-adapters"), today);
    const past = rotateSchema(rules).safeParse({ secret: "x", expiresAt: "2026-03-01" });
    expect(past.success || problemsOf(past.error, rules)).toEqual({ expiresAt: { code: "datePast" } });
    const nonsense = rotateSchema(rules).safeParse({ secret: "x", expiresAt: "2026-02-30" });
    expect(nonsense.success || problemsOf(nonsense.error, rules)).toEqual({ expiresAt: { code: "dateFormat" } });
    expect(rotateSchema(rules).safeParse({ secret: "x", expiresAt: "" }).success).toBe(true);
  });

  it("puts the back end's Validation error on the field it names, in any spelling", () => {
    const error = { code: "Validation", field: "expires_at", message: "must be a date" };
    expect(fieldProblemFromError(error, ["label", "expiresAt"] as const)).toEqual({
      expiresAt: { code: "rejected", detail: "must be a date" },
    });
    expect(fieldProblemFromError({ ...error, field: "proxy" }, ["label"] as const)).toBeNull();
    expect(fieldProblemFromError({ code: "Network", message: "down" }, ["label"] as const)).toBeNull();
  });
});
