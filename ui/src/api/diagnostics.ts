import { useMutation, useQuery } from "@tanstack/react-query";
import { commands, type Folder } from "../bindings";
import { queryKeys } from "./queryKeys";
import { unwrap } from "./result";

/** Versions, folders and keychain health, as shown under Settings → About. */
export function useDoctor() {
  return useQuery({
    queryKey: queryKeys.doctor,
    queryFn: () => unwrap(commands.doctor()),
  });
}

/** The Rust side puts a redacted text report on the clipboard. */
export function useCopyDiagnostics() {
  return useMutation({
    mutationFn: () => unwrap(commands.copyDiagnostics()),
  });
}

/** Opens the data or log folder in the system file manager. */
export function useOpenFolder() {
  return useMutation({
    mutationFn: (folder: Folder) => unwrap(commands.openFolder(folder)),
  });
}
