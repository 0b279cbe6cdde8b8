/** Every React Query cache key lives here, so invalidation never misses a spelling. */
export const queryKeys = {
  status: ["status"],
  preferences: ["preferences"],
  doctor: ["doctor"],
  /** Prefix of everything registered: servers and connections (invalidate both at once). */
  workspace: ["workspace"],
  servers: ["workspace", "servers"],
  connections: ["workspace", "connections"],
} as const;
