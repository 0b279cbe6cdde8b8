//! `kakehashi connection add|list|test|remove` as a user runs them: the real
//! binary, a fresh data folder, the real keychain, the simulators on
//! loopback ports.

mod support;

use std::path::Path;
use std::process::Command;

use kakehashi_sim::{start, SimKind, SimOptions};
use serde_json::Value;
use support::{add_server, keychain_available, ok, run};

/// A service credential for `server`, its secret given on standard input.
fn service_credential(
    dir: &Path,
    server: &str,
    kind: &str,
    login: Option<&str>,
    secret: &str,
) -> String {
    let mut args = vec![
        "credential",
        "add",
        "--server",
        server,
        "--kind",
        kind,
        "--label",
        "sync bot",
        "--service",
    ];
    if let Some(login) = login {
        args.extend(["--login", login]);
    }
    let (added, _) = ok(dir, &args, &format!("{secret}\n"));
    added["id"].to_string()
}

fn check<'a>(side: &'a Value, id: &str) -> &'a Value {
    side["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no {id} check in {side}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn add_test_list_and_remove_a_jira_to_timetracker_connection() {
    if !keychain_available() {
        return;
    }
    let dc = start(SimKind::JiraDataCenter, &SimOptions::default(), 0)
        .await
        .unwrap();
    let tt = start(SimKind::Ttnx, &SimOptions::default(), 0)
        .await
        .unwrap();
    let (dc_url, dc_login, dc_secret) = (
        dc.url().to_owned(),
        dc.login().to_owned(),
        dc.secret().to_owned(),
    );
    let (tt_url, tt_secret) = (tt.url().to_owned(), tt.secret().to_owned());
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_path_buf();
    tokio::task::spawn_blocking(move || {
        let jira = add_server(&dir, "jira-dc", &dc_url);
        let ttnx = add_server(&dir, "ttnx", &tt_url);
        service_credential(&dir, &jira, "jira-dc-password", Some(&dc_login), &dc_secret);
        service_credential(&dir, &ttnx, "ttnx-api-key", None, &tt_secret);
        let name = "Jira ↔ TimeTracker";
        let (added, _) = ok(
            &dir,
            &[
                "connection",
                "add",
                "--name",
                name,
                "--left",
                &jira,
                "--right",
                &ttnx,
            ],
            "",
        );
        assert_eq!(added["direction"], "both");

        let (listed, _) = ok(&dir, &["connection", "list"], "");
        assert_eq!(listed["connections"][0]["lastTest"], Value::Null);

        // Both sides work: exit 0, every network and sign-in check passed.
        let (report, _) = ok(&dir, &["connection", "test", name], "");
        for side in [&report["left"], &report["right"]] {
            for id in [
                "dns",
                "tcp",
                "addresses",
                "product",
                "auth",
                "identity",
                "permissions",
            ] {
                assert_ne!(check(side, id)["status"], "failed", "{id}: {side}");
            }
            assert_eq!(check(side, "auth")["status"], "passed", "{side}");
        }
        assert!(check(&report["left"], "identity")["summary"]
            .as_str()
            .unwrap()
            .contains(&dc_login));
        assert!(!report.to_string().contains(&dc_secret));
        assert!(!report.to_string().contains(&tt_secret));

        // The result is kept and shown by `list`.
        let (listed, _) = ok(&dir, &["connection", "list"], "");
        assert_eq!(
            listed["connections"][0]["lastTest"]["outcome"],
            report["outcome"]
        );

        // Text mode prints the checklist line by line.
        let out = Command::new(env!("CARGO_BIN_EXE_kakehashi"))
            .env("LANG", "en_US.UTF-8")
            .arg("--data-dir")
            .arg(&dir)
            .args(["connection", "test", name])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{text}");
        assert!(text.starts_with("Testing “Jira ↔ TimeTracker”"), "{text}");
        assert!(
            text.lines().filter(|l| l.starts_with('✔')).count() >= 10,
            "{text}"
        );

        let (removed, _) = ok(&dir, &["connection", "remove", name], "");
        assert_eq!(removed["name"], name);
        let (listed, _) = ok(&dir, &["connection", "list"], "");
        assert!(listed["connections"].as_array().unwrap().is_empty());
    })
    .await
    .unwrap();
    dc.stop().await;
    tt.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refused_password_fails_the_test_with_exit_1_and_says_what_to_do() {
    if !keychain_available() {
        return;
    }
    let dc = start(SimKind::JiraDataCenter, &SimOptions::default(), 0)
        .await
        .unwrap();
    let tt = start(SimKind::Ttnx, &SimOptions::default(), 0)
        .await
        .unwrap();
    let (dc_url, dc_login) = (dc.url().to_owned(), dc.login().to_owned());
    let (tt_url, tt_secret) = (tt.url().to_owned(), tt.secret().to_owned());
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_path_buf();
    tokio::task::spawn_blocking(move || {
        let jira = add_server(&dir, "jira-dc", &dc_url);
        let ttnx = add_server(&dir, "ttnx", &tt_url);
        let wrong = "not-the-password-7c1d";
        service_credential(&dir, &jira, "jira-dc-password", Some(&dc_login), wrong);
        service_credential(&dir, &ttnx, "ttnx-api-key", None, &tt_secret);
        ok(
            &dir,
            &[
                "connection",
                "add",
                "--name",
                "dc-tt",
                "--left",
                &jira,
                "--right",
                &ttnx,
            ],
            "",
        );
        let (code, report, _) = run(&dir, &["connection", "test", "dc-tt"], "", &[]);
        assert_eq!(code, Some(1), "{report}");
        assert_eq!(report["outcome"], "failed");
        let auth = check(&report["left"], "auth");
        assert_eq!(auth["status"], "failed", "{auth}");
        assert!(
            auth["fix"].as_str().is_some_and(|fix| !fix.is_empty()),
            "{auth}"
        );
        assert_eq!(check(&report["right"], "auth")["status"], "passed");
        assert!(!report.to_string().contains(wrong));

        // A name that does not exist is bad input (exit 2).
        let (code, missing, _) = run(&dir, &["connection", "test", "nope"], "", &[]);
        assert_ne!(code, Some(0), "{missing}");
        assert_eq!(missing["error"]["code"], "NotFound");
        let (code, bad, _) = run(
            &dir,
            &[
                "connection",
                "add",
                "--name",
                "x",
                "--left",
                &jira,
                "--right",
                &ttnx,
                "--direction",
                "up",
            ],
            "",
            &[],
        );
        assert_eq!(code, Some(2), "{bad}");
        assert_eq!(bad["error"]["field"], "direction");
    })
    .await
    .unwrap();
    dc.stop().await;
    tt.stop().await;
}
