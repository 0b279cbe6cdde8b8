//! The repository's copies of the vendors' contracts (`crates/contracts/vendored/`)
//! are the ones in the project's shared contracts folder.
//!
//! - Shared folder present (`<workspace>/../shared/contracts`, or
//!   `KAKEHASHI_SHARED_CONTRACTS`): every vendored copy must parse to the
//!   same JSON as its original; with `KAKEHASHI_UPDATE_CONTRACTS=1` the
//!   copies are rewritten from the originals instead (like a snapshot update).
//! - Shared folder absent (a CI clone): says so on stderr and checks only
//!   that every vendored copy exists and parses.

use std::io::Write;
use std::path::{Path, PathBuf};

use kakehashi_contracts::vendored;
use serde_json::Value;

/// One vendored contract and where it comes from.
struct Copy {
    shared: PathBuf,
    vendored: PathBuf,
    form: Form,
}

#[derive(Clone, Copy, PartialEq)]
enum Form {
    /// JSON original, vendored gzip-compressed.
    JsonGz,
    /// YAML original, vendored as gzip-compressed JSON.
    YamlAsJsonGz,
    /// Copied byte for byte (TT NX schemas, their licence).
    Verbatim,
}

fn shared_dir() -> PathBuf {
    match std::env::var_os("KAKEHASHI_SHARED_CONTRACTS") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/contracts"),
    }
}

fn copies(shared: &Path) -> Vec<Copy> {
    let vendored_dir = vendored::dir();
    let mut copies = vec![
        Copy {
            shared: shared.join("jira/jira-cloud-platform-v3.openapi.json"),
            vendored: vendored_dir.join(vendored::JIRA_CLOUD),
            form: Form::JsonGz,
        },
        Copy {
            shared: shared.join("jira/jira-software-dc-10.3.openapi.json"),
            vendored: vendored_dir.join(vendored::JIRA_DC),
            form: Form::JsonGz,
        },
        Copy {
            shared: shared.join("asana/asana.openapi.yaml"),
            vendored: vendored_dir.join(vendored::ASANA),
            form: Form::YamlAsJsonGz,
        },
    ];
    // TT NX: everything the shared folder has, or (without it) the vendored set.
    let ttnx_root = if shared.is_dir() {
        shared.join("timetracker-nx")
    } else {
        vendored_dir.join(vendored::TTNX_DIR)
    };
    for relative in vendored::files_under(&ttnx_root) {
        copies.push(Copy {
            shared: shared.join("timetracker-nx").join(&relative),
            vendored: vendored_dir.join(vendored::TTNX_DIR).join(&relative),
            form: Form::Verbatim,
        });
    }
    copies
}

/// What a file means: parsed JSON for contracts, text for the licence.
#[derive(Debug, PartialEq)]
enum Meaning {
    Json(Value),
    Text(String),
}

fn read_original(copy: &Copy) -> Result<(Vec<u8>, Meaning), String> {
    let bytes =
        std::fs::read(&copy.shared).map_err(|e| format!("{}: {e}", copy.shared.display()))?;
    let meaning = match copy.form {
        Form::YamlAsJsonGz => {
            let text = std::str::from_utf8(&bytes)
                .map_err(|e| format!("{}: {e}", copy.shared.display()))?;
            let json = vendored::yaml_to_json(text)
                .map_err(|e| format!("{}: {e}", copy.shared.display()))?;
            let rewritten = serde_json::to_vec(&json).expect("JSON serialises");
            return Ok((rewritten, Meaning::Json(json)));
        }
        _ => meaning_of(&copy.shared, &bytes)?,
    };
    Ok((bytes, meaning))
}

fn meaning_of(path: &Path, bytes: &[u8]) -> Result<Meaning, String> {
    if path.extension().and_then(|e| e.to_str()) == Some("json") {
        serde_json::from_slice(bytes)
            .map(Meaning::Json)
            .map_err(|e| format!("{}: not JSON: {e}", path.display()))
    } else {
        String::from_utf8(bytes.to_vec())
            .map(Meaning::Text)
            .map_err(|e| format!("{}: {e}", path.display()))
    }
}

