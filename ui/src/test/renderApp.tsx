import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { App } from "../App";
import { AppProviders } from "../AppProviders";
import { createQueryClient } from "../api/queryClient";
import type { Language } from "../bindings";
import { createI18n } from "../i18n/createI18n";
import { hrefFor, type RouteId } from "../routing/routes";
import { createFakeBackend, type IpcOverrides } from "./fakeBackend";

interface RenderAppOptions {
  route?: RouteId;
  /** The language before get_preferences answers (navigator.language in the real app). */
  language?: Language;
  ipc?: IpcOverrides;
  /** Start with the demo workspace registered. */
  demo?: boolean;
  /** Start with real servers and credentials in every state (fixtures.registry). */
  registry?: boolean;
  /** With `registry`: the connections between those servers too. */
  connected?: boolean;
}

/** Renders the real app, opened at `route`, against the fake back end. */
export function renderApp({
  route = "home",
  language = "en",
  ipc = {},
  demo = false,
  registry = false,
  connected = false,
}: RenderAppOptions = {}) {
  const backend = createFakeBackend(ipc, { demo, registry, connected });
  mockIPC(backend.handle, { shouldMockEvents: true });
  window.location.hash = hrefFor(route);

  const i18n = createI18n(language);
  const user = userEvent.setup();
  const queryClient = createQueryClient();
  const view = render(
    <AppProviders queryClient={queryClient} i18n={i18n} mantineEnv="test">
      <App />
    </AppProviders>,
  );
  return { ...view, backend, i18n, user, queryClient };
}
