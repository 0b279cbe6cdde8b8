//! Starting and stopping simulators on loopback ports.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::http::StatusCode;
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::behaviour::{self, Behaviour, Control};
use crate::connection::{ResetSwitch, ResettableListener};
use crate::people::service_account;
use crate::switches::{self, Switches};
use crate::vendor::{BuildContext, VendorApp};
use crate::{asana, jira, ttnx, Seed, SimKind};

/// Everything a simulator starts with.
#[derive(Debug, Clone, Default)]
pub struct SimOptions {
    pub seed: Seed,
    pub behaviour: Behaviour,
}

#[derive(Debug, thiserror::Error)]
pub enum SimError {
    #[error(
        "cannot listen on {addr}: {source}. Choose another port with --port, or 0 for free ports"
    )]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("invalid simulator settings: {0}")]
    Invalid(String),
}

/// A simulator serving in the background. Dropping it stops it.
pub struct RunningSim {
    kind: SimKind,
    addr: SocketAddr,
    url: String,
    login: String,
    secret: String,
    shutdown: Option<oneshot::Sender<()>>,
    control: Arc<Control>,
    switches: Arc<Switches>,
    task: Option<JoinHandle<()>>,
}

impl RunningSim {
    pub fn kind(&self) -> SimKind {
        self.kind
    }

    /// The base URL a user would enter for this server.
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The control panel, `http://127.0.0.1:PORT/__sim`.
    pub fn admin_url(&self) -> String {
        format!("http://{}/__sim", self.addr)
    }

    /// The service account's login (an email on Jira Cloud and Asana).
    pub fn login(&self) -> &str {
        &self.login
    }

    /// The service account's API token, password or API key.
    pub fn secret(&self) -> &str {
        &self.secret
    }

    /// The line `kakehashi sim` prints: kind, url, login and the secret under
    /// a field named for its kind (DESIGN §7).
    pub fn announcement(&self) -> Value {
        let mut line = json!({ "kind": self.kind, "url": self.url, "login": self.login });
        line[self.kind.secret_field()] = json!(self.secret);
        line["admin"] = json!(self.admin_url());
        line
    }

    /// [`announcement`](Self::announcement) as one line of JSON text with the
    /// fields in the documented order (kind, url, login, secret, admin), which
    /// is easier on the eye than a JSON map's sorted keys.
    pub fn announcement_line(&self) -> String {
        let field = |value: &str| Value::from(value).to_string();
        format!(
            "{{\"kind\":{},\"url\":{},\"login\":{},\"{}\":{},\"admin\":{}}}",
            field(self.kind.as_str()),
            field(&self.url),
            field(&self.login),
            self.kind.secret_field(),
            field(&self.secret),
            field(&self.admin_url())
        )
    }

    /// Sets the simulated clock to the wall clock + `seconds` (negative: the
    /// server is behind), as `PUT /__sim/clock {"offsetSeconds": N}` does.
    /// Every answer's `Date` header and Jira's `serverInfo.serverTime` follow
    /// it; `POST /__sim/reset` sets it back to 0. Seconds as `i32` (±68
    /// years) so no offset can overflow the clock.
    pub fn set_clock_offset(&self, seconds: i32) {
        self.switches.set_clock_offset_ms(i64::from(seconds) * 1000);
    }

    /// Jira Cloud only: `hidden` is every profile's email visibility set to
    /// "only me" (user objects lose `emailAddress`, except the caller's own
    /// `myself`), as `PUT /__sim/jira/settings {"emailVisibility": ...}`
    /// does. The other simulators have no such setting and refuse it.
    pub fn set_email_visibility(&self, hidden: bool) -> Result<(), SimError> {
        if self.kind != SimKind::JiraCloud {
            return Err(SimError::Invalid(format!(
                "email visibility is a Jira Cloud setting; {} has none: call it on the jira-cloud simulator",
                self.kind
            )));
        }
        self.switches.set_emails_hidden(hidden);
        Ok(())
    }

    /// Stops accepting, cuts short the waits of latency and `timeout` faults,
    /// and lets in-flight requests finish for up to two seconds.
    pub async fn stop(mut self) {
        self.signal_stop();
        if let Some(mut task) = self.task.take() {
            // A handler that does not finish must not hold up the stop.
            if tokio::time::timeout(Duration::from_secs(2), &mut task)
                .await
                .is_err()
            {
                task.abort();
            }
        }
    }

