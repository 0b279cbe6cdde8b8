//! Links: which record on the left is which on the right, with the native
//! field values last seen or written on each side (the snapshot the
//! three-way diff compares against).

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::connector::Fields;
use super::db_text::{json, name, parse_json, parse_name};
use super::model::{EntityKind, Side};
use crate::store::Database;
use crate::{clock, AppResult};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Link {
    /// None until stored.
    pub id: Option<i64>,
    pub kind: EntityKind,
    pub left_id: String,
    pub right_id: String,
    pub snapshot_left: Fields,
    pub snapshot_right: Fields,
    pub marker: Option<String>,
    pub left_gone: bool,
    pub right_gone: bool,
    pub display: String,
}

impl Link {
    pub fn id_on(&self, side: Side) -> &str {
        match side {
            Side::Left => &self.left_id,
            Side::Right => &self.right_id,
        }
    }

    pub fn snapshot(&self, side: Side) -> &Fields {
        match side {
            Side::Left => &self.snapshot_left,
            Side::Right => &self.snapshot_right,
        }
    }

    pub fn snapshot_mut(&mut self, side: Side) -> &mut Fields {
        match side {
            Side::Left => &mut self.snapshot_left,
            Side::Right => &mut self.snapshot_right,
        }
    }

    pub fn gone(&self, side: Side) -> bool {
        match side {
            Side::Left => self.left_gone,
            Side::Right => self.right_gone,
        }
    }

    pub fn set_gone(&mut self, side: Side) {
        match side {
            Side::Left => self.left_gone = true,
            Side::Right => self.right_gone = true,
        }
    }

    /// Both records exist as far as we know: the pair is kept in step.
    pub fn live(&self) -> bool {
        !self.left_gone && !self.right_gone
    }
}

/// A short, stable fingerprint of a snapshot (FNV-1a over its JSON), so a
/// reader can tell two snapshots apart without comparing documents.
pub(crate) fn hash(fields: &Fields) -> AppResult<String> {
    let text = json(fields)?;
    let mut value: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        value ^= u64::from(byte);
        value = value.wrapping_mul(0x0100_0000_01b3);
    }
    Ok(format!("{value:016x}"))
}

pub(crate) fn load(db: &Database, profile_id: u32) -> AppResult<Vec<Link>> {
    let mut statement = db.conn().prepare(
        "SELECT id, kind, left_id, right_id, snapshot_left, snapshot_right, marker, left_gone, right_gone, display
         FROM sync_links WHERE profile_id = ?1 ORDER BY id",
    )?;
    type Raw = (
        i64,
        String,
        String,
        String,
        String,
        String,
        Option<String>,
        bool,
        bool,
        String,
    );
    let raw = statement
        .query_map([profile_id], |row| {
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
                row.get(5)?,
                row.get(6)?,
                row.get(7)?,
                row.get(8)?,
                row.get(9)?,
            ))
        })?
        .collect::<Result<Vec<Raw>, _>>()?;
    raw.into_iter()
        .map(
            |(id, kind, left_id, right_id, left, right, marker, left_gone, right_gone, display)| {
                Ok(Link {
                    id: Some(id),
                    kind: parse_name(&kind)?,
                    left_id,
                    right_id,
                    snapshot_left: parse_json(&left)?,
                    snapshot_right: parse_json(&right)?,
                    marker,
                    left_gone,
                    right_gone,
                    display,
                })
            },
        )
        .collect()
}

/// Inserts or replaces the link (matched by its id, else by either side's
/// record id); returns its row id.
pub(crate) fn save(db: &Database, profile_id: u32, link: &Link) -> AppResult<i64> {
    let now = clock::now_rfc3339()?;
    // A record belongs to one link: a stale row for either id gives way.
    db.conn().execute(
        "DELETE FROM sync_links WHERE profile_id = ?1 AND (left_id = ?2 OR right_id = ?3) AND id IS NOT ?4",
        params![profile_id, link.left_id, link.right_id, link.id],
    )?;
    let values = params![
        profile_id,
        name(&link.kind)?,
        link.left_id,
        link.right_id,
        json(&link.snapshot_left)?,
        json(&link.snapshot_right)?,
        hash(&link.snapshot_left)?,
        hash(&link.snapshot_right)?,
        link.marker,
        link.left_gone,
        link.right_gone,
        link.display,
        now,
        link.id,
    ];
    let changed = db.conn().execute(
        "UPDATE sync_links SET profile_id = ?1, kind = ?2, left_id = ?3, right_id = ?4, snapshot_left = ?5,
             snapshot_right = ?6, left_hash = ?7, right_hash = ?8, marker = ?9, left_gone = ?10,
             right_gone = ?11, display = ?12, updated_at = ?13
         WHERE id = ?14",
        values,
    )?;
    if changed > 0 {
        return Ok(link.id.unwrap_or_default());
    }
    db.conn().execute(
        "INSERT INTO sync_links (profile_id, kind, left_id, right_id, snapshot_left, snapshot_right,
             left_hash, right_hash, marker, left_gone, right_gone, display, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            profile_id,
            name(&link.kind)?,
            link.left_id,
            link.right_id,
            json(&link.snapshot_left)?,
            json(&link.snapshot_right)?,
            hash(&link.snapshot_left)?,
            hash(&link.snapshot_right)?,
            link.marker,
            link.left_gone,
            link.right_gone,
            link.display,
            now,
        ],
    )?;
    Ok(db.conn().last_insert_rowid())
}

pub(crate) fn delete(
    db: &Database,
    profile_id: u32,
    left_id: &str,
    right_id: &str,
) -> AppResult<()> {
    db.conn().execute(
        "DELETE FROM sync_links WHERE profile_id = ?1 AND left_id = ?2 AND right_id = ?3",
        params![profile_id, left_id, right_id],
    )?;
    Ok(())
}

pub(crate) fn watermarks(db: &Database, profile_id: u32) -> AppResult<[Option<String>; 2]> {
    let get = |side: Side| -> AppResult<Option<String>> {
        let mut statement = db
            .conn()
            .prepare("SELECT watermark FROM sync_watermarks WHERE profile_id = ?1 AND side = ?2")?;
        let mut rows = statement.query(params![profile_id, name(&side)?])?;
        Ok(match rows.next()? {
            Some(row) => Some(row.get(0)?),
            None => None,
        })
    };
    Ok([get(Side::Left)?, get(Side::Right)?])
}

pub(crate) fn set_watermark(
    db: &Database,
    profile_id: u32,
    side: Side,
    watermark: &str,
) -> AppResult<()> {
    db.conn().execute(
        "INSERT INTO sync_watermarks (profile_id, side, watermark) VALUES (?1, ?2, ?3)
         ON CONFLICT (profile_id, side) DO UPDATE SET watermark = excluded.watermark",
        params![profile_id, name(&side)?, watermark],
    )?;
    Ok(())
}

/// Forgets both watermarks: the next run reads everything again. Used when
/// something outside the sides changed what a record should become (a map
/// was fixed, a problem is to be retried, a run was undone).
pub(crate) fn clear_watermarks(db: &Database, profile_id: u32) -> AppResult<()> {
    db.conn().execute(
        "DELETE FROM sync_watermarks WHERE profile_id = ?1",
        [profile_id],
    )?;
    Ok(())
}
