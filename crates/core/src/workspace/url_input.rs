//! What a person pastes as a server address → the base URL Kakehashi
//! stores. People copy whatever is in the browser's address bar: an issue
//! (`…/browse/WEB-12`), a board, the TimeTracker NX screen they were on
//! (`…/TimeTrackerNX/#/timesheet`), an Asana task, a REST call from the
//! admin's notes — often with a trailing space, a line break from a mail, a
//! non-breaking space from a chat, or full-width characters from a Japanese
//! input method. All of that is forgiven here, once, so the wizards, the CLI
//! and stored servers agree on one base URL; what cannot be forgiven is a
//! `Validation` error on the field `url` that says what to enter instead,
//! before any request is made.

use url::Url;

use super::ServerKind;
use crate::{AppError, AppResult};

/// The base URL of the server `raw` points into: `scheme://host[:port]`
/// plus the context path the product lives under (Jira Data Center's
/// `/jira`, the TimeTracker NX site), lowercase scheme and host, the host in
/// ASCII (punycode), no user info, query, fragment or trailing slash.
///
/// `kind` says which product's in-app paths to cut; `None` cuts those of
/// every product (the wizard before the product is known).
pub fn normalise(raw: &str, kind: Option<ServerKind>) -> AppResult<String> {
    let cleaned = clean(raw, kind)?;
    if cleaned.is_empty() {
        return Err(invalid(kind, "Enter the server's address."));
    }
    let with_scheme = with_scheme(&cleaned, kind)?;
    let url = Url::parse(&with_scheme)
        .map_err(|_| invalid(kind, &format!("{} is not a web address.", shown(&cleaned))))?;
    if !url.username().is_empty() || url.password().is_some() {
        // Said without repeating the input: it may hold a password.
        return Err(AppError::validation(
            "url",
            "Leave the user name and password out of the address: they belong in the credential, which keeps them in the keychain. Enter only the address, e.g. https://jira.example.com.",
        ));
    }
    let Some(host) = url.host_str().filter(|host| !host.is_empty()) else {
        return Err(invalid(
            kind,
            &format!("{} names no server.", shown(&cleaned)),
        ));
    };
    // The URL standard lets `jira..example.com` through; no name server
    // will, so it is a typo worth saying now (a single trailing dot is the
    // legitimate fully qualified form).
    if let Some(url::Host::Domain(domain)) = url.host() {
        let labels = domain.strip_suffix('.').unwrap_or(domain);
        if labels.split('.').any(str::is_empty) {
            return Err(invalid(
                kind,
                &format!("“{host}” is not a server name: check the dots."),
            ));
        }
    }
    // `ascii_serialization` is scheme://host[:port] with the host in
    // punycode and a default port left out; it cannot be opaque for
    // http(s), which `with_scheme` guarantees.
    let origin = url.origin().ascii_serialization();
    if is_asana_app(host) || (kind == Some(ServerKind::JiraCloud)) || is_atlassian_site(host) {
        // Asana and Jira Cloud never live under a path: whatever follows
        // the host is a screen of the app.
        return Ok(origin);
    }
    let segments: Vec<&str> = url
        .path_segments()
        .map(|segments| segments.filter(|s| !s.is_empty()).collect())
        .unwrap_or_default();
    let kept = context_path(&segments, kind);
    Ok(if kept.is_empty() {
        origin
    } else {
        format!("{origin}/{}", kept.join("/"))
    })
}

