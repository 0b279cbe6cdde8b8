//! The JQL subset the simulators understand, parsed against the site's data
//! so that unknown values are refused the way Jira refuses them:
//!
//! - fields `project`, `key` (`issuekey`, `id`), `issuetype` (`type`),
//!   `status`, `assignee` with `=`, `!=`, `IN`, `NOT IN` (and `IS [NOT]
//!   EMPTY` for `assignee`, `currentUser()` as a value);
//! - `created` and `updated` with `>=`, `>`, `<`, `<=` against epoch
//!   milliseconds, `"yyyy-MM-dd HH:mm"` / `"yyyy/MM/dd HH:mm"` / a date
//!   (minute precision, read in the SEARCHING user's profile time zone) or a
//!   relative period such as `-1d` or `"-4h 30m"`;
//! - `AND`, `OR`, `NOT`, parentheses; `ORDER BY field [ASC|DESC], ...`.
//!
//! Anything else is answered with Jira's 400 error shape and a message that
//! says what is not supported.

use std::cmp::Ordering;

use jiff::civil::{Date, DateTime, Time};

use super::catalog::{IssueType, Status};
use super::errors::ApiError;
use super::state::Shared;
use super::store::{Issue, PersonIx, Store};
use super::time::{local_to_millis, parse_relative, Millis};
use super::users::find_person;

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Quoted(String),
    Open,
    Close,
    Comma,
    Op(&'static str),
}

impl Token {
    fn describe(&self) -> String {
        match self {
            Token::Word(w) => w.clone(),
            Token::Quoted(q) => format!("\"{q}\""),
            Token::Open => "(".into(),
            Token::Close => ")".into(),
            Token::Comma => ",".into(),
            Token::Op(op) => (*op).into(),
        }
    }

    fn is_word(&self, keyword: &str) -> bool {
        matches!(self, Token::Word(w) if w.eq_ignore_ascii_case(keyword))
    }
}

fn jql_error(message: impl Into<String>) -> ApiError {
    ApiError::bad_request(message)
}

fn tokenize(text: &str) -> Result<Vec<Token>, ApiError> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            _ if c.is_whitespace() => i += 1,
            '(' => {
                tokens.push(Token::Open);
                i += 1;
            }
            ')' => {
                tokens.push(Token::Close);
                i += 1;
            }
            ',' => {
                tokens.push(Token::Comma);
                i += 1;
            }
            '"' | '\'' => {
                let mut value = String::new();
                i += 1;
                loop {
                    match chars.get(i) {
                        None => return Err(jql_error(format!("Error in the JQL Query: The quoted string starting at character {} is not closed.", i))),
                        Some('\\') => {
                            if let Some(next) = chars.get(i + 1) {
                                value.push(*next);
                            }
                            i += 2;
                        }
                        Some(q) if *q == c => {
                            i += 1;
                            break;
                        }
                        Some(other) => {
                            value.push(*other);
                            i += 1;
                        }
                    }
                }
                tokens.push(Token::Quoted(value));
            }
            '=' => {
                tokens.push(Token::Op("="));
                i += 1;
            }
            '!' | '<' | '>' | '~' => {
                let next = chars.get(i + 1).copied();
                let op = match (c, next) {
                    ('!', Some('=')) => "!=",
                    ('!', Some('~')) => "!~",
                    ('<', Some('=')) => "<=",
                    ('>', Some('=')) => ">=",
                    ('<', _) => "<",
                    ('>', _) => ">",
                    ('~', _) => "~",
                    _ => return Err(jql_error(format!("Error in the JQL Query: The character '{c}' is a reserved JQL character. You must enclose it in a string or use the escape '\\u0021' instead. (line 1, character {})", i + 1))),
                };
                i += op.len();
                tokens.push(Token::Op(op));
            }
            _ => {
                let start = i;
                while i < chars.len()
                    && !chars[i].is_whitespace()
                    && !"(),\"'=!<>~".contains(chars[i])
                {
                    i += 1;
                }
                tokens.push(Token::Word(chars[start..i].iter().collect()));
            }
        }
    }
    Ok(tokens)
}

