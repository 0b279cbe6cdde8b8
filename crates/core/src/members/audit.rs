//! The audit log of member changes in SQLite: every apply with who, when,
//! which project and before/after per member; listed newest first, exported
//! as CSV, and turned into the edits that undo an apply.
//!
//! The caller records the report of every apply right after [`super::apply`]
//! returns it: the apply itself is network-only, so it can run without
//! holding the database.

use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::apply::{ApplyReport, MemberFailure};
use super::diff::{MemberDelta, MemberDiff};
use super::model::ProjectMembers;
use super::staging::{Staged, StagedAdd, StagedUpdate};
use crate::clock::{rfc3339, OffsetDateTime};
use crate::store::Database;
use crate::{AppError, AppResult};

/// Who applied: the person at the computer and the account the server saw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Identity {
    pub os_user: String,
    /// The TimeTracker NX account (login name, else display name).
    pub ttnx_user: String,
    pub server_id: u32,
}

impl Identity {
    /// The OS user from `USER` (Unix) or `USERNAME` (Windows).
    pub fn new(ttnx_user: impl Into<String>, server_id: u32) -> Self {
        let os_user = crate::os_user::name().unwrap_or_else(|| "(unknown)".to_owned());
        Identity {
            os_user,
            ttnx_user: ttnx_user.into(),
            server_id,
        }
    }
}

/// One apply as the log keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    pub id: u32,
    /// RFC 3339, UTC.
    pub applied_at: String,
    pub os_user: String,
    pub ttnx_user: String,
    pub server_id: u32,
    pub project_id: String,
    pub project_name: String,
    pub changes: MemberDiff,
    pub failures: Vec<MemberFailure>,
}

/// Records `report` as applied now by `who`; returns the entry's id.
pub fn record(db: &Database, who: &Identity, report: &ApplyReport) -> AppResult<u32> {
    record_at(db, who, report, crate::clock::now())
}

/// [`record`] at a given instant (tests pass fixed times).
pub fn record_at(
    db: &Database,
    who: &Identity,
    report: &ApplyReport,
    at: OffsetDateTime,
) -> AppResult<u32> {
    db.conn().execute(
        "INSERT INTO member_audit (applied_at, os_user, ttnx_user, server_id, project_id, project_name, changes, failures)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            rfc3339(at)?,
            who.os_user,
            who.ttnx_user,
            who.server_id,
            report.project.id,
            report.project.name,
            to_json(&report.changes)?,
            to_json(&report.failures)?,
        ],
    )?;
    u32::try_from(db.conn().last_insert_rowid()).map_err(|_| {
        AppError::internal("The audit log has more entries than Kakehashi can number; export it and start a new data folder.")
    })
}

fn to_json<T: Serialize>(value: &T) -> AppResult<String> {
    serde_json::to_string(value)
        .map_err(|err| AppError::internal(format!("The audit entry could not be written: {err}")))
}

const COLUMNS: &str =
    "id, applied_at, os_user, ttnx_user, server_id, project_id, project_name, changes, failures";

fn entry(row: &Row<'_>) -> rusqlite::Result<(AuditEntry, String, String)> {
    Ok((
        AuditEntry {
            id: row.get(0)?,
            applied_at: row.get(1)?,
            os_user: row.get(2)?,
            ttnx_user: row.get(3)?,
            server_id: row.get(4)?,
            project_id: row.get(5)?,
            project_name: row.get(6)?,
            changes: MemberDiff::default(),
            failures: Vec::new(),
        },
        row.get(7)?,
        row.get(8)?,
    ))
}

fn decode((mut entry, changes, failures): (AuditEntry, String, String)) -> AppResult<AuditEntry> {
    let unreadable = |err: serde_json::Error| {
        AppError::internal(format!(
            "Audit entry {} cannot be read ({err}); it may come from a newer Kakehashi.",
            entry.id
        ))
    };
    entry.changes = serde_json::from_str(&changes).map_err(unreadable)?;
    entry.failures = serde_json::from_str(&failures).map_err(unreadable)?;
    Ok(entry)
}

