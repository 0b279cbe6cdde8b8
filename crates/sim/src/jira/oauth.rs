//! Jira Data Center's OAuth 2.0 provider (an "incoming application link"):
//! registered clients, authorization codes, and access and refresh tokens.
//! Refresh tokens rotate on every use; access tokens expire. The HTTP side
//! (consent page, token endpoint) is in [`super::oauth_endpoints`].

use std::collections::{BTreeMap, HashMap};
use std::time::{SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::json;
use sha2::{Digest, Sha256};

use super::store::PersonIx;
use super::time::{Millis, MINUTE};

/// Seconds an access token lives.
pub const ACCESS_TOKEN_SECONDS: i64 = 3600;
/// How long an authorization code may wait for its exchange.
pub(super) const CODE_LIFETIME: Millis = 10 * MINUTE;

/// The client every seed registers, so demos and docs work without setup.
pub const DEMO_CLIENT_ID: &str = "kakehashi-demo";
pub const DEMO_REDIRECT_URI: &str = "http://127.0.0.1:8765/callback";

/// Jira DC's OAuth 2.0 scopes; each includes the ones before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    Read,
    Write,
    Admin,
    SystemAdmin,
}

impl Scope {
    const ALL: [Scope; 4] = [Scope::Read, Scope::Write, Scope::Admin, Scope::SystemAdmin];

    pub fn name(self) -> &'static str {
        match self {
            Scope::Read => "READ",
            Scope::Write => "WRITE",
            Scope::Admin => "ADMIN",
            Scope::SystemAdmin => "SYSTEM_ADMIN",
        }
    }

    pub(super) fn parse(name: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|s| s.name() == name)
    }

    pub(super) fn describe(self) -> &'static str {
        match self {
            Scope::Read => "View projects and issues you can see (閲覧)",
            Scope::Write => "Create and edit issues, comments and work logs (作成・編集)",
            Scope::Admin => "Administer projects you administer (プロジェクト管理)",
            Scope::SystemAdmin => "Administer Jira (システム管理)",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Client {
    pub id: String,
    pub secret: String,
    pub redirect_uri: String,
}

pub(super) struct Grant {
    pub(super) client: String,
    pub(super) redirect_uri: String,
    pub(super) person: PersonIx,
    pub(super) scope: Scope,
    pub(super) scope_text: String,
    pub(super) challenge: Option<String>,
    pub(super) expires: Millis,
}

struct Access {
    person: PersonIx,
    scope: Scope,
    expires: Millis,
}

pub(super) struct Refresh {
    pub(super) client: String,
    pub(super) person: PersonIx,
    pub(super) scope: Scope,
    pub(super) scope_text: String,
}

pub enum AccessCheck {
    Valid { person: PersonIx, scope: Scope },
    Expired,
    Unknown,
}

/// Registered clients and every live code and token.
pub struct OAuthState {
    pub(super) clients: BTreeMap<String, Client>,
    pub(super) codes: HashMap<String, Grant>,
    access: HashMap<String, Access>,
    pub(super) refresh: HashMap<String, Refresh>,
    serial: u64,
}

impl OAuthState {
    /// Only the demo client.
    pub fn seeded() -> OAuthState {
        let mut state = OAuthState {
            clients: BTreeMap::new(),
            codes: HashMap::new(),
            access: HashMap::new(),
            refresh: HashMap::new(),
            serial: 0,
        };
        state.clients.insert(
            DEMO_CLIENT_ID.to_owned(),
            client(DEMO_CLIENT_ID, DEMO_REDIRECT_URI),
        );
        state
    }

    /// Registers (or re-registers) a client; without an id one is made up.
    pub fn register(&mut self, client_id: Option<&str>, redirect_uri: &str) -> Client {
        let id = match client_id {
            Some(id) => id.to_owned(),
            None => format!("sim-client-{}", self.clients.len() + 1),
        };
        let registered = client(&id, redirect_uri);
        self.clients.insert(id, registered.clone());
        registered
    }

    pub fn clients(&self) -> Vec<Client> {
        self.clients.values().cloned().collect()
    }

    pub fn check_access(&self, token: &str, now: Millis) -> AccessCheck {
        match self.access.get(token) {
            Some(access) if access.expires > now => AccessCheck::Valid {
                person: access.person,
                scope: access.scope,
            },
            Some(_) => AccessCheck::Expired,
            None => AccessCheck::Unknown,
        }
    }

    /// Lets every current access token expire now; how many there were.
    pub fn expire_all(&mut self, now: Millis) -> usize {
        let mut count = 0;
        for access in self.access.values_mut().filter(|a| a.expires > now) {
            access.expires = now;
            count += 1;
        }
        count
    }

    /// A fresh unguessable token.
    pub(super) fn mint(&mut self, prefix: &str) -> String {
        self.serial += 1;
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let digest = Sha256::digest(format!("{prefix}:{}:{nanos}:{:p}", self.serial, self));
        format!("{prefix}{}", URL_SAFE_NO_PAD.encode(digest))
    }

    pub(super) fn issue_tokens(
        &mut self,
        client: &str,
        person: PersonIx,
        scope: Scope,
        scope_text: &str,
        now: Millis,
    ) -> serde_json::Value {
        let access = self.mint("sim-oat-");
        let refresh = self.mint("sim-ort-");
        self.access.insert(
            access.clone(),
            Access {
                person,
                scope,
                expires: now + ACCESS_TOKEN_SECONDS * 1000,
            },
        );
        self.refresh.insert(
            refresh.clone(),
            Refresh {
                client: client.to_owned(),
                person,
                scope,
                scope_text: scope_text.to_owned(),
            },
        );
        json!({
            "access_token": access,
            "token_type": "bearer",
            "expires_in": ACCESS_TOKEN_SECONDS,
            "refresh_token": refresh,
            "scope": scope_text,
        })
    }
}

/// A client with its secret derived from its id, so it is the same in
/// every run (it opens nothing but a simulator on 127.0.0.1).
fn client(id: &str, redirect_uri: &str) -> Client {
    let digest = Sha256::digest(format!("kakehashi-sim-jira-dc-oauth-client:{id}"));
    let secret: String = digest.iter().take(20).map(|b| format!("{b:02x}")).collect();
    Client {
        id: id.to_owned(),
        secret,
        redirect_uri: redirect_uri.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_client_is_the_same_in_every_run() {
        let a = OAuthState::seeded().clients();
        let b = OAuthState::seeded().clients();
        assert_eq!(a[0].id, DEMO_CLIENT_ID);
        assert_eq!(a[0].secret, b[0].secret);
        assert_eq!(a[0].redirect_uri, DEMO_REDIRECT_URI);
    }

    #[test]
    fn minted_tokens_differ() {
        let mut state = OAuthState::seeded();
        assert_ne!(state.mint("x"), state.mint("x"));
    }

    #[test]
    fn expiring_makes_tokens_unusable() {
        let mut state = OAuthState::seeded();
        let body = state.issue_tokens(DEMO_CLIENT_ID, 0, Scope::Write, "READ WRITE", 1_000);
        let token = body["access_token"].as_str().unwrap().to_owned();
        assert!(matches!(
            state.check_access(&token, 2_000),
            AccessCheck::Valid {
                scope: Scope::Write,
                ..
            }
        ));
        assert_eq!(state.expire_all(2_000), 1);
        assert!(matches!(
            state.check_access(&token, 2_000),
            AccessCheck::Expired
        ));
        assert!(matches!(
            state.check_access("nope", 2_000),
            AccessCheck::Unknown
        ));
    }
}
