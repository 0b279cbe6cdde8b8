import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import "./styles.css";

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { AppProviders } from "./AppProviders";
import { createQueryClient } from "./api/queryClient";
import { createI18n } from "./i18n/createI18n";
import { languageFromTag } from "./i18n/languages";

// Start in the browser's language so the first paint is already readable; the back end's
// effective language (from get_preferences) replaces it as soon as it arrives.
const i18n = createI18n(languageFromTag(navigator.language));
const queryClient = createQueryClient();

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

createRoot(root).render(
  <StrictMode>
    <AppProviders queryClient={queryClient} i18n={i18n}>
      <App />
    </AppProviders>
  </StrictMode>,
);
