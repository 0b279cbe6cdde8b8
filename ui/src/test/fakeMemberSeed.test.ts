import { describe, expect, it } from "vitest";
import { fixtures } from "./fakeBackend";
import { createMemberSeedState, memberCommandsOverSeed, memberSeedCommands, projectMembers } from "./fakeMemberSeed";

/**
 * The screenshot back end (tests/screenshots/fakeTauri.mjs) cannot run this fake, so it
 * answers from `shots` in the fixtures. These must stay what the fake computes, or the
 * screenshots would show data no test has seen.
 */
describe("screenshot answers of member seeding and the audit log", () => {
  const state = () => createMemberSeedState(fixtures.memberSeed, fixtures.audit);
  const shots = fixtures.memberSeed.shots;

  it("are what the fake computes for Web刷新", () => {
    const seed = memberSeedCommands(state());
    const target = projectMembers(state(), "p-web");
    expect(seed.members_copy_from_project({ serverId: 13, target, sourceProjectId: "p-app" })).toEqual(shots.copyProposal);
    expect(seed.members_jira_roles({ jiraServerId: 11, jiraProject: "WEB" })).toEqual(shots.jiraRoles);
    expect(seed.members_seed_from_jira_role({ serverId: 13, target, jiraServerId: 11, jiraProject: "WEB", roleId: "10002" })).toEqual(
      shots.jiraProposal,
    );
    expect(seed.members_import_csv({ serverId: 13, target, text: shots.importCsv, removeMissing: true })).toEqual(shots.importReport);
    expect(seed.members_export_csv({ serverId: 13, members: target })).toEqual(shots.exported);
    expect(seed.member_audit_export()).toEqual(fixtures.audit.shots.exported);
    expect(seed.members_undo_plan({ auditId: 3 })).toEqual(fixtures.audit.shots.undoPlan);
  });

  it("show a report with every kind of bad row, and an undo that applies cleanly", () => {
    const statuses = new Set(shots.importReport.rows.map((row) => row.status));
    for (const status of ["unknownUser", "ambiguous", "badNumber", "duplicate", "missingUser", "add", "update", "remove"]) {
      expect(statuses).toContain(status);
    }
    const world = state();
    const plan = fixtures.audit.shots.undoPlan;
    const applied = memberCommandsOverSeed(world).members_apply({ serverId: plan.serverId, base: plan.base, staged: plan.staged });
    expect(applied.outcome.outcome).toBe("applied");
  });
});
