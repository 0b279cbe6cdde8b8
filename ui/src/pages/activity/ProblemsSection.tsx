import { Badge, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useProblems, useSyncProfiles } from "../../api/sync";
import type { ItemProblem, SyncProfile } from "../../api/syncTypes";
import { useConnections } from "../../api/workspace";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LiveRegion } from "../../components/LiveRegion";
import { LoadingState } from "../../components/LoadingState";
import { Section } from "../../components/Section";
import { formatDateTime } from "../../i18n/format";
import { sideNamesOf, type SideNames } from "../sync/sides";
import { useSyncText } from "../sync/useSyncText";
import { ProblemFixes } from "./ProblemFixes";

function ProblemCard({ problem, profile, sides, onResolved }: { problem: ItemProblem; profile: SyncProfile | undefined; sides: SideNames; onResolved: (text: string) => void }) {
  const { t, i18n } = useTranslation();
  const text = useSyncText();
  return (
    <Paper withBorder p="md" component="li" data-testid="problem" data-problem-id={problem.id} data-cause={problem.cause.kind}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <Title order={4} size="h5">
            {problem.item}
          </Title>
          <Badge color="gray.9" variant="filled" autoContrast>
            {t(`problems.kind.${problem.cause.kind}`)}
          </Badge>
        </Group>
        <Text size="sm" data-testid="problem-cause">
          {text.cause(problem.cause, sides)}
        </Text>
        <Text size="sm" c="dimmed">
          {t("errors.detail", { detail: problem.message })}
        </Text>
        <Text size="xs" c="dimmed">
          {t("problems.seen", { count: problem.occurrences, when: formatDateTime(problem.lastSeen, i18n.language) })}
        </Text>
        <ProblemFixes problem={problem} profile={profile} sides={sides} onResolved={onResolved} />
      </Stack>
    </Paper>
  );
}

/** Open item problems, grouped by profile, each with its cause in words and its fixes. */
export function ProblemsSection() {
  const { t } = useTranslation();
  const problems = useProblems();
  const profiles = useSyncProfiles();
  const connections = useConnections();
  const [announcement, setAnnouncement] = useState("");
  const heading = useRef<HTMLDivElement>(null);
  const groups = new Map<number, ItemProblem[]>();
  for (const problem of problems.data ?? []) groups.set(problem.profileId, [...(groups.get(problem.profileId) ?? []), problem]);

  const resolved = (text: string) => {
    setAnnouncement(text);
    // The fixed problem's card (and the button used) is gone: continue from the inbox.
    heading.current?.focus();
  };

  return (
    <Section heading={t("activity.problems.heading")}>
      <Text size="sm">{t("activity.problems.body")}</Text>
      <LiveRegion text={announcement} testId="problems-announcement" />
      <div ref={heading} tabIndex={-1} role="group" aria-label={t("problems.inboxLabel")}>
      {problems.isPending ? (
        <LoadingState />
      ) : problems.isError ? (
        <ErrorAlert error={problems.error} onRetry={() => void problems.refetch()} />
      ) : problems.data.length === 0 ? (
        <Text size="sm" fw={600} data-testid="activity-problems-empty">
          {t("activity.problems.empty")}
        </Text>
      ) : (
        [...groups].map(([profileId, items]) => {
          const profile = profiles.data?.find((item) => item.id === profileId);
          const sides = sideNamesOf(connections.data?.find((item) => item.id === profile?.connectionId)) ?? { left: t("sync.left"), right: t("sync.right") };
          return (
            <Stack gap="xs" key={profileId} data-testid="problem-group">
              <Title order={3} size="h4">
                {t("problems.groupHeading", { name: items[0]?.profileName ?? "", count: items.length })}
              </Title>
              <Stack gap="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
                {items.map((problem) => (
                  <ProblemCard key={problem.id} problem={problem} profile={profile} sides={sides} onResolved={resolved} />
                ))}
              </Stack>
            </Stack>
          );
        })
      )}
      </div>
    </Section>
  );
}
