//! Shared by the profile, sync and crash tests: a Jira Cloud and a
//! TimeTracker NX simulator (demo seeds) on loopback ports, a data folder
//! with both servers, their service credentials (real keychain) and a
//! connection, and the simulators' own APIs to look at the end state.
//!
//! The scope: Jira project MOB (two versions, issues, sub-tasks) ↔ TT NX
//! project INT, folder "MOB 開発" created here with one group ("TT 計画")
//! and one task of its own, so a first run creates on both sides.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::Path;

use kakehashi_sim::{start, RunningSim, SimKind, SimOptions};
use serde_json::{json, Value};

pub const CONNECTION: &str = "MOB ↔ INT";
pub const FOLDER: &str = "MOB 開発";
pub const TT_GROUP: &str = "TT 計画";
pub const TT_TASK: &str = "TT側のタスク";

/// The two simulators and a runtime of their own, so the tests stay plain
/// blocking code that runs the binary.
pub struct World {
    pub rt: tokio::runtime::Runtime,
    pub jira: Option<RunningSim>,
    pub tt: Option<RunningSim>,
    http: reqwest::Client,
}

impl World {
    pub fn start() -> World {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let (jira, tt) = rt.block_on(async {
            let options = SimOptions::default();
            (
                start(SimKind::JiraCloud, &options, 0).await.unwrap(),
                start(SimKind::Ttnx, &options, 0).await.unwrap(),
            )
        });
        let world = World {
            rt,
            jira: Some(jira),
            tt: Some(tt),
            http: reqwest::Client::new(),
        };
        world.prepare_ttnx();
        world
    }

    pub fn jira(&self) -> &RunningSim {
        self.jira.as_ref().unwrap()
    }

    pub fn tt(&self) -> &RunningSim {
        self.tt.as_ref().unwrap()
    }

    fn sim(&self, kind: SimKind) -> &RunningSim {
        match kind {
            SimKind::Ttnx => self.tt(),
            _ => self.jira(),
        }
    }

    /// Servers, credentials and the connection in `dir`, through the CLI.
    pub fn register(&self, dir: &Path) {
        let jira = add_server(dir, "jira-cloud", self.jira().url());
        credential(
            dir,
            &jira,
            "jira-cloud-token",
            Some(self.jira().login()),
            self.jira().secret(),
        );
        let tt = add_server(dir, "ttnx", self.tt().url());
        credential(dir, &tt, "ttnx-api-key", None, self.tt().secret());
        cli_ok(
            dir,
            &[
                "connection",
                "add",
                "--name",
                CONNECTION,
                "--left",
                &jira,
                "--right",
                &tt,
            ],
        );
    }

    /// Both simulators back to their seeds, the TT NX folder made again
    /// (same ids: the seed's id sequences start over).
    pub fn reset(&self) {
        for kind in [SimKind::JiraCloud, SimKind::Ttnx] {
            let url = format!("{}/reset", self.sim(kind).admin_url());
            self.send(self.http.post(url));
        }
        self.prepare_ttnx();
    }

    fn send(&self, request: reqwest::RequestBuilder) -> (u16, Value) {
        self.rt.block_on(async {
            let answer = request.send().await.unwrap();
            let status = answer.status().as_u16();
            let text = answer.text().await.unwrap();
            (status, serde_json::from_str(&text).unwrap_or(Value::Null))
        })
    }

