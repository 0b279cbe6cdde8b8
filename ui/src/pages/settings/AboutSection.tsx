import { Button, Code, DataList, Group, Text } from "@mantine/core";
import { IconClipboardCopy, IconFolderOpen } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useCopyDiagnostics, useDoctor, useOpenFolder } from "../../api/diagnostics";
import type { DoctorReport, Folder } from "../../bindings";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { notifyFailure, notifySuccess } from "../../components/notify";
import { Section } from "../../components/Section";

/** The folders About can open, with their labels. */
const FOLDER_BUTTONS = [
  { folder: "data", label: "settings.about.openDataFolder", testId: "open-data-folder" },
  { folder: "logs", label: "settings.about.openLogFolder", testId: "open-log-folder" },
] as const satisfies readonly { folder: Folder; label: string; testId: string }[];

/** The doctor report, plus the actions a support request needs. */
export function AboutSection() {
  const { t } = useTranslation();
  const doctor = useDoctor();
  const copy = useCopyDiagnostics();
  const openFolder = useOpenFolder();

  const copyDiagnostics = () =>
    copy.mutate(undefined, {
      onSuccess: () => notifySuccess(t("settings.about.copiedBody"), t("settings.about.copiedTitle")),
      onError: (error) => notifyFailure(error, t),
    });
  const open = (folder: Folder) => openFolder.mutate(folder, { onError: (error) => notifyFailure(error, t) });

  return (
    <Section heading={t("settings.about.heading")}>
      {doctor.isPending ? <LoadingState /> : null}
      {doctor.isError ? <ErrorAlert error={doctor.error} onRetry={() => void doctor.refetch()} /> : null}
      {doctor.data ? <DoctorList report={doctor.data} /> : null}
      <Text size="sm" c="dimmed" mt="sm">
        {t("settings.about.copyDiagnosticsHelp")}
      </Text>
      <Group gap="sm">
        <Button
          onClick={copyDiagnostics}
          loading={copy.isPending}
          leftSection={<IconClipboardCopy size={18} aria-hidden />}
          data-testid="copy-diagnostics"
        >
          {t("settings.about.copyDiagnostics")}
        </Button>
        {FOLDER_BUTTONS.map(({ folder, label, testId }) => (
          <Button
            key={folder}
            variant="default"
            onClick={() => open(folder)}
            leftSection={<IconFolderOpen size={18} aria-hidden />}
            data-testid={testId}
          >
            {t(label)}
          </Button>
        ))}
      </Group>
    </Section>
  );
}

function DoctorList({ report }: { report: DoctorReport }) {
  const { t } = useTranslation();
  const unknown = t("common.unknown");
  const { keychain } = report;

  const rows: { label: string; value: ReactNode; testId?: string }[] = [
    { label: t("settings.about.appVersion"), value: report.appVersion, testId: "about-app-version" },
    { label: t("settings.about.tauriVersion"), value: report.tauriVersion ?? unknown },
    { label: t("settings.about.webviewVersion"), value: report.webviewVersion ?? unknown },
    { label: t("settings.about.os"), value: `${report.os} · ${report.arch}` },
    { label: t("settings.about.sqliteVersion"), value: report.sqliteVersion },
    {
      label: t("settings.about.dataDir"),
      value: <Code className="kh-path">{report.dataDir}</Code>,
      testId: "about-data-dir",
    },
    {
      label: t("settings.about.logDir"),
      value: <Code className="kh-path">{report.logDir}</Code>,
      testId: "about-log-dir",
    },
    { label: t("settings.about.schemaVersion"), value: report.schemaVersion, testId: "about-schema-version" },
    {
      label: t("settings.about.keychain"),
      value: keychain.reachable ? (
        t("settings.about.keychainReachable", { backend: keychain.backend })
      ) : (
        <Text component="span" c="red.8" fw={600} inherit>
          {t("settings.about.keychainUnreachable", { backend: keychain.backend })}
          {keychain.reason ? (
            <>
              <br />
              {t("settings.about.keychainReason", { reason: keychain.reason })}
            </>
          ) : null}
        </Text>
      ),
      testId: "about-keychain",
    },
  ];

  return (
    <DataList labelWidth="min(16rem, 40%)" withDivider gap="xs">
      {rows.map(({ label, value, testId }) => (
        <DataList.Item key={label}>
          <DataList.ItemLabel>{label}</DataList.ItemLabel>
          <DataList.ItemValue data-testid={testId}>{value}</DataList.ItemValue>
        </DataList.Item>
      ))}
    </DataList>
  );
}
