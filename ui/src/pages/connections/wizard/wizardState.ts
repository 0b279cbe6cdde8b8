import type { Credential, Direction, Server } from "../../../bindings";
import type { Connection, ConnectionSide, Side } from "../../../bindings";
import { PAIRS, type WizardType } from "./wizardKinds";

export const STEPS = ["pair", "servers", "credentials", "test", "name", "done"] as const;
export type StepId = (typeof STEPS)[number];
export const stepIndex = (step: StepId) => STEPS.indexOf(step);

/** Which credential a side signs in with; "service" follows the server's service credential. */
export type CredentialChoice = { type: "service" } | { type: "credential"; id: number } | { type: "new" };

export interface SideState {
  server: Server | null;
  /** Null until the user chose; the default then comes from the server's credentials. */
  credential: CredentialChoice | null;
}

export interface WizardState {
  type: WizardType;
  step: number;
  left: SideState;
  right: SideState;
  /** Null until the user edits it; the suggestion is built from the server names. */
  name: string | null;
  direction: Direction;
  connection: Connection | null;
}

export type WizardAction =
  | { type: "choosePair"; pair: WizardType }
  | { type: "goTo"; step: number }
  | { type: "setServer"; side: Side; server: Server | null }
  | { type: "setCredential"; side: Side; choice: CredentialChoice }
  | { type: "setName"; name: string }
  | { type: "setDirection"; direction: Direction }
  | { type: "created"; connection: Connection };

const emptySide: SideState = { server: null, credential: null };

export function initialWizardState(type: WizardType): WizardState {
  return { type, step: 0, left: emptySide, right: emptySide, name: null, direction: "both", connection: null };
}

export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  switch (action.type) {
    case "choosePair":
      // Another pair needs other products on each side: what was chosen no longer fits.
      return action.pair === state.type ? state : { ...initialWizardState(action.pair), step: state.step };
    case "goTo":
      // Once saved, the connection is what it is: the wizard only shows that it is done.
      return state.connection ? state : { ...state, step: action.step };
    case "setServer":
      // A new server has other credentials: the choice made for the old one is void.
      return { ...state, [action.side]: { server: action.server, credential: null } };
    case "setCredential":
      return { ...state, [action.side]: { ...state[action.side], credential: action.choice } };
    case "setName":
      return { ...state, name: action.name };
    case "setDirection":
      return { ...state, direction: action.direction };
    case "created":
      return { ...state, connection: action.connection, step: stepIndex("done") };
  }
}

export const productsOf = (state: WizardState) => PAIRS[state.type];

/** The choice in effect: the user's, or the server's service credential when it has one. */
export function effectiveChoice(side: SideState, credentials: readonly Credential[]): CredentialChoice | null {
  if (side.credential) return side.credential;
  if (!side.server) return null;
  const serverId = side.server.id;
  const own = credentials.filter((item) => item.serverId === serverId);
  if (own.some((item) => item.isService)) return { type: "service" };
  // Nothing to pick from: creating one is the only way on.
  return own.length === 0 ? { type: "new" } : null;
}

/** The side as a connection stores it, or null while it is not complete. */
export function connectionSide(side: SideState, credentials: readonly Credential[]): ConnectionSide | null {
  const choice = effectiveChoice(side, credentials);
  if (!side.server || !choice) return null;
  const serverId = side.server.id;
  if (choice.type === "service") {
    return credentials.some((item) => item.serverId === serverId && item.isService) ? { serverId, credentialId: null } : null;
  }
  if (choice.type === "credential") {
    return credentials.some((item) => item.id === choice.id && item.serverId === serverId) ? { serverId, credentialId: choice.id } : null;
  }
  return null;
}
