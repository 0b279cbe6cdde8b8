import { Badge, Button, Text } from "@mantine/core";
import { IconPlayerPause, IconPlayerPlay } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useSetSyncPaused } from "../../api/status";
import { Section } from "../../components/Section";
import { notifyFailure, notifySuccess } from "../../components/notify";

interface SchedulerCardProps {
  paused: boolean;
  /** With no profile, "on" must not read as if something were being synced. */
  profileCount: number;
}

/** Whether scheduled sync runs, and the switch to pause or resume it. */
export function SchedulerCard({ paused, profileCount }: SchedulerCardProps) {
  const { t } = useTranslation();
  const setPaused = useSetSyncPaused();

  const toggle = () =>
    setPaused.mutate(!paused, {
      onSuccess: (status) =>
        notifySuccess(t(status.syncPaused ? "home.scheduler.pausedNotice" : "home.scheduler.resumedNotice")),
      onError: (error) => notifyFailure(error, t),
    });

  return (
    <Section heading={t("home.scheduler.heading")}>
      {/* Filled badges: their text contrast does not depend on the colour scheme. */}
      <Badge size="lg" color={paused ? "yellow.4" : "teal.9"} autoContrast data-testid="scheduler-state">
        {t(paused ? "home.scheduler.paused" : "home.scheduler.running")}
      </Badge>
      <Text size="sm" data-testid="scheduler-help">
        {t(
          paused
            ? "home.scheduler.pausedHelp"
            : profileCount === 0
              ? "home.scheduler.idleNoProfiles"
              : "home.scheduler.runningHelp",
        )}
      </Text>
      <Button
        variant="default"
        onClick={toggle}
        loading={setPaused.isPending}
        leftSection={paused ? <IconPlayerPlay size={18} aria-hidden /> : <IconPlayerPause size={18} aria-hidden />}
        data-testid="toggle-sync-paused"
      >
        {t(paused ? "home.scheduler.resume" : "home.scheduler.pause")}
      </Button>
    </Section>
  );
}
