//! `kakehashi credential …` and `kakehashi workspace …` run as a user would:
//! the real binary, a fresh data folder, the real OS keychain (gnome-keyring
//! under `make test`), simulators on loopback ports for verification.

mod support;

use kakehashi_core::store::Database;
use kakehashi_core::workspace::credentials;
use kakehashi_secrets::{Keychain, SecretStore};
use serde_json::Value;
use support::{
    add_server, files_containing, keychain_available, ok, run, run_without_bus, stored_secret,
};

#[test]
fn add_list_replace_edit_and_remove_service_credentials_in_the_real_keychain() {
    if !keychain_available() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let server = add_server(dir, "jira-dc", "https://jira.example.com");

    let first_secret = "cli-test-first-password-4821";
    let (code, first, _) = run(
        dir,
        &[
            "credential",
            "add",
            "--server",
            &server,
            "--kind",
            "jira-dc-password",
            "--label",
            "admin",
            "--login",
            "admin",
            "--service",
        ],
        "",
        &[("KAKEHASHI_SECRET", first_secret)],
    );
    assert_eq!(code, Some(0), "{first}");
    let first_id = first["id"].as_u64().unwrap();
    assert_eq!(first["isService"], true);
    assert_eq!(first["replaced"], Value::Null);
    assert_eq!(stored_secret(dir, first_id).as_deref(), Some(first_secret));

    // Registering another service credential for the same server replaces it.
    let second_secret = "cli-test-second-pat-9377";
    let (second, stderr) = ok(
        dir,
        &[
            "credential",
            "add",
            "--server",
            &server,
            "--kind",
            "jira-dc-pat",
            "--label",
            "sync bot",
            "--service",
            "--expires",
            "2099-12-31",
        ],
        &format!("{second_secret}\n"),
    );
    let second_id = second["id"].as_u64().unwrap();
    assert_eq!(
        second["replaced"],
        serde_json::json!({"id": first_id, "label": "admin"})
    );
    assert!(
        stderr.contains("Replaced the previous service credential"),
        "{stderr}"
    );
    assert_eq!(
        stored_secret(dir, second_id).as_deref(),
        Some(second_secret)
    );

    let (listed, _) = ok(dir, &["credential", "list"], "");
    let all = listed["credentials"].as_array().unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["label"], "sync bot");
    assert_eq!(all[0]["expiresAt"], "2099-12-31");
    let text = listed.to_string();
    assert!(
        !text.contains(first_secret) && !text.contains(second_secret),
        "{text}"
    );

    let (edited, _) = ok(
        dir,
        &[
            "credential",
            "edit",
            &second_id.to_string(),
            "--label",
            "bot",
            "--no-expiry",
            "--no-service",
        ],
        "",
    );
    assert_eq!(
        (edited["label"].as_str(), edited["isService"].as_bool()),
        (Some("bot"), Some(false))
    );
    assert_eq!(edited["expiry"]["state"], "none");

    let account = {
        let db = Database::open(&dir.join("kakehashi.sqlite3")).unwrap();
        credentials::secret_account(&db, second_id as u32).unwrap()
    };
    let (removed, _) = ok(dir, &["credential", "remove", &second_id.to_string()], "");
    assert_eq!(removed["id"], second_id);
    assert_eq!(
        Keychain.get(&account).unwrap(),
        None,
        "the keychain entry went with it"
    );
    let (listed, _) = ok(dir, &["credential", "list"], "");
    assert!(listed["credentials"].as_array().unwrap().is_empty());
    for secret in [first_secret, second_secret] {
        assert!(files_containing(dir, secret).is_empty(), "{secret} on disk");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn verify_and_rotate_against_the_simulator() {
    if !keychain_available() {
        return;
    }
    let sim = kakehashi_sim::start(kakehashi_sim::SimKind::Ttnx, &Default::default(), 0)
        .await
        .unwrap();
    let (url, good) = (sim.url().to_owned(), sim.secret().to_owned());
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_path_buf();
    tokio::task::spawn_blocking(move || {
        let server = add_server(&dir, "ttnx", &url);
        let wrong = "wrong-key-for-the-cli-test";
        let (added, _) = ok(
            &dir,
            &[
                "credential",
                "add",
                "--server",
                &server,
                "--kind",
                "ttnx-api-key",
                "--label",
                "tt",
            ],
            &format!("{wrong}\n"),
        );
        let id = added["id"].to_string();
        let (code, failed, _) = run(&dir, &["credential", "verify", &id], "", &[]);
        assert_eq!(code, Some(1), "{failed}");
        assert_eq!(failed["error"]["code"], "Unauthorized");
        assert!(!failed.to_string().contains(wrong));
        let (listed, _) = ok(&dir, &["credential", "list"], "");
        assert_eq!(listed["credentials"][0]["verification"]["state"], "failed");
        assert_eq!(
            listed["credentials"][0]["verification"]["code"],
            "Unauthorized"
        );

        // Rotating to the right key verifies at once.
        let (rotated, _) = ok(
            &dir,
            &["credential", "rotate", &id, "--expires", "2099-01-31"],
            &format!("{good}\n"),
        );
        assert_eq!(rotated["verification"]["state"], "verified");
        assert!(
            rotated["verification"]["identity"]
                .as_str()
                .unwrap()
                .contains("kakehashi-sync"),
            "{rotated}"
        );
        assert_eq!(rotated["expiresAt"], "2099-01-31");
        let (verified, _) = ok(&dir, &["credential", "verify", &id], "");
        assert_eq!(verified["verification"]["state"], "verified");

        // Rotating to a wrong key: saved, and the check's failure is the exit code.
        let (code, failed, stderr) = run(
            &dir,
            &["credential", "rotate", &id],
            &format!("{wrong}\n"),
            &[],
        );
        assert_eq!(code, Some(1), "{failed}");
        assert_eq!(failed["error"]["code"], "Unauthorized");
        assert!(stderr.contains("replaced the old one"), "{stderr}");
        assert_eq!(
            stored_secret(&dir, id.parse().unwrap()).as_deref(),
            Some(wrong)
        );
        ok(&dir, &["credential", "remove", &id], "");
        assert!(files_containing(&dir, &good).is_empty());
    })
    .await
    .unwrap();
    sim.stop().await;
}

#[test]
fn export_and_import_a_workspace_between_data_folders() {
    if !keychain_available() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let (from, to) = (tmp.path().join("from"), tmp.path().join("to"));
    let cloud = add_server(&from, "jira-cloud", "https://acme.atlassian.net");
    let tt = add_server(&from, "ttnx", "https://tt.example.com/TimeTrackerNX");
    let cloud_secret = "ATATT-cli-export-secret-5521";
    let tt_secret = "tt-cli-export-key-8832";
    ok(
        &from,
        &[
            "credential",
            "add",
            "--server",
            &cloud,
            "--kind",
            "jira-cloud-token",
            "--label",
            "cloud bot",
            "--login",
            "bot@example.com",
            "--service",
        ],
        &format!("{cloud_secret}\n"),
    );
    ok(
        &from,
        &[
            "credential",
            "add",
            "--server",
            &tt,
            "--kind",
            "ttnx-api-key",
            "--label",
            "tt key",
        ],
        &format!("{tt_secret}\n"),
    );
    {
        use kakehashi_core::workspace::{connections, ConnectionSide, Direction, NewConnection};
        let db = Database::open(&from.join("kakehashi.sqlite3")).unwrap();
        connections::add(
            &db,
            &NewConnection {
                name: "Cloud ↔ TT".into(),
                left: ConnectionSide {
                    server_id: cloud.parse().unwrap(),
                    credential_id: None,
                },
                right: ConnectionSide {
                    server_id: tt.parse().unwrap(),
                    credential_id: Some(2),
                },
                direction: Direction::Both,
            },
        )
        .unwrap();
    }
    let file = tmp.path().join("workspace.json");
    let file_arg = file.to_str().unwrap();
    let (summary, _) = ok(&from, &["workspace", "export", "--file", file_arg], "");
    assert_eq!(
        (
            summary["servers"].as_u64(),
            summary["credentials"].as_u64(),
            summary["connections"].as_u64()
        ),
        (Some(2), Some(2), Some(1))
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        !text.contains(cloud_secret) && !text.contains(tt_secret),
        "{text}"
    );

    // Without --yes and without a terminal it refuses, and changes nothing.
    let (code, refused, _) = run(&to, &["workspace", "import", "--file", file_arg], "", &[]);
    assert_eq!(code, Some(2), "{refused}");
    assert_eq!(refused["error"]["field"], "yes");
    // One line short: refused before anything is written.
    let (code, short, _) = run(
        &to,
        &["workspace", "import", "--file", file_arg, "--yes"],
        "only-one\n",
        &[],
    );
    assert_eq!(code, Some(2), "{short}");
    assert!(
        short["error"]["message"]
            .as_str()
            .unwrap()
            .contains("tt key"),
        "{short}"
    );
    let (listed, _) = ok(&to, &["server", "list"], "");
    assert!(listed["servers"].as_array().unwrap().is_empty());

    let (imported, stderr) = ok(
        &to,
        &["workspace", "import", "--file", file_arg, "--yes"],
        &format!("{cloud_secret}-new\n{tt_secret}-new\n"),
    );
    assert!(
        stderr.contains("cloud bot"),
        "the preview names what it imports: {stderr}"
    );
    assert_eq!(
        (
            imported["serversAdded"].as_u64(),
            imported["credentialsAdded"].as_u64(),
            imported["connectionsAdded"].as_u64()
        ),
        (Some(2), Some(2), Some(1))
    );
    let (listed, _) = ok(&to, &["credential", "list"], "");
    let all = listed["credentials"].as_array().unwrap();
    let cloud_bot = all.iter().find(|c| c["label"] == "cloud bot").unwrap();
    assert_eq!(cloud_bot["isService"], true);
    assert_eq!(cloud_bot["usedBy"], serde_json::json!(["Cloud ↔ TT"]));
    let expected = format!("{cloud_secret}-new");
    assert_eq!(
        stored_secret(&to, cloud_bot["id"].as_u64().unwrap()).as_deref(),
        Some(expected.as_str())
    );

    // Again: all reused or skipped, no secrets asked.
    let (again, _) = ok(
        &to,
        &["workspace", "import", "--file", file_arg, "--yes"],
        "",
    );
    assert_eq!(again["credentialsReused"], 2);
    assert_eq!(
        again["connectionsSkipped"],
        serde_json::json!(["Cloud ↔ TT"])
    );
    for secret in [cloud_secret, tt_secret] {
        assert!(
            files_containing(tmp.path(), secret).is_empty(),
            "{secret} on disk"
        );
    }
}

#[test]
fn bad_input_exits_2_with_the_field_to_fix() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let cloud = add_server(dir, "jira-cloud", "https://acme.atlassian.net");
    fn add<'a>(server: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
        let mut args = vec!["credential", "add", "--server", server, "--label", "bot"];
        args.extend_from_slice(extra);
        args
    }
    let secret = [("KAKEHASHI_SECRET", "ATATT-some-token-value")];
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (add(&cloud, &["--kind", "jira-token"]), "kind"),
        (add(&cloud, &["--kind", "ttnx-api-key"]), "kind"),
        (add(&cloud, &["--kind", "jira-cloud-token"]), "login"),
        (
            add(
                &cloud,
                &[
                    "--kind",
                    "jira-cloud-token",
                    "--login",
                    "bot@example.com",
                    "--expires",
                    "2020-01-01",
                ],
            ),
            "expiresAt",
        ),
        (
            add(
                &cloud,
                &[
                    "--kind",
                    "jira-cloud-token",
                    "--login",
                    "bot@example.com",
                    "--expires",
                    "2099-01-01",
                ],
            ),
            "expiresAt",
        ),
        (
            add(
                &cloud,
                &[
                    "--kind",
                    "jira-cloud-token",
                    "--login",
                    "bot@example.com",
                    "--expires",
                    "next year",
                ],
            ),
            "expiresAt",
        ),
        (add(&cloud, &["--kind", "asana-oauth"]), "kind"),
    ];
    for (args, field) in cases {
        let (code, json, _) = run(dir, &args, "", &secret);
        assert_eq!(code, Some(2), "{args:?}: {json}");
        assert_eq!(json["error"]["code"], "Validation", "{args:?}");
        assert_eq!(json["error"]["field"], field, "{args:?}: {json}");
    }
    let (_, oauth, _) = run(dir, &add(&cloud, &["--kind", "jira-dc-oauth"]), "", &secret);
    assert!(
        oauth["error"]["message"]
            .as_str()
            .unwrap()
            .contains("credential sign-in"),
        "{oauth}"
    );
    // No secret at all: standard input is empty.
    let (code, json, _) = run(dir, &add(&cloud, &["--kind", "asana-pat"]), "", &[]);
    assert_eq!(
        (code, json["error"]["field"].as_str()),
        (Some(2), Some("secret")),
        "{json}"
    );
    // A secret is never an argument.
    let (code, _, _) = run(
        dir,
        &add(&cloud, &["--kind", "asana-pat", "--secret", "x"]),
        "",
        &[],
    );
    assert_eq!(code, Some(2));
    let (code, json, _) = run(dir, &["credential", "verify", "42"], "", &[]);
    assert_eq!(
        (code, json["error"]["code"].as_str()),
        (Some(1), Some("NotFound"))
    );
    let (code, json, _) = run(
        dir,
        &[
            "credential",
            "add",
            "--server",
            "42",
            "--kind",
            "asana-pat",
            "--label",
            "x",
        ],
        "",
        &secret,
    );
    assert_eq!(
        (code, json["error"]["code"].as_str()),
        (Some(1), Some("NotFound"))
    );
    let (code, json, _) = run(
        dir,
        &[
            "workspace",
            "import",
            "--file",
            "/does/not/exist.json",
            "--yes",
        ],
        "",
        &[],
    );
    assert_eq!(
        (code, json["error"]["field"].as_str()),
        (Some(2), Some("file"))
    );
}

