//! `users/me`: who the credential belongs to (the connection test, and the
//! echo guard's "changes by the technical user are not changes").

use kakehashi_http::HttpError;

use crate::client::AsanaClient;
use crate::model::User;

const USER_FIELDS: &str = "name,email,workspaces.name";

impl AsanaClient {
    /// The user the credential signs in as, with their workspaces.
    pub async fn me(&self) -> Result<User, HttpError> {
        self.get_data("users/me", Some(USER_FIELDS)).await
    }
}
