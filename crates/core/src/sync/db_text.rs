//! How the sync tables store enums and JSON: an enum as its serde name
//! ("left", "mirror"), anything structured as JSON text. One place, so the
//! stored text is always exactly what the UI sees on the wire.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::{AppError, AppResult};

/// A unit enum variant as its serde name.
pub(crate) fn name<T: Serialize>(value: &T) -> AppResult<String> {
    match serde_json::to_value(value) {
        Ok(Value::String(text)) => Ok(text),
        Ok(other) => Err(AppError::internal(format!(
            "expected a plain enum value to store, got {other}"
        ))),
        Err(err) => Err(AppError::internal(format!("cannot store a value: {err}"))),
    }
}

/// The enum variant stored as `text`.
pub(crate) fn parse_name<T: DeserializeOwned>(text: &str) -> AppResult<T> {
    serde_json::from_value(Value::String(text.to_owned())).map_err(|err| {
        AppError::internal(format!(
            "The sync store holds an unknown value “{text}” ({err}); it was written by a newer Kakehashi?"
        ))
    })
}

pub(crate) fn json<T: Serialize>(value: &T) -> AppResult<String> {
    serde_json::to_string(value)
        .map_err(|err| AppError::internal(format!("cannot store a value as JSON: {err}")))
}

pub(crate) fn parse_json<T: DeserializeOwned>(text: &str) -> AppResult<T> {
    serde_json::from_str(text).map_err(|err| {
        AppError::internal(format!(
            "The sync store holds data this version cannot read ({err}); it was written by a newer Kakehashi?"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::model::{DeletionPolicy, Side};

    #[test]
    fn enums_round_trip_as_their_wire_names() {
        assert_eq!(name(&Side::Left).unwrap(), "left");
        assert_eq!(name(&DeletionPolicy::Mirror).unwrap(), "mirror");
        assert_eq!(parse_name::<Side>("right").unwrap(), Side::Right);
        assert_eq!(parse_name::<Side>("up").unwrap_err().code(), "Internal");
    }
}
