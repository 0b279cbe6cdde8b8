import { describe, expect, it } from "vitest";
import type { Credential, Server } from "../../../bindings";
import { fixtures } from "../../../test/fakeBackend";
import { connectionSide, effectiveChoice, initialWizardState, wizardReducer, type SideState } from "./wizardState";

const servers = fixtures.registry.servers;
const credentials: Credential[] = fixtures.registry.credentials;
const server = (id: number): Server => {
  const found = servers.find((item) => item.id === id);
  if (!found) throw new Error(`no server ${id}`);
  return found;
};
const sideWith = (id: number, credential: SideState["credential"] = null): SideState => ({ server: server(id), credential });

describe("the credential a side signs in with", () => {
  it("defaults to the service credential, stored as null so it follows a replacement", () => {
    expect(effectiveChoice(sideWith(13), credentials)).toEqual({ type: "service" });
    expect(connectionSide(sideWith(13), credentials)).toEqual({ serverId: 13, credentialId: null });
  });

  it("makes the user choose when the server has credentials but no service one", () => {
    // Asana (marketing) has one OAuth credential, not the service one.
    expect(effectiveChoice(sideWith(14), credentials)).toBeNull();
    expect(connectionSide(sideWith(14), credentials)).toBeNull();
    expect(connectionSide(sideWith(14, { type: "credential", id: 24 }), credentials)).toEqual({ serverId: 14, credentialId: 24 });
  });

  it("goes straight to creating one when the server has none, and is incomplete until it exists", () => {
    const fresh = sideWith(13);
    expect(effectiveChoice(fresh, [])).toEqual({ type: "new" });
    expect(connectionSide(fresh, [])).toBeNull();
  });

  it("refuses a credential of another server, or a service credential the server lacks", () => {
    expect(connectionSide(sideWith(13, { type: "credential", id: 21 }), credentials)).toBeNull();
    expect(connectionSide(sideWith(14, { type: "service" }), credentials)).toBeNull();
  });
});

describe("wizardReducer", () => {
  it("forgets a side's credential when its server changes", () => {
    let state = wizardReducer(initialWizardState("jiraTtnx"), { type: "setServer", side: "right", server: server(13) });
    state = wizardReducer(state, { type: "setCredential", side: "right", choice: { type: "credential", id: 26 } });
    expect(state.right.credential).toEqual({ type: "credential", id: 26 });
    state = wizardReducer(state, { type: "setServer", side: "right", server: { ...server(13), id: 99 } });
    expect(state.right.credential).toBeNull();
  });

  it("starts afresh when another pair is chosen, and keeps everything when the same one is", () => {
    const chosen = wizardReducer(initialWizardState("jiraTtnx"), { type: "setServer", side: "left", server: server(12) });
    expect(wizardReducer(chosen, { type: "choosePair", pair: "jiraTtnx" })).toBe(chosen);
    const other = wizardReducer(chosen, { type: "choosePair", pair: "asanaJira" });
    expect(other.type).toBe("asanaJira");
    expect(other.left.server).toBeNull();
  });

  it("stays on Done once the connection is saved", () => {
    const connection = { id: 1, name: "x", left: { serverId: 12, credentialId: null }, right: { serverId: 13, credentialId: null }, direction: "both" as const, createdAt: "" };
    const done = wizardReducer(initialWizardState("jiraTtnx"), { type: "created", connection });
    expect(done.step).toBe(5);
    expect(wizardReducer(done, { type: "goTo", step: 1 })).toBe(done);
  });
});
