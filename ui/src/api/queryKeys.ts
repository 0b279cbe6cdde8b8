/** Every React Query cache key lives here, so invalidation never misses a spelling. */
export const queryKeys = {
  status: ["status"],
  preferences: ["preferences"],
  doctor: ["doctor"],
  /** Prefix of everything registered: servers and connections (invalidate both at once). */
  workspace: ["workspace"],
  servers: ["workspace", "servers"],
  connections: ["workspace", "connections"],
  /** Under connections: a test changes both the list's summary and the stored report. */
  lastConnectionTest: (connectionId: number) => ["workspace", "connections", "lastTest", connectionId] as const,
  /** Prefix of the credential list and the expiry alerts, which change together. */
  credentials: ["credentials"],
  credentialList: ["credentials", "list"],
  credentialAlerts: ["credentials", "alerts"],
  /** What each kind needs; fixed for a given back end, so never refetched. */
  credentialKinds: ["credentialKinds"],
  oauthRedirectUrl: (port: number) => ["oauthRedirectUrl", port] as const,
  /** Prefix of everything read about TimeTracker NX project members. */
  members: ["members"],
  memberProjects: (serverId: number, text: string) => ["members", "projects", serverId, text] as const,
  membersView: (serverId: number, projectId: string) => ["members", "view", serverId, projectId] as const,
  /** Prefix of the user searches: an apply changes who is a member already. */
  memberUsers: ["members", "users"],
  memberUserSearch: (serverId: number, projectId: string, query: string, limit: number) =>
    ["members", "users", serverId, projectId, query, limit] as const,
  /** Seeding members: projects to copy from, a Jira project's roles, users to pick by hand. */
  memberSeedProjects: (serverId: number, text: string) => ["memberSeed", "projects", serverId, text] as const,
  memberSeedJiraRoles: (jiraServerId: number, jiraProject: string) => ["memberSeed", "jiraRoles", jiraServerId, jiraProject] as const,
  memberSeedUsers: (serverId: number, projectId: string, query: string) => ["memberSeed", "users", serverId, projectId, query] as const,
  /** The member audit log; every apply (an undo too) adds an entry. */
  memberAudit: ["memberAudit"],
  /** Undo plans are computed on the members as they are now: never cached. */
  memberUndoPlan: (auditId: number) => ["memberUndoPlan", auditId] as const,
} as const;
