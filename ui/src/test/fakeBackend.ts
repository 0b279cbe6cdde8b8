import type { InvokeArgs } from "@tauri-apps/api/core";
import type {
  DoctorReport,
  HomeStatus,
  KindInfo,
  Language,
  Preferences,
  PreferencesUpdate,
  Server,
} from "../bindings";
import type { ConnectionOverview } from "../bindings";
import rawFixtures from "../../tests/fixtures/ipc-fixtures.json";
import { connectionCommands, type ConnectionState, type ConnectionTestFixtures } from "./fakeConnections";
import { credentialCommands, type CredentialState, type RegistryFixtures } from "./fakeCredentials";
import { createMemberState, memberCommands, type MembersFixtures } from "./fakeMembers";
import { createMemberSeedState, memberSeedCommands, type AuditFixtures, type MemberSeedFixtures } from "./fakeMemberSeed";
import { createSyncState, syncCommands } from "./fakeSync";

export const fixtures = rawFixtures as unknown as {
  systemLanguage: Language;
  preferences: Preferences;
  status: HomeStatus;
  doctor: DoctorReport;
  /** The same installation once the demo workspace has been started. */
  demo: {
    labels: Record<Language, string>;
    status: HomeStatus;
    servers: Server[];
    connections: ConnectionOverview[];
  };
  credentialKinds: KindInfo[];
  /** A working installation: real servers and credentials in every state. */
  registry: RegistryFixtures & { connections: ConnectionOverview[] };
  connectionTest: ConnectionTestFixtures;
  members: MembersFixtures;
  memberSeed: MemberSeedFixtures;
  audit: AuditFixtures;
};

/** One recorded IPC call, for asserting what the UI asked the back end to do. */
export interface IpcCall {
  cmd: string;
  args: InvokeArgs | undefined;
}

/** Per-test replacements: return a value to answer, or throw (e.g. an AppError) to fail. */
export type IpcOverrides = Partial<Record<string, (args: InvokeArgs | undefined) => unknown>>;

export interface FakeBackendOptions {
  /** Start with the demo workspace registered (as after "Try the demo workspace"). */
  demo?: boolean;
  /** Start with the registry fixtures: real servers and credentials in every state. */
  registry?: boolean;
  /** With `registry`: the connections between those servers too, some tested. */
  connected?: boolean;
}

/**
 * A small stateful stand-in for the Rust commands, keyed by their invoke names. State
 * lives per test, so a save followed by a read sees the saved value, as in the real app.
 */
export function createFakeBackend(
  overrides: IpcOverrides = {},
  { demo = false, registry = false, connected = false }: FakeBackendOptions = {},
) {
  const calls: IpcCall[] = [];
  let preferences: Preferences = { ...fixtures.preferences };
  let autostart = false;
  let status: HomeStatus = demo ? { ...fixtures.demo.status } : { ...fixtures.status };
  const workspace: ConnectionState = {
    servers: demo ? [...fixtures.demo.servers] : registry ? structuredClone(fixtures.registry.servers) : [],
    connections: demo
      ? [...fixtures.demo.connections]
      : registry && connected
        ? structuredClone(fixtures.registry.connections)
        : [],
    credentials: () => credentialState.credentials,
    language: () => preferences.effectiveLanguage,
  };
  const credentialState: CredentialState = {
    servers: () => workspace.servers,
    credentials: registry ? structuredClone(fixtures.registry.credentials) : [],
    alerts: registry ? structuredClone(fixtures.registry.alerts) : [],
  };
  const credentials: Partial<Record<string, (args: unknown) => unknown>> = credentialCommands(
    credentialState,
    fixtures.credentialKinds,
    fixtures.registry,
  );
  const connections: Partial<Record<string, (args: unknown) => unknown>> = connectionCommands(workspace, fixtures.connectionTest);
  const memberState = createMemberState(fixtures.members);
  const memberSeed = createMemberSeedState(fixtures.memberSeed, fixtures.audit);
  const syncState = createSyncState(workspace.connections);
  const features: Partial<Record<string, (args: unknown) => unknown>> = {
    ...memberCommands(memberState, () => workspace.servers),
    ...memberSeedCommands(memberSeed),
    ...syncCommands(syncState, () => workspace.connections),
  };

  const handle = (cmd: string, args: InvokeArgs | undefined): unknown => {
    calls.push({ cmd, args });
    const override = overrides[cmd];
    if (override) return override(args);
    switch (cmd) {
      case "get_preferences":
        return preferences;
      case "set_preferences": {
        const { update } = args as { update: PreferencesUpdate };
        preferences = { ...update, effectiveLanguage: update.language ?? fixtures.systemLanguage };
        return preferences;
      }
      case "get_status":
        return status;
      case "set_sync_paused":
        status = { ...status, syncPaused: (args as { paused: boolean }).paused };
        return status;
      case "autostart_enabled":
        return autostart;
      case "set_autostart":
        autostart = (args as { enabled: boolean }).enabled;
        return autostart;
      case "scheduler_state":
        return {
          paused: status.syncPaused,
          problem: null,
          profiles: syncState.profiles
            .filter((profile) => profile.hasRun)
            .map((profile) => ({
              profileId: profile.id,
              name: profile.name,
              nextRunAt: profile.schedule.kind === "off" ? null : "2026-11-23T09:00:00Z",
              running: false,
              consecutiveFailures: 0,
              pausedReason: null,
              lastOutcome: null,
            })),
        };
      case "sync_now_all": {
        const ready = syncState.profiles.filter((profile) => profile.hasRun);
        return {
          started: ready.map((_, index) => 100 + index),
          needsPreview: syncState.profiles.filter((profile) => !profile.hasRun).map((profile) => profile.name),
          alreadyRunning: [],
          failed: [],
        };
      }
      case "list_servers":
        return workspace.servers;
      case "start_demo_workspace":
        if (status.demo) throw { code: "Conflict", message: "The demo workspace exists already; remove it first to start afresh." };
        workspace.servers = [...workspace.servers, ...fixtures.demo.servers];
        workspace.connections = [...workspace.connections, ...fixtures.demo.connections];
        status = { ...fixtures.demo.status, syncPaused: status.syncPaused };
        return status;
      case "remove_demo_workspace":
        workspace.servers = workspace.servers.filter((server) => !server.isDemo);
        workspace.connections = workspace.connections.filter((connection) => !connection.isDemo);
        status = {
          ...status,
          serverCount: workspace.servers.length,
          connectionCount: workspace.connections.length,
          demo: null,
        };
        return status;
      case "doctor":
        return fixtures.doctor;
      case "copy_diagnostics":
      case "open_folder":
        return null;
      default: {
        const command = credentials[cmd] ?? connections[cmd] ?? features[cmd];
        if (command) return command(args);
        throw new Error(`fake back end: no command named ${cmd}`);
      }
    }
  };

  return {
    calls,
    handle,
    callsTo: (cmd: string) => calls.filter((call) => call.cmd === cmd),
    /** The credentials as the back end holds them now. */
    credentials: () => credentialState.credentials,
    /** Servers and connections as the back end holds them now. */
    workspace,
    /** TimeTracker NX projects and users as the server holds them now. */
    members: memberState,
    /** TimeTracker NX projects and the member audit log as the back end holds them now. */
    memberSeed,
    /** Sync profiles, runs and problems as the back end holds them now. */
    sync: syncState,
  };
}
