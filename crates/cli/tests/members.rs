//! `kakehashi members …` as a user runs it: the real binary, a fresh data
//! folder, the real keychain, the TimeTracker NX simulator on a loopback
//! port. Every change is checked by reading the members back through the
//! simulator (`members list`) and in the audit log.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use kakehashi_core::members::audit;
use kakehashi_core::store::Database;
use kakehashi_sim::{start, SimKind, SimOptions};
use serde_json::Value;
use support::{add_server, keychain_available, ok, run};

const PROJECT: &str = "INT";

/// A TT NX server with its service credential; its id.
fn register(dir: &Path, url: &str, api_key: &str) -> String {
    let server = add_server(dir, "ttnx", url);
    ok(
        dir,
        &[
            "credential",
            "add",
            "--server",
            &server,
            "--kind",
            "ttnx-api-key",
            "--label",
            "sync bot",
            "--service",
        ],
        &format!("{api_key}\n"),
    );
    server
}

/// `members list` as JSON: the project with its members.
fn members(dir: &Path, server: &str) -> Value {
    ok(
        dir,
        &["members", "list", "--server", server, "--project", PROJECT],
        "",
    )
    .0
}

/// The member with this login, if any.
fn member<'a>(list: &'a Value, login: &str) -> Option<&'a Value> {
    list["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["login"] == login)
}

fn cost(list: &Value, login: &str) -> Option<f64> {
    member(list, login).and_then(|m| m["unitCost"].as_f64())
}

/// `members …` with `args` after `--server ID --project INT`.
fn change(dir: &Path, server: &str, command: &str, args: &[&str]) -> (Option<i32>, Value, String) {
    let mut all = vec!["members", command, "--server", server, "--project", PROJECT];
    all.extend_from_slice(args);
    run(dir, &all, "", &[])
}

fn applied(dir: &Path, server: &str, command: &str, args: &[&str]) -> Value {
    let (code, out, stderr) = change(dir, server, command, args);
    assert_eq!(code, Some(0), "{command} {args:?}: {out} {stderr}");
    assert_eq!(out["outcome"]["outcome"], "applied", "{out}");
    assert_eq!(out["outcome"]["requests"], 3, "check, one PUT, read back");
    assert!(out["auditId"].as_u64().is_some(), "{out}");
    out
}

