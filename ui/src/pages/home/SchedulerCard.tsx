import { Badge, Button, List, Text } from "@mantine/core";
import { IconPlayerPause, IconPlayerPlay } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useSchedulerState } from "../../api/scheduler";
import { useSetSyncPaused } from "../../api/status";
import type { ProfileState } from "../../bindings";
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
  const scheduler = useSchedulerState();
  const profiles = scheduler.data?.profiles ?? [];

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
      {scheduler.data?.problem ? (
        <Text size="sm" c="red.8" data-testid="scheduler-problem">
          {scheduler.data.problem}
        </Text>
      ) : null}
      {profiles.length > 0 ? (
        <List size="sm" spacing={4} data-testid="scheduler-profiles">
          {profiles.map((profile) => (
            <List.Item key={profile.profileId}>
              <Text span fw={600}>
                {profile.name}
              </Text>
              {": "}
              <ProfileNextRun profile={profile} />
            </List.Item>
          ))}
        </List>
      ) : null}
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

/** "next 14:30", "syncing now", "paused: …", "off" for one profile. */
function ProfileNextRun({ profile }: { profile: ProfileState }) {
  const { t, i18n } = useTranslation();
  if (profile.running) return <>{t("home.scheduler.runningNow")}</>;
  if (profile.pausedReason) return <>{t("home.scheduler.profilePaused", { reason: profile.pausedReason })}</>;
  if (!profile.nextRunAt) return <>{t("home.scheduler.off")}</>;
  const at = new Date(profile.nextRunAt);
  const text = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" }).format(at);
  const retry = profile.consecutiveFailures > 0 ? ` ${t("home.scheduler.retrying", { count: profile.consecutiveFailures })}` : "";
  return <>{t("home.scheduler.next", { when: text }) + retry}</>;
}
