import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { commands, type HomeStatus } from "../bindings";
import { queryKeys } from "./queryKeys";
import { unwrap } from "./result";

/** Registered servers, real and demo, oldest first as the back end lists them. */
export function useServers() {
  return useQuery({
    queryKey: queryKeys.servers,
    queryFn: () => unwrap(commands.listServers()),
  });
}

/** Connections with both servers, credential labels and the last test resolved. */
export function useConnections() {
  return useQuery({
    queryKey: queryKeys.connections,
    queryFn: () => unwrap(commands.listConnections()),
  });
}

/**
 * After the workspace changed: the command's answer is the new Home status, and the
 * server and connection lists are out of date (the `status-changed` event that follows
 * does the same, for changes made outside this window).
 */
function useApplyWorkspaceChange() {
  const queryClient = useQueryClient();
  return (status: HomeStatus) => {
    queryClient.setQueryData<HomeStatus>(queryKeys.status, status);
    return queryClient.invalidateQueries({ queryKey: queryKeys.workspace });
  };
}

/**
 * "Try the demo workspace": the back end starts the simulated servers inside the app and
 * registers them, with service credentials in the keychain, plus example connections.
 */
export function useStartDemoWorkspace() {
  const apply = useApplyWorkspaceChange();
  return useMutation({
    mutationFn: () => unwrap(commands.startDemoWorkspace()),
    onSuccess: apply,
  });
}

/** Removes the demo servers, their credentials and connections; real servers stay. */
export function useRemoveDemoWorkspace() {
  const apply = useApplyWorkspaceChange();
  return useMutation({
    mutationFn: () => unwrap(commands.removeDemoWorkspace()),
    onSuccess: apply,
  });
}
