import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { commands, events, type HomeStatus } from "../bindings";
import { queryKeys } from "./queryKeys";
import { unwrap } from "./result";

/** Scheduler state, counts and the demo workspace summary for the Home screen. */
export function useHomeStatus() {
  return useQuery({
    queryKey: queryKeys.status,
    queryFn: () => unwrap(commands.getStatus()),
  });
}

/** Pauses or resumes automatic sync; the command answers with the new status. */
export function useSetSyncPaused() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (paused: boolean) => unwrap(commands.setSyncPaused(paused)),
    onSuccess: (status) => queryClient.setQueryData<HomeStatus>(queryKeys.status, status),
  });
}

/**
 * Keeps the cached status in step with the back end. The tray menu can pause or resume
 * sync while this window is open, and the back end then emits `status-changed`; it does
 * so too after the demo workspace was started or removed, so the server and connection
 * lists are refreshed with it.
 */
export function useStatusChangedListener() {
  const queryClient = useQueryClient();
  useEffect(() => {
    let disposed = false;
    let unlisten: (() => void) | undefined;
    events.statusChanged
      .listen((event) => {
        queryClient.setQueryData<HomeStatus>(queryKeys.status, event.payload);
        void queryClient.invalidateQueries({ queryKey: queryKeys.workspace });
      })
      .then((stop) => {
        // The component may have unmounted while `listen` was still registering.
        if (disposed) stop();
        else unlisten = stop;
      })
      .catch(() => {
        // Without the event the screen still works; it just refreshes on its next fetch.
      });
    return () => {
      disposed = true;
      unlisten?.();
    };
  }, [queryClient]);
}
