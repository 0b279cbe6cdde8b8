import type { CheckResult, CheckStatus, ConnectionTestReport, Side, SideReport, TestProgress } from "../bindings";

/**
 * The live checklist: the report as the progress messages have built it so far. Started
 * brings every check as pending, each Check replaces one check of one side, Finished
 * brings the final report (with the outcomes, which only the back end computes).
 */
export function checklistReducer(report: ConnectionTestReport | null, event: TestProgress): ConnectionTestReport | null {
  switch (event.type) {
    case "started":
    case "finished":
      return event.report;
    case "check":
      // A Check before Started belongs to no test this screen knows about.
      if (report === null) return null;
      return { ...report, [event.side]: withCheck(report[event.side], event.check) };
  }
}

function withCheck(side: SideReport, check: CheckResult): SideReport {
  const known = side.checks.some((item) => item.id === check.id);
  return {
    ...side,
    // A check the back end did not announce at the start (it decides per server which
    // checks apply) is still shown, after the others.
    checks: known ? side.checks.map((item) => (item.id === check.id ? check : item)) : [...side.checks, check],
  };
}

const DONE: ReadonlySet<CheckStatus> = new Set(["passed", "warning", "failed", "skipped"]);

export const isDone = (check: CheckResult) => DONE.has(check.status);
export const isProblem = (check: CheckResult) => check.status === "warning" || check.status === "failed";

/** How far the test is: checks finished out of all checks, both sides together. */
export function progressOf(report: ConnectionTestReport): { done: number; total: number } {
  const checks = [...report.left.checks, ...report.right.checks];
  return { done: checks.filter(isDone).length, total: checks.length };
}

export interface Problem {
  side: Side;
  serverName: string;
  check: CheckResult;
}

/** Every warning and failure so far, left side first, in check order. */
export function problemsOf(report: ConnectionTestReport): Problem[] {
  return (["left", "right"] as const).flatMap((side) =>
    report[side].checks.filter(isProblem).map((check) => ({ side, serverName: report[side].serverName, check })),
  );
}
