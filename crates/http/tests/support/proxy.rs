//! A minimal HTTP proxy: absolute-form requests (`GET http://host/...`) are
//! forwarded one per connection, `CONNECT host:port` opens a tunnel. It
//! records every request line, or answers every request with a fixed
//! refusal (407, 403) to test how proxy failures are reported.

use std::sync::{Arc, Mutex};

use tokio::io::{copy_bidirectional, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

use super::raw::{read_head, write_answer};

pub struct TestProxy {
    pub port: u16,
    /// `METHOD target` of every request seen, plus its Proxy-Authorization.
    seen: Arc<Mutex<Vec<Seen>>>,
    task: JoinHandle<()>,
}

#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub target: String,
    pub proxy_authorization: Option<String>,
}

impl TestProxy {
    /// A proxy that forwards everything.
    pub async fn start() -> Self {
        Self::serve(None).await
    }

    /// A proxy that answers every request with `status` (e.g. "407 Proxy
    /// Authentication Required") instead of forwarding it.
    pub async fn refusing(status: &'static str) -> Self {
        Self::serve(Some(status)).await
    }

    async fn serve(refusal: Option<&'static str>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        let task = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                tokio::spawn(handle(client, log.clone(), refusal));
            }
        });
        TestProxy { port, seen, task }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

impl Drop for TestProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn handle(mut client: TcpStream, log: Arc<Mutex<Vec<Seen>>>, refusal: Option<&str>) {
    let Ok(head) = read_head(&mut client).await else {
        return;
    };
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or_default().to_owned();
    let mut parts = request_line.split(' ');
    let (method, target) = (
        parts.next().unwrap_or_default().to_owned(),
        parts.next().unwrap_or_default().to_owned(),
    );
    let headers: Vec<&str> = lines.filter(|l| !l.is_empty()).collect();
    let proxy_authorization = headers.iter().find_map(|l| {
        let (name, value) = l.split_once(':')?;
        name.eq_ignore_ascii_case("proxy-authorization")
            .then(|| value.trim().to_owned())
    });
    log.lock().unwrap().push(Seen {
        method: method.clone(),
        target: target.clone(),
        proxy_authorization,
    });
    if let Some(status) = refusal {
        let _ = write_answer(&mut client, status, &[], b"refused by the test proxy").await;
        return;
    }
    if method == "CONNECT" {
        let Ok(mut upstream) = TcpStream::connect(&target).await else {
            let _ = write_answer(&mut client, "502 Bad Gateway", &[], b"").await;
            return;
        };
        if client
            .write_all(b"HTTP/1.1 200 Connection Established\r\n\r\n")
            .await
            .is_ok()
        {
            let _ = copy_bidirectional(&mut client, &mut upstream).await;
        }
        return;
    }
    // Absolute form: http://host:port/path → origin form to host:port.
    let Some(rest) = target.strip_prefix("http://") else {
        let _ = write_answer(&mut client, "400 Bad Request", &[], b"not a proxy request").await;
        return;
    };
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let path = if path.is_empty() { "/" } else { path };
    let Ok(mut upstream) = TcpStream::connect(authority).await else {
        let _ = write_answer(&mut client, "502 Bad Gateway", &[], b"").await;
        return;
    };
    // One request per connection keeps the count exact.
    let mut forwarded = format!("{method} {path} HTTP/1.1\r\n");
    for line in headers.iter().filter(|l| {
        let name = l.split(':').next().unwrap_or_default().to_ascii_lowercase();
        !matches!(
            name.as_str(),
            "connection" | "proxy-connection" | "proxy-authorization"
        )
    }) {
        forwarded.push_str(line);
        forwarded.push_str("\r\n");
    }
    forwarded.push_str("Connection: close\r\n\r\n");
    if upstream.write_all(forwarded.as_bytes()).await.is_ok() {
        let _ = copy_bidirectional(&mut client, &mut upstream).await;
    }
}
