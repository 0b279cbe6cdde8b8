//! TT NX ids are strings on the wire, and the API has several kinds that look
//! alike: a project member's `id` is not its user's `partyId`, and sending
//! one where the other belongs silently hits someone else (seed 004). Each
//! kind is its own type, so that mix-up does not compile.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps an id read elsewhere (a link record, a command-line argument).
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            /// The id as the API writes it.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                Self(id)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                id_text(deserializer).map(Self)
            }
        }
    };
}

string_id!(
    /// A user (`system/users`); a project member's `partyId`.
    UserId
);
string_id!(
    /// A project member: the membership of one user in one project, not the user.
    MemberId
);
string_id!(
    /// A project; also the id of the project's root work item.
    ProjectId
);
string_id!(
    /// A work item (folder, task, or a project's root item).
    WorkItemId
);
string_id!(
    /// A time entry.
    TimeEntryId
);
string_id!(
    /// An organisation.
    OrganizationId
);
string_id!(
    /// A work-item type (project, folder, task...): look them up with
    /// [`crate::TtnxClient::item_types`], their ids differ between servers.
    ItemTypeId
);
string_id!(
    /// A status type (not started, in progress, completed...).
    StatusTypeId
);

impl From<ProjectId> for WorkItemId {
    /// A project is its root work item: the tree under a project starts at this id.
    fn from(project: ProjectId) -> Self {
        WorkItemId(project.0)
    }
}

/// Joins ids for a `{ids}` path segment or a `removes` list: `251,255`.
pub(crate) fn join<T: fmt::Display>(ids: &[T]) -> String {
    ids.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// Ids are documented as strings; a number is accepted as well, so a server
/// version that writes them as numbers does not make every answer unreadable.
fn id_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Text(String),
        Unsigned(u64),
        Signed(i64),
    }
    Ok(match Raw::deserialize(deserializer)? {
        Raw::Text(text) => text,
        Raw::Unsigned(number) => number.to_string(),
        Raw::Signed(number) => number.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_from_strings_and_numbers_and_write_as_strings() {
        let id: MemberId = serde_json::from_str("\"251\"").unwrap();
        assert_eq!(id.as_str(), "251");
        let id: UserId = serde_json::from_str("21").unwrap();
        assert_eq!(id, UserId::from("21"));
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"21\"");
        assert!(serde_json::from_str::<UserId>("null").is_err());
    }

    #[test]
    fn lists_are_comma_separated() {
        let ids = [MemberId::from("251"), MemberId::from("255")];
        assert_eq!(join(&ids), "251,255");
        assert_eq!(join::<MemberId>(&[]), "");
    }
}
