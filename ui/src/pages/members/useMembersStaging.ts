import { useCallback, useState } from "react";
import type { Staged, UserCandidate } from "../../api/membersTypes";
import { emptyStaged, stagedCount } from "./staging";

/**
 * The edits staged on the open project, and what the user search said about people
 * picked to be added (a staged add carries only a name; the table also shows their login
 * and organisation). Held by the screen, so switching project can ask before it drops them.
 */
export function useMembersStaging() {
  const [staged, setStaged] = useState<Staged>(emptyStaged);
  const [known, setKnown] = useState<ReadonlyMap<string, UserCandidate>>(() => new Map());
  const remember = useCallback((users: readonly UserCandidate[]) => {
    setKnown((previous) => new Map([...previous, ...users.map((user) => [user.userId, user] as const)]));
  }, []);
  const reset = useCallback(() => setStaged(emptyStaged()), []);
  return { staged, setStaged, known, remember, reset, count: stagedCount(staged) };
}

export type MembersStaging = ReturnType<typeof useMembersStaging>;
