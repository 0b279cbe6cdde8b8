//! `mypermissions`: which permissions the signed-in account holds.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One permission as `mypermissions` reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Permission {
    pub key: String,
    #[serde(default)]
    pub name: Option<String>,
    /// `PROJECT` or `GLOBAL`.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    pub have_permission: bool,
}

/// The permissions asked for, by key (`BROWSE_PROJECTS` → ...).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Permissions {
    pub permissions: BTreeMap<String, Permission>,
}

impl Permissions {
    /// Whether the account holds `key`; unknown keys count as not held.
    pub fn has(&self, key: &str) -> bool {
        self.permissions.get(key).is_some_and(|p| p.have_permission)
    }

    /// The keys among `wanted` the account does not hold, to tell an
    /// administrator exactly what to grant.
    pub fn missing<'a>(&self, wanted: &[&'a str]) -> Vec<&'a str> {
        wanted.iter().copied().filter(|k| !self.has(k)).collect()
    }
}
