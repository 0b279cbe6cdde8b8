import { Alert, Group, NativeSelect, Radio, Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ConnectionOverview } from "../../../bindings";
import { useJiraBoards, useScopeOptions, useTtnxFolders } from "../../../api/sync";
import type { Choice } from "../../../api/syncTypes";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { RouteLink } from "../../../components/RouteLink";
import type { EditorField, EditorValues } from "./draft";

interface ScopeFieldsProps {
  values: EditorValues;
  connections: readonly ConnectionOverview[];
  onChange: (change: Partial<EditorValues>) => void;
  error: (field: EditorField) => string | undefined;
}

const options = (choices: readonly Choice[] | undefined, placeholder: string) => [
  { value: "", label: placeholder },
  ...(choices ?? []).map((choice) => ({ value: choice.id, label: choice.detail ? `${choice.name} (${choice.detail})` : choice.name })),
];

/** Which connection, and on it: Jira project ↔ TT NX project and folder, grouped by version or sprint. */
export function ScopeFields({ values, connections, onChange, error }: ScopeFieldsProps) {
  const { t } = useTranslation();
  const scope = useScopeOptions(values.connectionId);
  const folders = useTtnxFolders(values.connectionId, values.ttnxProjectId);
  const boards = useJiraBoards(values.connectionId, values.jiraProject, values.groupBy === "sprint");
  const choose = t("profiles.editor.choose");

  if (connections.length === 0) {
    return (
      <Alert color="blue" variant="light" title={t("profiles.editor.noConnectionTitle")} data-testid="no-jira-ttnx">
        {t("profiles.empty.noConnection")} <RouteLink to="connections">{t("profiles.empty.link")}</RouteLink>
      </Alert>
    );
  }
  return (
    <Stack gap="sm">
      <NativeSelect
        label={t("profiles.editor.connection")}
        description={t("profiles.editor.connectionHelp")}
        data={[{ value: "", label: choose }, ...connections.map((item) => ({ value: String(item.id), label: item.name }))]}
        value={values.connectionId === null ? "" : String(values.connectionId)}
        onChange={(event) => {
          const id = event.currentTarget.value;
          // Another connection means other servers: the scope chosen on the old one is meaningless.
          onChange({ connectionId: id === "" ? null : Number(id), jiraProject: "", ttnxProjectId: "", ttnxFolderId: "", boardId: "" });
        }}
        error={error("connectionId")}
        required
        data-testid="profile-connection"
      />
      {scope.isError ? <ErrorAlert error={scope.error} onRetry={() => void scope.refetch()} /> : null}
      <Group grow align="flex-start">
        <NativeSelect
          label={t("profiles.editor.jiraProject")}
          data={options(scope.data?.jiraProjects, choose)}
          value={values.jiraProject}
          onChange={(event) => onChange({ jiraProject: event.currentTarget.value, boardId: "" })}
          error={error("scope.jiraProject")}
          disabled={values.connectionId === null}
          required
          data-testid="profile-jira-project"
        />
        <NativeSelect
          label={t("profiles.editor.ttnxProject")}
          data={options(scope.data?.ttnxProjects, choose)}
          value={values.ttnxProjectId}
          onChange={(event) => onChange({ ttnxProjectId: event.currentTarget.value, ttnxFolderId: "" })}
          error={error("scope.ttnxProjectId")}
          disabled={values.connectionId === null}
          required
          data-testid="profile-ttnx-project"
        />
        <NativeSelect
          label={t("profiles.editor.ttnxFolder")}
          description={t("profiles.editor.ttnxFolderHelp")}
          data={options(folders.data, choose)}
          value={values.ttnxFolderId}
          onChange={(event) => onChange({ ttnxFolderId: event.currentTarget.value })}
          error={error("scope.ttnxFolderId")}
          disabled={values.ttnxProjectId === ""}
          required
          data-testid="profile-ttnx-folder"
        />
      </Group>
      <Radio.Group
        label={t("profiles.editor.groupBy")}
        description={t("profiles.editor.groupByHelp")}
        value={values.groupBy}
        onChange={(value) => onChange({ groupBy: value === "sprint" ? "sprint" : "version" })}
      >
        <Group mt="xs">
          <Radio value="version" label={t("profiles.editor.groupVersion")} data-testid="group-version" />
          <Radio value="sprint" label={t("profiles.editor.groupSprint")} data-testid="group-sprint" />
        </Group>
      </Radio.Group>
      {values.groupBy === "sprint" ? (
        <NativeSelect
          label={t("profiles.editor.board")}
          data={options(boards.data, choose)}
          value={values.boardId}
          onChange={(event) => onChange({ boardId: event.currentTarget.value })}
          error={error("scope.boardId")}
          disabled={values.jiraProject === ""}
          required
          maw={360}
          data-testid="profile-board"
        />
      ) : null}
    </Stack>
  );
}
