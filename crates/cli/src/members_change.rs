//! `kakehashi members add|update|remove|import`: stage the edits on the
//! members as they are now, show the preview, ask (or take --yes), apply
//! them in one `memberChange`, record the apply in the audit log, and print
//! what really changed. Someone else changing the members between the read
//! and the apply stops it with the differences (exit 1); a member the
//! server refused is reported while the rest stands (exit 1).

use std::io::Read;
use std::path::Path;

use kakehashi_core::members::audit;
use kakehashi_core::members::{
    self, parse_unit_cost, ApplyOutcome, ImportReport, ProjectMembers, Staged, StagedAdd,
};
use kakehashi_core::AppError;
use serde_json::json;

use crate::args::{
    ConfirmArgs, MembersAddArgs, MembersImportArgs, MembersRemoveArgs, MembersUpdateArgs,
};
use crate::members::{resolve_users, Session};
use crate::members_text;
use crate::output::Rendered;
use crate::secret_input::Input;

pub fn add(session: &Session, args: &MembersAddArgs) -> Result<Rendered, AppError> {
    let unit_cost = match &args.unit_cost {
        Some(text) => parse_unit_cost(text)?,
        None => None,
    };
    let current = session.members(&args.target.project)?;
    let directory = session.directory()?;
    let mut staged = Staged::new();
    for user in resolve_users(&directory, &args.users)? {
        staged.add(
            &current,
            StagedAdd {
                user_id: user.id.to_string(),
                name: user.name.clone(),
                unit_cost,
            },
        )?;
    }
    confirm_and_apply(session, &current, &staged, args.confirm, None)
}

pub fn update(session: &Session, args: &MembersUpdateArgs) -> Result<Rendered, AppError> {
    let unit_cost = match &args.unit_cost {
        Some(text) => parse_unit_cost(text)?,
        None => None,
    };
    let current = session.members(&args.target.project)?;
    let member_ids = member_ids(session, &current, &args.users)?;
    let mut staged = Staged::new();
    match args.percent {
        Some(percent) => staged.change_by_percent(&current, &member_ids, percent)?,
        // `--unit-cost` (or `--default`, which leaves `unit_cost` empty).
        None => {
            for member_id in &member_ids {
                staged.update(&current, member_id, unit_cost)?;
            }
        }
    }
    confirm_and_apply(session, &current, &staged, args.confirm, None)
}

pub fn remove(session: &Session, args: &MembersRemoveArgs) -> Result<Rendered, AppError> {
    let current = session.members(&args.target.project)?;
    let member_ids = member_ids(session, &current, &args.users)?;
    let mut staged = Staged::new();
    for member_id in &member_ids {
        staged.remove(&current, member_id)?;
    }
    confirm_and_apply(session, &current, &staged, args.confirm, None)
}

pub fn import(session: &Session, args: &MembersImportArgs) -> Result<Rendered, AppError> {
    let from_stdin = args.file == Path::new("-");
    if from_stdin && !args.confirm.yes && !args.confirm.dry_run {
        return Err(AppError::validation(
            "yes",
            "Standard input carries the file, so nobody can be asked: pass --yes to apply, or --dry-run for the preview only.",
        ));
    }
    let text = read_csv(&args.file, from_stdin)?;
    let current = session.members(&args.target.project)?;
    let report = session.runtime.block_on(members::import_csv(
        &session.client,
        &current,
        &text,
        args.remove_missing,
    ))?;
    if report.bad_rows > 0 {
        let text = members_text::import_refused(&report);
        return Ok(
            Rendered::new(&json!({ "applied": false, "report": report }), text)?.bad_input(),
        );
    }
    confirm_and_apply(
        session,
        &current,
        &report.staged,
        args.confirm,
        Some(&report),
    )
}

/// The member ids of the users named; each must be a member.
fn member_ids(
    session: &Session,
    current: &ProjectMembers,
    names: &[String],
) -> Result<Vec<String>, AppError> {
    let directory = session.directory()?;
    resolve_users(&directory, names)?
        .into_iter()
        .map(|user| {
            current
                .member_of(user.id.as_str())
                .map(|member| member.member_id.clone())
                .ok_or_else(|| {
                    AppError::validation(
                        "user",
                        format!(
                            "{} is not a member of {}: add them with kakehashi members add.",
                            members_text::user_label(user),
                            members_text::project_label(&current.project)
                        ),
                    )
                })
        })
        .collect()
}

fn read_csv(file: &Path, from_stdin: bool) -> Result<String, AppError> {
    let mut bytes = Vec::new();
    let read = if from_stdin {
        std::io::stdin().read_to_end(&mut bytes).map(drop)
    } else {
        std::fs::read(file).map(|read| bytes = read)
    };
    read.map_err(|err| {
        AppError::validation(
            "file",
            format!(
                "Cannot read {}: {err}. Give the path of a CSV file.",
                file.display()
            ),
        )
    })?;
    String::from_utf8(bytes).map_err(|_| {
        AppError::validation(
            "file",
            format!("{} is not UTF-8 text (Excel on Japanese Windows saves CSV as Shift_JIS): save it as “CSV UTF-8” and import it again.", file.display()),
        )
    })
}

/// The preview, the question, the apply and its audit entry.
fn confirm_and_apply(
    session: &Session,
    current: &ProjectMembers,
    staged: &Staged,
    confirm: ConfirmArgs,
    import: Option<&ImportReport>,
) -> Result<Rendered, AppError> {
    let preview = staged.preview(current);
    let preview_text = members_text::preview(current, &preview, import);
    if staged.is_empty() || confirm.dry_run {
        let document = json!({
            "applied": false,
            "project": current.project,
            "preview": preview,
            "staged": staged,
            "report": import,
        });
        return Rendered::new(&document, preview_text);
    }
    if !confirm.yes {
        let mut input = Input::stdin();
        // The preview goes to stderr, with the question: stdout keeps the result.
        eprint!("{preview_text}");
        if !input.is_terminal() {
            return Err(AppError::validation(
                "yes",
                "Standard input is not a terminal, so nobody can be asked: pass --yes to apply, or --dry-run for the preview only.",
            ));
        }
        if !input.confirm("Apply?")? {
            return Err(AppError::validation("yes", "Nothing was applied."));
        }
    }
    let applied = session.runtime.block_on(members::session::apply_and_log(
        &session.client,
        session.server.id,
        current,
        staged,
        |who, report| audit::record(&session.db, who, report),
    ))?;
    match applied.outcome {
        ApplyOutcome::Applied(report) => {
            let audit_id = applied
                .audit_id
                .ok_or_else(|| AppError::internal("An apply was not written to the audit log."))?;
            let text = members_text::applied(&report, audit_id);
            let failed = !report.failures.is_empty();
            let outcome = ApplyOutcome::Applied(report);
            let rendered =
                Rendered::new(&json!({ "outcome": outcome, "auditId": audit_id }), text)?;
            Ok(if failed { rendered.failing() } else { rendered })
        }
        ApplyOutcome::Conflict { changed, current } => {
            let text = members_text::conflict(&current, &changed);
            let outcome = ApplyOutcome::Conflict { changed, current };
            let document = json!({ "outcome": outcome, "auditId": null });
            Ok(Rendered::new(&document, text)?.failing())
        }
    }
}
