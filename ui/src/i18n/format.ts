/**
 * Dates as the user reads them, in the UI language. Expiry dates are calendar days that
 * end at midnight UTC, so they are formatted in UTC: a Tokyo user must not see the day
 * before.
 */
export function formatDate(ymd: string, language: string): string {
  const time = Date.parse(`${ymd}T00:00:00Z`);
  if (Number.isNaN(time)) return ymd;
  return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" }).format(time);
}

/** A moment (RFC 3339), in the user's own time zone. */
export function formatDateTime(iso: string, language: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short" }).format(time);
}
