import { Group, List, Text } from "@mantine/core";
import { IconCheck, IconX } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { PermissionResult } from "../../../bindings";

/** One row per permission the sync needs, each saying in words whether it is granted. */
export function PermissionList({ permissions }: { permissions: PermissionResult[] }) {
  const { t } = useTranslation();
  return (
    <List size="sm" spacing={2} listStyleType="none" data-testid="permission-list">
      {permissions.map((permission) => {
        const Icon = permission.granted ? IconCheck : IconX;
        return (
          <List.Item key={permission.key} data-testid="permission" data-granted={permission.granted}>
            <Group gap={6} wrap="nowrap">
              <Icon
                size={14}
                aria-hidden
                style={{ flexShrink: 0, color: `var(--kh-status-${permission.granted ? "passed" : "failed"})` }}
              />
              <Text size="sm">
                {t(permission.granted ? "connections.test.permissionGranted" : "connections.test.permissionMissing", {
                  permission: permission.label,
                })}
              </Text>
            </Group>
          </List.Item>
        );
      })}
    </List>
  );
}
