//! `kakehashi server test` against the simulators, as a user runs it: the
//! real binary, a fresh data folder, servers on loopback ports.

use std::path::Path;
use std::process::{Command, Output};

use kakehashi_sim::{start, SimKind, SimOptions};
use serde_json::Value;

async fn kakehashi(data_dir: &Path, args: &[&str]) -> (Option<i32>, Value) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kakehashi"));
    command
        .arg("--json")
        .arg("--data-dir")
        .arg(data_dir)
        .args(args);
    let out: Output = tokio::task::spawn_blocking(move || command.output().unwrap())
        .await
        .unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {out:?}"));
    (out.status.code(), json)
}

async fn add(data_dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["server", "add"];
    all.extend_from_slice(args);
    let (code, added) = kakehashi(data_dir, &all).await;
    assert_eq!(code, Some(0), "{added}");
    added["id"].to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn each_address_is_tried_and_the_product_and_version_named() {
    let tmp = tempfile::tempdir().unwrap();
    let dc = start(SimKind::JiraDataCenter, &SimOptions::default(), 0)
        .await
        .unwrap();
    let id = add(tmp.path(), &["--kind", "jira-dc", "--url", dc.url()]).await;
    let (code, report) = kakehashi(tmp.path(), &["server", "test", &id]).await;
    assert_eq!(code, Some(0), "{report}");
    let address = &report["addresses"][0];
    assert_eq!(address["role"], "base");
    assert_eq!(address["outcome"]["status"], "reached");
    assert_eq!(address["outcome"]["detected"], "jiraDataCenter");
    assert!(
        address["outcome"]["version"]
            .as_str()
            .unwrap()
            .starts_with("10."),
        "{report}"
    );
    assert_eq!(report["advice"], serde_json::json!([]));
    dc.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn only_the_alternative_address_answering_is_fine_and_said() {
    let tmp = tempfile::tempdir().unwrap();
    let tt = start(SimKind::Ttnx, &SimOptions::default(), 0)
        .await
        .unwrap();
    // Port 1 refuses at once: the public address is not reachable from here.
    let id = add(
        tmp.path(),
        &[
            "--kind",
            "ttnx",
            "--url",
            "http://127.0.0.1:1/TimeTrackerNX",
            "--alt-url",
            tt.url(),
            "--proxy",
            "direct",
        ],
    )
    .await;
    let (code, report) = kakehashi(tmp.path(), &["server", "test", &id]).await;
    assert_eq!(code, Some(0), "{report}");
    let [base, alt] = [&report["addresses"][0], &report["addresses"][1]];
    assert_eq!(base["outcome"]["status"], "failed");
    assert_eq!(base["outcome"]["error"]["code"], "Network");
    assert_eq!(alt["role"], "alternative");
    assert_eq!(alt["outcome"]["detected"], "timeTrackerNx");
    assert_eq!(alt["proxy"], Value::Null);
    let advice = report["advice"].to_string();
    assert!(
        advice.contains("Only the alternative URL answers"),
        "{advice}"
    );
    tt.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_wrong_kind_and_an_unreachable_server_fail_with_what_to_do() {
    let tmp = tempfile::tempdir().unwrap();
    let dc = start(SimKind::JiraDataCenter, &SimOptions::default(), 0)
        .await
        .unwrap();
    let id = add(tmp.path(), &["--kind", "jira-cloud", "--url", dc.url()]).await;
    let (code, failure) = kakehashi(tmp.path(), &["server", "test", &id]).await;
    assert_eq!(code, Some(2), "{failure}");
    assert_eq!(failure["error"]["field"], "kind");
    let message = failure["error"]["message"].as_str().unwrap();
    assert!(message.contains("--kind jira-dc"), "{message}");

    let id = add(
        tmp.path(),
        &["--kind", "asana", "--url", "http://127.0.0.1:1"],
    )
    .await;
    let (code, failure) = kakehashi(tmp.path(), &["server", "test", &id]).await;
    assert_eq!(code, Some(1), "{failure}");
    assert_eq!(failure["error"]["code"], "Network");
    let message = failure["error"]["message"].as_str().unwrap();
    assert!(message.contains("alternative URL"), "{message}");
    dc.stop().await;
}
