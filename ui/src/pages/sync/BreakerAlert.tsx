import { Alert } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { BreakerReason } from "../../api/syncTypes";
import { sideName, type SideNames } from "./sides";

/** Why the run would pause: too much would change at once, or a side suddenly looks empty. */
export function BreakerAlert({ reason, sides }: { reason: BreakerReason; sides: SideNames }) {
  const { t } = useTranslation();
  const text =
    reason.kind === "massChange"
      ? t("sync.breaker.massChange", { count: reason.count, linked: reason.linked, percent: reason.percent, limit: reason.limit })
      : t("sync.breaker.sideEmpty", { server: sideName(sides, reason.side), linked: reason.linked });
  return (
    <Alert color="orange" variant="light" title={t("sync.breaker.title")} icon={<IconAlertTriangle aria-hidden />} data-testid="breaker-warning">
      {text}
    </Alert>
  );
}
