//! Which data a simulator starts with.

use std::str::FromStr;

/// The data set every simulator is filled with at start and on reset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Seed {
    /// Realistic data in Japanese and English for the demo workspace and docs.
    #[default]
    Demo,
    /// `N` issues (tasks, work items) and matching users, for benchmarks.
    Large(usize),
}

/// The largest `large:N` accepted; beyond it a laptop runs out of memory
/// long before a benchmark says anything useful.
pub const LARGE_MAX: usize = 1_000_000;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SeedError {
    #[error("unknown seed {0:?}: use `demo` or `large:N` (for example large:10000)")]
    Unknown(String),
    #[error(
        "`large:` needs a whole number of issues from 1 to {LARGE_MAX}, for example large:10000"
    )]
    BadCount,
}

impl FromStr for Seed {
    type Err = SeedError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("demo") {
            return Ok(Seed::Demo);
        }
        let Some(count) = text.strip_prefix("large:") else {
            return Err(SeedError::Unknown(text.to_owned()));
        };
        match count.trim().replace('_', "").parse::<usize>() {
            Ok(n) if (1..=LARGE_MAX).contains(&n) => Ok(Seed::Large(n)),
            _ => Err(SeedError::BadCount),
        }
    }
}

impl std::fmt::Display for Seed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Seed::Demo => f.write_str("demo"),
            Seed::Large(n) => write!(f, "large:{n}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_demo_and_large() {
        assert_eq!("demo".parse(), Ok(Seed::Demo));
        assert_eq!(" Demo ".parse(), Ok(Seed::Demo));
        assert_eq!("large:10000".parse(), Ok(Seed::Large(10_000)));
        assert_eq!("large:10_000".parse(), Ok(Seed::Large(10_000)));
        assert_eq!(Seed::Large(5).to_string(), "large:5");
    }

    #[test]
    fn refuses_nonsense_with_advice() {
        assert_eq!("large:0".parse::<Seed>(), Err(SeedError::BadCount));
        assert_eq!("large:x".parse::<Seed>(), Err(SeedError::BadCount));
        assert_eq!("large:2000000".parse::<Seed>(), Err(SeedError::BadCount));
        let err = "small".parse::<Seed>().unwrap_err();
        assert!(err.to_string().contains("large:N"));
    }
}
