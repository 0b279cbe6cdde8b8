//! The command line surface. It is a stable contract (DESIGN §7): add to it,
//! never rename.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use kakehashi_core::oauth::DEFAULT_REDIRECT_PORT;

#[derive(Debug, Parser)]
#[command(
    name = "kakehashi",
    version,
    about = "Kakehashi keeps Jira, TimeTracker NX and Asana in step — headless."
)]
pub struct Cli {
    /// Folder for the database and logs (default: the desktop app's data folder).
    #[arg(long, global = true, value_name = "DIR", env = "KAKEHASHI_DATA_DIR")]
    pub data_dir: Option<PathBuf>,

    /// Print one JSON document on stdout instead of text.
    #[arg(long, global = true)]
    pub json: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Versions, data folder, database schema version, and whether the OS keychain works.
    Doctor,
    /// Serve simulated Jira Cloud, Jira Data Center, TimeTracker NX and Asana
    /// servers on 127.0.0.1 until Ctrl-C or SIGTERM; prints one JSON line per server.
    Sim(SimArgs),
    /// The servers Kakehashi talks to: add, list, remove, test, trust a certificate.
    #[command(subcommand)]
    Server(ServerCommand),
    /// Credentials for the servers, their secrets in the OS keychain: add,
    /// list, verify, rotate, edit, remove, and OAuth 2.0 sign-in and
    /// sign-out. Secrets are read from standard input or KAKEHASHI_SECRET,
    /// never from arguments.
    #[command(subcommand)]
    Credential(CredentialCommand),
    /// Connections between two servers: add, list, remove, and test both
    /// sides (network, certificate, proxy, product, sign-in, identity,
    /// permissions, clock).
    #[command(subcommand)]
    Connection(ConnectionCommand),
    /// The whole workspace as a file without secrets: export it, import it
    /// on another computer.
    #[command(subcommand)]
    Workspace(WorkspaceCommand),
    /// TimeTracker NX project members: list, search users, add, change unit
    /// costs, remove, import and export CSV. Changes show a preview and ask
    /// before anything is written (--yes to skip the question, --dry-run for
    /// the preview only); every apply is kept in the member audit log. Signs
    /// in with the server's service credential.
    #[command(subcommand)]
    Members(MembersCommand),
    /// Sync profiles (Jira ↔ TimeTracker NX): add one with its scope and
    /// policies — the value and user maps are pre-filled from what matches
    /// on both servers — list them, remove one.
    #[command(subcommand)]
    Profile(ProfileCommand),
    /// Run a sync profile once, or undo its last run. Shows the plan and
    /// asks before anything is written (--yes to skip the question,
    /// --dry-run for the plan only). Ctrl-C stops cleanly; the next run
    /// resumes from the journal.
    #[command(subcommand)]
    Sync(SyncCommand),
    /// Run every profile on its schedule without a window, on the same data
    /// folder and keychain as the app, until Ctrl-C or SIGTERM. Logs to the
    /// app's log folder and to stderr; prints one line when ready. Profiles
    /// added or changed meanwhile are picked up within a minute. A profile
    /// is scheduled only after its first run by hand (`sync run`).
    Daemon(DaemonArgs),
}

/// `kakehashi daemon` takes no options of its own: `--data-dir` and
/// `--json` (the readiness line as JSON) are global.
#[derive(Debug, clap::Args)]
pub struct DaemonArgs {}

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// Add a Jira ↔ TimeTracker NX profile. Nothing is written to the
    /// servers; they are read to check the scope and suggest the maps.
    Add(ProfileAddArgs),
    /// Every profile with its connection, scope, schedule and last run.
    List,
    /// Remove a profile with its links, journal and problems (the synced
    /// items stay on both servers).
    Remove {
        /// The profile's name or id (see `profile list`).
        name: String,
    },
}

