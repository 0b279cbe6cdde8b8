//! Unit costs as people write them — in a CSV from a spreadsheet, or on
//! the command line — and as the CSV export writes them.
//!
//! Accepted: `5000`, `5,000`, `5.000` (thousands), `5000.50`, `5000,50`,
//! `5 000,50` (spaces or no-break spaces), `5'000.50` (Swiss), `1.234,50`,
//! `¥5,000`, `5000円`, full-width digits (`５０００`). Empty means the
//! system default. A lone separator followed by exactly three digits after
//! one to three leading digits (`5,000`, `1.234`) is read as a THOUSANDS
//! separator: unit costs are kept to two decimals, so `5,000` meaning five
//! is far less likely than meaning five thousand. The export writes costs
//! so that this rule never misreads them (see [`format_cost`]).

use crate::{AppError, AppResult};

fn bad(text: &str) -> AppError {
    AppError::validation(
        "unitCost",
        format!("“{text}” is not a unit cost: write a number of 0 or more, like 5000 or 5,000.50, or leave it empty for the system default."),
    )
}

/// Full-width ASCII (`５`, `，`, `．`, `－`) and the ideographic space as
/// their ASCII forms; everything else as it is.
fn half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            other => other,
        })
        .collect()
}

/// A unit cost from text: `None` for empty (the system default).
pub fn parse_unit_cost(text: &str) -> AppResult<Option<f64>> {
    let shown = text.trim();
    let plain = half_width(shown);
    let mut plain = plain.trim();
    if plain.is_empty() {
        return Ok(None);
    }
    plain = plain
        .trim_start_matches(['¥', '￥'])
        .trim_end_matches('円')
        .trim();
    if plain.starts_with(['-', '−']) || (plain.starts_with('(') && plain.ends_with(')')) {
        return Err(AppError::validation(
            "unitCost",
            format!("A unit cost cannot be negative (“{shown}”): write 0 or more, or leave it empty for the system default."),
        ));
    }
    let digits: String = plain
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{A0}' | '\u{202F}' | '\u{2009}' | '\'' | '’'))
        .collect();
    if digits.is_empty()
        || !digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(bad(shown));
    }
    let number = canonical(&digits).ok_or_else(|| bad(shown))?;
    let cost: f64 = number.parse().map_err(|_| bad(shown))?;
    if !cost.is_finite() {
        return Err(bad(shown));
    }
    Ok(Some(cost))
}

/// `digits` (digits, `.` and `,` only) as `1234.5`, or `None` when the
/// separators make no sense.
fn canonical(digits: &str) -> Option<String> {
    let last_dot = digits.rfind('.');
    let last_comma = digits.rfind(',');
    let count = |sep: char| digits.matches(sep).count();
    let (thousands, decimal) = match (last_dot, last_comma) {
        (None, None) => (None, None),
        // Both: the last one is the decimal separator.
        (Some(dot), Some(comma)) if dot > comma => (Some(','), Some('.')),
        (Some(_), Some(_)) => (Some('.'), Some(',')),
        (Some(_), None) | (None, Some(_)) => {
            let sep = if last_dot.is_some() { '.' } else { ',' };
            if count(sep) > 1 {
                (Some(sep), None)
            } else {
                let (int, frac) = digits.split_once(sep)?;
                let grouped =
                    frac.len() == 3 && (1..=3).contains(&int.len()) && !int.starts_with('0');
                if grouped {
                    (Some(sep), None)
                } else {
                    (None, Some(sep))
                }
            }
        }
    };
    let (int, frac) = match decimal {
        Some(sep) => {
            if count(sep) != 1 {
                return None;
            }
            let (int, frac) = digits.split_once(sep)?;
            (int, Some(frac))
        }
        None => (digits, None),
    };
    let int = match thousands {
        Some(sep) => {
            let groups: Vec<&str> = int.split(sep).collect();
            let first_ok = (1..=3).contains(&groups[0].len());
            if !first_ok || groups[1..].iter().any(|g| g.len() != 3) {
                return None;
            }
            groups.concat()
        }
        None => int.to_owned(),
    };
    if !int.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    match frac {
        Some(frac) if frac.is_empty() || !frac.chars().all(|c| c.is_ascii_digit()) => None,
        Some(frac) if int.is_empty() => Some(format!("0.{frac}")),
        Some(frac) => Some(format!("{int}.{frac}")),
        None if int.is_empty() => None,
        None => Some(int),
    }
}

/// A cost as the CSV export writes it: plain digits with a `.` decimal
/// point. A cost that [`parse_unit_cost`] would read as thousands
/// (`1.234`, three decimals behind one to three digits) gets a trailing
/// zero (`1.2340`), so an exported file always reads back the same.
pub fn format_cost(cost: f64) -> String {
    let text = cost.to_string();
    match text.split_once('.') {
        Some((int, frac))
            if frac.len() == 3 && (1..=3).contains(&int.len()) && !int.starts_with('0') =>
        {
            format!("{text}0")
        }
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cost(text: &str) -> Option<f64> {
        parse_unit_cost(text).unwrap_or_else(|err| panic!("{text}: {err}"))
    }

    #[test]
    fn numbers_in_several_locales() {
        let cases = [
            ("5000", 5000.0),
            (" 5000 ", 5000.0),
            ("5,000", 5000.0),
            ("5.000", 5000.0),
            ("5000.5", 5000.5),
            ("5000,50", 5000.5),
            ("5,000.50", 5000.5),
            ("5.000,50", 5000.5),
            ("1,234,567.25", 1_234_567.25),
            ("1.234.567", 1_234_567.0),
            ("5 000,50", 5000.5),
            ("5\u{A0}000", 5000.0),
            ("5\u{202F}000,5", 5000.5),
            ("5'000.50", 5000.5),
            ("¥5,000", 5000.0),
            ("5000円", 5000.0),
            ("５，０００", 5000.0),
            ("４８００．５", 4800.5),
            ("0", 0.0),
            ("0,5", 0.5),
            (".5", 0.5),
            ("0.125", 0.125),
            ("1,2345", 1.2345),
            ("12.3456", 12.3456),
            ("1234.567", 1234.567),
        ];
        for (text, expected) in cases {
            assert_eq!(cost(text), Some(expected), "{text}");
        }
        assert_eq!(cost(""), None);
        assert_eq!(cost("  "), None);
        assert_eq!(cost("\u{3000}"), None);
    }

    #[test]
    fn negative_and_malformed_numbers_are_refused_with_advice() {
        for text in ["-5", "−5", "(5)", "－５０００"] {
            let err = parse_unit_cost(text).unwrap_err();
            assert!(err.to_string().contains("negative"), "{text}: {err}");
        }
        for text in [
            "abc",
            "5e3",
            "5,00,000",
            "1.2.3,4,5",
            "5.",
            "12,34,56",
            ",",
            "5 000x",
            "1,000.000,5",
            "NaN",
            "inf",
        ] {
            let err = parse_unit_cost(text).unwrap_err();
            assert_eq!(err.code(), "Validation", "{text}");
            assert!(err.to_string().contains("not a unit cost"), "{text}: {err}");
        }
    }

    #[test]
    fn the_export_format_reads_back_the_same() {
        for value in [
            0.0, 5000.0, 5000.5, 1.234, 999.999, 123.456, 0.125, 3333.33, 1e15,
        ] {
            let text = format_cost(value);
            assert_eq!(cost(&text), Some(value), "{value} → {text}");
        }
        assert_eq!(format_cost(1.234), "1.2340");
        assert_eq!(format_cost(5000.0), "5000");
    }
}
