// Hand-written stand-in for what tauri-specta will generate into src/bindings.ts once the
// connection-test commands exist on the Rust side (kakehashi_core::connection_test and the
// src-tauri commands). Types mirror the Rust structs field by field (camelCase); commands
// are spelt exactly as the generator spells them, so the switch at merge is: delete this
// file, import the same names from "../bindings", and use `commands` for
// `connectionCommands`.

// The generated file calls invoke the same way; outside src/bindings.ts the lint rule
// forbids it, which is why the exception is spelt out here and nowhere else.
// eslint-disable-next-line no-restricted-imports
import { invoke as __TAURI_INVOKE, type Channel } from "@tauri-apps/api/core";
import type { AppError, ConnectionOverview as OverviewWithoutTest, Direction, Server, ServerKind } from "../bindings";

/** Which end of a connection a check belongs to. */
export type Side = "left" | "right";

/** The checks, in the order they run on each side. */
export type CheckId =
  | "dns"
  | "tcp"
  | "tls"
  | "proxy"
  | "addresses"
  | "product"
  | "auth"
  | "identity"
  | "permissions"
  | "clock"
  | "emailVisibility";

export type CheckStatus = "pending" | "running" | "passed" | "warning" | "failed" | "skipped";

/** The worst status of a side's (or both sides') checks. */
export type Outcome = "passed" | "warning" | "failed";

/** An untrusted certificate, so the user can compare it before trusting it. */
export type CertificateView = {
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  /** SHA-256, `AB:CD:…`. */
  fingerprint: string;
};

/** Something the UI can do in one click to fix what a check found. */
export type Suggestion =
  | { type: "TrustCertificate"; fingerprint: string }
  | { type: "UseAlternativeUrl"; url: string };

/** One permission of the Permissions check. */
export type PermissionResult = {
  /** "BROWSE_PROJECTS", "MANAGE_PROJECT", "WRITE", … */
  key: string;
  /** Translated name. */
  label: string;
  granted: boolean;
};

/** One check as the back end rendered it, in the UI language. */
export type CheckResult = {
  id: CheckId;
  status: CheckStatus;
  title: string;
  /** What was found, one line. */
  summary: string;
  /** Warning/failed: why it matters, or what went wrong. */
  why: string | null;
  /** Warning/failed: how to fix it. */
  fix: string | null;
  certificate: CertificateView | null;
  suggestion: Suggestion | null;
  permissions: PermissionResult[];
};

export type SideReport = {
  side: Side;
  serverId: number;
  serverName: string;
  serverKind: ServerKind;
  /** The credential actually used (the service one when the side names none). */
  credentialId: number | null;
  credentialLabel: string | null;
  outcome: Outcome;
  checks: CheckResult[];
  /** RFC 3339. */
  ranAt: string;
};

export type ConnectionTestReport = {
  left: SideReport;
  right: SideReport;
  outcome: Outcome;
  ranAt: string;
};

/** What the test streams while it runs, through a Channel. */
export type TestProgress =
  | { type: "Started"; report: ConnectionTestReport }
  | { type: "Check"; side: Side; check: CheckResult }
  | { type: "Finished"; report: ConnectionTestReport };

/** The list's summary of the last test: worst outcome, older time of the two sides. */
export type LastTest = {
  ranAt: string;
  outcome: Outcome;
};

export type AddressRole = "base" | "alternative";

/** What "Check address" found, before anything is stored. */
export type DetectedServer = {
  /** The normalised base URL (what the user pasted, cleaned up). */
  baseUrl: string;
  altUrl: string | null;
  /** Null when the server could not be identified (see `problem`). */
  kind: ServerKind | null;
  version: string | null;
  reachedVia: AddressRole;
  /** Why detection did not fully succeed: unreachable, untrusted certificate, … */
  problem: AppError | null;
  /** Set with a TlsUntrusted problem, so trust can be offered before storing the server. */
  certificate: CertificateView | null;
};

/** A server to register; an existing one with the same kind and base URL is reused. */
export type ServerInput = {
  kind: ServerKind;
  name: string;
  baseUrl: string;
  altUrl: string | null;
  trustedFingerprint: string | null;
};

/** One end of a connection; `credentialId` null = the server's service credential. */
export type ConnectionSide = {
  serverId: number;
  credentialId: number | null;
};

export type ConnectionInput = {
  name: string;
  left: ConnectionSide;
  right: ConnectionSide;
  direction: Direction;
};

export type Connection = {
  id: number;
  name: string;
  left: ConnectionSide;
  right: ConnectionSide;
  direction: Direction;
  createdAt: string;
};

/** `ConnectionOverview` as the back end will send it, with the last test. */
export type ConnectionOverview = OverviewWithoutTest & {
  lastTest: LastTest | null;
};

/** The same typed-error wrapper the generated commands use. */
async function typedError<T, E>(result: Promise<T>): Promise<{ status: "ok"; data: T } | { status: "error"; error: E }> {
  try {
    return { status: "ok", data: await result };
  } catch (e) {
    if (e instanceof Error) throw e;
    return { status: "error", error: e as E };
  }
}

/** The connection commands, named and shaped as tauri-specta will generate them. */
export const connectionCommands = {
  /** Normalises what the user pasted and identifies the product, without storing anything. */
  detectServer: (url: string, altUrl: string | null, expected: ServerKind | null) =>
    typedError<DetectedServer, AppError>(__TAURI_INVOKE("detect_server", { url, altUrl, expected })),
  addServer: (input: ServerInput) => typedError<Server, AppError>(__TAURI_INVOKE("add_server", { input })),
  trustCertificate: (serverId: number, fingerprint: string) =>
    typedError<Server, AppError>(__TAURI_INVOKE("trust_certificate", { serverId, fingerprint })),
  forgetCertificate: (serverId: number) => typedError<Server, AppError>(__TAURI_INVOKE("forget_certificate", { serverId })),
  listConnections: () => typedError<ConnectionOverview[], AppError>(__TAURI_INVOKE("list_connections")),
  testConnectionDraft: (left: ConnectionSide, right: ConnectionSide, onProgress: Channel<TestProgress>) =>
    typedError<ConnectionTestReport, AppError>(__TAURI_INVOKE("test_connection_draft", { left, right, onProgress })),
  testConnection: (connectionId: number, onProgress: Channel<TestProgress>) =>
    typedError<ConnectionTestReport, AppError>(__TAURI_INVOKE("test_connection", { connectionId, onProgress })),
  lastConnectionTest: (connectionId: number) =>
    typedError<ConnectionTestReport | null, AppError>(__TAURI_INVOKE("last_connection_test", { connectionId })),
  /** The report as plain text in the UI language, without secrets, for the clipboard. */
  connectionTestReportText: (report: ConnectionTestReport) =>
    typedError<string, AppError>(__TAURI_INVOKE("connection_test_report_text", { report })),
  createConnection: (input: ConnectionInput) =>
    typedError<Connection, AppError>(__TAURI_INVOKE("create_connection", { input })),
  removeConnection: (connectionId: number) =>
    typedError<null, AppError>(__TAURI_INVOKE("remove_connection", { connectionId })),
};
