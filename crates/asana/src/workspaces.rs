//! Workspaces and organizations the user belongs to.

use kakehashi_http::{HttpError, Method};

use crate::client::{checked_gid, AsanaClient};
use crate::model::Workspace;
use crate::paging::{paged, Items, ListOptions};

const WORKSPACE_FIELDS: &str = "name,is_organization";

impl AsanaClient {
    /// Every workspace the user can see.
    pub fn workspaces(&self, options: &ListOptions) -> Items<Workspace> {
        let request = self
            .api(Method::GET, "workspaces")
            .query("opt_fields", options.fields_or(WORKSPACE_FIELDS));
        paged(Ok(request), options)
    }

    /// One workspace.
    pub async fn workspace(&self, workspace_gid: &str) -> Result<Workspace, HttpError> {
        let gid = checked_gid("workspace", workspace_gid)?;
        self.get_data(&format!("workspaces/{gid}"), Some(WORKSPACE_FIELDS))
            .await
    }
}
