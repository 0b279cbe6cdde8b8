import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** The small "Demo" mark on everything the demo workspace registered. */
export function DemoBadge() {
  const { t } = useTranslation();
  // A light filled colour with automatic dark text: readable in both colour schemes.
  return (
    <Badge color="orange.3" autoContrast size="sm" data-testid="demo-badge">
      {t("workspace.demo")}
    </Badge>
  );
}
