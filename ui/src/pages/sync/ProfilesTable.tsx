import { Badge, Box, Button, Group, Stack, Table, Text } from "@mantine/core";
import { IconEye, IconPencil, IconPlayerPlay, IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useScopeOptions, useTtnxFolders } from "../../api/sync";
import type { SyncProfile } from "../../api/syncTypes";
import { formatDateTime } from "../../i18n/format";
import { RunOutcomeBadge } from "./RunOutcomeBadge";
import { scopeText, useSyncText } from "./useSyncText";

export type ProfileAction = "preview" | "run" | "edit" | "remove";

interface ProfilesTableProps {
  profiles: readonly SyncProfile[];
  /** Open problems per profile id. */
  problems: ReadonlyMap<number, number>;
  onAction: (action: ProfileAction, profile: SyncProfile) => void;
}

/** The TT NX project and folder by name once the server has said them; ids until then. */
function ScopeCell({ profile }: { profile: SyncProfile }) {
  const options = useScopeOptions(profile.connectionId);
  const folders = useTtnxFolders(profile.connectionId, profile.scope.ttnxProjectId);
  const project = options.data?.ttnxProjects.find((choice) => choice.id === profile.scope.ttnxProjectId)?.name;
  const folder = folders.data?.find((choice) => choice.id === profile.scope.ttnxFolderId)?.name;
  return <>{scopeText(profile, { project, folder })}</>;
}

export function ProfilesTable({ profiles, problems, onAction }: ProfilesTableProps) {
  const { t, i18n } = useTranslation();
  const text = useSyncText();
  return (
    <Box style={{ overflowX: "auto" }}>
      <Table aria-label={t("profiles.table.label")} data-testid="profiles-table" verticalSpacing="sm" miw={880}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("profiles.table.name")}</Table.Th>
            <Table.Th scope="col">{t("profiles.table.connection")}</Table.Th>
            <Table.Th scope="col">{t("profiles.table.scope")}</Table.Th>
            <Table.Th scope="col">{t("profiles.table.schedule")}</Table.Th>
            <Table.Th scope="col">{t("profiles.table.lastRun")}</Table.Th>
            <Table.Th scope="col">{t("profiles.table.problems")}</Table.Th>
            <Table.Th scope="col">{t("profiles.table.actions")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {profiles.map((profile) => {
            const open = problems.get(profile.id) ?? 0;
            return (
              <Table.Tr key={profile.id} data-testid="profile-row" data-profile-id={profile.id}>
                <Table.Th scope="row">{profile.name}</Table.Th>
                <Table.Td>{profile.connectionName}</Table.Td>
                <Table.Td>
                  <ScopeCell profile={profile} />
                </Table.Td>
                <Table.Td>{text.schedule(profile.schedule)}</Table.Td>
                <Table.Td>
                  {profile.lastRun ? (
                    <Stack gap={2} align="flex-start">
                      <RunOutcomeBadge outcome={profile.lastRun.outcome} />
                      <Text size="xs">
                        {formatDateTime(profile.lastRun.startedAt, i18n.language)}
                        {profile.lastRun.dryRun ? ` · ${t("profiles.table.dryRun")}` : ""}
                      </Text>
                    </Stack>
                  ) : (
                    t("profiles.table.never")
                  )}
                  {profile.hasRun ? null : (
                    <Badge mt={4} color="blue.9" variant="filled" autoContrast display="block" data-testid="preview-first">
                      {t("profiles.previewFirst")}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td data-testid="profile-problems">{open}</Table.Td>
                <Table.Td>
                  <Group gap="xs" maw={240}>
                    <Button
                      size="xs"
                      variant="default"
                      leftSection={<IconEye size={16} aria-hidden />}
                      aria-label={t("profiles.actions.previewNamed", { name: profile.name })}
                      onClick={() => onAction("preview", profile)}
                      data-testid="profile-preview"
                    >
                      {t("profiles.actions.preview")}
                    </Button>
                    <Button
                      size="xs"
                      leftSection={<IconPlayerPlay size={16} aria-hidden />}
                      aria-label={t(profile.hasRun ? "profiles.actions.runNamed" : "profiles.actions.runFirstNamed", { name: profile.name })}
                      onClick={() => onAction("run", profile)}
                      data-testid="profile-run"
                    >
                      {t("profiles.actions.run")}
                    </Button>
                    <Button
                      size="xs"
                      variant="default"
                      leftSection={<IconPencil size={16} aria-hidden />}
                      aria-label={t("profiles.actions.editNamed", { name: profile.name })}
                      onClick={() => onAction("edit", profile)}
                      data-testid="profile-edit"
                    >
                      {t("profiles.actions.edit")}
                    </Button>
                    <Button
                      size="xs"
                      variant="default"
                      color="red.9"
                      leftSection={<IconTrash size={16} aria-hidden />}
                      aria-label={t("profiles.actions.removeNamed", { name: profile.name })}
                      onClick={() => onAction("remove", profile)}
                      data-testid="profile-remove"
                    >
                      {t("profiles.actions.remove")}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Box>
  );
}
