import { List, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { AuditEntry } from "../../api/membersTypes";
import { MemberDiffTable } from "./MemberDiffTable";
import { diffSize } from "./undoable";

/** What one apply did to each member, and the edits the server refused with its reasons. */
export function AuditDetails({ entry, when }: { entry: AuditEntry; when: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" py="xs">
      {diffSize(entry.changes) > 0 ? (
        <MemberDiffTable
          diff={entry.changes}
          label={t("activity.audit.changesOf", { project: entry.projectName, when })}
          testId="audit-diff"
        />
      ) : (
        <Text size="sm">{t("activity.audit.noChanges")}</Text>
      )}
      {entry.failures.length > 0 ? (
        <Stack gap={4} data-testid="audit-failures">
          <Title order={3} size="h5" c="var(--mantine-color-error)">
            {t("activity.audit.failed", { count: entry.failures.length })}
          </Title>
          <List size="sm" spacing={4}>
            {entry.failures.map((failure) => (
              <List.Item key={`${failure.action}-${failure.userId ?? failure.memberId ?? failure.name}`}>
                <Text span size="sm" fw={600}>
                  {t(`activity.failure.${failure.action}`, { name: failure.name })}
                </Text>{" "}
                {failure.message}
              </List.Item>
            ))}
          </List>
        </Stack>
      ) : null}
    </Stack>
  );
}
