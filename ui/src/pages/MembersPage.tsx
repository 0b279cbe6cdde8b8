import { Button, Group, Stack } from "@mantine/core";
import { IconSwitchHorizontal, IconUsers } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ProjectSummary } from "../api/membersTypes";
import { useServers } from "../api/workspace";
import { EmptyNotice } from "../components/EmptyNotice";
import { ErrorAlert } from "../components/ErrorAlert";
import { LoadingState } from "../components/LoadingState";
import { PageHeader } from "../components/PageHeader";
import { RouteLink } from "../components/RouteLink";
import { Section } from "../components/Section";
import { DiscardModal } from "./members/DiscardModal";
import { ProjectLine, ProjectPicker } from "./members/ProjectPicker";
import { ProjectMembersPanel } from "./members/ProjectMembersPanel";
import { ServerPicker } from "./members/ServerPicker";
import { useMembersStaging } from "./members/useMembersStaging";

/**
 * TimeTracker NX project members: pick a server and a project, stage edits in the table,
 * preview and apply them. Staged edits belong to the open project; leaving it (another
 * project, another server, "Discard changes") asks first when there are any.
 */
export function MembersPage() {
  const { t } = useTranslation();
  const servers = useServers();
  const staging = useMembersStaging();
  const [chosenServer, setChosenServer] = useState<number | null>(null);
  const [project, setProject] = useState<ProjectSummary | null>(null);
  const [pendingLeave, setPendingLeave] = useState<(() => void) | null>(null);

  const ttnx = (servers.data ?? []).filter((server) => server.kind === "timeTrackerNx");
  // One server: nothing to choose. A chosen server that went away is no choice.
  const serverId = ttnx.find((server) => server.id === chosenServer)?.id ?? (ttnx.length === 1 ? (ttnx[0]?.id ?? null) : null);

  /** Runs `leave` now, or after the user agreed to drop the staged edits. */
  const leaving = (leave: () => void) => {
    const run = () => {
      staging.reset();
      leave();
    };
    if (staging.count === 0) run();
    else setPendingLeave(() => run);
  };

  return (
    <>
      <PageHeader title={t("members.title")} intro={t("members.intro")} />
      <Stack gap="lg">
        {servers.isPending ? <LoadingState /> : null}
        {servers.error ? <ErrorAlert error={servers.error} onRetry={() => void servers.refetch()} /> : null}
        {servers.data && ttnx.length === 0 ? (
          <EmptyNotice
            icon={<IconUsers aria-hidden />}
            title={t("members.noServer.title")}
            description={t("members.noServer.body")}
            action={<RouteLink to="connections">{t("members.noServer.link")}</RouteLink>}
            testId="members-no-server"
          />
        ) : null}
        {ttnx.length > 0 ? (
          <Section heading={t("members.project.heading")}>
            <ServerPicker
              servers={ttnx}
              value={serverId}
              onChange={(next) =>
                leaving(() => {
                  setChosenServer(next);
                  setProject(null);
                })
              }
            />
            {serverId !== null && project === null ? <ProjectPicker key={serverId} serverId={serverId} onPick={setProject} /> : null}
            {serverId !== null && project !== null ? (
              <Group justify="space-between" gap="sm" data-testid="open-project">
                <div style={{ flex: "1 1 20rem", minWidth: 0 }}>
                  <ProjectLine project={project} />
                </div>
                <Button
                  variant="default"
                  leftSection={<IconSwitchHorizontal size={18} aria-hidden />}
                  onClick={() => leaving(() => setProject(null))}
                  data-testid="change-project"
                >
                  {t("members.project.change")}
                </Button>
              </Group>
            ) : null}
          </Section>
        ) : null}
        {serverId !== null && project !== null ? (
          <ProjectMembersPanel
            key={`${serverId}/${project.id}`}
            serverId={serverId}
            project={project}
            staging={staging}
            onDiscard={() => leaving(() => undefined)}
          />
        ) : null}
      </Stack>
      <DiscardModal
        count={staging.count}
        opened={pendingLeave !== null}
        onClose={() => setPendingLeave(null)}
        onConfirm={() => {
          pendingLeave?.();
          setPendingLeave(null);
        }}
      />
    </>
  );
}
