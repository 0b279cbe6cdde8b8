/** Every React Query cache key lives here, so invalidation never misses a spelling. */
export const queryKeys = {
  status: ["status"],
  preferences: ["preferences"],
  doctor: ["doctor"],
} as const;
