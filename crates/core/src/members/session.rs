//! What a members screen needs around the plain reads and the apply: who is
//! signed in and whether they may edit at all (asked before any editing
//! starts, so nobody stages fifty edits to have them refused), the audit
//! identity of an apply, and an undo ready to preview.

use kakehashi_ttnx::model::ProjectId;
use kakehashi_ttnx::TtnxClient;
use serde::{Deserialize, Serialize};

use super::apply::{apply, ApplyOutcome};
use super::audit::{self, Identity};
use super::diff::MemberDiff;
use super::model::ProjectMembers;
use super::read::{load, project_key};
use super::staging::Staged;
use crate::AppResult;

/// A project's members and what the signed-in account may do with them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MembersView {
    pub members: ProjectMembers,
    /// `false`: the account lacks Manage Project here; nothing can be applied.
    pub can_manage: bool,
    /// "Kakehashi Sync (kakehashi-sync)": whom TimeTracker NX sees.
    pub signed_in_as: String,
}

/// An apply as the app reports it: what happened, and its audit entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MembersApplied {
    pub outcome: ApplyOutcome,
    /// The audit log entry of an apply; `None` for a conflict (nothing sent).
    pub audit_id: Option<u32>,
}

/// The inverse of a logged apply, on the members as they are now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct UndoProposal {
    pub server_id: u32,
    pub base: ProjectMembers,
    pub staged: Staged,
    pub preview: MemberDiff,
}

/// The members of `project_id`, who is signed in, and whether they may
/// manage the project (four requests: project, its users, me, the probe).
pub async fn view(client: &TtnxClient, project_id: &str) -> AppResult<MembersView> {
    let members = load(client, project_id).await?;
    let id: ProjectId = project_key(project_id)?;
    let can_manage = client.may_manage_project(&id).await?;
    let me = client.me().await?;
    let signed_in_as = match me.login_name.filter(|login| !login.trim().is_empty()) {
        Some(login) if login != me.name => format!("{} ({login})", me.name),
        _ => me.name,
    };
    Ok(MembersView {
        members,
        can_manage,
        signed_in_as,
    })
}

/// The account an apply is logged under: the login name, else the name.
pub async fn audit_identity(client: &TtnxClient, server_id: u32) -> AppResult<Identity> {
    let me = client.me().await?;
    let account = me
        .login_name
        .filter(|login| !login.trim().is_empty())
        .unwrap_or(me.name);
    Ok(Identity::new(account, server_id))
}

/// Applies and, when something was applied, logs it. The log write needs
/// the database only after the network work, so `record` is handed in: the
/// app takes its database lock there and nowhere across an await.
pub async fn apply_and_log(
    client: &TtnxClient,
    server_id: u32,
    base: &ProjectMembers,
    staged: &Staged,
    record: impl FnOnce(&Identity, &super::ApplyReport) -> AppResult<u32>,
) -> AppResult<MembersApplied> {
    let who = audit_identity(client, server_id).await?;
    let outcome = apply(client, base, staged).await?;
    let audit_id = match &outcome {
        ApplyOutcome::Applied(report) => Some(record(&who, report)?),
        ApplyOutcome::Conflict { .. } => None,
    };
    Ok(MembersApplied { outcome, audit_id })
}

/// Reads the project of a logged apply and plans its undo on the members
/// as they are now; `plan` is `audit::undo_plan` with the database (taken
/// after the read, like `record` above).
pub async fn undo_proposal(
    client: &TtnxClient,
    entry: &audit::AuditEntry,
    plan: impl FnOnce(&ProjectMembers) -> AppResult<Staged>,
) -> AppResult<UndoProposal> {
    let base = load(client, &entry.project_id).await?;
    let staged = plan(&base)?;
    let preview = staged.preview(&base);
    Ok(UndoProposal {
        server_id: entry.server_id,
        base,
        staged,
        preview,
    })
}
