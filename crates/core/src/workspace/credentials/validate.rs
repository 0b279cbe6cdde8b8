//! Checks on what the user typed, each with the field to fix and what to do.
//! The same rules serve add, edit, rotate and import.

use time::{Date, Duration, Month};

use kakehashi_secrets::Sensitive;

use super::model::{CredentialKind, LoginField, SecretField};
use crate::workspace::Server;
use crate::{AppError, AppResult};

const MAX_LABEL_CHARS: usize = 200;

pub(super) fn label(raw: &str) -> AppResult<String> {
    let label = raw.trim();
    if label.is_empty() {
        return Err(AppError::validation(
            "label",
            "Give the credential a label you will recognise, for example “sync bot”.",
        ));
    }
    if label.chars().count() > MAX_LABEL_CHARS {
        return Err(AppError::validation(
            "label",
            format!("Keep the label under {MAX_LABEL_CHARS} characters."),
        ));
    }
    Ok(label.to_owned())
}

/// The client ID of an OAuth 2.0 application link (Jira) or app (Asana).
pub(super) fn client_id(raw: &str) -> AppResult<String> {
    let client_id = raw.trim();
    if client_id.is_empty() {
        return Err(AppError::validation(
            "clientId",
            "Enter the client ID of the application link (Jira) or app (Asana).",
        ));
    }
    Ok(client_id.to_owned())
}

pub(super) fn fits(kind: CredentialKind, server: &Server) -> AppResult<()> {
    if kind.fits(server.kind) {
        return Ok(());
    }
    Err(AppError::validation(
        "kind",
        format!(
            "{} does not work on {} (server “{}”). Use one of: {}.",
            capitalised(kind.describe()),
            server.kind.product_name(),
            server.name,
            super::kinds::fitting(server.kind).join(", ")
        ),
    ))
}

/// The login the kind needs (an email for Jira Cloud), trimmed; kinds that
/// need none may still record whose token it is.
pub(super) fn login(kind: CredentialKind, raw: Option<&str>) -> AppResult<Option<String>> {
    let login = raw.map(str::trim).filter(|value| !value.is_empty());
    match (kind.info().login, login) {
        (LoginField::Email, Some(email)) if !looks_like_email(email) => Err(AppError::validation(
            "login",
            format!("“{email}” is not an email address. Jira Cloud signs in with the Atlassian account's email, for example bot@example.com."),
        )),
        (LoginField::Email, None) => Err(AppError::validation(
            "login",
            "Enter the email address of the Atlassian account the API token belongs to.",
        )),
        (LoginField::Username, None) => Err(AppError::validation(
            "login",
            "Enter the user name (login name) that goes with the password.",
        )),
        // Jira sends user and password as Basic, where “:” ends the user name.
        (LoginField::Username, Some(user))
            if kind == CredentialKind::JiraDcPassword && user.contains(':') =>
        {
            Err(AppError::validation(
                "login",
                "A Jira user name cannot contain “:” for password sign-in. Use a personal access token instead.",
            ))
        }
        (_, login) => Ok(login.map(str::to_owned)),
    }
}

