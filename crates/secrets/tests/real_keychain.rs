//! The probe against the real OS keychain. `make test` runs the suite inside
//! `dbus-run-session` with an unlocked gnome-keyring and sets
//! KAKEHASHI_REQUIRE_KEYCHAIN=1, so there this test must find a working
//! Secret Service; a plain `cargo test` elsewhere only checks the probe's
//! answer is well-formed.

#[test]
fn probe_round_trips_a_secret_through_the_real_keychain() {
    let status = kakehashi_secrets::probe();
    let required = std::env::var("KAKEHASHI_REQUIRE_KEYCHAIN").is_ok_and(|v| v == "1");
    if required {
        assert!(
            status.reachable,
            "the keychain must be reachable here: {:?}",
            status.reason
        );
        assert!(status.reason.is_none());
    } else if !status.reachable {
        let reason = status.reason.expect("an unreachable keychain explains why");
        assert!(!reason.is_empty());
    }
}