/// Every entry, newest first; only one project's when `project` is
/// `(server id, project id)`.
pub fn list(db: &Database, project: Option<(u32, &str)>) -> AppResult<Vec<AuditEntry>> {
    let rows = match project {
        Some((server_id, project_id)) => {
            let mut stmt = db.conn().prepare(&format!(
                "SELECT {COLUMNS} FROM member_audit WHERE server_id = ?1 AND project_id = ?2 ORDER BY id DESC"
            ))?;
            let rows = stmt
                .query_map(params![server_id, project_id], entry)?
                .collect::<Result<Vec<_>, _>>()?;
            rows
        }
        None => {
            let mut stmt = db.conn().prepare(&format!(
                "SELECT {COLUMNS} FROM member_audit ORDER BY id DESC"
            ))?;
            let rows = stmt.query_map([], entry)?.collect::<Result<Vec<_>, _>>()?;
            rows
        }
    };
    rows.into_iter().map(decode).collect()
}

/// One entry.
pub fn get(db: &Database, id: u32) -> AppResult<AuditEntry> {
    let row = db
        .conn()
        .query_row(
            &format!("SELECT {COLUMNS} FROM member_audit WHERE id = ?1"),
            [id],
            entry,
        )
        .optional()?;
    let row = row.ok_or_else(|| {
        AppError::not_found(format!(
            "Audit entry {id} does not exist; reload the activity list."
        ))
    })?;
    decode(row)
}

/// The edits that undo entry `audit_id` on the project as it is now
/// (`current`): removed members added again with their old unit cost,
/// changed costs restored, added members removed. People are matched by
/// USER id, because a member removed and added again since (an earlier
/// undo, someone else) has a new member id. A person who is no longer where
/// the entry left them is refused with their name: undo that change by hand.
pub fn undo_plan(db: &Database, audit_id: u32, current: &ProjectMembers) -> AppResult<Staged> {
    let logged = get(db, audit_id)?;
    if logged.project_id != current.project.id {
        return Err(AppError::validation(
            "auditId",
            format!(
                "Apply {audit_id} changed project {} (“{}”), not the one open; open that project to undo it.",
                logged.project_id, logged.project_name
            ),
        ));
    }
    if logged.changes.is_empty() {
        return Err(AppError::validation(
            "auditId",
            format!("Apply {audit_id} changed no member, so there is nothing to undo."),
        ));
    }
    let member_now = |delta: &MemberDelta| {
        current
            .member_of(&delta.user_id)
            .map(|member| member.member_id.clone())
            .ok_or_else(|| {
                AppError::validation(
                    "auditId",
                    format!("{} is no longer a member of the project, so apply {audit_id} cannot be undone as a whole; reload the members and change them by hand.", delta.name),
                )
            })
    };
    let mut plan = Staged::new();
    for delta in &logged.changes.removes {
        if current.member_of(&delta.user_id).is_some() {
            return Err(AppError::validation(
                "auditId",
                format!("{} is a member again already, so apply {audit_id} cannot be undone as a whole; reload the members and change them by hand.", delta.name),
            ));
        }
        plan.adds.push(StagedAdd {
            user_id: delta.user_id.clone(),
            name: delta.name.clone(),
            unit_cost: delta.before.as_ref().and_then(|state| state.unit_cost),
        });
    }
    for delta in &logged.changes.updates {
        let unit_cost = delta.before.as_ref().and_then(|state| state.unit_cost);
        let member_id = member_now(delta)?;
        // Already back at the old cost: nothing to restore.
        if current.member(&member_id).and_then(|m| m.unit_cost) != unit_cost {
            plan.updates.push(StagedUpdate {
                member_id,
                unit_cost,
            });
        }
    }
    for delta in &logged.changes.adds {
        plan.removes.push(member_now(delta)?);
    }
    Ok(plan)
}

