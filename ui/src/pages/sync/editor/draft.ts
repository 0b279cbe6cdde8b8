import { z } from "zod";
import type { FieldMapping, ProfileDraft, Schedule, SyncProfile } from "../../../api/syncTypes";
import { isAppError } from "../../../api/errors";

/**
 * The editor's state: a ProfileDraft whose inputs may still be half-filled (no
 * connection yet, a number being typed), with every schedule kind's values kept so that
 * switching between them loses nothing.
 */
export interface EditorValues {
  id: number | null;
  name: string;
  connectionId: number | null;
  jiraProject: string;
  ttnxProjectId: string;
  ttnxFolderId: string;
  groupBy: "version" | "sprint";
  boardId: string;
  items: boolean;
  worklogs: boolean;
  fields: FieldMapping[];
  valueMaps: ProfileDraft["valueMaps"];
  userMap: ProfileDraft["userMap"];
  conflictPolicy: ProfileDraft["conflictPolicy"];
  deletion: ProfileDraft["deletion"];
  scheduleKind: Schedule["kind"];
  everyMinutes: number | string;
  days: number[];
  from: string;
  to: string;
  timeZone: string;
  businessEveryMinutes: number | string;
  thresholdPercent: number | string;
}

/** The inputs a problem can be shown on; backend Validation `field`s use the same names. */
export type EditorField =
  | "name"
  | "connectionId"
  | "scope.jiraProject"
  | "scope.ttnxProjectId"
  | "scope.ttnxFolderId"
  | "scope.boardId"
  | "entities"
  | "schedule.minutes"
  | "schedule.days"
  | "schedule.from"
  | "schedule.to"
  | "schedule.timeZone"
  | "schedule.everyMinutes"
  | "thresholdPercent";

/** A problem code (translated by the editor), or the back end's own sentence. */
export type FieldProblem = { code: "required" | "tooLong" | "minutes" | "threshold" | "days" | "time" | "timeOrder" | "entities" } | { code: "rejected"; detail: string };
export type EditorErrors = Partial<Record<EditorField, FieldProblem>>;

export const NAME_MAX = 80;
export const MIN_MINUTES = 5;
export const DEFAULT_THRESHOLD = 20;

const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

export function newValues(fields: FieldMapping[]): EditorValues {
  return {
    id: null,
    name: "",
    connectionId: null,
    jiraProject: "",
    ttnxProjectId: "",
    ttnxFolderId: "",
    groupBy: "version",
    boardId: "",
    items: true,
    worklogs: false,
    fields,
    valueMaps: { status: [], itemType: [], priority: [] },
    userMap: [],
    conflictPolicy: "newestWins",
    deletion: "ignore",
    scheduleKind: "off",
    everyMinutes: 15,
    days: [1, 2, 3, 4, 5],
    from: "09:00",
    to: "18:00",
    timeZone: localZone(),
    businessEveryMinutes: 30,
    thresholdPercent: DEFAULT_THRESHOLD,
  };
}

export function valuesOf(profile: SyncProfile): EditorValues {
  const base = newValues(profile.fields);
  const { schedule, scope } = profile;
  return {
    ...base,
    id: profile.id,
    name: profile.name,
    connectionId: profile.connectionId,
    jiraProject: scope.jiraProject,
    ttnxProjectId: scope.ttnxProjectId,
    ttnxFolderId: scope.ttnxFolderId,
    groupBy: scope.groupBy,
    boardId: scope.boardId ?? "",
    items: profile.entities.items,
    worklogs: profile.entities.worklogs,
    valueMaps: structuredClone(profile.valueMaps),
    userMap: structuredClone(profile.userMap),
    conflictPolicy: profile.conflictPolicy,
    deletion: profile.deletion,
    scheduleKind: schedule.kind,
    ...(schedule.kind === "every" ? { everyMinutes: schedule.minutes } : {}),
    ...(schedule.kind === "businessHours"
      ? { days: schedule.days, from: schedule.from, to: schedule.to, timeZone: schedule.timeZone, businessEveryMinutes: schedule.everyMinutes }
      : {}),
    thresholdPercent: profile.thresholdPercent,
  };
}

const required = z.string().trim().min(1, "required");
const minutes = z.coerce.number<number | string>().int("minutes").min(MIN_MINUTES, "minutes").max(1440, "minutes");
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "time");

