//! Compiling schemas and turning validation errors into a readable list:
//! one line per violation, JSON pointer first.

use jsonschema::error::ValidationErrorKind;
use jsonschema::{Draft, ValidationError, Validator};
use serde_json::Value;

/// Compiles `schema` with the given draft. Formats are checked, `date-time`
/// leniently.
pub fn compile(schema: &Value, draft: Draft) -> Result<Validator, String> {
    jsonschema::options()
        .with_draft(draft)
        .should_validate_formats(true)
        .with_format("date-time", lenient_date_time)
        .build(schema)
        .map_err(|e| format!("the contract's schema does not compile: {e}"))
}

/// The violations of `instance`, one line each (`/fields/summary: 5 is not of type "string"`).
pub fn violations(validator: &Validator, instance: &Value) -> Vec<String> {
    let mut lines = Vec::new();
    for error in validator.iter_errors(instance) {
        describe(&error, &mut lines);
    }
    lines
}

/// `anyOf` / `oneOf` errors say only "not valid under any of the schemas";
/// when all branches but one fail on the type alone (the `null` branch of a
/// nullable value, say), the errors of that one branch say far more.
fn describe(error: &ValidationError<'_>, lines: &mut Vec<String>) {
    let context = match error.kind() {
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            Some(context)
        }
        _ => None,
    };
    if let Some(branches) = context {
        let at = error.instance_path().to_string();
        let informative: Vec<_> = branches
            .iter()
            .filter(|branch| !wrong_type_here(branch, &at))
            .collect();
        if let [branch] = informative.as_slice() {
            for inner in branch.iter() {
                describe(inner, lines);
            }
            return;
        }
    }
    let pointer = error.instance_path().to_string();
    let pointer = if pointer.is_empty() {
        "(root)".to_owned()
    } else {
        pointer
    };
    lines.push(format!("{pointer}: {}", message(error)));
}

/// A branch that failed only because the value itself has another type.
fn wrong_type_here(branch: &[ValidationError<'_>], at: &str) -> bool {
    !branch.is_empty()
        && branch.iter().all(|e| {
            matches!(e.kind(), ValidationErrorKind::Type { .. })
                && e.instance_path().to_string() == at
        })
}

/// The message with the failing value quoted briefly: the validator quotes
/// it whole, and a whole issue is a lot of text.
fn message(error: &ValidationError<'_>) -> String {
    const MAX: usize = 120;
    let message = error.to_string();
    let quoted = error.instance().to_string();
    if quoted.chars().count() <= MAX {
        return message;
    }
    let short: String = quoted.chars().take(MAX).collect();
    message.replacen(&quoted, &format!("{short}…"), 1)
}

/// `YYYY-MM-DDTHH:MM[:SS[.fraction]]` with an optional zone: `Z`, `+09:00`
/// or `+0900` (Jira's form). TimeTracker NX work times carry no zone at all.
pub fn lenient_date_time(text: &str) -> bool {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes
            .get(range)
            .is_some_and(|b| b.iter().all(u8::is_ascii_digit))
    };
    let date_ok = digits(0..4)
        && bytes.get(4) == Some(&b'-')
        && digits(5..7)
        && bytes.get(7) == Some(&b'-')
        && digits(8..10);
    let time_ok = matches!(bytes.get(10), Some(b'T' | b't' | b' '))
        && digits(11..13)
        && bytes.get(13) == Some(&b':')
        && digits(14..16);
    if !(date_ok && time_ok) {
        return false;
    }
    let in_range = |at: usize, max: u32| text[at..at + 2].parse::<u32>().is_ok_and(|n| n <= max);
    let month_day_ok = text[5..7]
        .parse::<u32>()
        .is_ok_and(|m| (1..=12).contains(&m))
        && text[8..10]
            .parse::<u32>()
            .is_ok_and(|d| (1..=31).contains(&d));
    if !(month_day_ok && in_range(11, 23) && in_range(14, 59)) {
        return false;
    }
    let mut rest = &text[16..];
    if let Some(after) = rest.strip_prefix(':') {
        if !(after.len() >= 2
            && after.as_bytes()[..2].iter().all(u8::is_ascii_digit)
            && after[..2].parse::<u32>().is_ok_and(|s| s <= 60))
        {
            return false;
        }
        rest = &after[2..];
        if let Some(fraction) = rest.strip_prefix('.') {
            let count = fraction.bytes().take_while(u8::is_ascii_digit).count();
            if count == 0 {
                return false;
            }
            rest = &fraction[count..];
        }
    }
    match rest.as_bytes() {
        [] | [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] | [b'+' | b'-', h1, h2, m1, m2] => {
            [h1, h2, m1, m2].iter().all(|b| b.is_ascii_digit())
        }
        _ => false,
    }
}
