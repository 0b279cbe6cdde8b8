//! Opening the connector of a profile: the connection's two servers and
//! the credential each side signs in with (the side's own, else the
//! server's service credential — `workspace::credentials::side`), the
//! clients, and what the sync must know before reading: the TT NX item and
//! status types, the TT NX technical user, and the TT NX server's zone
//! (the server's setting in Kakehashi, else the technical user's profile
//! zone). The database is closed before the first network call.

use std::path::Path;
use std::sync::Arc;

use kakehashi_jira::JiraClient;
use kakehashi_secrets::SecretStore;
use kakehashi_ttnx::model::{ProjectId, WorkItemId};
use kakehashi_ttnx::{Granularity, ServerZone, TtnxClient};

use super::setup::{completed, item_types, Setup};
use super::values::Translator;
use super::JiraTtnx;
use crate::remote::{endpoint_for, ClientCredentials};
use crate::store::Database;
use crate::sync::model::{Scope, Side, SyncProfile};
use crate::workspace::connections::{self, ConnectionSide};
use crate::workspace::credentials::side::for_side;
use crate::workspace::{servers, Server, ServerKind};
use crate::{AppError, AppResult};

/// Everything read from the database and keychain for one side.
pub(super) struct SideSignIn {
    pub(super) server: Server,
    pub(super) credentials: ClientCredentials,
}

pub(super) fn sign_in(
    db: &Database,
    secrets: &dyn SecretStore,
    side: &ConnectionSide,
) -> AppResult<SideSignIn> {
    let server = servers::get(db, side.server_id)?;
    let credential = for_side(db, secrets, &server, side.credential_id)?.ok_or_else(|| {
        AppError::validation(
            "connectionId",
            format!("The connection's side “{}” names no credential and the server has no service credential. Add one on Credentials and mark it as the service credential.", server.name),
        )
    })?;
    let credentials = credential.signing?;
    Ok(SideSignIn {
        server,
        credentials,
    })
}

pub(super) fn is_jira(kind: ServerKind) -> bool {
    matches!(kind, ServerKind::JiraCloud | ServerKind::JiraDataCenter)
}

/// The connector for `profile`, signed in on both sides.
pub async fn open(
    db_path: &Path,
    secrets: Arc<dyn SecretStore>,
    profile: &SyncProfile,
) -> AppResult<JiraTtnx> {
    let (left, right) = {
        let db = Database::open(db_path)?;
        let connection = connections::get(&db, profile.connection_id)?;
        (
            sign_in(&db, secrets.as_ref(), &connection.left)?,
            sign_in(&db, secrets.as_ref(), &connection.right)?,
        )
    };
    let (jira_side, jira, ttnx) = match (is_jira(left.server.kind), is_jira(right.server.kind)) {
        (true, false) if right.server.kind == ServerKind::TimeTrackerNx => (Side::Left, left, right),
        (false, true) if left.server.kind == ServerKind::TimeTrackerNx => (Side::Right, right, left),
        _ => {
            return Err(AppError::validation(
                "connectionId",
                format!("The profile “{}” syncs Jira with TimeTracker NX, but its connection joins {} and {}. Pick a connection between a Jira and a TimeTracker NX server.", profile.name, left.server.kind.product_name(), right.server.kind.product_name()),
            ))
        }
    };
    let jira_client = match jira.credentials {
        ClientCredentials::Jira(credentials) => {
            JiraClient::connect(endpoint_for(&jira.server)?, credentials).await?
        }
        _ => return Err(wrong_kind(&jira.server)),
    };
    let ttnx_client = match ttnx.credentials {
        ClientCredentials::Ttnx(credentials) => {
            TtnxClient::new(endpoint_for(&ttnx.server)?, credentials)?
        }
        _ => return Err(wrong_kind(&ttnx.server)),
    };
    let zone = match ttnx
        .server
        .time_zone
        .as_deref()
        .filter(|z| !z.trim().is_empty())
    {
        Some(name) => Some(ServerZone::named(name)?),
        None => None,
    };
    let setup = prepare(
        profile,
        jira_side,
        (jira.server.id, jira.server.name.clone()),
        (ttnx.server.id, ttnx.server.name.clone()),
        &ttnx_client,
        zone,
    )
    .await?;
    Ok(JiraTtnx::new(jira_client, ttnx_client, setup))
}

pub(super) fn wrong_kind(server: &Server) -> AppError {
    AppError::validation(
        "connectionId",
        format!("The credential of “{}” is not one this server accepts; pick one of its own credentials for the connection.", server.name),
    )
}

/// The profile's setup, asking TT NX what it must (`users/me`, item and
/// status types: three requests). `zone` None: the technical user's zone.
pub async fn prepare(
    profile: &SyncProfile,
    jira_side: Side,
    jira_server: (u32, String),
    ttnx_server: (u32, String),
    ttnx: &TtnxClient,
    zone: Option<ServerZone>,
) -> AppResult<Setup> {
    let Scope::JiraTtnx {
        jira_project,
        ttnx_project_id,
        ttnx_folder_id,
        group_by,
        board_id,
    } = &profile.scope;
    let board = match board_id.as_deref().map(str::trim).filter(|b| !b.is_empty()) {
        Some(text) => Some(text.parse::<u64>().map_err(|_| {
            AppError::validation(
                "boardId",
                format!("“{text}” is not a Jira board id; pick the board again in the profile."),
            )
        })?),
        None => None,
    };
    let me = ttnx.me().await?;
    let ttnx_zone = match zone {
        Some(zone) => zone,
        None => ServerZone::named(me.time_zone.as_deref().unwrap_or_default()).map_err(|_| {
            AppError::validation("timeZone", format!("Neither the TimeTracker NX server “{}” nor its technical user's profile names a time zone. Enter the server's zone in the server settings.", ttnx_server.1))
        })?,
    };
    let (folder_types, group_type, task_type) = item_types(&ttnx.item_types().await?)?;
    let completed_statuses = completed(&ttnx.status_types().await?);
    Ok(Setup {
        profile_id: profile.id,
        jira_side,
        jira_server,
        ttnx_server,
        jira_project: jira_project.clone(),
        ttnx_project: ProjectId::from(ttnx_project_id.as_str()),
        ttnx_folder: WorkItemId::from(ttnx_folder_id.as_str()),
        group_by: *group_by,
        board,
        translator: Translator {
            jira_side,
            maps: profile.value_maps.clone(),
            users: profile.user_map.clone(),
        },
        ttnx_me: me.id,
        folder_types,
        group_type,
        task_type,
        completed_statuses,
        ttnx_zone,
        granularity: Granularity::default(),
        worklogs: profile.entities.worklogs,
    })
}