    fn signal_stop(&mut self) {
        self.control.stop();
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

impl Drop for RunningSim {
    fn drop(&mut self) {
        self.signal_stop();
    }
}

/// Starts one simulator on 127.0.0.1:`port` (0 picks a free port).
pub async fn start(kind: SimKind, options: &SimOptions, port: u16) -> Result<RunningSim, SimError> {
    options.behaviour.validate().map_err(SimError::Invalid)?;
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|source| SimError::Bind { addr, source })?;
    let addr = listener
        .local_addr()
        .map_err(|source| SimError::Bind { addr, source })?;
    let url = match kind {
        SimKind::Ttnx => format!("http://{addr}{}", ttnx::SITE_PATH),
        _ => format!("http://{addr}"),
    };
    let switches = Switches::new();
    let context = BuildContext {
        seed: options.seed,
        base_url: url.clone(),
        switches: switches.clone(),
    };
    let VendorApp {
        router,
        reset,
        admin,
    } = match kind {
        SimKind::JiraCloud => jira::build(jira::Flavor::Cloud, &context),
        SimKind::JiraDataCenter => jira::build(jira::Flavor::DataCenter, &context),
        SimKind::Ttnx => ttnx::build(&context),
        SimKind::Asana => asana::build(&context),
    };
    let (router, freeze_admin) = crate::freeze::install(kind, router);
    let control = Control::new(kind, options.behaviour.clone());
    let control_for_stop = control.clone();
    let app = router
        .fallback(move || async move {
            kind.error(
                StatusCode::NOT_FOUND,
                "No such endpoint on this server (simulated).",
            )
        })
        .layer(axum::middleware::from_fn_with_state(
            control.clone(),
            behaviour::apply,
        ))
        // Outside the fault layer, so 429s and injected errors carry the
        // simulated `Date` too.
        .layer(axum::middleware::from_fn_with_state(
            switches.clone(),
            switches::date_header,
        ))
        .merge(crate::admin::router(
            control,
            switches.clone(),
            Arc::from(reset),
            options.seed,
        ))
        .merge(admin.unwrap_or_default())
        .merge(freeze_admin);

    let person = service_account(options.seed);
    let login = match kind {
        SimKind::JiraCloud | SimKind::Asana => person.email.clone(),
        SimKind::JiraDataCenter | SimKind::Ttnx => person.login.clone(),
    };
    let (shutdown, stopped) = oneshot::channel::<()>();
    let service = app.into_make_service_with_connect_info::<ResetSwitch>();
    let task = tokio::spawn(async move {
        let server =
            axum::serve(ResettableListener(listener), service).with_graceful_shutdown(async {
                let _ = stopped.await;
            });
        if let Err(err) = server.await {
            tracing::warn!(%kind, error = %err, "simulator stopped with an error");
        }
    });
    tracing::info!(%kind, %url, "simulator started");
    Ok(RunningSim {
        kind,
        addr,
        url,
        login,
        secret: person.secret(kind),
        shutdown: Some(shutdown),
        control: control_for_stop,
        switches,
        task: Some(task),
    })
}

/// Starts all four. With `base_port` P they listen on P, P+1, P+2, P+3 in
/// the order of [`SimKind::ALL`]; without it on free ports.
pub async fn start_all(
    options: &SimOptions,
    base_port: Option<u16>,
) -> Result<Vec<RunningSim>, SimError> {
    let mut running = Vec::with_capacity(SimKind::ALL.len());
    for (offset, kind) in SimKind::ALL.into_iter().enumerate() {
        let port = match base_port {
            Some(0) | None => 0,
            Some(base) => base.checked_add(offset as u16).ok_or_else(|| {
                SimError::Invalid(format!(
                    "--port {base} leaves no room for four simulators: use at most {}",
                    u16::MAX - 3
                ))
            })?,
        };
        running.push(start(kind, options, port).await?);
    }
    Ok(running)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_announced_line_is_the_announcement_in_documented_order() {
        let sim = start(SimKind::Ttnx, &SimOptions::default(), 0)
            .await
            .unwrap();
        let line = sim.announcement_line();
        assert!(
            line.starts_with("{\"kind\":\"ttnx\",\"url\":\"http://127.0.0.1:"),
            "{line}"
        );
        assert!(
            line.contains(",\"api_key\":\"sim-ttnx-kakehashi-sync\",\"admin\":"),
            "{line}"
        );
        assert_eq!(
            serde_json::from_str::<Value>(&line).unwrap(),
            sim.announcement()
        );
        sim.stop().await;
    }
}
