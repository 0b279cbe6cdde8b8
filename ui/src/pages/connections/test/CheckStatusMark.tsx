import { Group, Loader, Text } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck, IconCircleDashed, IconCircleMinus, IconCircleX } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { CheckStatus } from "../../../bindings";

/** Icon and colour per status; the word next to it carries the meaning, not the colour. */
const LOOK = {
  pending: { Icon: IconCircleDashed, color: "dimmed" },
  running: { Icon: null, color: "indigo" },
  passed: { Icon: IconCircleCheck, color: "teal" },
  warning: { Icon: IconAlertTriangle, color: "orange" },
  failed: { Icon: IconCircleX, color: "red" },
  skipped: { Icon: IconCircleMinus, color: "dimmed" },
} as const satisfies Record<CheckStatus, unknown>;

/** A check's status as an icon and a word ("Failed"), readable without colour. */
export function CheckStatusMark({ status }: { status: CheckStatus }) {
  const { t } = useTranslation();
  const { Icon, color } = LOOK[status];
  // Text colours use the theme's readable variants (see theme.ts); the icon only repeats them.
  const textColor = color === "dimmed" ? "dimmed" : `var(--kh-status-${status})`;
  return (
    <Group gap={4} wrap="nowrap" data-testid="check-status" data-status={status}>
      {Icon ? (
        <Icon size={18} aria-hidden style={{ color: textColor, flexShrink: 0 }} />
      ) : (
        <Loader size={14} color={color} aria-hidden />
      )}
      <Text size="xs" fw={700} c={textColor} style={{ whiteSpace: "nowrap" }}>
        {t(`connections.test.status.${status}`)}
      </Text>
    </Group>
  );
}
