import { Group, Stack, Text, Title } from "@mantine/core";
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

export const PAGE_TITLE_ID = "page-title";

interface PageHeaderProps {
  title: string;
  intro: string;
  /** The screen's main actions (add, import, export), beside the title. */
  actions?: ReactNode;
}

/**
 * The screen's only h1 and its one-line summary. The heading is focusable from script so
 * that, after navigation, focus lands at the start of the new screen (see AppLayout).
 */
export function PageHeader({ title, intro, actions }: PageHeaderProps) {
  const { t } = useTranslation();

  useEffect(() => {
    document.title = t("app.documentTitle", { page: title });
  }, [t, title]);

  return (
    <Group justify="space-between" align="flex-start" gap="md" mb="lg">
      <Stack gap={4} style={{ flex: "1 1 20rem" }}>
        <Title order={1} id={PAGE_TITLE_ID} tabIndex={-1} data-testid="page-title">
          {title}
        </Title>
        <Text c="dimmed">{intro}</Text>
      </Stack>
      {actions ? <Group gap="sm">{actions}</Group> : null}
    </Group>
  );
}
