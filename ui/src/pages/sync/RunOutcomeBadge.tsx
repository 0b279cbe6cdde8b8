import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { RunOutcome } from "../../api/syncTypes";

// Filled badges with automatic text colour keep their contrast in both colour schemes.
const COLOURS: Record<RunOutcome, string> = {
  running: "blue.9",
  succeeded: "teal.9",
  succeededWithProblems: "yellow.4",
  paused: "orange.4",
  failed: "red.9",
  cancelled: "gray.9",
  interrupted: "red.9",
};

/** How a run ended (or that it is still going), in words and colour. */
export function RunOutcomeBadge({ outcome }: { outcome: RunOutcome }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLOURS[outcome]} autoContrast variant="filled" maw="none" styles={{ label: { overflow: "visible" } }} data-testid="run-outcome" data-outcome={outcome}>
      {t(`sync.outcome.${outcome}`)}
    </Badge>
  );
}
