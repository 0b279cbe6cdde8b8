import { List, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { MemberDelta, MemberDiff } from "../../api/membersTypes";
import { useMemberFormat } from "./useMemberFormat";

interface DiffViewProps {
  diff: MemberDiff;
  /** "future": what applying would do (preview); "past": what was done (result, conflict). */
  tense: "future" | "past";
  testId?: string;
}

type Part = keyof MemberDiff;
const PARTS: readonly Part[] = ["adds", "updates", "removes"];

/** Adds, unit-cost changes and removes, each person with the cost before and after. */
export function DiffView({ diff, tense, testId }: DiffViewProps) {
  const { t } = useTranslation();
  const format = useMemberFormat();
  const line = (part: Part, delta: MemberDelta) => {
    const before = format.cost(delta.before?.unitCost ?? null);
    const after = format.cost(delta.after?.unitCost ?? null);
    if (part === "adds") return t("members.diff.addCost", { cost: after });
    if (part === "removes") return t("members.diff.removeCost", { cost: before });
    return t("members.cost.change", { before, after });
  };
  return (
    <Stack gap="md" data-testid={testId}>
      {PARTS.filter((part) => diff[part].length > 0).map((part) => (
        <section key={part} data-testid={`diff-${part}`}>
          <Title order={3} size="h5" mb={4}>
            {t(`members.diff.${tense}.${part}`, { count: diff[part].length })}
          </Title>
          <List size="sm" spacing={2} mah={240} style={{ overflowY: "auto" }}>
            {diff[part].map((delta) => (
              <List.Item key={delta.userId} data-testid="diff-entry">
                <Text span size="sm" fw={600}>
                  {delta.login ? t("members.diff.nameLogin", { name: delta.name, login: delta.login }) : delta.name}
                </Text>
                <Text span size="sm">
                  {" — "}
                  {line(part, delta)}
                </Text>
              </List.Item>
            ))}
          </List>
        </section>
      ))}
    </Stack>
  );
}
