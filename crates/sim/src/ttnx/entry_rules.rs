//! The server settings a time entry must satisfy: the input granularity
//! (start and finish on a 5-, 15- or 30-minute grid) and the lock date
//! (nothing on or before it may be added, changed or deleted). Both are
//! settable at `PUT /__sim/ttnx/settings` so tests can provoke them.

use jiff::civil::{Date, DateTime};

use super::reply::ApiError;
use super::store::Settings;
use super::times::parse_local;

/// The longest single entry: one calendar day.
const MAX_MINUTES: i64 = 24 * 60;

/// Reads a `startTime` / `finishTime` value.
pub fn parse_time(key: &str, text: &str) -> Result<DateTime, ApiError> {
    parse_local(text).ok_or_else(|| {
        ApiError::bad_request(format!("{key} '{text}' は日時として正しくありません。'2019-01-07T10:30:00' の形式で指定してください。"))
    })
}

/// Checks order, length and the granularity grid of an entry's times.
pub fn check_times(settings: &Settings, start: DateTime, finish: DateTime) -> Result<(), ApiError> {
    if finish <= start {
        return Err(ApiError::bad_request(
            "終了時刻は開始時刻より後の時刻を指定してください。",
        ));
    }
    if finish.duration_since(start).as_secs() / 60 > MAX_MINUTES {
        return Err(ApiError::bad_request(
            "1 件の実績は 24 時間以内で入力してください。",
        ));
    }
    let step = i64::from(settings.granularity_minutes);
    let on_grid = |time: DateTime| {
        time.second() == 0 && time.subsec_nanosecond() == 0 && i64::from(time.minute()) % step == 0
    };
    if !on_grid(start) || !on_grid(finish) {
        return Err(ApiError::bad_request(format!(
            "実績の時刻は {step} 分単位で入力してください。"
        )));
    }
    Ok(())
}

/// Refuses any change to an entry dated on or before the lock date.
pub fn check_unlocked(settings: &Settings, work_date: Date) -> Result<(), ApiError> {
    match settings.locked_until {
        Some(locked) if work_date <= locked => Err(ApiError::bad_request(format!(
            "{} 以前の実績はロックされているため、追加・変更・削除できません。",
            locked.strftime("%Y/%m/%d")
        ))),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime {
        text.parse().unwrap()
    }

    #[test]
    fn times_must_lie_on_the_grid() {
        let fifteen = Settings::default();
        assert!(check_times(&fifteen, at("2024-05-01T09:00"), at("2024-05-01T10:15")).is_ok());
        assert!(check_times(&fifteen, at("2024-05-01T09:00"), at("2024-05-01T10:10")).is_err());
        let five = Settings {
            granularity_minutes: 5,
            ..Settings::default()
        };
        assert!(check_times(&five, at("2024-05-01T09:00"), at("2024-05-01T10:10")).is_ok());
        assert!(check_times(&five, at("2024-05-01T09:00:30"), at("2024-05-01T10:10")).is_err());
    }

    #[test]
    fn finish_must_follow_start_within_a_day() {
        let settings = Settings::default();
        assert!(check_times(&settings, at("2024-05-01T10:00"), at("2024-05-01T10:00")).is_err());
        assert!(check_times(&settings, at("2024-05-01T10:00"), at("2024-05-03T10:00")).is_err());
    }

    #[test]
    fn the_lock_date_itself_is_locked() {
        let settings = Settings {
            locked_until: Some("2024-05-01".parse().unwrap()),
            ..Settings::default()
        };
        assert!(check_unlocked(&settings, "2024-05-01".parse().unwrap()).is_err());
        assert!(check_unlocked(&settings, "2024-05-02".parse().unwrap()).is_ok());
    }
}