/// The entries as CSV (RFC 4180, CRLF), one row per member changed or
/// refused, for a spreadsheet or an auditor.
pub fn export_csv(entries: &[AuditEntry]) -> String {
    let mut out = String::new();
    let header = [
        "audit_id",
        "applied_at",
        "os_user",
        "ttnx_user",
        "server_id",
        "project_id",
        "project_name",
        "action",
        "user_id",
        "name",
        "login",
        "member_id_before",
        "unit_cost_before",
        "member_id_after",
        "unit_cost_after",
        "message",
    ];
    push_row(&mut out, header.iter().map(|h| (*h).to_owned()));
    let cost = |cost: Option<f64>| cost.map(|c| c.to_string()).unwrap_or_default();
    for entry in entries {
        let common = [
            entry.id.to_string(),
            entry.applied_at.clone(),
            entry.os_user.clone(),
            entry.ttnx_user.clone(),
            entry.server_id.to_string(),
            entry.project_id.clone(),
            entry.project_name.clone(),
        ];
        let kinds = [
            ("add", &entry.changes.adds),
            ("update", &entry.changes.updates),
            ("remove", &entry.changes.removes),
        ];
        for (action, deltas) in kinds {
            for delta in deltas {
                let before = delta.before.as_ref();
                let after = delta.after.as_ref();
                let fields = [
                    action.to_owned(),
                    delta.user_id.clone(),
                    delta.name.clone(),
                    delta.login.clone().unwrap_or_default(),
                    before.and_then(|s| s.member_id.clone()).unwrap_or_default(),
                    cost(before.and_then(|s| s.unit_cost)),
                    after.and_then(|s| s.member_id.clone()).unwrap_or_default(),
                    cost(after.and_then(|s| s.unit_cost)),
                    String::new(),
                ];
                push_row(&mut out, common.iter().cloned().chain(fields));
            }
        }
        for failure in &entry.failures {
            let action = match failure.action {
                super::apply::MemberAction::Add => "failed add",
                super::apply::MemberAction::Update => "failed update",
                super::apply::MemberAction::Remove => "failed remove",
            };
            let fields = [
                action.to_owned(),
                failure.user_id.clone().unwrap_or_default(),
                failure.name.clone(),
                String::new(),
                failure.member_id.clone().unwrap_or_default(),
                String::new(),
                String::new(),
                String::new(),
                failure.message.clone(),
            ];
            push_row(&mut out, common.iter().cloned().chain(fields));
        }
    }
    out
}

pub(super) fn push_row(out: &mut String, fields: impl Iterator<Item = String>) {
    let row: Vec<String> = fields.map(|field| csv_field(&field)).collect();
    out.push_str(&row.join(","));
    out.push_str("\r\n");
}

