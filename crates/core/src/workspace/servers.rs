//! Servers: a vendor kind and the URLs to reach it.

use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::store::Database;
use crate::{clock, AppError, AppResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum ServerKind {
    JiraCloud,
    JiraDataCenter,
    TimeTrackerNx,
    Asana,
}

impl ServerKind {
    const ALL: [ServerKind; 4] = [
        ServerKind::JiraCloud,
        ServerKind::JiraDataCenter,
        ServerKind::TimeTrackerNx,
        ServerKind::Asana,
    ];

    /// The value stored in SQLite (the same as the serialised name).
    pub fn as_db(self) -> &'static str {
        match self {
            ServerKind::JiraCloud => "jiraCloud",
            ServerKind::JiraDataCenter => "jiraDataCenter",
            ServerKind::TimeTrackerNx => "timeTrackerNx",
            ServerKind::Asana => "asana",
        }
    }

    fn from_db(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_db() == value)
    }

    /// The product name, the same in every language.
    pub fn product_name(self) -> &'static str {
        match self {
            ServerKind::JiraCloud => "Jira Cloud",
            ServerKind::JiraDataCenter => "Jira Data Center",
            ServerKind::TimeTrackerNx => "TimeTracker NX",
            ServerKind::Asana => "Asana",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Server {
    pub id: u32,
    pub kind: ServerKind,
    pub name: String,
    pub base_url: String,
    pub alt_url: Option<String>,
    pub time_zone: Option<String>,
    pub is_demo: bool,
    pub created_at: String,
}

#[derive(Debug, Clone)]
pub struct NewServer {
    pub kind: ServerKind,
    pub name: String,
    pub base_url: String,
    pub alt_url: Option<String>,
    pub time_zone: Option<String>,
    pub is_demo: bool,
}

const COLUMNS: &str = "id, kind, name, base_url, alt_url, time_zone, is_demo, created_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Server> {
    let kind: String = row.get(1)?;
    Ok(Server {
        id: row.get(0)?,
        kind: ServerKind::from_db(&kind).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                1,
                rusqlite::types::Type::Text,
                format!("unknown server kind {kind:?}").into(),
            )
        })?,
        name: row.get(2)?,
        base_url: row.get(3)?,
        alt_url: row.get(4)?,
        time_zone: row.get(5)?,
        is_demo: row.get(6)?,
        created_at: row.get(7)?,
    })
}

pub fn add(db: &Database, server: &NewServer) -> AppResult<Server> {
    if server.name.trim().is_empty() {
        return Err(AppError::validation(
            "name",
            "Give the server a name, for example “Jira (production)”.",
        ));
    }
    db.conn().execute(
        "INSERT INTO servers (kind, name, base_url, alt_url, time_zone, is_demo, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            server.kind.as_db(),
            server.name.trim(),
            server.base_url,
            server.alt_url,
            server.time_zone,
            server.is_demo,
            clock::now_rfc3339()?
        ],
    )?;
    get(db, db.conn().last_insert_rowid() as u32)
}

pub fn get(db: &Database, id: u32) -> AppResult<Server> {
    db.conn()
        .query_row(
            &format!("SELECT {COLUMNS} FROM servers WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?
        .ok_or_else(|| {
            AppError::not_found(format!(
                "There is no server {id}; list them with `kakehashi server list`."
            ))
        })
}

pub fn list(db: &Database) -> AppResult<Vec<Server>> {
    let mut statement = db
        .conn()
        .prepare(&format!("SELECT {COLUMNS} FROM servers ORDER BY id"))?;
    let servers = statement
        .query_map([], from_row)?
        .collect::<Result<_, _>>()?;
    Ok(servers)
}

/// Points a server at a new URL (the demo simulators get new ports each start).
pub fn set_base_url(db: &Database, id: u32, base_url: &str) -> AppResult<()> {
    let changed = db.conn().execute(
        "UPDATE servers SET base_url = ?2 WHERE id = ?1",
        params![id, base_url],
    )?;
    if changed == 0 {
        return Err(AppError::not_found(format!("There is no server {id}.")));
    }
    Ok(())
}
