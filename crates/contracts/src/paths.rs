//! Finding the spec path (`/rest/api/3/issue/{issueIdOrKey}`) that a real
//! request path (`/rest/api/3/issue/WEB-1?expand=names`) belongs to.

use serde_json::Value;

/// One segment of a spec path template.
#[derive(Debug, Clone, PartialEq)]
enum Segment {
    Literal(String),
    /// `{name}`: any non-empty segment.
    Param,
    /// `prefix{name}suffix`, e.g. `{id}.json`.
    Mixed {
        prefix: String,
        suffix: String,
    },
}

impl Segment {
    fn parse(text: &str) -> Segment {
        match (text.find('{'), text.rfind('}')) {
            (Some(0), Some(end)) if end == text.len() - 1 => Segment::Param,
            (Some(open), Some(close)) if open < close => Segment::Mixed {
                prefix: text[..open].to_owned(),
                suffix: text[close + 1..].to_owned(),
            },
            _ => Segment::Literal(text.to_owned()),
        }
    }

    /// How specific a match is: a literal beats a mixed segment beats a parameter.
    fn rank(&self, concrete: &str) -> Option<u8> {
        match self {
            Segment::Literal(literal) => (literal == concrete).then_some(2),
            Segment::Param => (!concrete.is_empty()).then_some(0),
            Segment::Mixed { prefix, suffix } => (concrete.len() > prefix.len() + suffix.len()
                && concrete.starts_with(prefix.as_str())
                && concrete.ends_with(suffix.as_str()))
            .then_some(1),
        }
    }
}

#[derive(Debug)]
struct Template {
    spec_path: String,
    segments: Vec<Segment>,
}

/// The spec's paths and the base path its `servers` put in front of them.
#[derive(Debug)]
pub struct PathIndex {
    base: String,
    templates: Vec<Template>,
}

impl PathIndex {
    pub fn new(spec: &Value) -> PathIndex {
        let base = spec
            .pointer("/servers/0/url")
            .and_then(Value::as_str)
            .map(base_path_of_url)
            .unwrap_or_default();
        let templates = spec
            .get("paths")
            .and_then(Value::as_object)
            .map(|paths| {
                paths
                    .keys()
                    .map(|spec_path| Template {
                        spec_path: spec_path.clone(),
                        segments: split(spec_path).map(Segment::parse).collect(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        PathIndex { base, templates }
    }

    /// The prefix stripped from concrete paths, e.g. `/rest` or `/api/1.0`.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The spec path `concrete` belongs to; the query string is ignored.
    pub fn find(&self, concrete: &str) -> Result<&str, String> {
        let path = concrete.split(['?', '#']).next().unwrap_or_default();
        let relative = strip_base(path, &self.base).ok_or_else(|| {
            format!(
                "{path} is not described by the contract: its paths are under {:?}",
                self.base
            )
        })?;
        let concrete_segments: Vec<&str> = split(relative).collect();
        self.templates
            .iter()
            .filter(|t| t.segments.len() == concrete_segments.len())
            .filter_map(|t| {
                let ranks: Option<Vec<u8>> = t
                    .segments
                    .iter()
                    .zip(&concrete_segments)
                    .map(|(s, c)| s.rank(c))
                    .collect();
                ranks.map(|ranks| (ranks, t))
            })
            // Segment by segment from the left, the most literal match wins.
            .max_by(|(a, _), (b, _)| a.cmp(b))
            .map(|(_, t)| t.spec_path.as_str())
            .ok_or_else(|| {
                format!("{path} is not described by the contract (no spec path matches it)")
            })
    }
}

fn split(path: &str) -> impl Iterator<Item = &str> {
    let trimmed = path.trim_matches('/');
    trimmed.split('/').filter(move |_| !trimmed.is_empty())
}

/// `http://{baseurl}/rest` → `/rest`; `https://host` → ``.
fn base_path_of_url(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme
        .find('/')
        .map_or("", |slash| &after_scheme[slash..]);
    path.trim_end_matches('/').to_owned()
}

fn strip_base<'a>(path: &'a str, base: &str) -> Option<&'a str> {
    let rest = path.strip_prefix(base)?;
    (rest.is_empty() || rest.starts_with('/')).then_some(rest)
}
