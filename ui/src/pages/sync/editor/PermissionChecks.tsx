import { List, Text, ThemeIcon } from "@mantine/core";
import { IconCheck, IconX } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { PermissionCheck } from "../../../api/syncTypes";
import { sideName, type SideNames } from "../sides";

/** What the sync accounts may do in the chosen projects: ✓ granted, ✗ missing with the exact permission. */
export function PermissionChecks({ checks, sides }: { checks: readonly PermissionCheck[]; sides: SideNames }) {
  const { t } = useTranslation();
  return (
    <List spacing="xs" size="sm" data-testid="permission-checks" aria-label={t("profiles.permissions.label")}>
      {checks.map((check) => (
        <List.Item
          key={`${check.side}-${check.permission}`}
          data-granted={check.granted}
          icon={
            <ThemeIcon color={check.granted ? "teal.9" : "red.9"} size={20} radius="xl">
              {check.granted ? <IconCheck size={14} aria-hidden /> : <IconX size={14} aria-hidden />}
            </ThemeIcon>
          }
        >
          <Text span size="sm" fw={600}>
            {t(check.granted ? "profiles.permissions.granted" : "profiles.permissions.missing", {
              permission: check.permission,
              server: sideName(sides, check.side),
              project: check.project,
            })}
          </Text>
          {check.granted ? null : (
            <Text size="sm" data-testid="permission-fix">
              {check.message}
            </Text>
          )}
        </List.Item>
      ))}
    </List>
  );
}
