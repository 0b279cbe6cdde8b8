import { notifications } from "@mantine/notifications";
import { IconFileExport } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useExportMembersCsv } from "../../../api/memberSeed";
import type { ProjectMembers } from "../../../api/membersTypes";
import { BusyButton } from "../../../components/BusyButton";
import { notifyFailure } from "../../../components/notify";

interface ExportCsvButtonProps {
  serverId: number;
  project: ProjectMembers;
  /** The sentence saying where the file went, for the screen's live region. */
  onExported: (sentence: string) => void;
}

/** Writes the members to a CSV file in Downloads and says where; reading needs no permission. */
export function ExportCsvButton({ serverId, project, onExported }: ExportCsvButtonProps) {
  const { t } = useTranslation();
  const exportCsv = useExportMembersCsv();
  const run = () =>
    exportCsv.mutate(
      { serverId, members: project },
      {
        onSuccess: (file) => {
          const message = t("memberSeed.export.done", { count: file.rows, path: file.path });
          notifications.show({ color: "teal", title: t("memberSeed.export.doneTitle"), message, autoClose: 10_000 });
          onExported(message);
        },
        onError: (error) => notifyFailure(error, t),
      },
    );
  return (
    <BusyButton
      variant="default"
      busy={exportCsv.isPending}
      onClick={run}
      leftSection={<IconFileExport size={18} aria-hidden />}
      data-testid="seed-export"
    >
      {t("memberSeed.export.button")}
    </BusyButton>
  );
}
