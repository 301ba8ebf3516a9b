//! [`DateTime`]: the value of every `date-time` property, an instant that
//! keeps the text it was read from.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

#[cfg(feature = "chrono")]
mod chrono;
#[cfg(feature = "jiff")]
mod jiff;
#[cfg(feature = "time")]
mod time;

/// A date and time as RFC 3339 writes it (JSON Schema's `date-time`): the
/// type of every `date-time` property, in the page's types, the official
/// messages and a user's own `#[ocpp_type]`s.
///
/// It keeps the text it was read from, and writes it back byte for byte
/// (`2026-12-08T10:00:00.500+01:00` stays as it is, fraction, offset and
/// case included), and gives the instant that text names: the time since the
/// Unix epoch, to the nanosecond, and the offset from UTC it was written in.
///
/// Two `DateTime`s are equal, ordered and hashed by their instant alone:
/// `2026-12-08T10:00:00+01:00 == 2026-12-08T09:00:00Z`. Its text is
/// [`as_str`](DateTime::as_str).
///
/// ```
/// use ocpp_types::DateTime;
///
/// let sent: DateTime = "2026-12-08T10:00:00.250+01:00".parse().unwrap();
/// assert_eq!(sent.unix_seconds(), 1_796_720_400);
/// assert_eq!(sent.subsec_nanos(), 250_000_000);
/// assert_eq!(sent.offset_minutes(), 60);
/// assert_eq!(sent, "2026-12-08T09:00:00.25Z".parse().unwrap());
/// assert_eq!(sent.to_string(), "2026-12-08T10:00:00.250+01:00");
///
/// // Made from a Unix time, or the system clock: UTC, to the millisecond.
/// let epoch = DateTime::from_unix(0, 0).unwrap();
/// assert_eq!(epoch.as_str(), "1970-01-01T00:00:00Z");
/// assert!(DateTime::now() > epoch);
/// ```
///
/// # What is accepted
///
/// Exactly RFC 3339's `date-time` (section 5.6), as JSON Schema's `format`
/// reads it: a four-digit year, `T` and `Z` in either case, a fraction of
/// any length (the instant keeps nine digits of it), an offset of at most
/// ±23:59, a leap second (`23:59:60` UTC) only at the end of a day. The
/// instant of a leap second is the second before it, with a
/// [`subsec_nanos`](DateTime::subsec_nanos) of one billion or more, as
/// `chrono` has it.
///
/// Under a lenient reading that tolerates formats
/// ([`Policy::formats`](crate::Policy::formats)), two common deviations are
/// read too, and reported: no offset at all (`2026-12-08T10:00:00`, read as
/// UTC), and a space for the `T`. Their text is kept as it came. A text with
/// no instant in it stays an error under every policy.
#[derive(Clone)]
pub struct DateTime {
    text: Box<str>,
    instant: Instant,
}

/// The instant: seconds since the Unix epoch, in UTC, and nanoseconds into
/// that second (at least a billion in a leap second). The offset is only
/// how it was written, so it is not compared.
#[derive(Clone, Copy, Debug)]
struct Instant {
    seconds: i64,
    nanos: u32,
    offset_minutes: i16,
    /// Whether the text is RFC 3339 (not only what a lenient reading took).
    exact: bool,
}

/// Why a [`DateTime`] could not be made: a text that RFC 3339 does not
/// write a date-time as, or an instant it cannot write (a year outside 0000
/// to 9999, an offset not in whole minutes or beyond ±23:59).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateTimeError {
    not_a_date_time: bool,
}

impl DateTimeError {
    const TEXT: DateTimeError = DateTimeError {
        not_a_date_time: true,
    };
    const RANGE: DateTimeError = DateTimeError {
        not_a_date_time: false,
    };
}

impl fmt::Display for DateTimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.not_a_date_time {
            "not a date-time as RFC 3339 writes it (such as \"2026-11-27T10:00:00Z\")"
        } else {
            "an instant RFC 3339 can't write: a year outside 0000 to 9999, or an offset not in whole minutes or beyond ±23:59"
        })
    }
}

impl std::error::Error for DateTimeError {}

/// The Unix time of the first and the last second of years 0000 to 9999, the
/// years RFC 3339 writes.
const FIRST: i64 = -62_167_219_200;
const LAST: i64 = 253_402_300_799;

