import type {
  AuditEntry,
  ExportedFile,
  ImportReport,
  JiraRole,
  MatchedBy,
  Member,
  MemberDelta,
  MemberDiff,
  MembersApplied,
  ProjectMembers,
  ProjectSummary,
  SeedCandidate,
  SeedProposal,
  Staged,
  UndoProposal,
  UserCandidate,
  UserMatches,
} from "../api/membersTypes";
import { planCsvImport } from "./fakeMemberCsv";

export interface DirectoryUser {
  userId: string;
  name: string;
  login: string | null;
  email: string | null;
  organization: string | null;
}

interface StoredMember {
  memberId: string;
  userId: string;
  unitCost: number | null;
  memberSince: string | null;
}

interface JiraActor {
  name: string;
  login: string | null;
  email: string | null;
}

/** `memberSeed` in tests/fixtures/ipc-fixtures.json. */
export interface MemberSeedFixtures {
  serverId: number;
  standardUnitCost: number | null;
  downloads: string;
  users: DirectoryUser[];
  projects: { summary: ProjectSummary; members: StoredMember[] }[];
  jira: Record<string, { roles: JiraRole[]; actors: Record<string, JiraActor[]> }>;
  /** What the screenshot back end answers (it cannot run this fake); a test keeps them equal. */
  shots: {
    copyProposal: SeedProposal;
    jiraRoles: JiraRole[];
    jiraProposal: SeedProposal;
    importCsv: string;
    importReport: ImportReport;
    exported: ExportedFile;
  };
}

/** `audit` in tests/fixtures/ipc-fixtures.json. */
export interface AuditFixtures {
  entries: AuditEntry[];
  shots: { exported: ExportedFile; undoPlan: UndoProposal };
}

/** The TimeTracker NX server as the fake holds it: an apply changes it and logs an entry. */
export interface MemberSeedState {
  fixtures: MemberSeedFixtures;
  projects: { summary: ProjectSummary; members: StoredMember[] }[];
  audit: AuditEntry[];
}

const NOW = "2026-03-02T09:00:00Z";

export function createMemberSeedState(fixtures: MemberSeedFixtures, audit: AuditFixtures): MemberSeedState {
  return { fixtures, projects: structuredClone(fixtures.projects), audit: structuredClone(audit.entries) };
}

const notFound = (message: string): never => {
  throw { code: "NotFound", message };
};

function userOf(state: MemberSeedState, userId: string): DirectoryUser {
  return state.fixtures.users.find((user) => user.userId === userId) ?? notFound(`No user ${userId}.`);
}

function storedProject(state: MemberSeedState, projectId: string) {
  return state.projects.find((item) => item.summary.id === projectId) ?? notFound(`No project ${projectId}.`);
}

/** A project with its members as members_load answers it. */
export function projectMembers(state: MemberSeedState, projectId: string): ProjectMembers {
  const stored = storedProject(state, projectId);
  return {
    project: stored.summary,
    standardUnitCost: state.fixtures.standardUnitCost,
    members: stored.members.map((member): Member => {
      const user = userOf(state, member.userId);
      return { ...member, name: user.name, login: user.login, organization: user.organization };
    }),
  };
}

function candidate(user: DirectoryUser, target: ProjectMembers): UserCandidate {
  return { ...user, memberId: target.members.find((member) => member.userId === user.userId)?.memberId ?? null };
}

/** Before → after per user, as core's diff keys it (by user id). */
export function diffMembers(before: Member[], after: Member[]): MemberDiff {
  const delta = (member: Member, from: Member | undefined, to: Member | undefined): MemberDelta => ({
    userId: member.userId,
    name: member.name,
    login: member.login,
    before: from ? { memberId: from.memberId, unitCost: from.unitCost } : null,
    after: to ? { memberId: to.memberId, unitCost: to.unitCost } : null,
  });
  const find = (list: Member[], userId: string) => list.find((member) => member.userId === userId);
  return {
    adds: after.filter((member) => !find(before, member.userId)).map((member) => delta(member, undefined, member)),
    updates: after
      .filter((member) => {
        const old = find(before, member.userId);
        return old !== undefined && old.unitCost !== member.unitCost;
      })
      .map((member) => delta(member, find(before, member.userId), member)),
    removes: before.filter((member) => !find(after, member.userId)).map((member) => delta(member, member, undefined)),
  };
}

const diffIsEmpty = (diff: MemberDiff) => diff.adds.length + diff.updates.length + diff.removes.length === 0;

