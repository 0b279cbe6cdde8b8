//! Members as CSV: the export (login, e-mail, name, organisation, unit
//! cost, member since), and the import that turns a file of people and
//! unit costs into staged edits plus a report of every row — nothing is
//! applied here; the caller shows the report and the preview first.
//!
//! Import rules, per row: the person is named by login name or e-mail
//! address (case-insensitive, exact); an empty cost means the system
//! default (also for a member charged that much already: the API does not
//! tell the default's value); a person not yet a member is an add, a member with another
//! cost an update, one with the same cost unchanged. A file whose header
//! has no cost column changes no member's cost (it only adds, at the
//! default). Bad rows (unknown or ambiguous person, bad number, a person
//! twice, no person) are reported and staged nothing.

use std::collections::{HashMap, HashSet};

use kakehashi_ttnx::model::User;
use kakehashi_ttnx::TtnxClient;
use serde::{Deserialize, Serialize};

use super::audit::push_row;
use super::cost_text::{format_cost, parse_unit_cost};
use super::csv_read::{layout, records, Layout, Record};
use super::model::ProjectMembers;
use super::staging::{Staged, StagedAdd};
use super::users::{user_directory, Lookup, UserDirectory};
use crate::{AppError, AppResult};

/// The export's columns, in order; the import reads them back.
pub const EXPORT_HEADER: [&str; 6] = [
    "login",
    "email",
    "name",
    "organization",
    "unitCost",
    "memberSince",
];

/// The members as CSV (RFC 4180, CRLF), one row per member in the order
/// given. It starts with a UTF-8 byte order mark, so that Excel reads the
/// Japanese names right (the import skips it). An empty unit cost is the
/// system default. E-mail addresses come from `directory` (the project
/// read carries none); without it the column is empty. A text starting
/// with `=`, `+`, `-` or `@` gets a leading `'` (see `audit::export_csv`).
pub fn export_members_csv(members: &ProjectMembers, directory: Option<&UserDirectory>) -> String {
    let mut out = String::from("\u{FEFF}");
    push_row(&mut out, EXPORT_HEADER.iter().map(|h| (*h).to_owned()));
    for member in &members.members {
        let user = directory.and_then(|d| d.by_id(&member.user_id));
        let login = member
            .login
            .clone()
            .or_else(|| user.and_then(|u| u.login_name.clone()));
        let email = user.and_then(|u| u.email.clone());
        push_row(
            &mut out,
            [
                login.unwrap_or_default(),
                email.unwrap_or_default(),
                member.name.clone(),
                member.organization.clone().unwrap_or_default(),
                member.unit_cost.map(format_cost).unwrap_or_default(),
                member.member_since.clone().unwrap_or_default(),
            ]
            .into_iter(),
        );
    }
    out
}

/// What a row of an import does, or why it cannot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum ImportStatus {
    Add,
    Update,
    Unchanged,
    /// A member the file does not name (`remove_missing` only).
    Remove,
    UnknownUser,
    Ambiguous,
    BadNumber,
    Duplicate,
    /// The row names no login name or e-mail address.
    MissingUser,
}

impl ImportStatus {
    /// A row the import cannot take.
    pub fn is_bad(self) -> bool {
        matches!(
            self,
            ImportStatus::UnknownUser
                | ImportStatus::Ambiguous
                | ImportStatus::BadNumber
                | ImportStatus::Duplicate
                | ImportStatus::MissingUser
        )
    }
}

/// One row of the file (or, for `Remove`, a member the file leaves out).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportRow {
    /// The line of the file the row starts on; 0 for a `Remove`.
    pub line: u32,
    /// The login name or e-mail address as written (for a `Remove`, the
    /// member's login name, else their name).
    pub user: String,
    /// The cost the row asks for (`None`: the system default, or not read);
    /// for a `Remove`, the member's cost.
    pub unit_cost: Option<f64>,
    pub status: ImportStatus,
    pub name: Option<String>,
    pub user_id: Option<String>,
    /// For a bad row: what is wrong and how to fix it (English; the UI shows its own text per status).
    pub message: Option<String>,
}

