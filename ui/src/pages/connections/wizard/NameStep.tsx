import { Button, Group, Stack, TextInput } from "@mantine/core";
import { IconArrowLeft, IconDeviceFloppy } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { useCreateConnection } from "../../../api/connections";
import type { Connection, ConnectionSide, ConnectionTestReport } from "../../../bindings";
import type { Direction, Server } from "../../../bindings";
import { BusyButton } from "../../../components/BusyButton";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useFocusFirstInvalid } from "../../credentials/useFocusFirstInvalid";
import { useProblemText } from "../../credentials/useProblemText";
import { fieldProblemFromError, LABEL_MAX, problemsOf, type FieldErrors } from "../../credentials/validation";
import { DirectionChoice } from "./DirectionChoice";
import { IssueSyncSummary } from "./IssueSyncSummary";
import { StepHeading } from "./StepHeading";

const nameSchema = z.object({ name: z.string().trim().min(1, "required").max(LABEL_MAX, "tooLong") });

interface NameStepProps {
  left: { server: Server; side: ConnectionSide };
  right: { server: Server; side: ConnectionSide };
  name: string | null;
  direction: Direction;
  /** Show the IssueSYNC fields (Jira ↔ Jira). */
  issueSync: boolean;
  report: ConnectionTestReport | null;
  onName: (name: string) => void;
  onDirection: (direction: Direction) => void;
  onBack: () => void;
  onChangeServers: () => void;
  onCreated: (connection: Connection) => void;
}

/** Step 5: the connection's name and direction, then save it. */
export function NameStep(props: NameStepProps) {
  const { left, right, direction, issueSync, report, onName, onDirection, onBack, onChangeServers, onCreated } = props;
  const { t } = useTranslation();
  const problemText = useProblemText();
  const create = useCreateConnection();
  const { formRef, focusFirstInvalid } = useFocusFirstInvalid();
  const [errors, setErrors] = useState<FieldErrors<"name">>({});
  const name = props.name ?? `${left.server.name} ↔ ${right.server.name}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    const parsed = nameSchema.safeParse({ name });
    if (!parsed.success) {
      setErrors(problemsOf<"name">(parsed.error));
      focusFirstInvalid();
      return;
    }
    setErrors({});
    create.mutate(
      { name: parsed.data.name, left: left.side, right: right.side, direction },
      {
        onSuccess: onCreated,
        onError: (error) => {
          const onField = fieldProblemFromError(error, ["name"] as const);
          if (onField) {
            setErrors(onField);
            focusFirstInvalid();
          }
        },
      },
    );
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate data-testid="name-form">
      <Stack gap="md">
        <StepHeading title={t("connections.wizard.name.heading")} intro={t("connections.wizard.name.intro")} />
        <TextInput
          label={t("connections.wizard.name.name")}
          description={t("connections.wizard.name.nameHelp")}
          value={name}
          onChange={(event) => onName(event.currentTarget.value)}
          error={problemText(errors.name)}
          required
          data-testid="connection-name"
        />
        <DirectionChoice value={direction} onChange={onDirection} left={left.server.name} right={right.server.name} />
        {issueSync ? <IssueSyncSummary left={left.server} right={right.server} report={report} onChangeServers={onChangeServers} /> : null}
        {create.isError && !errors.name ? <ErrorAlert title={t("connections.wizard.name.failed")} error={create.error} /> : null}
        <Group justify="space-between">
          <Button variant="default" onClick={onBack} leftSection={<IconArrowLeft size={18} aria-hidden />} data-testid="wizard-back">
            {t("connections.wizard.back")}
          </Button>
          <BusyButton type="submit" busy={create.isPending} leftSection={<IconDeviceFloppy size={18} aria-hidden />} data-testid="create-connection">
            {t("connections.wizard.name.create")}
          </BusyButton>
        </Group>
      </Stack>
    </form>
  );
}
