//! An in-memory pair for the engine tests: two maps of records, a logical
//! clock for `updated_at` and watermarks, translation by letter case (left
//! values are lower case, right values upper case; "nobody" has no
//! partner), and injected faults.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::future::{ready, Future};
use std::sync::Mutex;

use kakehashi_core::sync::{
    Connector, EntityKind, Fields, OpAction, ProblemCause, ProblemDraft, Record, ServerRequests,
    Side, SideRead, SyncField, WriteOp, WriteResult,
};
use kakehashi_core::{AppError, AppResult};
use serde_json::{json, Value};

/// What the next remote call does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Works.
    None,
    /// A write op is refused (retryable: the server was unavailable).
    WriteFails,
    /// The batch is performed but its answer never arrives.
    AnswerLost,
    /// The read fails.
    ReadFails,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rec {
    pub kind: EntityKind,
    pub parent: Option<String>,
    pub fields: Fields,
    pub updated: i64,
    pub by_us: bool,
    pub marker: Option<String>,
    pub archived: bool,
}

#[derive(Debug, Default)]
pub struct State {
    pub sides: [BTreeMap<String, Rec>; 2],
    pub clock: i64,
    next_id: u64,
    /// Consumed one per read and per written op; empty = no faults.
    pub faults: VecDeque<Fault>,
    pub requests: [u32; 2],
    /// Ops written (successfully or not) per side.
    pub writes: [u32; 2],
    /// Reads do not show markers: healing must go through find_created.
    pub hide_markers: bool,
    /// The next read of this side returns an empty scope.
    pub empty: Option<Side>,
    /// Problems every read of a side reports (e.g. structure mismatches).
    pub read_problems: [Vec<ProblemDraft>; 2],
}

#[derive(Debug, Default)]
pub struct Fake {
    pub state: Mutex<State>,
}

pub const FIELDS: [SyncField; 2] = [SyncField::Summary, SyncField::Status];

fn ix(side: Side) -> usize {
    match side {
        Side::Left => 0,
        Side::Right => 1,
    }
}

/// The value as the side writes it.
pub fn native(side: Side, text: &str) -> Value {
    match side {
        Side::Left => json!(text.to_lowercase()),
        Side::Right => json!(text.to_uppercase()),
    }
}

