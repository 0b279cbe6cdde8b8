import type {
  Credential,
  CredentialAlert,
  CredentialEdit,
  CredentialInput,
  ExportSummary,
  ImportPreview,
  ImportSummary,
  KindInfo,
  OAuthSignInInput,
  Saved,
  Server,
  SignedOut,
} from "../bindings";

/** The credential half of the fake back end: a list that add/edit/rotate/remove change. */
export interface CredentialState {
  servers: () => Server[];
  credentials: Credential[];
  alerts: CredentialAlert[];
}

export interface RegistryFixtures {
  servers: Server[];
  credentials: Credential[];
  alerts: CredentialAlert[];
  exportSummary: ExportSummary;
  importPreview: ImportPreview;
  importSummary: ImportSummary;
}

const NOW = "2026-03-02T09:00:00Z";

function notFound(id: number): never {
  throw { code: "NotFound", message: `No credential with id ${id}.` };
}

/**
 * Answers the credential commands the way the Rust side does: a service credential
 * saved on a server that has one replaces it; add and rotate verify at once (here:
 * always successfully — tests that want a failure override the command).
 */
export function credentialCommands(state: CredentialState, kinds: KindInfo[], registry: RegistryFixtures) {
  let nextId = 100;
  const find = (id: number) => state.credentials.find((item) => item.id === id) ?? notFound(id);
  const replaceService = (serverId: number, keepId: number): Saved["replaced"] => {
    const old = state.credentials.find((item) => item.serverId === serverId && item.isService && item.id !== keepId);
    if (!old) return null;
    state.credentials = state.credentials.filter((item) => item.id !== old.id);
    return { id: old.id, label: old.label };
  };
  const verified = (identity: string) => ({ state: "verified" as const, at: NOW, identity });

  return {
    list_credentials: () => state.credentials,
    credential_kinds: () => kinds,
    credential_alerts: () => state.alerts,
    add_credential: (args: unknown) => {
      const { input } = args as { input: CredentialInput };
      const server = state.servers().find((item) => item.id === input.serverId);
      if (!server) throw { code: "Validation", field: "server_id", message: "Choose a registered server." };
      const info = kinds.find((item) => item.kind === input.kind);
      const credential: Credential = {
        id: nextId++,
        serverId: server.id,
        serverName: server.name,
        serverUrl: server.baseUrl,
        kind: input.kind,
        label: input.label,
        login: input.login,
        isService: input.isService,
        createdAt: NOW,
        expiresAt: input.expiresAt,
        expiry: input.expiresAt ? { state: "valid", days: 90 } : { state: "none" },
        verification: info?.verifiable === false ? { state: "never" } : verified(input.login ?? "sync-user"),
        oauth: null,
        usedBy: [],
      };
      const replaced = input.isService ? replaceService(server.id, credential.id) : null;
      state.credentials = [...state.credentials, credential];
      return { credential, replaced } satisfies Saved;
    },
    edit_credential: (args: unknown) => {
      const { id, edit } = args as { id: number; edit: CredentialEdit };
      const credential = { ...find(id), ...edit };
      const replaced = edit.isService ? replaceService(credential.serverId, id) : null;
      state.credentials = state.credentials.map((item) => (item.id === id ? credential : item));
      return { credential, replaced } satisfies Saved;
    },
    rotate_credential: (args: unknown) => {
      const { id, expiresAt } = args as { id: number; secret: string; expiresAt: string | null };
      const old = find(id);
      const credential: Credential = {
        ...old,
        expiresAt: expiresAt ?? old.expiresAt,
        expiry: expiresAt ? { state: "valid", days: 90 } : old.expiry,
        verification: verified(old.login ?? "sync-user"),
      };
      state.credentials = state.credentials.map((item) => (item.id === id ? credential : item));
      state.alerts = state.alerts.filter((alert) => alert.credentialId !== id);
      return credential;
    },
    verify_credential: (args: unknown) => {
      const { id } = args as { id: number };
      const credential = { ...find(id), verification: verified(find(id).login ?? "sync-user") };
      state.credentials = state.credentials.map((item) => (item.id === id ? credential : item));
      return credential;
    },
    remove_credential: (args: unknown) => {
      const { id } = args as { id: number };
      find(id);
      state.credentials = state.credentials.filter((item) => item.id !== id);
      state.alerts = state.alerts.filter((alert) => alert.credentialId !== id);
      return null;
    },
    oauth_redirect_url: (args: unknown) => `http://127.0.0.1:${(args as { port: number }).port}/callback`,
    sign_in_oauth: (args: unknown) => {
      const { input } = args as { input: OAuthSignInInput };
      const server = state.servers().find((item) => item.id === input.serverId);
      if (!server) throw { code: "Validation", field: "serverId", message: "Choose a registered server." };
      const existing = input.credentialId === null ? undefined : find(input.credentialId);
      const credential: Credential = {
        ...(existing ?? {
          id: nextId++,
          serverId: server.id,
          serverName: server.name,
          serverUrl: server.baseUrl,
          kind: input.kind,
          login: null,
          createdAt: NOW,
          expiresAt: null,
          expiry: { state: "none" },
          usedBy: [],
        }),
        label: input.label,
        isService: input.isService,
        verification: verified("Aiko Tanaka"),
        oauth: {
          clientId: input.clientId,
          redirectPort: input.redirectPort,
          redirectUrl: `http://127.0.0.1:${input.redirectPort}/callback`,
          signedIn: true,
        },
      };
      const replaced = input.isService ? replaceService(server.id, credential.id) : null;
      state.credentials = existing
        ? state.credentials.map((item) => (item.id === credential.id ? credential : item))
        : [...state.credentials, credential];
      return { credential, replaced } satisfies Saved;
    },
    cancel_oauth_sign_in: () => null,
    sign_out_credential: (args: unknown) => {
      const { id } = args as { id: number };
      const old = find(id);
      const credential: Credential = { ...old, oauth: old.oauth ? { ...old.oauth, signedIn: false } : null };
      state.credentials = state.credentials.map((item) => (item.id === id ? credential : item));
      const outcome: SignedOut["outcome"] = old.oauth?.signedIn ? { state: "revoked" } : { state: "notSignedIn" };
      return { outcome, credential } satisfies SignedOut;
    },
    export_workspace: () => registry.exportSummary,
    preview_import: () => registry.importPreview,
    import_workspace: () => registry.importSummary,
  } satisfies Record<string, (args: unknown) => unknown>;
}
