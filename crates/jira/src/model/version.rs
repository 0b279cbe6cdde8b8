//! Project versions (fix versions; the TimeTracker NX folders a sync maps
//! them to).

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::model::attachment::id_text;
use crate::model::server::Deployment;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Version {
    #[serde(deserialize_with = "id_text")]
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub archived: bool,
    #[serde(default)]
    pub released: bool,
    /// `2027-03-31` on Cloud, `2027-03-31T00:00:00.000+0000` on some Data
    /// Center versions; [`Version::start`] and [`Version::release`] read both.
    #[serde(default)]
    pub start_date: Option<String>,
    #[serde(default)]
    pub release_date: Option<String>,
    #[serde(default)]
    pub project_id: Option<u64>,
}

impl Version {
    /// The start date, whichever form the server wrote.
    pub fn start(&self) -> Option<Date> {
        self.start_date.as_deref().and_then(parse_date)
    }

    /// The release date, whichever form the server wrote.
    pub fn release(&self) -> Option<Date> {
        self.release_date.as_deref().and_then(parse_date)
    }
}

fn parse_date(text: &str) -> Option<Date> {
    let date = text.split_once('T').map_or(text, |(date, _)| date);
    date.trim().parse().ok()
}

/// A version to create, or the changes to make to one (`None` keeps).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VersionInput {
    pub name: Option<String>,
    pub description: Option<String>,
    pub released: Option<bool>,
    pub archived: Option<bool>,
    /// `Some(None)` clears the date.
    pub start_date: Option<Option<Date>>,
    pub release_date: Option<Option<Date>>,
}

impl VersionInput {
    /// A version named `name`.
    pub fn named(name: &str) -> Self {
        VersionInput {
            name: Some(name.to_owned()),
            ..VersionInput::default()
        }
    }

    /// The request body; `project_id` only on create. Dates go as a date on
    /// Cloud and as midnight UTC on Data Center, whose 10.3 contract types
    /// them as date-times.
    pub fn to_json(&self, deployment: Deployment, project_id: Option<u64>) -> Value {
        let mut body = json!({});
        if let Some(id) = project_id {
            body["projectId"] = json!(id);
        }
        if let Some(name) = &self.name {
            body["name"] = json!(name);
        }
        if let Some(description) = &self.description {
            body["description"] = json!(description);
        }
        if let Some(released) = self.released {
            body["released"] = json!(released);
        }
        if let Some(archived) = self.archived {
            body["archived"] = json!(archived);
        }
        for (name, date) in [
            ("startDate", &self.start_date),
            ("releaseDate", &self.release_date),
        ] {
            if let Some(date) = date {
                body[name] = date.map_or(Value::Null, |d| match deployment {
                    Deployment::Cloud => json!(d.to_string()),
                    Deployment::DataCenter => json!(format!("{d}T00:00:00.000+0000")),
                });
            }
        }
        body
    }
}
