//! The text forms of the members commands: the member and user tables,
//! the preview before an apply, what an apply really changed, a conflict,
//! and an import's bad rows. Costs are plain numbers (no grouping), the
//! same in every locale, so scripts can read them too.

use std::fmt::Write as _;

use kakehashi_core::members::{
    ApplyReport, ImportReport, ImportStatus, MemberDelta, MemberDiff, ProjectMembers,
    ProjectSummary, UserMatches,
};
use kakehashi_ttnx::model::User;

/// "WEB – Webサイト刷新", or the name of a project without a code.
pub fn project_label(project: &ProjectSummary) -> String {
    match &project.code {
        Some(code) => format!("{code} – {}", project.name),
        None => project.name.clone(),
    }
}

/// "佐藤 花子 (sato.hanako)".
pub fn user_label(user: &User) -> String {
    person(&user.name, user.login_name.as_deref())
}

fn person(name: &str, login: Option<&str>) -> String {
    match login.filter(|login| !login.trim().is_empty()) {
        Some(login) => format!("{name} ({login})"),
        None => name.to_owned(),
    }
}

/// A unit cost; `None` is the system default. Its value is not shown: it
/// is a server setting the API does not expose (the project's standard
/// unit cost is another figure).
fn cost(cost: Option<f64>) -> String {
    match cost {
        Some(cost) => cost.to_string(),
        None => "system default".to_owned(),
    }
}

/// The table of `members list`.
pub fn member_table(members: &ProjectMembers) -> String {
    let project = &members.project;
    let finished = if project.is_finished {
        ", finished"
    } else {
        ""
    };
    let mut text = format!(
        "{} (id {}{finished}): {} members, standard unit cost {}\n",
        project_label(project),
        project.id,
        members.members.len(),
        members
            .default_unit_cost
            .map_or_else(|| "not stated".to_owned(), |c| c.to_string())
    );
    let rows: Vec<[String; 5]> = members
        .members
        .iter()
        .map(|m| {
            [
                m.name.clone(),
                m.login.clone().unwrap_or_default(),
                m.organization.clone().unwrap_or_default(),
                cost(m.unit_cost),
                m.member_since
                    .as_deref()
                    .map(|since| since.chars().take(10).collect())
                    .unwrap_or_default(),
            ]
        })
        .collect();
    text.push_str(&crate::table::render(
        ["NAME", "LOGIN", "ORGANIZATION", "UNIT COST", "MEMBER SINCE"],
        &rows,
    ));
    text
}

/// The table of `members search`.
pub fn user_table(found: &UserMatches, with_project: bool) -> String {
    if found.users.is_empty() {
        return "No user matches.\n".to_owned();
    }
    let cells = |u: &kakehashi_core::members::UserCandidate| {
        [
            u.name.clone(),
            u.login.clone().unwrap_or_default(),
            u.email.clone().unwrap_or_default(),
            u.organization.clone().unwrap_or_default(),
        ]
    };
    let mut text = if with_project {
        let rows: Vec<[String; 5]> = found
            .users
            .iter()
            .map(|u| {
                let [name, login, email, org] = cells(u);
                let member = if u.member_id.is_some() { "yes" } else { "" };
                [name, login, email, org, member.to_owned()]
            })
            .collect();
        crate::table::render(["NAME", "LOGIN", "EMAIL", "ORGANIZATION", "MEMBER"], &rows)
    } else {
        let rows: Vec<[String; 4]> = found.users.iter().map(cells).collect();
        crate::table::render(["NAME", "LOGIN", "EMAIL", "ORGANIZATION"], &rows)
    };
    if found.has_more {
        text.push_str("More users match: narrow the search, or raise --limit (at most 200).\n");
    }
    text
}

