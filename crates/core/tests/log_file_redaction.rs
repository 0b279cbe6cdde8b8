//! The real log file, written through `logging::init`, never holds a secret.
//! (Own test binary: the subscriber is process-global.)

use kakehashi_core::logging;

#[test]
fn the_rolling_log_file_is_redacted() {
    let tmp = tempfile::tempdir().unwrap();
    let guard = logging::init(tmp.path(), "info", false).unwrap();
    tracing::info!(
        token = "ATATT3xFfGF0secretsecretsecret99",
        "connecting with Authorization: Basic YWRtaW46aHVudGVyMg=="
    );
    tracing::error!("login failed for admin password=Tr0ub4dor&3");
    drop(guard); // flushes the background writer

    let files: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let name = files[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with(logging::LOG_FILE_PREFIX) && name.ends_with(".log"),
        "{name}"
    );
    let text = std::fs::read_to_string(&files[0]).unwrap();
    assert!(text.contains("login failed for admin"), "{text}");
    for secret in ["ATATT3xFfGF0", "YWRtaW46aHVudGVyMg==", "Tr0ub4dor"] {
        assert!(!text.contains(secret), "{secret} leaked into {text}");
    }
}
