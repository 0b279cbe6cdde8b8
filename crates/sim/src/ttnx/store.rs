//! The simulated server's data: users, organisations, projects with their
//! members, the work-item tree and time entries.
//!
//! Ids are numbers here and strings on the wire. Users, work items, project
//! members and time entries have separate sequences that start far apart, so
//! a client that sends a member `id` where a user `partyId` belongs (or the
//! other way round) gets "not found" instead of silently hitting someone.
//! A project *is* its root work item: the project id and the root item id are
//! the same number, which is why `GET /workitem/workItems/{projectId}/subItems`
//! lists a project's tree.

use std::collections::BTreeMap;

use jiff::civil::{Date, DateTime};
use jiff::Timestamp;
use serde_json::{Map, Value};

use super::item_types::{ItemType, StatusType};
use crate::people::{Person, Role};
use crate::Seed;

pub type Id = u64;

/// First id of each sequence (see the module comment).
pub const FIRST_ITEM_ID: Id = 1001;
pub const FIRST_MEMBER_ID: Id = 251;
pub const FIRST_ENTRY_ID: Id = 70001;

/// The unit cost (yen per hour) a member gets when `memberChange.adds` or
/// `updates` gives none: the vendor's "system setting".
pub const DEFAULT_UNIT_COST: f64 = 5000.0;

#[derive(Debug, Clone)]
pub struct User {
    pub id: Id,
    pub person: Person,
    /// The user's own unit cost (yen per hour); 0 for most, like the vendor.
    pub unit_cost: f64,
    pub organization_id: Id,
    pub created_at: Timestamp,
    /// The vendor's `allowLocalAuthentication`: false for single-sign-on-only
    /// users, whose password logins are refused.
    pub local_authentication: bool,
}

impl User {
    pub fn can_edit(&self) -> bool {
        self.person.role.can_edit()
    }

    /// TT NX "Manage Project": only administrators.
    pub fn can_manage_projects(&self) -> bool {
        self.person.role.can_administer()
    }

    pub fn name(&self) -> &str {
        self.person.display_name()
    }

    /// The vendor's `englishName`: empty when it equals the name.
    pub fn english_name(&self) -> &str {
        if self.person.name_en == self.person.name_ja {
            ""
        } else {
            &self.person.name_en
        }
    }

    pub fn is_admin(&self) -> bool {
        self.person.role == Role::Admin
    }
}

#[derive(Debug, Clone)]
pub struct Organization {
    pub id: Id,
    pub name: String,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone)]
pub struct Member {
    pub id: Id,
    pub user_id: Id,
    pub unit_cost: f64,
    pub is_deleted: bool,
    pub created_at: Timestamp,
    pub created_by: Id,
    pub updated_at: Timestamp,
    pub updated_by: Id,
}

#[derive(Debug, Clone)]
pub struct Project {
    /// Also the id of the project's root work item.
    pub id: Id,
    pub code: String,
    pub description: String,
    pub manager_id: Id,
    pub organization_id: Id,
    pub is_finished: bool,
    pub standard_unit_cost: f64,
    pub categories: BTreeMap<String, String>,
    pub allow_editing_with_browse_permission: bool,
    pub record_transition_data: bool,
    /// Removed members stay with `is_deleted`, as their time entries refer to them.
    pub members: Vec<Member>,
}

impl Project {
    pub fn active_member(&self, user_id: Id) -> Option<&Member> {
        self.members
            .iter()
            .find(|m| m.user_id == user_id && !m.is_deleted)
    }
}

#[derive(Debug, Clone)]
pub struct WorkItem {
    pub id: Id,
    pub project_id: Id,
    pub parent_id: Option<Id>,
    pub item_type: ItemType,
    pub name: String,
    pub status: StatusType,
    pub planned_start: Option<DateTime>,
    pub planned_finish: Option<DateTime>,
    /// Minutes.
    pub planned_time: Option<i64>,
    /// Minutes of time entries booked on this item itself (not its children).
    pub own_actual_minutes: i64,
    /// Arbitrary key/values a client attaches at creation (Kakehashi's sync marker).
    pub metadata: Option<Box<Map<String, Value>>>,
    /// Assigned user ids.
    pub assignments: Vec<Id>,
    /// In creation order, deleted ones included.
    pub children: Vec<Id>,
    pub is_deleted: bool,
    pub created_at: Timestamp,
    pub created_by: Id,
    pub updated_at: Timestamp,
    pub updated_by: Id,
}

#[derive(Debug, Clone)]
pub struct TimeEntry {
    pub id: Id,
    pub user_id: Id,
    pub work_item_id: Id,
    pub project_id: Id,
    pub start: DateTime,
    pub finish: DateTime,
    pub memo: String,
    pub time_entry_category_id: Option<String>,
    pub process_category_id: Option<String>,
    pub created_at: Timestamp,
    pub created_by: Id,
    pub updated_at: Timestamp,
    pub updated_by: Id,
}

impl TimeEntry {
    pub fn work_date(&self) -> Date {
        self.start.date()
    }

    pub fn minutes(&self) -> i64 {
        self.finish.duration_since(self.start).as_secs() / 60
    }
}

