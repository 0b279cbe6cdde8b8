//! Record ids as the engine sees them: opaque strings, one id space per
//! side. Jira versions, sprints, issues and worklogs come from separate
//! sequences (a version and an issue may both be 10001), and a worklog or
//! a time entry can only be addressed together with its issue or user, so
//! the kind and the owner travel inside the id:
//! `version:10001`, `sprint:3`, `10005` (an issue), `worklog:10005:20001`.
//! TT NX work items keep their plain ids (one sequence for all items).

/// A Jira record id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JiraId {
    Version(String),
    Sprint(String),
    Issue(String),
    Worklog { issue: String, id: String },
}

fn digits(text: &str) -> Option<String> {
    (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.to_owned())
}

impl JiraId {
    pub fn parse(text: &str) -> Option<Self> {
        if let Some(rest) = text.strip_prefix("version:") {
            return digits(rest).map(JiraId::Version);
        }
        if let Some(rest) = text.strip_prefix("sprint:") {
            return digits(rest).map(JiraId::Sprint);
        }
        if let Some(rest) = text.strip_prefix("worklog:") {
            let (issue, id) = rest.split_once(':')?;
            return Some(JiraId::Worklog {
                issue: digits(issue)?,
                id: digits(id)?,
            });
        }
        digits(text).map(JiraId::Issue)
    }
}

impl std::fmt::Display for JiraId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JiraId::Version(id) => write!(f, "version:{id}"),
            JiraId::Sprint(id) => write!(f, "sprint:{id}"),
            JiraId::Issue(id) => f.write_str(id),
            JiraId::Worklog { issue, id } => write!(f, "worklog:{issue}:{id}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_nonsense_is_refused() {
        for text in ["version:10001", "sprint:3", "10005", "worklog:10005:20001"] {
            assert_eq!(JiraId::parse(text).unwrap().to_string(), text);
        }
        assert_eq!(JiraId::parse("WEB-1"), None);
        assert_eq!(JiraId::parse("worklog:1"), None);
        assert_eq!(JiraId::parse(""), None);
    }
}