impl DateTime {
    /// The date and time of the text, if it is an RFC 3339 `date-time`.
    /// The same as `text.parse()`.
    pub fn parse(text: &str) -> Result<DateTime, DateTimeError> {
        DateTime::read(text, Grammar::Exact).ok_or(DateTimeError::TEXT)
    }

    /// The date and time of a text that breaks RFC 3339 in a way a lenient
    /// reading tolerates (no offset, a space for the `T`), else `None`.
    pub(crate) fn parse_tolerated(text: &str) -> Option<DateTime> {
        DateTime::read(text, Grammar::Tolerant)
    }

    /// The date and time of `text`, kept as it is, if `grammar` accepts it.
    fn read<T: AsRef<str> + Into<Box<str>>>(text: T, grammar: Grammar) -> Option<DateTime> {
        let instant = parse(text.as_ref(), grammar)?;
        Some(DateTime {
            text: text.into(),
            instant,
        })
    }

    /// The instant `seconds` and `nanos` after the Unix epoch, written in
    /// UTC: `1970-01-01T00:00:00Z`, with as many digits of fraction as it
    /// needs in groups of three (`.5` as `.500`, none for a whole second).
    /// `None` outside the years 0000 to 9999, or with `nanos` of a second
    /// or more.
    pub fn from_unix(seconds: i64, nanos: u32) -> Option<DateTime> {
        DateTime::from_unix_at_offset(seconds, nanos, 0)
    }

    /// The instant `seconds` and `nanos` after the Unix epoch, written at
    /// an offset of `offset_minutes` east of UTC, as
    /// [`from_unix`](DateTime::from_unix) writes it but with the offset
    /// (`+01:00`) for the `Z` when it is not 0: the local date and time must
    /// be in the years 0000 to 9999, the offset within ±23:59. `nanos` may
    /// be a billion or more only in the last second of a UTC day, which is
    /// then a leap second (`23:59:60`), as `chrono` has it.
    pub fn from_unix_at_offset(seconds: i64, nanos: u32, offset_minutes: i16) -> Option<DateTime> {
        let leap_second = seconds.rem_euclid(86_400) == 86_399;
        let nanos_limit = if leap_second { 2 } else { 1 } * NANOS_PER_SECOND;
        if nanos >= nanos_limit || offset_minutes.unsigned_abs() >= 24 * 60 {
            return None;
        }
        let local = seconds.checked_add(i64::from(offset_minutes) * 60)?;
        if !(FIRST..=LAST).contains(&local) {
            return None;
        }
        let instant = Instant {
            seconds,
            nanos,
            offset_minutes,
            exact: true,
        };
        Some(DateTime {
            text: instant.text().into(),
            instant,
        })
    }

    /// The instant `millis` milliseconds after the Unix epoch, as
    /// [`from_unix`](DateTime::from_unix) writes it.
    pub fn from_unix_millis(millis: i64) -> Option<DateTime> {
        let nanos = millis.rem_euclid(1000) as u32 * 1_000_000;
        DateTime::from_unix(millis.div_euclid(1000), nanos)
    }

    /// The current time of the system clock, in UTC, to the millisecond
    /// (the precision OCPP 2.x recommends): `2026-12-08T10:00:00.123Z`.
    ///
    /// # Panics
    ///
    /// If the system clock is set before 1970 or after 9999.
    pub fn now() -> DateTime {
        let since = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("the system clock is set before 1970");
        let millis = since.subsec_millis() * 1_000_000;
        i64::try_from(since.as_secs())
            .ok()
            .and_then(|seconds| DateTime::from_unix(seconds, millis))
            .expect("the system clock is set after the year 9999")
    }

    /// The text, exactly as it was read or written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whole seconds since the Unix epoch (1970-01-01T00:00:00Z), negative
    /// before it.
    pub fn unix_seconds(&self) -> i64 {
        self.instant.seconds
    }

    /// Nanoseconds into the second; a billion or more in a leap second.
    pub fn subsec_nanos(&self) -> u32 {
        self.instant.nanos
    }

    /// Milliseconds since the Unix epoch, rounded down.
    pub fn unix_millis(&self) -> i64 {
        self.instant.seconds * 1000 + i64::from(self.instant.nanos / 1_000_000)
    }

    /// The offset from UTC the text was written in, in minutes east of
    /// Greenwich (`+01:00` is 60, `Z` is 0).
    pub fn offset_minutes(&self) -> i16 {
        self.instant.offset_minutes
    }

