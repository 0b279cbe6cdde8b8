import type { Server } from "../bindings";
import type {
  ApplyOutcome,
  Member,
  MemberDelta,
  MemberDiff,
  MemberFailure,
  MembersApplied,
  ProjectMembers,
  ProjectSummary,
  Staged,
  UserCandidate,
} from "../api/membersTypes";

interface StoredMember {
  memberId: string;
  userId: string;
  unitCost: number | null;
  memberSince: string | null;
}

interface DirectoryUser {
  userId: string;
  name: string;
  login: string | null;
  email: string | null;
  organization: string | null;
}

interface ProjectFixture {
  summary: ProjectSummary;
  standardUnitCost: number | null;
  canManage: boolean;
  members: StoredMember[];
}

/** `members` in tests/fixtures/ipc-fixtures.json. */
export interface MembersFixtures {
  signedInAs: string;
  users: DirectoryUser[];
  projects: ProjectFixture[];
  largeProject: Omit<ProjectFixture, "members"> & { memberCount: number };
  failingUsers: Record<string, string>;
}

/** The server's side of the member commands: tests change it to play "someone else". */
export interface MemberState {
  signedInAs: string;
  users: DirectoryUser[];
  projects: ProjectFixture[];
  failingUsers: Record<string, string>;
  nextMemberId: number;
  nextAuditId: number;
}

const NOW = "2026-03-02T09:00:00Z";

const validation = (field: string, message: string) => ({ code: "Validation", field, message });

/** A big project's members: users of their own, costs every which way, a default for some. */
function generated(count: number): { users: DirectoryUser[]; members: StoredMember[] } {
  const users: DirectoryUser[] = [];
  const members: StoredMember[] = [];
  for (let index = 1; index <= count; index += 1) {
    const number = String(index).padStart(4, "0");
    const userId = `9${number}`;
    users.push({
      userId,
      name: `Member ${number}`,
      login: `member${number}`,
      email: `member${number}@example.co.jp`,
      organization: `Team ${(index % 12) + 1}`,
    });
    members.push({
      memberId: `8${number}`,
      userId,
      unitCost: index % 5 === 0 ? null : 3000 + (index % 40) * 50,
      memberSince: new Date(Date.UTC(2020, 0, 1) + index * 86_400_000).toISOString(),
    });
  }
  return { users, members };
}

export function createMemberState(fixtures: MembersFixtures): MemberState {
  const large = generated(fixtures.largeProject.memberCount);
  const { memberCount: _count, ...largeProject } = fixtures.largeProject;
  return {
    signedInAs: fixtures.signedInAs,
    users: [...structuredClone(fixtures.users), ...large.users],
    projects: [...structuredClone(fixtures.projects), { ...largeProject, members: large.members }],
    failingUsers: { ...fixtures.failingUsers },
    nextMemberId: 9000,
    nextAuditId: 1,
  };
}

/** The back end's diff by user id (crates/core/src/members/diff.rs), written again here on purpose. */
function diffMembers(before: readonly Member[], after: readonly Member[]): MemberDiff {
  const old = new Map(before.map((member) => [member.userId, member]));
  const now = new Map(after.map((member) => [member.userId, member]));
  const state = (member: Member) => ({ memberId: member.memberId, unitCost: member.unitCost });
  const delta = (member: Member, was: Member | null, is: Member | null): MemberDelta => ({
    userId: member.userId,
    name: member.name,
    login: member.login,
    before: was ? state(was) : null,
    after: is ? state(is) : null,
  });
  const diff: MemberDiff = { adds: [], updates: [], removes: [] };
  for (const member of after) {
    const was = old.get(member.userId);
    if (!was) diff.adds.push(delta(member, null, member));
    else if (was.memberId !== member.memberId || was.unitCost !== member.unitCost) diff.updates.push(delta(member, was, member));
  }
  for (const member of before) if (!now.has(member.userId)) diff.removes.push(delta(member, member, null));
  return diff;
}

