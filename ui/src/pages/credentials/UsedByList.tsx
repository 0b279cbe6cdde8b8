import { List, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** The connections that use a credential, or that none does. */
export function UsedByList({ names, testId }: { names: readonly string[]; testId?: string }) {
  const { t } = useTranslation();
  if (names.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid={testId}>
        {t("credentials.list.unused")}
      </Text>
    );
  }
  return (
    <List size="sm" spacing={2} data-testid={testId}>
      {names.map((name) => (
        <List.Item key={name}>{name}</List.Item>
      ))}
    </List>
  );
}
