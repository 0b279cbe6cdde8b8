import { Button, Group, NativeSelect, Radio, Stack, Text, TextInput } from "@mantine/core";
import { IconSearch, IconUsers } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useJiraRoles, useSeedFromJiraRole } from "../../../api/memberSeed";
import type { ProjectMembers, SeedProposal } from "../../../api/membersTypes";
import { useServers } from "../../../api/workspace";
import { BusyButton } from "../../../components/BusyButton";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { LoadingState } from "../../../components/LoadingState";
import { RouteLink } from "../../../components/RouteLink";

interface JiraRoleStepProps {
  serverId: number;
  project: ProjectMembers;
  onProposal: (proposal: SeedProposal) => void;
  onCancel: () => void;
}

/** What the user asked roles for; changing the server or the key asks afresh. */
interface Asked {
  jiraServerId: number;
  jiraProject: string;
}

/** Step 1 of a Jira seed: a registered Jira server, the project key, then one of its roles. */
export function JiraRoleStep({ serverId, project, onProposal, onCancel }: JiraRoleStepProps) {
  const { t } = useTranslation();
  const servers = useServers();
  const jiraServers = (servers.data ?? []).filter((server) => server.kind === "jiraCloud" || server.kind === "jiraDataCenter");
  const [chosenServer, setChosenServer] = useState<number | null>(null);
  // With one Jira server there is nothing to choose.
  const jiraServerId = chosenServer ?? (jiraServers.length === 1 ? (jiraServers[0]?.id ?? null) : null);
  const [key, setKey] = useState("");
  const [problems, setProblems] = useState<{ server?: string; key?: string; role?: string }>({});
  const [asked, setAsked] = useState<Asked | null>(null);
  const roles = useJiraRoles(asked?.jiraServerId ?? null, asked?.jiraProject ?? null);
  const [roleId, setRoleId] = useState<string | null>(null);
  const seed = useSeedFromJiraRole();

  const changed = () => {
    setAsked(null);
    setRoleId(null);
    seed.reset();
  };

  const findRoles = (event: FormEvent) => {
    event.preventDefault();
    const jiraProject = key.trim().toUpperCase();
    const found = {
      server: jiraServerId === null ? t("memberSeed.jira.serverMissing") : undefined,
      key: jiraProject === "" ? t("memberSeed.jira.keyMissing") : undefined,
    };
    setProblems(found);
    if (jiraServerId === null || jiraProject === "") return;
    setAsked({ jiraServerId, jiraProject });
    setRoleId(null);
  };

  const showPeople = (event: FormEvent) => {
    event.preventDefault();
    if (!asked || seed.isPending) return;
    if (roleId === null) {
      setProblems({ role: t("memberSeed.jira.roleMissing") });
      return;
    }
    seed.mutate({ serverId, target: project, ...asked, roleId }, { onSuccess: onProposal });
  };

  if (servers.isPending) return <LoadingState />;
  if (servers.isError) return <ErrorAlert error={servers.error} onRetry={() => void servers.refetch()} />;
  if (jiraServers.length === 0) {
    return (
      <Stack gap="md" data-testid="seed-jira-none">
        <Text>{t("memberSeed.jira.noServer")}</Text>
        <Group justify="space-between">
          <RouteLink to="connections">{t("memberSeed.jira.noServerLink")}</RouteLink>
          <Button variant="default" onClick={onCancel}>
            {t("common.close")}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Stack gap="md" data-testid="seed-jira-step">
      <Text size="sm">{t("memberSeed.jira.intro")}</Text>
      <form onSubmit={findRoles} noValidate>
        <Stack gap="sm">
          <NativeSelect
            label={t("memberSeed.jira.server")}
            value={jiraServerId === null ? "" : String(jiraServerId)}
            onChange={(event) => {
              setChosenServer(Number(event.currentTarget.value));
              changed();
            }}
            data={[
              { value: "", label: t("memberSeed.jira.chooseServer"), disabled: true },
              ...jiraServers.map((server) => ({ value: String(server.id), label: `${server.name} — ${server.baseUrl}` })),
            ]}
            error={problems.server}
            required
            data-autofocus
            data-testid="seed-jira-server"
          />
          <Group align="flex-end" gap="sm">
            <TextInput
              label={t("memberSeed.jira.key")}
              description={t("memberSeed.jira.keyHint")}
              value={key}
              onChange={(event) => {
                setKey(event.currentTarget.value);
                changed();
              }}
              error={problems.key}
              required
              autoComplete="off"
              style={{ flex: "1 1 14rem" }}
              data-testid="seed-jira-key"
            />
            <BusyButton
              type="submit"
              variant="default"
              busy={roles.isFetching}
              leftSection={<IconSearch size={18} aria-hidden />}
              data-testid="seed-jira-find"
            >
              {t("memberSeed.jira.find")}
            </BusyButton>
          </Group>
        </Stack>
      </form>
      {asked && roles.isError ? <ErrorAlert title={t("memberSeed.jira.rolesFailed")} error={roles.error} /> : null}
      {asked && roles.data ? (
        <form onSubmit={showPeople} noValidate>
          <Stack gap="md">
            {roles.data.length === 0 ? (
              <Text size="sm" fw={600}>
                {t("memberSeed.jira.noRoles", { project: asked.jiraProject })}
              </Text>
            ) : (
              <Radio.Group
                label={t("memberSeed.jira.role", { project: asked.jiraProject })}
                value={roleId}
                onChange={(value) => {
                  setRoleId(value);
                  setProblems({});
                }}
                error={problems.role}
              >
                <Stack gap="xs" mt="xs">
                  {roles.data.map((role) => (
                    <Radio key={role.id} value={role.id} label={role.name} data-testid="seed-jira-role" />
                  ))}
                </Stack>
              </Radio.Group>
            )}
            {seed.isError ? <ErrorAlert title={t("memberSeed.jira.seedFailed")} error={seed.error} /> : null}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={onCancel}>
                {t("common.cancel")}
              </Button>
              <BusyButton
                type="submit"
                busy={seed.isPending}
                disabled={roles.data.length === 0}
                leftSection={<IconUsers size={18} aria-hidden />}
                data-testid="seed-jira-next"
              >
                {t("memberSeed.jira.next")}
              </BusyButton>
            </Group>
          </Stack>
        </form>
      ) : (
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t("common.cancel")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
