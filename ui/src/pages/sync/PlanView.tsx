import { List, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Plan } from "../../api/syncTypes";
import { BreakerAlert } from "./BreakerAlert";
import { CountsTable } from "./CountsTable";
import { OpsTable } from "./OpsTable";
import type { SideNames } from "./sides";
import { useSyncText } from "./useSyncText";

/** Everything a dry run found: counts per side, the breaker, each operation and the problems. */
export function PlanView({ plan, sides }: { plan: Plan; sides: SideNames }) {
  const { t } = useTranslation();
  const text = useSyncText();
  return (
    <Stack gap="md" data-testid="plan-view">
      {plan.breaker ? <BreakerAlert reason={plan.breaker} sides={sides} /> : null}
      <CountsTable left={plan.left} right={plan.right} sides={sides} label={t("sync.preview.countsLabel")} />
      <Title order={3} size="h4">
        {t("sync.preview.opsHeading", { count: plan.ops.length })}
      </Title>
      <OpsTable ops={plan.ops} sides={sides} label={t("sync.preview.opsLabel")} />
      <Title order={3} size="h4">
        {t("sync.preview.problemsHeading", { count: plan.problems.length })}
      </Title>
      {plan.problems.length === 0 ? (
        <Text size="sm">{t("sync.preview.noProblems")}</Text>
      ) : (
        <List size="sm" data-testid="plan-problems">
          {plan.problems.map((problem) => (
            <List.Item key={`${problem.item}-${problem.cause.kind}`}>
              <Text span fw={600}>
                {problem.item}
              </Text>
              {t("sync.colon")}
              {text.cause(problem.cause, sides)}
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
