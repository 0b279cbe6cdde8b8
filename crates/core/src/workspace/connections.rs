//! Connections: two servers, the credential each side uses, and which way
//! changes flow.

use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::connection_test::LastTest;
use crate::store::Database;
use crate::{clock, AppError, AppResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum Direction {
    Both,
    LeftToRight,
    RightToLeft,
}

impl Direction {
    fn as_db(self) -> &'static str {
        match self {
            Direction::Both => "both",
            Direction::LeftToRight => "leftToRight",
            Direction::RightToLeft => "rightToLeft",
        }
    }

    fn from_db(value: &str) -> Option<Self> {
        [
            Direction::Both,
            Direction::LeftToRight,
            Direction::RightToLeft,
        ]
        .into_iter()
        .find(|direction| direction.as_db() == value)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionSide {
    pub server_id: u32,
    pub credential_id: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Connection {
    pub id: u32,
    pub name: String,
    pub left: ConnectionSide,
    pub right: ConnectionSide,
    pub direction: Direction,
    pub created_at: String,
}

#[derive(Debug, Clone)]
pub struct NewConnection {
    pub name: String,
    pub left: ConnectionSide,
    pub right: ConnectionSide,
    pub direction: Direction,
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Connection> {
    let direction: String = row.get(6)?;
    Ok(Connection {
        id: row.get(0)?,
        name: row.get(1)?,
        left: ConnectionSide {
            server_id: row.get(2)?,
            credential_id: row.get(3)?,
        },
        right: ConnectionSide {
            server_id: row.get(4)?,
            credential_id: row.get(5)?,
        },
        direction: Direction::from_db(&direction).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                6,
                rusqlite::types::Type::Text,
                format!("unknown direction {direction:?}").into(),
            )
        })?,
        created_at: row.get(7)?,
    })
}

pub fn add(db: &Database, connection: &NewConnection) -> AppResult<Connection> {
    let name = connection.name.trim();
    if name.is_empty() {
        return Err(AppError::validation(
            "name",
            "Give the connection a name, for example “Jira ↔ TimeTracker”.",
        ));
    }
    if connection.left.server_id == connection.right.server_id {
        return Err(AppError::validation(
            "right",
            "A connection joins two different servers: pick another server for one side.",
        ));
    }
    let taken: bool = db.conn().query_row(
        "SELECT EXISTS(SELECT 1 FROM connections WHERE name = ?1)",
        [name],
        |row| row.get(0),
    )?;
    if taken {
        return Err(AppError::validation(
            "name",
            format!("A connection named “{name}” exists already: choose another name."),
        ));
    }
    db.conn().execute(
        "INSERT INTO connections (name, left_server_id, left_credential_id, right_server_id, right_credential_id, direction, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            name,
            connection.left.server_id,
            connection.left.credential_id,
            connection.right.server_id,
            connection.right.credential_id,
            connection.direction.as_db(),
            clock::now_rfc3339()?
        ],
    )?;
    let id = db.conn().last_insert_rowid();
    Ok(db.conn().query_row(
        &format!("SELECT {COLUMNS} FROM connections WHERE id = ?1"),
        [id],
        from_row,
    )?)
}

const COLUMNS: &str =
    "id, name, left_server_id, left_credential_id, right_server_id, right_credential_id, direction, created_at";

pub fn get(db: &Database, id: u32) -> AppResult<Connection> {
    db.conn()
        .query_row(
            &format!("SELECT {COLUMNS} FROM connections WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?
        .ok_or_else(|| AppError::not_found(format!("There is no connection {id}.")))
}

/// The connection named `name` (the CLI's NAME argument; names are unique).
pub fn by_name(db: &Database, name: &str) -> AppResult<Connection> {
    let name = name.trim();
    db.conn()
        .query_row(
            &format!("SELECT {COLUMNS} FROM connections WHERE name = ?1"),
            [name],
            from_row,
        )
        .optional()?
        .ok_or_else(|| {
            AppError::not_found(format!(
                "There is no connection named “{name}”; list them with `kakehashi connection list`."
            ))
        })
}

/// Removes the connection and returns what it was. Its servers, their
/// credentials and the servers' test results stay: they belong to the
/// servers, not to this connection.
pub fn remove(db: &Database, id: u32) -> AppResult<Connection> {
    let connection = get(db, id)?;
    db.conn()
        .execute("DELETE FROM connections WHERE id = ?1", [id])?;
    Ok(connection)
}

pub fn list(db: &Database) -> AppResult<Vec<Connection>> {
    let mut statement = db
        .conn()
        .prepare(&format!("SELECT {COLUMNS} FROM connections ORDER BY id"))?;
    let connections = statement
        .query_map([], from_row)?
        .collect::<Result<_, _>>()?;
    Ok(connections)
}

/// One side of a connection as the Connections screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SideOverview {
    pub server: crate::workspace::Server,
    pub credential_label: Option<String>,
}

/// A connection with its servers and credential labels resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionOverview {
    pub id: u32,
    pub name: String,
    pub direction: Direction,
    pub left: SideOverview,
    pub right: SideOverview,
    /// Both servers belong to the demo workspace.
    pub is_demo: bool,
    /// The last Test connection with the credentials the sides use now;
    /// `None` until both sides have been tested.
    pub last_test: Option<LastTest>,
}

pub fn overview(db: &Database) -> AppResult<Vec<ConnectionOverview>> {
    let servers = crate::workspace::servers::list(db)?;
    let credentials = crate::workspace::credentials::labels(db)?;
    let side = |side: ConnectionSide| -> AppResult<SideOverview> {
        let server = servers
            .iter()
            .find(|server| server.id == side.server_id)
            .cloned()
            .ok_or_else(|| {
                AppError::internal(format!(
                    "Connection points at missing server {}.",
                    side.server_id
                ))
            })?;
        let credential_label = side
            .credential_id
            .and_then(|id| credentials.iter().find(|(cid, _)| *cid == id))
            .map(|(_, label)| label.clone());
        Ok(SideOverview {
            server,
            credential_label,
        })
    };
    list(db)?
        .into_iter()
        .map(|connection| {
            let left = side(connection.left)?;
            let right = side(connection.right)?;
            let last_test = crate::connection_test::last_summary(db, &connection)?;
            Ok(ConnectionOverview {
                last_test,
                id: connection.id,
                name: connection.name,
                direction: connection.direction,
                is_demo: left.server.is_demo && right.server.is_demo,
                left,
                right,
            })
        })
        .collect()
}
