//! Paging, hidden behind streams.
//!
//! Jira pages three ways: by offset with a total (`startAt`, `maxResults`,
//! `total`: Data Center search, comments, worklogs), by offset with an
//! `isLast` flag (the agile API, paged version lists), and by a token the
//! previous page names (Cloud's `search/jql`, the worklog change feeds).
//! [`offset_pages`] walks the first two one page after another;
//! [`parallel_offset_pages`] fetches the pages after the first several at
//! a time once the total is known, still yielding them in order.

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use futures_util::stream::{self, BoxStream, Stream, StreamExt, TryStreamExt};
use kakehashi_http::HttpError;

/// One page of an offset-paged list.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Whether pages follow (from `total`, `isLast` or `nextPage`).
    pub more: bool,
    /// The list's size, when the server says.
    pub total: Option<usize>,
}

impl<T> Page<T> {
    /// A page of a list that reports its `total`.
    pub fn with_total(items: Vec<T>, start: usize, total: usize) -> Self {
        let more = !items.is_empty() && start + items.len() < total;
        Page {
            items,
            more,
            total: Some(total),
        }
    }

    /// A page of a list that reports `isLast`.
    pub fn with_is_last(items: Vec<T>, is_last: bool) -> Self {
        let more = !is_last && !items.is_empty();
        Page {
            items,
            more,
            total: None,
        }
    }
}

/// Every item of an offset-paged list, fetching the next page only when
/// the previous one is used up. `fetch(start)` reads the page at `start`.
pub fn offset_pages<T, F, Fut>(fetch: F) -> impl Stream<Item = Result<T, HttpError>> + Send
where
    T: Send + 'static,
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<Page<T>, HttpError>> + Send + 'static,
{
    let fetch = Arc::new(fetch);
    stream::try_unfold(Some(0usize), move |next| {
        let fetch = fetch.clone();
        async move {
            let Some(start) = next else {
                return Ok(None);
            };
            let page = fetch(start).await?;
            let following = page.more.then_some(start + page.items.len());
            Ok(Some((page.items, following)))
        }
    })
    .map_ok(|items| stream::iter(items.into_iter().map(Ok)))
    .try_flatten()
}

/// The pages of an offset-paged list with a total: the first alone (to
/// learn the total and the page size the server really uses), then the
/// rest `concurrency` at a time, yielded in order. Should the list grow
/// meanwhile (a later page reports a larger total), the new tail is read
/// one page after another at the end.
pub fn parallel_offset_pages<T, F, Fut>(
    fetch: F,
    concurrency: usize,
) -> BoxStream<'static, Result<Vec<T>, HttpError>>
where
    T: Send + 'static,
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<OffsetPage<T>, HttpError>> + Send + 'static,
{
    let fetch = Arc::new(fetch);
    let first = {
        let fetch = fetch.clone();
        async move { fetch(0).await }
    };
    stream::once(first)
        .map(
            move |first| -> BoxStream<'static, Result<Vec<T>, HttpError>> {
                let first = match first {
                    Ok(first) => first,
                    Err(err) => return stream::once(async { Err(err) }).boxed(),
                };
                // The server may cap the page below what was asked for.
                let step = first.max_results.max(first.items.len()).max(1);
                let latest_total = Arc::new(AtomicUsize::new(first.total));
                let planned_end = first.total.max(first.items.len());
                let starts = (first.items.len()..planned_end).step_by(step);
                // How far the pages read so far reach; the tail goes on from there.
                let reached = Arc::new(AtomicUsize::new(first.items.len()));
                let rest = {
                    let fetch = fetch.clone();
                    let latest_total = latest_total.clone();
                    let reached = reached.clone();
                    stream::iter(starts)
                        .map(move |start| {
                            let fetch = fetch.clone();
                            let latest_total = latest_total.clone();
                            let reached = reached.clone();
                            async move {
                                let page = fetch(start).await?;
                                latest_total.fetch_max(page.total, Ordering::Relaxed);
                                reached.fetch_max(start + page.items.len(), Ordering::Relaxed);
                                Ok(page.items)
                            }
                        })
                        .buffered(concurrency.max(1))
                };
                let tail = {
                    let fetch = fetch.clone();
                    stream::try_unfold(None, move |next: Option<usize>| {
                        let fetch = fetch.clone();
                        let latest_total = latest_total.clone();
                        let start = next.unwrap_or_else(|| reached.load(Ordering::Relaxed));
                        async move {
                            if start >= latest_total.load(Ordering::Relaxed) {
                                return Ok(None);
                            }
                            let page = fetch(start).await?;
                            latest_total.store(page.total, Ordering::Relaxed);
                            if page.items.is_empty() {
                                return Ok(None);
                            }
                            let next = start + page.items.len();
                            Ok(Some((page.items, Some(next))))
                        }
                    })
                };
                stream::once(async move { Ok(first.items) })
                    .chain(rest)
                    .chain(tail)
                    .boxed()
            },
        )
        .flatten()
        .boxed()
}

