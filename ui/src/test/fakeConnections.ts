import type { Channel } from "@tauri-apps/api/core";
import type { Credential, Language, Server, ServerKind } from "../bindings";
import type {
  CertificateView,
  CheckId,
  CheckResult,
  CheckStatus,
  Connection,
  ConnectionInput,
  ConnectionOverview,
  ConnectionSide,
  ConnectionTestReport,
  DetectedServer,
  LastTest,
  Outcome,
  ServerInput,
  Side,
  SideReport,
  Suggestion,
  TestProgress,
} from "../bindings";

/** A sentence in each UI language: the back end renders checks in the language in use. */
type Localised = Record<Language, string>;

interface PlanCheck {
  id: CheckId;
  summary: Localised;
  permissions?: { key: string; label: Localised; granted: boolean }[];
}

interface OverlayCheck {
  status: CheckStatus;
  summary: Localised;
  why?: Localised;
  fix?: Localised;
  certificate?: CertificateView;
  suggestion?: Suggestion;
}

interface Overlay {
  host: string;
  /** The overlay applies only while the server has no trusted certificate. */
  untilTrusted?: boolean;
  checks: Partial<Record<CheckId, OverlayCheck>>;
  /** Checks from this one on are skipped (an earlier one failed). */
  skipFrom?: CheckId;
  skipSummary?: Localised;
}

interface Detection {
  host: string;
  kind: ServerKind | null;
  version: string | null;
  problem?: DetectedServer["problem"];
  certificate?: CertificateView;
}

/** `connectionTest` in tests/fixtures/ipc-fixtures.json. */
export interface ConnectionTestFixtures {
  titles: Record<CheckId, Localised>;
  plans: Record<ServerKind, PlanCheck[]>;
  overlays: Overlay[];
  plainHttp: Localised;
  reportText: Localised;
  detections: Detection[];
}

/** What the connection commands read and change; shared with the rest of the fake. */
export interface ConnectionState {
  servers: Server[];
  connections: ConnectionOverview[];
  credentials: () => Credential[];
  language: () => Language;
}

const NOW = "2026-03-02T09:00:00Z";
const RANK: Record<Outcome, number> = { passed: 0, warning: 1, failed: 2 };

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname;
  } catch {
    return "";
  }
};

/** The worst status among the checks, as the back end computes a side's outcome. */
export function outcomeOf(statuses: CheckStatus[]): Outcome {
  return statuses.reduce<Outcome>((worst, status) => {
    const outcome: Outcome = status === "failed" ? "failed" : status === "warning" ? "warning" : "passed";
    return RANK[outcome] > RANK[worst] ? outcome : worst;
  }, "passed");
}

/**
 * The checks of one side as the real test would end: the product's healthy plan, with
 * the fixture's problems for this host laid over it.
 */
export function finalChecks(fixtures: ConnectionTestFixtures, server: Server, language: Language): CheckResult[] {
  const host = hostOf(server.baseUrl);
  const overlay = fixtures.overlays.find(
    (candidate) => candidate.host === host && !(candidate.untilTrusted && server.tls?.pinnedFingerprint),
  );
  const skipAt = overlay?.skipFrom ? fixtures.plans[server.kind].findIndex((check) => check.id === overlay.skipFrom) : -1;
  return fixtures.plans[server.kind].map((plan, index) => {
    const base: CheckResult = {
      id: plan.id,
      status: "passed",
      title: fixtures.titles[plan.id][language],
      summary: plan.summary[language].replaceAll("{host}", host),
      why: null,
      fix: null,
      certificate: null,
      suggestion: null,
      permissions: (plan.permissions ?? []).map((permission) => ({ ...permission, label: permission.label[language] })),
    };
    if (plan.id === "tls" && server.baseUrl.startsWith("http://")) {
      return { ...base, status: "skipped", summary: fixtures.plainHttp[language] };
    }
    const change = overlay?.checks[plan.id];
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
    if (skipAt >= 0 && index >= skipAt && overlay?.skipSummary) {
      return { ...base, status: "skipped", summary: overlay.skipSummary[language], permissions: [] };
    }
    return base;
  });
}

/** The label of the credential a side uses: the one named, or the server's service one. */
function credentialFor(credentials: Credential[], side: ConnectionSide): Credential | undefined {
  return side.credentialId === null
    ? credentials.find((item) => item.serverId === side.serverId && item.isService)
    : credentials.find((item) => item.id === side.credentialId);
}

function sideReport(state: ConnectionState, fixtures: ConnectionTestFixtures, which: Side, side: ConnectionSide): SideReport {
  const server = state.servers.find((item) => item.id === side.serverId);
  if (!server) throw { code: "NotFound", message: `No server with id ${side.serverId}.` };
  const credential = credentialFor(state.credentials(), side);
  const checks = finalChecks(fixtures, server, state.language());
  return {
    side: which,
    serverId: server.id,
    serverName: server.name,
    serverKind: server.kind,
    credentialId: credential?.id ?? null,
    credentialLabel: credential?.label ?? null,
    outcome: outcomeOf(checks.map((check) => check.status)),
    checks,
    ranAt: NOW,
  };
}

