//! `kakehashi server test`: reach a server without signing in. Each address
//! (the base URL and, when set, the alternative one) is tried on its own, so
//! the answer says which one this computer can use, whether its certificate
//! is trusted, which proxy is in the way, and what product and version
//! answered. Signing in and permissions are the credential's check.

use std::time::Duration;

use kakehashi_http::{Endpoint, HttpError, RetryPolicy, Timeouts};
use serde::Serialize;

use super::endpoint::endpoint_for;
use crate::workspace::{Server, ServerKind};
use crate::{AppError, AppResult};

#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ServerProbe {
    pub server_id: u32,
    pub kind: ServerKind,
    pub addresses: Vec<AddressProbe>,
    /// What to do next, when something needs doing.
    pub advice: Vec<String>,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AddressProbe {
    pub role: AddressRole,
    pub url: String,
    /// The proxy requests to this address go through (credentials hidden).
    pub proxy: Option<String>,
    pub outcome: ProbeOutcome,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum AddressRole {
    Base,
    Alternative,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(
    tag = "status",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum ProbeOutcome {
    /// The product answered.
    Reached {
        detected: ServerKind,
        version: Option<String>,
    },
    Failed {
        error: AppError,
    },
}

/// What an anonymous request showed about the server at one address.
pub(crate) struct Detected {
    pub(crate) kind: ServerKind,
    pub(crate) version: Option<String>,
}

const ONLY_ALT_ANSWERS: &str = "Only the alternative URL answers from this computer. That is fine: Kakehashi connects through it, and links still use the base URL.";
/// Advice shared with `detect` (the wizards say what `server test` says).
pub(super) const NEITHER_ANSWERS: &str = "Neither address answers from this computer: check the network (VPN?), the proxy and the firewall.";
pub(super) const ALT_BROKEN: &str = "The alternative URL does not answer, but the base URL does. Requests go to the alternative URL while it is set: correct it, or remove it.";
pub(super) const SET_AN_ALT_URL: &str = "If this computer reaches the server by another address (inside the company network), set it as the alternative URL.";

pub async fn probe(server: &Server) -> AppResult<ServerProbe> {
    let configured = endpoint_for(server)?;
    let base = single_address(&configured, None)?;
    let alternative = match configured.alt_url() {
        Some(alt) => Some(single_address(&configured, Some(alt.as_str()))?),
        None => None,
    };
    let (base_probe, alt_probe) =
        tokio::join!(probe_address(server.kind, AddressRole::Base, base), async {
            match alternative {
                Some(endpoint) => {
                    Some(probe_address(server.kind, AddressRole::Alternative, endpoint).await)
                }
                None => None,
            }
        });
    let addresses: Vec<AddressProbe> = std::iter::once(base_probe).chain(alt_probe).collect();
    let advice = advise(server, &addresses);
    Ok(ServerProbe {
        server_id: server.id,
        kind: server.kind,
        addresses,
        advice,
    })
}

/// The server's endpoint reaching exactly one address, answering fast: one
/// attempt, short timeouts (a test must not hang for minutes).
pub(crate) fn single_address(configured: &Endpoint, alt: Option<&str>) -> AppResult<Endpoint> {
    Ok(configured
        .clone()
        .with_alt_url(alt)?
        .with_retry(RetryPolicy::none())
        .with_timeouts(Timeouts {
            connect: Duration::from_secs(5),
            request: Duration::from_secs(15),
        }))
}

async fn probe_address(kind: ServerKind, role: AddressRole, endpoint: Endpoint) -> AddressProbe {
    let url = endpoint
        .connect_url()
        .as_str()
        .trim_end_matches('/')
        .to_owned();
    let proxy = endpoint.proxy.describe(endpoint.connect_url());
    let outcome = match identify(kind, endpoint).await {
        Ok(found) => ProbeOutcome::Reached {
            detected: found.kind,
            version: found.version,
        },
        Err(error) => ProbeOutcome::Failed {
            error: AppError::from(error),
        },
    };
    AddressProbe {
        role,
        url,
        proxy,
        outcome,
    }
}

/// Asks the one address whether it is `kind`'s product, anonymously. For
/// either Jira kind the answer says which of the two it is.
pub(crate) async fn identify(kind: ServerKind, endpoint: Endpoint) -> Result<Detected, HttpError> {
    match kind {
        ServerKind::JiraCloud | ServerKind::JiraDataCenter => {
            let info = kakehashi_jira::probe(endpoint).await?;
            let kind = match info.deployment() {
                kakehashi_jira::Deployment::Cloud => ServerKind::JiraCloud,
                kakehashi_jira::Deployment::DataCenter => ServerKind::JiraDataCenter,
            };
            Ok(Detected {
                kind,
                version: info.version,
            })
        }
        ServerKind::TimeTrackerNx => {
            kakehashi_ttnx::probe(endpoint).await?;
            Ok(Detected {
                kind,
                version: None,
            })
        }
        ServerKind::Asana => {
            kakehashi_asana::probe(endpoint).await?;
            Ok(Detected {
                kind,
                version: None,
            })
        }
    }
}

/// Plain next steps from what the addresses showed.
fn advise(server: &Server, addresses: &[AddressProbe]) -> Vec<String> {
    let mut advice = Vec::new();
    let reached = |role: AddressRole| {
        addresses
            .iter()
            .any(|a| a.role == role && matches!(a.outcome, ProbeOutcome::Reached { .. }))
    };
    let has_alt = addresses.iter().any(|a| a.role == AddressRole::Alternative);
    if has_alt {
        match (
            reached(AddressRole::Base),
            reached(AddressRole::Alternative),
        ) {
            (false, true) => advice.push(ONLY_ALT_ANSWERS.to_owned()),
            (false, false) => advice.push(NEITHER_ANSWERS.to_owned()),
            (true, false) => advice.push(ALT_BROKEN.to_owned()),
            (true, true) => {}
        }
    }
    for address in addresses {
        match &address.outcome {
            ProbeOutcome::Reached { detected, .. } if *detected != server.kind => {
                advice.push(format!(
                    "{} is {}, not {}. Remove this server and add it again with --kind {}.",
                    address.url,
                    detected.product_name(),
                    server.kind.product_name(),
                    detected.cli_name()
                ));
            }
            ProbeOutcome::Failed {
                error: AppError::TlsUntrusted { fingerprint, .. },
            } => {
                advice.push(format!(
                    "If the server's administrator confirms the fingerprint {fingerprint}, trust it with: kakehashi server trust {} --fingerprint {fingerprint}",
                    server.id
                ));
            }
            _ => {}
        }
    }
    let base_unreachable = addresses.iter().any(|a| {
        a.role == AddressRole::Base
            && matches!(&a.outcome, ProbeOutcome::Failed { error } if matches!(error, AppError::Network { .. }))
    });
    if !has_alt && base_unreachable {
        advice.push(SET_AN_ALT_URL.to_owned());
    }
    advice
}
