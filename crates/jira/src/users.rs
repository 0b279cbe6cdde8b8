//! Finding people: `user/search` and `user`, as the account sees them
//! (Cloud applies each person's profile visibility, so e-mail addresses
//! may be missing).

use kakehashi_http::{HttpError, Method};

use crate::client::JiraClient;
use crate::model::server::Deployment;
use crate::model::user::User;

impl JiraClient {
    /// Up to `max` active users whose name or e-mail starts with `query`
    /// (Cloud) or whose user name, name or e-mail contains it (Data
    /// Center). Cloud reads an empty query as "anyone", Data Center wants
    /// `.` for that.
    pub async fn search_users(&self, query: &str, max: u32) -> Result<Vec<User>, HttpError> {
        let name = match self.deployment() {
            Deployment::Cloud => "query",
            Deployment::DataCenter => "username",
        };
        let request = self
            .api_request(Method::GET, "user/search")
            .query(name, query)
            .query("maxResults", max.clamp(1, 1000));
        self.fetch(request).await
    }

    /// One person by the id requests name them by: the accountId on Cloud,
    /// the user name on Data Center (what a role actor carries).
    pub async fn user(&self, id: &str) -> Result<User, HttpError> {
        let name = match self.deployment() {
            Deployment::Cloud => "accountId",
            Deployment::DataCenter => "username",
        };
        let request = self.api_request(Method::GET, "user").query(name, id);
        self.fetch(request).await
    }
}
