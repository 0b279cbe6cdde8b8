import { Button, Text } from "@mantine/core";
import { IconRefresh } from "@tabler/icons-react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { SyncNowBlocked } from "../../bindings";
import { Section } from "../../components/Section";

const BLOCKED_REASON_KEYS = {
  noProfile: "home.syncNow.blockedNoProfile",
} as const satisfies Record<SyncNowBlocked, string>;

interface SyncNowCardProps {
  blocked: SyncNowBlocked | null;
}

/**
 * "Sync now" for every profile. Until a profile exists the button is disabled
 * and the reason is shown next to it; the run itself (with live progress) is
 * wired by the scheduler, which owns runs for the tray and this button alike.
 */
export function SyncNowCard({ blocked }: SyncNowCardProps) {
  const { t } = useTranslation();
  const reasonId = useId();

  return (
    <Section heading={t("home.syncNow.heading")}>
      <Text size="sm">{t("home.syncNow.help")}</Text>
      <Button
        leftSection={<IconRefresh size={18} aria-hidden />}
        disabled={blocked !== null}
        aria-describedby={blocked ? reasonId : undefined}
        data-testid="sync-now"
      >
        {t("home.syncNow.button")}
      </Button>
      {blocked ? (
        <Text size="sm" fw={600} id={reasonId} data-testid="sync-now-blocked-reason">
          {t(BLOCKED_REASON_KEYS[blocked])}
        </Text>
      ) : null}
    </Section>
  );
}