/// Every row with its status, and the edits of the good ones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub rows: Vec<ImportRow>,
    pub staged: Staged,
    pub bad_rows: u32,
}

/// Reads the server's users (one request per 1,000) and plans the import
/// of `text` into `current` (see [`plan_import`]).
pub async fn import_csv(
    client: &TtnxClient,
    current: &ProjectMembers,
    text: &str,
    remove_missing: bool,
) -> AppResult<ImportReport> {
    let directory = user_directory(client).await?;
    plan_import(current, &directory, text, remove_missing)
}

/// The report and edits of importing `text` into `current`, people
/// resolved in `directory`. Columns are found by header (`login`,
/// `loginName`, `ログイン名` / `email`, `メール` / `unitCost`, `単価`,
/// `cost` …) or, without a header, are user, cost. With `remove_missing`
/// every member the file does not name is staged for removal — a member
/// named on a bad row, or among the users an ambiguous row fits, is kept.
pub fn plan_import(
    current: &ProjectMembers,
    directory: &UserDirectory,
    text: &str,
    remove_missing: bool,
) -> AppResult<ImportReport> {
    let all = records(text)?;
    let Some(first) = all.first() else {
        return Err(AppError::validation(
            "file",
            "The file holds no rows: one row per person, with a login name or e-mail address and a unit cost.",
        ));
    };
    let layout = layout(first)?;
    let rows = if layout.header { &all[1..] } else { &all[..] };
    let mut plan = Plan {
        current,
        directory,
        layout,
        staged: Staged::new(),
        rows: Vec::with_capacity(rows.len()),
        first_line: HashMap::new(),
        named: HashSet::new(),
    };
    for record in rows {
        let row = plan.row(record)?;
        plan.rows.push(row);
    }
    if remove_missing {
        plan.remove_missing()?;
    }
    let bad_rows = plan.rows.iter().filter(|row| row.status.is_bad()).count();
    Ok(ImportReport {
        rows: plan.rows,
        staged: plan.staged,
        bad_rows: u32::try_from(bad_rows).unwrap_or(u32::MAX),
    })
}

struct Plan<'a> {
    current: &'a ProjectMembers,
    directory: &'a UserDirectory,
    layout: Layout,
    staged: Staged,
    rows: Vec<ImportRow>,
    /// User id → the line that named them first.
    first_line: HashMap<String, u32>,
    /// Users the file names, on any row (kept by `remove_missing`).
    named: HashSet<String>,
}

/// A cell as written, without the export's formula guard.
fn cell(record: &Record, column: Option<usize>) -> String {
    let text = column
        .and_then(|at| record.fields.get(at))
        .map(|text| text.trim())
        .unwrap_or_default();
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest.to_owned(),
        _ => text.to_owned(),
    }
}

fn label(user: &User) -> String {
    match &user.login_name {
        Some(login) if !login.trim().is_empty() => format!("{} ({login})", user.name),
        _ => user.name.clone(),
    }
}

