import { Alert, Code, Group, Text } from "@mantine/core";
import { IconCircleCheck, IconFileExport } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useExportWorkspace } from "../../api/transfer";
import type { ExportSummary } from "../../bindings";
import { BusyButton } from "../../components/BusyButton";
import { notifyFailure } from "../../components/notify";

/** Writes the export file (the back end picks the place) and hands its summary up. */
export function ExportButton({ onExported }: { onExported: (summary: ExportSummary) => void }) {
  const { t } = useTranslation();
  const exportWorkspace = useExportWorkspace();
  return (
    <BusyButton
      variant="default"
      busy={exportWorkspace.isPending}
      onClick={() => exportWorkspace.mutate(undefined, { onSuccess: onExported, onError: (error) => notifyFailure(error, t) })}
      leftSection={<IconFileExport size={18} aria-hidden />}
      data-testid="export-workspace"
    >
      {t("transfer.export.button")}
    </BusyButton>
  );
}

/** Where the file went, and that it holds no secret; stays until closed. */
export function ExportNotice({ summary, onClose }: { summary: ExportSummary; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="teal"
      variant="light"
      role="status"
      icon={<IconCircleCheck aria-hidden />}
      title={t("transfer.export.doneTitle")}
      withCloseButton
      closeButtonLabel={t("common.close")}
      onClose={onClose}
      data-testid="export-notice"
    >
      <Text size="sm">
        {t("transfer.export.done", {
          servers: t("transfer.counts.servers", { count: summary.servers }),
          connections: t("transfer.counts.connections", { count: summary.connections }),
          credentials: t("transfer.counts.credentials", { count: summary.credentials }),
        })}
      </Text>
      <Group gap="xs" mt="xs" wrap="nowrap" align="flex-start">
        <Text size="sm" fw={600} style={{ flexShrink: 0 }}>
          {t("transfer.export.path")}
        </Text>
        <Code className="kh-path" data-testid="export-path">
          {summary.path}
        </Code>
      </Group>
      <Text size="sm" mt="xs">
        {t("transfer.export.noSecrets")}
      </Text>
    </Alert>
  );
}
