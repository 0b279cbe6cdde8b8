//! Workflow transitions: which an issue may take, and taking one.

use kakehashi_http::{HttpError, Method};
use serde::Deserialize;
use serde_json::json;

use crate::client::{segment, JiraClient};
use crate::model::issue::FieldValues;
use crate::model::text::RichText;
use crate::model::transition::Transition;

#[derive(Deserialize)]
struct TransitionsAnswer {
    #[serde(default)]
    transitions: Vec<Transition>,
}

impl JiraClient {
    /// The transitions the issue may take now.
    pub async fn transitions(&self, key: &str) -> Result<Vec<Transition>, HttpError> {
        let path = format!("issue/{}/transitions", segment(key));
        let answer: TransitionsAnswer = self.fetch(self.api_request(Method::GET, &path)).await?;
        Ok(answer.transitions)
    }

    /// Takes transition `id`, setting `fields` from the transition screen
    /// and adding `comment`, if given.
    pub async fn transition_issue(
        &self,
        key: &str,
        id: &str,
        fields: Option<&FieldValues>,
        comment: Option<&RichText>,
    ) -> Result<(), HttpError> {
        let deployment = self.deployment();
        let mut body = json!({ "transition": { "id": id } });
        if let Some(fields) = fields {
            body["fields"] = fields.to_json(deployment).into();
        }
        if let Some(comment) = comment {
            body["update"] = json!({
                "comment": [{ "add": { "body": comment.to_request_value(deployment) } }]
            });
        }
        let path = format!("issue/{}/transitions", segment(key));
        self.send(self.api_request(Method::POST, &path).json(&body))
            .await
            .map(drop)
    }

    /// Takes the transition that leads to the status named `status`
    /// (case-insensitive), if the issue offers one.
    pub async fn transition_to(&self, key: &str, status: &str) -> Result<(), HttpError> {
        let transitions = self.transitions(key).await?;
        let chosen = transitions.iter().find(|t| {
            t.to.as_ref()
                .is_some_and(|to| to.name.eq_ignore_ascii_case(status))
        });
        let Some(chosen) = chosen else {
            let offered: Vec<String> = transitions
                .iter()
                .filter_map(|t| t.to.as_ref().map(|to| to.name.clone()))
                .collect();
            return Err(HttpError::invalid_input(
                "status",
                format!("{key} cannot move to “{status}” from where it is now; its workflow offers: {}.", offered.join(", ")),
            ));
        };
        self.transition_issue(key, &chosen.id, None, None).await
    }
}
