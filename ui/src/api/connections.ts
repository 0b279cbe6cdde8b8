import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ServerKind } from "../bindings";
import { commands, type ConnectionInput, type ServerInput } from "../bindings";
import { queryKeys } from "./queryKeys";
import { unwrap } from "./result";

export interface DetectVariables {
  url: string;
  altUrl: string | null;
  /** The product this side needs, when there is only one (TimeTracker NX, Asana). */
  expected: ServerKind | null;
}

/** Cleans up a pasted address and identifies the product behind it; stores nothing. */
export function useDetectServer() {
  return useMutation({
    mutationFn: ({ url, altUrl, expected }: DetectVariables) => unwrap(commands.detectServer(url, altUrl, expected)),
  });
}

/** Registers the server (or returns the one already registered at that address). */
export function useAddServer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ServerInput) => unwrap(commands.addServer(input)),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.workspace }),
        queryClient.invalidateQueries({ queryKey: queryKeys.status }),
      ]),
  });
}

/** Saves the connection; the list, Home's counts and credentials' "used by" change. */
export function useCreateConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ConnectionInput) => unwrap(commands.createConnection(input)),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.workspace }),
        queryClient.invalidateQueries({ queryKey: queryKeys.status }),
        queryClient.invalidateQueries({ queryKey: queryKeys.credentials }),
      ]),
  });
}

export function useRemoveConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (connectionId: number) => unwrap(commands.removeConnection(connectionId)),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.workspace }),
        queryClient.invalidateQueries({ queryKey: queryKeys.status }),
        queryClient.invalidateQueries({ queryKey: queryKeys.credentials }),
      ]),
  });
}
