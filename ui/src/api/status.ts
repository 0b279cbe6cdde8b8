import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { commands, events, type HomeStatus } from "../bindings";
import { queryKeys } from "./queryKeys";
import { unwrap } from "./result";
import { useEventListener } from "./useEventListener";

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
  useEventListener<HomeStatus>(events.statusChanged, (status) => {
    queryClient.setQueryData<HomeStatus>(queryKeys.status, status);
    void queryClient.invalidateQueries({ queryKey: queryKeys.workspace });
  });
}
