import { Badge } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck, IconCircleDashed, IconCircleX } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { Outcome } from "../../../api/connectionTypes";

const LOOK = {
  passed: { Icon: IconCircleCheck, color: "teal.9" },
  warning: { Icon: IconAlertTriangle, color: "orange.9" },
  failed: { Icon: IconCircleX, color: "red.9" },
  untested: { Icon: IconCircleDashed, color: "gray.7" },
} as const;

/** A test's outcome ("Passed", "Warnings", "Failed", or "Not tested") as a badge with an icon. */
export function OutcomeBadge({ outcome }: { outcome: Outcome | "untested" }) {
  const { t } = useTranslation();
  const { Icon, color } = LOOK[outcome];
  // Dark filled shades keep the white text readable in both colour schemes.
  return (
    <Badge
      color={color}
      variant="filled"
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
