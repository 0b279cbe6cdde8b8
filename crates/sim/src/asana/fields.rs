//! `opt_fields`: which properties of a record an answer carries.
//!
//! Every record is rendered in full once; then it is cut down to what was
//! asked for. Without `opt_fields` lists answer compact records and single
//! GETs the full record minus Asana's opt-in properties. With `opt_fields`
//! the record holds `gid` plus exactly the named properties; dotted paths
//! (`assignee.name`, `custom_fields.enum_value.name`) reach into nested
//! records and arrays of records.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

/// How a record looks when the request names no `opt_fields`.
#[derive(Debug, Clone, Copy)]
pub(crate) enum View {
    /// Only these properties (list endpoints).
    Compact(&'static [&'static str]),
    /// Everything except these opt-in properties (single-record endpoints).
    AllBut(&'static [&'static str]),
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Tree(BTreeMap<String, Tree>);

/// The parsed `opt_fields` parameter (absent = the default view).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Fields(Option<Tree>);

impl Fields {
    pub fn parse(opt_fields: Option<&str>) -> Fields {
        let Some(text) = opt_fields else {
            return Fields(None);
        };
        let mut tree = Tree::default();
        for path in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let mut node = &mut tree;
            for part in path.split('.') {
                node = node.0.entry(part.to_owned()).or_default();
            }
        }
        Fields(Some(tree))
    }

    /// Cuts a fully rendered record down to what the request asked for.
    pub fn shape(&self, full: Map<String, Value>, view: View) -> Value {
        match (&self.0, view) {
            (Some(tree), _) => select(Value::Object(full), tree),
            (None, View::Compact(keys)) => Value::Object(
                full.into_iter()
                    .filter(|(key, _)| keys.contains(&key.as_str()))
                    .collect(),
            ),
            (None, View::AllBut(opt_in)) => Value::Object(
                full.into_iter()
                    .filter(|(key, _)| !opt_in.contains(&key.as_str()))
                    .collect(),
            ),
        }
    }
}

/// A record keeps its `gid` and the named properties; a property named
/// without sub-paths keeps its whole (already compact) value.
fn select(value: Value, tree: &Tree) -> Value {
    match value {
        Value::Object(mut map) => {
            let mut out = Map::new();
            if let Some(gid) = map.remove("gid") {
                out.insert("gid".to_owned(), gid);
            }
            for (key, sub) in &tree.0 {
                if let Some(inner) = map.remove(key) {
                    let inner = if sub.0.is_empty() {
                        inner
                    } else {
                        select(inner, sub)
                    };
                    out.insert(key.clone(), inner);
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => {
            Value::Array(items.into_iter().map(|item| select(item, tree)).collect())
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn task() -> Map<String, Value> {
        json!({
            "gid": "1", "resource_type": "task", "name": "Write copy", "notes": "n", "html_notes": "<body>n</body>",
            "assignee": { "gid": "2", "resource_type": "user", "name": "Sato" },
            "custom_fields": [{ "gid": "3", "name": "Priority", "enum_value": { "gid": "4", "name": "High", "color": "red" } }],
            "parent": null,
        })
        .as_object()
        .unwrap()
        .clone()
    }

    #[test]
    fn without_opt_fields_the_view_decides() {
        let none = Fields::parse(None);
        let compact = none.shape(task(), View::Compact(&["gid", "resource_type", "name"]));
        assert_eq!(
            compact,
            json!({ "gid": "1", "resource_type": "task", "name": "Write copy" })
        );
        let full = none.shape(task(), View::AllBut(&["html_notes"]));
        assert!(full.get("html_notes").is_none());
        assert_eq!(full["notes"], "n");
    }

    #[test]
    fn opt_fields_pick_gid_and_the_named_paths() {
        let fields = Fields::parse(Some(
            "name,assignee.name,custom_fields.enum_value.name,parent,nonsense",
        ));
        let shaped = fields.shape(task(), View::Compact(&[]));
        assert_eq!(
            shaped,
            json!({
                "gid": "1", "name": "Write copy",
                "assignee": { "gid": "2", "name": "Sato" },
                "custom_fields": [{ "gid": "3", "enum_value": { "gid": "4", "name": "High" } }],
                "parent": null,
            })
        );
    }
}
