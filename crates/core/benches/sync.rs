//! `make bench`: issue 8's sync budgets, Jira Cloud ↔ TimeTracker NX.
//!
//! The simulators run in a child process (this benchmark started again
//! with `KAKEHASHI_SYNC_BENCH=sims`), so the peak memory measured here
//! (VmHWM) is that of the engine alone — what `kakehashi sync run` does in
//! its process: `sync::engine::run_profile`. The child adds 10,000 issues
//! to Jira project MOB (in its two versions) and an empty folder under TT
//! NX project INT, moves Jira's clock ten minutes on (the project existed
//! before its first sync), then sets 20 ms latency on every answer.
//!
//! Measured, each as one JSON line:
//! - the initial sync of the 10,000 issues: HTTP requests per synced item
//!   (goal ≤ 0.1) and time as a ratio to the request floor (requests ×
//!   latency, sequential);
//! - a run with no changes over the links: requests per side (goal ≤ 5);
//! - 1 % of the issues changed: requests, to be in proportion to changes;
//! - peak memory of the process (goal < 150 MB).
//!
//! Exits 1 when a goal is missed.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use kakehashi_core::store::Database;
use kakehashi_core::sync::engine::{self, RunOptions, RunReport};
use kakehashi_core::sync::jira_ttnx;
use kakehashi_core::sync::model::{
    ConflictPolicy, DeletionPolicy, Entities, GroupBy, ProfileDraft, Schedule, Scope, Trigger,
    ValueMaps,
};
use kakehashi_core::sync::profile;
use kakehashi_core::workspace::connections::{self, ConnectionSide, Direction, NewConnection};
use kakehashi_core::workspace::credentials::{self, CredentialInput, CredentialKind};
use kakehashi_core::workspace::{servers, NewServer, ServerKind, ServerProxy, ServerTls};
use kakehashi_secrets::{MemoryStore, SecretStore, Sensitive};
use kakehashi_sim::{SimKind, SimOptions};
use serde_json::{json, Value};
use tokio_util::sync::CancellationToken;

const ISSUES: usize = 10_000;
const LATENCY_MS: u64 = 20;
const CHANGED: usize = ISSUES / 100;
const REQUESTS_PER_ITEM_GOAL: f64 = 0.1;
const NO_CHANGE_REQUESTS_GOAL: u32 = 5;
const MEMORY_GOAL_MB: f64 = 150.0;
const ROLE: &str = "KAKEHASHI_SYNC_BENCH";

fn main() {
    if std::env::var(ROLE).as_deref() == Ok("sims") {
        return serve_sims();
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    std::process::exit(runtime.block_on(measure()));
}

/// The child: both simulators with the data, one JSON line, then serve
/// until standard input closes.
fn serve_sims() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let options = SimOptions::default();
        let jira = kakehashi_sim::start(SimKind::JiraCloud, &options, 0)
            .await
            .expect("jira");
        let tt = kakehashi_sim::start(SimKind::Ttnx, &options, 0)
            .await
            .expect("ttnx");
        let http = reqwest::Client::new();
        fill_jira(&http, &jira).await;
        // The project existed before its first sync: Jira's clock moves ten
        // minutes on, so the issues were last updated well before the first
        // run. (A run within a minute of a mass change reads those changes
        // once more, by design: the overlap.)
        let clock = http
            .put(format!("{}/clock", jira.admin_url()))
            .header("Content-Type", "application/json")
            .body(json!({ "offsetSeconds": 600 }).to_string());
        assert!(clock.send().await.expect("clock").status().is_success());
        let folder = make_folder(&http, &tt).await;
        for sim in [&jira, &tt] {
            let config = http
                .put(format!("{}/config", sim.admin_url()))
                .header("Content-Type", "application/json")
                .body(json!({ "latencyMs": LATENCY_MS }).to_string());
            assert!(config.send().await.expect("config").status().is_success());
        }
        let line = json!({
            "jira": { "url": jira.url(), "login": jira.login(), "secret": jira.secret() },
            "tt": { "url": tt.url(), "secret": tt.secret() },
            "folder": folder,
        });
        println!("{line}");
        let _ = std::io::stdout().flush();
        // Until the parent closes our standard input (or dies).
        tokio::task::spawn_blocking(|| {
            let mut sink = String::new();
            while std::io::stdin()
                .read_line(&mut sink)
                .map(|n| n > 0)
                .unwrap_or(false)
            {
                sink.clear();
            }
        })
        .await
        .ok();
        jira.stop().await;
        tt.stop().await;
    });
}

