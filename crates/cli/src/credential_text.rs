//! The text forms of credentials for `credential list` and friends: one
//! aligned table, plain words for expiry and verification. Never a secret
//! (a `Credential` has none to show).

use std::fmt::Write as _;

use kakehashi_core::workspace::credentials::{Credential, Expiry, Verification};

pub fn expiry(credential: &Credential) -> String {
    let date = credential.expires_at.as_deref().unwrap_or_default();
    match credential.expiry {
        Expiry::None => "no expiry".to_owned(),
        Expiry::Valid { days } => format!("expires {date} (in {days} days)"),
        Expiry::Soon { days: 0 } => format!("EXPIRES TODAY ({date})"),
        Expiry::Soon { days: 1 } => format!("expires tomorrow ({date})"),
        Expiry::Soon { days } => format!("expires in {days} days ({date})"),
        Expiry::Expired { days: 1 } => format!("EXPIRED yesterday ({date})"),
        Expiry::Expired { days } => format!("EXPIRED {days} days ago ({date})"),
    }
}

pub fn verification(credential: &Credential) -> String {
    if let Some(oauth) = &credential.oauth {
        if !oauth.signed_in {
            return "not signed in".to_owned();
        }
    }
    match &credential.verification {
        Verification::Never => "not verified".to_owned(),
        Verification::Verified { at, identity } => {
            format!("verified {} as {identity}", when(at))
        }
        Verification::Failed { at, code, .. } => format!("FAILED {} ({code})", when(at)),
    }
}

/// `2026-11-22T06:10:21Z` → `2026-11-22 06:10 UTC`.
pub(crate) fn when(at: &str) -> String {
    match (at.get(..10), at.get(11..16)) {
        (Some(day), Some(time)) => format!("{day} {time} UTC"),
        _ => at.to_owned(),
    }
}

/// The table of `credential list`.
pub fn table(credentials: &[Credential]) -> String {
    let header = [
        "ID",
        "SERVER",
        "KIND",
        "LABEL",
        "LOGIN",
        "SERVICE",
        "EXPIRY",
        "VERIFICATION",
    ];
    let rows: Vec<[String; 8]> = credentials
        .iter()
        .map(|c| {
            [
                c.id.to_string(),
                c.server_name.clone(),
                c.kind.as_str().to_owned(),
                c.label.clone(),
                c.login.clone().unwrap_or_else(|| "-".into()),
                if c.is_service { "yes" } else { "-" }.to_owned(),
                expiry(c),
                verification(c),
            ]
        })
        .collect();
    let mut text = crate::table::render(header, &rows);
    // Why a check failed is a sentence, too long for a column; so is how
    // to sign in.
    for credential in credentials {
        if credential
            .oauth
            .as_ref()
            .is_some_and(|oauth| !oauth.signed_in)
        {
            let _ = writeln!(
                text,
                "  {} is not signed in: kakehashi credential sign-in {}",
                credential.id, credential.id
            );
        } else if let Verification::Failed { message, .. } = &credential.verification {
            let _ = writeln!(text, "  {} failed its last check: {message}", credential.id);
        }
    }
    text
}
