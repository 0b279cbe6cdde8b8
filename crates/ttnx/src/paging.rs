//! TT NX lists answer `{"totalCount": N, "data": [...]}` and page with
//! `limit` / `offset`. [`pages`] hides that behind a stream of items that
//! fetches the next page only when the caller gets that far.

use futures_util::stream::{self, Stream, StreamExt, TryStreamExt};
use kakehashi_http::{HttpError, RequestBuilder};
use serde::de::DeserializeOwned;
use serde::Deserialize;

/// Items per page unless a query says otherwise: the server's own default.
pub const DEFAULT_PAGE_SIZE: u32 = 100;
/// The most a page may hold (larger pages are refused by the server).
pub const MAX_PAGE_SIZE: u32 = 1_000;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Page<T> {
    total_count: u64,
    data: Vec<T>,
}

struct Cursor {
    request: RequestBuilder,
    limit: u32,
    offset: u64,
    done: bool,
}

/// Every item of the list `request` asks for, page by page. The stream ends
/// after the page that reaches `totalCount`, or at an empty page (the list
/// shrank meanwhile).
pub(crate) fn pages<T>(
    request: RequestBuilder,
    page_size: Option<u32>,
) -> impl Stream<Item = Result<T, HttpError>> + Send + 'static
where
    T: DeserializeOwned + Send + Sync + 'static,
{
    let limit = page_size
        .unwrap_or(DEFAULT_PAGE_SIZE)
        .clamp(1, MAX_PAGE_SIZE);
    let cursor = Cursor {
        request,
        limit,
        offset: 0,
        done: false,
    };
    stream::try_unfold(cursor, |mut cursor| async move {
        if cursor.done {
            return Ok(None);
        }
        let page: Page<T> = cursor
            .request
            .clone()
            .query("limit", cursor.limit)
            .query("offset", cursor.offset)
            .send_json()
            .await?;
        cursor.offset += page.data.len() as u64;
        cursor.done = page.data.is_empty() || cursor.offset >= page.total_count;
        Ok::<_, HttpError>(Some((page.data, cursor)))
    })
    .map_ok(|items| stream::iter(items.into_iter().map(Ok)))
    .try_flatten()
    .boxed()
}
