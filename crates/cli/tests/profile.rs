//! `kakehashi profile add|list|remove` as a user runs it: the real binary,
//! the real keychain, the Jira Cloud and TimeTracker NX simulators.

mod sync_support;

use sync_support::{add_profile, cli, cli_ok, World, CONNECTION};

fn keychain_available() -> bool {
    if std::env::var("KAKEHASHI_REQUIRE_KEYCHAIN").as_deref() == Ok("1") {
        return true;
    }
    let reachable = kakehashi_secrets::probe().reachable;
    if !reachable {
        eprintln!("no keychain here; `make test` runs this against gnome-keyring");
    }
    reachable
}

fn refused(out: &(Option<i32>, serde_json::Value, String), words: &[&str]) {
    let (code, json, stderr) = out;
    assert_eq!(*code, Some(2), "{json} {stderr}");
    let message = json["error"]["message"].as_str().unwrap_or_default();
    for word in words {
        assert!(message.contains(word), "“{word}” not in: {message}");
    }
}

#[test]
fn add_list_and_remove_with_the_maps_pre_filled() {
    if !keychain_available() {
        return;
    }
    let world = World::start();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    world.register(dir);

    let (code, added, stderr) = add_profile(
        dir,
        "MOB sync",
        &[
            "--schedule",
            "1h",
            "--worklogs",
            "--threshold",
            "30",
            "--conflict",
            "ask",
            "--deletion",
            "archive",
        ],
    );
    assert_eq!(code, Some(0), "{added} {stderr}");
    let id = added["id"].as_u64().expect("the created profile's id");
    assert_eq!(added["name"], "MOB sync");
    assert_eq!(added["connectionName"], CONNECTION);
    // INT has exactly one top-level folder: it was taken.
    assert_eq!(added["scope"]["ttnxFolderId"], world.folder_id());
    assert_eq!(added["scope"]["jiraProject"], "MOB");
    assert_eq!(added["scope"]["groupBy"], "version");
    assert_eq!(
        added["schedule"],
        serde_json::json!({ "kind": "every", "minutes": 60 })
    );
    assert_eq!(added["entities"]["worklogs"], true);
    assert_eq!(added["thresholdPercent"], 30);
    assert_eq!(added["conflictPolicy"], "ask");
    assert_eq!(added["deletion"], "archive");
    assert_eq!(added["hasRun"], false);
    // Pre-filled from the servers: the demo people share e-mail addresses,
    // and Jira's statuses find TT NX's.
    assert!(!added["userMap"].as_array().unwrap().is_empty(), "{added}");
    assert!(
        !added["valueMaps"]["status"].as_array().unwrap().is_empty(),
        "{added}"
    );
    assert!(
        added["setup"]["matchedUsers"].as_array().is_some(),
        "{added}"
    );

    let listed = cli_ok(dir, &["profile", "list"]);
    let profiles = listed["profiles"].as_array().unwrap();
    assert_eq!(profiles.len(), 1);
    assert_eq!(profiles[0]["id"].as_u64(), Some(id));

    // The same name again is bad input; nothing is added.
    refused(&add_profile(dir, "MOB sync", &[]), &["MOB sync"]);
    assert_eq!(
        cli_ok(dir, &["profile", "list"])["profiles"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let removed = cli_ok(dir, &["profile", "remove", "MOB sync"]);
    assert_eq!(removed["id"].as_u64(), Some(id));
    assert!(cli_ok(dir, &["profile", "list"])["profiles"]
        .as_array()
        .unwrap()
        .is_empty());
    not_found(&cli(dir, &["profile", "remove", "MOB sync"]), "MOB sync");
}

/// A name that names nothing: NotFound, exit 1, as for `connection remove`.
fn not_found(out: &(Option<i32>, serde_json::Value, String), name: &str) {
    let (code, json, stderr) = out;
    assert_eq!(*code, Some(1), "{json} {stderr}");
    assert_eq!(json["error"]["code"], "NotFound", "{json}");
    assert!(
        json["error"]["message"].as_str().unwrap().contains(name),
        "{json}"
    );
}

#[test]
fn bad_input_is_refused_with_exit_2_and_what_to_do() {
    if !keychain_available() {
        return;
    }
    let world = World::start();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    world.register(dir);

    refused(&add_profile(dir, "x", &["--schedule", "2m"]), &["5m"]);
    refused(&add_profile(dir, "x", &["--schedule", "daily"]), &["15m"]);
    refused(
        &add_profile(dir, "x", &["--group-by", "sprint"]),
        &["--board"],
    );
    refused(&add_profile(dir, "x", &["--group-by", "epic"]), &["epic"]);
    refused(&add_profile(dir, "x", &["--threshold", "0"]), &["0"]);
    refused(
        &add_profile(dir, "x", &["--conflict", "oldest"]),
        &["oldest"],
    );

    let mut args = vec!["profile", "add", "--name", "x", "--connection", "nope"];
    args.extend(["--jira-project", "MOB", "--ttnx-project", "INT"]);
    not_found(&cli(dir, &args), "nope");

    let args = [
        "profile",
        "add",
        "--name",
        "x",
        "--connection",
        CONNECTION,
        "--jira-project",
        "NOPE",
        "--ttnx-project",
        "INT",
    ];
    refused(&cli(dir, &args), &["NOPE", "MOB"]);
    let args = [
        "profile",
        "add",
        "--name",
        "x",
        "--connection",
        CONNECTION,
        "--jira-project",
        "MOB",
        "--ttnx-project",
        "存在しない",
    ];
    refused(&cli(dir, &args), &["存在しない"]);
    // WEB has two top-level folders: name one, and the error lists them.
    let args = [
        "profile",
        "add",
        "--name",
        "x",
        "--connection",
        CONNECTION,
        "--jira-project",
        "WEB",
        "--ttnx-project",
        "WEB",
    ];
    refused(
        &cli(dir, &args),
        &["--ttnx-folder", "WEB 開発", "プロジェクト管理"],
    );
    let mut with_folder = args.to_vec();
    with_folder.extend(["--ttnx-folder", "存在しない"]);
    refused(&cli(dir, &with_folder), &["WEB 開発"]);

    assert!(cli_ok(dir, &["profile", "list"])["profiles"]
        .as_array()
        .unwrap()
        .is_empty());
}
