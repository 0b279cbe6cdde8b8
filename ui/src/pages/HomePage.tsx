import { SimpleGrid, Stack } from "@mantine/core";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useHomeStatus } from "../api/status";
import type { HomeStatus } from "../bindings";
import { ErrorAlert } from "../components/ErrorAlert";
import { LoadingState } from "../components/LoadingState";
import { PAGE_TITLE_ID, PageHeader } from "../components/PageHeader";
import { CredentialAlertsCard } from "./home/CredentialAlertsCard";
import { DEMO_BANNER_ID, DemoBanner } from "./home/DemoBanner";
import { DEMO_OFFER_HEADING_ID, DemoOffer } from "./home/DemoOffer";
import { GettingStarted } from "./home/GettingStarted";
import { ProfileCountCard } from "./home/ProfileCountCard";
import { SchedulerCard } from "./home/SchedulerCard";
import { SyncNowCard } from "./home/SyncNowCard";

/** The demo offer is for a fresh installation only: never once a real server exists. */
const offersDemo = (status: HomeStatus) => status.serverCount === 0 && status.demo === null;

export function HomePage() {
  const { t } = useTranslation();
  const status = useHomeStatus();
  const focusAfterChange = useFocusAfterChange(status.data);

  return (
    <>
      <PageHeader title={t("home.title")} intro={t("home.intro")} />
      <Stack gap="lg">
        {status.isPending ? <LoadingState /> : null}
        {status.isError ? <ErrorAlert error={status.error} onRetry={() => void status.refetch()} /> : null}
        <CredentialAlertsCard />
        {status.data?.demo ? (
          <DemoBanner
            demo={status.data.demo}
            // The banner and its button disappear; land on the offer, or on the screen's title.
            onRemoved={(next) => focusAfterChange(offersDemo(next) ? DEMO_OFFER_HEADING_ID : PAGE_TITLE_ID)}
          />
        ) : null}
        {status.data && offersDemo(status.data) ? (
          <DemoOffer onStarted={() => focusAfterChange(DEMO_BANNER_ID)} />
        ) : null}
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

/**
 * Starting or removing the demo workspace swaps the offer for the banner (or back), and
 * the button that had keyboard focus goes with it. This moves focus to the element with
 * the given id once it is on screen: the new status may render before or after the
 * request, so the request is retried whenever the status changes.
 */
function useFocusAfterChange(data: HomeStatus | undefined) {
  const pending = useRef<string | null>(null);
  const [request, setRequest] = useState(0);

  useEffect(() => {
    const id = pending.current;
    const element = id ? document.getElementById(id) : null;
    if (element) {
      element.focus();
      pending.current = null;
    }
  }, [request, data]);

  return (id: string) => {
    pending.current = id;
    setRequest((count) => count + 1);
  };
}
