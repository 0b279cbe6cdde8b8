import { Button, Text } from "@mantine/core";
import { IconRefresh } from "@tabler/icons-react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useSyncNowAll } from "../../api/scheduler";
import type { SyncNowBlocked } from "../../bindings";
import { Section } from "../../components/Section";
import { notifyFailure, notifySuccess } from "../../components/notify";

const BLOCKED_REASON_KEYS = {
  noProfile: "home.syncNow.blockedNoProfile",
} as const satisfies Record<SyncNowBlocked, string>;

interface SyncNowCardProps {
  blocked: SyncNowBlocked | null;
}

/**
 * "Sync now" for every profile — the same command as the tray's "Sync now". Until a
 * profile exists the button is disabled and the reason is shown next to it. Runs report
 * their progress on the Sync profiles screen and end up on Activity.
 */
export function SyncNowCard({ blocked }: SyncNowCardProps) {
  const { t } = useTranslation();
  const reasonId = useId();
  const syncNow = useSyncNowAll();

  const start = () =>
    syncNow.mutate(undefined, {
      onSuccess: (result) => {
        const lines = [t("home.syncNow.started", { count: result.started.length })];
        if (result.needsPreview.length > 0) {
          lines.push(t("home.syncNow.needsPreview", { names: result.needsPreview.join(", ") }));
        }
        if (result.alreadyRunning.length > 0) {
          lines.push(t("home.syncNow.alreadyRunning", { names: result.alreadyRunning.join(", ") }));
        }
        result.failed.forEach((line) => lines.push(line));
        notifySuccess(lines.join(" "));
      },
      onError: (error) => notifyFailure(error, t),
    });

  return (
    <Section heading={t("home.syncNow.heading")}>
      <Text size="sm">{t("home.syncNow.help")}</Text>
      <Button
        leftSection={<IconRefresh size={18} aria-hidden />}
        disabled={blocked !== null}
        loading={syncNow.isPending}
        onClick={start}
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
