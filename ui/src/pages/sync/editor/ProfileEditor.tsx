import { Button, Checkbox, Group, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { IconBulb } from "@tabler/icons-react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ConnectionOverview } from "../../../bindings";
import { useDefaultFields, useSaveProfile, useSuggestions } from "../../../api/sync";
import type { MappingSuggestions, SyncProfile } from "../../../api/syncTypes";
import { BusyButton } from "../../../components/BusyButton";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { LoadingState } from "../../../components/LoadingState";
import { notifySuccess } from "../../../components/notify";
import { useFocusFirstInvalid } from "../../credentials/useFocusFirstInvalid";
import { sideNamesOf } from "../sides";
import { newValues, rejectedField, toDraft, validate, valuesOf, NAME_MAX, type EditorErrors, type EditorValues } from "./draft";
import { FieldMappingTable } from "./FieldMappingTable";
import { PermissionChecks } from "./PermissionChecks";
import { PolicyFields } from "./PolicyFields";
import { ScheduleFields } from "./ScheduleFields";
import { ScopeFields } from "./ScopeFields";
import { useProblemText } from "./useProblemText";
import { UserMappingAssistant, withSuggestedUsers } from "./UserMappingAssistant";
import { ValueMapsEditor, withSuggestedValues } from "./ValueMapsEditor";

interface ProfileEditorProps {
  /** null: a new profile. */
  profile: SyncProfile | null;
  /** The Jira ↔ TimeTracker NX connections a profile can use. */
  connections: readonly ConnectionOverview[];
  onClose: () => void;
}

function Part({ heading, children, testId }: { heading: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap="sm" data-testid={testId}>
      <Title order={3} size="h4">
        {heading}
      </Title>
      {children}
    </Stack>
  );
}

/** The editor proper, once the default fields are known. */
function EditorForm({ profile, connections, onClose, initial }: ProfileEditorProps & { initial: EditorValues }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<EditorValues>(initial);
  const [errors, setErrors] = useState<EditorErrors>({});
  const [suggestions, setSuggestions] = useState<MappingSuggestions | null>(null);
  const save = useSaveProfile();
  const suggest = useSuggestions();
  const { formRef, focusFirstInvalid } = useFocusFirstInvalid();
  const error = useProblemText(errors);
  const heading = useRef<HTMLHeadingElement>(null);
  const sides = sideNamesOf(connections.find((item) => item.id === values.connectionId)) ?? { left: t("sync.left"), right: t("sync.right") };

  useEffect(() => heading.current?.focus(), []);

  const change = (next: Partial<EditorValues>) => {
    setValues((current) => ({ ...current, ...next }));
    // A changed input's old problem no longer applies.
    setErrors((current) => {
      const rest = { ...current };
      for (const key of Object.keys(next)) {
        for (const field of Object.keys(rest) as (keyof EditorErrors)[]) if (field === key || field.endsWith(`.${key}`)) delete rest[field];
      }
      return rest;
    });
  };

  const runSuggest = () =>
    suggest.mutate(toDraft(values), {
      onSuccess: (found) => {
        setSuggestions(found);
        setValues((current) => ({
          ...current,
          valueMaps: withSuggestedValues(current.valueMaps, found),
          userMap: withSuggestedUsers(current.userMap, found),
        }));
      },
    });

  // An existing profile's maps name values by id: read the names (and the permissions) at once.
  const { mutate: suggestMutate } = suggest;
  const existing = profile !== null;
  const start = useRef(initial);
  useEffect(() => {
    if (existing) suggestMutate(toDraft(start.current), { onSuccess: setSuggestions });
  }, [existing, suggestMutate]);

  const submit = () => {
    const checked = validate(values);
    if (checked.errors) {
      setErrors(checked.errors);
      focusFirstInvalid();
      return;
    }
    save.mutate(checked.draft, {
      onSuccess: (saved) => {
        notifySuccess(t("profiles.editor.saved", { name: saved.name }));
        onClose();
      },
      onError: (failure) => {
        const field = rejectedField(failure);
        if (field) {
          setErrors(field);
          focusFirstInvalid();
        }
      },
    });
  };

  const scopeChosen = values.connectionId !== null && values.jiraProject !== "" && values.ttnxProjectId !== "";
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="profile-editor-heading" data-testid="profile-editor">
      <form
        ref={formRef}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="xl">
          <Title order={2} size="h3" id="profile-editor-heading" ref={heading} tabIndex={-1}>
            {profile ? t("profiles.editor.editTitle", { name: profile.name }) : t("profiles.editor.newTitle")}
          </Title>
          <TextInput
            label={t("profiles.editor.name")}
            description={t("profiles.editor.nameHelp")}
            value={values.name}
            onChange={(event) => change({ name: event.currentTarget.value })}
            error={error("name")}
            maxLength={NAME_MAX + 20}
            required
            maw={420}
            data-testid="profile-name"
          />
          <Part heading={t("profiles.editor.scope")}>
            <ScopeFields values={values} connections={connections} onChange={change} error={error} />
          </Part>
          <Part heading={t("profiles.editor.entities")}>
            <Group>
              <Checkbox label={t("profiles.editor.items")} checked={values.items} onChange={(event) => change({ items: event.currentTarget.checked })} />
              <Checkbox
                label={t("profiles.editor.worklogs")}
                checked={values.worklogs}
                onChange={(event) => change({ worklogs: event.currentTarget.checked })}
                error={error("entities")}
              />
            </Group>
          </Part>
          <Part heading={t("profiles.fields.heading")}>
            <Text size="sm">{t("profiles.fields.help")}</Text>
            <FieldMappingTable fields={values.fields} sides={sides} onChange={(fields) => change({ fields })} />
          </Part>
          <Part heading={t("profiles.values.heading")} testId="mapping-part">
            <Text size="sm">{t("profiles.values.help")}</Text>
            <Group>
              <BusyButton
                variant="default"
                busy={suggest.isPending}
                onClick={runSuggest}
                disabled={!scopeChosen}
                leftSection={<IconBulb size={18} aria-hidden />}
                data-testid="suggest"
              >
                {t("profiles.values.suggest")}
              </BusyButton>
              {scopeChosen ? null : <Text size="sm">{t("profiles.values.chooseScope")}</Text>}
            </Group>
            {suggest.isError ? <ErrorAlert error={suggest.error} title={t("profiles.values.suggestFailed")} /> : null}
            {suggest.isPending && suggestions === null ? <LoadingState /> : null}
            <ValueMapsEditor maps={values.valueMaps} suggestions={suggestions} sides={sides} onChange={(valueMaps) => change({ valueMaps })} />
            <Title order={3} size="h4" mt="md">
              {t("profiles.users.heading")}
            </Title>
            <UserMappingAssistant pairs={values.userMap} suggestions={suggestions} sides={sides} onChange={(userMap) => change({ userMap })} />
            {suggestions ? (
              <>
                <Title order={3} size="h4" mt="md">
                  {t("profiles.permissions.heading")}
                </Title>
                <PermissionChecks checks={suggestions.permissions} sides={sides} />
              </>
            ) : null}
          </Part>
          <Part heading={t("profiles.schedule.heading")}>
            <ScheduleFields values={values} onChange={change} error={error} />
          </Part>
          <Part heading={t("profiles.policy.heading")}>
            <PolicyFields values={values} sides={sides} onChange={change} error={error} />
          </Part>
          {save.isError && rejectedField(save.error) === null ? <ErrorAlert error={save.error} title={t("profiles.editor.saveFailed")} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} data-testid="profile-cancel">
              {t("common.cancel")}
            </Button>
            <BusyButton type="submit" busy={save.isPending} data-testid="profile-save">
              {t("profiles.editor.save")}
            </BusyButton>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** New or existing profile: every part on one page section, saved at once. */
export function ProfileEditor(props: ProfileEditorProps) {
  const defaults = useDefaultFields();
  const { profile, connections } = props;
  if (defaults.isError) return <ErrorAlert error={defaults.error} onRetry={() => void defaults.refetch()} />;
  if (!defaults.data) return <LoadingState />;
  const initial = profile ? valuesOf(profile) : newValues(defaults.data);
  // One usable connection: nothing to choose.
  if (!profile && connections.length === 1) initial.connectionId = connections[0]?.id ?? null;
  // The form reads `initial` once, when it mounts.
  return <EditorForm {...props} initial={initial} />;
}
