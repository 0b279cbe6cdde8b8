import { z } from "zod";
import type { AppError, KindInfo } from "../../bindings";
import { isAppError } from "../../api/errors";
import { addDays, isIsoDate } from "./dates";

/**
 * What can be wrong with one form field. Schemas report these codes as their messages;
 * FieldErrorText turns them into a sentence in the UI language, with the numbers the
 * sentence needs. "rejected" is the back end's Validation error for that field.
 */
export type FieldProblem =
  | { code: "required" | "email" | "tooLong" | "dateFormat" | "datePast" | "port" }
  | { code: "dateTooLate"; max: string; days: number }
  | { code: "rejected"; detail: string };

export type FieldErrors<Field extends string> = Partial<Record<Field, FieldProblem>>;

export const LABEL_MAX = 120;
export const DEFAULT_REDIRECT_PORT = 47813;

const label = z.string().trim().min(1, "required").max(LABEL_MAX, "tooLong");

function login(info: KindInfo) {
  if (info.login === "none") return z.string();
  const filled = z.string().trim().min(1, "required");
  return info.login === "email" ? filled.pipe(z.email("email")) : filled;
}

/** The limits an expiry date must keep, for a kind, counted from `today`. */
export interface ExpiryRules {
  today: string;
  /** The vendor always sets an expiry for this kind. */
  required: boolean;
  /** The latest date the vendor allows, and the rule in days. */
  max: { date: string; days: number } | null;
}

export function expiryRules(info: KindInfo | undefined, today: string): ExpiryRules {
  const maxDays = info?.maxExpiryDays ?? null;
  return {
    today,
    required: info !== undefined && (info.defaultExpiryDays !== null || maxDays !== null),
    max: maxDays === null ? null : { date: addDays(today, maxDays), days: maxDays },
  };
}

/** What the expiry field starts with: the vendor's default lifetime, or nothing. */
export function defaultExpiry(info: KindInfo | undefined, today: string): string {
  const days = info?.defaultExpiryDays ?? null;
  return days === null ? "" : addDays(today, days);
}

function expiresAt(rules: ExpiryRules, allowEmpty: boolean) {
  return z.string().superRefine((value, ctx) => {
    if (value === "") {
      if (rules.required && !allowEmpty) ctx.addIssue({ code: "custom", message: "required" });
      return;
    }
    if (!isIsoDate(value)) ctx.addIssue({ code: "custom", message: "dateFormat" });
    else if (value < rules.today) ctx.addIssue({ code: "custom", message: "datePast" });
    else if (rules.max && value > rules.max.date) ctx.addIssue({ code: "custom", message: "dateTooLate" });
  });
}

const secret = z.string().refine((value) => value.trim() !== "", "required");

/** A credential with a secret typed in (every kind but OAuth). */
export function tokenSchema(info: KindInfo, rules: ExpiryRules) {
  return z.object({ label, login: login(info), secret, expiresAt: expiresAt(rules, false) });
}

/**
 * Editing what is not secret. The date is checked only when it was changed: renaming a
 * credential that has already expired must not fail on its (past) expiry date.
 */
export function editSchema(info: KindInfo | undefined, rules: ExpiryRules, dateChanged: boolean) {
  return z.object({
    label,
    login: info ? login(info) : z.string(),
    expiresAt: dateChanged ? expiresAt(rules, false) : z.string(),
  });
}

/** A new secret, and optionally a new expiry date (empty keeps the current one). */
export function rotateSchema(rules: ExpiryRules) {
  return z.object({ secret, expiresAt: expiresAt(rules, true) });
}

export const oauthSchema = z.object({
  label,
  clientId: z.string().trim().min(1, "required"),
  redirectPort: z.number("port").int("port").min(1024, "port").max(65535, "port"),
});

/** One secret per imported credential that needs one. */
export const importSecretSchema = secret;

/** Zod's issues as one problem per field (the first), in the codes above. */
export function problemsOf<Field extends string>(
  error: z.ZodError,
  rules?: ExpiryRules,
): FieldErrors<Field> {
  const problems: FieldErrors<Field> = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    if (typeof field !== "string" || field in problems) continue;
    const code = issue.message;
    const problem: FieldProblem =
      code === "dateTooLate" && rules?.max
        ? { code, max: rules.max.date, days: rules.max.days }
        : { code: (KNOWN_CODES.has(code) ? code : "required") as "required" };
    problems[field as Field] = problem;
  }
  return problems;
}

const KNOWN_CODES: ReadonlySet<string> = new Set(["required", "email", "tooLong", "dateFormat", "datePast", "port"]);

/** "expires_at", "expiresAt", "input.expiresAt" → "expiresat", to match any spelling. */
const normalise = (name: string) => (name.split(".").pop() ?? name).replace(/[_-]/g, "").toLowerCase();

/**
 * The back end's Validation error, put on the form field it names, when the form has
 * that field. Returns null for anything else, which the form shows as a general alert.
 */
export function fieldProblemFromError<Field extends string>(
  error: unknown,
  fields: readonly Field[],
): FieldErrors<Field> | null {
  if (!isAppError(error) || error.code !== "Validation") return null;
  const validation = error as Extract<AppError, { code: "Validation" }>;
  const field = fields.find((candidate) => normalise(candidate) === normalise(validation.field));
  if (!field) return null;
  return { [field]: { code: "rejected", detail: validation.message } } as FieldErrors<Field>;
}
