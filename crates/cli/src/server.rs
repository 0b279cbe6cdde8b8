//! `kakehashi server add|list|remove|trust` (DESIGN §7).

use std::fmt::Write as _;

use kakehashi_core::paths::AppPaths;
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
        ServerCommand::Trust(args) => trust(&db, args),
    }
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
