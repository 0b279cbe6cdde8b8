//! Tasks: the changes of a project since a moment, one task, create,
//! update, delete, and finding the tasks that carry a marker value.

use futures_util::TryStreamExt;
use jiff::Timestamp;
use kakehashi_http::{HttpError, Method};

use crate::client::{checked_gid, AsanaClient, Deletion};
use crate::model::{NewTask, Task, TaskUpdate};
use crate::paging::{paged, Items, ListOptions};

/// What Kakehashi reads of a task: the synced properties and every custom
/// field value with its type, so values decode without a second request.
pub const TASK_FIELDS: &str = "name,resource_subtype,notes,completed,completed_at,created_at,modified_at,due_on,due_at,start_on,assignee.name,assignee.email,memberships.project.name,memberships.section.name,parent.name,permalink_url,external,custom_fields.name,custom_fields.resource_subtype,custom_fields.type,custom_fields.display_value,custom_fields.text_value,custom_fields.number_value,custom_fields.enum_value.name,custom_fields.enum_value.color,custom_fields.enum_value.enabled,custom_fields.multi_enum_values.name,custom_fields.date_value,custom_fields.people_value.name";

/// Asana's timestamps have milliseconds; a finer moment is cut (never
/// rounded up, which could skip a change made in the rounded-away part).
fn to_millis(moment: Timestamp) -> Timestamp {
    Timestamp::from_millisecond(moment.as_millisecond()).unwrap_or(moment)
}

impl AsanaClient {
    /// The project's tasks; with `modified_since`, only those changed at or
    /// after that moment (Asana counts any change, comments included).
    pub fn tasks(
        &self,
        project_gid: &str,
        modified_since: Option<Timestamp>,
        options: &ListOptions,
    ) -> Items<Task> {
        let request = checked_gid("project", project_gid).map(|project| {
            self.api(Method::GET, "tasks")
                .query("project", project)
                .query_opt("modified_since", modified_since.map(to_millis))
                .query("opt_fields", options.fields_or(TASK_FIELDS))
        });
        paged(request, options)
    }

    /// One task, with [`TASK_FIELDS`] or the given `opt_fields`.
    pub async fn task(&self, task_gid: &str, opt_fields: Option<&str>) -> Result<Task, HttpError> {
        let gid = checked_gid("task", task_gid)?;
        self.get_data(
            &format!("tasks/{gid}"),
            Some(opt_fields.unwrap_or(TASK_FIELDS)),
        )
        .await
    }

    /// Creates a task. Never repeated after a lost answer: the caller finds
    /// out whether it exists through its marker (see
    /// [`tasks_with_text_value`](Self::tasks_with_text_value)).
    pub async fn create_task(&self, task: &NewTask) -> Result<Task, HttpError> {
        self.write_data(Method::POST, "tasks", task, TASK_FIELDS)
            .await
    }

    /// Changes the properties `update` names.
    pub async fn update_task(
        &self,
        task_gid: &str,
        update: &TaskUpdate,
    ) -> Result<Task, HttpError> {
        let gid = checked_gid("task", task_gid)?;
        self.write_data(Method::PUT, &format!("tasks/{gid}"), update, TASK_FIELDS)
            .await
    }

    /// Deletes a task (and its subtasks).
    pub async fn delete_task(&self, task_gid: &str) -> Result<Deletion, HttpError> {
        let gid = checked_gid("task", task_gid)?;
        self.delete_record(&format!("tasks/{gid}")).await
    }

    /// The project's tasks whose text field `field_gid` holds exactly
    /// `value`: how a create whose answer was lost is found again by its
    /// marker. Asana has no filter by custom field outside its premium
    /// search, so the project's tasks (changed since `modified_since`, when
    /// given) are read and filtered here.
    pub async fn tasks_with_text_value(
        &self,
        project_gid: &str,
        field_gid: &str,
        value: &str,
        modified_since: Option<Timestamp>,
    ) -> Result<Vec<Task>, HttpError> {
        checked_gid("custom field", field_gid)?;
        self.tasks(project_gid, modified_since, &ListOptions::default())
            .try_filter(|task| std::future::ready(task.text_value(field_gid) == Some(value)))
            .try_collect()
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modified_since_is_cut_to_milliseconds() {
        let moment: Timestamp = "2026-05-01T10:00:00.123987654Z".parse().unwrap();
        assert_eq!(to_millis(moment).to_string(), "2026-05-01T10:00:00.123Z");
    }
}
