import type { TFunction } from "i18next";
import { problemsOf, progressOf } from "../../../api/checklist";
import type { ConnectionTestReport } from "../../../bindings";

/**
 * What the polite live region says about a running test. It changes only at the moments
 * that matter — the start, each new warning or failure, the end — and not with every
 * check that passes, which would talk over everything else.
 */
export function announcement(report: ConnectionTestReport | null, running: boolean, t: TFunction): string {
  if (report === null) return running ? t("connections.test.live.starting") : "";
  const problems = problemsOf(report);
  if (running) {
    const last = problems.at(-1);
    if (!last) return t("connections.test.live.running");
    return t("connections.test.live.problem", {
      count: problems.length,
      server: last.serverName,
      check: last.check.title,
      status: t(`connections.test.status.${last.check.status}`),
    });
  }
  const { total } = progressOf(report);
  const failed = problems.filter((problem) => problem.check.status === "failed").length;
  return t("connections.test.live.finished", {
    outcome: t(`connections.test.outcome.${report.outcome}`),
    failed,
    warnings: problems.length - failed,
    total,
  });
}
