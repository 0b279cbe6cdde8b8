//! Recognising a Jira server without signing in, for "server test":
//! anonymous `serverInfo` says Cloud or Data Center and which version.

use kakehashi_http::{Endpoint, HttpClient, HttpError};

use crate::client::server_info;
use crate::errors::JiraDecoder;
use crate::model::server::ServerInfo;

/// What the server at `endpoint` says about itself. No credential is sent;
/// a site that hides `serverInfo` from anonymous users answers 401 or 403.
pub async fn probe(endpoint: Endpoint) -> Result<ServerInfo, HttpError> {
    let http = HttpClient::new(endpoint, JiraDecoder)?;
    server_info(&http, None).await
}
