//! The loopback listener that receives the browser's redirect (RFC 8252
//! §7.3): `http://127.0.0.1:PORT/callback` on a fixed port the admin
//! chooses, because Jira Data Center wants the redirect URL registered
//! exactly.
//!
//! Only `GET /callback` counts; anything else gets a 404 and the wait goes
//! on. A callback whose `state` is not this sign-in's is answered with the
//! "does not belong to this sign-in" page and ignored: the wait goes on for
//! the right one (until the timeout), because such a request comes from an
//! old tab or from another page on this machine, and letting it end the
//! sign-in would let any local page break it. The callback with the right
//! `state` ends the wait, whatever it carries (a code, `access_denied`, or
//! another error); its browser tab is answered by the caller once the
//! outcome is known (after the code exchange), so the page tells the truth.
//!
//! Each connection is read by its own task with a short deadline: browsers
//! open speculative connections that send nothing, and those must not hold
//! up the one that matters.

use std::io::ErrorKind as IoErrorKind;
use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use kakehashi_secrets::Sensitive;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio::task::JoinSet;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use super::page::{render, Language, PageOutcome};
use super::pkce::State;
use crate::{AppError, AppResult};

/// The port the admin registers by default: unassigned by IANA and unused
/// by common desktop software.
pub const DEFAULT_REDIRECT_PORT: u16 = 47813;

/// Where the browser is sent back to (register exactly this in Jira).
pub fn redirect_url(port: u16) -> String {
    format!("http://127.0.0.1:{port}/callback")
}

/// How long one connection may take to send its request.
const READ_DEADLINE: Duration = Duration::from_secs(10);
/// A request head larger than this is not a browser's redirect.
const MAX_HEAD: usize = 16 * 1024;
/// Connections being read at once; more are closed at once.
const MAX_READERS: usize = 32;

/// What the redirect with the right `state` carried.
#[derive(Debug)]
pub(crate) enum CallbackOutcome {
    Code(Sensitive<String>),
    /// `error=access_denied`: the user chose Deny.
    Denied,
    /// Any other `error=`, or neither code nor error.
    Failed {
        error: String,
        description: Option<String>,
    },
}

/// The redirect for this sign-in, and its browser tab, still waiting for
/// the page to show.
pub(crate) struct Callback {
    pub outcome: CallbackOutcome,
    pub reply: Reply,
}

/// A browser tab waiting for its answer.
pub(crate) struct Reply {
    stream: TcpStream,
}

impl Reply {
    /// Shows the result page and closes the connection. The browser may
    /// have gone away already; that changes nothing for the sign-in.
    pub async fn show(mut self, language: Language, outcome: PageOutcome, provider: &str) {
        let status = match outcome {
            PageOutcome::Success => "200 OK",
            PageOutcome::Denied => "403 Forbidden",
            PageOutcome::Failed => "502 Bad Gateway",
            PageOutcome::Stale => "400 Bad Request",
        };
        let page = render(language, outcome, provider);
        respond(&mut self.stream, status, "text/html; charset=utf-8", &page).await;
    }
}

/// The listener, bound before the browser is opened so a port in use is
/// reported before anything else happens.
pub(crate) struct Loopback {
    listener: TcpListener,
    port: u16,
}

impl Loopback {
    /// Listens on 127.0.0.1:`port`.
    pub async fn bind(port: u16) -> AppResult<Loopback> {
        if port < 1024 {
            return Err(AppError::validation(
                "redirectPort",
                format!("Port {port} cannot be used for the sign-in: ports below 1024 are reserved for the system. Choose a port from 1024 to 65535 (Kakehashi suggests {DEFAULT_REDIRECT_PORT}) and register {} with the OAuth app.", redirect_url(DEFAULT_REDIRECT_PORT)),
            ));
        }
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let listener = TcpListener::bind(address).await.map_err(|err| match err.kind() {
            IoErrorKind::AddrInUse => AppError::validation(
                "redirectPort",
                format!("Port {port} on this computer is already in use by another program, so Kakehashi cannot receive the browser's answer there. Close the program that uses port {port} (or a sign-in already waiting in another Kakehashi window), or choose another redirect port and register http://127.0.0.1:PORT/callback with that port in the OAuth app."),
            ),
            IoErrorKind::PermissionDenied => AppError::validation(
                "redirectPort",
                format!("This computer does not allow Kakehashi to listen on port {port}. Choose another redirect port and register it with the OAuth app."),
            ),
            _ => AppError::internal(format!("Kakehashi could not listen on 127.0.0.1:{port} for the browser's answer: {err}")),
        })?;
        Ok(Loopback { listener, port })
    }

