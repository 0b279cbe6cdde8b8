//! The tokens of one OAuth 2.0 grant, as every provider hands them out.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use kakehashi_secrets::Sensitive;

/// An access token, the refresh token that renews it (if the provider gave
/// one), when the access token dies, and the scope granted. `Debug` shows
/// neither token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenSet {
    pub access_token: Sensitive<String>,
    /// Absent when the provider hands out none: the grant then ends with
    /// the access token and the user signs in again.
    pub refresh_token: Option<Sensitive<String>>,
    /// When the access token stops working, if the provider said
    /// (`expires_in`).
    pub expires_at: Option<SystemTime>,
    /// The scope granted (`scope` of the answer), space-separated.
    pub scope: Option<String>,
}

impl TokenSet {
    /// Whether the access token dies within `margin` of `now`. A token
    /// without a known expiry is used until the server refuses it.
    pub fn expires_within(&self, margin: Duration, now: SystemTime) -> bool {
        self.expires_at
            .is_some_and(|at| now.checked_add(margin).is_none_or(|soon| soon >= at))
    }

    /// The expiry as Unix seconds, the form the keychain entry keeps.
    pub fn expires_at_unix(&self) -> Option<i64> {
        self.expires_at
            .map(|at| match at.duration_since(UNIX_EPOCH) {
                Ok(after) => i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
                Err(before) => -i64::try_from(before.duration().as_secs()).unwrap_or(i64::MAX),
            })
    }

    /// The expiry from Unix seconds (the keychain entry's form).
    pub fn expiry_from_unix(seconds: i64) -> SystemTime {
        let magnitude = Duration::from_secs(seconds.unsigned_abs());
        if seconds >= 0 {
            UNIX_EPOCH + magnitude
        } else {
            UNIX_EPOCH - magnitude
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(expires_at: Option<SystemTime>) -> TokenSet {
        TokenSet {
            access_token: Sensitive::new("access-secret-1".into()),
            refresh_token: Some(Sensitive::new("refresh-secret-2".into())),
            expires_at,
            scope: Some("WRITE".into()),
        }
    }

    #[test]
    fn expiry_is_judged_with_a_margin() {
        let now = SystemTime::now();
        let margin = Duration::from_secs(60);
        assert!(!tokens(None).expires_within(margin, now));
        assert!(tokens(Some(now + Duration::from_secs(30))).expires_within(margin, now));
        assert!(tokens(Some(now - Duration::from_secs(1))).expires_within(margin, now));
        assert!(!tokens(Some(now + Duration::from_secs(600))).expires_within(margin, now));
    }

    #[test]
    fn unix_seconds_round_trip() {
        for seconds in [0, 1_767_225_600, -5] {
            let at = TokenSet::expiry_from_unix(seconds);
            assert_eq!(tokens(Some(at)).expires_at_unix(), Some(seconds));
        }
        assert_eq!(tokens(None).expires_at_unix(), None);
    }

    #[test]
    fn debug_shows_no_token() {
        let shown = format!("{:?}", tokens(None));
        assert!(!shown.contains("secret"), "{shown}");
        assert!(shown.contains("WRITE"), "{shown}");
    }
}
