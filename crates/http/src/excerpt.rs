//! Short, secret-free quotes of a server's answer for error messages.

/// At most this many characters of a body are quoted.
const EXCERPT_CHARS: usize = 160;

/// Keys whose values are never quoted, whatever the server echoes back.
const SECRET_KEYS: [&str; 8] = [
    "token",
    "access_token",
    "refresh_token",
    "password",
    "secret",
    "client_secret",
    "apikey",
    "api_key",
];

/// The first characters of `body`, one line, with the request's own secrets
/// and the values of secret-looking JSON keys replaced by `***`.
pub(crate) fn excerpt(body: &[u8], secrets: &[&str]) -> String {
    let scrubbed = scrub(&String::from_utf8_lossy(body), secrets);
    let one_line: String = scrubbed.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = one_line.chars().take(EXCERPT_CHARS).collect();
    if one_line.chars().count() > EXCERPT_CHARS {
        out.push('…');
    }
    if out.is_empty() {
        out.push_str("(empty)");
    }
    out
}

/// `text` with the request's own secrets and the values of secret-looking
/// JSON keys replaced by `***`. Used for anything a server wrote that ends
/// up in a message: it may echo what it was sent.
pub(crate) fn scrub(text: &str, secrets: &[&str]) -> String {
    let mut scrubbed = text.to_owned();
    for secret in secrets.iter().filter(|s| s.len() >= 4) {
        scrubbed = scrubbed.replace(secret, "***");
    }
    scrub_secret_keys(&scrubbed)
}

/// Replaces the string value after `"<secret key>":` with `"***"`.
fn scrub_secret_keys(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut search_from = 0;
    while let Some(key_end) = next_secret_key(&lower, search_from) {
        search_from = key_end;
        // After the key: optional spaces, a colon, optional spaces, a quote.
        let rest = &text[key_end..];
        let after_colon = rest.trim_start().strip_prefix(':').map(str::trim_start);
        let Some(value) = after_colon.and_then(|s| s.strip_prefix('"')) else {
            continue;
        };
        let value_start = text.len() - value.len();
        let value_end = value.find('"').map_or(text.len(), |i| value_start + i);
        out.push_str(&text[copied..value_start]);
        out.push_str("***");
        copied = value_end;
        search_from = value_end;
    }
    out.push_str(&text[copied..]);
    out
}

/// Where the next quoted, secret-naming key (case-insensitive) ends.
fn next_secret_key(lower: &str, from: usize) -> Option<usize> {
    SECRET_KEYS
        .iter()
        .filter_map(|key| {
            let quoted = format!("\"{key}\"");
            lower[from..]
                .find(&quoted)
                .map(|at| (from + at, from + at + quoted.len()))
        })
        .min()
        .map(|(_, end)| end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_request_secret_and_secret_keys_are_scrubbed() {
        let body = br#"{"error":"bad","echo":"Bearer abc123secret","refresh_token" : "r-77","Password":"x"}"#;
        let out = excerpt(body, &["abc123secret"]);
        assert!(!out.contains("abc123secret"), "{out}");
        assert!(!out.contains("r-77"), "{out}");
        assert!(out.contains(r#""Password":"***""#), "{out}");
        assert!(out.contains(r#""error":"bad""#), "{out}");
    }

    #[test]
    fn long_bodies_are_cut_and_kept_on_one_line() {
        let body = format!("<html>\n<body>{}</body></html>", "x".repeat(500));
        let out = excerpt(body.as_bytes(), &[]);
        assert!(out.chars().count() <= EXCERPT_CHARS + 1);
        assert!(out.ends_with('…'));
        assert!(!out.contains('\n'));
        assert_eq!(excerpt(b"", &[]), "(empty)");
    }
}
