import { Stack, Text, Title } from "@mantine/core";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";

export const PAGE_TITLE_ID = "page-title";

interface PageHeaderProps {
  title: string;
  intro: string;
}

/**
 * The screen's only h1 and its one-line summary. The heading is focusable from script so
 * that, after navigation, focus lands at the start of the new screen (see AppLayout).
 */
export function PageHeader({ title, intro }: PageHeaderProps) {
  const { t } = useTranslation();

  useEffect(() => {
    document.title = t("app.documentTitle", { page: title });
  }, [t, title]);

  return (
    <Stack gap={4} mb="lg">
      <Title order={1} id={PAGE_TITLE_ID} tabIndex={-1} data-testid="page-title">
        {title}
      </Title>
      <Text c="dimmed">{intro}</Text>
    </Stack>
  );
}
