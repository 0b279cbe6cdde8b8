//! OAuth 2.0 sign-in for Jira Data Center incoming application links and
//! for Asana (DESIGN §3–§4, issue 5): the admin enters the client ID (and
//! secret where there is one), the system browser opens on the provider's
//! authorization page, and a loopback listener on 127.0.0.1 at a fixed port
//! receives the code. PKCE S256 and `state` are checked; the tokens go to
//! the keychain; access tokens renew themselves (rotating refresh tokens
//! included) through `kakehashi_http::oauth`; "Sign out" revokes where the
//! provider can.
//!
//! Where things are:
//! - `provider.rs` authorization page and token side per server;
//! - `pkce.rs` the PKCE pair and the `state` (from the `oauth2` crate);
//! - `loopback.rs` the redirect listener; `page.rs` the page the browser
//!   shows at the end (embedded, translated);
//! - `flow.rs` [`sign_in`]; `keychain_store.rs` the tokens in the
//!   keychain; `access.rs` [`authenticator_for`] a stored credential;
//!   `revoke.rs` [`sign_out`].

mod access;
mod flow;
mod keychain_store;
mod loopback;
mod page;
mod pkce;
mod provider;
mod revoke;

pub use access::{authenticator_for, oauth_client_for};
pub use flow::{sign_in, OAuthApp, SignInOptions, DEFAULT_SIGN_IN_TIMEOUT};
pub use keychain_store::{KeychainTokenStore, StoredGrant};
pub use loopback::{redirect_url, DEFAULT_REDIRECT_PORT};
pub use page::Language;
pub use provider::Provider;
pub use revoke::{revoke, sign_out, Revocation, SignOut};

pub use kakehashi_http::oauth::TokenSet;
