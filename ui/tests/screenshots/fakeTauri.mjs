/**
 * Runs INSIDE the page (passed to page.addInitScript), before the app's own scripts, and
 * stands in for the Rust side: the window.__TAURI_INTERNALS__ that @tauri-apps/api talks
 * to. It must be self-contained — no imports, no closures over this module.
 *
 * @param {{ fixtures: any, language: "ja" | "en" | "sv" }} options
 */
export function installFakeTauri({ fixtures, language }) {
  const callbacks = new Map();
  let nextCallbackId = 1;
  // "System default", resolved to the language under test: the state most users are in.
  let preferences = { ...fixtures.preferences, language: null, effectiveLanguage: language };
  let status = { ...fixtures.status };

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
