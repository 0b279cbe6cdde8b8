import { useEffect, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useConnectionTestRun, useLastConnectionTest, type TestTarget } from "../../api/connectionTest";
import type { ConnectionOverview } from "../../bindings";
import { AppModal } from "../../components/AppModal";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { ConnectionTestPanel } from "./test/ConnectionTestPanel";

/** "run": test now; "last": show the stored result first (Test again is one click away). */
export type TestModalMode = "run" | "last";

interface TestConnectionModalProps {
  connection: ConnectionOverview | null;
  mode: TestModalMode;
  onClose: () => void;
}

/** Test connection on a saved connection, with the same live checklist as the wizards. */
export function TestConnectionModal({ connection, mode, onClose }: TestConnectionModalProps) {
  const { t } = useTranslation();
  return (
    <AppModal
      opened={connection !== null}
      onClose={onClose}
      title={t("connections.test.title", { name: connection?.name ?? "" })}
      size="min(72rem, 95vw)"
      testId="test-connection-dialog"
    >
      {connection ? <TestConnectionBody key={`${connection.id}-${mode}`} connectionId={connection.id} mode={mode} /> : null}
    </AppModal>
  );
}

function TestConnectionBody({ connectionId, mode }: { connectionId: number; mode: TestModalMode }) {
  const run = useConnectionTestRun();
  const last = useLastConnectionTest(mode === "last" ? connectionId : null);
  const target = useMemo<TestTarget>(() => ({ type: "connection", connectionId }), [connectionId]);
  const { start, show } = run;

  useEffect(() => {
    if (mode === "run") start(target);
  }, [mode, start, target]);

  // The stored result is shown once; later refetches (after Test again) must not replace a run.
  const shown = useRef(false);
  useEffect(() => {
    if (mode !== "last" || shown.current || !last.data) return;
    shown.current = true;
    show(last.data);
  }, [mode, last.data, show]);

  if (mode === "last" && last.isPending) return <LoadingState />;
  return (
    <>
      {last.isError ? <ErrorAlert error={last.error} onRetry={() => void last.refetch()} /> : null}
      <ConnectionTestPanel run={run} target={target} />
    </>
  );
}
