//! Shared by the credential tests: the real `kakehashi` binary run as a
//! user would (a fresh data folder, the real OS keychain), a command left
//! running while the test plays its browser, and searches of the data
//! folder for secrets.

#![allow(dead_code)]

/// The core's scripted browser (consent page, Allow or Deny, redirects),
/// used as is rather than written twice.
#[path = "../../../core/tests/support/browser.rs"]
pub mod browser;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use kakehashi_core::store::Database;
use kakehashi_core::workspace::credentials;
use kakehashi_secrets::{Keychain, SecretStore};
use serde_json::Value;

/// `kakehashi --json --data-dir DIR ARGS`, without `KAKEHASHI_SECRET`
/// unless `env` sets it.
fn command(data_dir: &Path, args: &[&str], env: &[(&str, &str)], without_bus: bool) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kakehashi"));
    command
        .arg("--json")
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("KAKEHASHI_SECRET")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if without_bus {
        command.env_remove("DBUS_SESSION_BUS_ADDRESS");
    }
    for (key, value) in env {
        command.env(key, value);
    }
    command
}

/// Exit code, the JSON document on stdout, and stderr.
fn outcome(out: Output) -> (Option<i32>, Value, String) {
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {out:?}"));
    (
        out.status.code(),
        json,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs `kakehashi --json --data-dir DIR ARGS` with `stdin` as standard input.
pub fn run(
    data_dir: &Path,
    args: &[&str],
    stdin: &str,
    env: &[(&str, &str)],
) -> (Option<i32>, Value, String) {
    run_with(data_dir, args, stdin, env, false)
}

/// The same without a D-Bus session bus (as a service account or an SSH
/// session would run it).
pub fn run_without_bus(
    dir: &Path,
    args: &[&str],
    stdin: &str,
    env: &[(&str, &str)],
) -> (Option<i32>, Value, String) {
    run_with(dir, args, stdin, env, true)
}

fn run_with(
    data_dir: &Path,
    args: &[&str],
    stdin: &str,
    env: &[(&str, &str)],
    without_bus: bool,
) -> (Option<i32>, Value, String) {
    let mut child = command(data_dir, args, env, without_bus).spawn().unwrap();
    // The command may refuse and exit before it reads anything.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    outcome(child.wait_with_output().unwrap())
}

pub fn ok(data_dir: &Path, args: &[&str], stdin: &str) -> (Value, String) {
    let (code, json, stderr) = run(data_dir, args, stdin, &[]);
    assert_eq!(code, Some(0), "{args:?}: {json} {stderr}");
    (json, stderr)
}

/// The real keychain is required under `make test`; elsewhere these tests
/// say so and pass.
pub fn keychain_available() -> bool {
    if std::env::var("KAKEHASHI_REQUIRE_KEYCHAIN").as_deref() == Ok("1") {
        return true;
    }
    let reachable = kakehashi_secrets::probe().reachable;
    if !reachable {
        eprintln!("no keychain here; `make test` runs this against gnome-keyring");
    }
    reachable
}

pub fn add_server(data_dir: &Path, kind: &str, url: &str) -> String {
    let (server, _) = ok(
        data_dir,
        &["server", "add", "--kind", kind, "--url", url],
        "",
    );
    server["id"].to_string()
}

/// The keychain account of a credential, as the app names it.
pub fn secret_account(data_dir: &Path, id: u64) -> String {
    let db = Database::open(&data_dir.join("kakehashi.sqlite3")).unwrap();
    credentials::secret_account(&db, id as u32).unwrap()
}

/// The keychain entry of a credential, read the way the app reads it.
pub fn stored_secret(data_dir: &Path, id: u64) -> Option<String> {
    Keychain
        .get(&secret_account(data_dir, id))
        .unwrap()
        .map(|s| s.expose().clone())
}

/// Every file under `dir` (database, WAL, logs), searched for `secret`.
pub fn files_containing(dir: &Path, secret: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                if bytes.windows(secret.len()).any(|w| w == secret.as_bytes()) {
                    found.push(path.display().to_string());
                }
            }
        }
    }
    found
}

/// A port nothing listens on right now.
pub fn free_port() -> u16 {
    let probe = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    probe.local_addr().unwrap().port()
}

/// A command left running while the test acts (plays the browser, sends
/// Ctrl-C). Its stderr is read line by line as it comes; dropping it
/// kills the process if it is still running.
pub struct Running {
    child: Option<Child>,
    lines: Receiver<String>,
    stderr: Option<JoinHandle<String>>,
}

impl Running {
    pub fn start(data_dir: &Path, args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Running {
        let mut child = command(data_dir, args, env, false).spawn().unwrap();
        let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
        let stderr = child.stderr.take().unwrap();
        let (sender, lines) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            let mut all = String::new();
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                all.push_str(&line);
                all.push('\n');
                let _ = sender.send(line);
            }
            all
        });
        Running {
            child: Some(child),
            lines,
            stderr: Some(reader),
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.as_ref().unwrap().id()
    }

    /// The first stderr line `wanted` accepts, within 30 seconds; panics
    /// with everything read so far when there is none.
    pub fn line_where(&mut self, wanted: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut seen = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) if wanted(&line) => return line,
                Ok(line) => seen.push(line),
                Err(_) => {
                    let ended = self.child.as_mut().unwrap().try_wait().unwrap();
                    panic!("no such line on stderr (exited: {ended:?}): {seen:#?}");
                }
            }
        }
    }

    /// The sign-in address the command printed for the browser.
    pub fn sign_in_url(&mut self) -> String {
        let line = self.line_where(|line| {
            let line = line.trim();
            line.starts_with("http") && line.contains("authorize?")
        });
        line.trim().to_owned()
    }

    /// Waits (at most 60 seconds) for the command to end: exit code,
    /// stdout's JSON, all of stderr.
    pub fn finish(mut self) -> (Option<i32>, Value, String) {
        let mut child = self.child.take().unwrap();
        let deadline = Instant::now() + Duration::from_secs(60);
        while child.try_wait().unwrap().is_none() {
            if Instant::now() > deadline {
                let _ = child.kill();
                panic!("the command did not end within 60 s");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let out = child.wait_with_output().unwrap();
        let stderr = self.stderr.take().unwrap().join().unwrap();
        let (code, json, _) = outcome(out);
        (code, json, stderr)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(child) = self.child.as_mut() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
