//! Who the credential signs in as, and what that account may do.

use kakehashi_http::{HttpError, Method};

use crate::client::JiraClient;
use crate::model::permission::Permissions;
use crate::model::user::User;

/// The permissions a sync needs on a project, for `mypermissions`.
pub const SYNC_PERMISSIONS: [&str; 6] = [
    "BROWSE_PROJECTS",
    "CREATE_ISSUES",
    "EDIT_ISSUES",
    "TRANSITION_ISSUES",
    "ADD_COMMENTS",
    "WORK_ON_ISSUES",
];

/// Where `mypermissions` looks: globally, in a project or on an issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PermissionScope<'a> {
    Global,
    Project(&'a str),
    Issue(&'a str),
}

impl JiraClient {
    /// The signed-in account (`myself`): Cloud accountId or Data Center
    /// name and key, e-mail, time zone. The first call that proves the
    /// credential works.
    pub async fn myself(&self) -> Result<User, HttpError> {
        self.fetch(self.api_request(Method::GET, "myself")).await
    }

    /// Which of `permissions` (keys such as `CREATE_ISSUES`) the account
    /// holds in `scope`. Cloud requires the list; it is sent on both.
    pub async fn my_permissions(
        &self,
        permissions: &[&str],
        scope: PermissionScope<'_>,
    ) -> Result<Permissions, HttpError> {
        if permissions.is_empty() {
            return Err(HttpError::invalid_input(
                "permissions",
                "Name at least one permission to check, e.g. BROWSE_PROJECTS.",
            ));
        }
        let mut request = self
            .api_request(Method::GET, "mypermissions")
            .query("permissions", permissions.join(","));
        request = match scope {
            PermissionScope::Global => request,
            PermissionScope::Project(key) => request.query("projectKey", key),
            PermissionScope::Issue(key) => request.query("issueKey", key),
        };
        self.fetch(request).await
    }
}
