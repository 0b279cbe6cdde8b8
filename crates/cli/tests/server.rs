//! `kakehashi server …` run as a user would: the real binary, a fresh data folder.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn kakehashi(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kakehashi"))
        .arg("--json")
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .output()
        .unwrap()
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {out:?}"))
}

#[test]
fn add_list_trust_and_remove_a_server() {
    let tmp = tempfile::tempdir().unwrap();
    let out = kakehashi(
        tmp.path(),
        &[
            "server",
            "add",
            "--kind",
            "jira-dc",
            "--url",
            "https://jira.example.com/jira/",
            "--alt-url",
            "http://10.1.2.3:8080/jira",
            "--proxy",
            "direct",
        ],
    );
    assert!(out.status.success(), "{out:?}");
    let added = json(&out);
    let id = added["id"].as_u64().unwrap().to_string();
    assert_eq!(added["kind"], "jiraDataCenter");
    assert_eq!(added["name"], "Jira Data Center (jira.example.com)");
    assert_eq!(added["baseUrl"], "https://jira.example.com/jira");
    assert_eq!(added["altUrl"], "http://10.1.2.3:8080/jira");
    assert_eq!(added["proxy"]["mode"], "direct");

    let fingerprint = "0f".repeat(32);
    let out = kakehashi(
        tmp.path(),
        &["server", "trust", &id, "--fingerprint", &fingerprint],
    );
    assert!(out.status.success(), "{out:?}");
    assert_eq!(json(&out)["tls"]["pinnedFingerprint"], ["0F"; 32].join(":"));

    let listed = json(&kakehashi(tmp.path(), &["server", "list"]));
    assert_eq!(listed["servers"].as_array().unwrap().len(), 1);
    assert_eq!(
        listed["servers"][0]["tls"]["pinnedFingerprint"],
        ["0F"; 32].join(":")
    );

    let out = kakehashi(tmp.path(), &["server", "trust", &id, "--forget"]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(json(&out)["tls"]["pinnedFingerprint"], Value::Null);

    let out = kakehashi(tmp.path(), &["server", "remove", &id]);
    assert!(out.status.success(), "{out:?}");
    let listed = json(&kakehashi(tmp.path(), &["server", "list"]));
    assert!(listed["servers"].as_array().unwrap().is_empty());
}

#[test]
fn bad_input_exits_2_with_the_field_to_fix() {
    let tmp = tempfile::tempdir().unwrap();
    let cases: [(&[&str], &str); 4] = [
        (
            &[
                "server",
                "add",
                "--kind",
                "jira",
                "--url",
                "https://x.example.com",
            ],
            "kind",
        ),
        (
            // A missing scheme is forgiven (https://); another one is not.
            &[
                "server",
                "add",
                "--kind",
                "asana",
                "--url",
                "ftp://app.asana.com",
            ],
            "baseUrl",
        ),
        (
            &[
                "server",
                "add",
                "--kind",
                "ttnx",
                "--url",
                "https://tt.example.com/TimeTrackerNX",
                "--proxy",
                "http://u:pw@proxy:8080",
            ],
            "proxy",
        ),
        (
            &[
                "server",
                "add",
                "--kind",
                "jira-cloud",
                "--url",
                "https://x.atlassian.net",
                "--ca-file",
                "/does/not/exist.pem",
            ],
            "caFile",
        ),
    ];
    for (args, field) in cases {
        let out = kakehashi(tmp.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        let error = &json(&out)["error"];
        assert_eq!(error["code"], "Validation", "{args:?}");
        assert_eq!(error["field"], field, "{args:?}");
    }
    let out = kakehashi(
        tmp.path(),
        &["server", "trust", "1", "--fingerprint", "AB:CD"],
    );
    assert_ne!(out.status.code(), Some(0));
    let out = kakehashi(tmp.path(), &["server", "remove", "42"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json(&out)["error"]["code"], "NotFound");
}
