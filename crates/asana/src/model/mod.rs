//! Typed Asana records. Unknown fields are ignored and everything that
//! `opt_fields` can leave out is optional or defaults to empty, so a record
//! read with fewer fields still decodes.

mod attachment;
mod custom_field;
mod event;
mod project;
mod task;
mod user;

pub use attachment::Attachment;
pub use custom_field::{
    CustomField, CustomFieldSetting, CustomFieldValue, DateValue, EnumOption, FieldInput,
    FieldType, FieldValue,
};
pub use event::{Change, Event, EventAction};
pub use project::Project;
pub use task::{External, Membership, NewTask, Task, TaskUpdate};
pub use user::{User, Workspace};

use serde::Deserialize;

/// A reference to another record: its GID, and its name and type when the
/// answer carries them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Compact {
    pub gid: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub resource_type: Option<String>,
}