/// Server settings that change how time entries are accepted, settable at
/// `PUT /__sim/ttnx/settings`.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// 5, 15 or 30: start and finish times must lie on this grid.
    pub granularity_minutes: u32,
    /// Entries on or before this date can be neither added, changed nor deleted.
    pub locked_until: Option<Date>,
    pub default_unit_cost: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            granularity_minutes: 15,
            locked_until: None,
            default_unit_cost: DEFAULT_UNIT_COST,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Store {
    pub users: Vec<User>,
    pub organizations: Vec<Organization>,
    pub projects: BTreeMap<Id, Project>,
    pub items: BTreeMap<Id, WorkItem>,
    pub entries: BTreeMap<Id, TimeEntry>,
    pub settings: Settings,
    pub next_item_id: Id,
    pub next_member_id: Id,
    pub next_entry_id: Id,
}

impl Store {
    pub fn user(&self, id: Id) -> Option<&User> {
        let index = usize::try_from(id.checked_sub(1)?).ok()?;
        self.users.get(index).filter(|user| user.id == id)
    }

    pub fn user_by_login(&self, login: &str) -> Option<&User> {
        self.users.iter().find(|user| user.person.login == login)
    }

    pub fn organization(&self, id: Id) -> Option<&Organization> {
        self.organizations.iter().find(|org| org.id == id)
    }

    pub fn organization_name(&self, id: Id) -> &str {
        self.organization(id).map_or("", |org| org.name.as_str())
    }

    /// A live (not deleted) work item.
    pub fn item(&self, id: Id) -> Option<&WorkItem> {
        self.items.get(&id).filter(|item| !item.is_deleted)
    }

    pub fn project_name(&self, project_id: Id) -> &str {
        self.items
            .get(&project_id)
            .map_or("", |item| item.name.as_str())
    }

    /// Whether `user` may see the project: administrators see every project,
    /// everyone else the projects they are a member of.
    pub fn can_browse(&self, user: &User, project_id: Id) -> bool {
        user.is_admin()
            || self
                .projects
                .get(&project_id)
                .is_some_and(|p| p.active_member(user.id).is_some())
    }

    /// Minutes booked on the item and everything live under it.
    pub fn actual_minutes(&self, id: Id) -> i64 {
        let Some(item) = self.items.get(&id) else {
            return 0;
        };
        let children: i64 = item
            .children
            .iter()
            .filter(|child| self.item(**child).is_some())
            .map(|child| self.actual_minutes(*child))
            .sum();
        item.own_actual_minutes + children
    }

    /// `/project/folder/...`: names from the project down to the item's parent.
    pub fn folder_path(&self, id: Id) -> String {
        let mut names = Vec::new();
        let mut current = self.items.get(&id).and_then(|item| item.parent_id);
        while let Some(parent) = current.and_then(|pid| self.items.get(&pid)) {
            names.push(parent.name.as_str());
            current = parent.parent_id;
        }
        names.reverse();
        format!("/{}", names.join("/"))
    }

    pub fn take_item_id(&mut self) -> Id {
        let id = self.next_item_id;
        self.next_item_id += 1;
        id
    }

    pub fn take_member_id(&mut self) -> Id {
        let id = self.next_member_id;
        self.next_member_id += 1;
        id
    }

    pub fn take_entry_id(&mut self) -> Id {
        let id = self.next_entry_id;
        self.next_entry_id += 1;
        id
    }

    /// Adds a work item under its parent (which must exist).
    pub fn insert_item(&mut self, item: WorkItem) {
        if let Some(parent) = item.parent_id.and_then(|pid| self.items.get_mut(&pid)) {
            parent.children.push(item.id);
        }
        self.items.insert(item.id, item);
    }

    /// Books an entry's minutes on its item (negative to take them off).
    pub fn book_minutes(&mut self, item_id: Id, minutes: i64) {
        if let Some(item) = self.items.get_mut(&item_id) {
            item.own_actual_minutes += minutes;
        }
    }

    pub fn insert_entry(&mut self, entry: TimeEntry) {
        self.book_minutes(entry.work_item_id, entry.minutes());
        self.entries.insert(entry.id, entry);
    }

    /// Whether `date` is locked against changes of time entries.
    pub fn is_locked(&self, date: Date) -> bool {
        self.settings
            .locked_until
            .is_some_and(|locked| date <= locked)
    }
}

/// What every handler shares. Never hold `store` across an `.await`.
pub struct Shared {
    pub store: std::sync::RwLock<Store>,
    /// Bearer tokens from `POST /auth/token` → user id. Kept across
    /// `/__sim/reset`: sessions are not seed data, and the users never change.
    pub tokens: std::sync::Mutex<std::collections::HashMap<String, Id>>,
    pub seed: Seed,
}

impl Shared {
    pub fn read(&self) -> std::sync::RwLockReadGuard<'_, Store> {
        // A panic in another request must not take the whole simulator down.
        self.store
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub fn write(&self) -> std::sync::RwLockWriteGuard<'_, Store> {
        self.store
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub fn tokens(&self) -> std::sync::MutexGuard<'_, std::collections::HashMap<String, Id>> {
        self.tokens
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
