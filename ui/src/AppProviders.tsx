import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import type { i18n } from "i18next";
import type { ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { cssVariablesResolver, theme } from "./theme";

interface AppProvidersProps {
  queryClient: QueryClient;
  i18n: i18n;
  children: ReactNode;
  /**
   * "test" under jsdom: Mantine then skips transitions and does not hide popovers whose
   * target it cannot measure (jsdom has no layout, so every menu would stay hidden).
   */
  mantineEnv?: "default" | "test";
}

/** Everything the screens rely on. Tests pass their own query client and i18n instance. */
export function AppProviders({ queryClient, i18n, children, mantineEnv = "default" }: AppProvidersProps) {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nextProvider i18n={i18n}>
        {/* "auto" follows the OS light/dark setting, live. */}
        <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto" env={mantineEnv}>
          <Notifications position="bottom-right" />
          {children}
        </MantineProvider>
      </I18nextProvider>
    </QueryClientProvider>
  );
}
