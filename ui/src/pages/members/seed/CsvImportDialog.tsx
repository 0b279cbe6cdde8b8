import { Alert, Button, Checkbox, Code, FileButton, Group, Stack, Text } from "@mantine/core";
import { IconFileUpload } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useImportMembersCsv } from "../../../api/memberSeed";
import type { ImportReport, ProjectMembers, Staged } from "../../../api/membersTypes";
import { AppModal } from "../../../components/AppModal";
import { BusyButton } from "../../../components/BusyButton";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { CsvReport } from "./CsvReport";
import { readCsvFile, MAX_CSV_BYTES, type FileProblem } from "./readCsvFile";

interface CsvImportDialogProps {
  opened: boolean;
  serverId: number;
  project: ProjectMembers;
  onClose: () => void;
  onStage: (staged: Staged) => void;
}

/** Import members from a CSV file: choose it, read the validation report, stage the valid changes. */
export function CsvImportDialog({ opened, serverId, project, onClose, onStage }: CsvImportDialogProps) {
  const { t } = useTranslation();
  return (
    <AppModal
      opened={opened}
      onClose={onClose}
      title={t("memberSeed.csv.title", { project: project.project.name })}
      size="xl"
      testId="seed-csv-dialog"
    >
      <CsvFlow serverId={serverId} project={project} onClose={onClose} onStage={onStage} />
    </AppModal>
  );
}

/** The dialog's content: unmounted while closed, so every opening starts with the file choice. */
function CsvFlow({ serverId, project, onClose, onStage }: Omit<CsvImportDialogProps, "opened">) {
  const [checked, setChecked] = useState<{ fileName: string; report: ImportReport } | null>(null);
  // Kept here so that "Choose another file" keeps the choice.
  const [removeMissing, setRemoveMissing] = useState(false);
  return checked ? (
    <CsvReport fileName={checked.fileName} report={checked.report} onBack={() => setChecked(null)} onStage={onStage} />
  ) : (
    <ChooseFile
      serverId={serverId}
      project={project}
      removeMissing={removeMissing}
      onRemoveMissing={setRemoveMissing}
      onChecked={setChecked}
      onCancel={onClose}
    />
  );
}

interface ChooseFileProps {
  serverId: number;
  project: ProjectMembers;
  removeMissing: boolean;
  onRemoveMissing: (value: boolean) => void;
  onChecked: (checked: { fileName: string; report: ImportReport }) => void;
  onCancel: () => void;
}

function ChooseFile({ serverId, project, removeMissing, onRemoveMissing, onChecked, onCancel }: ChooseFileProps) {
  const { t } = useTranslation();
  const importCsv = useImportMembersCsv();
  const [problem, setProblem] = useState<FileProblem | null>(null);

  const choose = async (file: File | null) => {
    if (!file || importCsv.isPending) return;
    setProblem(null);
    importCsv.reset();
    const read = await readCsvFile(file);
    if (!read.ok) {
      setProblem(read.problem);
      return;
    }
    importCsv.mutate(
      { serverId, target: project, text: read.text, removeMissing },
      { onSuccess: (report) => onChecked({ fileName: read.name, report }) },
    );
  };

  return (
    <Stack gap="md" data-testid="seed-csv-choose">
      <Text size="sm">{t("memberSeed.csv.intro")}</Text>
      <Code block>{t("memberSeed.csv.example")}</Code>
      <Text size="sm" c="dimmed">
        {t("memberSeed.csv.formats")}
      </Text>
      <Checkbox
        label={t("memberSeed.csv.removeMissing")}
        description={t("memberSeed.csv.removeMissingHint")}
        checked={removeMissing}
        onChange={(event) => onRemoveMissing(event.currentTarget.checked)}
        data-testid="seed-csv-remove-missing"
      />
      {problem ? (
        <Alert color="red" variant="light" role="alert" title={t("memberSeed.csv.fileFailed")} data-testid="seed-csv-problem">
          {t(`memberSeed.csv.problem.${problem.kind}`, { name: problem.name, limit: `${MAX_CSV_BYTES / 1024 / 1024} MB` })}
        </Alert>
      ) : null}
      {importCsv.isError ? <ErrorAlert title={t("memberSeed.csv.checkFailed")} error={importCsv.error} /> : null}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onCancel}>
          {t("common.cancel")}
        </Button>
        <FileButton onChange={(file) => void choose(file)} accept=".csv,.txt,text/csv,text/plain">
          {(props) => (
            <BusyButton
              {...props}
              busy={importCsv.isPending}
              leftSection={<IconFileUpload size={18} aria-hidden />}
              data-autofocus
              data-testid="seed-csv-file"
            >
              {t("memberSeed.csv.choose")}
            </BusyButton>
          )}
        </FileButton>
      </Group>
    </Stack>
  );
}
