//! `kakehashi profile add|list|remove` (DESIGN §7). `add` resolves the
//! scope the way a person names it (project code or name, folder name),
//! asks the servers which statuses, types, priorities and people match,
//! saves the profile with those maps and says what is left to map.

use std::path::Path;
use std::sync::Arc;

use kakehashi_core::paths::AppPaths;
use kakehashi_core::store::Database;
use kakehashi_core::sync::jira_ttnx::{self, Choice, MappingSuggestions};
use kakehashi_core::sync::model::{
    ConflictPolicy, DeletionPolicy, Entities, GroupBy, ProfileDraft, Schedule, Scope, UserPair,
    ValueMaps,
};
use kakehashi_core::sync::profile;
use kakehashi_core::workspace::connections;
use kakehashi_core::AppError;
use kakehashi_secrets::{Keychain, SecretStore};
use serde_json::json;

use crate::args::{ConflictArg, DeletionArg, GroupByArg, ProfileAddArgs, ProfileCommand};
use crate::output::Rendered;
use crate::profile_text;

pub fn run(paths: &AppPaths, command: &ProfileCommand) -> Result<Rendered, AppError> {
    let db_path = paths.database_path();
    let db = Database::open(&db_path)?;
    match command {
        ProfileCommand::Add(args) => add(&db, &db_path, args),
        ProfileCommand::List => {
            let all = profile::list(&db)?;
            let text = profile_text::table(&all);
            Rendered::new(&json!({ "profiles": all }), text)
        }
        ProfileCommand::Remove { name } => {
            let found = profile::find(&db, name)?;
            profile::remove(&db, found.id)?;
            let text = format!(
                "Removed profile “{}” with its links, journal and problems; the synced items stay on both servers.\n",
                found.name
            );
            Rendered::new(&found, text)
        }
    }
}

fn add(db: &Database, db_path: &Path, args: &ProfileAddArgs) -> Result<Rendered, AppError> {
    // Everything that needs no server first: bad flags fail fast (exit 2).
    let schedule = parse_schedule(&args.schedule)?;
    let group_by = match args.group_by {
        GroupByArg::Version => GroupBy::Version,
        GroupByArg::Sprint => GroupBy::Sprint,
    };
    if group_by == GroupBy::Sprint && args.board.is_none() {
        return Err(AppError::validation(
            "board",
            "--group-by sprint needs the board whose sprints are the groups: add --board ID (the board's id or name in Jira).",
        ));
    }
    let connection = connections::by_name(db, &args.connection)?;
    let secrets: Arc<dyn SecretStore> = Arc::new(Keychain);
    let runtime = crate::runtime::current_thread()?;
    let (mut draft, suggestions) = runtime.block_on(async {
        let options = jira_ttnx::scope_options(db_path, secrets.clone(), connection.id).await?;
        let jira = pick_jira_project(&options.jira_projects, &args.jira_project)?;
        let ttnx = pick(&options.ttnx_projects, &args.ttnx_project).ok_or_else(|| {
            AppError::validation(
                "ttnx-project",
                format!(
                    "No TimeTracker NX project has the id, code or name “{}”. The projects the connection can see: {}.",
                    args.ttnx_project,
                    profile_text::choices(&options.ttnx_projects)
                ),
            )
        })?;
        let folders =
            jira_ttnx::ttnx_folders(db_path, secrets.clone(), connection.id, &ttnx.id).await?;
        let folder = pick_folder(&folders, args.ttnx_folder.as_deref(), &ttnx.name)?;
        let board_id = match &args.board {
            Some(board) => {
                let boards =
                    jira_ttnx::jira_boards(db_path, secrets.clone(), connection.id, &jira.id)
                        .await?;
                Some(pick_board(&boards, board, &jira.id)?)
            }
            None => None,
        };
        let scope = Scope::JiraTtnx {
            jira_project: jira.id.clone(),
            ttnx_project_id: ttnx.id.clone(),
            ttnx_folder_id: folder.id.clone(),
            group_by,
            board_id,
        };
        let draft = draft(args, connection.id, scope, schedule);
        let suggestions = jira_ttnx::suggestions(db_path, secrets.clone(), &draft).await?;
        Ok::<_, AppError>((draft, suggestions))
    })?;
    apply_suggestions(&mut draft, &suggestions);
    let saved = profile::save(db, &draft)?;
    let text = profile_text::added(&saved, &suggestions);
    let mut document = serde_json::to_value(&saved)
        .map_err(|err| AppError::internal(format!("Could not encode the profile: {err}")))?;
    document["setup"] = json!({
        "matchedUsers": suggestions.users,
        "unresolvedLeft": suggestions.unresolved_left,
        "unresolvedRight": suggestions.unresolved_right,
        "permissions": suggestions.permissions,
    });
    Rendered::new(&document, text)
}

