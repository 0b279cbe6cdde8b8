import { Button, Group, Menu, Text } from "@mantine/core";
import { IconBrandJira, IconChevronDown, IconCopy, IconFileImport, IconUsersPlus } from "@tabler/icons-react";
import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ProjectMembers, Staged } from "../../../api/membersTypes";
import { LiveRegion } from "../../../components/LiveRegion";
import { CsvImportDialog } from "./CsvImportDialog";
import { ExportCsvButton } from "./ExportCsvButton";
import { SeedSourceDialog } from "./SeedSourceDialog";

type SeedDialog = "copy" | "jira" | "csv";

export interface SeedActionsProps {
  serverId: number;
  project: ProjectMembers;
  canManage: boolean;
  /** Hands seeded or imported edits to the Members screen's staging; nothing is written here. */
  onStage: (staged: Staged) => void;
}

/**
 * The Members screen's "Add from…" menu (another project, a Jira role, a CSV file) and
 * Export CSV. Seeding only stages edits: the screen previews them before anything is
 * written. Without Manage Project only the export is available, and the screen says why.
 */
export function SeedActions({ serverId, project, canManage, onStage }: SeedActionsProps) {
  const { t } = useTranslation();
  const reasonId = useId();
  const menuButton = useRef<HTMLButtonElement>(null);
  const [dialog, setDialog] = useState<SeedDialog | null>(null);
  const [announcement, setAnnouncement] = useState("");

  const open = (next: SeedDialog) => {
    // The dialog gives focus back to what had it when it opened: the menu's button, not
    // the menu item that is about to disappear.
    menuButton.current?.focus();
    setDialog(next);
  };
  const close = () => setDialog(null);
  // The screen merges the edits into its staging and says how many are staged in all;
  // announcing this batch as well would make screen readers say it twice.
  const stage = (staged: Staged) => {
    onStage(staged);
    close();
  };
  const dialogProps = { serverId, project, onClose: close, onStage: stage };

  return (
    <Group gap="sm" align="center" data-testid="seed-actions">
      <Menu position="bottom-end" withinPortal disabled={!canManage}>
        <Menu.Target>
          <Button
            ref={menuButton}
            variant="default"
            leftSection={<IconUsersPlus size={18} aria-hidden />}
            rightSection={<IconChevronDown size={16} aria-hidden />}
            disabled={!canManage}
            aria-describedby={canManage ? undefined : reasonId}
            data-testid="seed-menu"
          >
            {t("memberSeed.menu.button")}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconCopy size={16} aria-hidden />} onClick={() => open("copy")} data-testid="seed-copy">
            {t("memberSeed.menu.copy")}
          </Menu.Item>
          <Menu.Item leftSection={<IconBrandJira size={16} aria-hidden />} onClick={() => open("jira")} data-testid="seed-jira">
            {t("memberSeed.menu.jira")}
          </Menu.Item>
          <Menu.Item leftSection={<IconFileImport size={16} aria-hidden />} onClick={() => open("csv")} data-testid="seed-csv">
            {t("memberSeed.menu.csv")}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ExportCsvButton serverId={serverId} project={project} onExported={setAnnouncement} />
      {canManage ? null : (
        <Text size="sm" c="dimmed" id={reasonId} data-testid="seed-disabled-reason">
          {t("memberSeed.menu.noPermission")}
        </Text>
      )}
      <LiveRegion text={announcement} testId="seed-announcement" />
      {/* Always mounted, so each gives focus back when it closes; their content starts afresh per opening. */}
      <SeedSourceDialog source="copy" opened={dialog === "copy"} {...dialogProps} />
      <SeedSourceDialog source="jira" opened={dialog === "jira"} {...dialogProps} />
      <CsvImportDialog opened={dialog === "csv"} {...dialogProps} />
    </Group>
  );
}