function pending(side: SideReport): SideReport {
  return {
    ...side,
    outcome: "passed",
    checks: side.checks.map((check) => ({
      ...check,
      status: "pending",
      summary: "",
      why: null,
      fix: null,
      certificate: null,
      suggestion: null,
      permissions: [],
    })),
  };
}

/**
 * Sends one message the way Tauri does: through the callback registered for the channel,
 * with its index (the Channel puts messages back in order by it).
 */
export function sendProgress(channel: Channel<TestProgress>, index: number, message: TestProgress): void {
  // mockIPC puts runCallback next to the callbacks that Channel registered.
  const internals = (window as unknown as { __TAURI_INTERNALS__: { runCallback: (id: number, data: unknown) => void } })
    .__TAURI_INTERNALS__;
  internals.runCallback(channel.id, { index, message });
}

/**
 * Streams the test as the back end does — Started with every check pending, each check
 * running and then done, both sides taking turns, Finished — and answers the final report.
 */
export async function streamTest(channel: Channel<TestProgress>, report: ConnectionTestReport): Promise<ConnectionTestReport> {
  const messages: TestProgress[] = [
    { type: "started", report: { ...report, left: pending(report.left), right: pending(report.right), outcome: "passed" } },
  ];
  const longest = Math.max(report.left.checks.length, report.right.checks.length);
  for (let index = 0; index < longest; index += 1) {
    for (const side of ["left", "right"] as const) {
      const check = report[side].checks[index];
      if (!check) continue;
      messages.push({ type: "check", side, check: { ...check, status: "running", summary: "" } });
      messages.push({ type: "check", side, check });
    }
  }
  messages.push({ type: "finished", report });
  for (const [index, message] of messages.entries()) {
    sendProgress(channel, index, message);
    // Let the UI render in between, as it would while real checks take their time.
    await Promise.resolve();
  }
  return report;
}

/** A URL roughly as the back end normalises it: enough for the fixtures' hosts. */
function normalise(raw: string): string {
  const trimmed = raw.trim();
  const withScheme = /^[a-z]+:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw { code: "Validation", field: "url", message: "Enter the address you open the server with, such as https://jira.example.com." };
  }
  const path = url.pathname.split(/\/(?:browse|projects|secure|rest|api|issues|0)\//)[0] ?? "";
  return `${url.protocol}//${url.host.toLowerCase()}${path}`.replace(/\/+$/, "");
}

function reportText(report: ConnectionTestReport, title: string): string {
  const lines = [`${title}: ${report.outcome} (${report.ranAt})`];
  for (const side of [report.left, report.right]) {
    lines.push("", `${side.serverName} — ${side.credentialLabel ?? "-"}: ${side.outcome}`);
    for (const check of side.checks) {
      lines.push(`[${check.status}] ${check.title}: ${check.summary}`);
      if (check.why) lines.push(`  ${check.why}`);
      if (check.fix) lines.push(`  ${check.fix}`);
    }
  }
  return lines.join("\n");
}

