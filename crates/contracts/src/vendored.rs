//! Where the vendored contracts live and how they are read. The repository
//! carries its own copies (CI clones have no shared folder); the OpenAPI
//! documents are gzip-compressed JSON, Asana's converted from YAML.

use std::io::Read;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// `crates/contracts/vendored/`.
pub fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("vendored")
}

pub const JIRA_CLOUD: &str = "jira/jira-cloud-platform-v3.openapi.json.gz";
pub const JIRA_DC: &str = "jira/jira-software-dc-10.3.openapi.json.gz";
pub const ASANA: &str = "asana/asana.openapi.json.gz";
pub const TTNX_DIR: &str = "timetracker-nx";

/// Reads and parses a vendored `.json.gz` (relative to [`dir`]).
pub fn read_gz_json(relative: &str) -> Result<Value, String> {
    let path = dir().join(relative);
    let file =
        std::fs::File::open(&path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    let mut text = Vec::new();
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut text)
        .map_err(|e| format!("{} is not gzip: {e}", path.display()))?;
    serde_json::from_slice(&text).map_err(|e| format!("{} is not JSON: {e}", path.display()))
}

/// Reads and parses a plain JSON file (relative to [`dir`]).
pub fn read_json(relative: &str) -> Result<Value, String> {
    let path = dir().join(relative);
    let text = std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_slice(&text).map_err(|e| format!("{} is not JSON: {e}", path.display()))
}

/// YAML to JSON the way the vendored Asana copy was made. Mapping keys that
/// YAML reads as numbers (`200:` response codes) become strings, as in JSON.
pub fn yaml_to_json(text: &str) -> Result<Value, String> {
    let yaml: serde_norway::Value =
        serde_norway::from_str(text).map_err(|e| format!("not YAML: {e}"))?;
    convert_yaml(yaml)
}

fn convert_yaml(yaml: serde_norway::Value) -> Result<Value, String> {
    use serde_norway::Value as Y;
    Ok(match yaml {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                let f = n
                    .as_f64()
                    .ok_or_else(|| format!("number {n} out of range"))?;
                serde_json::Number::from_f64(f)
                    .map(Value::Number)
                    .ok_or_else(|| format!("{f} has no JSON form"))?
            }
        }
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(
            items
                .into_iter()
                .map(convert_yaml)
                .collect::<Result<_, _>>()?,
        ),
        Y::Mapping(map) => {
            let mut object = serde_json::Map::with_capacity(map.len());
            for (key, value) in map {
                let key = match key {
                    Y::String(s) => s,
                    Y::Number(n) => n.to_string(),
                    Y::Bool(b) => b.to_string(),
                    other => return Err(format!("mapping key {other:?} cannot be a JSON key")),
                };
                object.insert(key, convert_yaml(value)?);
            }
            Value::Object(object)
        }
        Y::Tagged(tagged) => convert_yaml(tagged.value)?,
    })
}

/// Every file under `dir` (recursively), as paths relative to it, sorted.
pub fn files_under(root: &Path) -> Vec<PathBuf> {
    fn walk(root: &Path, at: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(at) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else if let Ok(relative) = path.strip_prefix(root) {
                out.push(relative.to_path_buf());
            }
        }
    }
    let mut out = Vec::new();
    walk(root, root, &mut out);
    out.sort();
    out
}