    pub fn redirect_uri(&self) -> String {
        redirect_url(self.port)
    }

    /// Waits for the redirect whose `state` is `expected`, until
    /// `deadline` or until `cancel` fires. Stale redirects are answered
    /// with the "not this sign-in" page in `language` and ignored.
    pub async fn wait(
        self,
        expected: &State,
        deadline: Instant,
        cancel: &CancellationToken,
        language: Language,
        provider: &str,
    ) -> AppResult<Callback> {
        let (arrived, mut requests) = mpsc::channel::<(Request, TcpStream)>(MAX_READERS);
        // Dropped on return: connections still being read are closed.
        let mut readers = JoinSet::new();
        loop {
            tokio::select! {
                () = cancel.cancelled() => {
                    return Err(AppError::validation(
                        "signIn",
                        format!("The sign-in to {provider} was cancelled."),
                    ));
                }
                () = tokio::time::sleep_until(deadline) => {
                    return Err(AppError::validation(
                        "signIn",
                        format!("No answer came back from the browser in time, so the sign-in to {provider} was stopped. Start it again and finish it in the browser window that opens (signed in to {provider}, choosing Allow)."),
                    ));
                }
                accepted = self.listener.accept() => {
                    let Ok((stream, _)) = accepted else { continue };
                    while readers.try_join_next().is_some() {}
                    if readers.len() < MAX_READERS {
                        readers.spawn(read_request(stream, arrived.clone()));
                    }
                }
                Some((request, mut stream)) = requests.recv() => {
                    // Rejections are answered on the side, so a browser
                    // that reads slowly cannot hold up the wait.
                    match request.judge(expected) {
                        Judgement::NotHere(status) => {
                            readers.spawn(async move {
                                respond(&mut stream, status, "text/plain; charset=utf-8", status).await;
                            });
                        }
                        Judgement::Stale => {
                            tracing::warn!("ignored a sign-in redirect whose state is not the one of this sign-in");
                            let provider = provider.to_owned();
                            readers.spawn(async move {
                                Reply { stream }.show(language, PageOutcome::Stale, &provider).await;
                            });
                        }
                        Judgement::Ours(outcome) => {
                            return Ok(Callback { outcome, reply: Reply { stream } });
                        }
                    }
                }
            }
        }
    }
}

/// The request line and query of one connection. The query may hold the
/// code: it lives only as long as the request is judged.
struct Request {
    method: String,
    path: String,
    query: Vec<(String, Sensitive<String>)>,
}

enum Judgement {
    /// Not the callback: answer with this status and go on waiting.
    NotHere(&'static str),
    /// The callback, but not for this sign-in.
    Stale,
    Ours(CallbackOutcome),
}

impl Request {
    fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.expose().as_str())
    }

    fn judge(&self, expected: &State) -> Judgement {
        if self.path != "/callback" {
            return Judgement::NotHere("404 Not Found");
        }
        if self.method != "GET" {
            return Judgement::NotHere("405 Method Not Allowed");
        }
        if !self
            .param("state")
            .is_some_and(|state| expected.matches(state))
        {
            return Judgement::Stale;
        }
        let outcome = match (self.param("error"), self.param("code")) {
            (Some("access_denied"), _) => CallbackOutcome::Denied,
            (Some(error), _) => CallbackOutcome::Failed {
                error: plain(error, 64),
                description: self.param("error_description").map(|d| plain(d, 300)),
            },
            (None, Some(code)) if !code.is_empty() => {
                CallbackOutcome::Code(Sensitive::new(code.to_owned()))
            }
            (None, _) => CallbackOutcome::Failed {
                error: "invalid_request".to_owned(),
                description: Some("The redirect carried neither a code nor an error.".to_owned()),
            },
        };
        Judgement::Ours(outcome)
    }
}

/// Text from the redirect, fit for a message: printable, one line, short.
fn plain(text: &str, max: usize) -> String {
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(max)
        .collect();
    clean.trim().to_owned()
}