    fn tt_api(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}/api{path}", self.tt().url());
        let mut request = self
            .http
            .request(method, url)
            .header("X-TT-ApiKey", self.tt().secret());
        if let Some(body) = body {
            request = request
                .header("Content-Type", "application/json")
                .body(body.to_string());
        }
        let (status, value) = self.send(request);
        assert!(status < 300, "TT NX {path}: {status} {value}");
        value
    }

    pub fn jira_api(&self, path: &str) -> Value {
        let url = format!("{}{path}", self.jira().url());
        let request = self
            .http
            .get(url)
            .basic_auth(self.jira().login(), Some(self.jira().secret()));
        let (status, value) = self.send(request);
        assert!(status < 300, "Jira {path}: {status} {value}");
        value
    }

    pub fn int_project_id(&self) -> String {
        let projects = self.tt_api(reqwest::Method::GET, "/project/projects?code=INT", None);
        find_object(&projects, "code", "INT")
            .and_then(|p| p["id"].as_str().map(str::to_owned))
            .unwrap_or_else(|| panic!("no INT project: {projects}"))
    }

    /// The empty folder under INT with one group and one task of TT NX's own.
    fn prepare_ttnx(&self) {
        let int = self.int_project_id();
        let body = json!([{
            "fields": { "ItemTypeId": "2", "Name": FOLDER },
            "subItems": [{
                "fields": { "ItemTypeId": "2", "Name": TT_GROUP },
                "subItems": [{ "fields": { "ItemTypeId": "3", "Name": TT_TASK } }]
            }]
        }]);
        self.tt_api(
            reqwest::Method::POST,
            &format!("/workitem/workItems/{int}/subItems"),
            Some(body),
        );
    }

    pub fn folder_id(&self) -> String {
        let int = self.int_project_id();
        let tree = self.tt_api(
            reqwest::Method::GET,
            &format!("/workitem/workItems/{int}/subItems"),
            None,
        );
        // `find_object` answers the item's `fields`, which hold its Id.
        find_object(&tree, "Name", FOLDER)
            .and_then(|fields| fields["Id"].as_str().map(str::to_owned))
            .unwrap_or_else(|| panic!("no folder {FOLDER}: {tree}"))
    }

    /// The items under the folder, all the way down, as the TT NX API
    /// answers them.
    pub fn ttnx_tree(&self) -> Value {
        let folder = self.folder_id();
        self.tt_api(
            reqwest::Method::GET,
            &format!("/workitem/workItems/{folder}/subItems"),
            None,
        )
    }

    /// Every MOB issue: key, summary, versions, parent, properties keys.
    pub fn jira_issues(&self) -> Vec<Value> {
        let found = self.jira_api(
            "/rest/api/3/search/jql?jql=project%20%3D%20MOB&fields=summary,fixVersions,parent,status&maxResults=100",
        );
        found["issues"].as_array().cloned().unwrap_or_default()
    }

    pub fn jira_versions(&self) -> Vec<String> {
        let versions = self.jira_api("/rest/api/3/project/MOB/versions");
        let mut names: Vec<String> = versions
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|v| v["name"].as_str().map(str::to_owned))
            .collect();
        names.sort();
        names
    }

    /// One change on each side after a first sync: a Jira issue's summary
    /// and the TT NX task's name — what a later run must carry across.
    pub fn edit_both(&self) {
        let url = format!("{}/rest/api/3/issue/MOB-1", self.jira().url());
        let body = json!({ "fields": { "summary": "プッシュ通知の配信設定画面 (改)" } });
        let request = self
            .http
            .put(url)
            .basic_auth(self.jira().login(), Some(self.jira().secret()))
            .header("Content-Type", "application/json")
            .body(body.to_string());
        let (status, value) = self.send(request);
        assert!(status < 300, "Jira edit: {status} {value}");
        let task = find_object(&self.ttnx_tree(), "Name", TT_TASK)
            .and_then(|fields| fields["Id"].as_str().map(str::to_owned))
            .unwrap_or_else(|| panic!("no {TT_TASK} in TT NX"));
        self.tt_api(
            reqwest::Method::PUT,
            &format!("/workitem/workItems/{task}"),
            Some(json!({ "fields": { "Name": format!("{TT_TASK} (改)") } })),
        );
    }

    /// Vendor requests the simulator served since its last reset.
    pub fn requests(&self, kind: SimKind) -> u64 {
        let url = format!("{}/stats", self.sim(kind).admin_url());
        self.send(self.http.get(url)).1["total"].as_u64().unwrap()
    }

    pub fn reset_stats_baseline(&self) -> (u64, u64) {
        (
            self.requests(SimKind::JiraCloud),
            self.requests(SimKind::Ttnx),
        )
    }

    pub fn arm_freeze(&self, kind: SimKind, after: u64, mode: &str) {
        let url = format!("{}/freeze", self.sim(kind).admin_url());
        let body = json!({ "afterRequests": after, "mode": mode }).to_string();
        let request = self
            .http
            .put(url)
            .header("Content-Type", "application/json")
            .body(body);
        let (status, value) = self.send(request);
        assert_eq!(status, 200, "{value}");
    }

    pub fn freeze_state(&self, kind: SimKind) -> Value {
        let url = format!("{}/freeze", self.sim(kind).admin_url());
        self.send(self.http.get(url)).1
    }

    /// Releases the switch and waits until every held request has gone on
    /// (they leave asynchronously; arming again before that is refused).
    pub fn release(&self, kind: SimKind) {
        let url = format!("{}/freeze", self.sim(kind).admin_url());
        self.send(self.http.delete(url));
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while self.freeze_state(kind)["held"].as_u64() != Some(0) {
            assert!(
                std::time::Instant::now() < deadline,
                "held requests not gone 10 s after the release: {}",
                self.freeze_state(kind)
            );
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }

    /// What both sides hold, without ids: TT NX items by path of names
    /// (with type, status, marker) and Jira issues by summary (with
    /// versions and parent). Comparable between two fresh runs.
    pub fn end_state(&self) -> Value {
        let mut tt = BTreeMap::new();
        flatten(&self.ttnx_tree(), "", &mut tt);
        let mut jira = BTreeMap::new();
        for issue in self.jira_issues() {
            let fields = &issue["fields"];
            let mut versions: Vec<String> = fields["fixVersions"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|v| v["name"].as_str().map(str::to_owned))
                .collect();
            versions.sort();
            let summary = fields["summary"].as_str().unwrap_or_default().to_owned();
            let entry = json!({
                "versions": versions,
                "parent": fields["parent"]["fields"]["summary"],
                "status": fields["status"]["name"],
            });
            jira.entry(summary).or_insert_with(Vec::new).push(entry);
        }
        json!({ "ttnx": tt, "jira": jira, "versions": self.jira_versions() })
    }
}