#[derive(Debug, clap::Args)]
pub struct ProfileAddArgs {
    /// A name to recognise it by, e.g. "WEB ↔ Webサイト刷新".
    #[arg(long, value_name = "NAME")]
    pub name: String,
    /// The Jira ↔ TimeTracker NX connection (see `connection list`).
    #[arg(long, value_name = "NAME")]
    pub connection: String,
    /// The Jira project's key, e.g. WEB.
    #[arg(long, value_name = "KEY")]
    pub jira_project: String,
    /// The TimeTracker NX project's id, code or exact name.
    #[arg(long, value_name = "PROJECT")]
    pub ttnx_project: String,
    /// The folder directly under the project that mirrors the Jira project
    /// (id or exact name); may be left out when the project has exactly
    /// one top-level folder.
    #[arg(long, value_name = "FOLDER")]
    pub ttnx_folder: Option<String>,
    /// What the items directly under the folder stand for in Jira.
    #[arg(long, value_name = "version|sprint", default_value = "version")]
    pub group_by: GroupByArg,
    /// The Jira board whose sprints are the groups (needed with --group-by sprint).
    #[arg(long, value_name = "ID")]
    pub board: Option<String>,
    /// How often the app runs it: off, or every N minutes or hours (15m,
    /// 1h, 90m; at least 5 minutes).
    #[arg(long, value_name = "off|15m|1h|Nm", default_value = "off")]
    pub schedule: String,
    /// Sync worklogs ↔ time entries too.
    #[arg(long)]
    pub worklogs: bool,
    /// The mass-change breaker: pause when a run would delete, close or
    /// reassign more than PCT percent of the linked items.
    #[arg(long, value_name = "PCT", default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub threshold: u32,
    /// When both sides changed the same field: the newest change wins, a
    /// side wins (left/right, as in the connection), or ask (a problem to
    /// settle).
    #[arg(long, value_name = "newest|left|right|ask", default_value = "newest")]
    pub conflict: ConflictArg,
    /// When a synced item is deleted on one side: ignore it (unlink),
    /// mirror it (delete the other one too), or archive the other one.
    #[arg(long, value_name = "ignore|mirror|archive", default_value = "ignore")]
    pub deletion: DeletionArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GroupByArg {
    Version,
    Sprint,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ConflictArg {
    Newest,
    Left,
    Right,
    Ask,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DeletionArg {
    Ignore,
    Mirror,
    Archive,
}

#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// Read both sides, plan, show the plan, ask, apply. Exits 1 when the
    /// run ends with problems (listed), is paused by the mass-change
    /// breaker, cancelled or failed.
    Run(SyncRunArgs),
    /// Undo the profile's last run: items it created are deleted, fields it
    /// changed get their earlier values (deletions cannot be undone).
    Undo(SyncUndoArgs),
}

#[derive(Debug, clap::Args)]
pub struct SyncRunArgs {
    /// The profile's name or id (see `profile list`).
    pub profile: String,
    /// Apply without asking (required when standard input is not a terminal).
    #[arg(long)]
    pub yes: bool,
    /// Only read and plan; write nothing to the servers.
    #[arg(long, conflicts_with = "yes")]
    pub dry_run: bool,
    /// Go ahead although the mass-change breaker tripped (the run would
    /// delete, close or reassign more than the profile's threshold, or a
    /// side suddenly returns nothing).
    #[arg(long)]
    pub allow_mass_change: bool,
}

#[derive(Debug, clap::Args)]
pub struct SyncUndoArgs {
    /// The profile's name or id (see `profile list`).
    pub profile: String,
    /// Undo without asking (required when standard input is not a terminal).
    #[arg(long)]
    pub yes: bool,
    /// Only show what the undo would do.
    #[arg(long, conflicts_with = "yes")]
    pub dry_run: bool,
}

#[derive(Debug, Subcommand)]
pub enum CredentialCommand {
    /// Store a credential for a server. The secret comes from standard input
    /// (prompted on a terminal) or the environment variable KAKEHASHI_SECRET.
    Add(CredentialAddArgs),
    /// Every credential with its server, kind, service role, expiry and last
    /// verification. Never a secret.
    List,
    /// Remove a credential and its keychain entry.
    Remove {
        /// The credential's id (see `credential list`).
        id: u32,
    },
    /// Sign in to the server with the credential and record who it is.
    Verify {
        /// The credential's id (see `credential list`).
        id: u32,
    },
    /// Replace the secret (from standard input or KAKEHASHI_SECRET) and verify it at once.
    Rotate(CredentialRotateArgs),
    /// Change the label, login, expiry date or service role.
    Edit(CredentialEditArgs),
    /// Sign in through the browser for an OAuth 2.0 credential
    /// (jira-dc-oauth, asana-oauth), or switch an existing one's account.
    ///
    /// A new credential needs --server, --kind, --label and --client-id; the
    /// client secret, where the app has one, comes from standard input or
    /// KAKEHASHI_SECRET (empty for a Jira public client). "Switch account"
    /// takes only the ID of an existing OAuth credential. Prints the
    /// redirect URL to register and the sign-in address on stderr, opens the
    /// system browser (not with KAKEHASHI_NO_BROWSER=1), waits at most 5
    /// minutes (Ctrl-C cancels), stores the tokens in the keychain and
    /// verifies them at once.
    #[command(
        override_usage = "kakehashi credential sign-in --server ID --kind KIND --label LABEL --client-id ID [--redirect-port PORT] [--service]\n       kakehashi credential sign-in ID"
    )]
    SignIn(CredentialSignInArgs),
    /// Sign an OAuth 2.0 credential out; it stays, to sign in again.
    ///
    /// Asana revokes the grant; Jira Data Center cannot, so the tokens are
    /// forgotten here and you are told where to revoke them.
    SignOut {
        /// The credential's id (see `credential list`).
        id: u32,
    },
}

