//! The two random values of one sign-in, both from the `oauth2` crate
//! (DESIGN §3): the PKCE S256 pair (RFC 7636), which binds the code to this
//! app, and the `state` (RFC 6749 §10.12), which binds the redirect to this
//! sign-in. Neither is ever logged; `Debug` hides them.

use kakehashi_secrets::Sensitive;
use oauth2::{CsrfToken, PkceCodeChallenge};

/// The verifier stays here; the challenge goes into the authorization URL.
pub(crate) struct Pkce {
    /// `BASE64URL(SHA256(verifier))`, unpadded.
    pub challenge: String,
    /// 32 random bytes, base64url: 43 characters, within RFC 7636's 43–128.
    pub verifier: Sensitive<String>,
}

impl Pkce {
    pub const METHOD: &'static str = "S256";

    pub fn new() -> Pkce {
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        debug_assert_eq!(challenge.method().as_str(), Self::METHOD);
        Pkce {
            challenge: challenge.as_str().to_owned(),
            verifier: Sensitive::new(verifier.secret().clone()),
        }
    }
}

/// The `state` of one sign-in: 16 random bytes, base64url.
pub(crate) struct State(Sensitive<String>);

impl State {
    pub fn new() -> State {
        State(Sensitive::new(CsrfToken::new_random().secret().clone()))
    }

    pub fn as_str(&self) -> &str {
        self.0.expose()
    }

    /// Whether `candidate` is this state. Compared in time independent of
    /// where the first difference is, so a local page probing the listener
    /// learns nothing from timing.
    pub fn matches(&self, candidate: &str) -> bool {
        let expected = self.0.expose().as_bytes();
        let candidate = candidate.as_bytes();
        expected.len() == candidate.len()
            && expected
                .iter()
                .zip(candidate)
                .fold(0u8, |diff, (a, b)| diff | (a ^ b))
                == 0
    }
}

#[cfg(test)]
mod tests {
    use base64::Engine as _;
    use sha2::Digest as _;

    use super::*;

    #[test]
    fn the_challenge_is_the_s256_of_the_verifier() {
        let pkce = Pkce::new();
        let verifier = pkce.verifier.expose();
        assert!((43..=128).contains(&verifier.len()), "{}", verifier.len());
        assert!(verifier
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b)));
        let expected = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(sha2::Sha256::digest(verifier.as_bytes()));
        assert_eq!(pkce.challenge, expected);
        assert_ne!(Pkce::new().verifier, pkce.verifier, "random every time");
    }

    #[test]
    fn a_state_matches_only_itself() {
        let state = State::new();
        assert!(state.matches(state.as_str()));
        assert!(!state.matches(""));
        assert!(!state.matches(State::new().as_str()));
        let mut tampered = state.as_str().to_owned();
        tampered.push('x');
        assert!(!state.matches(&tampered));
        assert!(state.as_str().len() >= 22, "16 random bytes");
    }
}
