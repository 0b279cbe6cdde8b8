import type { AppError } from "../bindings";

/** What every generated command resolves to (tauri-specta's typed-error wrapper). */
export type CommandResult<T> = { status: "ok"; data: T } | { status: "error"; error: AppError };

/**
 * Turns a generated command's result into a plain value, throwing the `AppError` on
 * failure. React Query only sees failures that are thrown, so every query and mutation
 * wraps its command call in this.
 */
export async function unwrap<T>(call: Promise<CommandResult<T>>): Promise<T> {
  const result = await call;
  if (result.status === "error") {
    // Thrown as the plain AppError object (not wrapped in Error) so that errorMessage()
    // can switch on its `code` and read its typed fields.
    throw result.error;
  }
  return result.data;
}
