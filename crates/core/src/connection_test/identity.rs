//! identity: who the credential signs in as. Kakehashi never syncs back
//! what that account changes (that is how it recognises its own writes),
//! so an admin who tests with their own account would lose their own
//! edits: warn when the account looks like the person at this computer.

use super::auth::Account;
use super::findings::{Checked, Finding};
use super::model::CheckId;

pub(super) fn check(account: &Account, os_user: Option<&str>) -> Checked {
    let who = account.who();
    match os_user.filter(|user| looks_like(account, user)) {
        Some(os_user) => Checked::warning(
            CheckId::Identity,
            Finding::IdentityLooksPersonal {
                who,
                os_user: os_user.to_owned(),
            },
        ),
        None => Checked::passed(CheckId::Identity, Finding::IdentityDedicated { who }),
    }
}

/// Whether the account's login, or the part of its email before the @,
/// is the computer's user name (case does not matter: `SatoH` is `satoh`).
fn looks_like(account: &Account, os_user: &str) -> bool {
    let os_user = os_user.trim();
    if os_user.is_empty() {
        return false;
    }
    let local_part = account
        .email
        .as_deref()
        .and_then(|email| email.split('@').next());
    [account.login.as_deref(), local_part]
        .into_iter()
        .flatten()
        .any(|name| name.trim().eq_ignore_ascii_case(os_user))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::connection_test::model::CheckStatus;

    fn account(login: Option<&str>, email: Option<&str>) -> Account {
        Account {
            display_name: Some("Hanako Sato".into()),
            login: login.map(str::to_owned),
            email: email.map(str::to_owned),
            account_id: None,
        }
    }

    #[test]
    fn the_admins_own_login_or_email_warns_and_a_dedicated_account_passes() {
        let own_login = check(&account(Some("Sato.Hanako"), None), Some("sato.hanako"));
        assert_eq!(own_login.status, CheckStatus::Warning);
        assert!(matches!(
            &own_login.finding,
            Finding::IdentityLooksPersonal { os_user, .. } if os_user == "sato.hanako"
        ));
        let own_email = check(&account(None, Some("HSATO@example.co.jp")), Some("hsato"));
        assert_eq!(own_email.status, CheckStatus::Warning);

        let dedicated = check(
            &account(Some("kakehashi-sync"), Some("kakehashi-sync@example.co.jp")),
            Some("hsato"),
        );
        assert_eq!(dedicated.status, CheckStatus::Passed);
        assert!(matches!(
            &dedicated.finding,
            Finding::IdentityDedicated { who } if who == "Hanako Sato (kakehashi-sync)"
        ));
        // Someone whose user name is part of the login is not the same person.
        let longer = check(&account(Some("sato.hanako2"), None), Some("sato.hanako"));
        assert_eq!(longer.status, CheckStatus::Passed);
        assert_eq!(
            check(&account(Some("x"), None), None).status,
            CheckStatus::Passed
        );
        assert_eq!(
            check(&account(Some("x"), None), Some(" ")).status,
            CheckStatus::Passed
        );
    }
}