impl Fake {
    pub fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap()
    }

    /// A user's edit (not by the technical user): a new or changed record.
    pub fn put(
        &self,
        side: Side,
        id: &str,
        kind: EntityKind,
        parent: Option<&str>,
        summary: &str,
        status: &str,
    ) {
        let mut state = self.lock();
        state.clock += 1;
        let updated = state.clock;
        state.sides[ix(side)].insert(
            id.to_owned(),
            Rec {
                kind,
                parent: parent.map(str::to_owned),
                fields: Fields::from([
                    (SyncField::Summary, native(side, summary)),
                    (SyncField::Status, native(side, status)),
                ]),
                updated,
                by_us: false,
                marker: None,
                archived: false,
            },
        );
    }

    pub fn edit(&self, side: Side, id: &str, field: SyncField, text: &str) {
        let mut state = self.lock();
        state.clock += 1;
        let clock = state.clock;
        if let Some(rec) = state.sides[ix(side)].get_mut(id) {
            rec.fields.insert(field, native(side, text));
            rec.updated = clock;
            rec.by_us = false;
        }
    }

    pub fn remove(&self, side: Side, id: &str) {
        self.lock().sides[ix(side)].remove(id);
    }

    pub fn records(&self, side: Side) -> BTreeMap<String, Rec> {
        self.lock().sides[ix(side)].clone()
    }

    fn fault(state: &mut State) -> Fault {
        state.faults.pop_front().unwrap_or(Fault::None)
    }

    fn do_read(&self, side: Side, watermark: Option<&str>) -> AppResult<SideRead> {
        let mut state = self.lock();
        state.requests[ix(side)] += 1;
        if Self::fault(&mut state) == Fault::ReadFails {
            return Err(AppError::Network {
                message: "injected: the read failed".into(),
            });
        }
        if state.empty == Some(side) {
            state.empty = None;
            return Ok(SideRead {
                records: Vec::new(),
                present: Some(BTreeSet::new()),
                watermark: state.clock.to_string(),
                problems: Vec::new(),
            });
        }
        let since: i64 = watermark.and_then(|w| w.parse().ok()).unwrap_or(-1);
        let hide = state.hide_markers;
        let records = state.sides[ix(side)]
            .iter()
            .filter(|(_, rec)| rec.updated > since)
            .map(|(id, rec)| Record {
                id: id.clone(),
                display: format!(
                    "{id} {}",
                    rec.fields[&SyncField::Summary].as_str().unwrap_or("")
                ),
                kind: rec.kind,
                parent: rec.parent.clone(),
                fields: rec.fields.clone(),
                updated_at: Some(
                    jiff::Timestamp::from_second(1_700_000_000 + rec.updated).unwrap(),
                ),
                by_us: rec.by_us,
                marker: if hide { None } else { rec.marker.clone() },
            })
            .collect();
        Ok(SideRead {
            records,
            present: Some(state.sides[ix(side)].keys().cloned().collect()),
            watermark: state.clock.to_string(),
            problems: state.read_problems[ix(side)].clone(),
        })
    }

    fn write_one(state: &mut State, side: Side, op: &WriteOp) -> WriteResult {
        state.clock += 1;
        let clock = state.clock;
        let records = &mut state.sides[ix(side)];
        let missing = || WriteResult::Failed {
            cause: ProblemCause::Rejected { side, status: 404 },
            message: "not found".into(),
            retryable: false,
        };
        match op.action {
            OpAction::Create => {
                state.next_id += 1;
                let id = format!(
                    "{}{}",
                    if side == Side::Left { "l" } else { "r" },
                    state.next_id
                );
                let rec = Rec {
                    kind: op.kind,
                    parent: op.parent.clone(),
                    fields: op.fields.clone(),
                    updated: clock,
                    by_us: true,
                    marker: Some(op.key.clone()),
                    archived: false,
                };
                state.sides[ix(side)].insert(id.clone(), rec);
                WriteResult::Done {
                    id,
                    fields: op.fields.clone(),
                }
            }
            OpAction::Update => {
                let Some(rec) = op.target_id.as_ref().and_then(|id| records.get_mut(id)) else {
                    return missing();
                };
                for (field, value) in &op.fields {
                    rec.fields.insert(*field, value.clone());
                }
                rec.updated = clock;
                rec.by_us = true;
                WriteResult::Done {
                    id: op.target_id.clone().unwrap_or_default(),
                    fields: rec.fields.clone(),
                }
            }
            OpAction::Delete => match op.target_id.as_ref().and_then(|id| records.remove(id)) {
                Some(_) => WriteResult::Done {
                    id: op.target_id.clone().unwrap_or_default(),
                    fields: Fields::new(),
                },
                None => missing(),
            },
            OpAction::Archive => {
                let Some(rec) = op.target_id.as_ref().and_then(|id| records.get_mut(id)) else {
                    return missing();
                };
                rec.archived = true;
                rec.updated = clock;
                rec.by_us = true;
                WriteResult::Done {
                    id: op.target_id.clone().unwrap_or_default(),
                    fields: rec.fields.clone(),
                }
            }
        }
    }

    fn do_write(&self, side: Side, ops: &[WriteOp]) -> AppResult<Vec<WriteResult>> {
        let mut state = self.lock();
        state.requests[ix(side)] += 1;
        let mut results = Vec::new();
        let mut lost = false;
        for op in ops {
            state.writes[ix(side)] += 1;
            match Self::fault(&mut state) {
                Fault::WriteFails => results.push(WriteResult::Failed {
                    cause: ProblemCause::Unreachable { side },
                    message: "injected: the server was unavailable".into(),
                    retryable: true,
                }),
                Fault::AnswerLost => {
                    lost = true;
                    results.push(Self::write_one(&mut state, side, op));
                }
                Fault::None | Fault::ReadFails => {
                    results.push(Self::write_one(&mut state, side, op))
                }
            }
        }
        if lost {
            return Err(AppError::Network {
                message: "injected: the answer was lost".into(),
            });
        }
        Ok(results)
    }
}

impl Connector for Fake {
    fn servers(&self) -> [ServerRequests; 2] {
        let state = self.lock();
        [
            ServerRequests {
                server_id: 1,
                server_name: "Left".into(),
                requests: state.requests[0],
            },
            ServerRequests {
                server_id: 2,
                server_name: "Right".into(),
                requests: state.requests[1],
            },
        ]
    }

    fn read(
        &self,
        side: Side,
        watermark: Option<&str>,
        _linked: &BTreeSet<String>,
    ) -> impl Future<Output = AppResult<SideRead>> + Send {
        ready(self.do_read(side, watermark))
    }

    fn translate(
        &self,
        field: SyncField,
        from: Side,
        value: &Value,
    ) -> Result<Value, ProblemCause> {
        let text = value.as_str().unwrap_or_default();
        if text.eq_ignore_ascii_case("nobody") {
            return Err(ProblemCause::UnmappedValue {
                field,
                side: from,
                value: text.to_owned(),
                name: text.to_owned(),
            });
        }
        Ok(native(from.other(), text))
    }

    fn fields(&self, _kind: EntityKind) -> Vec<SyncField> {
        FIELDS.to_vec()
    }

    fn write(
        &self,
        side: Side,
        ops: &[WriteOp],
    ) -> impl Future<Output = AppResult<Vec<WriteResult>>> + Send {
        ready(self.do_write(side, ops))
    }

    fn find_created(
        &self,
        side: Side,
        keys: &[String],
    ) -> impl Future<Output = AppResult<BTreeMap<String, String>>> + Send {
        let mut state = self.lock();
        state.requests[ix(side)] += 1;
        let found = state.sides[ix(side)]
            .iter()
            .filter_map(|(id, rec)| {
                let marker = rec.marker.as_ref()?;
                keys.contains(marker).then(|| (marker.clone(), id.clone()))
            })
            .collect();
        ready(Ok(found))
    }

    fn closes(&self, _side: Side, status: &Value) -> bool {
        status
            .as_str()
            .is_some_and(|text| text.eq_ignore_ascii_case("done"))
    }
}