/** The members once `staged` is applied (new member ids for adds), or a Validation error. */
function applyStaged(state: MemberSeedState, base: ProjectMembers, staged: Staged): Member[] {
  const removes = new Set(staged.removes);
  const members = base.members
    .filter((member) => !removes.has(member.memberId))
    .map((member) => {
      const update = staged.updates.find((item) => item.memberId === member.memberId);
      return update ? { ...member, unitCost: update.unitCost } : member;
    });
  for (const add of staged.adds) {
    if (members.some((member) => member.userId === add.userId)) {
      throw { code: "Validation", field: "adds", message: `${add.name} is a member already.` };
    }
    const user = userOf(state, add.userId);
    members.push({
      memberId: `m-${base.project.id.slice(2)}-${add.userId.slice(2)}-${state.audit.length + 1}`,
      userId: add.userId,
      name: user.name,
      login: user.login,
      organization: user.organization,
      unitCost: add.unitCost,
      memberSince: NOW,
    });
  }
  return members;
}

/** Normalised for matching by name: trimmed, single spaces, case-insensitive. */
const normalName = (name: string) => name.trim().replace(/\s+/g, " ").toLowerCase();
const same = (a: string | null, b: string | null) => a !== null && b !== null && a.toLowerCase() === b.toLowerCase();

/** As core matches: the first rule finding exactly one user wins; else the first finding several gives the alternatives. */
function matchActor(state: MemberSeedState, target: ProjectMembers, actor: JiraActor): SeedCandidate {
  const users = state.fixtures.users;
  const rules: [MatchedBy, DirectoryUser[]][] = [];
  if (actor.email) rules.push(["email", users.filter((user) => same(user.email, actor.email))]);
  if (actor.login) rules.push(["login", users.filter((user) => same(user.login, actor.login))]);
  if (normalName(actor.name) !== "") rules.push(["name", users.filter((user) => normalName(user.name) === normalName(actor.name))]);
  const unique = rules.find(([, found]) => found.length === 1);
  const single = unique ? candidate(unique[1][0] as DirectoryUser, target) : null;
  const several = unique ? [] : (rules.find(([, found]) => found.length > 1)?.[1] ?? []);
  return {
    sourceName: actor.name,
    sourceLogin: actor.login,
    sourceEmail: actor.email,
    unitCost: null,
    user: single,
    matchedBy: unique ? unique[0] : null,
    alternatives: several.map((user) => candidate(user, target)),
    alreadyMember: single?.memberId != null,
  };
}

function jiraProject(state: MemberSeedState, key: string) {
  return (
    state.fixtures.jira[key.trim().toUpperCase()] ??
    notFound(`Jira has no project with the key ${key}, or the service credential cannot see it. Check the key in Jira's project settings.`)
  );
}

/** Where an export goes: Downloads, named after what it holds. */
const exportPath = (state: MemberSeedState, name: string) => `${state.fixtures.downloads}/${name}`;

/** The member-seeding, CSV and audit commands of the fake back end. */
export function memberSeedCommands(state: MemberSeedState) {
  return {
    members_copy_from_project: (args: unknown): SeedProposal => {
      const { target, sourceProjectId } = args as { target: ProjectMembers; sourceProjectId: string };
      const source = projectMembers(state, sourceProjectId);
      return {
        source: source.project.code ? `${source.project.code} – ${source.project.name}` : source.project.name,
        candidates: source.members.map((member) => {
          const user = candidate(userOf(state, member.userId), target);
          return {
            sourceName: member.name,
            sourceLogin: member.login,
            sourceEmail: user.email,
            unitCost: member.unitCost,
            user,
            matchedBy: "sameUser",
            alternatives: [],
            alreadyMember: user.memberId !== null,
          };
        }),
      };
    },
    members_jira_roles: (args: unknown) => jiraProject(state, (args as { jiraProject: string }).jiraProject).roles,
    members_seed_from_jira_role: (args: unknown): SeedProposal => {
      const { target, jiraProject: key, roleId } = args as { target: ProjectMembers; jiraProject: string; roleId: string };
      const project = jiraProject(state, key);
      const role = project.roles.find((item) => item.id === roleId) ?? notFound(`The project ${key} has no role ${roleId}.`);
      return {
        source: `${key.trim().toUpperCase()} · ${role.name}`,
        candidates: (project.actors[roleId] ?? []).map((actor) => matchActor(state, target, actor)),
      };
    },
    members_import_csv: (args: unknown): ImportReport => {
      const { target, text, removeMissing } = args as { target: ProjectMembers; text: string; removeMissing: boolean };
      return planCsvImport(target, state.fixtures.users, text, removeMissing);
    },
    members_export_csv: (args: unknown) => {
      const { members } = args as { members: ProjectMembers };
      const name = members.project.code ?? members.project.id;
      return { path: exportPath(state, `kakehashi-members-${name}-2026-03-02.csv`), rows: members.members.length };
    },
    member_audit_list: () => state.audit,
    member_audit_export: () => ({ path: exportPath(state, "kakehashi-member-audit-2026-03-02.csv"), rows: state.audit.length }),
    members_undo_plan: (args: unknown): UndoProposal => {
      const { auditId } = args as { auditId: number };
      const entry =
        state.audit.find((item) => item.id === auditId) ?? notFound(`Audit entry ${auditId} does not exist; reload the activity list.`);
      const base = projectMembers(state, entry.projectId);
      const memberNow = (delta: MemberDelta) =>
        base.members.find((member) => member.userId === delta.userId)?.memberId ??
        (() => {
          throw {
            code: "Validation",
            field: "auditId",
            message:
              `${delta.name} is no longer a member of the project, so apply ${auditId} cannot be undone as a whole; ` +
              "reload the members and change them by hand.",
          };
        })();
      const staged: Staged = {
        adds: entry.changes.removes.map((delta) => ({ userId: delta.userId, name: delta.name, unitCost: delta.before?.unitCost ?? null })),
        updates: entry.changes.updates.map((delta) => ({ memberId: memberNow(delta), unitCost: delta.before?.unitCost ?? null })),
        removes: entry.changes.adds.map(memberNow),
      };
      return { serverId: entry.serverId, base, staged, preview: diffMembers(base.members, applyStaged(state, base, staged)) };
    },
  } satisfies Record<string, (args: unknown) => unknown>;
}

