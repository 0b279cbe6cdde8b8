import type { ImportReport, ImportRow, ImportStatus, ProjectMembers, Staged } from "../api/membersTypes";
import type { DirectoryUser } from "./fakeMemberSeed";

const USER_HEADERS = ["login", "loginname", "email", "ログイン名", "メール"];
const COST_HEADERS = ["unitcost", "cost", "単価"];
const BAD: ReadonlySet<ImportStatus> = new Set(["unknownUser", "ambiguous", "badNumber", "duplicate", "missingUser"]);

/** Split on the delimiter, honouring double quotes ("" is a quote inside a quoted cell). */
function cells(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let cell = "";
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index];
    if (quoted) {
      if (char === '"' && line[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === delimiter) {
      out.push(cell.trim());
      cell = "";
    } else cell += char;
  }
  out.push(cell.trim());
  return out;
}

/** A non-negative number with `.` or `,` as the decimal mark and spaces or ' as thousands. */
function parseCost(raw: string): number | null | "bad" {
  const text = raw.replace(/[\s\u00a0']/g, "");
  if (text === "") return null;
  const normal = /^\d+,\d{1,2}$/.test(text) ? text.replace(",", ".") : text.replace(/,/g, "");
  if (!/^\d+(\.\d+)?$/.test(normal)) return "bad";
  return Math.round(Number(normal) * 100) / 100;
}

/**
 * The CSV import as core plans it, over the fake's user directory: one row per line with
 * its status, and the valid edits staged (bad rows are reported, never staged).
 */
export function planCsvImport(current: ProjectMembers, users: DirectoryUser[], text: string, removeMissing: boolean): ImportReport {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const first = lines[0] ?? "";
  const delimiter = [";", "\t", ","].find((candidate) => first.includes(candidate)) ?? ",";
  const header = cells(first, delimiter).map((cell) => cell.toLowerCase());
  const hasHeader = header.some((cell) => USER_HEADERS.includes(cell) || COST_HEADERS.includes(cell));
  const userColumn = hasHeader ? header.findIndex((cell) => USER_HEADERS.includes(cell)) : 0;
  const costColumn = hasHeader ? header.findIndex((cell) => COST_HEADERS.includes(cell)) : 1;

  const rows: ImportRow[] = [];
  const staged: Staged = { adds: [], updates: [], removes: [] };
  const seen = new Set<string>();
  // A member named on a bad line is in the file all the same: never removed for it.
  const mentioned = new Set<string>();
  lines.forEach((line, index) => {
    if ((hasHeader && index === 0) || line.trim() === "") return;
    const row = cells(line, delimiter);
    const user = row[userColumn] ?? "";
    const cost = parseCost(costColumn >= 0 ? (row[costColumn] ?? "") : "");
    const base = { line: index + 1, user, unitCost: cost === "bad" ? null : cost, name: null, userId: null, message: null };
    const bad = (status: ImportStatus, message: string) => rows.push({ ...base, status, message });
    if (user === "") return bad("missingUser", `Line ${index + 1} names no user: fill in a login name or an e-mail address.`);
    const found = users.filter((item) => [item.login, item.email].some((key) => key?.toLowerCase() === user.toLowerCase()));
    if (found.length === 0) return bad("unknownUser", `No TimeTracker NX user has the login name or e-mail address ${user}.`);
    if (found.length > 1) return bad("ambiguous", `${found.length} users have ${user}; use the login name instead.`);
    const match = found[0] as DirectoryUser;
    const named = { ...base, name: match.name, userId: match.userId };
    mentioned.add(match.userId);
    if (cost === "bad") return rows.push({ ...named, status: "badNumber", message: "The unit cost is not a non-negative number." });
    if (seen.has(match.userId)) return rows.push({ ...named, status: "duplicate", message: `${match.name} is in the file twice; keep one line.` });
    seen.add(match.userId);
    const member = current.members.find((item) => item.userId === match.userId);
    if (!member) {
      staged.adds.push({ userId: match.userId, name: match.name, unitCost: cost });
      return rows.push({ ...named, status: "add" });
    }
    if (member.unitCost === cost) return rows.push({ ...named, status: "unchanged" });
    staged.updates.push({ memberId: member.memberId, unitCost: cost });
    return rows.push({ ...named, status: "update" });
  });
  if (removeMissing) {
    for (const member of current.members.filter((item) => !mentioned.has(item.userId))) {
      staged.removes.push(member.memberId);
      rows.push({
        line: 0,
        user: member.login ?? member.name,
        unitCost: member.unitCost,
        status: "remove",
        name: member.name,
        userId: member.userId,
        message: null,
      });
    }
  }
  return { rows, staged, badRows: rows.filter((row) => BAD.has(row.status)).length };
}
