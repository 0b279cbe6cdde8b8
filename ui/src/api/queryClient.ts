import { QueryClient } from "@tanstack/react-query";

// Errors from commands are plain AppError objects, strings or Errors, so the honest
// error type is `unknown`; errorMessage() makes sense of whatever arrives.
declare module "@tanstack/react-query" {
  interface Register {
    defaultError: unknown;
  }
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Commands run in-process over IPC: a failure is a real answer (a missing keychain,
        // a bad credential), not a flaky network, so retrying only delays the message.
        retry: false,
        // The back end pushes the few things that change behind our back (status-changed),
        // so there is no need to refetch on every focus.
        refetchOnWindowFocus: false,
        staleTime: 30_000,
      },
      mutations: { retry: false },
    },
  });
}
