import { Alert, Text } from "@mantine/core";
import { IconLock } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

/**
 * Said before anything can be edited: the account the app signs in with may read these
 * members but not change them, and how to get the permission. Every edit control is off.
 */
export function PermissionNotice({ account, project }: { account: string; project: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" variant="light" icon={<IconLock aria-hidden />} title={t("members.permission.title")} data-testid="members-no-permission">
      <Text size="sm">{t("members.permission.body", { account })}</Text>
      <Text size="sm" mt="xs">
        {t("members.permission.fix", { account, project })}
      </Text>
    </Alert>
  );
}
