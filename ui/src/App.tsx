import { useNotificationNavigation, useSchedulerListener } from "./api/scheduler";
import { useStatusChangedListener } from "./api/status";
import { LanguageSync } from "./i18n/LanguageSync";
import { SCREENS } from "./pages/screens";
import { useHashRoute } from "./routing/useHashRoute";
import { AppLayout } from "./shell/AppLayout";

/** The whole app inside its providers: background listeners, the shell and the current screen. */
export function App() {
  const route = useHashRoute();
  useStatusChangedListener();
  useSchedulerListener();
  useNotificationNavigation();
  const Screen = SCREENS[route];

  return (
    <>
      <LanguageSync />
      <AppLayout route={route}>
        <Screen />
      </AppLayout>
    </>
  );
}
