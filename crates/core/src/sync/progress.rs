//! Progress reports while a run goes: the phase and the read / planned /
//! applied counts, sent to the caller's callback after every read and
//! batch (the desktop forwards them as events, the CLI prints them).

use std::sync::Arc;

use super::model::{Phase, SyncProgress};

/// The caller's callback.
pub type ProgressFn = Arc<dyn Fn(SyncProgress) + Send + Sync>;

pub(crate) struct Progress {
    sink: ProgressFn,
    state: SyncProgress,
}

impl Progress {
    pub fn new(sink: ProgressFn, run_id: u32, profile_id: u32) -> Self {
        Progress {
            sink,
            state: SyncProgress {
                run_id,
                profile_id,
                phase: Phase::Connecting,
                read: 0,
                planned: 0,
                applied: 0,
                total: 0,
            },
        }
    }

    pub fn phase(&mut self, phase: Phase) {
        self.state.phase = phase;
        self.emit();
    }

    pub fn read(&mut self, records: usize) {
        self.state.read = self.state.read.saturating_add(count(records));
        self.emit();
    }

    pub fn planned(&mut self, ops: usize) {
        self.state.planned = count(ops);
        self.state.total = count(ops);
        self.emit();
    }

    pub fn applied(&mut self, ops: usize) {
        self.state.applied = self.state.applied.saturating_add(count(ops));
        self.emit();
    }

    fn emit(&self) {
        (self.sink)(self.state);
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
