//! Conversions to and from `jiff`'s `Timestamp` and `Zoned` (feature `jiff`).
//!
//! Both ways can fail: jiff's instants end a day before the year 9999 does
//! (at 9999-12-30T22:00:00Z, so that every one has a civil time at every
//! offset), and they begin before the year 0000.

use super::{DateTime, DateTimeError, NANOS_PER_SECOND};
use jiff::tz::{Offset, TimeZone};
use jiff::{Timestamp, Zoned};

/// The same instant. jiff has no leap seconds: one is its second's last
/// nanosecond. Fails in the last 26 hours of 9999, which jiff does not hold.
impl TryFrom<&DateTime> for Timestamp {
    type Error = DateTimeError;

    fn try_from(value: &DateTime) -> Result<Self, DateTimeError> {
        let nanos = value.subsec_nanos().min(NANOS_PER_SECOND - 1);
        Timestamp::new(value.unix_seconds(), nanos as i32).map_err(|_| DateTimeError::RANGE)
    }
}

impl TryFrom<DateTime> for Timestamp {
    type Error = DateTimeError;

    fn try_from(value: DateTime) -> Result<Self, DateTimeError> {
        Self::try_from(&value)
    }
}

/// The same instant, in a fixed time zone of the offset it was written in.
impl TryFrom<&DateTime> for Zoned {
    type Error = DateTimeError;

    fn try_from(value: &DateTime) -> Result<Self, DateTimeError> {
        let offset = Offset::from_seconds(i32::from(value.offset_minutes()) * 60)
            .map_err(|_| DateTimeError::RANGE)?;
        Ok(Timestamp::try_from(value)?.to_zoned(TimeZone::fixed(offset)))
    }
}

impl TryFrom<DateTime> for Zoned {
    type Error = DateTimeError;

    fn try_from(value: DateTime) -> Result<Self, DateTimeError> {
        Self::try_from(&value)
    }
}

/// The same instant, written in UTC (`Z`), with the digits of fraction it
/// needs. Fails for a year before 0000.
impl TryFrom<Timestamp> for DateTime {
    type Error = DateTimeError;

    fn try_from(value: Timestamp) -> Result<DateTime, DateTimeError> {
        let (seconds, nanos) = match u32::try_from(value.subsec_nanosecond()) {
            Ok(nanos) => (value.as_second(), nanos),
            // Before the epoch, jiff counts a fraction down from the second.
            Err(_) => (
                value.as_second() - 1,
                (value.subsec_nanosecond() + NANOS_PER_SECOND as i32) as u32,
            ),
        };
        DateTime::from_unix(seconds, nanos).ok_or(DateTimeError::RANGE)
    }
}

/// The same instant, written at the zone's offset then (`Z` for UTC).
/// Fails for a local year before 0000, or an offset with seconds.
impl TryFrom<&Zoned> for DateTime {
    type Error = DateTimeError;

    fn try_from(value: &Zoned) -> Result<DateTime, DateTimeError> {
        let offset = value.offset().seconds();
        if offset % 60 != 0 {
            return Err(DateTimeError::RANGE);
        }
        let minutes = i16::try_from(offset / 60).map_err(|_| DateTimeError::RANGE)?;
        let utc = DateTime::try_from(value.timestamp())?;
        DateTime::from_unix_at_offset(utc.unix_seconds(), utc.subsec_nanos(), minutes)
            .ok_or(DateTimeError::RANGE)
    }
}

impl TryFrom<Zoned> for DateTime {
    type Error = DateTimeError;

    fn try_from(value: Zoned) -> Result<DateTime, DateTimeError> {
        DateTime::try_from(&value)
    }
}
