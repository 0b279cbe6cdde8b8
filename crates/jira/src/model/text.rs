//! Rich text the two products write differently: Jira Cloud (REST v3) as
//! Atlassian Document Format, Data Center (REST v2) as a plain string.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::adf::{adf_to_text, is_adf, text_to_adf};
use crate::model::server::Deployment;

/// A description, comment or worklog comment, as read or as to be written.
#[derive(Debug, Clone, PartialEq)]
pub enum RichText {
    /// Plain text (what Data Center stores; converted to ADF for Cloud).
    Text(String),
    /// An ADF document (what Cloud stores; flattened to text for Data Center).
    Adf(Value),
}

impl RichText {
    /// Plain text, the form both products can take.
    pub fn text(text: impl Into<String>) -> Self {
        RichText::Text(text.into())
    }

    /// Readable plain text: ADF is flattened (see [`crate::adf`]).
    pub fn to_text(&self) -> String {
        match self {
            RichText::Text(text) => text.clone(),
            RichText::Adf(doc) => adf_to_text(doc),
        }
    }

    /// An ADF document: plain text becomes paragraphs and hard breaks.
    pub fn to_adf(&self) -> Value {
        match self {
            RichText::Text(text) => text_to_adf(text),
            RichText::Adf(doc) => doc.clone(),
        }
    }

    /// The value a request body carries on this deployment: ADF for REST v3,
    /// a string for REST v2.
    pub fn to_request_value(&self, deployment: Deployment) -> Value {
        match deployment {
            Deployment::Cloud => self.to_adf(),
            Deployment::DataCenter => Value::String(self.to_text()),
        }
    }
}

impl From<&str> for RichText {
    fn from(text: &str) -> Self {
        RichText::Text(text.to_owned())
    }
}

impl From<String> for RichText {
    fn from(text: String) -> Self {
        RichText::Text(text)
    }
}

impl Serialize for RichText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            RichText::Text(text) => serializer.serialize_str(text),
            RichText::Adf(doc) => doc.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for RichText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match Value::deserialize(deserializer)? {
            Value::String(text) => Ok(RichText::Text(text)),
            doc if is_adf(&doc) => Ok(RichText::Adf(doc)),
            other => Err(serde::de::Error::custom(format!(
                "expected a string or an ADF document, got {other}"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_deployment_gets_its_own_dialect() {
        let text = RichText::text("一行目\n二行目");
        assert_eq!(
            text.to_request_value(Deployment::DataCenter),
            json!("一行目\n二行目")
        );
        let adf = text.to_request_value(Deployment::Cloud);
        assert_eq!(adf["type"], "doc");
        let back: RichText = serde_json::from_value(adf).unwrap();
        assert_eq!(back.to_text(), "一行目\n二行目");
        assert_eq!(
            back.to_request_value(Deployment::DataCenter),
            json!("一行目\n二行目")
        );
        assert!(serde_json::from_value::<RichText>(json!(42)).is_err());
    }
}
