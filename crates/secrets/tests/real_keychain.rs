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

/// What the product relies on: a secret written through the keychain store
/// is read back by a fresh call, replaced, and gone after delete.
#[test]
fn the_keychain_store_keeps_replaces_and_deletes_a_secret() {
    use kakehashi_secrets::{Keychain, SecretStore, Sensitive};
    if std::env::var("KAKEHASHI_REQUIRE_KEYCHAIN").as_deref() != Ok("1")
        && !kakehashi_secrets::probe().reachable
    {
        eprintln!("no keychain here; `make test` runs this against gnome-keyring");
        return;
    }
    let account = format!("kakehashi-test-store-{}", std::process::id());
    let store = Keychain;
    store
        .set(&account, &Sensitive::new("first-secret".to_owned()))
        .unwrap();
    assert_eq!(
        Keychain.get(&account).unwrap().unwrap().expose(),
        "first-secret"
    );
    store
        .set(&account, &Sensitive::new("second-secret".to_owned()))
        .unwrap();
    assert_eq!(
        Keychain.get(&account).unwrap().unwrap().expose(),
        "second-secret"
    );
    store.delete(&account).unwrap();
    assert!(Keychain.get(&account).unwrap().is_none());
    store.delete(&account).expect("deleting twice is fine");
}

/// keyring without its platform features stores nothing and says nothing.
/// This writes through one `keyring::Entry`, reads through the store (a
/// fresh entry per call), replaces through the store, reads the replacement
/// through yet another fresh `Entry`, and deletes: both paths must see the
/// same Secret Service item.
#[test]
fn a_secret_written_by_one_entry_is_read_by_a_fresh_one_replaced_and_deleted() {
    use kakehashi_secrets::{Keychain, SecretStore, Sensitive, KEYCHAIN_SERVICE};
    if std::env::var("KAKEHASHI_REQUIRE_KEYCHAIN").as_deref() != Ok("1")
        && !kakehashi_secrets::probe().reachable
    {
        eprintln!("no keychain here; `make test` runs this against gnome-keyring");
        return;
    }
    let account = format!("kakehashi-test-entry-{}", std::process::id());
    let writer = keyring::Entry::new(KEYCHAIN_SERVICE, &account).unwrap();
    writer.set_password("written-by-entry").unwrap();
    drop(writer);

    let read = Keychain
        .get(&account)
        .unwrap()
        .expect("stored by the first entry");
    assert_eq!(read.expose(), "written-by-entry");

    Keychain
        .set(&account, &Sensitive::new("replaced-by-store".to_owned()))
        .unwrap();
    let fresh = keyring::Entry::new(KEYCHAIN_SERVICE, &account).unwrap();
    assert_eq!(fresh.get_password().unwrap(), "replaced-by-store");

    Keychain.delete(&account).unwrap();
    let after = keyring::Entry::new(KEYCHAIN_SERVICE, &account).unwrap();
    assert!(matches!(after.get_password(), Err(keyring::Error::NoEntry)));
}