/** The connection-test and wizard commands of the fake back end. */
export function connectionCommands(state: ConnectionState, fixtures: ConnectionTestFixtures) {
  let nextServerId = 200;
  let nextConnectionId = 300;
  const lastReports = new Map<number, ConnectionTestReport>();
  // Results are stored per server and credential, so a wizard's test counts once saved.
  const lastBySide = new Map<string, { ranAt: string; outcome: Outcome }>();
  const sideKey = (report: SideReport) => `${report.serverId}/${report.credentialId ?? "-"}`;

  const run = async (left: ConnectionSide, right: ConnectionSide, channel: Channel<TestProgress>) => {
    const leftReport = sideReport(state, fixtures, "left", left);
    const rightReport = sideReport(state, fixtures, "right", right);
    const report: ConnectionTestReport = {
      left: leftReport,
      right: rightReport,
      outcome: outcomeOf([leftReport.outcome, rightReport.outcome]),
      ranAt: NOW,
    };
    for (const side of [leftReport, rightReport]) lastBySide.set(sideKey(side), { ranAt: side.ranAt, outcome: side.outcome });
    return streamTest(channel, report);
  };

  const lastTestOf = (left: ConnectionSide, right: ConnectionSide): LastTest | null => {
    const keys = [left, right].map((side) => {
      const credential = credentialFor(state.credentials(), side);
      return lastBySide.get(`${side.serverId}/${credential?.id ?? "-"}`);
    });
    const [a, b] = keys;
    if (!a || !b) return null;
    return { ranAt: a.ranAt < b.ranAt ? a.ranAt : b.ranAt, outcome: RANK[a.outcome] >= RANK[b.outcome] ? a.outcome : b.outcome };
  };

  const replaceServer = (server: Server) => {
    state.servers = state.servers.map((item) => (item.id === server.id ? server : item));
    state.connections = state.connections.map((connection) => ({
      ...connection,
      left: connection.left.server.id === server.id ? { ...connection.left, server } : connection.left,
      right: connection.right.server.id === server.id ? { ...connection.right, server } : connection.right,
    }));
    return server;
  };

  const findServer = (id: number) => {
    const server = state.servers.find((item) => item.id === id);
    if (!server) throw { code: "NotFound", message: `No server with id ${id}.` };
    return server;
  };

  return {
    detect_server: (args: unknown) => {
      const { url, altUrl } = args as { url: string; altUrl: string | null; expected: ServerKind | null };
      const baseUrl = normalise(url);
      const detection = fixtures.detections.find((item) => item.host === hostOf(baseUrl));
      return {
        baseUrl,
        altUrl: altUrl === null ? null : normalise(altUrl),
        kind: detection?.kind ?? null,
        version: detection?.version ?? null,
        reachedVia: "base",
        problem: detection ? (detection.problem ?? null) : { code: "Network", message: `No answer from ${hostOf(baseUrl)}.` },
        certificate: detection?.certificate ?? null,
      } satisfies DetectedServer;
    },
    add_server: (args: unknown) => {
      const { input } = args as { input: ServerInput };
      const existing = state.servers.find((item) => item.kind === input.kind && item.baseUrl === input.baseUrl);
      if (existing) {
        // Reusing a server keeps it, but a certificate the user just trusted still counts.
        return input.trustedFingerprint
          ? replaceServer({ ...existing, tls: { ...existing.tls, pinnedFingerprint: input.trustedFingerprint } })
          : existing;
      }
      if (input.name.trim() === "") throw { code: "Validation", field: "name", message: "Give the server a name." };
      const server: Server = {
        id: nextServerId++,
        kind: input.kind,
        name: input.name.trim(),
        baseUrl: input.baseUrl,
        altUrl: input.altUrl,
        timeZone: null,
        isDemo: false,
        createdAt: NOW,
        tls: { extraCaPem: null, pinnedFingerprint: input.trustedFingerprint },
        proxy: { mode: "system" },
      };
      state.servers = [...state.servers, server];
      return server;
    },
    trust_certificate: (args: unknown) => {
      const { serverId, fingerprint } = args as { serverId: number; fingerprint: string };
      const server = findServer(serverId);
      return replaceServer({ ...server, tls: { ...server.tls, pinnedFingerprint: fingerprint } });
    },
    list_connections: () =>
      state.connections.map((connection) => {
        const stored = lastReports.get(connection.id);
        return stored ? { ...connection, lastTest: { ranAt: stored.ranAt, outcome: stored.outcome } } : connection;
      }),
    test_connection_draft: (args: unknown) => {
      const { left, right, onProgress } = args as { left: ConnectionSide; right: ConnectionSide; onProgress: Channel<TestProgress> };
      return run(left, right, onProgress);
    },
    test_connection: async (args: unknown) => {
      const { connectionId, onProgress } = args as { connectionId: number; onProgress: Channel<TestProgress> };
      const connection = state.connections.find((item) => item.id === connectionId);
      if (!connection) throw { code: "NotFound", message: `No connection with id ${connectionId}.` };
      const report = await run(
        { serverId: connection.left.server.id, credentialId: null },
        { serverId: connection.right.server.id, credentialId: null },
        onProgress,
      );
      lastReports.set(connectionId, report);
      return report;
    },
    last_connection_test: (args: unknown) => lastReports.get((args as { connectionId: number }).connectionId) ?? null,
    // The real command writes to the system clipboard itself; jsdom's clipboard stands in
    // for it, so a test can make it refuse.
    copy_connection_test_report: async (args: unknown) => {
      const text = reportText((args as { report: ConnectionTestReport }).report, fixtures.reportText[state.language()]);
      const copied = await navigator.clipboard.writeText(text).then(
        () => true,
        () => false,
      );
      return { text, copied };
    },
    create_connection: (args: unknown) => {
      const { input } = args as { input: ConnectionInput };
      const name = input.name.trim();
      if (state.connections.some((item) => item.name === name)) {
        throw { code: "Validation", field: "name", message: `A connection named “${name}” exists already: choose another name.` };
      }
      const side = (value: ConnectionSide) => ({
        server: findServer(value.serverId),
        credentialLabel: credentialFor(state.credentials(), value)?.label ?? null,
      });
      const connection: Connection = { id: nextConnectionId++, name, left: input.left, right: input.right, direction: input.direction, createdAt: NOW };
      state.connections = [
        ...state.connections,
        {
          id: connection.id,
          name,
          direction: input.direction,
          left: side(input.left),
          right: side(input.right),
          isDemo: false,
          lastTest: lastTestOf(input.left, input.right),
        },
      ];
      return connection;
    },
    remove_connection: (args: unknown) => {
      const { connectionId } = args as { connectionId: number };
      if (!state.connections.some((item) => item.id === connectionId)) {
        throw { code: "NotFound", message: `No connection with id ${connectionId}.` };
      }
      state.connections = state.connections.filter((item) => item.id !== connectionId);
      return null;
    },
  } satisfies Record<string, (args: unknown) => unknown>;
}
