import type { InvokeArgs } from "@tauri-apps/api/core";
import type {
  ConnectionOverview,
  DoctorReport,
  HomeStatus,
  KindInfo,
  Language,
  Preferences,
  PreferencesUpdate,
  Server,
} from "../bindings";
import rawFixtures from "../../tests/fixtures/ipc-fixtures.json";
import { credentialCommands, type CredentialState, type RegistryFixtures } from "./fakeCredentials";

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
  registry: RegistryFixtures;
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
}

/**
 * A small stateful stand-in for the Rust commands, keyed by their invoke names. State
 * lives per test, so a save followed by a read sees the saved value, as in the real app.
 */
export function createFakeBackend(overrides: IpcOverrides = {}, { demo = false, registry = false }: FakeBackendOptions = {}) {
  const calls: IpcCall[] = [];
  let preferences: Preferences = { ...fixtures.preferences };
  let status: HomeStatus = demo ? { ...fixtures.demo.status } : { ...fixtures.status };
  let servers: Server[] = demo ? [...fixtures.demo.servers] : registry ? [...fixtures.registry.servers] : [];
  let connections: ConnectionOverview[] = demo ? [...fixtures.demo.connections] : [];
  const credentialState: CredentialState = {
    servers: () => servers,
    credentials: registry ? structuredClone(fixtures.registry.credentials) : [],
    alerts: registry ? structuredClone(fixtures.registry.alerts) : [],
  };
  const credentials: Partial<Record<string, (args: unknown) => unknown>> = credentialCommands(
    credentialState,
    fixtures.credentialKinds,
    fixtures.registry,
  );

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
      case "list_servers":
        return servers;
      case "list_connections":
        return connections;
      case "start_demo_workspace":
        if (status.demo) throw { code: "Conflict", message: "The demo workspace exists already; remove it first to start afresh." };
        servers = [...servers, ...fixtures.demo.servers];
        connections = [...connections, ...fixtures.demo.connections];
        status = { ...fixtures.demo.status, syncPaused: status.syncPaused };
        return status;
      case "remove_demo_workspace":
        servers = servers.filter((server) => !server.isDemo);
        connections = connections.filter((connection) => !connection.isDemo);
        status = { ...status, serverCount: servers.length, connectionCount: connections.length, demo: null };
        return status;
      case "doctor":
        return fixtures.doctor;
      case "copy_diagnostics":
      case "open_folder":
        return null;
      default: {
        const command = credentials[cmd];
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
  };
}