fn draft(
    args: &ProfileAddArgs,
    connection_id: u32,
    scope: Scope,
    schedule: Schedule,
) -> ProfileDraft {
    ProfileDraft {
        id: None,
        name: args.name.trim().to_owned(),
        connection_id,
        scope,
        entities: Entities {
            items: true,
            worklogs: args.worklogs,
        },
        fields: profile::default_fields(),
        value_maps: ValueMaps {
            status: Vec::new(),
            item_type: Vec::new(),
            priority: Vec::new(),
        },
        user_map: Vec::new(),
        conflict_policy: match args.conflict {
            ConflictArg::Newest => ConflictPolicy::NewestWins,
            ConflictArg::Left => ConflictPolicy::LeftWins,
            ConflictArg::Right => ConflictPolicy::RightWins,
            ConflictArg::Ask => ConflictPolicy::Ask,
        },
        deletion: match args.deletion {
            DeletionArg::Ignore => DeletionPolicy::Ignore,
            DeletionArg::Mirror => DeletionPolicy::Mirror,
            DeletionArg::Archive => DeletionPolicy::Archive,
        },
        schedule,
        threshold_percent: args.threshold,
    }
}

/// The maps pre-filled with every pair the servers agree on.
fn apply_suggestions(draft: &mut ProfileDraft, suggestions: &MappingSuggestions) {
    draft.value_maps = ValueMaps {
        status: suggestions.status.pairs.clone(),
        item_type: suggestions.item_type.pairs.clone(),
        priority: suggestions.priority.pairs.clone(),
    };
    draft.user_map = suggestions
        .users
        .iter()
        .map(|suggestion| suggestion.pair.clone())
        .collect::<Vec<UserPair>>();
}

/// `off`, `15m`, `1h`, `90m`: every N minutes or hours.
pub fn parse_schedule(raw: &str) -> Result<Schedule, AppError> {
    let text = raw.trim().to_ascii_lowercase();
    if text == "off" {
        return Ok(Schedule::Off);
    }
    let bad = || {
        AppError::validation(
            "schedule",
            format!("“{raw}” is not a schedule. Use off, or every N minutes or hours: 15m, 1h, 90m (at least 5m)."),
        )
    };
    let (number, unit) = text.split_at(text.len().saturating_sub(1));
    let count: u32 = number.parse().map_err(|_| bad())?;
    let minutes = match unit {
        "m" => count,
        "h" => count.checked_mul(60).ok_or_else(bad)?,
        _ => return Err(bad()),
    };
    if minutes < 5 {
        return Err(AppError::validation(
            "schedule",
            format!("Every {minutes} minutes is too often for the servers: use at least 5m."),
        ));
    }
    Ok(Schedule::Every { minutes })
}

/// A choice named by its id, exact name, or (TT NX projects) code, which
/// the detail starts with.
fn pick<'a>(choices: &'a [Choice], wanted: &str) -> Option<&'a Choice> {
    let wanted = wanted.trim();
    choices
        .iter()
        .find(|c| c.id == wanted)
        .or_else(|| choices.iter().find(|c| c.name == wanted))
        .or_else(|| {
            choices.iter().find(|c| {
                c.detail
                    .as_deref()
                    .and_then(|d| d.split_whitespace().next())
                    .is_some_and(|code| code.eq_ignore_ascii_case(wanted))
            })
        })
}