/// A parsed query: an optional restriction and the requested order.
#[derive(Debug, Clone)]
pub struct Query {
    pub filter: Option<Expr>,
    pub order: Vec<(SortField, bool)>,
}

#[derive(Debug, Clone)]
pub enum Expr {
    And(Vec<Expr>),
    Or(Vec<Expr>),
    Not(Box<Expr>),
    Clause(Clause),
}

#[derive(Debug, Clone)]
pub enum Clause {
    Project {
        negate: bool,
        values: Vec<usize>,
    },
    Issue {
        negate: bool,
        values: Vec<u64>,
    },
    IssueType {
        negate: bool,
        values: Vec<IssueType>,
    },
    Status {
        negate: bool,
        values: Vec<Status>,
    },
    /// `None` in the values stands for EMPTY (unassigned).
    Assignee {
        negate: bool,
        values: Vec<Option<PersonIx>>,
    },
    Date {
        field: DateField,
        op: Comparison,
        at: Millis,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateField {
    Created,
    Updated,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    AtOrAfter,
    After,
    Before,
    AtOrBefore,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortField {
    Key,
    Id,
    Created,
    Updated,
    Project,
    Status,
    IssueType,
    Summary,
    Priority,
}

/// Fields real Jira has that this subset does not search by.
const UNSUPPORTED_FIELDS: [&str; 24] = [
    "summary",
    "description",
    "text",
    "comment",
    "labels",
    "reporter",
    "creator",
    "priority",
    "resolution",
    "resolved",
    "resolutiondate",
    "sprint",
    "fixversion",
    "affectedversion",
    "component",
    "parent",
    "epic link",
    "worklogdate",
    "worklogauthor",
    "due",
    "duedate",
    "watcher",
    "voter",
    "environment",
];

const SUPPORTED: &str = "project, key, issuetype, status, assignee, created, updated";

struct Parser<'a> {
    tokens: Vec<Token>,
    at: usize,
    shared: &'a Shared,
    store: &'a Store,
    searcher: PersonIx,
    now: Millis,
}

/// Parses `jql` for `searcher` (whose zone reads zone-less dates).
pub fn parse(
    jql: &str,
    shared: &Shared,
    store: &Store,
    searcher: PersonIx,
    now: Millis,
) -> Result<Query, ApiError> {
    let tokens = tokenize(jql)?;
    let mut parser = Parser {
        tokens,
        at: 0,
        shared,
        store,
        searcher,
        now,
    };
    let filter = if parser.peek().is_none() || parser.peek_is("order") {
        None
    } else {
        Some(parser.or()?)
    };
    let mut order = Vec::new();
    if parser.peek_is("order") {
        parser.at += 1;
        if !parser.peek_is("by") {
            return Err(parser.expected("'by'"));
        }
        parser.at += 1;
        loop {
            let field = parser.word_or_string("a field to order by")?;
            let sort = sort_field(&field)?;
            let mut descending = false;
            if parser.peek_is("asc") {
                parser.at += 1;
            } else if parser.peek_is("desc") {
                parser.at += 1;
                descending = true;
            }
            order.push((sort, descending));
            if parser.peek() == Some(&Token::Comma) {
                parser.at += 1;
                continue;
            }
            break;
        }
    }
    if let Some(extra) = parser.peek() {
        return Err(jql_error(format!(
            "Error in the JQL Query: Expecting either 'OR' or 'AND' but got '{}'.",
            extra.describe()
        )));
    }
    Ok(Query { filter, order })
}

fn sort_field(name: &str) -> Result<SortField, ApiError> {
    Ok(match name.to_ascii_lowercase().as_str() {
        "key" | "issuekey" => SortField::Key,
        "id" => SortField::Id,
        "created" | "createddate" => SortField::Created,
        "updated" | "updateddate" => SortField::Updated,
        "project" => SortField::Project,
        "status" => SortField::Status,
        "issuetype" | "type" => SortField::IssueType,
        "summary" => SortField::Summary,
        "priority" => SortField::Priority,
        _ => return Err(jql_error(format!("Not able to sort using field '{name}'."))),
    })
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn peek_is(&self, keyword: &str) -> bool {
        self.peek().is_some_and(|t| t.is_word(keyword))
    }

    fn expected(&self, what: &str) -> ApiError {
        match self.peek() {
            Some(token) => jql_error(format!(
                "Error in the JQL Query: Expecting {what} but got '{}'.",
                token.describe()
            )),
            None => jql_error(format!(
                "Error in the JQL Query: Expecting {what} but reached the end of the query."
            )),
        }
    }

    fn word_or_string(&mut self, what: &str) -> Result<String, ApiError> {
        match self.peek().cloned() {
            Some(Token::Word(w)) | Some(Token::Quoted(w)) => {
                self.at += 1;
                Ok(w)
            }
            _ => Err(self.expected(what)),
        }
    }

    fn or(&mut self) -> Result<Expr, ApiError> {
        let mut parts = vec![self.and()?];
        while self.peek_is("or") || self.peek_is("||") {
            self.at += 1;
            parts.push(self.and()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Expr::Or(parts)
        })
    }

    fn and(&mut self) -> Result<Expr, ApiError> {
        let mut parts = vec![self.not()?];
        while self.peek_is("and") || self.peek_is("&&") {
            self.at += 1;
            parts.push(self.not()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Expr::And(parts)
        })
    }

    fn not(&mut self) -> Result<Expr, ApiError> {
        if self.peek_is("not") {
            self.at += 1;
            return Ok(Expr::Not(Box::new(self.not()?)));
        }
        if self.peek() == Some(&Token::Open) {
            self.at += 1;
            let inner = self.or()?;
            if self.peek() != Some(&Token::Close) {
                return Err(self.expected("')'"));
            }
            self.at += 1;
            return Ok(inner);
        }
        self.clause()
    }

    fn clause(&mut self) -> Result<Expr, ApiError> {
        let field = self.word_or_string("a field name")?;
        let lower = field.to_ascii_lowercase();
        let kind = match lower.as_str() {
            "project" | "key" | "issuekey" | "id" | "issue" | "issuetype" | "type" | "status" | "assignee" => lower.clone(),
            "created" | "createddate" | "updated" | "updateddate" => lower.clone(),
            _ if UNSUPPORTED_FIELDS.contains(&lower.as_str()) || lower.starts_with("cf[") || lower.starts_with("customfield_") || lower.starts_with("issue.property") => {
                return Err(jql_error(format!(
                    "The simulated Jira does not support searching by '{field}'. Its JQL subset covers {SUPPORTED}."
                )))
            }
            _ => return Err(jql_error(format!("Field '{field}' does not exist or you do not have permission to view it."))),
        };
        match kind.as_str() {
            "created" | "createddate" => self.date_clause(&field, DateField::Created),
            "updated" | "updateddate" => self.date_clause(&field, DateField::Updated),
            _ => self.set_clause(&field, &kind),
        }
    }

    /// `=`, `!=`, `IN`, `NOT IN`, `IS [NOT]`; returns whether it negates and
    /// whether the right-hand side is a list.
    fn set_operator(&mut self, field: &str) -> Result<(bool, bool, bool), ApiError> {
        match self.peek().cloned() {
            Some(Token::Op("=")) => {
                self.at += 1;
                Ok((false, false, false))
            }
            Some(Token::Op("!=")) => {
                self.at += 1;
                Ok((true, false, false))
            }
            Some(Token::Word(w)) if w.eq_ignore_ascii_case("in") => {
                self.at += 1;
                Ok((false, true, false))
            }
            Some(Token::Word(w)) if w.eq_ignore_ascii_case("not") => {
                self.at += 1;
                if !self.peek_is("in") {
                    return Err(self.expected("'IN'"));
                }
                self.at += 1;
                Ok((true, true, false))
            }
            Some(Token::Word(w)) if w.eq_ignore_ascii_case("is") => {
                self.at += 1;
                let negate = self.peek_is("not");
                if negate {
                    self.at += 1;
                }
                Ok((negate, false, true))
            }
            Some(Token::Op(op)) => Err(jql_error(format!(
                "The operator '{op}' is not supported by the '{field}' field in the simulated Jira (use =, !=, IN or NOT IN)."
            ))),
            _ => Err(self.expected("an operator")),
        }
    }

    /// One value: a word, a string, or a function call such as `currentUser()`.
    fn value(&mut self) -> Result<Value, ApiError> {
        let text = match self.peek().cloned() {
            Some(Token::Word(w)) => {
                self.at += 1;
                if self.peek() == Some(&Token::Open) {
                    self.at += 1;
                    if self.peek() != Some(&Token::Close) {
                        return Err(jql_error(format!(
                            "The simulated Jira's JQL functions take no arguments: '{w}(...)'."
                        )));
                    }
                    self.at += 1;
                    return Ok(Value::Function(w));
                }
                return Ok(Value::Word(w));
            }
            Some(Token::Quoted(q)) => q,
            _ => return Err(self.expected("a value")),
        };
        self.at += 1;
        Ok(Value::Quoted(text))
    }

    fn values(&mut self, list: bool) -> Result<Vec<Value>, ApiError> {
        if !list {
            return Ok(vec![self.value()?]);
        }
        if self.peek() != Some(&Token::Open) {
            return Err(self.expected("'('"));
        }
        self.at += 1;
        let mut values = vec![self.value()?];
        while self.peek() == Some(&Token::Comma) {
            self.at += 1;
            values.push(self.value()?);
        }
        if self.peek() != Some(&Token::Close) {
            return Err(self.expected("')'"));
        }
        self.at += 1;
        Ok(values)
    }

    fn set_clause(&mut self, field: &str, kind: &str) -> Result<Expr, ApiError> {
        let (negate, list, is) = self.set_operator(field)?;
        if is {
            if kind != "assignee" {
                return Err(jql_error(format!("The field '{field}' is never empty in the simulated Jira: IS [NOT] EMPTY is only supported for assignee.")));
            }
            if !(self.peek_is("empty") || self.peek_is("null")) {
                return Err(self.expected("EMPTY"));
            }
            self.at += 1;
            return Ok(Expr::Clause(Clause::Assignee {
                negate,
                values: vec![None],
            }));
        }
        let values = self.values(list)?;
        let does_not_exist = |v: &Value| {
            jql_error(format!(
                "The value '{}' does not exist for the field '{field}'.",
                v.text()
            ))
        };
        let no_functions = |v: &Value| -> Result<(), ApiError> {
            match v {
                Value::Function(name) => Err(jql_error(format!(
                    "The simulated Jira does not support the JQL function '{name}()' for '{field}'."
                ))),
                _ => Ok(()),
            }
        };
        let clause = match kind {
            "project" => Clause::Project {
                negate,
                values: values
                    .iter()
                    .map(|v| {
                        no_functions(v)?;
                        let text = v.text();
                        self.store
                            .project_index(text)
                            .or_else(|| {
                                self.store
                                    .projects
                                    .iter()
                                    .position(|p| p.name.as_str().eq_ignore_ascii_case(text))
                            })
                            .ok_or_else(|| does_not_exist(v))
                    })
                    .collect::<Result<_, _>>()?,
            },
            "key" | "issuekey" | "id" | "issue" => Clause::Issue {
                negate,
                values: values
                    .iter()
                    .map(|v| {
                        no_functions(v)?;
                        self.store.issue_id(v.text()).ok_or_else(|| {
                            jql_error(format!(
                                "An issue with key '{}' does not exist for field '{field}'.",
                                v.text()
                            ))
                        })
                    })
                    .collect::<Result<_, _>>()?,
            },
            "issuetype" | "type" => Clause::IssueType {
                negate,
                values: values
                    .iter()
                    .map(|v| {
                        no_functions(v)?;
                        IssueType::find(v.text()).ok_or_else(|| does_not_exist(v))
                    })
                    .collect::<Result<_, _>>()?,
            },
            "status" => Clause::Status {
                negate,
                values: values
                    .iter()
                    .map(|v| {
                        no_functions(v)?;
                        Status::find(v.text()).ok_or_else(|| does_not_exist(v))
                    })
                    .collect::<Result<_, _>>()?,
            },
            _ => Clause::Assignee {
                negate,
                values: values
                    .iter()
                    .map(|v| match v {
                        Value::Function(name) if name.eq_ignore_ascii_case("currentUser") => {
                            Ok(Some(self.searcher))
                        }
                        Value::Function(_) => no_functions(v).map(|_| None),
                        Value::Word(w)
                            if w.eq_ignore_ascii_case("empty")
                                || w.eq_ignore_ascii_case("null") =>
                        {
                            Ok(None)
                        }
                        _ => find_person(self.shared, v.text())
                            .map(Some)
                            .ok_or_else(|| does_not_exist(v)),
                    })
                    .collect::<Result<_, _>>()?,
            },
        };
        Ok(Expr::Clause(clause))
    }

    fn date_clause(&mut self, field: &str, date_field: DateField) -> Result<Expr, ApiError> {
        let op = match self.peek().cloned() {
            Some(Token::Op(">=")) => Comparison::AtOrAfter,
            Some(Token::Op(">")) => Comparison::After,
            Some(Token::Op("<")) => Comparison::Before,
            Some(Token::Op("<=")) => Comparison::AtOrBefore,
            Some(Token::Op(op)) => {
                return Err(jql_error(format!(
                    "The operator '{op}' is not supported by the '{field}' field in the simulated Jira (use >=, >, < or <=)."
                )))
            }
            Some(Token::Word(w)) => {
                return Err(jql_error(format!(
                    "The operator '{w}' is not supported by the '{field}' field in the simulated Jira (use >=, >, < or <=)."
                )))
            }
            _ => return Err(self.expected("an operator")),
        };
        self.at += 1;
        let value = self.value()?;
        let at = match &value {
            Value::Function(name) => {
                return Err(jql_error(format!(
                    "The simulated Jira does not support the JQL function '{name}()': use epoch milliseconds, \"yyyy-MM-dd HH:mm\" or a period such as -1d."
                )))
            }
            other => self.instant(other.text()).ok_or_else(|| {
                jql_error(format!(
                    "Date value '{}' for field '{field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.",
                    other.text()
                ))
            })?,
        };
        Ok(Expr::Clause(Clause::Date {
            field: date_field,
            op,
            at,
        }))
    }

    /// Epoch milliseconds, a relative period, or a local date-time read in
    /// the searcher's profile zone (minute precision).
    fn instant(&self, text: &str) -> Option<Millis> {
        let text = text.trim();
        if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
            return text.parse().ok();
        }
        if let Some(delta) = parse_relative(text) {
            return Some(self.now + delta);
        }
        let normalized = text.replace('/', "-");
        let (date, time) = match normalized.split_once(' ') {
            Some((date, time)) => (date.trim().to_owned(), Some(time.trim().to_owned())),
            None => (normalized, None),
        };
        let date: Date = date.parse().ok()?;
        let time = match time {
            None => Time::midnight(),
            Some(time) => {
                let (hour, minute) = time.split_once(':')?;
                Time::new(hour.parse().ok()?, minute.parse().ok()?, 0, 0).ok()?
            }
        };
        local_to_millis(
            DateTime::from_parts(date, time),
            self.shared.zone(self.searcher),
        )
    }
}

#[derive(Debug, Clone)]
enum Value {
    Word(String),
    Quoted(String),
    Function(String),
}

impl Value {
    fn text(&self) -> &str {
        match self {
            Value::Word(t) | Value::Quoted(t) | Value::Function(t) => t,
        }
    }
}

impl Expr {
    pub fn matches(&self, issue: &Issue) -> bool {
        match self {
            Expr::And(parts) => parts.iter().all(|p| p.matches(issue)),
            Expr::Or(parts) => parts.iter().any(|p| p.matches(issue)),
            Expr::Not(inner) => !inner.matches(issue),
            Expr::Clause(clause) => clause.matches(issue),
        }
    }
}

impl Clause {
    fn matches(&self, issue: &Issue) -> bool {
        match self {
            Clause::Project { negate, values } => values.contains(&issue.project) != *negate,
            Clause::Issue { negate, values } => values.contains(&issue.id) != *negate,
            Clause::IssueType { negate, values } => values.contains(&issue.issue_type) != *negate,
            Clause::Status { negate, values } => values.contains(&issue.status) != *negate,
            Clause::Assignee { negate, values } => {
                let hit = values.contains(&issue.assignee);
                // As in Jira, `assignee != x` does not match unassigned issues.
                if *negate {
                    !hit && (issue.assignee.is_some() || !values.iter().any(Option::is_some))
                } else {
                    hit
                }
            }
            Clause::Date { field, op, at } => {
                let value = match field {
                    DateField::Created => issue.created,
                    DateField::Updated => issue.updated,
                };
                match op {
                    Comparison::AtOrAfter => value >= *at,
                    Comparison::After => value > *at,
                    Comparison::Before => value < *at,
                    Comparison::AtOrBefore => value <= *at,
                }
            }
        }
    }
}

impl Query {
    /// Compares two issues by the requested order; without one, newest
    /// first by creation (then by id), which keeps paging stable.
    pub fn compare(&self, store: &Store, a: &Issue, b: &Issue) -> Ordering {
        for (field, descending) in &self.order {
            let ordering = match field {
                SortField::Key => (&store.projects[a.project].key, a.number)
                    .cmp(&(&store.projects[b.project].key, b.number)),
                SortField::Id => a.id.cmp(&b.id),
                SortField::Created => a.created.cmp(&b.created),
                SortField::Updated => a.updated.cmp(&b.updated),
                SortField::Project => store.projects[a.project]
                    .key
                    .cmp(&store.projects[b.project].key),
                SortField::Status => a.status.cmp(&b.status),
                SortField::IssueType => a.issue_type.name().cmp(b.issue_type.name()),
                SortField::Summary => a.summary.as_str().cmp(&b.summary.as_str()),
                SortField::Priority => b.priority.cmp(&a.priority),
            };
            let ordering = if *descending {
                ordering.reverse()
            } else {
                ordering
            };
            if ordering != Ordering::Equal {
                return ordering;
            }
        }
        if self.order.is_empty() {
            return (b.created, b.id).cmp(&(a.created, a.id));
        }
        a.id.cmp(&b.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_keys_relative_dates_and_operators_apart() {
        let tokens = tokenize("key IN (WEB-1,'MOB-2') AND updated>=-1d").unwrap();
        assert_eq!(
            tokens,
            vec![
                Token::Word("key".into()),
                Token::Word("IN".into()),
                Token::Open,
                Token::Word("WEB-1".into()),
                Token::Comma,
                Token::Quoted("MOB-2".into()),
                Token::Close,
                Token::Word("AND".into()),
                Token::Word("updated".into()),
                Token::Op(">="),
                Token::Word("-1d".into()),
            ]
        );
    }

    #[test]
    fn unclosed_strings_are_refused() {
        assert!(tokenize("summary ~ \"open").is_err());
    }
}
