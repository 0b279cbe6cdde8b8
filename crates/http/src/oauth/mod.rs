//! OAuth 2.0 on the shared transport, for every provider (Jira Data Center
//! incoming application links, Asana): the tokens of a grant
//! ([`TokenSet`]), where they are kept ([`TokenStore`]), the registered
//! client ([`OAuthClient`]), the token side of the provider
//! ([`TokenEndpoint`]: code exchange, refresh, revocation) and the
//! [`OAuthRefresher`] that signs requests and renews the access token.
//!
//! The browser part of a sign-in (authorization URL, PKCE, the loopback
//! redirect) is the core's; it hands the code to
//! [`TokenEndpoint::exchange_code`].
//!
//! Files: `tokens.rs`, `store.rs`, `client.rs` (also [`OAuthCredential`],
//! what the vendor clients take), `endpoint.rs`, `answer.rs` (reading
//! token answers and OAuth errors), `refresher.rs`.

mod answer;
mod client;
mod endpoint;
mod refresher;
mod store;
mod tokens;

pub use client::{OAuthClient, OAuthCredential};
pub use endpoint::TokenEndpoint;
pub use refresher::OAuthRefresher;
pub use store::{MemoryTokenStore, TokenStore};
pub use tokens::TokenSet;
