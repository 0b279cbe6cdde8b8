//! emailVisibility (Jira Cloud only): whether other people's email
//! addresses are visible to the account. Kakehashi maps people between
//! servers by email; Cloud hides an address unless its owner (or the
//! organization) lets it show, and `user/search` shows what is visible.

use kakehashi_http::HttpError;

use super::auth::{Account, Session, SignedIn};
use super::findings::{Checked, Finding};
use super::model::CheckId;

/// Users read: enough to see whether addresses show at all.
const SAMPLE: u32 = 20;

pub(super) async fn check(signed: &SignedIn) -> Checked {
    let Session::Jira(client) = &signed.session else {
        // Only Jira Cloud servers get this check (see CheckId::for_server);
        // a server stored as Cloud that is something else answered the
        // product check already.
        return Checked::skipped(CheckId::EmailVisibility, CheckId::Product);
    };
    match client.search_users("", SAMPLE).await {
        Ok(users) => judge(
            &signed.account,
            users
                .iter()
                .map(|user| (user.account_id.as_deref(), user.email_address.as_deref())),
        ),
        Err(err) => warn_failed(err),
    }
}

fn warn_failed(err: HttpError) -> Checked {
    Checked::warning(
        CheckId::EmailVisibility,
        Finding::EmailFailed {
            detail: err.message,
        },
    )
}

/// `users`: (account id, email) of each user found; the caller's own
/// entry does not count (its own address is always visible to it).
fn judge<'a>(
    me: &Account,
    users: impl Iterator<Item = (Option<&'a str>, Option<&'a str>)>,
) -> Checked {
    let others: Vec<Option<&str>> = users
        .filter(|(id, _)| id.is_none() || *id != me.account_id.as_deref())
        .map(|(_, email)| email.filter(|email| !email.trim().is_empty()))
        .collect();
    let total = u32::try_from(others.len()).unwrap_or(u32::MAX);
    let visible = u32::try_from(others.iter().flatten().count()).unwrap_or(u32::MAX);
    if total == 0 {
        Checked::warning(CheckId::EmailVisibility, Finding::EmailNobodyElse)
    } else if visible == 0 {
        Checked::warning(CheckId::EmailVisibility, Finding::EmailHidden { total })
    } else {
        Checked::passed(
            CheckId::EmailVisibility,
            Finding::EmailVisible { visible, total },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::connection_test::model::CheckStatus;

    #[test]
    fn only_other_peoples_addresses_count() {
        let me = Account {
            account_id: Some("me".into()),
            ..Account::default()
        };
        let mine = (Some("me"), Some("me@example.com"));
        let hidden = judge(
            &me,
            [mine, (Some("a"), None), (Some("b"), Some(" "))].into_iter(),
        );
        assert_eq!(hidden.status, CheckStatus::Warning);
        assert_eq!(hidden.finding, Finding::EmailHidden { total: 2 });
        let some = judge(
            &me,
            [mine, (Some("a"), Some("a@example.com")), (Some("b"), None)].into_iter(),
        );
        assert_eq!(some.status, CheckStatus::Passed);
        assert_eq!(
            some.finding,
            Finding::EmailVisible {
                visible: 1,
                total: 2
            }
        );
        let alone = judge(&me, [mine].into_iter());
        assert_eq!(alone.finding, Finding::EmailNobodyElse);
    }
}
