/**
 * Runs INSIDE the page (passed to page.addInitScript), before the app's own scripts, and
 * stands in for the Rust side: the window.__TAURI_INTERNALS__ that @tauri-apps/api talks
 * to. It must be self-contained — no imports, no closures over this module.
 *
 * @param {{ fixtures: any, language: "ja" | "en" | "sv", scenario: "fresh" | "demo" | "registry" | "connected" }} options
 *   scenario "fresh" is a first start with nothing registered; "demo" is the same
 *   installation after "Try the demo workspace"; "registry" is a working installation
 *   with real servers and credentials in every state; "connected" is "registry" with
 *   connections between those servers, some of them tested.
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
  if (scenario === "registry" || scenario === "connected") {
    servers = registry.servers;
    if (scenario === "connected") connections = registry.connections;
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


  // Test connection and Check address, as the back end answers them: every sentence in
  // the language under test (the back end renders them), progress streamed through the
  // Channel with a short pause per message so the checklist fills in as it would.
  const connectionTest = fixtures.connectionTest;
  const NOW = new Date().toISOString();
  const RANK = { passed: 0, warning: 1, failed: 2 };
  const hostOf = (url) => {
    try {
      return new URL(url).hostname;
    } catch {
      return "";
    }
  };
  const worst = (statuses) =>
    statuses.reduce((acc, status) => {
      const outcome = status === "failed" ? "failed" : status === "warning" ? "warning" : "passed";
      return RANK[outcome] > RANK[acc] ? outcome : acc;
    }, "passed");
  const finalChecks = (server) => {
    const host = hostOf(server.baseUrl);
    const overlay = connectionTest.overlays.find((item) => item.host === host && !(item.untilTrusted && server.tls?.pinnedFingerprint));
    const plan = connectionTest.plans[server.kind];
    const skipAt = overlay?.skipFrom ? plan.findIndex((check) => check.id === overlay.skipFrom) : -1;
    return plan.map((step, index) => {
      const base = {
        id: step.id,
        status: "passed",
        title: connectionTest.titles[step.id][language],
        summary: step.summary[language].replaceAll("{host}", host),
        why: null,
        fix: null,
        certificate: null,
        suggestion: null,
        permissions: (step.permissions ?? []).map((permission) => ({ ...permission, label: permission.label[language] })),
      };
      if (step.id === "tls" && server.baseUrl.startsWith("http://")) return { ...base, status: "skipped", summary: connectionTest.plainHttp[language] };
      const change = overlay?.checks[step.id];
      if (change) {
        return {
          ...base,
          status: change.status,
          summary: change.summary[language],
          why: change.why?.[language] ?? null,
          fix: change.fix?.[language] ?? null,
          certificate: change.certificate ?? null,
          suggestion: change.suggestion ?? null,
        };
      }
      if (skipAt >= 0 && index >= skipAt) return { ...base, status: "skipped", summary: overlay.skipSummary[language], permissions: [] };
      return base;
    });
  };
  const credentialOf = (side) =>
    side.credentialId === null
      ? credentials.find((item) => item.serverId === side.serverId && item.isService)
      : credentials.find((item) => item.id === side.credentialId);
  const sideReport = (which, side) => {
    const server = servers.find((item) => item.id === side.serverId);
    const credential = credentialOf(side);
    const checks = finalChecks(server);
    return {
      side: which,
      serverId: server.id,
      serverName: server.name,
      serverKind: server.kind,
      credentialId: credential?.id ?? null,
      credentialLabel: credential?.label ?? null,
      outcome: worst(checks.map((check) => check.status)),
      checks,
      ranAt: NOW,
    };
  };
  const pendingSide = (side) => ({
    ...side,
    outcome: "passed",
    checks: side.checks.map((check) => ({ ...check, status: "pending", summary: "", why: null, fix: null, certificate: null, suggestion: null, permissions: [] })),
  });
  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const lastReports = new Map();
  const runTest = async (left, right, channel) => {
    const report = { left: sideReport("left", left), right: sideReport("right", right), ranAt: NOW };
    report.outcome = worst([report.left.outcome, report.right.outcome]);
    const messages = [{ type: "started", report: { ...report, left: pendingSide(report.left), right: pendingSide(report.right), outcome: "passed" } }];
    const longest = Math.max(report.left.checks.length, report.right.checks.length);
    for (let index = 0; index < longest; index += 1) {
      for (const side of ["left", "right"]) {
        const check = report[side].checks[index];
        if (!check) continue;
        messages.push({ type: "check", side, check: { ...check, status: "running", summary: "" } });
        messages.push({ type: "check", side, check });
      }
    }
    messages.push({ type: "finished", report });
    for (const [index, message] of messages.entries()) {
      callbacks.get(channel.id)?.({ index, message: structuredClone(message) });
      await pause(15);
    }
    return report;
  };
  const replaceServer = (server) => {
    servers = servers.map((item) => (item.id === server.id ? server : item));
    connections = connections.map((connection) => ({
      ...connection,
      left: connection.left.server.id === server.id ? { ...connection.left, server } : connection.left,
      right: connection.right.server.id === server.id ? { ...connection.right, server } : connection.right,
    }));
    return server;
  };
  const normalise = (raw) => {
    const trimmed = raw.trim();
    const url = new URL(/^[a-z]+:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
    const path = url.pathname.split(/\/(?:browse|projects|secure|rest|api|issues|0)\//)[0] ?? "";
    return `${url.protocol}//${url.host.toLowerCase()}${path}`.replace(/\/+$/, "");
  };
  let nextId = 500;

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
    detect_server: ({ url, altUrl }) => {
      const baseUrl = normalise(url);
      const found = connectionTest.detections.find((item) => item.host === hostOf(baseUrl));
      return {
        baseUrl,
        altUrl: altUrl === null ? null : normalise(altUrl),
        kind: found?.kind ?? null,
        version: found?.version ?? null,
        reachedVia: "base",
        problem: found ? (found.problem ?? null) : { code: "Network", message: `No answer from ${hostOf(baseUrl)}.` },
        certificate: found?.certificate ?? null,
      };
    },
    add_server: ({ input }) => {
      const existing = servers.find((item) => item.kind === input.kind && item.baseUrl === input.baseUrl);
      if (existing) {
        return input.trustedFingerprint ? replaceServer({ ...existing, tls: { ...existing.tls, pinnedFingerprint: input.trustedFingerprint } }) : existing;
      }
      const server = {
        id: nextId++,
        kind: input.kind,
        name: input.name,
        baseUrl: input.baseUrl,
        altUrl: input.altUrl,
        timeZone: null,
        isDemo: false,
        createdAt: NOW,
        tls: { extraCaPem: null, pinnedFingerprint: input.trustedFingerprint },
        proxy: { mode: "system" },
      };
      servers = [...servers, server];
      return server;
    },
    trust_certificate: ({ serverId, fingerprint }) => {
      const server = servers.find((item) => item.id === serverId);
      return replaceServer({ ...server, tls: { ...server.tls, pinnedFingerprint: fingerprint } });
    },
    test_connection_draft: ({ left, right, onProgress }) => runTest(left, right, onProgress),
    test_connection: async ({ connectionId, onProgress }) => {
      const connection = connections.find((item) => item.id === connectionId);
      const report = await runTest(
        { serverId: connection.left.server.id, credentialId: null },
        { serverId: connection.right.server.id, credentialId: null },
        onProgress,
      );
      lastReports.set(connectionId, report);
      return report;
    },
    last_connection_test: ({ connectionId }) => lastReports.get(connectionId) ?? null,
    copy_connection_test_report: ({ report }) => ({ text: `${connectionTest.reportText[language]}: ${report.outcome}`, copied: true }),
    create_connection: ({ input }) => {
      const side = (value) => ({ server: servers.find((item) => item.id === value.serverId), credentialLabel: credentialOf(value)?.label ?? null });
      const connection = { id: nextId++, name: input.name, left: input.left, right: input.right, direction: input.direction, createdAt: NOW };
      connections = [
        ...connections,
        { id: connection.id, name: input.name, direction: input.direction, left: side(input.left), right: side(input.right), isDemo: false, lastTest: null },
      ];
      return connection;
    },
    remove_connection: ({ connectionId }) => {
      connections = connections.filter((item) => item.id !== connectionId);
      return null;
    },
    // The member audit log: a working installation has applied member changes. The audit
    // and seeding answers are what the vitest fake computes (fixtures' `shots`; a test
    // keeps them equal).
    member_audit_list: () => (scenario === "registry" || scenario === "connected" ? fixtures.audit.entries : []),
    member_audit_export: () => fixtures.audit.shots.exported,
    members_undo_plan: ({ auditId }) => {
      if (auditId !== 3) throw { code: "NotFound", message: `The screenshot back end has no undo plan for entry ${auditId}.` };
      return fixtures.audit.shots.undoPlan;
    },
    members_copy_from_project: () => fixtures.memberSeed.shots.copyProposal,
    members_jira_roles: () => fixtures.memberSeed.shots.jiraRoles,
    members_seed_from_jira_role: () => fixtures.memberSeed.shots.jiraProposal,
    members_import_csv: () => fixtures.memberSeed.shots.importReport,
    members_export_csv: () => fixtures.memberSeed.shots.exported,
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
