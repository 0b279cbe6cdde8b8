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

#[test]
fn a_usage_error_with_json_is_still_one_json_document() {
    let out = kakehashi().args(["--json", "frobnicate"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["error"]["code"], "Validation");
    assert!(doc["error"]["message"]
        .as_str()
        .unwrap()
        .contains("frobnicate"));
}

#[test]
fn a_reader_that_closes_early_does_not_crash_the_cli() {
    use std::process::Stdio;
    let tmp = tempfile::tempdir().unwrap();
    let mut child = doctor_json(tmp.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away before anything is written
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_file_that_is_not_a_database_is_named_with_a_remedy() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("kakehashi.sqlite3"), vec![b'x'; 4096]).unwrap();
    let out = doctor_json(tmp.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let message = doc["error"]["message"].as_str().unwrap();
    assert!(message.contains("kakehashi.sqlite3"), "{message}");
    assert!(message.contains("--data-dir"), "{message}");
}
