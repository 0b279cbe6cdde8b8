//! Starts oauth2-mock-server (the npm package, a real OAuth 2.0 server)
//! through `tests/oauth/server.mjs` and stops it with SIGTERM.
//!
//! Without `node` the tests that need it are skipped with a message,
//! unless KAKEHASHI_REQUIRE_OAUTH_SERVER=1 (as `make test` sets): then they
//! fail. With `node` but without the npm packages they always fail, saying
//! to run `npm ci` in tests/oauth.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use kakehashi_core::oauth::Provider;

pub const REQUIRE_ENV: &str = "KAKEHASHI_REQUIRE_OAUTH_SERVER";

pub struct MockServer {
    child: Child,
    pub url: String,
}

fn launcher_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/oauth")
}

impl MockServer {
    /// A server that grants (or, with `deny`, refuses) every authorization;
    /// `None` when the test is to be skipped.
    pub fn start(deny: bool) -> Option<MockServer> {
        let required = std::env::var(REQUIRE_ENV).is_ok_and(|v| v == "1");
        if Command::new("node").arg("--version").output().is_err() {
            assert!(
                !required,
                "{REQUIRE_ENV}=1 but `node` is not installed: install Node.js 20.19 or newer (make deps-test does)"
            );
            eprintln!("skipped: `node` is not installed, so oauth2-mock-server cannot run. Set {REQUIRE_ENV}=1 to make this a failure.");
            return None;
        }
        let dir = launcher_dir();
        assert!(
            dir.join("node_modules/oauth2-mock-server").is_dir(),
            "oauth2-mock-server is not installed: run `npm ci` in {} (make deps-test does)",
            dir.display()
        );
        let mut command = Command::new("node");
        command
            .arg("server.mjs")
            .current_dir(&dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        if deny {
            command.arg("--deny");
        }
        let mut child = command.spawn().expect("node starts");
        let stdout = child.stdout.take().unwrap();
        let (line_tx, line_rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = line_tx.send(line);
        });
        let line = match line_rx.recv_timeout(Duration::from_secs(30)) {
            Ok(line) => line,
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("oauth2-mock-server did not announce itself within 30 s");
            }
        };
        let announced: serde_json::Value = serde_json::from_str(line.trim())
            .unwrap_or_else(|_| panic!("not the announcement line: {line:?}"));
        let url = announced["url"].as_str().expect("a url").to_owned();
        assert!(url.starts_with("http://127.0.0.1:"), "{url}");
        assert_eq!(announced["deny"], deny);
        Some(MockServer { child, url })
    }

    /// The server as a provider from explicit URLs.
    pub fn provider(&self) -> Provider {
        Provider::from_urls(
            "Test OAuth server",
            &format!("{}/authorize", self.url),
            &format!("{}/token", self.url),
            Some(&format!("{}/revoke", self.url)),
            &["openid", "offline_access"],
        )
        .unwrap()
    }
}

impl Drop for MockServer {
    /// SIGTERM to the process we started (by its id), then a bounded wait;
    /// SIGKILL only if it does not stop.
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let until = Instant::now() + Duration::from_secs(5);
        while Instant::now() < until {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
