//! The OS keychain: macOS Keychain, Windows Credential Manager, or the Secret
//! Service (GNOME Keyring / KWallet) on Linux, through keyring 3.6.
//!
//! Keychain calls are serialised behind one lock: the Secret Service and the
//! Windows credential store both misbehave under concurrent access from one
//! process. A probe never hangs: a locked keyring may wait for a password
//! prompt forever, so it runs on a helper thread with a deadline.

use std::ffi::OsString;
use std::path::Path;
use std::sync::mpsc;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use keyring::Entry;

/// The keychain "service" every Kakehashi secret is stored under (the bundle identifier).
pub const KEYCHAIN_SERVICE: &str = "app.kakehashi.desktop";

/// How long a probe may take before the keychain is reported as not answering.
const PROBE_DEADLINE: Duration = Duration::from_secs(8);

/// How long a successful probe is trusted. About and Credentials ask often;
/// each real probe writes to the keychain, which may prompt when it is locked.
const PROBE_CACHE: Duration = Duration::from_secs(60);

/// One lock for every keychain call in this process.
pub(crate) static KEYCHAIN_LOCK: Mutex<()> = Mutex::new(());

/// The last successful probe and when it ran.
static LAST_GOOD_PROBE: Mutex<Option<Instant>> = Mutex::new(None);

/// Whether the keychain works, and if not, why and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeychainStatus {
    pub reachable: bool,
    /// Which backend this build talks to.
    pub backend: &'static str,
    /// Plain-language reason and remedy when not reachable.
    pub reason: Option<String>,
}

/// The backend compiled for this platform.
pub fn backend_name() -> &'static str {
    if cfg!(target_os = "macos") {
        "macOS Keychain"
    } else if cfg!(target_os = "windows") {
        "Windows Credential Manager"
    } else {
        "Secret Service (GNOME Keyring / KWallet)"
    }
}

/// What to do when the keychain is unreachable, per platform.
pub fn platform_guidance() -> &'static str {
    if cfg!(target_os = "macos") {
        "Unlock the login keychain in Keychain Access and try again."
    } else if cfg!(target_os = "windows") {
        "Sign in to Windows with a regular user account (Credential Manager is not available to system services)."
    } else {
        "Install and unlock GNOME Keyring or KWallet (for example `sudo apt install gnome-keyring`), \
         and make sure the app runs inside a desktop session with a D-Bus session bus."
    }
}

/// Write a throw-away secret through one entry, read it back through a
/// fresh entry, and delete it. Proves the keychain really stores secrets
/// (keyring without platform features silently stores nothing).
pub fn probe() -> KeychainStatus {
    if let Some(reason) = session_bus_problem() {
        return unreachable(reason);
    }
    let recent_success = LAST_GOOD_PROBE
        .lock()
        .ok()
        .and_then(|last| *last)
        .is_some_and(|at| at.elapsed() < PROBE_CACHE);
    if recent_success {
        return reachable();
    }
    let status = probe_now();
    if status.reachable {
        if let Ok(mut last) = LAST_GOOD_PROBE.lock() {
            *last = Some(Instant::now());
        }
    }
    status
}

fn reachable() -> KeychainStatus {
    KeychainStatus {
        reachable: true,
        backend: backend_name(),
        reason: None,
    }
}

fn probe_now() -> KeychainStatus {
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("keychain-probe".into())
        .spawn(move || {
            let _ = tx.send(round_trip());
        });
    if let Err(err) = spawned {
        return unreachable(format!("Could not start the keychain check: {err}."));
    }
    match rx.recv_timeout(PROBE_DEADLINE) {
        Ok(Ok(())) => reachable(),
        Ok(Err(reason)) => unreachable(reason),
        Err(_) => unreachable(format!(
            "The keychain did not answer within {} seconds; it may be locked and waiting for a password prompt.",
            PROBE_DEADLINE.as_secs()
        )),
    }
}

fn unreachable(reason: String) -> KeychainStatus {
    KeychainStatus {
        reachable: false,
        backend: backend_name(),
        reason: Some(format!("{reason} {}", platform_guidance())),
    }
}

/// Why the Secret Service cannot be reached from this process's
/// environment, if it cannot. Every keychain call asks this first: on Linux,
/// libdbus would otherwise try to auto-launch a session bus when none is
/// configured, leaving a stray daemon behind.
pub(crate) fn session_bus_problem() -> Option<String> {
    missing_session_bus(
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS"),
        std::env::var_os("XDG_RUNTIME_DIR"),
    )
}

/// The two places a session bus is announced: its address, or the socket
/// in the runtime directory.
fn missing_session_bus(
    bus_address: Option<OsString>,
    runtime_dir: Option<OsString>,
) -> Option<String> {
    if !cfg!(all(unix, not(target_os = "macos"))) {
        return None;
    }
    if bus_address.is_some_and(|v| !v.is_empty()) {
        return None;
    }
    if runtime_dir.is_some_and(|dir| Path::new(&dir).join("bus").exists()) {
        return None;
    }
    Some("No D-Bus session bus is available, so the Secret Service cannot be reached.".into())
}

fn round_trip() -> Result<(), String> {
    let _guard = KEYCHAIN_LOCK
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let nonce = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let account = format!("kakehashi-probe-{}-{nonce}", std::process::id());
    let value = format!("probe-{nonce}");

    let writer = Entry::new(KEYCHAIN_SERVICE, &account).map_err(describe)?;
    writer.set_password(&value).map_err(describe)?;
    let read_back = Entry::new(KEYCHAIN_SERVICE, &account)
        .and_then(|reader| reader.get_password())
        .map_err(describe);
    let _ = writer.delete_credential();
    match read_back {
        Ok(read) if read == value => Ok(()),
        Ok(_) => Err("The keychain returned a different value than was stored.".into()),
        Err(reason) => Err(reason),
    }
}

/// keyring errors never contain the secret itself, only the platform's words.
pub(crate) fn describe(err: keyring::Error) -> String {
    match err {
        keyring::Error::NoStorageAccess(inner) => {
            format!("The keychain refused access ({inner}).")
        }
        keyring::Error::PlatformFailure(inner) => format!("The keychain failed ({inner})."),
        keyring::Error::NoEntry => {
            "The keychain accepted a secret but did not keep it (no storage backend).".into()
        }
        other => format!("The keychain failed ({other})."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(all(unix, not(target_os = "macos")))]
    #[test]
    fn a_session_bus_is_found_from_the_address_or_the_runtime_socket() {
        let tmp = std::env::temp_dir().join(format!("kakehashi-bus-test-{}", std::process::id()));
        std::fs::create_dir_all(&tmp).unwrap();
        let reason = missing_session_bus(None, Some(tmp.clone().into_os_string()))
            .expect("no address and no socket means no bus");
        assert!(reason.contains("D-Bus"), "{reason}");
        assert!(missing_session_bus(Some("".into()), None).is_some());
        assert!(missing_session_bus(Some("unix:path=/run/x".into()), None).is_none());
        std::fs::write(tmp.join("bus"), b"").unwrap();
        assert!(missing_session_bus(None, Some(tmp.clone().into_os_string())).is_none());
        std::fs::remove_dir_all(&tmp).unwrap();
    }

    #[test]
    fn unreachable_status_always_carries_platform_guidance() {
        let status = unreachable("It broke.".into());
        assert!(!status.reachable);
        assert!(status.reason.unwrap().ends_with(platform_guidance()));
    }
}