/// Reads one request head and hands it on; gives up on a connection that
/// sends nothing useful in time.
async fn read_request(mut stream: TcpStream, arrived: mpsc::Sender<(Request, TcpStream)>) {
    // Nothing in time, or not HTTP at all: the connection is just closed.
    let Ok(Some(head)) = tokio::time::timeout(READ_DEADLINE, read_head(&mut stream)).await else {
        return;
    };
    match parse(&head) {
        Some(request) => {
            let _ = arrived.send((request, stream)).await;
        }
        None => {
            respond(
                &mut stream,
                "400 Bad Request",
                "text/plain; charset=utf-8",
                "400 Bad Request",
            )
            .await
        }
    }
}

/// Everything up to the blank line that ends an HTTP/1.1 request head.
async fn read_head(stream: &mut TcpStream) -> Option<Vec<u8>> {
    let mut head = Vec::with_capacity(1024);
    let mut chunk = [0u8; 2048];
    loop {
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        head.extend_from_slice(&chunk[..read]);
        if let Some(end) = head.windows(4).position(|w| w == b"\r\n\r\n") {
            head.truncate(end);
            return Some(head);
        }
        if head.len() > MAX_HEAD {
            return None;
        }
    }
}

/// `GET /callback?code=..&state=.. HTTP/1.1` → method, path, query.
fn parse(head: &[u8]) -> Option<Request> {
    let text = std::str::from_utf8(head).ok()?;
    let line = text.lines().next()?;
    let mut parts = line.split(' ');
    let method = parts.next()?.to_owned();
    let target = parts.next()?;
    if !parts.next()?.starts_with("HTTP/1.") {
        return None;
    }
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let query = url::form_urlencoded::parse(query.as_bytes())
        .map(|(key, value)| (key.into_owned(), Sensitive::new(value.into_owned())))
        .collect();
    Some(Request {
        method,
        path: path.to_owned(),
        query,
    })
}

