import { Checkbox, Stack, Table, Text, VisuallyHidden } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ProjectMembers, UserCandidate } from "../../../api/membersTypes";
import { UnitCostText } from "../UnitCostText";
import {
  chooseUser,
  costOf,
  setAllIncluded,
  setIncluded,
  type CostChoice,
  type ReviewHow,
  type ReviewRow,
  type RowState,
} from "./review";
import { ReviewUserCell } from "./ReviewUserCell";

interface ReviewTableProps {
  rows: readonly ReviewRow[];
  states: readonly RowState[];
  serverId: number;
  project: ProjectMembers;
  cost: CostChoice;
  onRows: (rows: ReviewRow[]) => void;
}

/** One row per person of the source: tick to add, who they are here, and the unit cost they get. */
export function ReviewTable({ rows, states, serverId, project, cost, onRows }: ReviewTableProps) {
  const { t } = useTranslation();
  const ready = states.filter((state) => state === "ready").length;
  const ticked = rows.filter((row, index) => row.included && states[index] === "ready").length;
  return (
    <Table.ScrollContainer minWidth={720} maxHeight={480}>
      <Table verticalSpacing="xs" stickyHeader aria-label={t("memberSeed.review.tableLabel")} data-testid="seed-review-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={48}>
              <Checkbox
                aria-label={t("memberSeed.review.all")}
                checked={ready > 0 && ticked === ready}
                indeterminate={ticked > 0 && ticked < ready}
                disabled={ready === 0}
                onChange={(event) => onRows(setAllIncluded(rows, event.currentTarget.checked))}
                data-testid="seed-review-all"
              />
            </Table.Th>
            <Table.Th scope="col">{t("memberSeed.review.source")}</Table.Th>
            <Table.Th scope="col">{t("memberSeed.review.user")}</Table.Th>
            <Table.Th scope="col">{t("memberSeed.review.cost")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, index) => {
            const state = states[index] ?? "needsUser";
            const name = row.candidate.sourceName;
            const choose = (user: UserCandidate, how: ReviewHow) => onRows(chooseUser(rows, index, user, how));
            return (
              // Candidates have no id of their own; the proposal's order is fixed while reviewing.
              <Table.Tr key={index} data-testid="seed-review-row" data-state={state}>
                <Table.Td style={{ verticalAlign: "top" }}>
                  <Checkbox
                    aria-label={t("memberSeed.review.include", { name })}
                    checked={row.included && state === "ready"}
                    disabled={state !== "ready"}
                    onChange={(event) => onRows(setIncluded(rows, index, event.currentTarget.checked))}
                    data-testid="seed-review-include"
                  />
                </Table.Td>
                <Table.Th scope="row" fw={400} style={{ verticalAlign: "top" }}>
                  <Stack gap={0}>
                    <Text size="sm" fw={600}>
                      {name}
                    </Text>
                    {[row.candidate.sourceLogin, row.candidate.sourceEmail].filter(Boolean).map((detail) => (
                      <Text key={detail} size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                        {detail}
                      </Text>
                    ))}
                  </Stack>
                </Table.Th>
                <Table.Td style={{ verticalAlign: "top" }}>
                  <ReviewUserCell row={row} state={state} serverId={serverId} project={project} onChoose={choose} />
                </Table.Td>
                <Table.Td style={{ verticalAlign: "top", whiteSpace: "nowrap" }}>
                  {state === "ready" ? (
                    <UnitCostText value={costOf(row, cost)} />
                  ) : (
                    <>
                      <Text span size="sm" c="dimmed" aria-hidden>
                        —
                      </Text>
                      <VisuallyHidden>{t("memberSeed.review.noCost")}</VisuallyHidden>
                    </>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