impl Plan<'_> {
    fn row(&mut self, record: &Record) -> AppResult<ImportRow> {
        let login = cell(record, self.layout.login);
        let email = cell(record, self.layout.email);
        let user_text = if login.is_empty() { &email } else { &login };
        let mut row = ImportRow {
            line: record.line,
            user: user_text.clone(),
            unit_cost: None,
            status: ImportStatus::MissingUser,
            name: None,
            user_id: None,
            message: None,
        };
        if user_text.is_empty() {
            row.message = Some(format!(
                "Line {} names nobody: give a login name or an e-mail address.",
                record.line
            ));
            return Ok(row);
        }
        let mut lookup = self.directory.find(&login);
        if lookup == Lookup::Unknown && !email.is_empty() {
            lookup = self.directory.find(&email);
        }
        let user = match lookup {
            Lookup::Found(user) => user,
            Lookup::Unknown => {
                row.status = ImportStatus::UnknownUser;
                row.message = Some(format!(
                    "No TimeTracker NX user has the login name or e-mail address “{user_text}”: check the spelling, or create the user in TimeTracker NX first."
                ));
                return Ok(row);
            }
            Lookup::Ambiguous(users) => {
                self.named.extend(users.iter().map(|u| u.id.to_string()));
                let names: Vec<String> = users.iter().map(|u| label(u)).collect();
                row.status = ImportStatus::Ambiguous;
                row.message = Some(format!(
                    "“{user_text}” fits several users ({}): write the login name instead.",
                    names.join(", ")
                ));
                return Ok(row);
            }
        };
        let user_id = user.id.to_string();
        row.name = Some(user.name.clone());
        row.user_id = Some(user_id.clone());
        self.named.insert(user_id.clone());

        // Positional rows have two columns; a third means the numbers were
        // split at a decimal comma, or the file needs a header.
        if !self.layout.header && record.fields.len() > 2 {
            row.status = ImportStatus::BadNumber;
            row.message = Some(format!(
                "Line {} has {} columns; without a header a row is: login name or e-mail, unit cost. Quote a cost with a decimal comma (\"5000,50\"), use ; between the columns, or add a header row.",
                record.line,
                record.fields.len()
            ));
            return Ok(row);
        }
        let cost = match self.layout.cost {
            Some(_) => match parse_unit_cost(&cell(record, self.layout.cost)) {
                Ok(cost) => Some(cost),
                Err(err) => {
                    row.status = ImportStatus::BadNumber;
                    row.message = Some(format!("Line {}: {err}", record.line));
                    return Ok(row);
                }
            },
            // No cost column: members keep their costs.
            None => None,
        };
        if let Some(first) = self.first_line.get(&user_id) {
            row.status = ImportStatus::Duplicate;
            row.message = Some(format!(
                "{} is on line {first} already: keep one row per person.",
                label(user)
            ));
            return Ok(row);
        }
        self.first_line.insert(user_id.clone(), record.line);
        self.stage(&mut row, user, cost)?;
        Ok(row)
    }

    /// Stages the good row: an add, an update, or nothing. `cost` is
    /// `None` without a cost column, `Some(None)` for the system default.
    fn stage(
        &mut self,
        row: &mut ImportRow,
        user: &User,
        cost: Option<Option<f64>>,
    ) -> AppResult<()> {
        let user_id = user.id.to_string();
        let Some(member) = self.current.member_of(&user_id) else {
            let unit_cost = cost.flatten();
            row.status = ImportStatus::Add;
            row.unit_cost = unit_cost;
            return self.staged.add(
                self.current,
                StagedAdd {
                    user_id,
                    name: user.name.clone(),
                    unit_cost,
                },
            );
        };
        // An empty cost is the system default, whose value the API does
        // not tell (the project's standard unit cost is another figure), so
        // it is staged as such even for a member charged the same number.
        let wanted = cost.unwrap_or(member.unit_cost);
        row.unit_cost = wanted;
        if wanted == member.unit_cost {
            row.status = ImportStatus::Unchanged;
            return Ok(());
        }
        row.status = ImportStatus::Update;
        let member_id = member.member_id.clone();
        self.staged.update(self.current, &member_id, wanted)
    }

    fn remove_missing(&mut self) -> AppResult<()> {
        for member in &self.current.members {
            if self.named.contains(&member.user_id) {
                continue;
            }
            self.staged.remove(self.current, &member.member_id)?;
            self.rows.push(ImportRow {
                line: 0,
                user: member.login.clone().unwrap_or_else(|| member.name.clone()),
                unit_cost: member.unit_cost,
                status: ImportStatus::Remove,
                name: Some(member.name.clone()),
                user_id: Some(member.user_id.clone()),
                message: None,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::members::model::{Member, ProjectSummary};
    use crate::members::users::tests::user;

    fn member(member_id: &str, user_id: &str, login: &str, cost: Option<f64>) -> Member {
        Member {
            member_id: member_id.into(),
            user_id: user_id.into(),
            name: format!("Name {user_id}"),
            login: Some(login.into()),
            organization: Some("開発部".into()),
            unit_cost: cost,
            member_since: Some("2026-01-05T01:00:00Z".into()),
        }
    }

    fn current() -> ProjectMembers {
        ProjectMembers {
            project: ProjectSummary {
                id: "1001".into(),
                code: Some("WEB".into()),
                name: "Webサイト刷新".into(),
                manager: None,
                is_finished: false,
            },
            members: vec![
                member("251", "1", "sato", Some(6000.0)),
                member("252", "2", "suzuki", Some(5000.0)),
                member("253", "3", "takahashi", Some(4800.0)),
            ],
            default_unit_cost: Some(5000.0),
        }
    }

    fn directory() -> UserDirectory {
        UserDirectory::new(vec![
            user(1, "sato", "sato@example.co.jp", "佐藤 花子"),
            user(2, "suzuki", "suzuki@example.co.jp", "鈴木 一郎"),
            user(3, "takahashi", "takahashi@example.co.jp", "高橋 結衣"),
            user(4, "tanaka", "tanaka@example.co.jp", "田中 健二"),
            user(5, "watanabe", "shared@example.co.jp", "渡辺 芽衣"),
            user(6, "ito", "shared@example.co.jp", "伊藤 大輔"),
            user(7, "=cmd", "", "=cmd"),
        ])
    }

    fn plan(text: &str, remove_missing: bool) -> ImportReport {
        plan_import(&current(), &directory(), text, remove_missing).unwrap()
    }

    fn statuses(report: &ImportReport) -> Vec<(u32, ImportStatus)> {
        report.rows.iter().map(|r| (r.line, r.status)).collect()
    }

    #[test]
    fn adds_updates_and_unchanged_rows_stage_only_what_changes() {
        let report = plan(
            "login,unitCost\nsato,6000\nSUZUKI,5500\ntanaka@example.co.jp,\ntakahashi,\"4,800\"\n",
            false,
        );
        use ImportStatus::*;
        assert_eq!(
            statuses(&report),
            [(2, Unchanged), (3, Update), (4, Add), (5, Unchanged)]
        );
        assert_eq!(report.bad_rows, 0);
        assert_eq!(report.staged.updates[0].member_id, "252");
        assert_eq!(report.staged.updates[0].unit_cost, Some(5500.0));
        assert_eq!(report.staged.adds[0].user_id, "4");
        assert_eq!(report.staged.adds[0].unit_cost, None, "empty: the default");
        assert_eq!(report.rows[2].name.as_deref(), Some("田中 健二"));
        assert!(report.staged.removes.is_empty());
    }

    #[test]
    fn an_empty_cost_sets_the_system_default_unless_the_member_has_no_cost_stated() {
        let mut current = current();
        current.members[2].unit_cost = None;
        let report = plan_import(
            &current,
            &directory(),
            "login;unitCost\nsato;\ntakahashi;\n",
            false,
        )
        .unwrap();
        use ImportStatus::*;
        assert_eq!(statuses(&report), [(2, Update), (3, Unchanged)]);
        assert_eq!(report.staged.updates[0].member_id, "251");
        assert_eq!(report.staged.updates[0].unit_cost, None);
    }

    #[test]
    fn without_a_cost_column_members_keep_their_costs() {
        let report = plan(
            "メールアドレス\nsato@example.co.jp\ntanaka@example.co.jp\n",
            false,
        );
        use ImportStatus::*;
        assert_eq!(statuses(&report), [(2, Unchanged), (3, Add)]);
        assert_eq!(report.rows[0].unit_cost, Some(6000.0));
        assert_eq!(report.staged.len(), 1);
    }

    #[test]
    fn bad_rows_are_reported_each_with_what_to_do_and_stage_nothing() {
        let text = "\u{FEFF}ログイン名\t単価\n\
                    nobody\t5000\n\
                    shared@example.co.jp\t5000\n\
                    suzuki\tabc\n\
                    tanaka\t-1\n\
                    \t5000\n\
                    sato\t7000\n\
                    Sato\t8000\n";
        let report = plan(text, false);
        use ImportStatus::*;
        assert_eq!(
            statuses(&report),
            [
                (2, UnknownUser),
                (3, Ambiguous),
                (4, BadNumber),
                (5, BadNumber),
                (6, MissingUser),
                (7, Update),
                (8, Duplicate)
            ]
        );
        assert_eq!(report.bad_rows, 6);
        for row in report.rows.iter().filter(|r| r.status.is_bad()) {
            assert!(row.message.is_some(), "{row:?}");
        }
        assert!(report.rows[1]
            .message
            .as_ref()
            .unwrap()
            .contains("watanabe"));
        assert!(report.rows[3]
            .message
            .as_ref()
            .unwrap()
            .contains("negative"));
        assert!(report.rows[6].message.as_ref().unwrap().contains("line 7"));
        // Only the good row is staged.
        assert_eq!(report.staged.len(), 1);
        assert_eq!(report.staged.updates[0].unit_cost, Some(7000.0));
    }

    #[test]
    fn positional_rows_without_a_header() {
        let report = plan("tanaka,\"5000,50\"\nsato;1\n", false);
        assert_eq!(report.rows[0].status, ImportStatus::Add);
        assert_eq!(report.rows[0].unit_cost, Some(5000.5));
        // `;` in a `,` file is no delimiter: the whole line is the user.
        assert_eq!(report.rows[1].status, ImportStatus::UnknownUser);
        let split = plan("tanaka,5000,50\n", false);
        assert_eq!(split.rows[0].status, ImportStatus::BadNumber);
        assert!(split.rows[0]
            .message
            .as_ref()
            .unwrap()
            .contains("3 columns"));
        let semicolons = plan("tanaka;5000,50\n", false);
        assert_eq!(semicolons.rows[0].unit_cost, Some(5000.5));
    }

    #[test]
    fn remove_missing_stages_every_member_the_file_leaves_out_but_not_those_on_bad_rows() {
        let report = plan("login,cost\nsato,6000\nsuzuki,abc\n", true);
        use ImportStatus::*;
        assert_eq!(
            statuses(&report),
            [(2, Unchanged), (3, BadNumber), (0, Remove)]
        );
        assert_eq!(report.staged.removes, ["253"]);
        let removed = &report.rows[2];
        assert_eq!(removed.user, "takahashi");
        assert_eq!(removed.unit_cost, Some(4800.0));
        assert_eq!(plan("login,cost\nsato,6000\n", false).staged.len(), 0);
    }

    #[test]
    fn the_export_reads_back_as_unchanged_formula_guard_included() {
        let mut current = current();
        current
            .members
            .push(member("254", "7", "=cmd", Some(1.234)));
        let csv = export_members_csv(&current, Some(&directory()));
        assert!(csv.starts_with("\u{FEFF}login,email,name,organization,unitCost,memberSince\r\n"));
        assert!(csv.contains("sato,sato@example.co.jp,Name 1,開発部,6000,2026-01-05T01:00:00Z\r\n"));
        assert!(csv.contains("'=cmd,,Name 7"), "{csv}");
        assert!(csv.contains(",1.2340,"), "{csv}");
        let report = plan_import(&current, &directory(), &csv, true).unwrap();
        assert!(
            report
                .rows
                .iter()
                .all(|r| r.status == ImportStatus::Unchanged),
            "{report:?}"
        );
        assert!(report.staged.is_empty());
        // Without the directory the e-mail column is empty.
        let bare = export_members_csv(&current, None);
        assert!(bare.contains("sato,,Name 1"), "{bare}");
    }

    #[test]
    fn an_empty_file_or_one_without_a_people_column_is_refused() {
        for text in ["", "\u{FEFF}\r\n \r\n", "name,unitCost\nx,1\n"] {
            let err = plan_import(&current(), &directory(), text, false).unwrap_err();
            assert_eq!(err.code(), "Validation", "{text:?}");
        }
    }
}
