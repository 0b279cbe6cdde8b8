//! The text forms of sync profiles: the `profile list` table and what
//! `profile add` reports — the maps it pre-filled, what is left unmapped,
//! and the permissions the technical users lack.

use std::fmt::Write as _;

use kakehashi_core::sync::jira_ttnx::{
    Choice, MappingSuggestions, MatchedBy, PermissionCheck, ValueSuggestions,
};
use kakehashi_core::sync::model::{GroupBy, Schedule, Scope, Side, SyncProfile};

use crate::credential_text::when;

pub fn table(profiles: &[SyncProfile]) -> String {
    if profiles.is_empty() {
        return "No sync profiles yet. Add one with: kakehashi profile add --name NAME --connection NAME --jira-project KEY --ttnx-project PROJECT\n".to_owned();
    }
    let rows: Vec<[String; 6]> = profiles
        .iter()
        .map(|p| {
            let last_run = match &p.last_run {
                Some(run) => format!(
                    "{} {}",
                    crate::sync_text::outcome_word(run.outcome),
                    when(run.finished_at.as_deref().unwrap_or(&run.started_at))
                ),
                None => "never run (preview first: sync run --dry-run)".to_owned(),
            };
            [
                p.id.to_string(),
                p.name.clone(),
                p.connection_name.clone(),
                scope(&p.scope),
                schedule(&p.schedule),
                last_run,
            ]
        })
        .collect();
    crate::table::render(
        ["ID", "NAME", "CONNECTION", "SCOPE", "SCHEDULE", "LAST RUN"],
        &rows,
    )
}

pub fn scope(scope: &Scope) -> String {
    match scope {
        Scope::JiraTtnx {
            jira_project,
            ttnx_project_id,
            ttnx_folder_id,
            group_by,
            board_id,
        } => {
            let groups = match (group_by, board_id) {
                (GroupBy::Version, _) => "versions".to_owned(),
                (GroupBy::Sprint, Some(board)) => format!("sprints of board {board}"),
                (GroupBy::Sprint, None) => "sprints".to_owned(),
            };
            format!(
                "Jira {jira_project} ↔ TT NX project {ttnx_project_id} folder {ttnx_folder_id}, by {groups}"
            )
        }
    }
}

pub fn schedule(schedule: &Schedule) -> String {
    match schedule {
        Schedule::Off => "off".to_owned(),
        Schedule::Every { minutes } if minutes % 60 == 0 => format!("every {} h", minutes / 60),
        Schedule::Every { minutes } => format!("every {minutes} min"),
        Schedule::BusinessHours {
            from,
            to,
            time_zone,
            every_minutes,
            ..
        } => format!("every {every_minutes} min, {from}–{to} {time_zone}"),
    }
}

/// "WEB 開発 (1002), プロジェクト管理 (1010)" — for error messages.
pub fn choices(choices: &[Choice]) -> String {
    if choices.is_empty() {
        return "none".to_owned();
    }
    choices
        .iter()
        .map(|c| match &c.detail {
            Some(detail) => format!("{} ({}, {detail})", c.name, c.id),
            None => format!("{} ({})", c.name, c.id),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn added(profile: &SyncProfile, suggestions: &MappingSuggestions) -> String {
    let mut text = format!(
        "Added profile “{}” ({}) on {}: {}; schedule {}.\n",
        profile.name,
        profile.id,
        profile.connection_name,
        scope(&profile.scope),
        schedule(&profile.schedule)
    );
    text.push_str("Maps pre-filled from what matches on both servers:\n");
    value_line(&mut text, "statuses", &suggestions.status);
    value_line(&mut text, "types", &suggestions.item_type);
    value_line(&mut text, "priorities", &suggestions.priority);
    let by = |how: MatchedBy| {
        suggestions
            .users
            .iter()
            .filter(|u| u.matched_by == how)
            .count()
    };
    let _ = writeln!(
        text,
        "  people      {} matched ({} by e-mail, {} by login, {} by name)",
        suggestions.users.len(),
        by(MatchedBy::Email),
        by(MatchedBy::Login),
        by(MatchedBy::Name)
    );
    for (side, people) in [
        (Side::Left, &suggestions.unresolved_left),
        (Side::Right, &suggestions.unresolved_right),
    ] {
        if !people.is_empty() {
            let _ = writeln!(
                text,
                "  unmapped people on the {} side: {}",
                side_word(side),
                names(people)
            );
        }
    }
    if !suggestions.unresolved_left.is_empty() || !suggestions.unresolved_right.is_empty() {
        text.push_str("  Items of unmapped people or values are reported as problems until they are mapped (in the app's profile editor or Problems inbox).\n");
    }
    permissions(&mut text, &suggestions.permissions);
    let _ = writeln!(
        text,
        "Preview the first run with: kakehashi sync run \"{}\" --dry-run",
        profile.name
    );
    text
}

fn value_line(text: &mut String, label: &str, values: &ValueSuggestions) {
    let unmapped: Vec<Choice> = values
        .left
        .iter()
        .filter(|c| !values.pairs.iter().any(|p| p.left == c.id))
        .cloned()
        .collect();
    let _ = write!(
        text,
        "  {label:<11} {} of {} left values mapped",
        values.left.len() - unmapped.len(),
        values.left.len()
    );
    if unmapped.is_empty() {
        text.push('\n');
    } else {
        let _ = writeln!(text, "; unmapped: {}", names(&unmapped));
    }
}

fn permissions(text: &mut String, checks: &[PermissionCheck]) {
    if checks.is_empty() {
        return;
    }
    text.push_str("Permissions of the technical users:\n");
    for check in checks {
        let mark = if check.granted { "✓" } else { "✗" };
        let _ = write!(
            text,
            "  {mark} {} side, {}: {}",
            side_word(check.side),
            check.project,
            check.permission
        );
        if check.granted {
            text.push('\n');
        } else {
            let _ = writeln!(text, " — {}", check.message);
        }
    }
}

fn names(choices: &[Choice]) -> String {
    choices
        .iter()
        .map(|c| c.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn side_word(side: Side) -> &'static str {
    match side {
        Side::Left => "left",
        Side::Right => "right",
    }
}
