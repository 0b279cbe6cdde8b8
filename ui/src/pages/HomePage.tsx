import { SimpleGrid, Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useHomeStatus } from "../api/status";
import { ErrorAlert } from "../components/ErrorAlert";
import { LoadingState } from "../components/LoadingState";
import { PageHeader } from "../components/PageHeader";
import { GettingStarted } from "./home/GettingStarted";
import { ProfileCountCard } from "./home/ProfileCountCard";
import { SchedulerCard } from "./home/SchedulerCard";
import { SyncNowCard } from "./home/SyncNowCard";

export function HomePage() {
  const { t } = useTranslation();
  const status = useHomeStatus();

  return (
    <>
      <PageHeader title={t("home.title")} intro={t("home.intro")} />
      <Stack gap="lg">
        {status.isPending ? <LoadingState /> : null}
        {status.isError ? <ErrorAlert error={status.error} onRetry={() => void status.refetch()} /> : null}
        {status.data ? (
          <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
            <SchedulerCard paused={status.data.syncPaused} profileCount={status.data.profileCount} />
            <ProfileCountCard count={status.data.profileCount} />
            <SyncNowCard blocked={status.data.syncNowBlocked} />
          </SimpleGrid>
        ) : null}
        <GettingStarted hasProfile={(status.data?.profileCount ?? 0) > 0} />
      </Stack>
    </>
  );
}