/**
 * Project search, user search and apply over the same state as the seeding and audit
 * commands, so that a seed finds its projects and users, and an undo is applied and
 * logged. The Members screen's fake answers these for the rest of the app; tests of
 * seeding and undo pass these as IPC overrides.
 */
export function memberCommandsOverSeed(state: MemberSeedState) {
  return {
    members_projects: (args: unknown) => {
      const { text } = args as { serverId: number; text: string };
      const needle = text.trim().toLowerCase();
      return state.projects
        .map((item) => item.summary)
        .filter((summary) => `${summary.code ?? ""} ${summary.name}`.toLowerCase().includes(needle));
    },
    members_search_users: (args: unknown): UserMatches => {
      const { project, query, limit } = args as { project: ProjectMembers; query: string; limit: number };
      const needle = query.trim().toLowerCase();
      const found = state.fixtures.users.filter((user) =>
        [user.name, user.email, user.organization].some((field) => field?.toLowerCase().includes(needle)),
      );
      return { users: found.slice(0, limit).map((user) => candidate(user, project)), hasMore: found.length > limit };
    },
    members_apply: (args: unknown): MembersApplied => {
      const { serverId, base, staged } = args as { serverId: number; base: ProjectMembers; staged: Staged };
      const current = projectMembers(state, base.project.id);
      const changed = diffMembers(base.members, current.members);
      if (!diffIsEmpty(changed)) return { outcome: { outcome: "conflict", changed, current }, auditId: null };
      const after = applyStaged(state, current, staged);
      storedProject(state, base.project.id).members = after.map(({ memberId, userId, unitCost, memberSince }) => ({
        memberId,
        userId,
        unitCost,
        memberSince,
      }));
      const changes = diffMembers(current.members, after);
      const auditId = Math.max(0, ...state.audit.map((entry) => entry.id)) + 1;
      state.audit = [
        {
          id: auditId,
          appliedAt: NOW,
          osUser: "aiko",
          ttnxUser: "tanaka.aiko",
          serverId,
          projectId: base.project.id,
          projectName: base.project.name,
          changes,
          failures: [],
        },
        ...state.audit,
      ];
      return {
        outcome: {
          outcome: "applied",
          project: base.project,
          changes,
          failures: [],
          after: projectMembers(state, base.project.id),
          requests: 3,
        },
        auditId,
      };
    },
  } satisfies Record<string, (args: unknown) => unknown>;
}

/** Filled in once the app is rendered: the back end whose state the overrides use. */
export interface SeedBackendHolder {
  backend?: { memberSeed: MemberSeedState };
}

/** memberCommandsOverSeed as renderApp's `ipc` overrides, bound to the backend once it exists. */
export function seedOverrides(holder: SeedBackendHolder): Record<string, (args: unknown) => unknown> {
  const bound = (name: keyof ReturnType<typeof memberCommandsOverSeed>) => (args: unknown) => {
    if (!holder.backend) throw new Error("seedOverrides: the back end is not rendered yet");
    return memberCommandsOverSeed(holder.backend.memberSeed)[name](args);
  };
  return {
    members_projects: bound("members_projects"),
    members_search_users: bound("members_search_users"),
    members_apply: bound("members_apply"),
  };
}