impl Drop for World {
    fn drop(&mut self) {
        let (jira, tt) = (self.jira.take(), self.tt.take());
        self.rt.block_on(async {
            if let Some(jira) = jira {
                jira.stop().await;
            }
            if let Some(tt) = tt {
                tt.stop().await;
            }
        });
    }
}

/// Items keyed "group/item/sub-item" by name; a name twice under one parent
/// shows as a list of two.
fn flatten(nodes: &Value, prefix: &str, out: &mut BTreeMap<String, Vec<Value>>) {
    for node in nodes.as_array().into_iter().flatten() {
        let fields = &node["fields"];
        let name = fields["Name"].as_str().unwrap_or_default();
        let path = format!("{prefix}/{name}");
        out.entry(path.clone()).or_default().push(json!({
            "type": fields["ItemTypeId"],
            "status": fields["StatusTypeId"],
            "marker": node["metadata"].as_object().map(|m| !m.is_empty()),
        }));
        flatten(&node["subItems"], &path, out);
    }
}

/// The first object in `value` (searched depth first) whose `key` is `wanted`.
pub fn find_object<'a>(value: &'a Value, key: &str, wanted: &str) -> Option<&'a Value> {
    match value {
        Value::Object(map) => {
            if map.get(key).and_then(Value::as_str) == Some(wanted) {
                return Some(value);
            }
            map.values().find_map(|v| find_object(v, key, wanted))
        }
        Value::Array(items) => items.iter().find_map(|v| find_object(v, key, wanted)),
        _ => None,
    }
}

/// `kakehashi --json --data-dir DIR ARGS` with empty standard input: exit
/// code, stdout's JSON, stderr.
pub fn cli(dir: &Path, args: &[&str]) -> (Option<i32>, Value, String) {
    cli_with_input(dir, args, "")
}

pub fn cli_with_input(dir: &Path, args: &[&str], stdin: &str) -> (Option<i32>, Value, String) {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kakehashi"))
        .arg("--json")
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("KAKEHASHI_SECRET")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    let out = child.wait_with_output().unwrap();
    let json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", String::from_utf8_lossy(&out.stdout)));
    (
        out.status.code(),
        json,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

pub fn cli_ok(dir: &Path, args: &[&str]) -> Value {
    let (code, json, stderr) = cli(dir, args);
    assert_eq!(code, Some(0), "{args:?}: {json} {stderr}");
    json
}

fn add_server(dir: &Path, kind: &str, url: &str) -> String {
    cli_ok(dir, &["server", "add", "--kind", kind, "--url", url])["id"].to_string()
}

fn credential(dir: &Path, server: &str, kind: &str, login: Option<&str>, secret: &str) {
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
    let (code, json, stderr) = cli_with_input(dir, &args, &format!("{secret}\n"));
    assert_eq!(code, Some(0), "{json} {stderr}");
}

/// `profile add` for the MOB ↔ INT scope with extra flags.
pub fn add_profile(dir: &Path, name: &str, extra: &[&str]) -> (Option<i32>, Value, String) {
    let mut args = vec![
        "profile",
        "add",
        "--name",
        name,
        "--connection",
        CONNECTION,
        "--jira-project",
        "MOB",
        "--ttnx-project",
        "INT",
    ];
    args.extend_from_slice(extra);
    cli(dir, &args)
}