/// Runs `body` with a data folder holding the simulator's server.
async fn with_server(body: impl FnOnce(PathBuf, String) + Send + 'static) {
    if !keychain_available() {
        return;
    }
    let tt = start(SimKind::Ttnx, &SimOptions::default(), 0)
        .await
        .unwrap();
    let (url, secret) = (tt.url().to_owned(), tt.secret().to_owned());
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_path_buf();
    tokio::task::spawn_blocking(move || {
        let server = register(&dir, &url, &secret);
        body(dir, server);
    })
    .await
    .unwrap();
    tt.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn list_add_update_and_remove_with_yes_each_recorded_in_the_audit_log() {
    with_server(|dir, server| {
        let before = members(&dir, &server);
        assert_eq!(before["project"]["code"], PROJECT);
        assert!(before["members"].as_array().unwrap().len() >= 3);
        assert!(member(&before, "emma.lindqvist").is_none());

        // Add two, one by e-mail, at a cost written with a thousands comma.
        let out = applied(
            &dir,
            &server,
            "add",
            &[
                "--user",
                "emma.lindqvist",
                "--user",
                "oliver.berg@example.co.jp",
                "--unit-cost",
                "8,200",
                "--yes",
            ],
        );
        assert_eq!(
            out["outcome"]["changes"]["adds"].as_array().unwrap().len(),
            2
        );
        let now = members(&dir, &server);
        assert_eq!(cost(&now, "emma.lindqvist"), Some(8200.0));
        assert_eq!(cost(&now, "oliver.berg"), Some(8200.0));

        // Update: by a percentage, to a value, back to the default.
        applied(
            &dir,
            &server,
            "update",
            &["--user", "emma.lindqvist", "--percent", "-10", "--yes"],
        );
        assert_eq!(
            cost(&members(&dir, &server), "emma.lindqvist"),
            Some(7380.0)
        );
        applied(
            &dir,
            &server,
            "update",
            &["--user", "oliver.berg", "--unit-cost", "6500,50", "--yes"],
        );
        assert_eq!(cost(&members(&dir, &server), "oliver.berg"), Some(6500.5));
        let out = applied(
            &dir,
            &server,
            "update",
            &["--user", "oliver.berg", "--default", "--yes"],
        );
        let update = &out["outcome"]["changes"]["updates"][0];
        assert_eq!(update["before"]["unitCost"], 6500.5);
        // The simulator's system default.
        assert_eq!(cost(&members(&dir, &server), "oliver.berg"), Some(5000.0));

        // Remove both.
        let out = applied(
            &dir,
            &server,
            "remove",
            &["--user", "emma.lindqvist", "--user", "OLIVER.BERG", "--yes"],
        );
        assert_eq!(
            out["outcome"]["changes"]["removes"]
                .as_array()
                .unwrap()
                .len(),
            2
        );
        let after = members(&dir, &server);
        assert!(member(&after, "emma.lindqvist").is_none());
        assert_eq!(after["members"], before["members"], "back where it started");

        // Every apply is in the audit log, by the TT NX account.
        let db = Database::open(&dir.join("kakehashi.sqlite3")).unwrap();
        let log = audit::list(&db, None).unwrap();
        assert_eq!(log.len(), 5);
        assert!(
            log.iter().all(|e| e.ttnx_user == "kakehashi-sync"),
            "{log:?}"
        );
        assert_eq!(log[0].changes.removes.len(), 2, "newest first");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn search_lists_users_and_marks_the_members_of_a_project() {
    with_server(|dir, server| {
        let (found, _) = ok(
            &dir,
            &[
                "members",
                "search",
                "--server",
                &server,
                "--name",
                "品質保証部",
                "--project",
                PROJECT,
            ],
            "",
        );
        let users = found["users"].as_array().unwrap();
        assert!(users.len() >= 2, "{found}");
        let tanaka = users.iter().find(|u| u["login"] == "tanaka.kenji").unwrap();
        assert!(tanaka["memberId"].is_string(), "tanaka is a member of INT");
        let (some, _) = ok(
            &dir,
            &[
                "members", "search", "--server", &server, "--name", "", "--limit", "3",
            ],
            "",
        );
        assert_eq!(some["users"].as_array().unwrap().len(), 3);
        assert_eq!(some["hasMore"], true);
        assert!(some["users"][0]["memberId"].is_null());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn without_a_terminal_a_change_needs_yes_and_a_dry_run_changes_nothing() {
    with_server(|dir, server| {
        let before = members(&dir, &server);
        let (code, out, _) = change(&dir, &server, "add", &["--user", "emma.lindqvist"]);
        assert_eq!(code, Some(2), "{out}");
        assert_eq!(out["error"]["field"], "yes");
        assert!(out["error"]["message"].as_str().unwrap().contains("--yes"));

        let (code, out, _) = change(
            &dir,
            &server,
            "add",
            &["--user", "emma.lindqvist", "--dry-run"],
        );
        assert_eq!(code, Some(0), "{out}");
        assert_eq!(out["applied"], false);
        assert_eq!(out["preview"]["adds"][0]["name"], "Emma Lindqvist");
        assert_eq!(members(&dir, &server), before, "nothing was applied");

        // In text mode the preview is shown with the refusal.
        let out = Command::new(env!("CARGO_BIN_EXE_kakehashi"))
            .arg("--data-dir")
            .arg(&dir)
            .args([
                "members",
                "remove",
                "--server",
                &server,
                "--project",
                PROJECT,
            ])
            .args(["--user", "tanaka.kenji"])
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains("INT – 社内業務改善: 0 to add, 0 to change, 1 to remove."),
            "{stderr}"
        );
        assert!(
            stderr.contains("  - 田中 健二 (tanaka.kenji)  (was "),
            "{stderr}"
        );
        assert!(stderr.contains("pass --yes"), "{stderr}");
        assert_eq!(members(&dir, &server), before);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_users_non_members_and_bad_costs_are_bad_input() {
    with_server(|dir, server| {
        let before = members(&dir, &server);
        let cases: [(&str, &[&str], &str); 5] = [
            (
                "add",
                &["--user", "nobody.here", "--yes"],
                "No TimeTracker NX user",
            ),
            (
                "add",
                &["--user", "tanaka.kenji", "--yes"],
                "already a member",
            ),
            (
                "add",
                &["--user", "emma.lindqvist", "--unit-cost", "-5", "--yes"],
                "negative",
            ),
            (
                "update",
                &["--user", "emma.lindqvist", "--unit-cost", "1", "--yes"],
                "not a member",
            ),
            (
                "update",
                &["--user", "tanaka.kenji", "--unit-cost", "abc", "--yes"],
                "not a unit cost",
            ),
        ];
        for (command, args, says) in cases {
            let (code, out, _) = change(&dir, &server, command, args);
            assert_eq!(code, Some(2), "{command} {args:?}: {out}");
            let message = out["error"]["message"].as_str().unwrap();
            assert!(message.contains(says), "{command} {args:?}: {message}");
        }
        // `update` needs one of --unit-cost, --percent, --default.
        let (code, out, _) = change(
            &dir,
            &server,
            "update",
            &["--user", "tanaka.kenji", "--yes"],
        );
        assert_eq!(code, Some(2), "{out}");
        assert_eq!(members(&dir, &server), before);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_import_with_a_bad_row_applies_nothing_and_a_good_one_applies() {
    with_server(|dir, server| {
        let before = members(&dir, &server);
        let file = dir.join("members.csv");
        std::fs::write(
            &file,
            "\u{FEFF}ログイン名;単価\nemma.lindqvist;\"7.500,00\"\nnobody.here;100\ntanaka.kenji;-3\n",
        )
        .unwrap();
        let path = file.to_str().unwrap();
        let (code, out, _) = change(&dir, &server, "import", &["--file", path, "--yes"]);
        assert_eq!(code, Some(2), "{out}");
        assert_eq!(out["applied"], false);
        let report = &out["report"];
        assert_eq!(report["badRows"], 2);
        let statuses: Vec<&str> = report["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["status"].as_str().unwrap())
            .collect();
        assert_eq!(statuses, ["add", "unknownUser", "badNumber"]);
        assert_eq!(report["rows"][1]["line"], 3);
        assert_eq!(members(&dir, &server), before, "nothing applied");

        std::fs::write(&file, "login,unitCost\nemma.lindqvist,\"7,500.00\"\ntanaka.kenji,6100\n").unwrap();
        let out = applied(&dir, &server, "import", &["--file", path, "--yes"]);
        assert_eq!(out["outcome"]["changes"]["adds"].as_array().unwrap().len(), 1);
        assert_eq!(out["outcome"]["changes"]["updates"].as_array().unwrap().len(), 1);
        let after = members(&dir, &server);
        assert_eq!(cost(&after, "emma.lindqvist"), Some(7500.0));
        assert_eq!(cost(&after, "tanaka.kenji"), Some(6100.0));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_export_imports_back_as_no_change_and_goes_to_stdout_with_a_dash() {
    with_server(|dir, server| {
        let file = dir.join("export.csv");
        let path = file.to_str().unwrap();
        let (out, _) = ok(
            &dir,
            &[
                "members",
                "export",
                "--server",
                &server,
                "--project",
                PROJECT,
                "--file",
                path,
            ],
            "",
        );
        let listed = members(&dir, &server);
        assert_eq!(out["rows"], listed["members"].as_array().unwrap().len());
        let csv = std::fs::read_to_string(&file).unwrap();
        assert!(csv.starts_with("\u{FEFF}login,email,name,organization,unitCost,memberSince\r\n"));
        assert!(
            csv.contains("tanaka.kenji,tanaka.kenji@example.co.jp,田中 健二,品質保証部,"),
            "{csv}"
        );

        // Read back with --remove-missing: every row unchanged, nothing to do.
        let (code, out, _) = change(
            &dir,
            &server,
            "import",
            &["--file", path, "--remove-missing", "--dry-run"],
        );
        assert_eq!(code, Some(0), "{out}");
        assert_eq!(out["applied"], false);
        assert_eq!(out["report"]["badRows"], 0);
        for side in ["adds", "updates", "removes"] {
            assert!(out["preview"][side].as_array().unwrap().is_empty(), "{out}");
        }

        // `--file -`: the CSV inside the JSON document; plain text on stdout.
        let (out, _) = ok(
            &dir,
            &[
                "members",
                "export",
                "--server",
                &server,
                "--project",
                PROJECT,
                "--file",
                "-",
            ],
            "",
        );
        assert_eq!(out["csv"], csv);
        let text = Command::new(env!("CARGO_BIN_EXE_kakehashi"))
            .arg("--data-dir")
            .arg(&dir)
            .args([
                "members",
                "export",
                "--server",
                &server,
                "--project",
                PROJECT,
                "--file",
                "-",
            ])
            .output()
            .unwrap();
        assert!(text.status.success());
        assert_eq!(String::from_utf8(text.stdout).unwrap(), csv);
    })
    .await;
}
