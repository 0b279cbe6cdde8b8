import { useTranslation } from "react-i18next";
import type { ActionCounts, ProblemCause, Schedule, SyncField, SyncProfile } from "../../api/syncTypes";
import { sideName, type SideNames } from "./sides";

const DAY_KEYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/** Sentences the sync screens share: schedules, counts and problem causes in words. */
export function useSyncText() {
  const { t } = useTranslation();

  const day = (number: number) => t(`sync.days.${DAY_KEYS[(number - 1) % 7] ?? "mon"}`);

  const schedule = (value: Schedule): string => {
    switch (value.kind) {
      case "off":
        return t("sync.schedule.off");
      case "every":
        return t("sync.schedule.every", { count: value.minutes });
      case "businessHours":
        return t("sync.schedule.businessHours", {
          days: value.days.map(day).join(t("sync.listSeparator")),
          from: value.from,
          to: value.to,
          zone: value.timeZone,
          count: value.everyMinutes,
        });
    }
  };

  /** "3 created, 5 updated, 1 deleted" (only the actions that happened; "no changes" else). */
  const counts = (value: ActionCounts): string => {
    const parts = (["created", "updated", "deleted"] as const)
      .filter((action) => value[action] > 0)
      .map((action) => t(`sync.counts.${action}`, { count: value[action] }));
    return parts.length === 0 ? t("sync.counts.none") : parts.join(t("sync.listSeparator"));
  };

  const field = (name: SyncField) => t(`sync.fields.${name}`);

  const cause = (value: ProblemCause, sides: SideNames): string => {
    switch (value.kind) {
      case "unmappedUser":
        return t("problems.cause.unmappedUser", { name: value.name, server: sideName(sides, value.side) });
      case "unmappedValue":
        return t("problems.cause.unmappedValue", { name: value.name, field: field(value.field), server: sideName(sides, value.side) });
      case "permissionDenied":
        return t("problems.cause.permissionDenied", { permission: value.permission, server: sideName(sides, value.side) });
      case "structureMismatch":
        return t("problems.cause.structureMismatch", { detail: value.detail });
      case "fieldConflict":
        return t("problems.cause.fieldConflict", { field: field(value.field), left: value.left, right: value.right, leftServer: sides.left, rightServer: sides.right });
      case "rejected":
        return t("problems.cause.rejected", { status: value.status, server: sideName(sides, value.side) });
      case "unreachable":
        return t("problems.cause.unreachable", { server: sideName(sides, value.side) });
    }
  };

  return { schedule, counts, cause, field, day };
}

/** "WEB ↔ Web刷新 / WEB 開発", from names when known, ids otherwise. */
export function scopeText(profile: Pick<SyncProfile, "scope">, names: { project?: string; folder?: string }) {
  const { scope } = profile;
  return `${scope.jiraProject} ↔ ${names.project ?? scope.ttnxProjectId} / ${names.folder ?? scope.ttnxFolderId}`;
}