fn looks_like_email(value: &str) -> bool {
    match value.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !value.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

/// The secret as it goes to the keychain. Tokens and keys lose surrounding
/// whitespace (a pasted token often carries a newline); passwords are kept
/// exactly as typed.
pub(super) fn secret(
    kind: CredentialKind,
    secret: &Sensitive<String>,
) -> AppResult<Sensitive<String>> {
    let value = secret.expose();
    if value.trim().is_empty() {
        return Err(AppError::validation(
            "secret",
            "The secret is empty: paste the token, password or key.",
        ));
    }
    Ok(match kind.info().secret {
        SecretField::Password => secret.clone(),
        _ => Sensitive::new(value.trim().to_owned()),
    })
}

/// The expiry of a new or rotated secret: the date given, or the kind's
/// default life from today (Assets tokens: 90 days), or none.
pub(super) fn expiry_or_default(
    kind: CredentialKind,
    raw: Option<&str>,
    today: Date,
) -> AppResult<Option<String>> {
    match raw.map(str::trim).filter(|value| !value.is_empty()) {
        Some(date) => expiry(kind, Some(date), today, false),
        None => Ok(kind
            .info()
            .default_expiry_days
            .map(|days| format_date(today + Duration::days(i64::from(days))))),
    }
}

/// A typed expiry date: YYYY-MM-DD, not before today unless `past_allowed`
/// (an imported credential may have expired meanwhile), and within the
/// vendor's maximum life.
pub(super) fn expiry(
    kind: CredentialKind,
    raw: Option<&str>,
    today: Date,
    past_allowed: bool,
) -> AppResult<Option<String>> {
    let Some(raw) = raw.map(str::trim).filter(|value| !value.is_empty()) else {
        return Ok(None);
    };
    let date = parse_date(raw)?;
    if date < today && !past_allowed {
        return Err(AppError::validation(
            "expiresAt",
            format!(
                "{raw} is in the past. Enter the date the token stops working (today, {}, or later).",
                format_date(today)
            ),
        ));
    }
    if let Some(max_days) = kind.info().max_expiry_days {
        let latest = today + Duration::days(i64::from(max_days));
        if date > latest {
            return Err(AppError::validation(
                "expiresAt",
                format!(
                    "Atlassian API tokens expire at most a year after they are created, so {raw} cannot be right (the latest possible is {}). \
                     Copy the expiry date shown next to the token at id.atlassian.com → Security → API tokens.",
                    format_date(latest)
                ),
            ));
        }
    }
    Ok(Some(format_date(date)))
}

/// A date written as YYYY-MM-DD, strictly.
pub(super) fn parse_date(raw: &str) -> AppResult<Date> {
    let invalid = || {
        AppError::validation(
            "expiresAt",
            format!("“{raw}” is not a date. Write it as YYYY-MM-DD, for example 2026-03-31."),
        )
    };
    let bytes = raw.as_bytes();
    let shaped = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shaped {
        return Err(invalid());
    }
    let year: i32 = raw[0..4].parse().map_err(|_| invalid())?;
    let month: u8 = raw[5..7].parse().map_err(|_| invalid())?;
    let day: u8 = raw[8..10].parse().map_err(|_| invalid())?;
    let month = Month::try_from(month).map_err(|_| invalid())?;
    Date::from_calendar_date(year, month, day).map_err(|_| invalid())
}

pub(super) fn format_date(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn field(err: AppError) -> String {
        match err {
            AppError::Validation { field, .. } => field,
            other => panic!("not a validation error: {other:?}"),
        }
    }

    #[test]
    fn dates_are_strict_yyyy_mm_dd() {
        assert_eq!(parse_date("2026-02-28").unwrap(), date!(2026 - 02 - 28));
        for bad in [
            "2026-2-28",
            "2026-02-30",
            "26-02-28",
            "2026/02/28",
            "2026-13-01",
            "+026-02-28",
            "",
        ] {
            assert_eq!(field(parse_date(bad).unwrap_err()), "expiresAt", "{bad}");
        }
        assert_eq!(format_date(date!(2026 - 01 - 05)), "2026-01-05");
    }

    #[test]
    fn expiry_defaults_limits_and_the_past() {
        let today = date!(2026 - 01 - 10);
        let assets = CredentialKind::AssetsAdapters;
        assert_eq!(
            expiry_or_default(assets, None, today).unwrap().as_deref(),
            Some("2026-04-10")
        );
        assert_eq!(
            expiry_or_default(CredentialKind::AsanaPat, Some(" "), today).unwrap(),
            None
        );
        assert_eq!(
            expiry(CredentialKind::JiraDcPat, Some("2026-01-10"), today, false)
                .unwrap()
                .as_deref(),
            Some("2026-01-10"),
            "today is still valid: the token works until the end of the day"
        );
        let past = expiry(CredentialKind::JiraDcPat, Some("2026-01-09"), today, false).unwrap_err();
        assert!(past.to_string().contains("in the past"), "{past}");
        assert!(expiry(CredentialKind::JiraDcPat, Some("2026-01-09"), today, true).is_ok());

        let cloud = CredentialKind::JiraCloudToken;
        assert!(
            expiry(cloud, Some("2027-01-10"), today, false).is_ok(),
            "365 days is the limit"
        );
        let err = expiry(cloud, Some("2027-01-11"), today, false).unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains("at most a year") && message.contains("2027-01-10"),
            "{message}"
        );
        assert!(expiry(CredentialKind::JiraDcPat, Some("2030-01-01"), today, false).is_ok());
    }

    #[test]
    fn logins_follow_the_kind() {
        let cloud = CredentialKind::JiraCloudToken;
        assert_eq!(
            login(cloud, Some(" bot@example.com ")).unwrap().as_deref(),
            Some("bot@example.com")
        );
        assert_eq!(field(login(cloud, None).unwrap_err()), "login");
        assert_eq!(field(login(cloud, Some("bot")).unwrap_err()), "login");
        assert_eq!(
            field(login(CredentialKind::TtnxPassword, Some("  ")).unwrap_err()),
            "login"
        );
        assert_eq!(
            field(login(CredentialKind::JiraDcPassword, Some("a:b")).unwrap_err()),
            "login"
        );
        assert_eq!(login(CredentialKind::JiraDcPat, None).unwrap(), None);
        assert_eq!(
            login(CredentialKind::AsanaPat, Some("me@example.com"))
                .unwrap()
                .as_deref(),
            Some("me@example.com")
        );
    }

    #[test]
    fn secrets_must_not_be_blank_and_tokens_are_trimmed() {
        let token = secret(
            CredentialKind::AsanaPat,
            &Sensitive::new(" 1/23:abc\n".into()),
        )
        .unwrap();
        assert_eq!(token.expose(), "1/23:abc");
        let password =
            secret(CredentialKind::TtnxPassword, &Sensitive::new(" pw ".into())).unwrap();
        assert_eq!(password.expose(), " pw ");
        let err = secret(CredentialKind::JiraDcPat, &Sensitive::new(" \n".into())).unwrap_err();
        assert_eq!(field(err), "secret");
    }

    #[test]
    fn labels_are_trimmed_and_required() {
        assert_eq!(label("  bot ").unwrap(), "bot");
        assert_eq!(field(label(" ").unwrap_err()), "label");
        assert_eq!(field(label(&"x".repeat(201)).unwrap_err()), "label");
    }
}
