import { Group, SimpleGrid, Stack } from "@mantine/core";
import { IconRefresh } from "@tabler/icons-react";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useTrustCertificate, type ConnectionTestRun, type TestTarget } from "../../../api/connectionTest";
import type { Side } from "../../../bindings";
import { BusyButton } from "../../../components/BusyButton";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { LiveRegion } from "../../../components/LiveRegion";
import { LoadingState } from "../../../components/LoadingState";
import { notifyFailure, notifySuccess } from "../../../components/notify";
import { announcement } from "./announcement";
import { CopyReportButton } from "./CopyReportButton";
import { SideChecklist } from "./SideChecklist";
import { TestOutcomeSummary } from "./TestOutcomeSummary";

interface ConnectionTestPanelProps {
  /** Owned by the caller, so the result outlives this panel (a wizard step may unmount). */
  run: ConnectionTestRun;
  target: TestTarget;
}

/**
 * Test connection: both sides' checklists filling in live (side by side, stacked on narrow
 * windows), the verdict, Test again and Copy report. Trusting a certificate from a check
 * pins it on that side's server and runs the test again at once.
 */
export function ConnectionTestPanel({ run, target }: ConnectionTestPanelProps) {
  const { t } = useTranslation();
  const trust = useTrustCertificate();
  const [trustingSide, setTrustingSide] = useState<Side | null>(null);
  const panel = useRef<HTMLDivElement>(null);
  const { report, finished } = run;

  const trustOn = (side: Side) => (fingerprint: string) => {
    if (!report || trust.isPending) return;
    setTrustingSide(side);
    trust.mutate(
      { serverId: report[side].serverId, fingerprint },
      {
        onSuccess: (server) => {
          notifySuccess(t("connections.certificate.trusted", { server: server.name }));
          // The Trust button goes away with the new run; keep the keyboard user on that side.
          panel.current?.querySelector<HTMLElement>(`[data-side-heading="${side}"]`)?.focus();
          run.start(target);
        },
        onError: (error) => notifyFailure(error, t),
        onSettled: () => setTrustingSide(null),
      },
    );
  };

  const actionsFor = (side: Side) => ({
    onTrust: trustOn(side),
    trusting: trustingSide === side,
  });

  return (
    <Stack ref={panel} gap="md" data-testid="connection-test">
      <LiveRegion text={announcement(report, run.running, t)} testId="test-live" />
      {run.error ? <ErrorAlert title={t("connections.test.couldNotRun")} error={run.error} /> : null}
      {finished ? <TestOutcomeSummary report={finished} /> : null}
      {report ? (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <SideChecklist report={report.left} finished={finished !== null} actions={actionsFor("left")} />
          <SideChecklist report={report.right} finished={finished !== null} actions={actionsFor("right")} />
        </SimpleGrid>
      ) : run.running ? (
        <LoadingState />
      ) : null}
      <Group gap="sm" align="flex-start">
        <BusyButton
          variant="default"
          busy={run.running}
          onClick={() => run.start(target)}
          leftSection={<IconRefresh size={18} aria-hidden />}
          data-testid="test-again"
        >
          {report || run.error ? t("connections.test.again") : t("connections.test.run")}
        </BusyButton>
        {finished ? <CopyReportButton report={finished} /> : null}
      </Group>
    </Stack>
  );
}
