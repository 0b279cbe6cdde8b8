import { Button, Group, Stack, Text, Title } from "@mantine/core";
import { IconUsersPlus } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ProjectMembers, SeedProposal, StagedAdd } from "../../../api/membersTypes";
import { LiveRegion } from "../../../components/LiveRegion";
import { addableIndexes, initialRows, rowStates, stagedAdds, type CostChoice, type ReviewRow } from "./review";
import { ReviewTable } from "./ReviewTable";
import { UnitCostChoice } from "./UnitCostChoice";
import { useFocusOnMount } from "../../../components/useFocusOnMount";

interface SeedReviewProps {
  proposal: SeedProposal;
  serverId: number;
  project: ProjectMembers;
  /** True when the source has unit costs of its own (another project); a Jira role has none. */
  sourceCosts: boolean;
  onBack: () => void;
  onStage: (adds: StagedAdd[]) => void;
}

/**
 * The review step of every seed: who each person of the source is in TimeTracker NX and
 * how that was decided, who is a member already, a choice where several users fit and a
 * search where none did, then the unit cost. Staging writes nothing.
 */
export function SeedReview({ proposal, serverId, project, sourceCosts, onBack, onStage }: SeedReviewProps) {
  const { t } = useTranslation();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const [rows, setRows] = useState<ReviewRow[]>(() => initialRows(proposal));
  const [cost, setCost] = useState<CostChoice>(sourceCosts ? { mode: "source" } : { mode: "default" });
  const [costMissing, setCostMissing] = useState(false);
  const states = useMemo(() => rowStates(rows), [rows]);
  const count = addableIndexes(rows).length;
  const summary = useMemo(() => {
    // Counted as the proposal arrived: what the back end matched, not what was ticked since.
    const initial = initialRows(proposal);
    const initialStates = rowStates(initial);
    const members = initialStates.filter((state) => state === "member").length;
    const matched = initial.filter((row) => row.included).length;
    return t("memberSeed.review.summary", {
      people: t("memberSeed.review.people", { count: initial.length }),
      matched: t("memberSeed.review.matched", { count: matched }),
      members: t("memberSeed.review.members", { count: members }),
      open: t("memberSeed.review.open", { count: initial.length - matched - members }),
    });
  }, [proposal, t]);

  const stage = () => {
    if (count === 0) return;
    if (cost.mode === "same" && cost.value === null) {
      setCostMissing(true);
      return;
    }
    onStage(stagedAdds(rows, cost));
  };

  return (
    <Stack gap="md" data-testid="seed-review">
      <Stack gap={4}>
        <Title order={3} size="h4" ref={headingRef} tabIndex={-1} data-testid="seed-review-heading">
          {t("memberSeed.review.heading", { source: proposal.source })}
        </Title>
        <Text size="sm" data-testid="seed-review-summary">
          {summary}
        </Text>
        <Text size="sm" c="dimmed">
          {t("memberSeed.review.nothingWritten")}
        </Text>
      </Stack>
      {/* Announced once, when the proposal arrives; the heading alone says little. */}
      <LiveRegion text={summary} />
      {proposal.candidates.length === 0 ? (
        <Text size="sm" fw={600} data-testid="seed-review-empty">
          {t("memberSeed.review.empty")}
        </Text>
      ) : (
        <ReviewTable
          rows={rows}
          states={states}
          serverId={serverId}
          project={project}
          cost={cost}
          onRows={setRows}
        />
      )}
      <UnitCostChoice
        value={cost}
        sourceCosts={sourceCosts}
        missing={costMissing}
        onChange={(next) => {
          setCost(next);
          setCostMissing(false);
        }}
      />
      <Group justify="space-between" gap="sm">
        <Button variant="default" onClick={onBack} data-testid="seed-review-back">
          {t("memberSeed.review.back")}
        </Button>
        <Button
          onClick={stage}
          disabled={count === 0}
          leftSection={<IconUsersPlus size={18} aria-hidden />}
          data-testid="seed-stage"
        >
          {count === 0 ? t("memberSeed.review.stageNone") : t("memberSeed.review.stage", { count })}
        </Button>
      </Group>
    </Stack>
  );
}
