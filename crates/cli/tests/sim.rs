//! `kakehashi sim` run as a user would: the real binary on free ports, read
//! the announced lines, talk to each server, stop it with SIGTERM.
#![cfg(unix)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Sim(Child);

impl Drop for Sim {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(args: &[&str]) -> (Sim, Vec<serde_json::Value>) {
    let tmp = std::env::temp_dir();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kakehashi"))
        .arg("--data-dir")
        .arg(tmp.join(format!("kakehashi-sim-test-{}", std::process::id())))
        .arg("sim")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("kakehashi starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let announced = (0..4)
        .map(|_| serde_json::from_str(&lines.next().expect("a line per server").unwrap()).unwrap())
        .collect();
    (Sim(child), announced)
}

/// A plain HTTP/1.1 GET, so the test needs no HTTP client library.
fn get(url: &str, path: &str, auth: Option<&str>) -> (u16, String) {
    let authority = url.trim_start_matches("http://").split('/').next().unwrap();
    let mut stream = TcpStream::connect(authority).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let auth = auth
        .map(|a| format!("Authorization: {a}\r\n"))
        .unwrap_or_default();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {authority}\r\n{auth}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response.split(' ').nth(1).unwrap().parse().unwrap();
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

#[test]
fn sim_announces_four_servers_that_answer_and_stops_on_sigterm() {
    let (mut sim, announced) = start(&["--seed", "demo"]);
    let kinds: Vec<_> = announced
        .iter()
        .map(|line| line["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["jira-cloud", "jira-dc", "ttnx", "asana"]);
    for (line, secret_field) in announced
        .iter()
        .zip(["token", "password", "api_key", "token"])
    {
        assert!(
            line["url"]
                .as_str()
                .unwrap()
                .starts_with("http://127.0.0.1:"),
            "{line}"
        );
        assert!(
            line["login"].as_str().is_some_and(|l| !l.is_empty()),
            "{line}"
        );
        assert!(
            line[secret_field].as_str().is_some_and(|s| !s.is_empty()),
            "{line}"
        );
    }
    assert!(announced[2]["url"]
        .as_str()
        .unwrap()
        .ends_with("/TimeTrackerNX"));

    // Jira tells Cloud from Data Center anonymously.
    let (status, body) = get(
        announced[0]["url"].as_str().unwrap(),
        "/rest/api/2/serverInfo",
        None,
    );
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"Cloud\""), "{body}");
    let (_, body) = get(
        announced[1]["url"].as_str().unwrap(),
        "/rest/api/2/serverInfo",
        None,
    );
    assert!(body.contains("\"Server\""), "{body}");
    // Each announced login and secret opens its server.
    let ttnx = &announced[2];
    let (status, body) = get(
        ttnx["url"].as_str().unwrap(),
        "/TimeTrackerNX/api/system/users/me",
        None,
    );
    assert_eq!(status, 401, "{body}");
    let asana = &announced[3];
    let bearer = format!("Bearer {}", asana["token"].as_str().unwrap());
    let (status, body) = get(
        asana["url"].as_str().unwrap(),
        "/api/1.0/users/me",
        Some(&bearer),
    );
    assert_eq!(status, 200, "{body}");

    let pid = sim.0.id().to_string();
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    let started = Instant::now();
    loop {
        if let Some(status) = sim.0.try_wait().unwrap() {
            assert!(status.success(), "{status:?}");
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "still running 10 s after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn sim_serves_the_control_panel_with_counts() {
    let (_sim, announced) = start(&["--seed", "large:200"]);
    let admin = announced[0]["admin"].as_str().unwrap();
    let (status, body) = get(admin, "/__sim/stats", None);
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"total\""), "{body}");
    let (_, users) = get(admin, "/__sim/users", None);
    assert!(users.contains("kakehashi-sync"), "{users}");
}

#[test]
fn sim_refuses_bad_flags_with_exit_2_and_advice() {
    for (args, advice) in [
        (&["sim", "--seed", "huge"][..], "large:N"),
        (&["sim", "--faults", "2"][..], "0.0"),
        (&["sim", "--fault-kinds", "gremlins"][..], "error500"),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_kakehashi"))
            .arg("--json")
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        let error: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(error["error"]["code"], "Validation");
        assert!(
            error["error"]["message"].as_str().unwrap().contains(advice),
            "{error}"
        );
    }
}

#[test]
fn sim_refuses_a_port_in_use_with_exit_2() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_kakehashi"))
        .args(["--json", "sim", "--port", &port])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let error: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        error["error"]["message"]
            .as_str()
            .unwrap()
            .contains("--port"),
        "{error}"
    );
}
