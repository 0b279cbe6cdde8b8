//! Typed models of the TimeTracker NX API, one file per resource. Unknown
//! fields are ignored and anything the vendor does not promise is an
//! `Option`, so a server version that adds or drops a field still reads.

mod ids;
mod project;
mod time_entry;
mod user;
mod work_item;

pub(crate) use ids::join;
pub use ids::{
    ItemTypeId, MemberId, OrganizationId, ProjectId, StatusTypeId, TimeEntryId, UserId, WorkItemId,
};
pub use project::{Project, ProjectMember};
pub use time_entry::{CreatedTimeEntry, TimeEntry};
pub use user::{AuthenticationType, Me, User};
pub use work_item::{
    AffectedItem, Assignment, CreatedWorkItem, ItemType, StatusType, WorkItem, WorkItemFields,
};

/// serde for minutes (`PlannedTime`, `ActualTime`, `time`): documented as
/// integers, read from a number or a numeric string as well.
pub(crate) mod minutes {
    use serde::{de::Error as _, Deserialize, Deserializer};

    pub fn deserialize_option<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<i64>, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Whole(i64),
            Fraction(f64),
            Text(String),
        }
        match Option::<Raw>::deserialize(deserializer)? {
            None => Ok(None),
            Some(Raw::Whole(minutes)) => Ok(Some(minutes)),
            Some(Raw::Fraction(minutes)) if minutes.is_finite() => Ok(Some(minutes.round() as i64)),
            Some(Raw::Fraction(minutes)) => Err(D::Error::custom(format!(
                "{minutes} is not a number of minutes"
            ))),
            Some(Raw::Text(text)) if text.trim().is_empty() => Ok(None),
            Some(Raw::Text(text)) => text
                .trim()
                .parse()
                .map(Some)
                .map_err(|_| D::Error::custom(format!("{text:?} is not a number of minutes"))),
        }
    }
}