/// A `startAt`/`maxResults`/`total` page as the server answered it.
#[derive(Debug, Clone, PartialEq)]
pub struct OffsetPage<T> {
    pub items: Vec<T>,
    /// The page size the server used (it may cap what was asked for).
    pub max_results: usize,
    pub total: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    fn numbers(total: usize, cap: usize) -> impl Fn(usize) -> OffsetPage<usize> + Clone {
        move |start| OffsetPage {
            items: (start..(start + cap).min(total)).collect(),
            max_results: cap,
            total,
        }
    }

    #[tokio::test]
    async fn sequential_pages_stop_at_the_total_or_an_empty_page() {
        let calls = Arc::new(Mutex::new(Vec::new()));
        let seen = calls.clone();
        let all: Vec<usize> = offset_pages(move |start| {
            seen.lock().unwrap().push(start);
            let items: Vec<usize> = (start..(start + 3).min(7)).collect();
            async move { Ok(Page::with_total(items, start, 7)) }
        })
        .try_collect()
        .await
        .unwrap();
        assert_eq!(all, (0..7).collect::<Vec<_>>());
        assert_eq!(*calls.lock().unwrap(), vec![0, 3, 6]);
    }

    #[tokio::test]
    async fn parallel_pages_come_back_in_order_with_the_servers_page_size() {
        let page = numbers(1_003, 100);
        let calls = Arc::new(Mutex::new(Vec::new()));
        let seen = calls.clone();
        let pages: Vec<Vec<usize>> = parallel_offset_pages(
            move |start| {
                seen.lock().unwrap().push(start);
                let answer = page(start);
                async move {
                    // Later pages answer sooner, to prove the order is kept.
                    tokio::time::sleep(std::time::Duration::from_millis(
                        (20 - (start / 100) as u64).max(1),
                    ))
                    .await;
                    Ok(answer)
                }
            },
            4,
        )
        .try_collect()
        .await
        .unwrap();
        let all: Vec<usize> = pages.into_iter().flatten().collect();
        assert_eq!(all, (0..1_003).collect::<Vec<_>>());
        let mut starts = calls.lock().unwrap().clone();
        starts.sort_unstable();
        assert_eq!(starts, (0..=1_000).step_by(100).collect::<Vec<_>>());
    }

    #[tokio::test]
    async fn a_list_that_grows_meanwhile_is_read_to_its_new_end() {
        let total = Arc::new(AtomicUsize::new(250));
        let grow = total.clone();
        let pages: Vec<Vec<usize>> = parallel_offset_pages(
            move |start| {
                let now = grow.load(Ordering::SeqCst);
                // The list grows by 120 after the first page is read.
                grow.store(370, Ordering::SeqCst);
                let answer = numbers(now, 100)(start);
                async move { Ok(answer) }
            },
            2,
        )
        .try_collect()
        .await
        .unwrap();
        let all: Vec<usize> = pages.into_iter().flatten().collect();
        assert_eq!(all, (0..370).collect::<Vec<_>>());
    }

    #[tokio::test]
    async fn the_first_error_ends_the_stream() {
        let result: Result<Vec<Vec<usize>>, HttpError> = parallel_offset_pages(
            |start| async move {
                if start == 200 {
                    Err(HttpError::new(kakehashi_http::ErrorKind::Server, "boom"))
                } else {
                    Ok(numbers(500, 100)(start))
                }
            },
            3,
        )
        .try_collect()
        .await;
        assert_eq!(result.unwrap_err().message, "boom");
    }
}
