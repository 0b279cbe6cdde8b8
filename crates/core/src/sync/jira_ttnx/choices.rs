//! What the profile editor is offered: choices for the scope, suggested
//! value and user maps, and the permission checks of a draft. Exported to
//! the UI through specta, so ids are strings and nothing is 64-bit.

use serde::{Deserialize, Serialize};

use crate::sync::model::{Side, UserPair, ValuePair};
use crate::workspace::ServerKind;

/// One thing to pick: a project, folder, board, status, type, person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Choice {
    /// The native id the profile stores (a Jira project KEY, a TT NX id…).
    pub id: String,
    pub name: String,
    /// A short second line: a project code, "3 versions, 12 tasks", an e-mail.
    pub detail: Option<String>,
}

/// What the scope of a profile on this connection can be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ScopeOptions {
    pub left_kind: ServerKind,
    pub right_kind: ServerKind,
    pub jira_projects: Vec<Choice>,
    /// Running projects first, then finished ones.
    pub ttnx_projects: Vec<Choice>,
}

/// The values of one map on each side and the pairs suggested for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ValueSuggestions {
    pub left: Vec<Choice>,
    pub right: Vec<Choice>,
    /// The draft's own pairs, then suggestions for values it left unmapped.
    pub pairs: Vec<ValuePair>,
}

/// How a person on one side was found on the other.
///
/// Named `SyncMatchedBy` in the UI bindings: member seeding exports a
/// `MatchedBy` of its own (with `sameUser`), and two exported types may
/// not share a name. (A container rename changes no JSON value.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename = "SyncMatchedBy", rename_all = "camelCase")]
pub enum MatchedBy {
    Email,
    Login,
    Name,
}

/// A suggested pair of people and the rule that matched them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct UserSuggestion {
    pub pair: UserPair,
    pub matched_by: MatchedBy,
}

/// One permission the profile needs, checked for the draft's projects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PermissionCheck {
    pub side: Side,
    /// The project it was checked on (Jira key, TT NX project name).
    pub project: String,
    /// The exact permission: "Manage Project", "EDIT_ISSUES"…
    pub permission: String,
    pub granted: bool,
    /// Says what is missing and where an administrator grants it.
    pub message: String,
}

/// Everything the editor suggests for a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MappingSuggestions {
    pub status: ValueSuggestions,
    pub item_type: ValueSuggestions,
    /// TimeTracker NX has no priority field: `right` is always empty.
    pub priority: ValueSuggestions,
    /// The draft's own pairs are kept and not repeated here.
    pub users: Vec<UserSuggestion>,
    /// People of each side neither in the draft's map nor matched.
    pub unresolved_left: Vec<Choice>,
    pub unresolved_right: Vec<Choice>,
    /// Everyone of each side, to pick by hand.
    pub right_users: Vec<Choice>,
    pub left_users: Vec<Choice>,
    pub permissions: Vec<PermissionCheck>,
}
