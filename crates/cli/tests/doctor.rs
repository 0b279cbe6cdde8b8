//! `kakehashi doctor` run as a user would: the real binary, a fresh data folder.

use std::process::Command;

fn kakehashi() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kakehashi"))
}

/// `kakehashi --json --data-dir DIR doctor`, ready for extra environment.
fn doctor_json(data_dir: &std::path::Path) -> Command {
    let mut cmd = kakehashi();
    cmd.args(["--json", "--data-dir"])
        .arg(data_dir)
        .arg("doctor");
    cmd
}

#[test]
fn doctor_json_is_one_valid_document_with_schema_and_folders() {
    let tmp = tempfile::tempdir().unwrap();
    let out = doctor_json(tmp.path()).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["dataDir"], tmp.path().display().to_string());
    assert!(report["schemaVersion"].as_u64().unwrap() >= 1);
    assert!(report["keychain"]["reachable"].is_boolean());
    assert!(tmp.path().join("kakehashi.sqlite3").is_file());
    assert!(tmp.path().join("logs").is_dir());
}

#[test]
fn doctor_without_a_secret_service_says_so_and_succeeds() {
    let tmp = tempfile::tempdir().unwrap();
    let out = doctor_json(tmp.path())
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env("XDG_RUNTIME_DIR", tmp.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    if cfg!(target_os = "linux") {
        assert_eq!(report["keychain"]["reachable"], false);
        let reason = report["keychain"]["reason"].as_str().unwrap();
        assert!(reason.contains("D-Bus"), "{reason}");
    }
}

#[test]
fn doctor_text_names_the_data_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let out = kakehashi()
        .arg("--data-dir")
        .arg(tmp.path())
        .arg("doctor")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(&tmp.path().display().to_string()), "{text}");
    assert!(text.contains("Schema version"), "{text}");
}

#[test]
fn an_unusable_data_dir_is_bad_input_with_a_json_error() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("file");
    std::fs::write(&file, b"x").unwrap();
    let out = doctor_json(&file.join("sub")).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["error"]["code"], "Validation");
    assert!(doc["error"]["message"]
        .as_str()
        .unwrap()
        .contains("--data-dir"));
}

#[test]
fn an_unknown_command_exits_with_2() {
    let out = kakehashi().arg("frobnicate").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}
