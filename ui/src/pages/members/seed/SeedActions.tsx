import type { ProjectMembers, Staged } from "../../../api/membersTypes";

export interface SeedActionsProps {
  serverId: number;
  project: ProjectMembers;
  canManage: boolean;
  /** Hands seeded or imported edits to the Members screen's staging. */
  onStage: (staged: Staged) => void;
}

/**
 * The Members toolbar's slot for copy-from-project, Jira-role seeding and CSV import and
 * export. UI-SEED owns this file and replaces it; until then the slot renders nothing.
 */
export function SeedActions(_props: SeedActionsProps) {
  return null;
}