/// Writes a complete answer and closes. Headers keep the page (whose URL
/// holds the code) out of caches and referrers, and let it run nothing.
async fn respond(stream: &mut TcpStream, status: &str, content_type: &str, body: &str) {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nX-Content-Type-Options: nosniff\r\nContent-Security-Policy: default-src 'none'; style-src 'unsafe-inline'\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let write = async {
        stream.write_all(head.as_bytes()).await?;
        stream.write_all(body.as_bytes()).await?;
        stream.shutdown().await
    };
    let _ = tokio::time::timeout(Duration::from_secs(5), write).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A port nothing listens on right now.
    fn free_port() -> u16 {
        let probe = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
        probe.local_addr().unwrap().port()
    }

    /// Sends one request and reads the whole answer.
    async fn get(port: u16, method: &str, target: &str) -> String {
        let mut stream = TcpStream::connect((Ipv4Addr::LOCALHOST, port))
            .await
            .unwrap();
        let request = format!("{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n");
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).await.unwrap();
        answer
    }

    fn soon(seconds: u64) -> Instant {
        Instant::now() + Duration::from_secs(seconds)
    }

    #[tokio::test]
    async fn a_port_in_use_is_named_with_what_to_do() {
        let taken = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
        let port = taken.local_addr().unwrap().port();
        let Err(err) = Loopback::bind(port).await else {
            panic!("bound a port in use");
        };
        let AppError::Validation { field, message } = err else {
            panic!("{err:?}");
        };
        assert_eq!(field, "redirectPort");
        assert!(message.contains(&format!("Port {port}")), "{message}");
        assert!(message.contains("already in use"), "{message}");
        assert!(
            message.contains("choose another redirect port"),
            "{message}"
        );
        assert_eq!(Loopback::bind(80).await.err().unwrap().code(), "Validation");
    }

    #[tokio::test]
    async fn only_the_callback_with_this_state_ends_the_wait() {
        let port = free_port();
        let loopback = Loopback::bind(port).await.unwrap();
        assert_eq!(
            loopback.redirect_uri(),
            format!("http://127.0.0.1:{port}/callback")
        );
        let state = State::new();
        let expected = state.as_str().to_owned();
        let cancel = CancellationToken::new();
        let waiting = tokio::spawn(async move {
            loopback
                .wait(
                    &state,
                    soon(20),
                    &cancel,
                    Language::English,
                    "Jira Data Center",
                )
                .await
        });

        // A speculative connection that never sends must not block the rest.
        let _idle = TcpStream::connect((Ipv4Addr::LOCALHOST, port))
            .await
            .unwrap();
        let other = get(port, "GET", "/favicon.ico").await;
        assert!(other.starts_with("HTTP/1.1 404"), "{other}");
        let stale = get(port, "GET", "/callback?code=stolen-code&state=not-this-one").await;
        assert!(stale.starts_with("HTTP/1.1 400"), "{stale}");
        assert!(
            stale.contains("does not belong to the current sign-in"),
            "{stale}"
        );
        assert!(!stale.contains("stolen-code"), "{stale}");
        let posted = get(port, "POST", &format!("/callback?code=c&state={expected}")).await;
        assert!(posted.starts_with("HTTP/1.1 405"), "{posted}");
        assert!(!waiting.is_finished(), "none of these ends the wait");

        let browser = tokio::spawn(async move {
            get(
                port,
                "GET",
                &format!("/callback?code=the-code-1&state={expected}"),
            )
            .await
        });
        let Callback { outcome, reply } = waiting.await.unwrap().unwrap();
        let CallbackOutcome::Code(code) = outcome else {
            panic!("{outcome:?}");
        };
        assert_eq!(code.expose(), "the-code-1");
        reply
            .show(Language::Swedish, PageOutcome::Success, "Jira Data Center")
            .await;
        let page = browser.await.unwrap();
        assert!(page.starts_with("HTTP/1.1 200"), "{page}");
        assert!(
            page.contains("Kakehashi är inloggat i Jira Data Center"),
            "{page}"
        );
        assert!(page.contains("Referrer-Policy: no-referrer"), "{page}");
        assert!(!page.contains("the-code-1"), "{page}");
    }

    #[tokio::test]
    async fn deny_and_provider_errors_end_the_wait_with_their_outcome() {
        for (query, denied) in [
            (
                "error=access_denied&error_description=The+user+said+no",
                true,
            ),
            (
                "error=invalid_scope&error_description=No+such+scope%0A%1B",
                false,
            ),
        ] {
            let port = free_port();
            let loopback = Loopback::bind(port).await.unwrap();
            let state = State::new();
            let target = format!("/callback?{query}&state={}", state.as_str());
            let cancel = CancellationToken::new();
            let browser = tokio::spawn(async move { get(port, "GET", &target).await });
            let callback = loopback
                .wait(&state, soon(20), &cancel, Language::English, "Asana")
                .await
                .unwrap();
            match (callback.outcome, denied) {
                (CallbackOutcome::Denied, true) => {}
                (CallbackOutcome::Failed { error, description }, false) => {
                    assert_eq!(error, "invalid_scope");
                    assert_eq!(description.as_deref(), Some("No such scope"));
                }
                (outcome, _) => panic!("{query}: {outcome:?}"),
            }
            callback
                .reply
                .show(Language::English, PageOutcome::Denied, "Asana")
                .await;
            assert!(browser.await.unwrap().contains("You chose Deny"));
        }
    }

    #[tokio::test]
    async fn the_wait_ends_at_the_timeout_or_when_cancelled() {
        let loopback = Loopback::bind(free_port()).await.unwrap();
        let cancel = CancellationToken::new();
        let deadline = Instant::now() + Duration::from_millis(200);
        let err = loopback
            .wait(&State::new(), deadline, &cancel, Language::English, "Asana")
            .await
            .err()
            .unwrap();
        assert!(
            matches!(&err, AppError::Validation { field, .. } if field == "signIn"),
            "{err:?}"
        );
        assert!(
            err.to_string()
                .contains("No answer came back from the browser in time"),
            "{err}"
        );

        let port = free_port();
        let loopback = Loopback::bind(port).await.unwrap();
        let cancel = CancellationToken::new();
        let cancelling = cancel.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(100)).await;
            cancelling.cancel();
        });
        let err = loopback
            .wait(&State::new(), soon(20), &cancel, Language::English, "Asana")
            .await
            .err()
            .unwrap();
        assert!(err.to_string().contains("was cancelled"), "{err}");
        // The port is free again once the wait is over.
        drop(Loopback::bind(port).await.unwrap());
    }
}
