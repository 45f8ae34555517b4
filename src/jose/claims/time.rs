//! NumericDate claims (RFC 7519 §2): seconds since the epoch, judged at a check time with a
//! clock-skew leeway, and shown as UTC and as a distance from the check time.

use serde_json::Value;

/// Past this a NumericDate is more likely milliseconds (it would be after the year 5138).
const MILLISECONDS_THRESHOLD: f64 = 1e11;

/// Claims whose value is a NumericDate (RFC 7519, OpenID Connect Core).
const NUMERIC_DATE_CLAIMS: [&str; 5] = ["exp", "nbf", "iat", "auth_time", "updated_at"];

/// Whether a claim's value is meant as a NumericDate.
pub fn is_numeric_date(name: &str) -> bool {
    NUMERIC_DATE_CLAIMS.contains(&name)
}

/// How a NumericDate claim reads.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TimeValue {
    /// Seconds since the epoch (fractions allowed).
    Seconds(f64),
    /// A number so large it is probably milliseconds; this many seconds if it were.
    LooksLikeMilliseconds(f64),
    /// Not a JSON number (a string, say).
    NotANumber,
}

impl TimeValue {
    pub fn read(value: &Value) -> TimeValue {
        match value.as_f64() {
            Some(number) if number.abs() >= MILLISECONDS_THRESHOLD => {
                TimeValue::LooksLikeMilliseconds(number / 1000.0)
            }
            Some(number) if number.is_finite() => TimeValue::Seconds(number),
            Some(_) | None => TimeValue::NotANumber,
        }
    }
}

/// Where the check time falls for one time claim; `as_str` is the page's `data-state`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeState {
    Ok,
    Expired,
    NotYetValid,
    IssuedInFuture,
    Invalid,
}

impl TimeState {
    pub fn as_str(self) -> &'static str {
        match self {
            TimeState::Ok => "ok",
            TimeState::Expired => "expired",
            TimeState::NotYetValid => "not-yet-valid",
            TimeState::IssuedInFuture => "issued-in-future",
            TimeState::Invalid => "invalid",
        }
    }
}

/// The time a token is checked at, and the clock skew allowed, in seconds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Clock {
    pub now: f64,
    pub leeway: f64,
}

impl Clock {
    /// The state of time claim `name` at this clock (RFC 7519 §4.1.4–4.1.6).
    pub fn state(&self, name: &str, value: &TimeValue) -> TimeState {
        let TimeValue::Seconds(at) = *value else {
            return TimeState::Invalid;
        };
        match name {
            // "The current time MUST be before the time on or after which the JWT MUST NOT be
            // accepted": at exp itself the token is expired.
            "exp" if self.now >= at + self.leeway => TimeState::Expired,
            "nbf" if self.now + self.leeway < at => TimeState::NotYetValid,
            "iat" | "auth_time" if at > self.now + self.leeway => TimeState::IssuedInFuture,
            _ => TimeState::Ok,
        }
    }
}

/// A Unix time as `YYYY-MM-DDTHH:MM:SSZ` (fractions dropped), for years 0 to 9999.
pub fn iso_utc(seconds: f64) -> Option<String> {
    if !(-62_167_219_200.0..253_402_300_800.0).contains(&seconds) {
        return None;
    }
    let whole = seconds.floor() as i64;
    let (days, second_of_day) = (whole.div_euclid(86_400), whole.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    Some(format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        second_of_day / 3600,
        second_of_day % 3600 / 60,
        second_of_day % 60
    ))
}

/// A Unix time in a time zone `utc_offset_minutes` east of UTC (as the browser's Date reports
/// for that instant, sign flipped): `YYYY-MM-DD HH:MM:SS UTC+HH:MM`. Written here rather than
/// by `toLocaleString`, whose first call in a page loads the locale data (25-40 ms).
pub fn local_time(seconds: f64, utc_offset_minutes: i32) -> Option<String> {
    let local = iso_utc(seconds + f64::from(utc_offset_minutes) * 60.0)?;
    let (date, time) = local.trim_end_matches('Z').split_once('T')?;
    let sign = if utc_offset_minutes < 0 { '-' } else { '+' };
    let offset = utc_offset_minutes.unsigned_abs();
    Some(format!(
        "{date} {time} UTC{sign}{:02}:{:02}",
        offset / 60,
        offset % 60
    ))
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// A distance in words, "14 min", "3 days", rounded down to its largest unit.
pub fn duration_words(seconds: f64) -> String {
    let seconds = seconds.abs().floor() as u64;
    let units = [
        (365 * 86_400, "year"),
        (30 * 86_400, "month"),
        (86_400, "day"),
        (3600, "hour"),
        (60, "min"),
    ];
    for (size, unit) in units {
        if seconds >= size {
            let count = seconds / size;
            let plural = if count == 1 || unit == "min" { "" } else { "s" };
            return format!("{count} {unit}{plural}");
        }
    }
    format!("{seconds} s")
}

/// "in 14 min" or "3 days ago" from `now` to `at`.
pub fn relative_words(at: f64, now: f64) -> String {
    let words = duration_words(at - now);
    if at >= now {
        format!("in {words}")
    } else {
        format!("{words} ago")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_utc_matches_known_instants() {
        assert_eq!(iso_utc(0.0).as_deref(), Some("1970-01-01T00:00:00Z"));
        assert_eq!(
            iso_utc(1_516_239_022.0).as_deref(),
            Some("2018-01-18T01:30:22Z")
        );
        assert_eq!(
            iso_utc(951_782_400.0).as_deref(),
            Some("2000-02-29T00:00:00Z")
        );
        assert_eq!(iso_utc(-1.0).as_deref(), Some("1969-12-31T23:59:59Z"));
        assert_eq!(iso_utc(1e15), None);
    }

    #[test]
    fn words_round_down_to_the_largest_unit() {
        assert_eq!(
            relative_words(1000.0 + 14.0 * 60.0 + 5.0, 1000.0),
            "in 14 min"
        );
        assert_eq!(relative_words(0.0, 3.0 * 86_400.0 + 7.0), "3 days ago");
        assert_eq!(relative_words(10.0, 0.0), "in 10 s");
        assert_eq!(duration_words(86_400.0), "1 day");
    }

    #[test]
    fn milliseconds_and_strings_are_told_apart_from_seconds() {
        assert_eq!(
            TimeValue::read(&serde_json::json!(1_516_239_022)),
            TimeValue::Seconds(1_516_239_022.0)
        );
        assert_eq!(
            TimeValue::read(&serde_json::json!(1_516_239_022_000_i64)),
            TimeValue::LooksLikeMilliseconds(1_516_239_022.0)
        );
        assert_eq!(
            TimeValue::read(&serde_json::json!("1516239022")),
            TimeValue::NotANumber
        );
    }
}
