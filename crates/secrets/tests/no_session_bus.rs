//! Without a D-Bus session bus the keychain store refuses every call with the
//! Linux guidance — no panic, no auto-launched bus, no fallback. The check
//! runs in a child process (this same test binary) whose environment has no
//! bus, because changing the environment of a multi-threaded test process is
//! not safe.
#![cfg(target_os = "linux")]

use std::process::Command;

use kakehashi_secrets::{Keychain, SecretStore, Sensitive};

const CHILD: &str = "KAKEHASHI_NO_BUS_CHILD";
const TEST: &str = "keychain_calls_without_a_session_bus_fail_with_guidance";

#[test]
fn keychain_calls_without_a_session_bus_fail_with_guidance() {
    if std::env::var_os(CHILD).is_some() {
        in_the_child();
        return;
    }
    let runtime_dir = tempfile::tempdir().unwrap();
    let out = Command::new(std::env::current_exe().unwrap())
        .args([TEST, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, "1")
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env("XDG_RUNTIME_DIR", runtime_dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("child checked"), "{stdout}\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        std::fs::read_dir(runtime_dir.path()).unwrap().count(),
        0,
        "nothing may be created in the runtime directory (no auto-launched bus)"
    );
}

fn in_the_child() {
    let account = "kakehashi-test-no-bus";
    let secret = Sensitive::new("no-bus-secret-value".to_owned());
    let errors = [
        Keychain.set(account, &secret).unwrap_err(),
        Keychain.get(account).unwrap_err(),
        Keychain.delete(account).unwrap_err(),
    ];
    for err in errors {
        let message = err.to_string();
        assert!(message.contains("D-Bus"), "{message}");
        assert!(message.contains("GNOME Keyring"), "{message}");
        assert!(!message.contains("no-bus-secret-value"), "{message}");
    }
    let status = kakehashi_secrets::probe();
    assert!(!status.reachable);
    println!("child checked");
}
