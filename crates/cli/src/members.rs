//! `kakehashi members list|search|export` (DESIGN §7), and what every
//! members command shares: the server's TimeTracker NX client signed in
//! with its service credential, the project named by id, code or exact
//! name, and the people named by login name or e-mail address. The
//! commands that change members are in `members_change`.

use std::path::Path;

use kakehashi_core::members::{self, Lookup, ProjectMembers, UserDirectory};
use kakehashi_core::paths::AppPaths;
use kakehashi_core::remote::ttnx_client;
use kakehashi_core::store::Database;
use kakehashi_core::workspace::Server;
use kakehashi_core::AppError;
use kakehashi_secrets::Keychain;
use kakehashi_ttnx::model::User;
use kakehashi_ttnx::TtnxClient;
use serde_json::json;

use crate::args::{MembersCommand, MembersExportArgs, MembersProjectArgs, MembersSearchArgs};
use crate::members_change;
use crate::members_text;
use crate::output::Rendered;

/// One command's connection to the server.
pub struct Session {
    pub db: Database,
    pub server: Server,
    pub client: TtnxClient,
    pub runtime: tokio::runtime::Runtime,
}

impl Session {
    pub fn open(paths: &AppPaths, server_id: u32) -> Result<Self, AppError> {
        let db = Database::open(&paths.database_path())?;
        let (server, client) = ttnx_client(&db, &Keychain, server_id)?;
        Ok(Session {
            db,
            server,
            client,
            runtime: crate::runtime::current_thread()?,
        })
    }

    /// The project named by id, code or exact name, with its members.
    pub fn members(&self, project: &str) -> Result<ProjectMembers, AppError> {
        self.runtime.block_on(async {
            let found = self.client.resolve_project(project).await?;
            members::load(&self.client, found.id.as_str()).await
        })
    }

    pub fn directory(&self) -> Result<UserDirectory, AppError> {
        self.runtime.block_on(members::user_directory(&self.client))
    }

    /// Ends a password sign-in's session on the server; an API key has none.
    fn close(self) {
        if let Err(err) = self.runtime.block_on(self.client.logout()) {
            tracing::debug!("TimeTracker NX sign-out failed: {err}");
        }
    }
}

pub fn run(paths: &AppPaths, command: &MembersCommand) -> Result<Rendered, AppError> {
    let server_id = match command {
        MembersCommand::List(args) => args.server,
        MembersCommand::Search(args) => args.server,
        MembersCommand::Add(args) => args.target.server,
        MembersCommand::Update(args) => args.target.server,
        MembersCommand::Remove(args) => args.target.server,
        MembersCommand::Import(args) => args.target.server,
        MembersCommand::Export(args) => args.target.server,
    };
    let session = Session::open(paths, server_id)?;
    let outcome = match command {
        MembersCommand::List(args) => list(&session, args),
        MembersCommand::Search(args) => search(&session, args),
        MembersCommand::Export(args) => export(&session, args),
        MembersCommand::Add(args) => members_change::add(&session, args),
        MembersCommand::Update(args) => members_change::update(&session, args),
        MembersCommand::Remove(args) => members_change::remove(&session, args),
        MembersCommand::Import(args) => members_change::import(&session, args),
    };
    session.close();
    outcome
}

fn list(session: &Session, args: &MembersProjectArgs) -> Result<Rendered, AppError> {
    let members = session.members(&args.project)?;
    let text = members_text::member_table(&members);
    Rendered::new(&members, text)
}

fn search(session: &Session, args: &MembersSearchArgs) -> Result<Rendered, AppError> {
    let project = args
        .project
        .as_deref()
        .map(|project| session.members(project))
        .transpose()?;
    let found = session.runtime.block_on(members::search_users_in(
        &session.client,
        project.as_ref(),
        &args.name,
        args.limit,
    ))?;
    let text = members_text::user_table(&found, project.is_some());
    Rendered::new(&found, text)
}

fn export(session: &Session, args: &MembersExportArgs) -> Result<Rendered, AppError> {
    let members = session.members(&args.target.project)?;
    let directory = session.directory()?;
    let csv = members::export_members_csv(&members, Some(&directory));
    let rows = members.members.len();
    if args.file == Path::new("-") {
        // With --json the CSV travels inside the one JSON document.
        return Rendered::new(&json!({ "rows": rows, "csv": csv }), csv.clone());
    }
    std::fs::write(&args.file, &csv).map_err(|err| {
        AppError::validation(
            "file",
            format!(
                "Cannot write {}: {err}. Give a path in a folder you may write to.",
                args.file.display()
            ),
        )
    })?;
    let path = args.file.display().to_string();
    let text = format!(
        "Exported {rows} members of {} to {path}.\n",
        members_text::project_label(&members.project)
    );
    Rendered::new(&json!({ "path": path, "rows": rows }), text)
}

/// The users named on the command line, each exactly once; an unknown or
/// ambiguous name refuses the command (exit 2) before anything is sent.
pub fn resolve_users<'a>(
    directory: &'a UserDirectory,
    names: &[String],
) -> Result<Vec<&'a User>, AppError> {
    let mut users: Vec<&User> = Vec::new();
    for name in names {
        let user = match directory.find(name) {
            Lookup::Found(user) => user,
            Lookup::Unknown => {
                return Err(AppError::validation(
                    "user",
                    format!("No TimeTracker NX user has the login name or e-mail address “{name}”. Find them with: kakehashi members search --server ID --name TEXT"),
                ))
            }
            Lookup::Ambiguous(fits) => {
                let names: Vec<String> = fits.iter().map(|u| members_text::user_label(u)).collect();
                return Err(AppError::validation(
                    "user",
                    format!("“{name}” fits several users ({}): give the login name instead.", names.join(", ")),
                ));
            }
        };
        if !users.iter().any(|known| known.id == user.id) {
            users.push(user);
        }
    }
    Ok(users)
}
