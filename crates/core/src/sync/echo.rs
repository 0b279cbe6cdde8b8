//! The echo guard: what counts as a change. A value equal to the snapshot
//! (what we last saw or wrote) is never a change, so our own writes coming
//! back on the next read — by the technical user, with the values we
//! wrote — move nothing. Empty is `Null`, whether the field is missing or
//! explicitly null.

use serde_json::Value;

use super::connector::{Fields, Record};
use super::model::SyncField;

static NULL: Value = Value::Null;

/// The value of `field`, `Null` when absent.
pub(crate) fn value(fields: &Fields, field: SyncField) -> &Value {
    fields.get(&field).unwrap_or(&NULL)
}

/// Whether `field` differs between now and the snapshot.
pub(crate) fn changed(now: &Fields, snapshot: &Fields, field: SyncField) -> bool {
    value(now, field) != value(snapshot, field)
}

/// A record our technical user touched last whose synced fields all equal
/// what we last wrote: our own write coming back, nothing to do.
pub(crate) fn is_echo(record: &Record, snapshot: &Fields, fields: &[SyncField]) -> bool {
    record.by_us
        && fields
            .iter()
            .all(|field| !changed(&record.fields, snapshot, *field))
}

/// A value as display text for the plan (None = empty).
pub(crate) fn text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(text) => Some(text.clone()),
        other => Some(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::model::EntityKind;
    use serde_json::json;

    fn record(by_us: bool, summary: Value) -> Record {
        Record {
            id: "1".into(),
            display: "A-1".into(),
            kind: EntityKind::Item,
            parent: None,
            fields: Fields::from([(SyncField::Summary, summary)]),
            updated_at: None,
            by_us,
            marker: None,
        }
    }

    #[test]
    fn missing_and_null_are_the_same_empty_value() {
        let now = Fields::from([(SyncField::Summary, Value::Null)]);
        assert!(!changed(&now, &Fields::new(), SyncField::Summary));
        assert!(changed(
            &Fields::from([(SyncField::Summary, json!("x"))]),
            &now,
            SyncField::Summary
        ));
    }

    #[test]
    fn only_our_own_unchanged_write_is_an_echo() {
        let snapshot = Fields::from([(SyncField::Summary, json!("same"))]);
        let fields = [SyncField::Summary];
        assert!(is_echo(&record(true, json!("same")), &snapshot, &fields));
        assert!(!is_echo(&record(true, json!("edited")), &snapshot, &fields));
        assert!(!is_echo(&record(false, json!("same")), &snapshot, &fields));
    }

    #[test]
    fn display_text_shows_strings_bare_and_empty_as_none() {
        assert_eq!(text(&json!("a")), Some("a".into()));
        assert_eq!(text(&json!(90)), Some("90".into()));
        assert_eq!(text(&Value::Null), None);
    }
}