fn read_vendored(copy: &Copy) -> Result<Meaning, String> {
    let bytes =
        std::fs::read(&copy.vendored).map_err(|e| format!("{}: {e}", copy.vendored.display()))?;
    match copy.form {
        Form::JsonGz | Form::YamlAsJsonGz => {
            let mut text = Vec::new();
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut text)
                .map_err(|e| format!("{}: not gzip: {e}", copy.vendored.display()))?;
            serde_json::from_slice(&text)
                .map(Meaning::Json)
                .map_err(|e| format!("{}: not JSON: {e}", copy.vendored.display()))
        }
        Form::Verbatim => meaning_of(&copy.vendored, &bytes),
    }
}

fn write_vendored(copy: &Copy, original: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = copy.vendored.parent() {
        std::fs::create_dir_all(parent)?;
    }
    match copy.form {
        Form::Verbatim => std::fs::write(&copy.vendored, original),
        Form::JsonGz | Form::YamlAsJsonGz => {
            // mtime 0 and no file name: the same input gives the same bytes,
            // so an update without changes leaves git clean.
            let mut encoder = flate2::GzBuilder::new()
                .mtime(0)
                .write(Vec::new(), flate2::Compression::best());
            encoder.write_all(original)?;
            std::fs::write(&copy.vendored, encoder.finish()?)
        }
    }
}

#[test]
fn vendored_contracts_match_the_shared_ones() {
    let shared = shared_dir();
    let copies = copies(&shared);
    if !shared.is_dir() {
        eprintln!(
            "shared contracts folder {} is absent: only checking that the vendored copies exist and parse \
             (set KAKEHASHI_SHARED_CONTRACTS to compare)",
            shared.display()
        );
        let broken: Vec<String> = copies
            .iter()
            .filter_map(|c| read_vendored(c).err())
            .collect();
        assert!(
            broken.is_empty(),
            "vendored contracts missing or unreadable:\n{}",
            broken.join("\n")
        );
        assert!(copies.len() > 3, "no TimeTracker NX schemas vendored");
        return;
    }
    let update = std::env::var("KAKEHASHI_UPDATE_CONTRACTS").is_ok_and(|v| v == "1");
    let mut differences = Vec::new();
    for copy in &copies {
        let (bytes, original) =
            read_original(copy).unwrap_or_else(|e| panic!("shared contract unreadable: {e}"));
        if update {
            write_vendored(copy, &bytes)
                .unwrap_or_else(|e| panic!("cannot write {}: {e}", copy.vendored.display()));
        }
        match read_vendored(copy) {
            Ok(vendored) if vendored == original => {}
            Ok(_) => differences.push(format!(
                "{} differs from {}",
                copy.vendored.display(),
                copy.shared.display()
            )),
            Err(e) => differences.push(e),
        }
    }
    // A schema the shared folder no longer has must not linger in the copy.
    let vendored_ttnx = vendored::dir().join(vendored::TTNX_DIR);
    for relative in vendored::files_under(&vendored_ttnx) {
        if !shared.join("timetracker-nx").join(&relative).exists() {
            let stale = vendored_ttnx.join(&relative);
            if update {
                std::fs::remove_file(&stale)
                    .unwrap_or_else(|e| panic!("cannot remove {}: {e}", stale.display()));
            } else {
                differences.push(format!(
                    "{} is not in the shared folder any more",
                    stale.display()
                ));
            }
        }
    }
    assert!(
        differences.is_empty(),
        "vendored contracts are out of date; refresh them with\n  \
         KAKEHASHI_UPDATE_CONTRACTS=1 cargo test -p kakehashi-sim --test contracts_vendored\n{}",
        differences.join("\n")
    );
}
