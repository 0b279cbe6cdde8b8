//! How TimeTracker NX explains a refusal. In practice the body is
//! `[{"message": "..."}]` (API-NOTES); the vendor promises no codes, so the
//! decoder also reads the shapes an IIS / ASP.NET front end or a proxy may
//! put there instead (`{"Message"}`, `{"message"}`, `{"error"}`,
//! `{"errors": [...]}`, a bare JSON string), and names the permission a 403
//! is about where the message says it.

use kakehashi_http::{ErrorDecoder, StatusCode};
use serde_json::Value;

/// The TT NX [`ErrorDecoder`].
#[derive(Debug, Clone, Copy, Default)]
pub struct TtnxErrorDecoder;

/// Words in a 403's message → the permission to grant, as the TT NX UI
/// names it. The server writes in its own language, so both are listed;
/// the first match wins, so narrower phrases come first.
const PERMISSIONS: &[(&[&str], &str)] = &[
    (
        &[
            "プロジェクトを管理",
            "プロジェクトの管理",
            "manage project",
            "manage the project",
        ],
        "Manage Project",
    ),
    (
        &[
            "プロジェクトを編集",
            "プロジェクトの編集",
            "edit project",
            "edit the project",
        ],
        "Edit Project",
    ),
    (
        &[
            "ワークアイテムを編集",
            "ワークアイテムの編集",
            "edit work item",
            "edit the work item",
        ],
        "Edit Work Items",
    ),
    (
        &[
            "他のユーザーの実績",
            "other users' time entries",
            "time entries of other users",
        ],
        "Manage Time Entries of Other Users",
    ),
    (
        &[
            "実績を入力",
            "実績の入力",
            "enter time entr",
            "enter actual",
        ],
        "Enter Time Entries",
    ),
];

impl ErrorDecoder for TtnxErrorDecoder {
    fn message(&self, _status: StatusCode, body: &[u8]) -> Option<String> {
        let value: Value = serde_json::from_slice(body).ok()?;
        let mut messages = Vec::new();
        collect_messages(&value, &mut messages);
        messages.dedup();
        (!messages.is_empty()).then(|| messages.join(" / "))
    }

    fn missing_permission(&self, message: Option<&str>, _body: &[u8]) -> Option<String> {
        let lowered = message?.to_lowercase();
        PERMISSIONS
            .iter()
            .find(|(words, _)| words.iter().any(|word| lowered.contains(word)))
            .map(|(_, permission)| (*permission).to_owned())
    }
}

/// The non-empty messages of an error body, in order.
fn collect_messages(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(text) => push(text, out),
        Value::Array(items) => items.iter().for_each(|item| collect_messages(item, out)),
        Value::Object(object) => {
            let said = ["message", "Message", "error", "error_description"]
                .iter()
                .filter_map(|key| object.get(*key))
                .find(|value| matches!(value, Value::String(text) if !text.trim().is_empty()));
            match said {
                Some(value) => collect_messages(value, out),
                None => {
                    if let Some(errors) = object.get("errors") {
                        collect_messages(errors, out);
                    }
                }
            }
        }
        _ => {}
    }
}

fn push(text: &str, out: &mut Vec<String>) {
    let text = text.trim();
    if !text.is_empty() {
        out.push(text.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(body: &str) -> Option<String> {
        TtnxErrorDecoder.message(StatusCode::BAD_REQUEST, body.as_bytes())
    }

    #[test]
    fn reads_the_vendor_array_and_other_shapes() {
        assert_eq!(
            said(r#"[{"message":"プロジェクトが見つかりません。"}]"#).as_deref(),
            Some("プロジェクトが見つかりません。")
        );
        assert_eq!(
            said(r#"[{"message":"a"},{"message":"b"},{"message":"b"}]"#).as_deref(),
            Some("a / b")
        );
        assert_eq!(
            said(r#"{"Message":"An error has occurred."}"#).as_deref(),
            Some("An error has occurred.")
        );
        assert_eq!(said(r#"{"error":"denied"}"#).as_deref(), Some("denied"));
        assert_eq!(
            said(r#"{"errors":[{"message":"x"}]}"#).as_deref(),
            Some("x")
        );
        assert_eq!(said(r#""plain""#).as_deref(), Some("plain"));
        assert_eq!(said(r#"[{"message":"  "}]"#), None);
        assert_eq!(said("<html>502</html>"), None);
        assert_eq!(said(r#"{"code":7}"#), None);
    }

    #[test]
    fn names_the_permission_a_403_is_about() {
        let permission = |message: &str| {
            TtnxErrorDecoder
                .missing_permission(Some(message), b"")
                .map(|p| p.to_owned())
        };
        assert_eq!(
            permission("プロジェクトを管理する権限がありません。").as_deref(),
            Some("Manage Project")
        );
        assert_eq!(
            permission("You do not have the Manage Project permission.").as_deref(),
            Some("Manage Project")
        );
        assert_eq!(
            permission("ワークアイテムを編集する権限がありません。").as_deref(),
            Some("Edit Work Items")
        );
        assert_eq!(
            permission("実績を入力する権限がありません。").as_deref(),
            Some("Enter Time Entries")
        );
        assert_eq!(permission("アクセスが拒否されました。"), None);
        assert_eq!(TtnxErrorDecoder.missing_permission(None, b""), None);
    }
}