    /// The same instant as a `SystemTime`.
    pub fn to_system_time(&self) -> std::time::SystemTime {
        let nanos = std::time::Duration::from_nanos(u64::from(self.instant.nanos));
        let seconds = std::time::Duration::from_secs(self.instant.seconds.unsigned_abs());
        if self.instant.seconds >= 0 {
            std::time::UNIX_EPOCH + seconds + nanos
        } else {
            std::time::UNIX_EPOCH - seconds + nanos
        }
    }

    /// The instant, as (seconds, nanoseconds) since the epoch: what
    /// comparisons use.
    fn key(&self) -> (i64, u32) {
        (self.instant.seconds, self.instant.nanos)
    }
}

const NANOS_PER_SECOND: u32 = 1_000_000_000;

impl Instant {
    /// `YYYY-MM-DDTHH:MM:SS[.fff[fff[fff]]]`, then `Z` or `±HH:MM`: the
    /// local date and time at the offset.
    fn text(&self) -> String {
        let local = self.seconds + i64::from(self.offset_minutes) * 60;
        let days = local.div_euclid(86_400);
        let second_of_day = local.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        // A leap second is the 60th second of its minute.
        let leap = u32::from(self.nanos >= NANOS_PER_SECOND);
        let mut text = format!(
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
            second_of_day / 3600,
            second_of_day / 60 % 60,
            second_of_day % 60 + i64::from(leap)
        );
        let nanos = self.nanos - leap * NANOS_PER_SECOND;
        if nanos != 0 {
            if nanos % 1_000_000 == 0 {
                text += &format!(".{:03}", nanos / 1_000_000);
            } else if nanos % 1000 == 0 {
                text += &format!(".{:06}", nanos / 1000);
            } else {
                text += &format!(".{nanos:09}");
            }
        }
        match self.offset_minutes {
            0 => text.push('Z'),
            offset => {
                let sign = if offset < 0 { '-' } else { '+' };
                let minutes = offset.unsigned_abs();
                text += &format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60);
            }
        }
        text
    }
}

/// What [`parse`] accepts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Grammar {
    /// RFC 3339 `date-time`.
    Exact,
    /// RFC 3339, or with a space for the `T`, or without an offset (UTC).
    Tolerant,
}

/// The instant of `text`, if `grammar` accepts it.
fn parse(text: &str, grammar: Grammar) -> Option<Instant> {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(range)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    };
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let separator_is_t = matches!(b.get(10), Some(b'T' | b't'));
    let separator = separator_is_t || (b.get(10) == Some(&b' ') && grammar == Grammar::Tolerant);
    if !(at(4, b'-') && at(7, b'-') && separator) {
        return None;
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    let (hour, minute, second) = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
    if !(at(13, b':') && at(16, b':'))
        || day == 0
        || day > days_in_month
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut i = 19;
    let mut nanos = 0;
    if at(i, b'.') {
        let fraction = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if fraction == 0 {
            return None;
        }
        // Nine digits make nanoseconds; the ones after are kept in the text.
        let mut scale = NANOS_PER_SECOND;
        for digit in &b[i + 1..i + 1 + fraction.min(9)] {
            scale /= 10;
            nanos += u32::from(digit - b'0') * scale;
        }
        i += 1 + fraction;
    }
    let offset_minutes: i16 = match b.get(i) {
        Some(b'Z' | b'z') if b.len() == i + 1 => 0,
        Some(sign @ (b'+' | b'-')) if b.len() == i + 6 && at(i + 3, b':') => {
            let (h, m) = (digits(i + 1..i + 3)?, digits(i + 4..i + 6)?);
            if h > 23 || m > 59 {
                return None;
            }
            let minutes = (h * 60 + m) as i16;
            if *sign == b'-' {
                -minutes
            } else {
                minutes
            }
        }
        None if grammar == Grammar::Tolerant => 0,
        _ => return None,
    };
    let offset_given = i < b.len();
    let local = i64::from(hour * 3600 + minute * 60 + second.min(59));
    let seconds = days_from_civil(i64::from(year), month, day) * 86_400 + local
        - i64::from(offset_minutes) * 60;
    if second == 60 {
        // A leap second is inserted at the end of a UTC day: the instant is
        // 23:59:59 UTC and a second more of nanoseconds, as chrono has it.
        if seconds.rem_euclid(86_400) != 86_399 {
            return None;
        }
        nanos += NANOS_PER_SECOND;
    }
    Some(Instant {
        seconds,
        nanos,
        offset_minutes,
        exact: separator_is_t && offset_given,
    })
}

