/**
 * Runs INSIDE the page (passed to page.addInitScript), before the app's own scripts, and
 * stands in for the Rust side: the window.__TAURI_INTERNALS__ that @tauri-apps/api talks
 * to. It must be self-contained — no imports, no closures over this module.
 *
 * @param {{ fixtures: any, language: "ja" | "en" | "sv", scenario: "fresh" | "demo" }} options
 *   scenario "fresh" is a first start with nothing registered; "demo" is the same
 *   installation after "Try the demo workspace".
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
      return structuredClone(command(args));
    },
  };
  window.__TAURI_EVENT_PLUGIN_INTERNALS__ = { unregisterListener() {} };
}
