import { describe, expect, it } from "vitest";
import type { CheckResult, ConnectionTestReport, SideReport } from "../bindings";
import { checklistReducer, problemsOf, progressOf } from "./checklist";

const check = (id: CheckResult["id"], status: CheckResult["status"], summary = ""): CheckResult => ({
  id,
  status,
  title: id.toUpperCase(),
  summary,
  why: null,
  fix: null,
  certificate: null,
  suggestion: null,
  permissions: [],
});

const side = (which: SideReport["side"], serverName: string, checks: CheckResult[]): SideReport => ({
  side: which,
  serverId: which === "left" ? 1 : 2,
  serverName,
  serverKind: which === "left" ? "jiraDataCenter" : "timeTrackerNx",
  credentialId: null,
  credentialLabel: null,
  outcome: "passed",
  checks,
  ranAt: "2026-03-02T09:00:00Z",
});

const started: ConnectionTestReport = {
  left: side("left", "Jira", [check("dns", "pending"), check("tls", "pending")]),
  right: side("right", "TT NX", [check("dns", "pending"), check("clock", "pending")]),
  outcome: "passed",
  ranAt: "2026-03-02T09:00:00Z",
};

describe("checklistReducer", () => {
  it("starts from the report Started brings, every check pending", () => {
    const report = checklistReducer(null, { type: "started", report: started });
    expect(report).toBe(started);
    expect(progressOf(started)).toEqual({ done: 0, total: 4 });
  });

  it("replaces one check of one side per Check message, leaving the other side alone", () => {
    let report = checklistReducer(null, { type: "started", report: started });
    report = checklistReducer(report, { type: "check", side: "left", check: check("tls", "running") });
    report = checklistReducer(report, { type: "check", side: "left", check: check("dns", "passed", "jira → 10.0.0.1") });
    if (!report) throw new Error("no report");
    expect(report.left.checks.map((item) => [item.id, item.status])).toEqual([
      ["dns", "passed"],
      ["tls", "running"],
    ]);
    expect(report.left.checks[0]?.summary).toBe("jira → 10.0.0.1");
    expect(report.right).toBe(started.right);
    expect(progressOf(report)).toEqual({ done: 1, total: 4 });
  });

  it("adds a check the start did not announce, after the others", () => {
    const report = checklistReducer(started, { type: "check", side: "right", check: check("proxy", "passed") });
    expect(report?.right.checks.map((item) => item.id)).toEqual(["dns", "clock", "proxy"]);
  });

  it("ignores a Check that arrives before any Started", () => {
    expect(checklistReducer(null, { type: "check", side: "left", check: check("dns", "passed") })).toBeNull();
  });

  it("takes the final report from Finished, with the outcome only the back end computes", () => {
    const final: ConnectionTestReport = {
      ...started,
      left: { ...started.left, outcome: "failed", checks: [check("dns", "passed"), check("tls", "failed")] },
      right: { ...started.right, outcome: "warning", checks: [check("dns", "passed"), check("clock", "warning")] },
      outcome: "failed",
    };
    const report = checklistReducer(started, { type: "finished", report: final });
    expect(report).toBe(final);
    expect(progressOf(final)).toEqual({ done: 4, total: 4 });
    expect(problemsOf(final).map((problem) => [problem.serverName, problem.check.id, problem.check.status])).toEqual([
      ["Jira", "tls", "failed"],
      ["TT NX", "clock", "warning"],
    ]);
  });
});
