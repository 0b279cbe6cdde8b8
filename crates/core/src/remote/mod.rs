//! Talking to the vendors' servers: how a stored server becomes a transport
//! endpoint, how a stored credential becomes a client credential, the
//! anonymous probe behind `kakehashi server test`, and the detection the
//! server wizards run on a pasted address before anything is stored, and
//! the clients signed in with a server's service credential.

mod clients;
pub mod credentials;
mod detect;
mod endpoint;
pub(crate) mod probe;

pub use clients::{jira_client, jira_sign_in, ttnx_client, JiraSignIn};
pub use credentials::{client_credentials, who_am_i, ClientCredentials, Identity};
pub use detect::{detect, DetectedServer};
pub use endpoint::endpoint_for;
pub use probe::{probe, AddressProbe, AddressRole, ProbeOutcome, ServerProbe};
