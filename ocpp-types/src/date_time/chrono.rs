//! Conversions to and from `chrono`'s `DateTime<Utc>` and
//! `DateTime<FixedOffset>` (feature `chrono`).

use super::{DateTime, DateTimeError};
use chrono::{FixedOffset, Offset, TimeZone, Utc};

impl From<&DateTime> for chrono::DateTime<Utc> {
    /// The same instant; a leap second stays one (chrono keeps them).
    fn from(value: &DateTime) -> Self {
        chrono::DateTime::from_timestamp(value.unix_seconds(), value.subsec_nanos())
            .expect("chrono holds every instant of the years 0000 to 9999")
    }
}

impl From<&DateTime> for chrono::DateTime<FixedOffset> {
    /// The same instant, at the offset it was written in.
    fn from(value: &DateTime) -> Self {
        let offset = FixedOffset::east_opt(i32::from(value.offset_minutes()) * 60)
            .expect("an offset is within ±23:59");
        chrono::DateTime::<Utc>::from(value).with_timezone(&offset)
    }
}

impl From<DateTime> for chrono::DateTime<Utc> {
    fn from(value: DateTime) -> Self {
        Self::from(&value)
    }
}

impl From<DateTime> for chrono::DateTime<FixedOffset> {
    fn from(value: DateTime) -> Self {
        Self::from(&value)
    }
}

/// The same instant, written at the time's offset (`Z` for UTC), with the
/// digits of fraction it needs (`.500`, none for a whole second). Fails
/// for a local year outside 0000 to 9999, or an offset with seconds.
impl<Tz: TimeZone> TryFrom<chrono::DateTime<Tz>> for DateTime {
    type Error = DateTimeError;

    fn try_from(value: chrono::DateTime<Tz>) -> Result<DateTime, DateTimeError> {
        let offset = value.offset().fix().local_minus_utc();
        if offset % 60 != 0 {
            return Err(DateTimeError::RANGE);
        }
        let minutes = i16::try_from(offset / 60).map_err(|_| DateTimeError::RANGE)?;
        let utc = value.with_timezone(&Utc);
        DateTime::from_unix_at_offset(utc.timestamp(), utc.timestamp_subsec_nanos(), minutes)
            .ok_or(DateTimeError::RANGE)
    }
}
