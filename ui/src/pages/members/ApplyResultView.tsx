import { Alert, List, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { ApplyReport } from "../../api/membersTypes";
import { DiffView } from "./DiffView";
import { diffSize } from "./staging";

/**
 * What the server really shows after the apply (read back, not assumed), and each edit it
 * refused with the reason: the rest stands.
 */
export function ApplyResultView({ report }: { report: ApplyReport }) {
  const { t } = useTranslation();
  const count = diffSize(report.changes);
  return (
    <Stack gap="md" data-testid="apply-result">
      <Alert
        color={report.failures.length > 0 ? "orange" : "teal"}
        variant="light"
        icon={report.failures.length > 0 ? <IconAlertTriangle aria-hidden /> : <IconCircleCheck aria-hidden />}
        title={count > 0 ? t("members.result.summary", { count }) : t("members.result.nothing")}
      >
        {report.failures.length > 0 ? t("members.result.partly", { count: report.failures.length }) : t("members.result.all")}
      </Alert>
      {count > 0 ? <DiffView diff={report.changes} tense="past" testId="result-changes" /> : null}
      {report.failures.length > 0 ? (
        <section data-testid="apply-failures">
          <Text fw={700} mb={4}>
            {t("members.result.failures", { count: report.failures.length })}
          </Text>
          <List size="sm" spacing="xs">
            {report.failures.map((failure, index) => (
              <List.Item key={`${failure.action}-${failure.userId ?? failure.memberId ?? index}`} data-testid="apply-failure">
                <Text span size="sm" fw={600}>
                  {t(`members.result.action.${failure.action}`, { name: failure.name })}
                </Text>
                <Text size="sm">{failure.message}</Text>
              </List.Item>
            ))}
          </List>
        </section>
      ) : null}
    </Stack>
  );
}
