import { Badge, Group, Loader, Paper, Stack, Text, TextInput, UnstyledButton } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMemberProjects } from "../../api/members";
import type { ProjectSummary } from "../../api/membersTypes";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";

/** Projects listed at most; a longer list is narrowed by typing. */
export const PROJECTS_LISTED = 50;
const DEBOUNCE_MS = 300;

interface ProjectPickerProps {
  serverId: number;
  onPick: (project: ProjectSummary) => void;
}

/** Finds a project by name or code, as the user types, and opens it. */
export function ProjectPicker({ serverId, onPick }: ProjectPickerProps) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const [debounced] = useDebouncedValue(text.trim(), DEBOUNCE_MS);
  const projects = useMemberProjects(serverId, debounced);
  const listed = projects.data?.slice(0, PROJECTS_LISTED) ?? [];

  return (
    <Stack gap="sm">
      <TextInput
        label={t("members.project.search")}
        description={t("members.project.searchHint")}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        leftSection={<IconSearch size={16} aria-hidden />}
        rightSection={projects.isFetching && projects.data ? <Loader size={16} aria-hidden /> : null}
        maw={420}
        data-testid="project-search"
      />
      {projects.isPending ? <LoadingState /> : null}
      {projects.error ? <ErrorAlert error={projects.error} onRetry={() => void projects.refetch()} /> : null}
      {projects.data && projects.data.length === 0 ? (
        <Text size="sm" data-testid="projects-none">
          {debounced === "" ? t("members.project.empty") : t("members.project.none", { text: debounced })}
        </Text>
      ) : null}
      {listed.length > 0 ? (
        <Stack component="ul" gap={6} aria-label={t("members.project.results")} p={0} m={0} style={{ listStyle: "none" }} data-testid="project-results">
          {listed.map((project) => (
            <li key={project.id}>
              <ProjectOption project={project} onPick={() => onPick(project)} />
            </li>
          ))}
        </Stack>
      ) : null}
      {projects.data && projects.data.length > PROJECTS_LISTED ? (
        <Text size="sm" c="dimmed">
          {t("members.project.more", { count: PROJECTS_LISTED })}
        </Text>
      ) : null}
    </Stack>
  );
}

function ProjectOption({ project, onPick }: { project: ProjectSummary; onPick: () => void }) {
  return (
    <UnstyledButton onClick={onPick} w="100%" data-testid="project-option">
      <Paper withBorder px="md" py="xs">
        <ProjectLine project={project} />
      </Paper>
    </UnstyledButton>
  );
}

/** Code, name, manager and whether it is finished: how a project is recognised. */
export function ProjectLine({ project }: { project: ProjectSummary }) {
  const { t } = useTranslation();
  return (
    <Group gap="sm" wrap="nowrap" justify="space-between">
      <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
        {project.code ? (
          <Badge variant="outline" color="gray.8" tt="none" ff="monospace" style={{ flexShrink: 0 }}>
            {project.code}
          </Badge>
        ) : null}
        <Text fw={700} truncate>
          {project.name}
        </Text>
        {project.isFinished ? (
          <Badge color="gray.7" variant="filled" tt="none" style={{ flexShrink: 0 }} data-testid="project-finished">
            {t("members.project.finished")}
          </Badge>
        ) : null}
      </Group>
      <Text size="sm" c="dimmed" style={{ flexShrink: 0 }}>
        {project.manager ? t("members.project.manager", { name: project.manager }) : t("members.project.noManager")}
      </Text>
    </Group>
  );
}
