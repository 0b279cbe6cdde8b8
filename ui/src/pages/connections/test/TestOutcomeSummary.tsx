import { Alert } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck, IconCircleX } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { problemsOf } from "../../../api/checklist";
import type { ConnectionTestReport } from "../../../bindings";
import { formatDateTime } from "../../../i18n/format";

const LOOK = {
  passed: { color: "teal", Icon: IconCircleCheck },
  warning: { color: "orange", Icon: IconAlertTriangle },
  failed: { color: "red", Icon: IconCircleX },
} as const;

/** The verdict above the two checklists: what the result means for going on. */
export function TestOutcomeSummary({ report }: { report: ConnectionTestReport }) {
  const { t, i18n } = useTranslation();
  const problems = problemsOf(report);
  const failed = problems.filter((problem) => problem.check.status === "failed").length;
  const { color, Icon } = LOOK[report.outcome];
  return (
    <Alert
      color={color}
      variant="light"
      icon={<Icon aria-hidden />}
      title={t(`connections.test.summary.${report.outcome}Title`)}
      data-testid="test-summary"
      data-outcome={report.outcome}
    >
      {t(`connections.test.summary.${report.outcome}`, { failed, warnings: problems.length - failed })}{" "}
      {t("connections.test.ranAt", { time: formatDateTime(report.ranAt, i18n.language) })}
    </Alert>
  );
}
