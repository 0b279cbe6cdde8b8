//! Talking to the vendors' servers: how a stored server becomes a transport
//! endpoint, how a stored credential becomes a client credential, and the
//! anonymous probe behind `kakehashi server test`.

pub mod credentials;
mod endpoint;
pub(crate) mod probe;

pub use credentials::{client_credentials, who_am_i, ClientCredentials, Identity};
pub use endpoint::endpoint_for;
pub use probe::{probe, AddressProbe, AddressRole, ProbeOutcome, ServerProbe};
