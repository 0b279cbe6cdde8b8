//! `kakehashi credential sign-in` and `sign-out` as an administrator runs
//! them on a headless server: the real binary with KAKEHASHI_NO_BROWSER=1,
//! the sign-in address read from its stderr, the browser played against the
//! Jira Data Center and Asana simulators' consent pages (an OAuth client
//! registered through their control API), the tokens in the real keychain.

mod support;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use kakehashi_core::oauth::{redirect_url, KeychainTokenStore, StoredGrant};
use kakehashi_secrets::Keychain;
use kakehashi_sim::{start, RunningSim, SimKind, SimOptions};
use serde_json::{json, Value};
use support::browser::{Browser, Choice, Page};
use support::{add_server, files_containing, free_port, keychain_available, ok, run, Running};

const NO_BROWSER: (&str, &str) = ("KAKEHASHI_NO_BROWSER", "1");

/// Registers an OAuth client whose redirect URL is the loopback `port`.
async fn register_client(sim: &RunningSim, port: u16) -> (String, String) {
    let kind = match sim.kind() {
        SimKind::Asana => "asana",
        _ => "jira-dc",
    };
    let answer = reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap()
        .post(format!("{}/{kind}/oauth/clients", sim.admin_url()))
        .header("content-type", "application/json")
        .body(json!({ "redirectUri": redirect_url(port) }).to_string())
        .send()
        .await
        .unwrap();
    assert!(answer.status().is_success(), "{}", answer.status());
    let client: Value = serde_json::from_slice(&answer.bytes().await.unwrap()).unwrap();
    (
        client["clientId"].as_str().unwrap().to_owned(),
        client["clientSecret"].as_str().unwrap().to_owned(),
    )
}

/// Runs blocking work (the binary, waiting on its output) off the runtime
/// that serves the simulator.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(work).await.unwrap()
}

/// Starts `kakehashi credential sign-in ARGS` and waits for the address it
/// prints for the browser.
async fn start_sign_in(
    dir: &Path,
    args: Vec<String>,
    env: Vec<(&'static str, String)>,
) -> (Running, String) {
    let dir = dir.to_path_buf();
    blocking(move || {
        let mut all = vec!["credential".to_owned(), "sign-in".to_owned()];
        all.extend(args);
        let args: Vec<&str> = all.iter().map(String::as_str).collect();
        let mut env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        env.push(NO_BROWSER);
        let mut running = Running::start(&dir, &args, "", &env);
        let url = running.sign_in_url();
        (running, url)
    })
    .await
}

async fn finish(running: Running) -> (Option<i32>, Value, String) {
    blocking(move || running.finish()).await
}

async fn cli(dir: &Path, args: &[&str]) -> (Option<i32>, Value, String) {
    let dir = dir.to_path_buf();
    let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        run(&dir, &args, "", &[])
    })
    .await
}

async fn cli_ok(dir: &Path, args: &[&str]) -> Value {
    let (code, json, stderr) = cli(dir, args).await;
    assert_eq!(code, Some(0), "{args:?}: {json} {stderr}");
    json
}

fn grant(dir: &Path, id: u64) -> Option<StoredGrant> {
    let account = support::secret_account(dir, id);
    KeychainTokenStore::new(Arc::new(Keychain), account)
        .read()
        .unwrap()
}

fn new_sign_in(server: &str, kind: &str, client_id: &str, port: u16) -> Vec<String> {
    [
        "--server",
        server,
        "--kind",
        kind,
        "--label",
        "sync bot",
        "--client-id",
        client_id,
        "--redirect-port",
        &port.to_string(),
        "--service",
    ]
    .map(str::to_owned)
    .to_vec()
}

