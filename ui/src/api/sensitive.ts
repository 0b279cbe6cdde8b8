/**
 * A secret the user typed (a token, a password, an OAuth client secret) on its way to the
 * back end. Mutations carry it in their variables, and React Query keeps variables in its
 * mutation cache; wrapped like this, the value lives in a private field that no cache
 * walk, devtools view, JSON.stringify or template string can reach. Only the command call
 * itself unwraps it. The counterpart of `kakehashi_secrets::Sensitive` on the Rust side.
 */
export class Sensitive {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The secret itself: call only where it is handed to a command. */
  reveal(): string {
    return this.#value;
  }

  toJSON(): string {
    return "[redacted]";
  }

  toString(): string {
    return "[redacted]";
  }
}
