//! clock: how far this computer's clock is from the server's. Jira says
//! its time in `serverInfo.serverTime`; TimeTracker NX and Asana in the
//! `Date` header of every answer. Both are read anonymously, so a refused
//! sign-in does not hide a clock that is off as well.

use std::time::{Duration, SystemTime};

use kakehashi_http::{Endpoint, HttpClient, HttpError, PlainDecoder, StatusCode};

use super::findings::{Checked, Finding};
use super::model::CheckId;
use crate::workspace::ServerKind;

/// Up to this far apart, change searches (which look back a little) still
/// see everything.
const TOLERATED: Duration = Duration::from_secs(120);
/// Beyond this, changes get missed or synced twice for sure.
const BROKEN: Duration = Duration::from_secs(600);

pub(super) async fn check(kind: ServerKind, endpoint: Endpoint) -> Checked {
    let sent = SystemTime::now();
    let read = server_time(kind, endpoint).await;
    let received = SystemTime::now();
    match read {
        Ok(Some(server)) => judge(server, midpoint(sent, received)),
        Ok(None) => Checked::warning(CheckId::Clock, Finding::ClockUnknown),
        Err(err) => Checked::warning(
            CheckId::Clock,
            Finding::ClockFailed {
                detail: err.message,
            },
        ),
    }
}

/// This computer's time halfway through the request: the server's clock
/// was read somewhere in between.
fn midpoint(sent: SystemTime, received: SystemTime) -> SystemTime {
    let took = received.duration_since(sent).unwrap_or_default();
    sent + took / 2
}

fn judge(server: SystemTime, local: SystemTime) -> Checked {
    let (skew, server_ahead) = match server.duration_since(local) {
        Ok(ahead) => (ahead, true),
        Err(behind) => (behind.duration(), false),
    };
    if skew <= TOLERATED {
        let seconds = u32::try_from(skew.as_secs()).unwrap_or(u32::MAX);
        return Checked::passed(CheckId::Clock, Finding::ClockInSync { seconds });
    }
    let minutes = u32::try_from((skew.as_secs() + 30) / 60).unwrap_or(u32::MAX);
    let skewed = Finding::ClockSkewed {
        minutes,
        server_ahead,
    };
    if skew > BROKEN {
        Checked::failed(CheckId::Clock, skewed)
    } else {
        Checked::warning(CheckId::Clock, skewed)
    }
}

/// The server's clock; `None` when the server does not say.
async fn server_time(
    kind: ServerKind,
    endpoint: Endpoint,
) -> Result<Option<SystemTime>, HttpError> {
    let path = match kind {
        ServerKind::JiraCloud | ServerKind::JiraDataCenter => {
            let info = kakehashi_jira::probe(endpoint).await?;
            return Ok(info
                .server_time
                .as_deref()
                .and_then(|text| kakehashi_jira::JiraTime::parse(text).ok())
                .and_then(|time| {
                    let millis = u64::try_from(time.epoch_millis()).ok()?;
                    SystemTime::UNIX_EPOCH.checked_add(Duration::from_millis(millis))
                }));
        }
        // The API's "who am I", which answers 401 without a credential.
        ServerKind::TimeTrackerNx => "api/system/users/me",
        ServerKind::Asana => "api/1.0/users/me",
    };
    let answer = HttpClient::new(endpoint, PlainDecoder)?
        .get(path)
        .accept_status(StatusCode::UNAUTHORIZED)
        .send()
        .await?;
    Ok(answer.date())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::connection_test::model::CheckStatus;

    #[test]
    fn two_minutes_pass_more_warns_and_ten_fails() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        let at = |secs: i64| {
            if secs >= 0 {
                now + Duration::from_secs(secs.unsigned_abs())
            } else {
                now - Duration::from_secs(secs.unsigned_abs())
            }
        };
        let close = judge(at(-45), now);
        assert_eq!(close.status, CheckStatus::Passed);
        assert_eq!(close.finding, Finding::ClockInSync { seconds: 45 });
        assert_eq!(judge(at(120), now).status, CheckStatus::Passed);
        let ahead = judge(at(300), now);
        assert_eq!(ahead.status, CheckStatus::Warning);
        assert_eq!(
            ahead.finding,
            Finding::ClockSkewed {
                minutes: 5,
                server_ahead: true
            }
        );
        let behind = judge(at(-3_600), now);
        assert_eq!(behind.status, CheckStatus::Failed);
        assert_eq!(
            behind.finding,
            Finding::ClockSkewed {
                minutes: 60,
                server_ahead: false
            }
        );
    }
}