/** The member commands of the fake back end, answering as crates/core/src/members does. */
export function memberCommands(state: MemberState, servers: () => Server[]) {
  const ttnx = (serverId: number) => {
    const server = servers().find((item) => item.id === serverId);
    if (!server) throw { code: "NotFound", message: `No server with id ${serverId}.` };
    if (server.kind !== "timeTrackerNx") {
      throw validation("serverId", `${server.name} is not a TimeTracker NX server; choose one under Members.`);
    }
    return server;
  };
  const project = (projectId: string) => {
    const found = state.projects.find((item) => item.summary.id === projectId);
    if (!found) throw { code: "NotFound", message: `Project ${projectId} does not exist (any more) on this server.` };
    return found;
  };
  const user = (userId: string) => state.users.find((item) => item.userId === userId);
  const asMember = (stored: StoredMember): Member => {
    const person = user(stored.userId);
    return {
      ...stored,
      name: person?.name ?? `User ${stored.userId}`,
      login: person?.login ?? null,
      organization: person?.organization ?? null,
    };
  };
  const snapshot = (projectId: string): ProjectMembers => {
    const stored = project(projectId);
    return { project: { ...stored.summary }, members: stored.members.map(asMember), standardUnitCost: stored.standardUnitCost };
  };

  /** Staged::validate: the checks the preview and the apply run first. */
  const validate = (base: ProjectMembers, staged: Staged) => {
    const costOk = (cost: number | null) => cost === null || (Number.isFinite(cost) && cost >= 0);
    const seen = new Set<string>();
    for (const add of staged.adds) {
      if (!costOk(add.unitCost)) throw validation("unitCost", `A unit cost of ${add.unitCost} is not possible; enter 0 or more.`);
      if (base.members.some((member) => member.userId === add.userId)) {
        throw validation("userId", `${add.name} is already a member of this project; reload the members and stage the change again.`);
      }
      if (seen.has(add.userId)) throw validation("userId", `${add.name} is to be added twice; keep one add.`);
      seen.add(add.userId);
    }
    const touched = new Set<string>();
    for (const memberId of [...staged.updates.map((update) => update.memberId), ...staged.removes]) {
      if (!base.members.some((member) => member.memberId === memberId)) {
        throw validation("memberId", `Member ${memberId} is not in this project (any more). Reload the members and stage the change again.`);
      }
      if (touched.has(memberId)) throw validation("memberId", `Member ${memberId} is changed twice; keep one.`);
      touched.add(memberId);
    }
    for (const update of staged.updates) {
      if (!costOk(update.unitCost)) throw validation("unitCost", `A unit cost of ${update.unitCost} is not possible; enter 0 or more.`);
    }
  };

  const expected = (base: ProjectMembers, staged: Staged): Member[] => [
    ...base.members
      .filter((member) => !staged.removes.includes(member.memberId))
      .map((member) => {
        const update = staged.updates.find((candidate) => candidate.memberId === member.memberId);
        return update ? { ...member, unitCost: update.unitCost } : member;
      }),
    ...staged.adds.map((add) => ({ memberId: "", userId: add.userId, name: add.name, login: null, organization: null, unitCost: add.unitCost, memberSince: null })),
  ];

  return {
    members_projects: (args: unknown) => {
      const { serverId, text } = args as { serverId: number; text: string };
      ttnx(serverId);
      const needle = text.trim().toLowerCase();
      return state.projects
        .map((item) => item.summary)
        .filter((summary) => needle === "" || summary.name.toLowerCase().includes(needle) || (summary.code ?? "").toLowerCase().includes(needle));
    },
    members_load: (args: unknown) => {
      const { serverId, projectId } = args as { serverId: number; projectId: string };
      ttnx(serverId);
      return { members: snapshot(projectId), canManage: project(projectId).canManage, signedInAs: state.signedInAs };
    },
    members_search_users: (args: unknown) => {
      const { serverId, project: target, query, limit } = args as { serverId: number; project: ProjectMembers; query: string; limit: number };
      ttnx(serverId);
      if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw validation("limit", "Ask for 1 to 200 users at a time.");
      const needle = query.trim().toLowerCase();
      const found = state.users.filter(
        (item) => needle === "" || [item.name, item.email, item.organization].some((field) => field?.toLowerCase().includes(needle)),
      );
      const users: UserCandidate[] = found.slice(0, limit).map((item) => ({
        ...item,
        memberId: target.members.find((member) => member.userId === item.userId)?.memberId ?? null,
      }));
      return { users, hasMore: found.length > limit };
    },
    members_preview: (args: unknown) => {
      const { base, staged } = args as { base: ProjectMembers; staged: Staged };
      validate(base, staged);
      const preview = diffMembers(base.members, expected(base, staged));
      for (const add of preview.adds) if (add.after) add.after.memberId = null;
      return preview;
    },
    members_apply: (args: unknown): MembersApplied => {
      const { serverId, base, staged } = args as { serverId: number; base: ProjectMembers; staged: Staged };
      ttnx(serverId);
      const stored = project(base.project.id);
      if (!stored.canManage) {
        throw { code: "Forbidden", permission: "Manage Project", message: `${state.signedInAs} may not manage ${stored.summary.name}.` };
      }
      const current = snapshot(base.project.id);
      const changed = diffMembers(base.members, current.members);
      if (changed.adds.length + changed.updates.length + changed.removes.length > 0) {
        return { outcome: { outcome: "conflict", changed, current }, auditId: null };
      }
      validate(base, staged);
      const failures: MemberFailure[] = [];
      stored.members = stored.members
        .filter((member) => !staged.removes.includes(member.memberId))
        .map((member) => {
          const update = staged.updates.find((candidate) => candidate.memberId === member.memberId);
          return update ? { ...member, unitCost: update.unitCost } : member;
        });
      for (const add of staged.adds) {
        const refusal = state.failingUsers[add.userId];
        if (refusal) {
          failures.push({ action: "add", userId: add.userId, memberId: null, name: add.name, message: refusal });
          continue;
        }
        stored.members.push({ memberId: String(state.nextMemberId++), userId: add.userId, unitCost: add.unitCost, memberSince: NOW });
      }
      const after = snapshot(base.project.id);
      const outcome: ApplyOutcome = {
        outcome: "applied",
        project: after.project,
        changes: diffMembers(base.members, after.members),
        failures,
        after,
        requests: 3,
      };
      return { outcome, auditId: state.nextAuditId++ };
    },
  } satisfies Record<string, (args: unknown) => unknown>;
}