/// Quotes a field when needed; a text starting with `=`, `+`, `-` or `@`
/// gets a leading `'` so a spreadsheet shows it instead of running it as a
/// formula (a user's name is chosen by whoever created the user).
fn csv_field(field: &str) -> String {
    let field = if field.starts_with(['=', '+', '-', '@']) {
        format!("'{field}")
    } else {
        field.to_owned()
    };
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::members::apply::MemberAction;
    use crate::members::diff::MemberState;
    use crate::members::model::{ProjectMembers, ProjectSummary};

    fn state(member_id: &str, cost: Option<f64>) -> Option<MemberState> {
        Some(MemberState {
            member_id: Some(member_id.into()),
            unit_cost: cost,
        })
    }

    fn delta(
        user_id: &str,
        name: &str,
        before: Option<MemberState>,
        after: Option<MemberState>,
    ) -> MemberDelta {
        MemberDelta {
            user_id: user_id.into(),
            name: name.into(),
            login: Some(format!("u{user_id}")),
            before,
            after,
        }
    }

    fn report(changes: MemberDiff, failures: Vec<MemberFailure>) -> ApplyReport {
        let project = ProjectSummary {
            id: "47".into(),
            code: Some("WEB".into()),
            name: "Web, \"new\"".into(),
            manager: None,
            is_finished: false,
        };
        ApplyReport {
            after: ProjectMembers {
                project: project.clone(),
                members: Vec::new(),
                default_unit_cost: None,
            },
            project,
            changes,
            failures,
            requests: 3,
        }
    }

    fn sample() -> MemberDiff {
        MemberDiff {
            adds: vec![delta("9", "=Nine", None, state("300", Some(4800.0)))],
            updates: vec![delta(
                "2",
                "Two",
                state("102", Some(5000.0)),
                state("102", Some(5500.0)),
            )],
            removes: vec![delta("3", "Three", state("103", None), None)],
        }
    }

    fn who() -> Identity {
        Identity {
            os_user: "pm".into(),
            ttnx_user: "okamoto".into(),
            server_id: 4,
        }
    }

    #[test]
    fn an_apply_is_recorded_listed_and_read_back() {
        let db = Database::open_in_memory().unwrap();
        let at = time::macros::datetime!(2025-03-01 09:30:15.5 UTC);
        let first = record_at(&db, &who(), &report(sample(), Vec::new()), at).unwrap();
        let failure = MemberFailure {
            action: MemberAction::Add,
            user_id: Some("999".into()),
            member_id: None,
            name: "Ghost".into(),
            message: "refused".into(),
        };
        let second = record(&db, &who(), &report(MemberDiff::default(), vec![failure])).unwrap();
        assert!(second > first);
        let all = list(&db, None).unwrap();
        assert_eq!(
            all.iter().map(|e| e.id).collect::<Vec<_>>(),
            [second, first]
        );
        let entry = get(&db, first).unwrap();
        assert_eq!(entry.applied_at, "2025-03-01T09:30:15Z");
        assert_eq!(entry.changes, sample());
        assert_eq!(
            (entry.os_user.as_str(), entry.ttnx_user.as_str()),
            ("pm", "okamoto")
        );
        assert_eq!(list(&db, Some((4, "47"))).unwrap().len(), 2);
        assert!(list(&db, Some((5, "47"))).unwrap().is_empty());
        assert_eq!(get(&db, 777).unwrap_err().code(), "NotFound");
    }

    fn now(members: &[(&str, &str, Option<f64>)]) -> ProjectMembers {
        let mut current = report(MemberDiff::default(), Vec::new()).after;
        current.members = members
            .iter()
            .map(|(member_id, user_id, cost)| crate::members::model::Member {
                member_id: (*member_id).into(),
                user_id: (*user_id).into(),
                name: format!("User {user_id}"),
                login: None,
                organization: None,
                unit_cost: *cost,
                member_since: None,
            })
            .collect();
        current
    }

    #[test]
    fn the_undo_plan_is_the_inverse_of_each_change_matched_by_user() {
        let db = Database::open_in_memory().unwrap();
        let id = record(&db, &who(), &report(sample(), Vec::new())).unwrap();
        // User 2 was removed and added again meanwhile: a new member id.
        let current = now(&[("300", "9", Some(4800.0)), ("150", "2", Some(5500.0))]);
        let plan = undo_plan(&db, id, &current).unwrap();
        assert_eq!(
            plan.adds,
            [StagedAdd {
                user_id: "3".into(),
                name: "Three".into(),
                unit_cost: None
            }]
        );
        assert_eq!(
            plan.updates,
            [StagedUpdate {
                member_id: "150".into(),
                unit_cost: Some(5000.0)
            }]
        );
        assert_eq!(plan.removes, ["300"]);
        plan.validate(&current).unwrap();

        let gone = now(&[("150", "2", Some(5500.0))]);
        let err = undo_plan(&db, id, &gone).unwrap_err();
        assert!(
            err.to_string().contains("=Nine is no longer a member"),
            "{err}"
        );
        let back = now(&[("300", "9", None), ("150", "2", None), ("160", "3", None)]);
        let err = undo_plan(&db, id, &back).unwrap_err();
        assert!(err.to_string().contains("Three is a member again"), "{err}");
        let mut other = current.clone();
        other.project.id = "48".into();
        assert_eq!(undo_plan(&db, id, &other).unwrap_err().code(), "Validation");
        let empty = record(&db, &who(), &report(MemberDiff::default(), Vec::new())).unwrap();
        assert_eq!(
            undo_plan(&db, empty, &current).unwrap_err().code(),
            "Validation"
        );
        assert_eq!(
            undo_plan(&db, 12345, &current).unwrap_err().code(),
            "NotFound"
        );
    }

    #[test]
    fn the_csv_has_one_row_per_member_quoted_and_formula_safe() {
        let db = Database::open_in_memory().unwrap();
        let at = time::macros::datetime!(2025-03-01 09:30 UTC);
        record_at(&db, &who(), &report(sample(), Vec::new()), at).unwrap();
        let csv = export_csv(&list(&db, None).unwrap());
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines.len(),
            5,
            "header, three rows, and the final CRLF: {csv}"
        );
        assert!(lines[0].starts_with("audit_id,applied_at,os_user"));
        assert_eq!(
            lines[1],
            "1,2025-03-01T09:30:00Z,pm,okamoto,4,47,\"Web, \"\"new\"\"\",add,9,'=Nine,u9,,,300,4800,"
        );
        assert!(lines[2].contains(",update,2,Two,u2,102,5000,102,5500,"));
        assert!(lines[3].contains(",remove,3,Three,u3,103,,,,"));
    }

    #[test]
    fn the_os_user_is_never_empty() {
        assert!(!Identity::new("x", 1).os_user.is_empty());
    }
}
