import { Group, Text } from "@mantine/core";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMemberAudit } from "../../api/memberAudit";
import type { AuditEntry, ExportedFile } from "../../api/membersTypes";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LiveRegion } from "../../components/LiveRegion";
import { LoadingState } from "../../components/LoadingState";
import { Section } from "../../components/Section";
import { AuditExportButton, AuditExportNotice } from "./AuditExport";
import { AuditTable } from "./AuditTable";
import { UndoDialog } from "./UndoDialog";

/** The member audit log on the Activity screen: every apply, exportable, the newest per project undoable. */
export function AuditSection() {
  const { t } = useTranslation();
  const audit = useMemberAudit();
  const [exported, setExported] = useState<ExportedFile | null>(null);
  const [undoing, setUndoing] = useState<AuditEntry | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const table = useRef<HTMLTableElement>(null);

  const showExported = (file: ExportedFile) => {
    setExported(file);
    setAnnouncement(t("activity.audit.exportedTo", { count: file.rows, path: file.path }));
  };

  return (
    <Section heading={t("activity.audit.heading")}>
      <Text size="sm">{t("activity.audit.body")}</Text>
      <LiveRegion text={announcement} testId="audit-announcement" />
      {audit.isPending ? (
        <LoadingState />
      ) : audit.isError ? (
        <ErrorAlert error={audit.error} onRetry={() => void audit.refetch()} />
      ) : audit.data.length === 0 ? (
        <Text size="sm" fw={600} data-testid="activity-audit-empty">
          {t("activity.audit.empty")}
        </Text>
      ) : (
        <>
          <Group justify="flex-end">
            <AuditExportButton onExported={showExported} />
          </Group>
          {exported ? <AuditExportNotice file={exported} onClose={() => setExported(null)} /> : null}
          <AuditTable ref={table} entries={audit.data} onUndo={setUndoing} />
        </>
      )}
      <UndoDialog
        entry={undoing}
        onClose={(applied) => {
          setUndoing(null);
          // The Undo button that opened the dialog moved to the new entry: start from the table.
          if (applied) table.current?.focus();
        }}
      />
    </Section>
  );
}
