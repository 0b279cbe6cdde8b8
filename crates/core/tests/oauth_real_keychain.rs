//! An OAuth credential's tokens in the real OS keychain: written after a
//! sign-in, replaced by a rotated refresh token through the transport's
//! `TokenStore`, read back by a fresh store, and forgotten. `make test`
//! runs this under dbus-run-session with an unlocked gnome-keyring and
//! KAKEHASHI_REQUIRE_KEYCHAIN=1; elsewhere, without a keychain, it says so
//! and passes.

use std::sync::Arc;

use kakehashi_core::oauth::{KeychainTokenStore, TokenSet};
use kakehashi_http::oauth::TokenStore;
use kakehashi_secrets::{Keychain, Sensitive};

fn tokens(access: &str, refresh: &str) -> TokenSet {
    TokenSet {
        access_token: Sensitive::new(access.into()),
        refresh_token: Some(Sensitive::new(refresh.into())),
        // 2030-03-17: whole seconds, as the keychain entry keeps them.
        expires_at: Some(TokenSet::expiry_from_unix(1_900_000_000)),
        scope: Some("WRITE".into()),
    }
}

#[tokio::test]
async fn tokens_and_their_rotation_live_in_the_real_keychain() {
    if std::env::var("KAKEHASHI_REQUIRE_KEYCHAIN").as_deref() != Ok("1")
        && !kakehashi_secrets::probe().reachable
    {
        eprintln!("skipped: no keychain here; `make test` runs this against gnome-keyring");
        return;
    }
    let account = format!("kakehashi-test-oauth-{}", std::process::id());
    let store = KeychainTokenStore::new(Arc::new(Keychain), account.clone());
    let secret = Sensitive::new("client-secret-kc".to_owned());
    store
        .write(&tokens("at-kc-1", "rt-kc-1"), Some(&secret))
        .unwrap();

    TokenStore::save(&store, &tokens("at-kc-2", "rt-kc-2"))
        .await
        .unwrap();

    let fresh = KeychainTokenStore::new(Arc::new(Keychain), account);
    let grant = fresh.read().unwrap().expect("the entry is there");
    assert_eq!(grant.tokens, tokens("at-kc-2", "rt-kc-2"));
    assert_eq!(grant.client_secret, Some(secret));
    assert_eq!(
        TokenStore::load(&fresh)
            .await
            .unwrap()
            .access_token
            .expose(),
        "at-kc-2"
    );

    fresh.forget().unwrap();
    assert!(!store.is_signed_in().unwrap());
    assert_eq!(
        TokenStore::load(&store).await.unwrap_err().code(),
        "Unauthorized"
    );
}