#[derive(Debug, clap::Args)]
pub struct CredentialAddArgs {
    /// The server's id (see `server list`).
    #[arg(long, value_name = "ID")]
    pub server: u32,
    /// jira-cloud-token, jira-dc-password, jira-dc-pat, jira-dc-oauth,
    /// ttnx-api-key, ttnx-password, asana-pat, asana-oauth, assets-adapters,
    /// assets-cleanse-import or assets-basic.
    #[arg(long, value_name = "KIND")]
    pub kind: String,
    /// A name to recognise it by, e.g. "sync bot".
    #[arg(long, value_name = "LABEL")]
    pub label: String,
    /// The email (Jira Cloud) or user name (passwords) it signs in with.
    #[arg(long, value_name = "LOGIN")]
    pub login: Option<String>,
    /// The last day the token works (YYYY-MM-DD). Assets tokens default to 90 days.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub expires: Option<String>,
    /// Make it the server's service credential, which every connection on the
    /// server uses unless it names its own; replaces the previous one.
    #[arg(long)]
    pub service: bool,
}

/// `credential sign-in`: either the ID of an existing OAuth credential
/// (Switch account) or everything a new one needs, never both.
#[derive(Debug, clap::Args)]
pub struct CredentialSignInArgs {
    /// Switch account: sign in again into this OAuth credential (its server,
    /// client ID and redirect port stay; the client secret too unless a new
    /// one is given).
    #[arg(
        value_name = "ID",
        conflicts_with_all = ["server", "kind", "label", "client_id", "redirect_port", "service"]
    )]
    pub id: Option<u32>,
    /// The server's id (see `server list`).
    #[arg(long, value_name = "ID", required_unless_present = "id")]
    pub server: Option<u32>,
    /// jira-dc-oauth (a Jira Data Center incoming application link) or
    /// asana-oauth (an Asana app).
    #[arg(long, value_name = "KIND", required_unless_present = "id")]
    pub kind: Option<String>,
    /// A name to recognise it by, e.g. "sync bot".
    #[arg(long, value_name = "LABEL", required_unless_present = "id")]
    pub label: Option<String>,
    /// The client ID of the application link (Jira) or app (Asana).
    #[arg(long, value_name = "ID", required_unless_present = "id")]
    pub client_id: Option<String>,
    /// The loopback port of the redirect URL http://127.0.0.1:PORT/callback
    /// registered with the provider.
    #[arg(long, value_name = "PORT", default_value_t = DEFAULT_REDIRECT_PORT)]
    pub redirect_port: u16,
    /// Make it the server's service credential (replaces the previous one).
    #[arg(long)]
    pub service: bool,
}