const schema = z
  .object({
    name: required.max(NAME_MAX, "tooLong"),
    connectionId: z.number({ error: "required" }),
    jiraProject: required,
    ttnxProjectId: required,
    ttnxFolderId: required,
    boardId: z.string(),
    groupBy: z.enum(["version", "sprint"]),
    items: z.boolean(),
    worklogs: z.boolean(),
    scheduleKind: z.enum(["off", "every", "businessHours"]),
    everyMinutes: z.unknown(),
    days: z.array(z.number()),
    from: z.string(),
    to: z.string(),
    timeZone: z.string(),
    businessEveryMinutes: z.unknown(),
    thresholdPercent: z.coerce.number<number | string>().int("threshold").min(1, "threshold").max(100, "threshold"),
  })
  .superRefine((values, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (values.groupBy === "sprint" && values.boardId === "") issue("scope.boardId", "required");
    if (!values.items && !values.worklogs) issue("entities", "entities");
    if (values.scheduleKind === "every" && !minutes.safeParse(values.everyMinutes).success) issue("schedule.minutes", "minutes");
    if (values.scheduleKind === "businessHours") {
      if (values.days.length === 0) issue("schedule.days", "days");
      const from = time.safeParse(values.from).success;
      const to = time.safeParse(values.to).success;
      if (!from) issue("schedule.from", "time");
      if (!to) issue("schedule.to", "time");
      if (from && to && values.from >= values.to) issue("schedule.to", "timeOrder");
      if (values.timeZone.trim() === "") issue("schedule.timeZone", "required");
      if (!minutes.safeParse(values.businessEveryMinutes).success) issue("schedule.everyMinutes", "minutes");
    }
  });

const PATHS: Record<string, EditorField> = {
  jiraProject: "scope.jiraProject",
  ttnxProjectId: "scope.ttnxProjectId",
  ttnxFolderId: "scope.ttnxFolderId",
};

/** The problems of the inputs, or the draft to send when there are none. */
export function validate(values: EditorValues): { draft: ProfileDraft; errors: null } | { draft: null; errors: EditorErrors } {
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const errors: EditorErrors = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "");
      const field = (PATHS[key] ?? key) as EditorField;
      errors[field] ??= { code: issue.message as Exclude<FieldProblem["code"], "rejected"> };
    }
    return { draft: null, errors };
  }
  return { draft: toDraft(values), errors: null };
}

function schedule(values: EditorValues): Schedule {
  switch (values.scheduleKind) {
    case "off":
      return { kind: "off" };
    case "every":
      return { kind: "every", minutes: Number(values.everyMinutes) };
    case "businessHours":
      return {
        kind: "businessHours",
        days: [...values.days].sort((a, b) => a - b),
        from: values.from,
        to: values.to,
        timeZone: values.timeZone.trim(),
        everyMinutes: Number(values.businessEveryMinutes),
      };
  }
}

/** The draft as far as it is filled: what Suggest sends before the form is complete. */
export function toDraft(values: EditorValues): ProfileDraft {
  return {
    id: values.id,
    name: values.name.trim(),
    connectionId: values.connectionId ?? 0,
    scope: {
      kind: "jiraTtnx",
      jiraProject: values.jiraProject,
      ttnxProjectId: values.ttnxProjectId,
      ttnxFolderId: values.ttnxFolderId,
      groupBy: values.groupBy,
      boardId: values.groupBy === "sprint" && values.boardId !== "" ? values.boardId : null,
    },
    entities: { items: values.items, worklogs: values.worklogs },
    fields: values.fields,
    valueMaps: values.valueMaps,
    userMap: values.userMap,
    conflictPolicy: values.conflictPolicy,
    deletion: values.deletion,
    schedule: schedule(values),
    thresholdPercent: Number(values.thresholdPercent),
  };
}

const KNOWN_FIELDS = new Set<string>([
  "name",
  "connectionId",
  "scope.jiraProject",
  "scope.ttnxProjectId",
  "scope.ttnxFolderId",
  "scope.boardId",
  "entities",
  "schedule.minutes",
  "schedule.days",
  "schedule.from",
  "schedule.to",
  "schedule.timeZone",
  "schedule.everyMinutes",
  "thresholdPercent",
]);

/** A back-end Validation error on an input of this form, as that input's problem. */
export function rejectedField(error: unknown): EditorErrors | null {
  if (!isAppError(error) || error.code !== "Validation") return null;
  // "schedule" alone (a zone the back end does not know, say) belongs to the zone input.
  const field = error.field === "schedule" ? "schedule.timeZone" : error.field === "scope" ? "scope.ttnxFolderId" : error.field;
  return KNOWN_FIELDS.has(field) ? { [field as EditorField]: { code: "rejected", detail: error.message } } : null;
}
