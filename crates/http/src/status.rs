//! Turning an HTTP status outside 2xx into the taxonomy, quoting the server's
//! own words where the vendor's decoder finds them.

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

use crate::decoder::ErrorDecoder;
use crate::error::{ErrorKind, HttpError};
use crate::excerpt::{excerpt, scrub};
use crate::retry::retry_after;

/// The server's own words are cut to this many characters.
const SAID_CHARS: usize = 300;

/// `what` is `METHOD url`; `secrets` are the request's own, which the
/// server's words and the quoted body are scrubbed of.
pub(crate) fn status_error(
    what: &str,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    secrets: &[&str],
    decoder: &dyn ErrorDecoder,
) -> HttpError {
    let quoted = excerpt(body, secrets);
    let said = decoder.message(status, body).map(|m| {
        scrub(&m, secrets)
            .chars()
            .take(SAID_CHARS)
            .collect::<String>()
    });
    let server_says = said
        .as_deref()
        .map(|m| format!(" The server says: “{m}”."))
        .unwrap_or_default();
    let code = status.as_u16();
    if status.is_redirection() {
        return crate::redirect::not_followed(what, code, headers);
    }
    let (kind, message) = match status {
        _ if matches!(code, 401 | 403) && decoder.is_captcha(status, headers) => (
            ErrorKind::Captcha,
            format!("{what}: the server requires a CAPTCHA after too many failed logins, so it refuses every login of this account. Sign in once in a web browser and solve the CAPTCHA (or ask a Jira administrator to reset the failed login count), then try again."),
        ),
        StatusCode::UNAUTHORIZED => (
            ErrorKind::Unauthorized,
            format!("{what}: the server did not accept the credential (401).{server_says} Check the login and the secret, whether the token expired, and whether it is the kind of credential this server expects."),
        ),
        StatusCode::FORBIDDEN => {
            let permission = decoder.missing_permission(said.as_deref(), body);
            let needs = permission
                .as_deref()
                .map(|p| format!(" The missing permission is {p}."))
                .unwrap_or_default();
            (
                ErrorKind::Forbidden { permission },
                format!("{what}: the account is signed in but not allowed to do this (403).{server_says}{needs} Ask an administrator to grant the permission to the technical user."),
            )
        }
        // Only a proxy sends 407 (to a plain http:// request; over https
        // the refused CONNECT is reported by the transport).
        StatusCode::PROXY_AUTHENTICATION_REQUIRED => (
            ErrorKind::Proxy,
            format!("{what}: the proxy asks for a user name and password (407). Kakehashi keeps no password in a proxy address: use the system's proxy settings, or a proxy that recognises this computer without a password."),
        ),
        StatusCode::NOT_FOUND | StatusCode::GONE => (
            ErrorKind::NotFound,
            format!("{what}: not found ({code}).{server_says} It may have been deleted or moved, or the account cannot see it; check the address and the item."),
        ),
        StatusCode::CONFLICT | StatusCode::PRECONDITION_FAILED => (
            ErrorKind::Conflict,
            format!("{what}: the server reports a conflict ({code}).{server_says} Someone else changed it meanwhile; read it again and retry."),
        ),
        StatusCode::TOO_MANY_REQUESTS => rate_limited(what, headers, &server_says),
        StatusCode::SERVICE_UNAVAILABLE if retry_after(headers).is_some() => {
            rate_limited(what, headers, &server_says)
        }
        _ if status.is_server_error() => (
            ErrorKind::Server,
            format!("{what}: the server failed ({code}).{server_says} This is on the server's side; Kakehashi tries again later. It began: {quoted}"),
        ),
        _ => (
            ErrorKind::Rejected,
            format!("{what}: the server refused the request ({code}).{server_says} Correct what it names and try again; if nothing is named, the server may not support this request. Its answer began: {quoted}"),
        ),
    };
    HttpError::new(kind, message).with_status(code)
}

/// The server paused every request for longer than one call waits.
pub(crate) fn paused_error(what: &str, left: std::time::Duration) -> HttpError {
    HttpError::new(
        ErrorKind::RateLimited {
            retry_after: Some(left),
        },
        format!("{what}: not sent, because the server asked to pause every request for {} more seconds. Kakehashi continues after that; if this keeps happening, sync less often.", left.as_secs().max(1)),
    )
}

fn rate_limited(what: &str, headers: &HeaderMap, server_says: &str) -> (ErrorKind, String) {
    let retry_after = retry_after(headers);
    let when = retry_after
        .map(|d| format!(" It asked to wait {} seconds.", d.as_secs().max(1)))
        .unwrap_or_default();
    (
        ErrorKind::RateLimited { retry_after },
        format!("{what}: the server asks to slow down.{server_says}{when} Kakehashi waits and continues; if this keeps happening, sync less often."),
    )
}
