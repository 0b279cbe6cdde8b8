/**
 * Runs INSIDE the page (passed to page.addInitScript), before the app's own scripts, and
 * stands in for the Rust side: the window.__TAURI_INTERNALS__ that @tauri-apps/api talks
 * to. It must be self-contained — no imports, no closures over this module.
 *
 * @param {{ fixtures: any, language: "ja" | "en" | "sv", scenario: "fresh" | "demo" | "registry" }} options
 *   scenario "fresh" is a first start with nothing registered; "demo" is the same
 *   installation after "Try the demo workspace"; "registry" is a working installation
 *   with real servers and credentials in every state.
 */
export function installFakeTauri({ fixtures, language, scenario }) {
  const callbacks = new Map();
  let nextCallbackId = 1;
  // "System default", resolved to the language under test: the state most users are in.
  let preferences = { ...fixtures.preferences, language: null, effectiveLanguage: language };

  // The back end starts every demo name with the word for "Demo" in the language in
  // effect when the workspace was created; the fixtures hold the English names.
  const label = `${fixtures.demo.labels[language]}: `;
  const localise = (text) => (typeof text === "string" && text.startsWith("Demo: ") ? label + text.slice(6) : text);
  const localiseServer = (server) => ({ ...server, name: localise(server.name) });
  const demoServers = fixtures.demo.servers.map(localiseServer);
  const localiseSide = (side) => ({ ...side, server: localiseServer(side.server), credentialLabel: localise(side.credentialLabel) });
  const demoConnections = fixtures.demo.connections.map((connection) => ({
    ...connection,
    name: localise(connection.name),
    left: localiseSide(connection.left),
    right: localiseSide(connection.right),
  }));

  let status = scenario === "demo" ? { ...fixtures.demo.status } : { ...fixtures.status };
  let servers = scenario === "demo" ? demoServers : [];
  let connections = scenario === "demo" ? demoConnections : [];

  // The registry's expiry dates are written relative to today, as the back end computes
  // them, so "expires in 6 days" and "valid until …" agree on any day the shots are taken.
  const DAY_MS = 86_400_000;
  const today = Date.parse(new Date().toISOString().slice(0, 10));
  const dateFor = (expiry, fallback) => {
    if (expiry.state === "none") return fallback;
    const offset = expiry.state === "expired" ? -expiry.days : expiry.days;
    return new Date(today + offset * DAY_MS).toISOString().slice(0, 10);
  };
  const registry = fixtures.registry;
  let credentials = [];
  let alerts = [];
  if (scenario === "registry") {
    servers = registry.servers;
    status = { ...fixtures.status, serverCount: 4, connectionCount: 3, profileCount: 2, syncNowBlocked: null };
    // Checked this morning, like a scheduled verification would have.
    const checkedAt = (verification) =>
      "at" in verification ? { ...verification, at: new Date(Date.now() - 3 * 3_600_000).toISOString() } : verification;
    credentials = registry.credentials.map((item) => ({
      ...item,
      expiresAt: dateFor(item.expiry, item.expiresAt),
      verification: checkedAt(item.verification),
    }));
    alerts = registry.alerts.map((item) => ({ ...item, expiresAt: dateFor(item.expiry, item.expiresAt) }));
  }
  // Rotation's immediate check fails in the shots, to show the reason and the retry.
  const failedCheck = {
    state: "failed",
    at: new Date().toISOString(),
    code: "Unauthorized",
    message: "Jira answered 401: the email address and the API token do not belong together.",
  };

  const commands = {
    get_preferences: () => preferences,
    set_preferences: ({ update }) => {
      preferences = { ...update, effectiveLanguage: update.language ?? language };
      return preferences;
    },
    get_status: () => status,
    set_sync_paused: ({ paused }) => {
      status = { ...status, syncPaused: paused };
      return status;
    },
    list_servers: () => servers,
    list_connections: () => connections,
    start_demo_workspace: () => {
      servers = demoServers;
      connections = demoConnections;
      status = { ...fixtures.demo.status, syncPaused: status.syncPaused };
      return status;
    },
    remove_demo_workspace: () => {
      servers = [];
      connections = [];
      status = { ...fixtures.status, syncPaused: status.syncPaused };
      return status;
    },
    list_credentials: () => credentials,
    credential_kinds: () => fixtures.credentialKinds,
    credential_alerts: () => alerts,
    oauth_redirect_url: ({ port }) => `http://127.0.0.1:${port}/callback`,
    // The browser never comes back during a screenshot: the form stays in "waiting".
    sign_in_oauth: () => new Promise(() => undefined),
    cancel_oauth_sign_in: () => null,
    rotate_credential: ({ id }) => {
      const credential = credentials.find((item) => item.id === id);
      return { ...credential, verification: failedCheck };
    },
    export_workspace: () => registry.exportSummary,
    preview_import: () => registry.importPreview,
    doctor: () => fixtures.doctor,
    copy_diagnostics: () => null,
    open_folder: () => null,
    // Event listening: hand back an id; nothing is ever emitted during a screenshot.
    "plugin:event|listen": ({ handler }) => handler,
    "plugin:event|unlisten": () => null,
  };

  window.__TAURI_INTERNALS__ = {
    metadata: { currentWindow: { label: "main" }, currentWebview: { windowLabel: "main", label: "main" } },
    transformCallback(callback, once = false) {
      const id = nextCallbackId++;
      callbacks.set(id, (payload) => {
        if (once) callbacks.delete(id);
        return callback?.(payload);
      });
      return id;
    },
    unregisterCallback(id) {
      callbacks.delete(id);
    },
    convertFileSrc: (filePath) => filePath,
    async invoke(cmd, args = {}) {
      const command = commands[cmd];
      // Rejecting with an AppError-shaped object is what the real IPC does for a failure.
      if (!command) throw { code: "NotFound", message: `The screenshot back end has no command ${cmd}` };
      return structuredClone(await command(args));
    },
  };
  window.__TAURI_EVENT_PLUGIN_INTERNALS__ = { unregisterListener() {} };
}