/// Days from 1970-01-01 to the date, in the proleptic Gregorian calendar
/// (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date `days` after 1970-01-01: the inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u32;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Whether `text` is an RFC 3339 `date-time`, JSON Schema's format.
pub(crate) fn is_date_time(text: &str) -> bool {
    parse(text, Grammar::Exact).is_some()
}

impl PartialEq for DateTime {
    fn eq(&self, other: &DateTime) -> bool {
        self.key() == other.key()
    }
}

impl Eq for DateTime {}

impl PartialOrd for DateTime {
    fn partial_cmp(&self, other: &DateTime) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for DateTime {
    fn cmp(&self, other: &DateTime) -> Ordering {
        self.key().cmp(&other.key())
    }
}

impl Hash for DateTime {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.key().hash(state);
    }
}

impl fmt::Debug for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("DateTime").field(&self.text).finish()
    }
}

/// The text, as it was read or written.
impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl FromStr for DateTime {
    type Err = DateTimeError;

    fn from_str(text: &str) -> Result<DateTime, DateTimeError> {
        DateTime::parse(text)
    }
}

impl TryFrom<&str> for DateTime {
    type Error = DateTimeError;

    fn try_from(text: &str) -> Result<DateTime, DateTimeError> {
        DateTime::parse(text)
    }
}

impl TryFrom<String> for DateTime {
    type Error = DateTimeError;

    fn try_from(text: String) -> Result<DateTime, DateTimeError> {
        DateTime::read(text, Grammar::Exact).ok_or(DateTimeError::TEXT)
    }
}

impl From<DateTime> for String {
    fn from(value: DateTime) -> String {
        value.text.into_string()
    }
}

impl AsRef<str> for DateTime {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

impl From<DateTime> for std::time::SystemTime {
    fn from(value: DateTime) -> std::time::SystemTime {
        value.to_system_time()
    }
}

/// The time of the system clock, in UTC, to the nanosecond; fails for a
/// time before 0000 or after 9999.
impl TryFrom<std::time::SystemTime> for DateTime {
    type Error = DateTimeError;

    fn try_from(time: std::time::SystemTime) -> Result<DateTime, DateTimeError> {
        let made = match time.duration_since(std::time::UNIX_EPOCH) {
            Ok(after) => i64::try_from(after.as_secs())
                .ok()
                .and_then(|seconds| DateTime::from_unix(seconds, after.subsec_nanos())),
            Err(before) => {
                let before = before.duration();
                let seconds = i64::try_from(before.as_secs()).ok();
                match (seconds, before.subsec_nanos()) {
                    (Some(seconds), 0) => DateTime::from_unix(-seconds, 0),
                    (Some(seconds), nanos) => {
                        DateTime::from_unix(-seconds - 1, NANOS_PER_SECOND - nanos)
                    }
                    (None, _) => None,
                }
            }
        };
        made.ok_or(DateTimeError::RANGE)
    }
}

/// The text. A text that a lenient reading took but RFC 3339 does not
/// write (no offset, a space for the `T`) is refused, as every value that
/// breaks its schema is, except by `to_string_with` and `to_vec_with` under
/// a policy that tolerates formats.
impl serde::Serialize for DateTime {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !self.instant.exact && !crate::__private::policy().formats {
            return Err(serde::ser::Error::custom(format_args!(
                "DateTime {}: {}",
                crate::Escaped::quoted(&self.text),
                DateTimeError::TEXT
            )));
        }
        serializer.serialize_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::{civil_from_days, days_from_civil, DateTime, FIRST, LAST};

