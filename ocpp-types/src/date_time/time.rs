//! Conversions to and from `time`'s `OffsetDateTime` (feature `time`).

use super::{DateTime, DateTimeError, NANOS_PER_SECOND};
use time::{OffsetDateTime, UtcOffset};

impl From<&DateTime> for OffsetDateTime {
    /// The same instant, at the offset it was written in. `time` has no
    /// leap seconds: one is its second's last nanosecond.
    fn from(value: &DateTime) -> Self {
        let nanos = value.subsec_nanos().min(NANOS_PER_SECOND - 1);
        let total =
            i128::from(value.unix_seconds()) * i128::from(NANOS_PER_SECOND) + i128::from(nanos);
        let offset = UtcOffset::from_whole_seconds(i32::from(value.offset_minutes()) * 60)
            .expect("an offset is within ±23:59");
        OffsetDateTime::from_unix_timestamp_nanos(total)
            .expect("time holds every instant of the years 0000 to 9999")
            .to_offset(offset)
    }
}

impl From<DateTime> for OffsetDateTime {
    fn from(value: DateTime) -> Self {
        Self::from(&value)
    }
}

/// The same instant, written at its offset (`Z` for UTC), with the digits
/// of fraction it needs. Fails for a local year outside 0000 to 9999, or
/// an offset with seconds.
impl TryFrom<OffsetDateTime> for DateTime {
    type Error = DateTimeError;

    fn try_from(value: OffsetDateTime) -> Result<DateTime, DateTimeError> {
        let (hours, minutes, seconds) = value.offset().as_hms();
        if seconds != 0 {
            return Err(DateTimeError::RANGE);
        }
        let offset = i16::from(hours) * 60 + i16::from(minutes);
        DateTime::from_unix_at_offset(value.unix_timestamp(), value.nanosecond(), offset)
            .ok_or(DateTimeError::RANGE)
    }
}