#[derive(Debug, clap::Args)]
pub struct CredentialRotateArgs {
    /// The credential's id (see `credential list`).
    pub id: u32,
    /// The last day the new token works (YYYY-MM-DD). Without it: the kind's
    /// default (Assets: 90 days) or no expiry.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub expires: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct CredentialEditArgs {
    /// The credential's id (see `credential list`).
    pub id: u32,
    #[arg(long, value_name = "LABEL")]
    pub label: Option<String>,
    #[arg(long, value_name = "LOGIN")]
    pub login: Option<String>,
    /// A new last day (YYYY-MM-DD); the expiry reminders start over.
    #[arg(long, value_name = "YYYY-MM-DD", conflicts_with = "no_expiry")]
    pub expires: Option<String>,
    /// The token does not expire.
    #[arg(long)]
    pub no_expiry: bool,
    /// Make it the server's service credential (replaces the previous one).
    #[arg(long, conflicts_with = "no_service")]
    pub service: bool,
    /// It is no longer the server's service credential.
    #[arg(long)]
    pub no_service: bool,
}

#[derive(Debug, Subcommand)]
pub enum ConnectionCommand {
    /// Join two registered servers. Each side signs in with the server's
    /// service credential unless --left-credential/--right-credential names
    /// another one. Nothing is sent to the servers; `connection test` checks.
    Add(ConnectionAddArgs),
    /// Every connection with its servers, credentials, direction and last test.
    List,
    /// Remove a connection (its servers and credentials stay).
    Remove {
        /// The connection's name (see `connection list`).
        name: String,
    },
    /// Test both sides and print the checklist as it fills in; exits 1 when
    /// a check failed. The result is kept and shown by `connection list` and
    /// the app.
    Test {
        /// The connection's name (see `connection list`).
        name: String,
    },
}

#[derive(Debug, clap::Args)]
pub struct ConnectionAddArgs {
    /// A name to recognise it by, e.g. "Jira ↔ TimeTracker".
    #[arg(long, value_name = "NAME")]
    pub name: String,
    /// The left server's id (see `server list`).
    #[arg(long, value_name = "SERVER_ID")]
    pub left: u32,
    /// The right server's id.
    #[arg(long, value_name = "SERVER_ID")]
    pub right: u32,
    /// The credential the left side signs in with (default: the left
    /// server's service credential).
    #[arg(long, value_name = "ID")]
    pub left_credential: Option<u32>,
    /// The credential the right side signs in with (default: the right
    /// server's service credential).
    #[arg(long, value_name = "ID")]
    pub right_credential: Option<u32>,
    /// both, left-to-right or right-to-left.
    #[arg(long, value_name = "DIRECTION", default_value = "both")]
    pub direction: String,
}

