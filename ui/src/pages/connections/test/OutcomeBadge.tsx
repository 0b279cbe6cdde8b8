import { Badge } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck, IconCircleDashed, IconCircleX } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { Outcome } from "../../../bindings";

// Dark fills with white text, except warning: a light yellow with dark text (autoContrast)
// is the only warning colour that stays readable in both colour schemes.
const LOOK = {
  passed: { Icon: IconCircleCheck, color: "teal.9" },
  warning: { Icon: IconAlertTriangle, color: "yellow.4" },
  failed: { Icon: IconCircleX, color: "red.9" },
  untested: { Icon: IconCircleDashed, color: "gray.7" },
} as const;

/** A test's outcome ("Passed", "Warnings", "Failed", or "Not tested") as a badge with an icon. */
export function OutcomeBadge({ outcome }: { outcome: Outcome | "untested" }) {
  const { t } = useTranslation();
  const { Icon, color } = LOOK[outcome];
  return (
    <Badge
      color={color}
      variant="filled"
      autoContrast
      tt="none"
      size="md"
      leftSection={<Icon size={14} aria-hidden />}
      data-testid="outcome-badge"
      data-outcome={outcome}
    >
      {t(`connections.test.outcome.${outcome}`)}
    </Badge>
  );
}
