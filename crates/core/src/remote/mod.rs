//! Talking to the vendors' servers: how a stored server becomes a transport
//! endpoint, and the anonymous probe behind `kakehashi server test`.

mod endpoint;
mod probe;

pub use endpoint::endpoint_for;
pub use probe::{probe, AddressProbe, AddressRole, ProbeOutcome, ServerProbe};