fn pick_jira_project<'a>(projects: &'a [Choice], key: &str) -> Result<&'a Choice, AppError> {
    let key = key.trim();
    projects
        .iter()
        .find(|c| c.id.eq_ignore_ascii_case(key))
        .or_else(|| projects.iter().find(|c| c.name == key))
        .ok_or_else(|| {
            AppError::validation(
                "jira-project",
                format!(
                    "No Jira project has the key “{key}”. The projects the connection can see: {}.",
                    profile_text::choices(projects)
                ),
            )
        })
}

/// The folder named, or the project's only top-level folder.
fn pick_folder<'a>(
    folders: &'a [Choice],
    wanted: Option<&str>,
    project: &str,
) -> Result<&'a Choice, AppError> {
    match (wanted, folders) {
        (Some(wanted), _) => pick(folders, wanted).ok_or_else(|| {
            AppError::validation(
                "ttnx-folder",
                format!(
                    "“{wanted}” is not a folder directly under {project}. Its folders: {}.",
                    profile_text::choices(folders)
                ),
            )
        }),
        (None, [only]) => Ok(only),
        (None, []) => Err(AppError::validation(
            "ttnx-folder",
            format!("{project} has no folder directly under it: create one in TimeTracker NX for the Jira project (its versions or sprints go below it), then add the profile again."),
        )),
        (None, _) => Err(AppError::validation(
            "ttnx-folder",
            format!(
                "{project} has several top-level folders; name the one that mirrors the Jira project with --ttnx-folder: {}.",
                profile_text::choices(folders)
            ),
        )),
    }
}

fn pick_board(boards: &[Choice], wanted: &str, project: &str) -> Result<String, AppError> {
    pick(boards, wanted).map(|b| b.id.clone()).ok_or_else(|| {
        AppError::validation(
            "board",
            format!(
                "No board of {project} has the id or name “{wanted}”. Its boards: {}.",
                profile_text::choices(boards)
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedules_are_off_or_minutes_or_hours_of_at_least_five_minutes() {
        assert_eq!(parse_schedule("off").unwrap(), Schedule::Off);
        assert_eq!(
            parse_schedule(" 15m").unwrap(),
            Schedule::Every { minutes: 15 }
        );
        assert_eq!(
            parse_schedule("1H").unwrap(),
            Schedule::Every { minutes: 60 }
        );
        assert_eq!(
            parse_schedule("90m").unwrap(),
            Schedule::Every { minutes: 90 }
        );
        for bad in ["", "m", "15", "15s", "-5m", "4m", "0h", "99999999999h"] {
            let err = parse_schedule(bad).unwrap_err();
            assert!(err.is_bad_input(), "{bad}");
        }
    }

    fn choice(id: &str, name: &str, detail: Option<&str>) -> Choice {
        Choice {
            id: id.into(),
            name: name.into(),
            detail: detail.map(Into::into),
        }
    }

    #[test]
    fn a_folder_is_named_or_the_only_one_and_otherwise_the_error_lists_them() {
        let folders = [
            choice("1002", "WEB 開発", None),
            choice("1010", "プロジェクト管理", None),
        ];
        assert_eq!(
            pick_folder(&folders, Some("WEB 開発"), "WEB").unwrap().id,
            "1002"
        );
        assert_eq!(
            pick_folder(&folders, Some("1010"), "WEB").unwrap().id,
            "1010"
        );
        assert_eq!(pick_folder(&folders[..1], None, "WEB").unwrap().id, "1002");
        let several = pick_folder(&folders, None, "WEB").unwrap_err().to_string();
        assert!(
            several.contains("WEB 開発") && several.contains("プロジェクト管理"),
            "{several}"
        );
        assert!(pick_folder(&[], None, "INT").unwrap_err().is_bad_input());
        assert!(pick_folder(&folders, Some("nope"), "WEB").is_err());
    }

    #[test]
    fn projects_are_found_by_id_name_or_code() {
        let projects = [choice("1001", "Webサイト刷新", Some("WEB · 7 members"))];
        assert!(pick(&projects, "1001").is_some());
        assert!(pick(&projects, "Webサイト刷新").is_some());
        assert!(pick(&projects, "web").is_some());
        assert!(pick(&projects, "SYS").is_none());
    }
}
