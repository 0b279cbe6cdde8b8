//! Asana's pagination: `limit` (1–100) and an opaque `offset` token taken
//! from the previous page's `next_page`.
//!
//! Lists walk records in GID (= creation) order; a token remembers the
//! request path and the last GID returned, so a page resumes exactly where
//! the last one stopped even while records are created or deleted, and a
//! token is refused on any other list.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{json, Value};

use super::response::ApiError;
use super::store::Gid;

/// Without `limit` Asana answers the whole list, but refuses lists that are
/// too large; the real threshold is not published, this is ours.
pub(crate) const UNPAGED_MAX: usize = 1_000;

/// The `limit` and `offset` of one list request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PageRequest {
    pub limit: Option<usize>,
    pub after: Option<Gid>,
}

/// One page of a list, and where the next one starts.
pub(crate) struct Page<T> {
    pub items: Vec<T>,
    /// `Some` when more records follow (only for requests with `limit`).
    pub next_after: Option<Gid>,
    /// Whether the request gave a `limit` (then `next_page` is present).
    pub paged: bool,
}

impl<T> Page<T> {
    /// Renders the records of a page, keeping its position.
    pub fn map<U>(self, render: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(render).collect(),
            next_after: self.next_after,
            paged: self.paged,
        }
    }
}

impl PageRequest {
    /// Reads `limit` and `offset`; `list` names the list the token must belong to.
    pub fn parse(
        limit: Option<&str>,
        offset: Option<&str>,
        list: &str,
    ) -> Result<PageRequest, ApiError> {
        let limit = match limit {
            None => None,
            Some(text) => match text.trim().parse::<i64>() {
                Ok(n) if (1..=100).contains(&n) => Some(n as usize),
                _ => {
                    return Err(ApiError::bad_request(format!(
                        "limit: Must be an integer between 1 and 100, inclusive. Got {text:?}."
                    )))
                }
            },
        };
        let after = match offset {
            None | Some("") => None,
            Some(token) => Some(decode(token, list).ok_or_else(|| {
                ApiError::bad_request("offset: Your pagination token is invalid. Use the offset from the previous page's next_page.")
            })?),
        };
        if after.is_some() && limit.is_none() {
            return Err(ApiError::bad_request(
                "offset: An offset needs a limit. Send the same limit as for the first page.",
            ));
        }
        Ok(PageRequest { limit, after })
    }

    /// Takes one page from records given in ascending GID order.
    pub fn take<T>(
        &self,
        records: impl Iterator<Item = T>,
        gid: impl Fn(&T) -> Gid,
    ) -> Result<Page<T>, ApiError> {
        let mut records =
            records.skip_while(|record| self.after.is_some_and(|after| gid(record) <= after));
        match self.limit {
            None => {
                let items: Vec<T> = records.by_ref().take(UNPAGED_MAX + 1).collect();
                if items.len() > UNPAGED_MAX {
                    return Err(ApiError::bad_request(
                        "The result is too large. You should use pagination (may require specifying a workspace)!",
                    ));
                }
                Ok(Page {
                    items,
                    next_after: None,
                    paged: false,
                })
            }
            Some(limit) => {
                let items: Vec<T> = records.by_ref().take(limit).collect();
                let more = records.next().is_some();
                let next_after = if more { items.last().map(&gid) } else { None };
                Ok(Page {
                    items,
                    next_after,
                    paged: true,
                })
            }
        }
    }
}

pub(crate) fn encode(list: &str, after: Gid) -> String {
    URL_SAFE_NO_PAD.encode(format!("v1\n{list}\n{after}"))
}

fn decode(token: &str, list: &str) -> Option<Gid> {
    let bytes = URL_SAFE_NO_PAD.decode(token.trim_end_matches('=')).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let mut parts = text.splitn(3, '\n');
    (parts.next()? == "v1" && parts.next()? == list).then_some(())?;
    parts.next()?.parse().ok()
}

/// The `next_page` object: the token, the path below `/api/1.0` that
/// fetches the next page, and the same as a full URI.
pub(crate) fn next_page(
    api_base: &str,
    path: &str,
    query: &[(String, String)],
    token: &str,
) -> Value {
    let mut pairs: Vec<(&str, &str)> = query
        .iter()
        .filter(|(key, _)| key != "offset")
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    pairs.push(("offset", token));
    let relative = super::url::with_query(path, &pairs);
    json!({ "offset": token, "path": relative, "uri": format!("{api_base}{relative}") })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limit_must_be_between_1_and_100() {
        for bad in ["0", "101", "-1", "ten", ""] {
            assert!(
                PageRequest::parse(Some(bad), None, "/tasks").is_err(),
                "{bad}"
            );
        }
        assert_eq!(
            PageRequest::parse(Some("100"), None, "/tasks")
                .unwrap()
                .limit,
            Some(100)
        );
        assert_eq!(
            PageRequest::parse(None, None, "/tasks").unwrap(),
            PageRequest {
                limit: None,
                after: None
            }
        );
    }

    #[test]
    fn tokens_belong_to_their_list() {
        let token = encode("/tasks", 42);
        assert_eq!(
            PageRequest::parse(Some("5"), Some(&token), "/tasks")
                .unwrap()
                .after,
            Some(42)
        );
        assert!(PageRequest::parse(Some("5"), Some(&token), "/projects").is_err());
        assert!(PageRequest::parse(Some("5"), Some("garbage!"), "/tasks").is_err());
    }

    #[test]
    fn pages_resume_after_the_last_gid_and_stop_at_the_end() {
        let request = PageRequest {
            limit: Some(2),
            after: None,
        };
        let page = request
            .take([1u64, 2, 3, 4, 5].into_iter(), |g| *g)
            .unwrap();
        assert_eq!((page.items, page.next_after), (vec![1, 2], Some(2)));
        let last = PageRequest {
            limit: Some(3),
            after: Some(2),
        }
        .take([1u64, 2, 3, 4, 5].into_iter(), |g| *g)
        .unwrap();
        assert_eq!((last.items, last.next_after), (vec![3, 4, 5], None));
    }

    #[test]
    fn unpaged_lists_refuse_huge_results() {
        let all = PageRequest {
            limit: None,
            after: None,
        };
        assert_eq!(
            all.take(0..UNPAGED_MAX as u64, |g| *g).unwrap().items.len(),
            UNPAGED_MAX
        );
        assert!(all.take(0..=UNPAGED_MAX as u64, |g| *g).is_err());
    }

    #[test]
    fn next_page_replaces_the_offset_and_keeps_the_rest() {
        let query = vec![
            ("project".to_owned(), "7".to_owned()),
            ("offset".to_owned(), "old".to_owned()),
        ];
        let next = next_page("http://h/api/1.0", "/tasks", &query, "tok");
        assert_eq!(next["path"], "/tasks?project=7&offset=tok");
        assert_eq!(next["uri"], "http://h/api/1.0/tasks?project=7&offset=tok");
    }
}
