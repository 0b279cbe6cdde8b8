//! Talking to the vendors' servers: how a stored server becomes a transport
//! endpoint, and the anonymous probe behind `kakehashi server test`.

mod endpoint;

pub use endpoint::endpoint_for;