#[cfg(target_os = "linux")]
#[test]
fn without_a_session_bus_nothing_is_stored_anywhere() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let runtime_dir = tempfile::tempdir().unwrap();
    let server = add_server(&dir, "asana", "https://app.asana.com");
    let secret = "1/1234567890:nobus0secret0value0000000000000000";
    let no_bus = [("XDG_RUNTIME_DIR", runtime_dir.path().to_str().unwrap())];
    let mut command = vec![
        "credential",
        "add",
        "--server",
        server.as_str(),
        "--kind",
        "asana-pat",
        "--label",
        "pat",
        "--service",
    ];
    let (code, json, stderr) = run_without_bus(&dir, &command, &format!("{secret}\n"), &no_bus);
    assert_eq!(code, Some(1), "{json} {stderr}");
    assert_eq!(json["error"]["code"], "KeychainUnavailable");
    let message = json["error"]["message"].as_str().unwrap();
    assert!(message.contains("GNOME Keyring"), "{message}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    // The same through the environment variable.
    command.push("--expires");
    command.push("2099-01-01");
    let (code, _, _) = run_without_bus(
        &dir,
        &command,
        "",
        &[no_bus[0], ("KAKEHASHI_SECRET", secret)],
    );
    assert_eq!(code, Some(1));

    assert!(
        files_containing(&dir, secret).is_empty(),
        "the secret reached a file"
    );
    let db = Database::open(&dir.join("kakehashi.sqlite3")).unwrap();
    let rows: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM credentials", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 0, "no credential row without its secret");
    assert_eq!(
        std::fs::read_dir(runtime_dir.path()).unwrap().count(),
        0,
        "no bus was launched"
    );
}