fn identity(credential: &Value) -> String {
    assert_eq!(
        credential["verification"]["state"], "verified",
        "{credential}"
    );
    credential["verification"]["identity"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn jira_dc(sim: &RunningSim) -> (tempfile::TempDir, PathBuf, String) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let url = sim.url().to_owned();
    let dir_for_add = dir.clone();
    let server = blocking(move || add_server(&dir_for_add, "jira-dc", &url)).await;
    (tmp, dir, server)
}

#[tokio::test(flavor = "multi_thread")]
async fn jira_dc_sign_in_verify_switch_account_and_sign_out() {
    if !keychain_available() {
        return;
    }
    let sim = start(SimKind::JiraDataCenter, &SimOptions::default(), 0)
        .await
        .unwrap();
    let port = free_port();
    // A public client: no client secret, PKCE only (standard input empty).
    let (client_id, _) = register_client(&sim, port).await;
    let (_tmp, dir, server) = jira_dc(&sim).await;

    let (running, url) = start_sign_in(
        &dir,
        new_sign_in(&server, "jira-dc-oauth", &client_id, port),
        vec![],
    )
    .await;
    assert!(
        url.starts_with(&format!("{}/rest/oauth2/latest/authorize?", sim.url())),
        "{url}"
    );
    let page = Browser::new().visit(&url, Choice::Allow).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let (code, saved, stderr) = finish(running).await;
    assert_eq!(code, Some(0), "{saved} {stderr}");
    assert!(
        stderr.contains(&format!(
            "Redirect URL (register exactly this with the incoming application link in Jira): {}",
            redirect_url(port)
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("Open it in a browser on this computer"),
        "{stderr}"
    );
    let id = saved["id"].as_u64().unwrap();
    assert_eq!(saved["kind"], "jira-dc-oauth");
    assert_eq!(saved["isService"], true);
    assert_eq!(saved["replaced"], Value::Null);
    assert_eq!(saved["oauth"]["clientId"], client_id.as_str());
    assert_eq!(saved["oauth"]["redirectPort"], port);
    assert_eq!(saved["oauth"]["signedIn"], true);
    assert!(identity(&saved).contains(sim.login()), "{saved}");

    // The tokens are in the keychain, and in no file of the data folder.
    let stored = grant(&dir, id).expect("tokens in the keychain");
    assert_eq!(stored.client_secret, None, "a public client");
    let access = stored.tokens.access_token.expose().clone();
    let refresh = stored
        .tokens
        .refresh_token
        .clone()
        .unwrap()
        .expose()
        .clone();
    for token in [&access, &refresh] {
        assert!(files_containing(&dir, token).is_empty(), "a token on disk");
        assert!(!saved.to_string().contains(token.as_str()));
        assert!(!stderr.contains(token.as_str()));
    }

    let listed = cli_ok(&dir, &["credential", "list"]).await;
    assert!(identity(&listed["credentials"][0]).contains(sim.login()));
    let verified = cli_ok(&dir, &["credential", "verify", &id.to_string()]).await;
    assert!(identity(&verified).contains(sim.login()));

    // Switch account: the same credential, another Jira user at the consent page.
    let (running, url) = start_sign_in(&dir, vec![id.to_string()], vec![]).await;
    let page = Browser::new()
        .visit(&format!("{url}&login=sato.hanako"), Choice::Allow)
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    let (code, switched, stderr) = finish(running).await;
    assert_eq!(code, Some(0), "{switched} {stderr}");
    assert_eq!(switched["id"], id);
    assert!(identity(&switched).contains("sato.hanako"), "{switched}");
    assert_ne!(
        grant(&dir, id).unwrap().tokens.access_token.expose(),
        &access,
        "the new account's tokens replaced the old ones"
    );
    let listed = cli_ok(&dir, &["credential", "list"]).await;
    assert_eq!(listed["credentials"].as_array().unwrap().len(), 1);

    // Jira DC cannot revoke: forgotten here, with where to revoke it.
    let out = cli_ok(&dir, &["credential", "sign-out", &id.to_string()]).await;
    assert_eq!(out["signOut"]["state"], "forgotten", "{out}");
    assert!(
        out["signOut"]["advice"]
            .as_str()
            .unwrap()
            .contains("Authorized applications"),
        "{out}"
    );
    assert_eq!(out["credential"]["oauth"]["signedIn"], false);
    assert_eq!(out["credential"]["verification"]["state"], "never");
    assert!(grant(&dir, id).is_none(), "the keychain entry is gone");
    let (code, refused, stderr) = cli(&dir, &["credential", "verify", &id.to_string()]).await;
    assert_eq!(code, Some(2), "{refused}");
    assert!(
        stderr.contains(&format!("kakehashi credential sign-in {id}")),
        "{stderr}"
    );
    // New tokens come from signing in, never from a pasted secret.
    let (code, refused, _) = cli(&dir, &["credential", "rotate", &id.to_string()]).await;
    assert_eq!(code, Some(2), "{refused}");
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap()
            .contains(&format!("kakehashi credential sign-in {id}")),
        "{refused}"
    );
    // Signing out again changes nothing and says so.
    let again = cli_ok(&dir, &["credential", "sign-out", &id.to_string()]).await;
    assert_eq!(again["signOut"]["state"], "notSignedIn");
    let text_dir = dir.clone();
    let listed = blocking(move || {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_kakehashi"))
            .arg("--data-dir")
            .arg(&text_dir)
            .args(["credential", "list"])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    })
    .await;
    assert!(listed.contains("not signed in"), "{listed}");
    assert!(
        listed.contains(&format!("kakehashi credential sign-in {id}")),
        "{listed}"
    );
    sim.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_denied_consent_exits_1_and_leaves_no_credential() {
    if !keychain_available() {
        return;
    }
    let sim = start(SimKind::JiraDataCenter, &SimOptions::default(), 0)
        .await
        .unwrap();
    let port = free_port();
    let (client_id, client_secret) = register_client(&sim, port).await;
    let (_tmp, dir, server) = jira_dc(&sim).await;
    // A confidential client this time: the secret through the environment.
    let (running, url) = start_sign_in(
        &dir,
        new_sign_in(&server, "jira-dc-oauth", &client_id, port),
        vec![("KAKEHASHI_SECRET", client_secret.clone())],
    )
    .await;
    let page: Page = Browser::new().visit(&url, Choice::Deny).await;
    assert_eq!(page.status, 403, "{}", page.body);
    let (code, failed, stderr) = finish(running).await;
    assert_eq!(code, Some(1), "{failed} {stderr}");
    assert_eq!(failed["error"]["code"], "Unauthorized");
    assert!(
        failed["error"]["message"]
            .as_str()
            .unwrap()
            .contains("You chose Deny in the browser"),
        "{failed}"
    );
    let listed = cli_ok(&dir, &["credential", "list"]).await;
    assert_eq!(listed["credentials"], json!([]));
    assert!(files_containing(&dir, &client_secret).is_empty());
    sim.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_port_in_use_exits_2_before_any_browser() {
    let sim = start(SimKind::JiraDataCenter, &SimOptions::default(), 0)
        .await
        .unwrap();
    let taken = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = taken.local_addr().unwrap().port();
    let (client_id, _) = register_client(&sim, port).await;
    let (_tmp, dir, server) = jira_dc(&sim).await;
    let mut args = vec!["credential".to_owned(), "sign-in".to_owned()];
    args.extend(new_sign_in(&server, "jira-dc-oauth", &client_id, port));
    let (code, failed, stderr) = blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run(&dir, &args, "", &[NO_BROWSER]);
        let listed = ok(&dir, &["credential", "list"], "").0;
        assert_eq!(listed["credentials"], json!([]));
        out
    })
    .await;
    assert_eq!(code, Some(2), "{failed} {stderr}");
    assert_eq!(failed["error"]["field"], "redirectPort");
    let message = failed["error"]["message"].as_str().unwrap();
    assert!(message.contains(&format!("Port {port}")), "{message}");
    assert!(message.contains("already in use"), "{message}");
    assert!(!stderr.contains("authorize?"), "no browser: {stderr}");
    drop(taken);
    sim.stop().await;
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread")]
async fn ctrl_c_cancels_the_wait_cleanly() {
    let sim = start(SimKind::JiraDataCenter, &SimOptions::default(), 0)
        .await
        .unwrap();
    let port = free_port();
    let (client_id, _) = register_client(&sim, port).await;
    let (_tmp, dir, server) = jira_dc(&sim).await;
    let (running, _url) = start_sign_in(
        &dir,
        new_sign_in(&server, "jira-dc-oauth", &client_id, port),
        vec![],
    )
    .await;
    // SIGINT to our own child, by its id, as Ctrl-C in a terminal sends.
    let interrupted = std::process::Command::new("kill")
        .args(["-INT", &running.pid().to_string()])
        .status()
        .unwrap();
    assert!(interrupted.success());
    let (code, failed, stderr) = finish(running).await;
    assert_eq!(code, Some(2), "{failed} {stderr}");
    assert!(
        failed["error"]["message"]
            .as_str()
            .unwrap()
            .contains("was cancelled"),
        "{failed}"
    );
    // The listener is closed and nothing was stored.
    std::net::TcpListener::bind(("127.0.0.1", port)).expect("the port is free again");
    let listed = cli_ok(&dir, &["credential", "list"]).await;
    assert_eq!(listed["credentials"], json!([]));
    sim.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn asana_sign_in_with_its_client_secret_and_sign_out_revokes() {
    if !keychain_available() {
        return;
    }
    let sim = start(SimKind::Asana, &SimOptions::default(), 0)
        .await
        .unwrap();
    let port = free_port();
    let (client_id, client_secret) = register_client(&sim, port).await;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let url = sim.url().to_owned();
    let dir_for_add = dir.clone();
    let server = blocking(move || add_server(&dir_for_add, "asana", &url)).await;

    // Asana always wants the client secret: refused before any browser.
    let (code, refused, stderr) = {
        let mut args = vec!["credential".to_owned(), "sign-in".to_owned()];
        args.extend(new_sign_in(&server, "asana-oauth", &client_id, port));
        let dir = dir.clone();
        blocking(move || {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            run(&dir, &args, "\n", &[NO_BROWSER])
        })
        .await
    };
    assert_eq!(code, Some(2), "{refused}");
    assert_eq!(refused["error"]["field"], "clientSecret");
    assert!(!stderr.contains("authorize?"), "{stderr}");

    let (running, url) = start_sign_in(
        &dir,
        new_sign_in(&server, "asana-oauth", &client_id, port),
        vec![("KAKEHASHI_SECRET", client_secret.clone())],
    )
    .await;
    assert!(
        url.starts_with(&format!("{}/-/oauth_authorize?", sim.url())),
        "{url}"
    );
    let page = Browser::new().visit(&url, Choice::Allow).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let (code, saved, stderr) = finish(running).await;
    assert_eq!(code, Some(0), "{saved} {stderr}");
    assert!(
        stderr.contains("register exactly this with the app in the Asana developer console"),
        "{stderr}"
    );
    let id = saved["id"].as_u64().unwrap();
    assert!(identity(&saved).contains(sim.login()), "{saved}");
    let stored = grant(&dir, id).expect("tokens in the keychain");
    assert_eq!(
        stored.client_secret.as_ref().map(|s| s.expose().as_str()),
        Some(client_secret.as_str()),
        "the client secret is kept with the tokens for refreshing"
    );
    let refresh = stored
        .tokens
        .refresh_token
        .clone()
        .unwrap()
        .expose()
        .clone();
    for secret in [&client_secret, &refresh] {
        assert!(
            files_containing(&dir, secret).is_empty(),
            "a secret on disk"
        );
    }

    let out = cli_ok(&dir, &["credential", "sign-out", &id.to_string()]).await;
    assert_eq!(out["signOut"], json!({ "state": "revoked" }));
    assert_eq!(out["credential"]["oauth"]["signedIn"], false);
    assert!(grant(&dir, id).is_none());
    sim.stop().await;
}
