import { screen, within } from "@testing-library/react";

/** A promise the test settles by hand, for commands that wait (the OAuth browser round trip). */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  return { promise, resolve, reject };
}

/** The open dialog (there is only ever one). */
export async function findDialog(): Promise<HTMLElement> {
  return screen.findByRole("dialog");
}

/** The table row whose row header starts with `label`. */
export function rowFor(label: string): HTMLElement {
  const row = screen
    .getAllByTestId("credential-row")
    .find((candidate) => within(candidate).getByRole("rowheader").textContent?.startsWith(label));
  if (!row) throw new Error(`no credential row for ${label}`);
  return row;
}

/** Every string reachable from `value` through plain properties (cycles skipped). */
export function stringsIn(value: unknown, seen = new Set<unknown>()): string[] {
  if (typeof value === "string") return [value];
  if (typeof value !== "object" || value === null || seen.has(value)) return [];
  seen.add(value);
  return Object.values(value).flatMap((child) => stringsIn(child, seen));
}

/**
 * The field is marked invalid and its problem is read out with it (Mantine links the
 * error text through aria-describedby, after any description).
 */
export function expectFieldError(field: HTMLElement, text: string | RegExp): void {
  if (!(field.getAttribute("aria-invalid") === "true")) {
    throw new Error(`expected ${field.outerHTML.slice(0, 120)} to be aria-invalid`);
  }
  const description = field.getAttribute("aria-describedby") ?? "";
  const read = description
    .split(/\s+/)
    .map((id) => document.getElementById(id)?.textContent ?? "")
    .join(" ");
  if (typeof text === "string" ? !read.includes(text) : !text.test(read)) {
    throw new Error(`expected the field's description "${read}" to contain ${String(text)}`);
  }
}
