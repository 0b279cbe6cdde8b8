import { Alert, Code, Group, Text } from "@mantine/core";
import { IconCircleCheck, IconFileExport } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useExportMemberAudit } from "../../api/memberAudit";
import type { ExportedFile } from "../../api/membersTypes";
import { BusyButton } from "../../components/BusyButton";
import { notifyFailure } from "../../components/notify";


/** Writes the whole member audit log to a CSV file in Downloads. */
export function AuditExportButton({ onExported }: { onExported: (file: ExportedFile) => void }) {
  const { t } = useTranslation();
  const exportAudit = useExportMemberAudit();
  return (
    <BusyButton
      variant="default"
      size="sm"
      busy={exportAudit.isPending}
      onClick={() => exportAudit.mutate(undefined, { onSuccess: onExported, onError: (error) => notifyFailure(error, t) })}
      leftSection={<IconFileExport size={18} aria-hidden />}
      data-testid="audit-export"
    >
      {t("activity.audit.export")}
    </BusyButton>
  );
}

/** Where the file went; stays until closed, so the path can be copied. */
export function AuditExportNotice({ file, onClose }: { file: ExportedFile; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="teal"
      variant="light"
      role="region"
      icon={<IconCircleCheck aria-hidden />}
      title={t("activity.audit.exported", { count: file.rows })}
      withCloseButton
      closeButtonLabel={t("common.close")}
      onClose={onClose}
      data-testid="audit-export-notice"
    >
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Text size="sm" fw={600} style={{ flexShrink: 0 }}>
          {t("activity.audit.exportPath")}
        </Text>
        <Code className="kh-path" data-testid="audit-export-path">
          {file.path}
        </Code>
      </Group>
    </Alert>
  );
}
