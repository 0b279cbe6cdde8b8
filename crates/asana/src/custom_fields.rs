//! Custom field definitions of a workspace and the fields a project enables.

use kakehashi_http::{HttpError, Method};

use crate::client::{checked_gid, AsanaClient};
use crate::model::{CustomField, CustomFieldSetting};
use crate::paging::{paged, Items, ListOptions};

const FIELD_FIELDS: &str = "name,resource_subtype,type,description,precision,enum_options.name,enum_options.enabled,enum_options.color";

const SETTING_FIELDS: &str = "is_important,project.name,custom_field.name,custom_field.resource_subtype,custom_field.type,custom_field.description,custom_field.precision,custom_field.enum_options.name,custom_field.enum_options.enabled,custom_field.enum_options.color";

impl AsanaClient {
    /// Every custom field defined in the workspace.
    pub fn custom_fields(&self, workspace_gid: &str, options: &ListOptions) -> Items<CustomField> {
        let request = checked_gid("workspace", workspace_gid).map(|workspace| {
            self.api(
                Method::GET,
                &format!("workspaces/{workspace}/custom_fields"),
            )
            .query("opt_fields", options.fields_or(FIELD_FIELDS))
        });
        paged(request, options)
    }

    /// One custom field's definition.
    pub async fn custom_field(&self, field_gid: &str) -> Result<CustomField, HttpError> {
        let gid = checked_gid("custom field", field_gid)?;
        self.get_data(&format!("custom_fields/{gid}"), Some(FIELD_FIELDS))
            .await
    }

    /// The custom fields enabled on a project, each with its definition.
    pub fn custom_field_settings(
        &self,
        project_gid: &str,
        options: &ListOptions,
    ) -> Items<CustomFieldSetting> {
        let request = checked_gid("project", project_gid).map(|project| {
            self.api(
                Method::GET,
                &format!("projects/{project}/custom_field_settings"),
            )
            .query("opt_fields", options.fields_or(SETTING_FIELDS))
        });
        paged(request, options)
    }
}
