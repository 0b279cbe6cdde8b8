import { Badge, Group, NativeSelect, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ProjectMembers, UserCandidate } from "../../../api/membersTypes";
import { WARNING_TEXT_LIGHT } from "../../../theme";
import { choicesOf, userDetails, type ReviewHow, type ReviewRow, type RowState } from "./review";
import { UserSearchPicker } from "./UserSearchPicker";

interface ReviewUserCellProps {
  row: ReviewRow;
  state: RowState;
  serverId: number;
  project: ProjectMembers;
  onChoose: (user: UserCandidate, how: ReviewHow) => void;
}

/**
 * Who the person is in TimeTracker NX and how that was decided: matched (and by what), a
 * choice between users who fit, or nobody yet with a search to pick the user by hand.
 */
export function ReviewUserCell({ row, state, serverId, project, onChoose }: ReviewUserCellProps) {
  const { t } = useTranslation();
  const { candidate, user, how } = row;
  const choices = choicesOf(candidate);

  if (choices.length > 1) {
    return (
      <Stack gap={4}>
        <NativeSelect
          size="xs"
          label={t("memberSeed.review.which", { name: candidate.sourceName })}
          description={t("memberSeed.review.several", { count: choices.length })}
          value={user?.userId ?? ""}
          onChange={(event) => {
            const picked = choices.find((item) => item.userId === event.currentTarget.value);
            if (picked) onChoose(picked, "chosen");
          }}
          data={[
            { value: "", label: t("memberSeed.review.choose"), disabled: true },
            ...choices.map((item) => ({
              value: item.userId,
              label: `${item.name} — ${userDetails(item)}${item.memberId ? ` (${t("memberSeed.review.member")})` : ""}`,
            })),
          ]}
          data-testid="seed-review-which"
        />
        <StateBadges state={state} how={user ? how : null} />
      </Stack>
    );
  }

  const unmatched = user === null || how === "picked";
  return (
    <Stack gap={4}>
      {user ? (
        <Stack gap={0}>
          <Text size="sm" fw={600}>
            {user.name}
          </Text>
          <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
            {userDetails(user)}
          </Text>
        </Stack>
      ) : (
        <Text size="sm" fw={600} data-testid="seed-review-unmatched">
          {t("memberSeed.review.unmatched")}
        </Text>
      )}
      <StateBadges state={state} how={how} />
      {unmatched && state !== "member" ? (
        <UserSearchPicker
          serverId={serverId}
          project={project}
          sourceName={candidate.sourceName}
          picked={user !== null}
          onPick={(picked) => onChoose(picked, "picked")}
        />
      ) : null}
    </Stack>
  );
}

/** How the user was found, and why a row cannot be added (a member already, or repeated). */
function StateBadges({ state, how }: { state: RowState; how: ReviewRow["how"] }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {how ? (
        <Badge size="sm" tt="none" variant="light" color="indigo" data-testid="seed-review-how">
          {t(`memberSeed.match.${how}`)}
        </Badge>
      ) : null}
      {state === "member" ? (
        <Badge size="sm" tt="none" color="gray.7" autoContrast data-testid="seed-review-member">
          {t("memberSeed.review.member")}
        </Badge>
      ) : null}
      {state === "duplicate" ? (
        <Badge size="sm" tt="none" color={WARNING_TEXT_LIGHT} autoContrast data-testid="seed-review-duplicate">
          {t("memberSeed.review.duplicate")}
        </Badge>
      ) : null}
    </Group>
  );
}
