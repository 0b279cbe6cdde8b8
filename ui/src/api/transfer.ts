import { useMutation, useQueryClient } from "@tanstack/react-query";
import { commands } from "../bindings";
import { queryKeys } from "./queryKeys";
import { unwrap } from "./result";
import type { Sensitive } from "./sensitive";

/** Writes servers, connections and credential metadata (never a secret) to a file. */
export function useExportWorkspace() {
  return useMutation({
    mutationFn: () => unwrap(commands.exportWorkspace()),
  });
}

/** Reads an export file and says what importing it would add, reuse and skip. */
export function usePreviewImport() {
  return useMutation({
    mutationFn: (text: string) => unwrap(commands.previewImport(text)),
  });
}

export interface ImportVariables {
  text: string;
  secrets: { index: number; secret: Sensitive }[];
}

/** Imports everything in one transaction, with the secrets the user typed in. */
export function useImportWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    // The secrets travel as Sensitive and the mutation is dropped once nobody watches it.
    gcTime: 0,
    mutationFn: ({ text, secrets }: ImportVariables) =>
      unwrap(
        commands.importWorkspace(
          text,
          secrets.map(({ index, secret }) => ({ index, secret: secret.reveal() })),
        ),
      ),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.workspace }),
        queryClient.invalidateQueries({ queryKey: queryKeys.credentials }),
        queryClient.invalidateQueries({ queryKey: queryKeys.status }),
      ]),
  });
}
