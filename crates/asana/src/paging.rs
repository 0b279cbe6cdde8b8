//! Asana's lists: `{"data": [...], "next_page": {"offset": ...}}`, asked
//! for with `limit` (1–100) and the opaque `offset` of the previous page.
//! A list is handed out as a [`Stream`] of records that fetches the next
//! page only when the records of the current one are used up.

use futures_util::stream::{self, BoxStream, StreamExt, TryStreamExt};
use kakehashi_http::{HttpError, RequestBuilder};
use serde::de::DeserializeOwned;
use serde::Deserialize;

/// Records of an Asana list, page by page.
pub type Items<T> = BoxStream<'static, Result<T, HttpError>>;

/// Asana's largest page.
pub const MAX_LIMIT: u8 = 100;

/// How a list is read: records per page and the fields to return.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListOptions {
    limit: u8,
    opt_fields: Option<String>,
}

impl Default for ListOptions {
    /// Full pages and the area's own choice of fields.
    fn default() -> Self {
        ListOptions {
            limit: MAX_LIMIT,
            opt_fields: None,
        }
    }
}

impl ListOptions {
    /// Records per page, kept within Asana's 1–100.
    pub fn limit(mut self, limit: u8) -> Self {
        self.limit = limit.clamp(1, MAX_LIMIT);
        self
    }

    /// The fields to ask for (`opt_fields`), instead of the area's default.
    pub fn opt_fields(mut self, fields: impl Into<String>) -> Self {
        self.opt_fields = Some(fields.into());
        self
    }

    /// The records per page.
    pub fn page_size(&self) -> u8 {
        self.limit
    }

    /// The `opt_fields` to send: the caller's, or `default`.
    pub(crate) fn fields_or<'a>(&'a self, default: &'a str) -> &'a str {
        self.opt_fields.as_deref().unwrap_or(default)
    }
}

#[derive(Deserialize)]
struct Page<T> {
    data: Vec<T>,
    next_page: Option<NextPage>,
}

#[derive(Deserialize)]
struct NextPage {
    offset: String,
}

/// Where the walk through a list stands.
enum Cursor {
    First,
    After(String),
    Done,
}

/// Streams every record of the list `request` asks for (its query already
/// holding the filters and `opt_fields`), `limit` records per page. A
/// request that could not be built is the stream's one item.
pub(crate) fn paged<T>(
    request: Result<RequestBuilder, HttpError>,
    options: &ListOptions,
) -> Items<T>
where
    T: DeserializeOwned + Send + Sync + 'static,
{
    let request = match request {
        Ok(request) => request.query("limit", options.limit),
        Err(error) => return stream::once(async { Err(error) }).boxed(),
    };
    stream::try_unfold(Cursor::First, move |cursor| {
        let request = request.clone();
        async move {
            let request = match cursor {
                Cursor::Done => return Ok(None),
                Cursor::First => request,
                Cursor::After(offset) => request.query("offset", offset),
            };
            let page: Page<T> = request.send_json().await?;
            let next = match page.next_page {
                Some(next) if !next.offset.is_empty() => Cursor::After(next.offset),
                _ => Cursor::Done,
            };
            Ok(Some((stream::iter(page.data.into_iter().map(Ok)), next)))
        }
    })
    .try_flatten()
    .boxed()
}

/// Reads a whole list into memory.
pub async fn collect<T>(items: Items<T>) -> Result<Vec<T>, HttpError> {
    items.try_collect().await
}
