import { Badge, Stack, Table, Text, VisuallyHidden } from "@mantine/core";
import { IconArrowRight } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { MemberDelta, MemberDiff, MemberState } from "../../api/membersTypes";
import { UnitCostText } from "../members/UnitCostText";
import { WARNING_TEXT_LIGHT } from "../../theme";

type Change = "add" | "update" | "remove";
// Removal in the theme's warning orange: Mantine's own darkest orange is below 4.5:1 with white.
const CHANGE_COLORS: Record<Change, string> = { add: "teal.9", update: "blue.9", remove: WARNING_TEXT_LIGHT };

interface MemberDiffTableProps {
  diff: MemberDiff;
  label: string;
  testId?: string;
}

/** Before → after per member: the unit costs (the system default marked), or not a member. */
export function MemberDiffTable({ diff, label, testId }: MemberDiffTableProps) {
  const { t } = useTranslation();
  const rows: { change: Change; delta: MemberDelta }[] = [
    ...diff.adds.map((delta) => ({ change: "add" as const, delta })),
    ...diff.updates.map((delta) => ({ change: "update" as const, delta })),
    ...diff.removes.map((delta) => ({ change: "remove" as const, delta })),
  ];
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table verticalSpacing={6} aria-label={label} data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("activity.diff.member")}</Table.Th>
            <Table.Th scope="col">{t("activity.diff.change")}</Table.Th>
            <Table.Th scope="col">{t("activity.diff.before")}</Table.Th>
            <Table.Th scope="col" w={32}>
              <VisuallyHidden>{t("activity.diff.to")}</VisuallyHidden>
            </Table.Th>
            <Table.Th scope="col">{t("activity.diff.after")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ change, delta }) => (
            <Table.Tr key={`${change}-${delta.userId}`} data-testid="diff-row" data-change={change}>
              <Table.Th scope="row" fw={400}>
                <Stack gap={0}>
                  <Text size="sm" fw={600}>
                    {delta.name}
                  </Text>
                  {delta.login ? (
                    <Text size="xs" c="dimmed">
                      {delta.login}
                    </Text>
                  ) : null}
                </Stack>
              </Table.Th>
              <Table.Td>
                <Badge size="sm" tt="none" color={CHANGE_COLORS[change]} autoContrast>
                  {t(`activity.diff.${change}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <StateText state={delta.before} />
              </Table.Td>
              <Table.Td>
                <IconArrowRight size={16} aria-hidden />
              </Table.Td>
              <Table.Td>
                <StateText state={delta.after} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function StateText({ state }: { state: MemberState | null }) {
  const { t } = useTranslation();
  if (state === null) {
    return (
      <Text span size="sm" c="dimmed">
        {t("activity.diff.notMember")}
      </Text>
    );
  }
  return <UnitCostText value={state.unitCost} />;
}
