import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Channel } from "@tauri-apps/api/core";
import { useCallback, useReducer, useRef } from "react";
import { checklistReducer } from "./checklist";
import {
  commands,
  type ConnectionSide,
  type ConnectionTestReport,
  type TestProgress,
} from "../bindings";
import { queryKeys } from "./queryKeys";
import { unwrap } from "./result";

/** What to test: the sides a wizard has chosen so far, or a saved connection. */
export type TestTarget =
  | { type: "draft"; left: ConnectionSide; right: ConnectionSide }
  | { type: "connection"; connectionId: number };

type RunAction = TestProgress | { type: "Reset" } | { type: "Show"; report: ConnectionTestReport };

interface RunState {
  report: ConnectionTestReport | null;
  /** The report is final: Finished arrived, or a stored report is shown. */
  complete: boolean;
}

function runReducer(state: RunState, action: RunAction): RunState {
  switch (action.type) {
    case "Reset":
      return { report: null, complete: false };
    case "Show":
      return { report: action.report, complete: true };
    default:
      return { report: checklistReducer(state.report, action), complete: action.type === "finished" };
  }
}

/**
 * Runs Test connection and keeps the checklist as it fills in: the back end streams
 * Started / Check / Finished through a Channel while the command runs, and answers with
 * the final report. Messages of an earlier run (Test again while one is still streaming,
 * or a reset) are ignored, so two runs never mix in one checklist.
 */
export function useConnectionTestRun() {
  const queryClient = useQueryClient();
  const [state, dispatch] = useReducer(runReducer, { report: null, complete: false });
  const currentRun = useRef(0);

  const mutation = useMutation({
    mutationFn: (target: TestTarget) => {
      const run = ++currentRun.current;
      const onProgress = new Channel<TestProgress>((event) => {
        if (run === currentRun.current) dispatch(event);
      });
      const call =
        target.type === "draft"
          ? commands.testConnectionDraft(target.left, target.right, onProgress)
          : commands.testConnection(target.connectionId, onProgress);
      return unwrap(call).then((final) => {
        // The answer is the authoritative result, even if a message got lost on the way.
        if (run === currentRun.current) dispatch({ type: "finished", report: final });
        return final;
      });
    },
    // The result is stored per server and credential: the list's "last test" changed.
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.connections }),
  });

  const { mutate, reset: resetMutation } = mutation;
  const start = useCallback((target: TestTarget) => mutate(target), [mutate]);
  const reset = useCallback(() => {
    currentRun.current += 1;
    resetMutation();
    dispatch({ type: "Reset" });
  }, [resetMutation]);
  /** Shows a stored report (the last test) without running anything. */
  const show = useCallback((stored: ConnectionTestReport) => dispatch({ type: "Show", report: stored }), []);

  return {
    /** The checklist as far as it has filled in. */
    report: state.report,
    running: mutation.isPending,
    /** The command itself failed (not a check): the test could not run. */
    error: mutation.error,
    /** The final report, once the run has ended (or a stored one is shown). */
    finished: state.complete && !mutation.isPending ? state.report : null,
    start,
    reset,
    show,
  };
}

export type ConnectionTestRun = ReturnType<typeof useConnectionTestRun>;

/** The last stored result of a saved connection, or null if it was never tested. */
export function useLastConnectionTest(connectionId: number | null) {
  return useQuery({
    queryKey: queryKeys.lastConnectionTest(connectionId ?? 0),
    queryFn: () => unwrap(commands.lastConnectionTest(connectionId ?? 0)),
    enabled: connectionId !== null,
    // Always the newest: a test may have run a moment ago in this very dialog.
    staleTime: 0,
  });
}

/** Pins the certificate the user compared and accepted on the server. */
export function useTrustCertificate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ serverId, fingerprint }: { serverId: number; fingerprint: string }) =>
      unwrap(commands.trustCertificate(serverId, fingerprint)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.workspace }),
  });
}

/** Copy report: the back end writes the text to the system clipboard and returns it. */
export function useCopyReport() {
  return useMutation({
    mutationFn: (report: ConnectionTestReport) => unwrap(commands.copyConnectionTestReport(report)),
  });
}
