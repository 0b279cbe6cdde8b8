import { Button, Group, Radio, ScrollArea, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconSearch, IconUsers } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useCopyFromProject, useSeedProjects } from "../../../api/memberSeed";
import type { ProjectMembers, ProjectSummary, SeedProposal } from "../../../api/membersTypes";
import { BusyButton } from "../../../components/BusyButton";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { LoadingState } from "../../../components/LoadingState";

/** More than this many matches: the list says to type more rather than growing forever. */
const SHOWN_PROJECTS = 50;

/** "WEB – Web刷新", or the name alone for a project without a code. */
export function projectLabel(project: ProjectSummary): string {
  return project.code ? `${project.code} – ${project.name}` : project.name;
}

interface SourceProjectStepProps {
  serverId: number;
  project: ProjectMembers;
  onProposal: (proposal: SeedProposal) => void;
  onCancel: () => void;
}

/** Step 1 of copying: find the source project by name or code (the open one is not offered). */
export function SourceProjectStep({ serverId, project, onProposal, onCancel }: SourceProjectStepProps) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const [search] = useDebouncedValue(text.trim(), 300);
  const projects = useSeedProjects(serverId, search);
  const copy = useCopyFromProject();
  const [chosen, setChosen] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const others = (projects.data ?? []).filter((item) => item.id !== project.project.id);
  const shown = others.slice(0, SHOWN_PROJECTS);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (copy.isPending) return;
    if (chosen === null || !others.some((item) => item.id === chosen)) {
      setMissing(true);
      return;
    }
    copy.mutate({ serverId, target: project, sourceProjectId: chosen }, { onSuccess: onProposal });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="seed-source-step">
      <Stack gap="md">
        <Text size="sm">{t("memberSeed.copy.intro")}</Text>
        <TextInput
          label={t("memberSeed.copy.search")}
          description={t("memberSeed.copy.searchHint")}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          data-autofocus
          data-testid="seed-project-search"
        />
        {projects.isPending ? (
          <LoadingState />
        ) : projects.isError ? (
          <ErrorAlert error={projects.error} onRetry={() => void projects.refetch()} />
        ) : others.length === 0 ? (
          <Text size="sm" fw={600} data-testid="seed-no-projects">
            {t("memberSeed.copy.none")}
          </Text>
        ) : (
          <Radio.Group
            label={t("memberSeed.copy.project")}
            value={chosen}
            onChange={(value) => {
              setChosen(value);
              setMissing(false);
            }}
            error={missing ? t("memberSeed.copy.chooseFirst") : undefined}
          >
            <ScrollArea.Autosize mah={320} type="auto" mt="xs">
              <Stack gap="xs" pr="sm">
                {shown.map((item) => (
                  <Radio
                    key={item.id}
                    value={item.id}
                    label={projectLabel(item)}
                    description={[
                      item.manager ? t("memberSeed.copy.manager", { name: item.manager }) : null,
                      item.isFinished ? t("memberSeed.copy.finished") : null,
                    ]
                      .filter(Boolean)
                      .join(" · ")}
                    data-testid="seed-project-option"
                  />
                ))}
              </Stack>
            </ScrollArea.Autosize>
          </Radio.Group>
        )}
        {others.length > shown.length ? (
          <Text size="sm" c="dimmed">
            {t("memberSeed.copy.more", { count: shown.length })}
          </Text>
        ) : null}
        {copy.isError ? <ErrorAlert title={t("memberSeed.copy.failed")} error={copy.error} /> : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t("common.cancel")}
          </Button>
          <BusyButton type="submit" busy={copy.isPending} leftSection={<IconUsers size={18} aria-hidden />} data-testid="seed-copy-next">
            {t("memberSeed.copy.next")}
          </BusyButton>
        </Group>
      </Stack>
    </form>
  );
}