/// The address without what comes along when one is copied: the invisible
/// format characters (zero-width spaces and joiners, the byte-order mark,
/// soft hyphens) anywhere, and whitespace at either end, where a URL wraps
/// (a line break from a mail), and next to its punctuation
/// (`https:// jira.example.com /browse`). Full-width ASCII from a Japanese
/// input method (`ｈｔｔｐｓ：／／`) becomes ASCII. A space between two
/// words (`jira example.com`, a sentence) is refused rather than closed up:
/// the result would be a different, made-up host.
fn clean(raw: &str, kind: Option<ServerKind>) -> AppResult<String> {
    let chars: Vec<char> = raw
        .chars()
        .filter(|c| !is_invisible(*c))
        .map(|c| match c {
            // U+FF01..=U+FF5E are U+0021..=U+007E shifted by 0xFEE0.
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect();
    let mut cleaned = String::with_capacity(raw.len());
    let mut index = 0;
    while index < chars.len() {
        if !chars[index].is_whitespace() {
            cleaned.push(chars[index]);
            index += 1;
            continue;
        }
        let start = index;
        while index < chars.len() && chars[index].is_whitespace() {
            index += 1;
        }
        let run = &chars[start..index];
        let before = start.checked_sub(1).map(|i| chars[i]);
        let after = chars.get(index).copied();
        let at_an_end = before.is_none() || after.is_none();
        let wrapped = run.iter().any(|c| matches!(c, '\n' | '\r'));
        let by_punctuation = [before, after]
            .into_iter()
            .flatten()
            .any(|c| matches!(c, '/' | ':' | '.' | '?' | '#' | '&' | '='));
        if !(at_an_end || wrapped || by_punctuation) {
            let shown_raw: String = chars.iter().collect();
            return Err(invalid(
                kind,
                &format!(
                    "{} has a space in it; an address has none.",
                    shown(shown_raw.trim())
                ),
            ));
        }
    }
    Ok(cleaned)
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
    )
}

/// `raw` with an http(s) scheme: `https://` when none was typed (every
/// vendor's cloud and most company servers use it; a plain-http server must
/// be entered with `http://`). Any other scheme is refused.
fn with_scheme(cleaned: &str, kind: Option<ServerKind>) -> AppResult<String> {
    let lower = cleaned.to_ascii_lowercase();
    if lower.starts_with("http:") || lower.starts_with("https:") {
        return Ok(cleaned.to_owned());
    }
    if let Some((scheme, _)) = lower.split_once("://") {
        return Err(invalid(
            kind,
            &format!("Kakehashi talks to servers over http:// or https://, not {scheme}://."),
        ));
    }
    // `//host` (scheme-relative, as some pages show links).
    let rest = cleaned.trim_start_matches('/');
    Ok(format!("https://{rest}"))
}

/// The leading path segments that belong to the server (its context path),
/// up to the first one where a screen or API of the product starts.
fn context_path<'a>(segments: &[&'a str], kind: Option<ServerKind>) -> Vec<&'a str> {
    let jira = matches!(
        kind,
        None | Some(ServerKind::JiraCloud) | Some(ServerKind::JiraDataCenter)
    );
    let ttnx = matches!(kind, None | Some(ServerKind::TimeTrackerNx));
    let asana = matches!(kind, None | Some(ServerKind::Asana));
    for (index, segment) in segments.iter().enumerate() {
        let next = segments.get(index + 1).copied();
        if (jira && starts_jira_screen(segment, next))
            || (ttnx && segment.eq_ignore_ascii_case("api"))
            || (asana && index == 0 && is_asana_screen(segment))
        {
            return segments[..index].to_vec();
        }
        // Everything after the TimeTracker NX site is its app or its API.
        if ttnx && segment.eq_ignore_ascii_case("TimeTrackerNX") {
            return segments[..=index].to_vec();
        }
    }
    segments.to_vec()
}

/// Where Jira's screens and APIs start. `/jira` alone is kept: it is the
/// usual Data Center context path; only Cloud's `/jira/software/…`-style
/// app paths (and those of Service Management and Work Management) start
/// with it.
fn starts_jira_screen(segment: &str, next: Option<&str>) -> bool {
    const SCREENS: [&str; 7] = [
        "browse",
        "projects",
        "secure",
        "issues",
        "rest",
        "plugins",
        "login.jsp",
    ];
    const CLOUD_APPS: [&str; 3] = ["software", "servicedesk", "core"];
    let lower = segment.to_ascii_lowercase();
    SCREENS.contains(&lower.as_str())
        || lower.starts_with("dashboard")
        || (lower == "jira"
            && next.is_some_and(|next| CLOUD_APPS.contains(&next.to_ascii_lowercase().as_str())))
}

/// Asana's web app: `/0/<project>/<task>` (classic) and `/1/<workspace>/…`
/// (current); its API `/api/1.0` is caught as `api` by the TT NX rule only
/// when TT NX is possible, so it is listed here too.
fn is_asana_screen(segment: &str) -> bool {
    matches!(segment, "0" | "1" | "api" | "-")
}

fn is_asana_app(host: &str) -> bool {
    host == "app.asana.com"
}

/// `*.atlassian.net` is always Jira Cloud (or another Atlassian cloud app),
/// which has no context path.
fn is_atlassian_site(host: &str) -> bool {
    host.ends_with(".atlassian.net")
}

/// The input as shown back in a message, quoted: shortened, since people
/// paste long URLs (and now and then a whole paragraph), and not at all when
/// it has an `@`, which may follow a password (`user:secret@host`).
fn shown(cleaned: &str) -> String {
    const MAX: usize = 80;
    if cleaned.contains('@') {
        return "The address".to_owned();
    }
    if cleaned.chars().count() <= MAX {
        format!("“{cleaned}”")
    } else {
        let cut: String = cleaned.chars().take(MAX).collect();
        format!("“{cut}…”")
    }
}