    #[test]
    fn days_and_dates_are_inverses() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(0, 1, 1) * 86_400, FIRST);
        assert_eq!(days_from_civil(9999, 12, 31) * 86_400 + 86_399, LAST);
        for days in (FIRST / 86_400..=LAST / 86_400).step_by(7) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days, "{y}-{m}-{d}");
        }
    }

    #[test]
    fn instants_follow_the_offset() {
        let t = |text: &str| DateTime::parse(text).unwrap();
        assert_eq!(t("1970-01-01T00:00:00Z").unix_seconds(), 0);
        assert_eq!(t("1970-01-01T01:00:00+01:00").unix_seconds(), 0);
        assert_eq!(t("1969-12-31T23:59:59.999Z").unix_millis(), -1);
        assert_eq!(t("2016-12-31T23:59:60Z").unix_seconds(), 1_483_228_799);
        assert_eq!(t("2016-12-31T23:59:60.5Z").subsec_nanos(), 1_500_000_000);
        assert!(t("2016-12-31T23:59:60.5Z") < t("2017-01-01T00:00:00Z"));
        assert!(t("2016-12-31T23:59:59.9Z") < t("2016-12-31T23:59:60Z"));
        assert_eq!(t("0000-01-01T00:00:00Z").unix_seconds(), FIRST);
        assert_eq!(
            t("9999-12-31T23:59:59.1234567891Z").subsec_nanos(),
            123_456_789
        );
    }

    #[test]
    fn made_texts_read_back() {
        for (seconds, nanos, text) in [
            (0, 0, "1970-01-01T00:00:00Z"),
            (-1, 500_000_000, "1969-12-31T23:59:59.500Z"),
            (1_796_688_000, 120_000, "2026-12-08T00:00:00.000120Z"),
            (1_796_688_000, 7, "2026-12-08T00:00:00.000000007Z"),
            (FIRST, 0, "0000-01-01T00:00:00Z"),
            (LAST, 999_999_999, "9999-12-31T23:59:59.999999999Z"),
        ] {
            let made = DateTime::from_unix(seconds, nanos).unwrap();
            assert_eq!(made.as_str(), text);
            let read = DateTime::parse(text).unwrap();
            assert_eq!((read.unix_seconds(), read.subsec_nanos()), (seconds, nanos));
        }
        assert_eq!(DateTime::from_unix(FIRST - 1, 0), None);
        assert_eq!(DateTime::from_unix(LAST + 1, 0), None);
        assert_eq!(DateTime::from_unix(0, 1_000_000_000), None);
        let leap = DateTime::from_unix_at_offset(1_483_228_799, 1_250_000_000, -60).unwrap();
        assert_eq!(leap.as_str(), "2016-12-31T22:59:60.250-01:00");
        assert_eq!(leap, DateTime::parse(leap.as_str()).unwrap());
        assert_eq!(DateTime::from_unix(1_483_228_798, 1_000_000_000), None);
        assert_eq!(
            DateTime::from_unix_millis(-1).unwrap().as_str(),
            "1969-12-31T23:59:59.999Z"
        );
    }

    #[test]
    fn a_tolerated_text_is_not_written_by_plain_serialization() {
        let tolerated = DateTime::parse_tolerated("2018-05-29 17:37:05").unwrap();
        assert_eq!(tolerated.unix_seconds(), 1_527_615_425);
        let error = serde_json::to_string(&tolerated).unwrap_err().to_string();
        assert!(
            error.starts_with("DateTime \"2018-05-29 17:37:05\": not a date-time"),
            "{error}"
        );
        let exact = DateTime::parse_tolerated("2018-05-29T17:37:05Z").unwrap();
        assert_eq!(
            serde_json::to_string(&exact).unwrap(),
            "\"2018-05-29T17:37:05Z\""
        );
    }

    #[test]
    fn made_at_an_offset_writes_the_local_time() {
        let at = |offset| DateTime::from_unix_at_offset(0, 0, offset).map(|t| t.to_string());
        assert_eq!(at(60).as_deref(), Some("1970-01-01T01:00:00+01:00"));
        assert_eq!(at(-330).as_deref(), Some("1969-12-31T18:30:00-05:30"));
        assert_eq!(
            at(24 * 60 - 1).as_deref(),
            Some("1970-01-01T23:59:00+23:59")
        );
        assert_eq!(at(24 * 60), None);
        assert_eq!(at(-24 * 60), None);
        // The local time decides the year: 0000 at UTC can be -0001 locally.
        assert_eq!(DateTime::from_unix_at_offset(FIRST, 0, -1), None);
        assert_eq!(DateTime::from_unix_at_offset(LAST, 0, 1), None);
        let t = DateTime::from_unix_at_offset(FIRST + 60, 0, -1).unwrap();
        assert_eq!(t.as_str(), "0000-01-01T00:00:00-00:01");
        assert_eq!(t, DateTime::parse(t.as_str()).unwrap());
    }
}
