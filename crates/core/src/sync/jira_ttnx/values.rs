//! `translate`: a value of one side in the other side's native form.
//! Status, type and priority go through the profile's value maps, people
//! through the user map (an unmapped one is a problem for that item, never
//! a guess); estimates change unit (Jira seconds ↔ TT NX minutes); text and
//! dates are the same on both sides (dates are plain calendar dates, worklog
//! starts UTC instants — see `fields.rs`).

use serde_json::Value;

use crate::sync::model::{ProblemCause, Side, SyncField, UserPair, ValueMaps, ValuePair};

/// The profile's maps, with which side is Jira.
#[derive(Debug, Clone)]
pub struct Translator {
    pub jira_side: Side,
    pub maps: ValueMaps,
    pub users: Vec<UserPair>,
}

fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

fn lookup(pairs: &[ValuePair], from: Side, value: &str) -> Option<String> {
    pairs.iter().find_map(|pair| match from {
        Side::Left if pair.left == value => Some(pair.right.clone()),
        Side::Right if pair.right == value => Some(pair.left.clone()),
        _ => None,
    })
}

impl Translator {
    pub fn translate(
        &self,
        field: SyncField,
        from: Side,
        value: &Value,
    ) -> Result<Value, ProblemCause> {
        if value.is_null() {
            return Ok(Value::Null);
        }
        match field {
            SyncField::Summary
            | SyncField::Description
            | SyncField::StartDate
            | SyncField::DueDate => Ok(value.clone()),
            SyncField::Status | SyncField::ItemType | SyncField::Priority => {
                let pairs = match field {
                    SyncField::Status => &self.maps.status,
                    SyncField::ItemType => &self.maps.item_type,
                    _ => &self.maps.priority,
                };
                let native = text(value).unwrap_or_default();
                lookup(pairs, from, &native)
                    .map(Value::String)
                    .ok_or(ProblemCause::UnmappedValue {
                        field,
                        side: from,
                        name: native.clone(),
                        value: native,
                    })
            }
            SyncField::Assignee => {
                let native = text(value).unwrap_or_default();
                self.users
                    .iter()
                    .find_map(|pair| match from {
                        Side::Left if pair.left == native => Some(pair.right.clone()),
                        Side::Right if pair.right == native => Some(pair.left.clone()),
                        _ => None,
                    })
                    .map(Value::String)
                    .ok_or(ProblemCause::UnmappedUser {
                        side: from,
                        name: native.clone(),
                        user: native,
                    })
            }
            SyncField::OriginalEstimate => {
                let amount = value.as_f64().or_else(|| text(value)?.parse().ok());
                let Some(amount) = amount else {
                    return Ok(Value::Null);
                };
                // Jira counts seconds, TT NX minutes (PlannedTime, entry time).
                Ok(if from == self.jira_side {
                    Value::from((amount / 60.0).round() as i64)
                } else {
                    Value::from((amount * 60.0).round() as i64)
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn translator() -> Translator {
        Translator {
            jira_side: Side::Left,
            maps: ValueMaps {
                status: vec![ValuePair {
                    left: "10001".into(),
                    right: "2".into(),
                }],
                item_type: vec![],
                priority: vec![],
            },
            users: vec![UserPair {
                left: "acc-1".into(),
                left_name: "佐藤 花子".into(),
                right: "2".into(),
                right_name: "佐藤 花子".into(),
            }],
        }
    }

    #[test]
    fn mapped_values_and_users_cross_both_ways() {
        let t = translator();
        assert_eq!(
            t.translate(SyncField::Status, Side::Left, &json!("10001")),
            Ok(json!("2"))
        );
        assert_eq!(
            t.translate(SyncField::Status, Side::Right, &json!("2")),
            Ok(json!("10001"))
        );
        assert_eq!(
            t.translate(SyncField::Assignee, Side::Right, &json!("2")),
            Ok(json!("acc-1"))
        );
        assert_eq!(
            t.translate(SyncField::Assignee, Side::Left, &Value::Null),
            Ok(Value::Null)
        );
    }

    #[test]
    fn unmapped_values_are_problems_not_guesses() {
        let t = translator();
        assert!(matches!(
            t.translate(SyncField::Status, Side::Right, &json!("3")),
            Err(ProblemCause::UnmappedValue {
                side: Side::Right,
                ..
            })
        ));
        assert!(matches!(
            t.translate(SyncField::Assignee, Side::Left, &json!("acc-9")),
            Err(ProblemCause::UnmappedUser {
                side: Side::Left,
                ..
            })
        ));
    }

    #[test]
    fn estimates_change_unit_and_text_passes() {
        let t = translator();
        assert_eq!(
            t.translate(SyncField::OriginalEstimate, Side::Left, &json!(5400)),
            Ok(json!(90))
        );
        assert_eq!(
            t.translate(SyncField::OriginalEstimate, Side::Right, &json!(90)),
            Ok(json!(5400))
        );
        assert_eq!(
            t.translate(SyncField::Summary, Side::Left, &json!("ログイン")),
            Ok(json!("ログイン"))
        );
        assert_eq!(
            t.translate(SyncField::DueDate, Side::Right, &json!("2026-03-01")),
            Ok(json!("2026-03-01"))
        );
    }
}
