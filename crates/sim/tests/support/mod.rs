//! Helpers shared by the integration tests. Every test binary includes this
//! module (`mod support;`) and uses only part of it, hence `dead_code`.
#![allow(dead_code)]

pub mod http;
