//! `kakehashi server add|list|remove|trust` (DESIGN §7).

use std::fmt::Write as _;

use kakehashi_core::paths::AppPaths;
use kakehashi_core::remote::{self, AddressProbe, AddressRole, ProbeOutcome, ServerProbe};
use kakehashi_core::store::Database;
use kakehashi_core::workspace::{servers, NewServer, Server, ServerKind, ServerProxy, ServerTls};
use kakehashi_core::AppError;
use serde_json::json;

use crate::args::{ServerAddArgs, ServerCommand, ServerTrustArgs};
use crate::output::Rendered;

pub fn run(paths: &AppPaths, command: &ServerCommand) -> Result<Rendered, AppError> {
    let db = Database::open(&paths.database_path())?;
    match command {
        ServerCommand::Add(args) => add(&db, args),
        ServerCommand::List => list(&db),
        ServerCommand::Remove { id } => {
            let removed = servers::remove(&db, &kakehashi_secrets::Keychain, *id)?;
            let text = format!("Removed server {} ({}).\n", removed.id, removed.name);
            Rendered::new(&removed, text)
        }
        ServerCommand::Test { id } => test(&servers::get(&db, *id)?),
        ServerCommand::Trust(args) => trust(&db, args),
    }
}

/// Probes every address of the server. Fails (exit 1) when the address
/// Kakehashi would use does not answer as the right product, so a script
/// never mistakes a broken server for a working one.
fn test(server: &Server) -> Result<Rendered, AppError> {
    let runtime = crate::runtime::current_thread()?;
    let report = runtime.block_on(remote::probe(server))?;
    let used = report
        .addresses
        .iter()
        .find(|a| a.role == AddressRole::Alternative)
        .or_else(|| report.addresses.first());
    if let Some(AddressProbe {
        outcome: ProbeOutcome::Failed { error },
        ..
    }) = used
    {
        return Err(error.clone().with_hint(&report.advice.join(" ")));
    }
    if let Some(AddressProbe {
        outcome: ProbeOutcome::Reached { detected, .. },
        url,
        ..
    }) = used
    {
        if *detected != server.kind {
            return Err(AppError::validation(
                "kind",
                format!(
                    "{url} is {}, not {}.",
                    detected.product_name(),
                    server.kind.product_name()
                ),
            )
            .with_hint(&report.advice.join(" ")));
        }
    }
    let text = probe_text(server, &report);
    Rendered::new(&report, text)
}

fn probe_text(server: &Server, report: &ServerProbe) -> String {
    let mut text = format!("Server {} — {}\n", server.id, server.name);
    for address in &report.addresses {
        let role = match address.role {
            AddressRole::Base => "base URL",
            AddressRole::Alternative => "alternative URL",
        };
        let result = match &address.outcome {
            ProbeOutcome::Reached { detected, version } => format!(
                "answers: {}{}",
                detected.product_name(),
                version
                    .as_deref()
                    .map(|v| format!(" {v}"))
                    .unwrap_or_default()
            ),
            ProbeOutcome::Failed { error } => format!("fails ({}): {error}", error.code()),
        };
        let _ = writeln!(text, "  {role:<16} {}  {result}", address.url);
        let proxy = address.proxy.as_deref().unwrap_or("none (direct)");
        let _ = writeln!(text, "  {:<16} {proxy}", "proxy");
    }
    for advice in &report.advice {
        let _ = writeln!(text, "  → {advice}");
    }
    text
}

fn add(db: &Database, args: &ServerAddArgs) -> Result<Rendered, AppError> {
    let kind = ServerKind::from_cli(&args.kind)?;
    let extra_ca_pem = match &args.ca_file {
        Some(path) => Some(std::fs::read_to_string(path).map_err(|err| {
            AppError::validation(
                "caFile",
                format!(
                    "Cannot read {}: {err}. Give the path of a PEM file.",
                    path.display()
                ),
            )
        })?),
        None => None,
    };
    let proxy = match args.proxy.as_deref().map(str::trim) {
        None | Some("system") => ServerProxy::System,
        Some("direct") => ServerProxy::Direct,
        Some(url) => ServerProxy::Custom {
            url: url.to_owned(),
        },
    };
    let name = args
        .name
        .clone()
        .unwrap_or_else(|| default_name(kind, &args.url));
    let server = servers::add(
        db,
        &NewServer {
            kind,
            name,
            base_url: args.url.clone(),
            alt_url: args.alt_url.clone(),
            time_zone: args.time_zone.clone(),
            is_demo: false,
            tls: ServerTls {
                extra_ca_pem,
                pinned_fingerprint: None,
            },
            proxy,
        },
    )?;
    let text = format!(
        "Added server {} ({}). Check it with: kakehashi server test {}\n",
        server.id, server.name, server.id
    );
    Rendered::new(&server, text)
}

/// "Jira Cloud (example.atlassian.net)", from the URL's host.
fn default_name(kind: ServerKind, url: &str) -> String {
    let host = url::Url::parse(url.trim())
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned));
    match host {
        Some(host) => format!("{} ({host})", kind.product_name()),
        None => kind.product_name().to_owned(),
    }
}

fn list(db: &Database) -> Result<Rendered, AppError> {
    let all = servers::list(db)?;
    let mut text = String::new();
    if all.is_empty() {
        text.push_str("No servers yet. Add one with: kakehashi server add --kind KIND --url URL\n");
    }
    for server in &all {
        let _ = writeln!(text, "{}", describe(server));
    }
    Rendered::new(&json!({ "servers": all }), text)
}

fn describe(server: &Server) -> String {
    let mut line = format!(
        "{:>3}  {:<10} {}  {}",
        server.id,
        server.kind.cli_name(),
        server.name,
        server.base_url
    );
    if let Some(alt) = &server.alt_url {
        let _ = write!(line, "  (connects via {alt})");
    }
    if let Some(fingerprint) = &server.tls.pinned_fingerprint {
        let _ = write!(line, "  trusts certificate {fingerprint}");
    }
    if server.tls.extra_ca_pem.is_some() {
        line.push_str("  + extra CA");
    }
    match &server.proxy {
        ServerProxy::System => {}
        ServerProxy::Direct => line.push_str("  no proxy"),
        ServerProxy::Custom { url } => {
            let _ = write!(line, "  proxy {url}");
        }
    }
    line
}

fn trust(db: &Database, args: &ServerTrustArgs) -> Result<Rendered, AppError> {
    let current = servers::get(db, args.id)?;
    let pinned_fingerprint = if args.forget {
        None
    } else {
        args.fingerprint.clone()
    };
    let server = servers::set_tls(
        db,
        args.id,
        &ServerTls {
            extra_ca_pem: current.tls.extra_ca_pem,
            pinned_fingerprint,
        },
    )?;
    let text = match &server.tls.pinned_fingerprint {
        Some(fp) => format!(
            "Server {} now trusts the certificate {fp}, and only that one, in addition to the system's trust store.\n",
            server.id
        ),
        None => format!(
            "Server {} no longer trusts a pinned certificate; the system's trust store decides.\n",
            server.id
        ),
    };
    Rendered::new(&server, text)
}
