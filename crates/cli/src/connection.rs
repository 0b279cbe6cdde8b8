//! `kakehashi connection add|list|remove|test` (DESIGN §7). The test prints
//! the same checklist as the app, in the OS language, line by line as the
//! checks finish.

use kakehashi_core::connection_test::{self, Outcome, TestProgress, TestTarget};
use kakehashi_core::language::Language;
use kakehashi_core::paths::AppPaths;
use kakehashi_core::store::Database;
use kakehashi_core::workspace::connections::{self, ConnectionSide, Direction, NewConnection};
use kakehashi_core::AppError;
use kakehashi_secrets::Keychain;
use serde_json::json;

use crate::args::{ConnectionAddArgs, ConnectionCommand};
use crate::connection_text;
use crate::output::{emit, Rendered};

pub fn run(
    paths: &AppPaths,
    command: &ConnectionCommand,
    json: bool,
) -> Result<Rendered, AppError> {
    let db = Database::open(&paths.database_path())?;
    match command {
        ConnectionCommand::Add(args) => add(&db, args),
        ConnectionCommand::List => {
            let all = connections::overview(&db)?;
            let text = connection_text::table(&all);
            Rendered::new(&json!({ "connections": all }), text)
        }
        ConnectionCommand::Remove { name } => {
            let connection = connections::by_name(&db, name)?;
            connections::remove(&db, connection.id)?;
            let text = format!("Removed connection “{}”.\n", connection.name);
            Rendered::new(&connection, text)
        }
        ConnectionCommand::Test { name } => test(&db, name, json),
    }
}

fn add(db: &Database, args: &ConnectionAddArgs) -> Result<Rendered, AppError> {
    let connection = connections::add(
        db,
        &NewConnection {
            name: args.name.clone(),
            left: ConnectionSide {
                server_id: args.left,
                credential_id: args.left_credential,
            },
            right: ConnectionSide {
                server_id: args.right,
                credential_id: args.right_credential,
            },
            direction: direction(&args.direction)?,
        },
    )?;
    let text = format!(
        "Added connection “{}” ({}). Test it with: kakehashi connection test \"{}\"\n",
        connection.name, connection.id, connection.name
    );
    Rendered::new(&connection, text)
}

fn direction(raw: &str) -> Result<Direction, AppError> {
    match raw.trim() {
        "both" => Ok(Direction::Both),
        "left-to-right" => Ok(Direction::LeftToRight),
        "right-to-left" => Ok(Direction::RightToLeft),
        other => Err(AppError::validation(
            "direction",
            format!("“{other}” is not a direction. Use both, left-to-right or right-to-left."),
        )),
    }
}

/// Runs the test, printing each finished check at once (text mode), records
/// it, and fails with exit code 1 when a check failed — the report is still
/// printed in full, so a script gets both the verdict and the reasons.
fn test(db: &Database, name: &str, json: bool) -> Result<Rendered, AppError> {
    let language = Language::from_os();
    let connection = connections::by_name(db, name)?;
    let plan = connection_test::prepare(db, &Keychain, TestTarget::Connection(connection.id))?;
    let streaming = !json;
    let pending = plan.pending(language);
    if streaming {
        emit(&connection_text::test_heading(&connection.name, &pending));
    }
    let progress = |event: TestProgress| {
        if let (true, TestProgress::Check { side, check }) = (streaming, &event) {
            if let Some(lines) = connection_text::finished_check(&pending, *side, check) {
                emit(&lines);
            }
        }
    };
    let recorded = crate::runtime::current_thread()?.block_on(plan.run(language, &progress));
    connection_test::record(db, &recorded)?;
    let report = recorded.report(language);
    let text = if streaming {
        connection_text::test_footer(&report)
    } else {
        String::new()
    };
    let rendered = Rendered::new(&report, text)?;
    Ok(match report.outcome {
        Outcome::Failed => rendered.failing(),
        Outcome::Passed | Outcome::Warning => rendered,
    })
}