async fn jira_call(
    http: &reqwest::Client,
    jira: &kakehashi_sim::RunningSim,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> Value {
    let mut request = http
        .request(method, format!("{}{path}", jira.url()))
        .basic_auth(jira.login(), Some(jira.secret()));
    if let Some(body) = body {
        request = request
            .header("Content-Type", "application/json")
            .body(body.to_string());
    }
    let answer = request.send().await.expect("jira answers");
    let status = answer.status();
    let text = answer.text().await.unwrap_or_default();
    assert!(status.is_success(), "{path}: {status} {text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

/// 10,000 tasks in MOB, alternating between its two versions.
async fn fill_jira(http: &reqwest::Client, jira: &kakehashi_sim::RunningSim) {
    let versions = jira_call(
        http,
        jira,
        reqwest::Method::GET,
        "/rest/api/3/project/MOB/versions",
        None,
    )
    .await;
    let ids: Vec<String> = versions
        .as_array()
        .expect("versions")
        .iter()
        .filter_map(|v| v["id"].as_str().map(str::to_owned))
        .collect();
    // One at a time: the simulator answers at once (no latency yet).
    for n in 0..ISSUES {
        let body = json!({ "fields": {
            "project": { "key": "MOB" },
            "issuetype": { "name": "Task" },
            "summary": format!("ベンチマーク課題 {n} / Benchmark issue {n}"),
            "fixVersions": [{ "id": ids[n % ids.len()] }],
        }});
        jira_call(
            http,
            jira,
            reqwest::Method::POST,
            "/rest/api/3/issue",
            Some(body),
        )
        .await;
    }
}

/// An empty folder "MOB 開発" directly under INT; its id.
async fn make_folder(http: &reqwest::Client, tt: &kakehashi_sim::RunningSim) -> String {
    let api = format!("{}/api", tt.url());
    let call = |method: reqwest::Method, path: String| {
        http.request(method, format!("{api}{path}"))
            .header("X-TT-ApiKey", tt.secret())
    };
    let projects: Value = serde_json::from_str(
        &call(reqwest::Method::GET, "/project/projects?code=INT".into())
            .send()
            .await
            .expect("projects")
            .text()
            .await
            .expect("projects"),
    )
    .expect("projects JSON");
    let int = find(&projects, "code", "INT")
        .and_then(|p| p["id"].as_str())
        .expect("INT")
        .to_owned();
    let body = json!([{ "fields": { "ItemTypeId": "2", "Name": "MOB 開発" } }]);
    let created: Value = serde_json::from_str(
        &call(
            reqwest::Method::POST,
            format!("/workitem/workItems/{int}/subItems"),
        )
        .header("Content-Type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .expect("folder")
        .text()
        .await
        .expect("folder"),
    )
    .expect("created JSON");
    created[0]["id"].as_str().expect("folder id").to_owned()
}

fn find<'a>(value: &'a Value, key: &str, wanted: &str) -> Option<&'a Value> {
    match value {
        Value::Object(map) if map.get(key).and_then(Value::as_str) == Some(wanted) => Some(value),
        Value::Object(map) => map.values().find_map(|v| find(v, key, wanted)),
        Value::Array(items) => items.iter().find_map(|v| find(v, key, wanted)),
        _ => None,
    }
}

fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// The workspace and the profile in a fresh database; the profile's id.
async fn workspace(db_path: &Path, secrets: &Arc<dyn SecretStore>, sims: &Value) -> u32 {
    let db = Database::open(db_path).expect("database");
    let server = |kind, name: &str, url: &str| {
        servers::add(
            &db,
            &NewServer {
                kind,
                name: name.into(),
                base_url: url.into(),
                alt_url: None,
                time_zone: None,
                is_demo: false,
                tls: ServerTls::default(),
                proxy: ServerProxy::System,
            },
        )
        .expect("server")
    };
    let jira = server(
        ServerKind::JiraCloud,
        "Jira",
        sims["jira"]["url"].as_str().unwrap(),
    );
    let tt = server(
        ServerKind::TimeTrackerNx,
        "TimeTracker NX",
        sims["tt"]["url"].as_str().unwrap(),
    );
    for (server, kind, login, secret) in [
        (
            &jira,
            CredentialKind::JiraCloudToken,
            sims["jira"]["login"].as_str(),
            &sims["jira"]["secret"],
        ),
        (&tt, CredentialKind::TtnxApiKey, None, &sims["tt"]["secret"]),
    ] {
        credentials::add(
            &db,
            secrets.as_ref(),
            &CredentialInput {
                server_id: server.id,
                kind,
                label: "bench".into(),
                login: login.map(str::to_owned),
                expires_at: None,
                is_service: true,
                secret: Sensitive::new(secret.as_str().unwrap().to_owned()),
            },
            kakehashi_core::clock::now(),
        )
        .expect("credential");
    }
    let connection = connections::add(
        &db,
        &NewConnection {
            name: "bench".into(),
            left: ConnectionSide {
                server_id: jira.id,
                credential_id: None,
            },
            right: ConnectionSide {
                server_id: tt.id,
                credential_id: None,
            },
            direction: Direction::Both,
        },
    )
    .expect("connection");
    let mut draft = ProfileDraft {
        id: None,
        name: "bench".into(),
        connection_id: connection.id,
        scope: Scope::JiraTtnx {
            jira_project: "MOB".into(),
            ttnx_project_id: String::new(),
            ttnx_folder_id: sims["folder"].as_str().unwrap().to_owned(),
            group_by: GroupBy::Version,
            board_id: None,
        },
        entities: Entities {
            items: true,
            worklogs: false,
        },
        fields: profile::default_fields(),
        value_maps: ValueMaps {
            status: Vec::new(),
            item_type: Vec::new(),
            priority: Vec::new(),
        },
        user_map: Vec::new(),
        conflict_policy: ConflictPolicy::NewestWins,
        deletion: DeletionPolicy::Ignore,
        schedule: Schedule::Off,
        threshold_percent: 20,
    };
    let options = jira_ttnx::scope_options(db_path, secrets.clone(), connection.id)
        .await
        .expect("scope options");
    let int = options
        .ttnx_projects
        .iter()
        .find(|p| {
            p.name == "社内業務改善"
                || p.id == "INT"
                || p.detail.as_deref().is_some_and(|d| d.starts_with("INT"))
        })
        .expect("INT listed");
    let Scope::JiraTtnx {
        ttnx_project_id, ..
    } = &mut draft.scope;
    *ttnx_project_id = int.id.clone();
    let suggestions = jira_ttnx::suggestions(db_path, secrets.clone(), &draft)
        .await
        .expect("suggestions");
    draft.value_maps = ValueMaps {
        status: suggestions.status.pairs,
        item_type: suggestions.item_type.pairs,
        priority: suggestions.priority.pairs,
    };
    draft.user_map = suggestions.users.into_iter().map(|u| u.pair).collect();
    profile::save(&db, &draft).expect("profile").id
}

async fn run(
    db_path: &Path,
    secrets: &Arc<dyn SecretStore>,
    profile_id: u32,
) -> (RunReport, Duration) {
    let started = Instant::now();
    let report = engine::run_profile(
        db_path,
        secrets.clone(),
        profile_id,
        RunOptions {
            trigger: Trigger::Cli,
            dry_run: false,
            confirm_breaker: true,
        },
        Arc::new(|_| {}),
        CancellationToken::new(),
    )
    .await
    .expect("the run");
    (report, started.elapsed())
}

fn requests(report: &RunReport) -> (u32, u32) {
    let r = &report.summary.requests;
    (
        r.first().map_or(0, |s| s.requests),
        r.get(1).map_or(0, |s| s.requests),
    )
}

async fn measure() -> i32 {
    let mut child = Command::new(std::env::current_exe().expect("own path"))
        .env(ROLE, "sims")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the simulator process");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("sims line");
    let sims: Value = serde_json::from_str(&line).expect("sims JSON");
    let tmp = tempfile::tempdir().expect("tempdir");
    let db_path = tmp.path().join("kakehashi.sqlite3");
    let secrets: Arc<dyn SecretStore> = Arc::new(MemoryStore::default());
    let profile_id = workspace(&db_path, &secrets, &sims).await;
    let mut failed = false;

    let (initial, elapsed) = run(&db_path, &secrets, profile_id).await;
    let (jira, tt) = requests(&initial);
    let synced = initial.summary.right.created + initial.summary.left.created;
    let per_item = f64::from(jira + tt) / f64::from(synced.max(1));
    let floor = Duration::from_millis(u64::from(jira + tt) * LATENCY_MS);
    let ratio = elapsed.as_secs_f64() / floor.as_secs_f64().max(0.001);
    failed |= per_item > REQUESTS_PER_ITEM_GOAL || synced < ISSUES as u32;
    println!(
        "{}",
        json!({
            "measurement": "initial sync", "issues": ISSUES, "synced": synced,
            "requests": { "jira": jira, "ttnx": tt }, "requestsPerItem": per_item,
            "goal": REQUESTS_PER_ITEM_GOAL, "seconds": elapsed.as_secs_f64(),
            "floorSeconds": floor.as_secs_f64(), "ratioToFloor": ratio,
            "outcome": initial.summary.outcome, "problems": initial.summary.problems,
        })
    );

    let (quiet, elapsed) = run(&db_path, &secrets, profile_id).await;
    let (jira, tt) = requests(&quiet);
    failed |= jira > NO_CHANGE_REQUESTS_GOAL || tt > NO_CHANGE_REQUESTS_GOAL;
    println!(
        "{}",
        json!({
            "measurement": "no changes", "links": synced, "requests": { "jira": jira, "ttnx": tt },
            "goal": NO_CHANGE_REQUESTS_GOAL, "seconds": elapsed.as_secs_f64(),
        })
    );

    // 1 %: rename every hundredth issue in Jira.
    let http = reqwest::Client::new();
    for n in (0..ISSUES).step_by(100) {
        let key = format!("MOB-{}", n + 17);
        let answer = http
            .put(format!(
                "{}/rest/api/3/issue/{key}",
                sims["jira"]["url"].as_str().unwrap()
            ))
            .basic_auth(
                sims["jira"]["login"].as_str().unwrap(),
                sims["jira"]["secret"].as_str(),
            )
            .header("Content-Type", "application/json")
            .body(json!({ "fields": { "summary": format!("変更 {n}") } }).to_string())
            .send()
            .await
            .expect("edit");
        assert!(answer.status().is_success(), "{key}: {}", answer.status());
    }
    let (changed, elapsed) = run(&db_path, &secrets, profile_id).await;
    let (jira, tt) = requests(&changed);
    let updated = changed.summary.right.updated;
    // In proportion: at most the no-change cost plus one request per change.
    failed |= updated != CHANGED as u32 || jira + tt > 2 * NO_CHANGE_REQUESTS_GOAL + CHANGED as u32;
    println!(
        "{}",
        json!({
            "measurement": "1 % changed", "changed": CHANGED, "updated": updated,
            "requests": { "jira": jira, "ttnx": tt }, "seconds": elapsed.as_secs_f64(),
        })
    );

    let memory = peak_memory_mb().unwrap_or(f64::NAN);
    // Unknown (NaN) counts as missed.
    failed |= memory.is_nan() || memory >= MEMORY_GOAL_MB;
    println!(
        "{}",
        json!({ "measurement": "peak memory", "mb": memory, "goal": MEMORY_GOAL_MB })
    );

    drop(child.stdin.take());
    let _ = child.wait();
    i32::from(failed)
}
