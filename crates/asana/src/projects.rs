//! Projects of a workspace, and one project with its custom field settings.

use kakehashi_http::{HttpError, Method};

use crate::client::{checked_gid, AsanaClient};
use crate::model::Project;
use crate::paging::{paged, Items, ListOptions};

/// What a project list carries by default: enough to pick one.
const PROJECT_LIST_FIELDS: &str = "name,archived,workspace.name,permalink_url";

/// A single project in full, with the custom fields enabled on it.
const PROJECT_FIELDS: &str = "name,archived,notes,workspace.name,owner.name,created_at,modified_at,due_on,start_on,permalink_url,custom_field_settings.is_important,custom_field_settings.project.name,custom_field_settings.custom_field.name,custom_field_settings.custom_field.resource_subtype,custom_field_settings.custom_field.type,custom_field_settings.custom_field.enum_options.name,custom_field_settings.custom_field.enum_options.enabled,custom_field_settings.custom_field.enum_options.color,custom_field_settings.custom_field.precision";

impl AsanaClient {
    /// The workspace's projects (archived ones included, see `archived`).
    pub fn projects(&self, workspace_gid: &str, options: &ListOptions) -> Items<Project> {
        let request = checked_gid("workspace", workspace_gid).map(|workspace| {
            self.api(Method::GET, "projects")
                .query("workspace", workspace)
                .query("opt_fields", options.fields_or(PROJECT_LIST_FIELDS))
        });
        paged(request, options)
    }

    /// One project, with its custom field settings.
    pub async fn project(&self, project_gid: &str) -> Result<Project, HttpError> {
        let gid = checked_gid("project", project_gid)?;
        self.get_data(&format!("projects/{gid}"), Some(PROJECT_FIELDS))
            .await
    }
}
