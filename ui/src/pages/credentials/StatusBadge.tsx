import { Badge } from "@mantine/core";
import type { ReactNode } from "react";
import type { Tone } from "./status";

// Filled badges with automatic text colour: their contrast does not depend on the scheme.
const TONE_COLORS = {
  ok: "teal.9",
  warn: "yellow.4",
  bad: "red.9",
  neutral: "gray.7",
} as const satisfies Record<Tone, string>;

interface StatusBadgeProps {
  tone: Tone;
  children: ReactNode;
  testId?: string;
}

/** A status word that may wrap instead of being cut off in narrow table cells. */
export function StatusBadge({ tone, children, testId }: StatusBadgeProps) {
  return (
    <Badge
      color={TONE_COLORS[tone]}
      autoContrast
      tt="none"
      h="auto"
      py={3}
      styles={{ label: { whiteSpace: "normal", overflow: "visible", lineHeight: 1.35 } }}
      data-testid={testId}
      data-tone={tone}
    >
      {children}
    </Badge>
  );
}
