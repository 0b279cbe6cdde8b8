//! Building URLs with query strings (next-page links, OAuth redirects).

/// Percent-encodes everything but RFC 3986 unreserved characters.
pub(crate) fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// `base` with `pairs` appended to its query (it may already have one).
pub(crate) fn with_query(base: &str, pairs: &[(&str, &str)]) -> String {
    let mut url = base.to_owned();
    let mut separator = if base.contains('?') { '&' } else { '?' };
    for (key, value) in pairs {
        url.push(separator);
        url.push_str(&encode(key));
        url.push('=');
        url.push_str(&encode(value));
        separator = '&';
    }
    url
}

/// Escapes text for HTML element content and attribute values.
pub(crate) fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_encoded_and_appended() {
        assert_eq!(
            with_query("http://h/cb", &[("code", "a b"), ("state", "x&y=z")]),
            "http://h/cb?code=a%20b&state=x%26y%3Dz"
        );
        assert_eq!(
            with_query("http://h/cb?k=1", &[("code", "é")]),
            "http://h/cb?k=1&code=%C3%A9"
        );
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            html_escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