/// A `url` validation error: what is wrong, then what to enter for `kind`.
fn invalid(kind: Option<ServerKind>, problem: &str) -> AppError {
    let example = match kind {
        Some(ServerKind::JiraCloud) => "your Jira Cloud site, e.g. https://your-company.atlassian.net",
        Some(ServerKind::JiraDataCenter) => "the address you open Jira with in the browser, e.g. https://jira.example.com or https://server.example.com/jira",
        Some(ServerKind::TimeTrackerNx) => "the TimeTracker NX site, e.g. https://server.example.com/TimeTrackerNX",
        Some(ServerKind::Asana) => "https://app.asana.com",
        None => "the address you open the server with in the browser, e.g. https://jira.example.com, https://your-company.atlassian.net, https://server.example.com/TimeTrackerNX or https://app.asana.com",
    };
    AppError::validation("url", format!("{problem} Enter {example}."))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(raw: &str, kind: Option<ServerKind>) -> String {
        normalise(raw, kind).unwrap_or_else(|e| panic!("{raw:?}: {e}"))
    }

    #[track_caller]
    fn refused(raw: &str, kind: Option<ServerKind>) -> String {
        match normalise(raw, kind) {
            Err(AppError::Validation { field, message }) => {
                assert_eq!(field, "url");
                assert!(message.contains("Enter"), "says what to enter: {message}");
                message
            }
            other => panic!("{raw:?} should be refused, got {other:?}"),
        }
    }

    #[test]
    fn pasted_jira_pages_become_the_site() {
        let cases = [
            (
                "https://jira.example.com/browse/WEB-12",
                "https://jira.example.com",
            ),
            (
                "https://jira.example.com/jira/browse/WEB-12?focusedCommentId=3#c3",
                "https://jira.example.com/jira",
            ),
            (
                "https://jira.example.com/jira/secure/RapidBoard.jspa?rapidView=4",
                "https://jira.example.com/jira",
            ),
            (
                "https://jira.example.com/jira/projects/WEB/issues/WEB-1",
                "https://jira.example.com/jira",
            ),
            (
                "https://jira.example.com/issues/?jql=project%3DWEB",
                "https://jira.example.com",
            ),
            (
                "https://jira.example.com/rest/api/2/serverInfo",
                "https://jira.example.com",
            ),
            (
                "https://jira.example.com/plugins/servlet/desk",
                "https://jira.example.com",
            ),
            (
                "https://jira.example.com/jira/login.jsp?os_destination=%2F",
                "https://jira.example.com/jira",
            ),
            (
                "https://jira.example.com/jira/Dashboard.jspa",
                "https://jira.example.com/jira",
            ),
            (
                "https://jira.example.com/jira/jira/software/projects/WEB/boards/1",
                "https://jira.example.com/jira",
            ),
            (
                "https://jira.example.com/jira/servicedesk/projects/SD",
                "https://jira.example.com",
            ),
            (
                "https://jira.example.com/jira/core/projects/OPS/board",
                "https://jira.example.com",
            ),
            (
                "https://jira.example.com/jira/",
                "https://jira.example.com/jira",
            ),
        ];
        for (raw, base) in cases {
            assert_eq!(ok(raw, None), base, "{raw}");
            assert_eq!(ok(raw, Some(ServerKind::JiraDataCenter)), base, "{raw}");
        }
    }

    #[test]
    fn jira_cloud_and_asana_keep_no_path() {
        assert_eq!(
            ok("example.atlassian.net/jira/your-work", None),
            "https://example.atlassian.net"
        );
        assert_eq!(
            ok(
                "https://jira.example.com/anything/else",
                Some(ServerKind::JiraCloud)
            ),
            "https://jira.example.com"
        );
        assert_eq!(
            ok(
                "https://app.asana.com/0/1208000000000020/1208000000000101/f",
                None
            ),
            "https://app.asana.com"
        );
        assert_eq!(
            ok("app.asana.com/1/12/project/34/list", None),
            "https://app.asana.com"
        );
        // A self-hosted Asana stand-in (the simulator) under a plain origin.
        assert_eq!(
            ok(
                "http://127.0.0.1:4004/api/1.0/users/me",
                Some(ServerKind::Asana)
            ),
            "http://127.0.0.1:4004"
        );
    }

    #[test]
    fn timetracker_screens_and_api_calls_become_the_site() {
        for kind in [None, Some(ServerKind::TimeTrackerNx)] {
            for raw in [
                "https://tt.example.com/TimeTrackerNX/#/timesheet/2026-11-20",
                "https://tt.example.com/TimeTrackerNX/api/system/users/me",
                "https://tt.example.com/TimeTrackerNX/Home/Index",
                "tt.example.com/TimeTrackerNX/",
            ] {
                assert_eq!(
                    ok(raw, kind),
                    "https://tt.example.com/TimeTrackerNX",
                    "{raw}"
                );
            }
            // A renamed site is kept up to its API.
            assert_eq!(
                ok("http://tt.example.com:8080/TTNX/api/project/projects", kind),
                "http://tt.example.com:8080/TTNX"
            );
        }
    }

    #[test]
    fn a_known_kind_cuts_only_its_own_paths() {
        // `api` is a TT NX marker, not a Jira one: a DC context path named so stays.
        assert_eq!(
            ok(
                "https://x.example.com/api/browse/A-1",
                Some(ServerKind::JiraDataCenter)
            ),
            "https://x.example.com/api"
        );
        assert_eq!(
            ok(
                "https://x.example.com/browse/TimeTrackerNX/api",
                Some(ServerKind::TimeTrackerNx)
            ),
            "https://x.example.com/browse/TimeTrackerNX"
        );
    }

    #[test]
    fn what_comes_along_with_a_paste_is_dropped() {
        let base = "https://jira.example.com";
        for raw in [
            "  https://jira.example.com/  ",
            "\u{00A0}https://jira.example.com\u{200B}",
            "https://jira.exam\nple.com",
            "https://jira.example.com\r\n    /browse/WEB-1",
            "https:// jira.example.com /",
            "jira\u{00A0}.example.com",
            "ｊｉｒａ．ｅｘａｍｐｌｅ．ｃｏｍ\u{3000}",
            "\u{FEFF}https://jira.example.com/\t",
            "ｈｔｔｐｓ：／／ｊｉｒａ．ｅｘａｍｐｌｅ．ｃｏｍ／",
            "HTTPS://JIRA.Example.COM//",
            "jira.example.com",
            "//jira.example.com",
            "https://jira.example.com:443/",
            "https://jira.example.com/?x=1#top",
        ] {
            assert_eq!(ok(raw, None), base, "{raw:?}");
        }
        assert_eq!(
            ok("http://jira.example.com:80", None),
            "http://jira.example.com"
        );
        assert_eq!(
            ok("http://10.0.0.5:8080/jira/", None),
            "http://10.0.0.5:8080/jira"
        );
        assert_eq!(
            ok("https://[::1]:8443/jira", None),
            "https://[::1]:8443/jira"
        );
    }

    #[test]
    fn international_hosts_become_punycode() {
        assert_eq!(
            ok("https://ジラ.例え.jp/browse/A-1", None),
            "https://xn--yck4e.xn--r8jz45g.jp"
        );
    }

    #[test]
    fn unusable_input_says_what_to_enter() {
        refused("", None);
        refused(" \u{200B} ", Some(ServerKind::Asana));
        let message = refused("ftp://files.example.com", None);
        assert!(message.contains("ftp://"), "{message}");
        refused("https://", None);
        let message = refused("https://jira example.com", None);
        assert!(message.contains("space"), "{message}");
        refused("not a url", None);
        refused("https://exa\u{3000}mple.com", None);
        refused(
            "https://jira..example.com",
            Some(ServerKind::JiraDataCenter),
        );
        let message = refused("file:///C:/servers.txt", None);
        assert!(message.contains("file://"), "{message}");
    }

    #[test]
    fn credentials_in_the_address_are_refused_without_repeating_them() {
        for raw in [
            "https://admin:hunter2@jira.example.com",
            "admin:hunter2@jira.example.com/browse/A-1",
            "https://admin@jira.example.com",
        ] {
            let message = refused(raw, None);
            assert!(!message.contains("hunter2"), "{message}");
            assert!(message.contains("credential"), "{message}");
        }
    }

    #[test]
    fn input_that_may_hold_a_password_is_never_repeated() {
        for raw in [
            "https://admin:hunter 2@jira.example.com",
            "admin:hunter2@:99999",
        ] {
            let message = refused(raw, None);
            assert!(!message.contains("hunter"), "{message}");
        }
    }

    #[test]
    fn long_input_is_shortened_in_the_message() {
        let raw = format!("https://{}.example.com:99999", "a".repeat(500));
        let message = refused(&raw, None);
        assert!(message.contains("aaaa…"), "{message}");
        assert!(message.len() < 500, "{message}");
    }
}
