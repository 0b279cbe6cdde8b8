/**
 * Runs INSIDE the page (page.addInitScript), after installFakeTauri: answers the member
 * commands from fixtures.members and hands every other command to the fake installed
 * before. It must be self-contained — no imports, no closures over this module.
 *
 * The project named in fixtures.members.concurrentChange is changed by "someone else"
 * right before its first apply, so that apply ends in the conflict view; projects apply
 * for real otherwise, with the users in failingUsers refused.
 *
 * @param {{ fixtures: any }} options
 */
export function installFakeMembers({ fixtures }) {
  const data = structuredClone(fixtures.members);
  const internals = window.__TAURI_INTERNALS__;
  const fallback = internals.invoke.bind(internals);
  const NOW = new Date().toISOString();
  let nextMemberId = 9000;
  let nextAuditId = 1;
  let concurrent = data.concurrentChange;

  // The big project, generated as the vitest fake does: a thousand members of their own.
  const big = { ...data.largeProject, members: [] };
  for (let index = 1; index <= data.largeProject.memberCount; index += 1) {
    const number = String(index).padStart(4, "0");
    data.users.push({ userId: `9${number}`, name: `Member ${number}`, login: `member${number}`, email: `member${number}@example.co.jp`, organization: `Team ${(index % 12) + 1}` });
    big.members.push({ memberId: `8${number}`, userId: `9${number}`, unitCost: index % 5 === 0 ? null : 3000 + (index % 40) * 50, memberSince: new Date(Date.UTC(2020, 0, 1) + index * 86_400_000).toISOString() });
  }
  data.projects.push(big);

  const project = (id) => {
    const found = data.projects.find((item) => item.summary.id === id);
    if (!found) throw { code: "NotFound", message: `Project ${id} does not exist (any more) on this server.` };
    return found;
  };
  const userOf = (userId) => data.users.find((item) => item.userId === userId);
  const snapshot = (id) => {
    const stored = project(id);
    return {
      project: { ...stored.summary },
      members: stored.members.map((member) => ({
        ...member,
        name: userOf(member.userId)?.name ?? `User ${member.userId}`,
        login: userOf(member.userId)?.login ?? null,
        organization: userOf(member.userId)?.organization ?? null,
      })),
      standardUnitCost: stored.standardUnitCost,
    };
  };
  const diff = (before, after) => {
    const old = new Map(before.map((member) => [member.userId, member]));
    const now = new Map(after.map((member) => [member.userId, member]));
    const state = (member) => ({ memberId: member.memberId, unitCost: member.unitCost });
    const delta = (member, was, is) => ({ userId: member.userId, name: member.name, login: member.login, before: was ? state(was) : null, after: is ? state(is) : null });
    const out = { adds: [], updates: [], removes: [] };
    for (const member of after) {
      const was = old.get(member.userId);
      if (!was) out.adds.push(delta(member, null, member));
      else if (was.memberId !== member.memberId || was.unitCost !== member.unitCost) out.updates.push(delta(member, was, member));
    }
    for (const member of before) if (!now.has(member.userId)) out.removes.push(delta(member, member, null));
    return out;
  };
  const expected = (base, staged) => [
    ...base.members
      .filter((member) => !staged.removes.includes(member.memberId))
      .map((member) => {
        const update = staged.updates.find((item) => item.memberId === member.memberId);
        return update ? { ...member, unitCost: update.unitCost } : member;
      }),
    ...staged.adds.map((add) => ({ memberId: "", userId: add.userId, name: add.name, login: null, organization: null, unitCost: add.unitCost, memberSince: null })),
  ];

  const commands = {
    members_projects: ({ text }) => {
      const needle = text.trim().toLowerCase();
      return data.projects
        .map((item) => item.summary)
        .filter((summary) => needle === "" || summary.name.toLowerCase().includes(needle) || (summary.code ?? "").toLowerCase().includes(needle));
    },
    members_load: ({ projectId }) => ({ members: snapshot(projectId), canManage: project(projectId).canManage, signedInAs: data.signedInAs }),
    members_search_users: ({ project: target, query, limit }) => {
      const needle = query.trim().toLowerCase();
      const found = data.users.filter((user) => !/^9\d{4}$/.test(user.userId)).filter(
        (user) => needle === "" || [user.name, user.email, user.organization].some((field) => field?.toLowerCase().includes(needle)),
      );
      return {
        users: found.slice(0, limit).map((user) => ({ ...user, memberId: target.members.find((member) => member.userId === user.userId)?.memberId ?? null })),
        hasMore: found.length > limit,
      };
    },
    members_preview: ({ base, staged }) => {
      const preview = diff(base.members, expected(base, staged));
      for (const add of preview.adds) add.after.memberId = null;
      return preview;
    },
    members_apply: ({ base, staged }) => {
      const stored = project(base.project.id);
      if (concurrent && concurrent.projectId === base.project.id) {
        stored.members = stored.members
          .filter((member) => !concurrent.removes.includes(member.memberId))
          .map((member) => ({ ...member, ...(concurrent.updates.find((update) => update.memberId === member.memberId) ?? {}) }))
          .concat(concurrent.adds);
        concurrent = null;
      }
      const current = snapshot(base.project.id);
      const changed = diff(base.members, current.members);
      if (changed.adds.length + changed.updates.length + changed.removes.length > 0) {
        return { outcome: { outcome: "conflict", changed, current }, auditId: null };
      }
      const failures = [];
      stored.members = stored.members
        .filter((member) => !staged.removes.includes(member.memberId))
        .map((member) => {
          const update = staged.updates.find((item) => item.memberId === member.memberId);
          return update ? { ...member, unitCost: update.unitCost } : member;
        });
      for (const add of staged.adds) {
        const refusal = data.failingUsers[add.userId];
        if (refusal) failures.push({ action: "add", userId: add.userId, memberId: null, name: add.name, message: refusal });
        else stored.members.push({ memberId: String(nextMemberId++), userId: add.userId, unitCost: add.unitCost, memberSince: NOW });
      }
      const after = snapshot(base.project.id);
      return {
        outcome: { outcome: "applied", project: after.project, changes: diff(base.members, after.members), failures, after, requests: 3 },
        auditId: nextAuditId++,
      };
    },
  };

  internals.invoke = async (cmd, args = {}) => {
    const command = commands[cmd];
    if (!command) return fallback(cmd, args);
    return structuredClone(await command(args));
  };
}
