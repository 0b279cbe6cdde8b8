//! The marker every created record carries, so a create whose answer was
//! lost is found again instead of made twice (DESIGN §5 step 5).
//!
//! - Jira issues: the issue property `kakehashi.sync` = `{"key": KEY}`,
//!   sent IN the create request (the issue never exists without it).
//! - TT NX work items: `metadata.kakehashi` = `{"key": KEY}`, also sent in
//!   the create (the API cannot add metadata later).
//! - Jira versions have no properties: a version is recognised by its
//!   name, which Jira keeps unique per project — a repeated create fails
//!   on the taken name, and `find_created` matches the name the key's
//!   source record had.

use serde_json::{json, Value};

/// The Jira issue property holding the marker.
pub const JIRA_PROPERTY: &str = "kakehashi.sync";
/// The TT NX metadata key holding the marker.
pub const TTNX_METADATA: &str = "kakehashi";

/// The marker's value for an idempotency key.
pub fn value(key: &str) -> Value {
    json!({ "key": key })
}

/// The key a marker value holds, if it is one of ours.
pub fn key_of(value: &Value) -> Option<&str> {
    value.get("key").and_then(Value::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marker_holds_its_key() {
        assert_eq!(key_of(&value("kh-1-l-10005")), Some("kh-1-l-10005"));
        assert_eq!(key_of(&json!("kh-1")), None);
        assert_eq!(key_of(&json!({"link": "x"})), None);
    }
}