#[derive(Debug, Subcommand)]
pub enum WorkspaceCommand {
    /// Write servers, credentials (without their secrets) and connections to a file.
    Export {
        #[arg(long, value_name = "FILE")]
        file: PathBuf,
    },
    /// Add what a workspace file holds. Shows what it will do and asks, unless
    /// --yes; the secrets of its credentials are read from standard input,
    /// one line per credential that needs one, in the file's order (prompted
    /// on a terminal). OAuth credentials sign in afterwards.
    Import {
        #[arg(long, value_name = "FILE")]
        file: PathBuf,
        /// Import without asking.
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ServerCommand {
    /// Register a server. Nothing is sent to it; `server test` checks it.
    Add(ServerAddArgs),
    /// Every registered server with its URLs, trust and proxy settings.
    List,
    /// Remove a server, its credentials (keychain entries included) and its connections.
    Remove {
        /// The server's id (see `server list`).
        id: u32,
    },
    /// Reach the server without signing in: which address answers, whether its
    /// certificate is trusted, the proxy, and the product and version.
    Test {
        /// The server's id (see `server list`).
        id: u32,
    },
    /// Trust the certificate with this SHA-256 fingerprint for this server only
    /// (as shown by `server test` for an untrusted certificate), or forget it.
    Trust(ServerTrustArgs),
}

#[derive(Debug, clap::Args)]
pub struct ServerAddArgs {
    /// jira-cloud, jira-dc, ttnx or asana.
    #[arg(long, value_name = "KIND")]
    pub kind: String,
    /// The address users know; links point here.
    #[arg(long, value_name = "URL")]
    pub url: String,
    /// The address this computer connects to instead, when the public one is
    /// not reachable from here.
    #[arg(long, value_name = "URL")]
    pub alt_url: Option<String>,
    /// A name to recognise it by (default: the product and host).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// TimeTracker NX: the server's time zone (IANA name, e.g. Asia/Tokyo);
    /// its work times carry no offset.
    #[arg(long, value_name = "TZ")]
    pub time_zone: Option<String>,
    /// PEM file with CA certificates to trust for this server (a company CA).
    #[arg(long, value_name = "PEM")]
    pub ca_file: Option<PathBuf>,
    /// `system` (default: HTTPS_PROXY/NO_PROXY and OS settings), `direct`, or a proxy URL.
    #[arg(long, value_name = "system|direct|URL")]
    pub proxy: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ServerTrustArgs {
    /// The server's id (see `server list`).
    pub id: u32,
    /// SHA-256 fingerprint, e.g. AB:CD:… (64 hex digits; colons optional).
    #[arg(long, value_name = "SHA256", required_unless_present = "forget")]
    pub fingerprint: Option<String>,
    /// Stop trusting the pinned certificate.
    #[arg(long, conflicts_with = "fingerprint")]
    pub forget: bool,
}

#[derive(Debug, clap::Args)]
pub struct SimArgs {
    /// Delay added to every answer, in milliseconds.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub latency_ms: u64,

    /// A further random delay of up to N milliseconds (deterministic per --random-seed).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub jitter_ms: u64,

    /// Share of requests (0.0–1.0) answered with a fault: 500, 502, 503,
    /// connection reset, timeout, malformed or truncated JSON.
    #[arg(long, value_name = "RATE", default_value_t = 0.0)]
    pub faults: f64,

    /// Only these faults (comma-separated: error500,error502,error503,reset,timeout,malformed,truncated).
    #[arg(long, value_name = "KINDS", value_delimiter = ',')]
    pub fault_kinds: Vec<String>,

    /// Requests per minute each server accepts before answering 429 with Retry-After.
    #[arg(long, value_name = "N")]
    pub rate_limit: Option<u32>,

    /// Seed of the fault and jitter generator: the same seed gives the same faults.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub random_seed: u64,

    /// The data the servers start with: `demo`, or `large:N` for N issues and matching users.
    #[arg(long, value_name = "demo|large:N", default_value = "demo")]
    pub seed: String,

    /// First port: the servers listen on P, P+1, P+2, P+3 (jira-cloud, jira-dc,
    /// ttnx, asana). Default: free ports.
    #[arg(long, value_name = "P")]
    pub port: Option<u16>,
}

#[derive(Debug, Subcommand)]
pub enum MembersCommand {
    /// A project's members: name, login, organisation, unit cost (the
    /// system default marked) and member since.
    List(MembersProjectArgs),
    /// TimeTracker NX users whose name, e-mail address or organisation
    /// contains TEXT; with --project, who is a member already.
    Search(MembersSearchArgs),
    /// Add users to a project, each at --unit-cost or the system default.
    Add(MembersAddArgs),
    /// Change members' unit costs: to a value, by a percentage, or back to
    /// the system default.
    Update(MembersUpdateArgs),
    /// Remove members from a project.
    Remove(MembersRemoveArgs),
    /// Add members and set unit costs from a CSV file (or - for standard
    /// input): a login name or e-mail address and a unit cost per row, by
    /// header (login, email, unitCost, ログイン名, メール, 単価 …) or, without
    /// one, user then cost; `,` `;` or tab between the columns. Bad rows are
    /// listed and nothing is applied (exit 2).
    Import(MembersImportArgs),
    /// Write the members as CSV (login, email, name, organization,
    /// unitCost, memberSince), to a file or - for standard output.
    Export(MembersExportArgs),
}

#[derive(Debug, clap::Args)]
pub struct MembersProjectArgs {
    /// The TimeTracker NX server's id (see `server list`).
    #[arg(long, value_name = "ID")]
    pub server: u32,
    /// The project's id, code or exact name.
    #[arg(long, value_name = "PROJECT")]
    pub project: String,
}

#[derive(Debug, clap::Args)]
pub struct MembersSearchArgs {
    /// The TimeTracker NX server's id (see `server list`).
    #[arg(long, value_name = "ID")]
    pub server: u32,
    /// Part of a name, e-mail address or organisation; empty for everyone.
    #[arg(long, value_name = "TEXT")]
    pub name: String,
    /// Mark who is a member of this project (id, code or exact name).
    #[arg(long, value_name = "PROJECT")]
    pub project: Option<String>,
    /// Show at most N users (1–200).
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub limit: u32,
}

/// How a change is confirmed.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct ConfirmArgs {
    /// Apply without asking (required when standard input is not a terminal).
    #[arg(long)]
    pub yes: bool,
    /// Only show the preview; change nothing.
    #[arg(long, conflicts_with = "yes")]
    pub dry_run: bool,
}

#[derive(Debug, clap::Args)]
pub struct MembersAddArgs {
    #[command(flatten)]
    pub target: MembersProjectArgs,
    /// A login name or e-mail address; repeat for several users.
    #[arg(long = "user", value_name = "LOGIN", required = true)]
    pub users: Vec<String>,
    /// Their unit cost (e.g. 5000, 5,000.50 or 5000,50); without it the system default.
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub unit_cost: Option<String>,
    #[command(flatten)]
    pub confirm: ConfirmArgs,
}

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("cost").required(true).args(["unit_cost", "percent", "default"])))]
pub struct MembersUpdateArgs {
    #[command(flatten)]
    pub target: MembersProjectArgs,
    /// A member's login name or e-mail address; repeat for several.
    #[arg(long = "user", value_name = "LOGIN", required = true)]
    pub users: Vec<String>,
    /// The new unit cost (e.g. 5000, 5,000.50 or 5000,50).
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub unit_cost: Option<String>,
    /// Change each one's unit cost by P percent (10 raises by a tenth, -10
    /// lowers), from their own cost or else the project's default; rounded
    /// to two decimals.
    #[arg(long, value_name = "P", allow_negative_numbers = true)]
    pub percent: Option<f64>,
    /// Back to the system default.
    #[arg(long)]
    pub default: bool,
    #[command(flatten)]
    pub confirm: ConfirmArgs,
}

#[derive(Debug, clap::Args)]
pub struct MembersRemoveArgs {
    #[command(flatten)]
    pub target: MembersProjectArgs,
    /// A member's login name or e-mail address; repeat for several.
    #[arg(long = "user", value_name = "LOGIN", required = true)]
    pub users: Vec<String>,
    #[command(flatten)]
    pub confirm: ConfirmArgs,
}

#[derive(Debug, clap::Args)]
pub struct MembersImportArgs {
    #[command(flatten)]
    pub target: MembersProjectArgs,
    /// The CSV file (UTF-8), or - for standard input (then --yes or --dry-run).
    #[arg(long, value_name = "CSV")]
    pub file: PathBuf,
    /// Also remove every member the file does not name.
    #[arg(long)]
    pub remove_missing: bool,
    #[command(flatten)]
    pub confirm: ConfirmArgs,
}

#[derive(Debug, clap::Args)]
pub struct MembersExportArgs {
    #[command(flatten)]
    pub target: MembersProjectArgs,
    /// Where to write the CSV; - for standard output.
    #[arg(long, value_name = "CSV")]
    pub file: PathBuf,
}
