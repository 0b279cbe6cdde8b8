//! Scrubs anything that looks like a secret out of free text before it is
//! written to a log file, stderr or a diagnostics report. It errs on the side
//! of hiding: a redacted harmless string costs nothing, a logged token leaks.

use std::borrow::Cow;
use std::sync::OnceLock;

use regex::{Captures, Regex};

/// What a secret is replaced with.
pub const REDACTED: &str = "[REDACTED]";

struct Rule {
    pattern: Regex,
    /// Replacement; `$name` groups keep the non-secret context.
    replacement: &'static str,
}

fn rules() -> &'static [Rule] {
    static RULES: OnceLock<Vec<Rule>> = OnceLock::new();
    RULES.get_or_init(|| {
        let rule = |pattern: &str, replacement: &'static str| Rule {
            pattern: Regex::new(pattern).expect("redaction patterns are valid"),
            replacement,
        };
        vec![
            // Authorization: Basic dXNlcjpwYXNz / Bearer eyJ... / token abc
            rule(
                r#"(?i)(?P<k>\bauthorization"?\s*[:=]\s*"?(?:basic|bearer|token|digest)?\s*)[^\s",;]+"#,
                "${k}[REDACTED]",
            ),
            // A bearer token outside an Authorization header ("sent Bearer abc…").
            rule(r"(?P<k>\b[Bb]earer\s+)[A-Za-z0-9._~+/=-]{8,}", "${k}[REDACTED]"),
            // key=value / key: value / "key": "value" for secret-sounding keys,
            // including vendor headers such as X-TT-ApiKey.
            rule(
                r#"(?i)(?P<k>\b(?:x-tt-apikey|api[_-]?key|apikey|api[_-]?token|access[_-]?token|refresh[_-]?token|id[_-]?token|client[_-]?secret|private[_-]?key|passwd|password|passphrase|pwd|secret|token|session[_-]?id|cookie|code_verifier)"?\s*[:=]\s*"?)[^\s"&,;}]+"#,
                "${k}[REDACTED]",
            ),
            // Credentials in URLs: https://user:pass@host
            rule(
                r"(?P<k>\b[a-zA-Z][a-zA-Z0-9+.-]*://)[^/\s:@]+:[^/\s@]+@",
                "${k}[REDACTED]@",
            ),
            // JSON Web Tokens (OAuth access and ID tokens).
            rule(
                r"\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*",
                REDACTED,
            ),
            // Atlassian API tokens (ATATT…/ATCTT…) and Asana personal access tokens.
            rule(r"\bAT[A-Z]TT[A-Za-z0-9_=+/-]{16,}", REDACTED),
            rule(r"\b[0-9]/[0-9]{6,}(?:/[0-9]{6,})?:[0-9a-fA-F]{32}\b", REDACTED),
            // PEM private keys.
            rule(
                r"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----",
                REDACTED,
            ),
        ]
    })
}

/// Long opaque runs of letters and digits (API keys, PATs, session ids).
fn opaque_token() -> &'static Regex {
    static OPAQUE: OnceLock<Regex> = OnceLock::new();
    OPAQUE.get_or_init(|| Regex::new(r"[A-Za-z0-9_+=-]{32,}").expect("valid pattern"))
}

/// A run counts as a token only if it mixes letters and digits; this keeps
/// long words and identifiers like `kakehashi_desktop_lib_module_name` readable.
fn looks_opaque(candidate: &str) -> bool {
    let digits = candidate.chars().filter(char::is_ascii_digit).count();
    let letters = candidate.chars().filter(char::is_ascii_alphabetic).count();
    digits >= 4 && letters >= 4
}

/// Return `text` with secrets replaced by [`REDACTED`]; borrows when nothing matched.
pub fn redact(text: &str) -> Cow<'_, str> {
    let mut out: Cow<'_, str> = Cow::Borrowed(text);
    for rule in rules() {
        if rule.pattern.is_match(&out) {
            out = Cow::Owned(
                rule.pattern
                    .replace_all(&out, rule.replacement)
                    .into_owned(),
            );
        }
    }
    if opaque_token()
        .find_iter(&out)
        .any(|m| looks_opaque(m.as_str()))
    {
        out = Cow::Owned(
            opaque_token()
                .replace_all(&out, |caps: &Captures<'_>| {
                    let found = &caps[0];
                    if looks_opaque(found) {
                        REDACTED.to_string()
                    } else {
                        found.to_string()
                    }
                })
                .into_owned(),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_hidden(input: &str, secret: &str) {
        let out = redact(input);
        assert!(!out.contains(secret), "secret survived in {out:?}");
        assert!(out.contains(REDACTED), "no marker in {out:?}");
    }

    #[test]
    fn hides_authorization_headers() {
        assert_hidden("Authorization: Basic dXNlcjpzM2NyZXQ=", "dXNlcjpzM2NyZXQ=");
        assert_hidden("authorization=Bearer abc.def.ghi", "abc.def.ghi");
        assert_hidden(r#"{"Authorization":"Bearer tok123"}"#, "tok123");
        assert_hidden("retrying with Bearer abcDEF123.xyz", "abcDEF123.xyz");
    }

    #[test]
    fn hides_secret_sounding_keys() {
        assert_hidden("login failed password=hunter2 for admin", "hunter2");
        assert_hidden(r#"{"api_key": "k-12345"}"#, "k-12345");
        assert_hidden("X-TT-ApiKey: 0f3a9", "0f3a9");
        assert_hidden("refresh_token=rt_abc&grant_type=refresh_token", "rt_abc");
        assert_hidden("client_secret: s3cr3t", "s3cr3t");
        assert_hidden("?code_verifier=verif1er", "verif1er");
    }

    #[test]
    fn hides_credentials_in_urls() {
        let out = redact("GET https://admin:pa55@jira.example.com/rest/api/2/myself");
        assert!(!out.contains("pa55"), "{out}");
        assert!(out.contains("jira.example.com/rest/api/2/myself"), "{out}");
    }

    #[test]
    fn hides_vendor_token_formats() {
        assert_hidden(
            "token ATATT3xFfGF0T4JVjdR2_0sAmPlEtOkEn-Example=ABCD1234",
            "ATATT3xFfGF0T4JVjdR2",
        );
        assert_hidden(
            "pat 1/1204567890123:0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef",
        );
        assert_hidden(
            "bearer-ish eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig_nature",
            "eyJzdWIiOiIxMjM0In0",
        );
        assert_hidden(
            "opaque Zk4mQ9w2Lr7Tx1Bv8Np3Hs6Dc5Jy0Ua4 end",
            "Zk4mQ9w2Lr7Tx1Bv8Np3Hs6Dc5Jy0Ua4",
        );
        assert_hidden(
            "-----BEGIN PRIVATE KEY-----\nMIIEv\n-----END PRIVATE KEY-----",
            "MIIEv",
        );
    }

    #[test]
    fn keeps_ordinary_text_and_fingerprints_readable() {
        for text in [
            "synced 12 issues from PROJ-123 in 4.2 s",
            "data dir /home/user/.local/share/app.kakehashi.desktop",
            "certificate SHA-256 AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89",
            "module kakehashi_desktop_lib_module_name_is_long_enough",
            "the token registry has 3 entries",
        ] {
            assert_eq!(redact(text), text);
            assert!(matches!(redact(text), Cow::Borrowed(_)));
        }
    }
}
