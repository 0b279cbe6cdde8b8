import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { commands } from "../bindings";
import { unwrap } from "./result";

const autostartKey = ["autostart"] as const;

/** Whether Kakehashi starts at sign-in, as the operating system has it. */
export function useAutostart() {
  return useQuery({ queryKey: autostartKey, queryFn: () => unwrap(commands.autostartEnabled()) });
}

/** Turns starting at sign-in on or off; the answer is the system's new state. */
export function useSetAutostart() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (enabled: boolean) => unwrap(commands.setAutostart(enabled)),
    onSuccess: (enabled) => queryClient.setQueryData<boolean>(autostartKey, enabled),
  });
}
