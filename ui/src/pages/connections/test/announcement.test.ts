import { describe, expect, it } from "vitest";
import type { CheckResult, ConnectionTestReport, SideReport } from "../../../bindings";
import { createI18n } from "../../../i18n/createI18n";
import { announcement } from "./announcement";

const t = createI18n("en").t;

const check = (id: CheckResult["id"], status: CheckResult["status"]): CheckResult => ({
  id,
  status,
  title: `Check ${id}`,
  summary: "",
  why: null,
  fix: null,
  certificate: null,
  suggestion: null,
  permissions: [],
});

const side = (which: SideReport["side"], serverName: string, checks: CheckResult[]): SideReport => ({
  side: which,
  serverId: 1,
  serverName,
  serverKind: "jiraCloud",
  credentialId: null,
  credentialLabel: null,
  outcome: "passed",
  checks,
  ranAt: "2026-03-02T09:00:00Z",
});

const report = (left: CheckResult[], right: CheckResult[], outcome: ConnectionTestReport["outcome"] = "passed"): ConnectionTestReport => ({
  left: side("left", "Jira", left),
  right: side("right", "TT NX", right),
  outcome,
  ranAt: "2026-03-02T09:00:00Z",
});

describe("announcement", () => {
  it("is silent before anything runs, and says when a test starts", () => {
    expect(announcement(null, false, t)).toBe("");
    expect(announcement(null, true, t)).toBe("Test connection started.");
  });

  it("does not change while checks pass, only when a problem appears", () => {
    const early = announcement(report([check("dns", "passed"), check("tls", "running")], [check("dns", "pending")]), true, t);
    const later = announcement(report([check("dns", "passed"), check("tls", "passed")], [check("dns", "passed")]), true, t);
    expect(early).toBe("Testing both sides. No problems so far.");
    expect(later).toBe(early);
    const problem = announcement(report([check("dns", "passed"), check("tls", "failed")], [check("dns", "running")]), true, t);
    expect(problem).toBe("Problems so far: 1. Latest: Jira, Check tls: Failed.");
  });

  it("sums up the result at the end", () => {
    const final = report([check("dns", "passed"), check("tls", "failed")], [check("dns", "passed"), check("clock", "warning")], "failed");
    expect(announcement(final, false, t)).toBe("Test finished: Failed. 4 checks, failed: 1, warnings: 1.");
  });
});
