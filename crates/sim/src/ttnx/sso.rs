//! The one single-sign-on-only user of the demo seed: `suzuki.sso`, a
//! member whose company signs in through SAML, so the server has "allow
//! local authentication" off for them. Password logins (Basic and
//! `POST /auth/token`) are refused whatever the password; the API key
//! works. It exists so a connection test can tell "wrong password" from
//! "this account cannot use a password at all".
//!
//! Only TT NX knows this person: the shared people list (`crate::people`)
//! stays as it is, so Jira and Asana seeds, and every count derived from
//! them, are unchanged.

use crate::people::{people, Person, Role};
use crate::Seed;

/// Login of the SSO-only user.
pub const SSO_LOGIN: &str = "suzuki.sso";

/// What the server answers a password login of an SSO-only user, worded
/// like the vendor's other 401 messages.
pub const LOCAL_LOGIN_REFUSED: &str =
    "このユーザーはローカル認証が許可されていません。シングルサインオン (SSO) でログインするか、API キーを使用してください。";

/// The SSO-only person of the demo seed (API key: [`api_key`] of it).
/// Its number, and so its TT NX user id, comes after everyone of the shared
/// list.
///
/// [`api_key`]: super::api_key
pub fn sso_only_person() -> Person {
    Person {
        number: people(Seed::Demo).len() as u32 + 1,
        login: SSO_LOGIN.to_owned(),
        email: format!("{SSO_LOGIN}@example.co.jp"),
        name_en: "Sho Suzuki".to_owned(),
        name_ja: "鈴木 翔".to_owned(),
        time_zone: "Asia/Tokyo",
        organization: "開発部",
        role: Role::Member,
    }
}