fn delta_lines(text: &mut String, diff: &MemberDiff) {
    let who = |d: &MemberDelta| person(&d.name, d.login.as_deref());
    let before = |d: &MemberDelta| d.before.as_ref().and_then(|s| s.unit_cost);
    let after = |d: &MemberDelta| d.after.as_ref().and_then(|s| s.unit_cost);
    for d in &diff.adds {
        let _ = writeln!(text, "  + {}  at {}", who(d), cost(after(d)));
    }
    for d in &diff.updates {
        let _ = writeln!(
            text,
            "  ~ {}  {} → {}",
            who(d),
            cost(before(d)),
            cost(after(d))
        );
    }
    for d in &diff.removes {
        let _ = writeln!(text, "  - {}  (was {})", who(d), cost(before(d)));
    }
}

fn counts(diff: &MemberDiff, add: &str, change: &str, remove: &str) -> String {
    format!(
        "{} {add}, {} {change}, {} {remove}",
        diff.adds.len(),
        diff.updates.len(),
        diff.removes.len()
    )
}

/// What applying would change (and, for an import, what the file held).
pub fn preview(
    current: &ProjectMembers,
    diff: &MemberDiff,
    import: Option<&ImportReport>,
) -> String {
    let mut text = String::new();
    if let Some(report) = import {
        let unchanged = report
            .rows
            .iter()
            .filter(|r| r.status == ImportStatus::Unchanged)
            .count();
        let read = report.rows.iter().filter(|r| r.line > 0).count();
        let _ = writeln!(text, "Read {read} rows; {unchanged} unchanged.");
    }
    let project = project_label(&current.project);
    if diff.is_empty() {
        let _ = writeln!(
            text,
            "Nothing to change in {project}: the members are as asked already."
        );
        return text;
    }
    let _ = writeln!(
        text,
        "{project}: {}.",
        counts(diff, "to add", "to change", "to remove")
    );
    delta_lines(&mut text, diff);
    text
}

/// What an apply really changed, and what the server refused.
pub fn applied(report: &ApplyReport, audit_id: u32) -> String {
    let mut text = format!(
        "Applied to {}: {} ({} requests; audit entry {audit_id}).\n",
        project_label(&report.project),
        counts(&report.changes, "added", "changed", "removed"),
        report.requests
    );
    delta_lines(&mut text, &report.changes);
    if !report.failures.is_empty() {
        let _ = writeln!(text, "{} changes failed:", report.failures.len());
        for failure in &report.failures {
            let _ = writeln!(text, "  ✘ {}", failure.message);
        }
    }
    text
}

/// Someone changed the members between the read and the apply.
pub fn conflict(current: &ProjectMembers, changed: &MemberDiff) -> String {
    let mut text = format!(
        "Someone changed the members of {} since they were read ({}), so nothing was applied:\n",
        project_label(&current.project),
        counts(changed, "added", "changed", "removed")
    );
    delta_lines(&mut text, changed);
    text.push_str("Run the command again to start from the members as they are now.\n");
    text
}

fn status_word(status: ImportStatus) -> &'static str {
    match status {
        ImportStatus::UnknownUser => "unknown user",
        ImportStatus::Ambiguous => "ambiguous",
        ImportStatus::BadNumber => "bad number",
        ImportStatus::Duplicate => "duplicate",
        ImportStatus::MissingUser => "no user",
        ImportStatus::Add => "add",
        ImportStatus::Update => "update",
        ImportStatus::Unchanged => "unchanged",
        ImportStatus::Remove => "remove",
    }
}

/// An import with bad rows: each of them, and that nothing was applied.
pub fn import_refused(report: &ImportReport) -> String {
    let read = report.rows.iter().filter(|r| r.line > 0).count();
    let mut text = format!(
        "{} of {read} rows cannot be imported, so nothing was applied:\n",
        report.bad_rows
    );
    for row in report.rows.iter().filter(|r| r.status.is_bad()) {
        let _ = writeln!(
            text,
            "  line {}  {}  {}: {}",
            row.line,
            row.user,
            status_word(row.status),
            row.message.as_deref().unwrap_or("")
        );
    }
    text.push_str("Fix these rows and run the command again.\n");
    text
}
