//! What an admin sets up before anything syncs (DESIGN §4): servers, the
//! credentials used on them (metadata here, secrets in the keychain), and
//! connections between two servers.

pub mod connections;
pub mod credentials;
mod server_validation;
pub mod servers;
pub mod url_input;

pub use connections::{Connection, ConnectionSide, Direction, NewConnection};
pub use credentials::{Credential, CredentialInput, CredentialKind};
pub use servers::{NewServer, Server, ServerKind, ServerProxy, ServerTls};
