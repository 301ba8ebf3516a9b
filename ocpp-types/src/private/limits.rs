//! Constraints on field values (`min_length`, `maximum`, `format`, ...):
//! checked when a document is read and again when a value is written, so a
//! value built in Rust that breaks a limit can't reach the wire unnoticed.

use super::error::Float;
use std::fmt;

/// The constraints on one field, as generated code writes them.
#[derive(Clone, Copy, Debug, Default)]
pub struct Limits {
    /// Fewest characters (Unicode scalar values, as JSON Schema counts).
    pub min_length: Option<u64>,
    /// Most characters.
    pub max_length: Option<u64>,
    pub minimum: Option<Number>,
    pub maximum: Option<Number>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub format: Option<Format>,
    /// The value divided by it is a whole number, in decimal: `0.3` is a
    /// multiple of `0.1`, as the JSON texts mean.
    pub multiple_of: Option<Number>,
    /// draft-04: a number written with a fraction or an exponent (`5.0`)
    /// is not an integer.
    pub strict_integer: bool,
    /// The constraints on each item of an array.
    pub items: Option<&'static Limits>,
}

/// A number: a bound as written in the attribute (`minimum`, `maximum`,
/// `multipleOf`), or a value that broke one, for the message.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    Int(i128),
    Float(f64),
}

/// A string format that is checked, not only noted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// RFC 3339 `date-time`, as JSON Schema defines it.
    DateTime,
    /// RFC 3986 `URI`: absolute, with a scheme.
    Uri,
}

impl Format {
    /// The format's name in JSON Schema.
    pub fn name(self) -> &'static str {
        match self {
            Format::DateTime => "date-time",
            Format::Uri => "uri",
        }
    }
}

/// How a value breaks its limits.
#[derive(Clone, Debug, PartialEq)]
pub enum Violation {
    TooShort { length: usize, min: u64 },
    TooLong { length: usize, max: u64 },
    Below { value: Number, min: Number },
    Above { value: Number, max: Number },
    TooFewItems { count: usize, min: u64 },
    TooManyItems { count: usize, max: u64 },
    NotFormat { format: Format },
    NotMultiple { value: Number, multiple: Number },
}

impl Violation {
    /// The kind of error this is, when a document has it.
    pub fn kind(&self) -> crate::ErrorKind {
        use crate::ErrorKind;
        match self {
            Violation::TooShort { .. } | Violation::TooLong { .. } => ErrorKind::Length,
            Violation::Below { .. } | Violation::Above { .. } => ErrorKind::Range,
            Violation::TooFewItems { .. } | Violation::TooManyItems { .. } => ErrorKind::ItemCount,
            Violation::NotFormat { .. } => ErrorKind::Format,
            Violation::NotMultiple { .. } => ErrorKind::MultipleOf,
        }
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Number::Int(v) => write!(f, "{v}"),
            Number::Float(v) => write!(f, "{}", Float(*v)),
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = |n: u64| if n == 1 { "" } else { "s" };
        match self {
            Violation::TooShort { length, min } => {
                write!(f, "string of {length} character{} is shorter than the minimum length of {min} character{}", s(*length as u64), s(*min))
            }
            Violation::TooLong { length, max } => {
                write!(f, "string of {length} character{} is longer than the maximum length of {max} character{}", s(*length as u64), s(*max))
            }
            Violation::Below { value, min } => {
                write!(f, "{value} is less than the minimum of {min}")
            }
            Violation::Above { value, max } => {
                write!(f, "{value} is more than the maximum of {max}")
            }
            Violation::TooFewItems { count, min } => {
                write!(
                    f,
                    "array of {count} item{} has fewer than the minimum of {min} item{}",
                    s(*count as u64),
                    s(*min)
                )
            }
            Violation::TooManyItems { count, max } => {
                write!(
                    f,
                    "array of {count} item{} has more than the maximum of {max} item{}",
                    s(*count as u64),
                    s(*max)
                )
            }
            Violation::NotFormat {
                format: Format::DateTime,
            } => f.write_str(
                "not a date-time as RFC 3339 writes it (such as \"2026-11-27T10:00:00Z\")",
            ),
            Violation::NotFormat {
                format: Format::Uri,
            } => f.write_str(
                "not an absolute URI as RFC 3986 writes it (such as \"https://example.com/path\")",
            ),
            Violation::NotMultiple { value, multiple } => {
                write!(f, "{value} is not a multiple of {multiple}")
            }
        }
    }
}

/// A value whose limits can be checked.
pub trait Limited {
    /// The first limit this value breaks, if any.
    fn violation(&self, limits: &Limits) -> Option<Violation>;
}

impl Limited for String {
    fn violation(&self, limits: &Limits) -> Option<Violation> {
        // A string has at most as many characters as bytes, and at least a
        // quarter as many: the byte length decides most checks without
        // counting characters.
        let bytes = self.len() as u64;
        let short = limits
            .min_length
            .filter(|min| bytes < min.saturating_mul(4));
        let long = limits.max_length.filter(|max| bytes > *max);
        if short.is_some() || long.is_some() {
            let length = self.chars().count();
            if let Some(min) = short.filter(|min| (length as u64) < *min) {
                return Some(Violation::TooShort { length, min });
            }
            if let Some(max) = long.filter(|max| (length as u64) > *max) {
                return Some(Violation::TooLong { length, max });
            }
        }
        match limits.format {
            Some(Format::DateTime) if !is_date_time(self) => Some(Violation::NotFormat {
                format: Format::DateTime,
            }),
            Some(Format::Uri) if !super::uri::is_uri(self) => Some(Violation::NotFormat {
                format: Format::Uri,
            }),
            _ => None,
        }
    }
}

/// Whether `number` is below (`Less`) or above (`Greater`) `bound`, exactly
/// for integers and by floating point otherwise.
fn compare(number: Number, bound: Number) -> Option<std::cmp::Ordering> {
    match (number, bound) {
        (Number::Int(n), Number::Int(b)) => Some(n.cmp(&b)),
        (Number::Int(n), Number::Float(b)) => int_to_float(n, b),
        (Number::Float(n), Number::Int(b)) => int_to_float(b, n).map(std::cmp::Ordering::reverse),
        (Number::Float(n), Number::Float(b)) => n.partial_cmp(&b),
    }
}

/// `int` compared with `float` exactly: neither is rounded to the other's type.
fn int_to_float(int: i128, float: f64) -> Option<std::cmp::Ordering> {
    use std::cmp::Ordering::{Equal, Greater, Less};
    if float.is_nan() {
        return None;
    }
    // Beyond i128's range (about ±1.7e38) the float is past every integer.
    if float >= i128::MAX as f64 {
        return Some(Less);
    }
    if float < i128::MIN as f64 {
        return Some(Greater);
    }
    let whole = float.floor();
    Some(
        int.cmp(&(whole as i128))
            .then(if float > whole { Less } else { Equal }),
    )
}

pub(crate) fn number_violation(value: Number, limits: &Limits) -> Option<Violation> {
    use std::cmp::Ordering::{Greater, Less};
    if let Some(min) = limits
        .minimum
        .filter(|min| compare(value, *min) == Some(Less))
    {
        return Some(Violation::Below { value, min });
    }
    if let Some(max) = limits
        .maximum
        .filter(|max| compare(value, *max) == Some(Greater))
    {
        return Some(Violation::Above { value, max });
    }
    if let Some(multiple) = limits
        .multiple_of
        .filter(|multiple| !super::decimal::is_multiple(value, *multiple))
    {
        return Some(Violation::NotMultiple { value, multiple });
    }
    None
}

macro_rules! numbers {
    ($kind:ident as $wide:ty: $($ty:ty),*) => {$(
        impl Limited for $ty {
            fn violation(&self, limits: &Limits) -> Option<Violation> {
                number_violation(Number::$kind(<$wide>::from(*self)), limits)
            }
        }
    )*};
}

numbers!(Int as i128: i8, i16, i32, i64, u8, u16, u32, u64);
numbers!(Float as f64: f32, f64);

impl<T> Limited for Vec<T> {
    fn violation(&self, limits: &Limits) -> Option<Violation> {
        let count = self.len();
        if let Some(min) = limits.min_items.filter(|min| (count as u64) < *min) {
            return Some(Violation::TooFewItems { count, min });
        }
        if let Some(max) = limits.max_items.filter(|max| (count as u64) > *max) {
            return Some(Violation::TooManyItems { count, max });
        }
        None
    }
}

impl<T: Limited> Limited for Option<T> {
    fn violation(&self, limits: &Limits) -> Option<Violation> {
        self.as_ref()?.violation(limits)
    }
}

impl<T: Limited> Limited for Box<T> {
    fn violation(&self, limits: &Limits) -> Option<Violation> {
        (**self).violation(limits)
    }
}

/// RFC 3339 `date-time` (section 5.6), as JSON Schema's format: `T` and `Z`
/// in either case, fractions of any length, a leap second only at 23:59 UTC.
pub fn is_date_time(text: &str) -> bool {
    crate::date_time::is_date_time(text)
}

/// A value whose floats can be checked: JSON numbers are finite.
pub trait Finite {
    /// The first float in the value that is not finite (NaN or infinite).
    fn not_finite(&self) -> Option<f64>;
}

impl Finite for f32 {
    fn not_finite(&self) -> Option<f64> {
        (!self.is_finite()).then_some(f64::from(*self))
    }
}

impl Finite for f64 {
    fn not_finite(&self) -> Option<f64> {
        (!self.is_finite()).then_some(*self)
    }
}

impl<T: Finite> Finite for Option<T> {
    fn not_finite(&self) -> Option<f64> {
        self.as_ref()?.not_finite()
    }
}

impl<T: Finite> Finite for Vec<T> {
    fn not_finite(&self) -> Option<f64> {
        self.iter().find_map(T::not_finite)
    }
}

impl<T: Finite + ?Sized> Finite for Box<T> {
    fn not_finite(&self) -> Option<f64> {
        (**self).not_finite()
    }
}

impl<T: Finite> Finite for std::collections::BTreeMap<String, T> {
    fn not_finite(&self) -> Option<f64> {
        self.values().find_map(T::not_finite)
    }
}

impl<T: Finite, S> Finite for std::collections::HashMap<String, T, S> {
    fn not_finite(&self) -> Option<f64> {
        self.values().find_map(T::not_finite)
    }
}

/// For `Serialize`: refuses a float that is not finite, which JSON can't
/// hold (serde_json would write `null`, which no field reads back).
#[inline]
pub fn check_finite<E: serde::ser::Error, T: Finite + ?Sized>(
    value: &T,
    type_name: &str,
    field: &str,
) -> Result<(), E> {
    match value.not_finite() {
        None => Ok(()),
        Some(value) => Err(not_finite(type_name, field, value)),
    }
}

#[cold]
fn not_finite<E: serde::ser::Error>(type_name: &str, field: &str, value: f64) -> E {
    E::custom(format_args!(
        "{type_name}.{field}: {value} can't be written: JSON numbers are finite"
    ))
}

/// An array whose items' limits can be checked.
pub trait LimitedItems {
    /// The index and the violation of the first item that breaks `limits`.
    fn item_violation(&self, limits: &Limits) -> Option<(usize, Violation)>;
}

impl<T: Limited> LimitedItems for Vec<T> {
    fn item_violation(&self, limits: &Limits) -> Option<(usize, Violation)> {
        self.iter()
            .enumerate()
            .find_map(|(index, item)| Some((index, item.violation(limits)?)))
    }
}

impl<T: LimitedItems> LimitedItems for Option<T> {
    fn item_violation(&self, limits: &Limits) -> Option<(usize, Violation)> {
        self.as_ref()?.item_violation(limits)
    }
}

/// For `Serialize`: refuses an array built in Rust whose items break their
/// limits (`limits.items`).
pub fn check_item_limits<E: serde::ser::Error, T: LimitedItems + ?Sized>(
    value: &T,
    limits: &Limits,
    type_name: &str,
    field: &str,
) -> Result<(), E> {
    let Some(items) = limits.items else {
        return Ok(());
    };
    match value.item_violation(items) {
        Some((_, violation)) if super::lenient::policy().tolerates(violation.kind()) => Ok(()),
        Some((index, violation)) => Err(E::custom(format_args!(
            "{type_name}.{field}[{index}]: {violation}"
        ))),
        None => Ok(()),
    }
}

/// For `Serialize`: refuses a value built in Rust that breaks its limits.
pub fn check_limits<E: serde::ser::Error, T: Limited + ?Sized>(
    value: &T,
    limits: &Limits,
    type_name: &str,
    field: &str,
) -> Result<(), E> {
    match value.violation(limits) {
        // `to_string_with` writes what its policy tolerates as it is.
        Some(violation) if super::lenient::policy().tolerates(violation.kind()) => Ok(()),
        Some(violation) => Err(E::custom(format_args!("{type_name}.{field}: {violation}"))),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::{is_date_time, Limited, Limits, Violation};

    /// Lengths are characters, whatever the byte length lets the check skip.
    #[test]
    fn lengths_count_characters_where_bytes_do_not_decide() {
        let limits = |min: Option<u64>, max: Option<u64>| Limits {
            min_length: min,
            max_length: max,
            ..Limits::default()
        };
        let check = |text: &str, min, max| text.to_owned().violation(&limits(min, max));
        assert_eq!(check("ééé", None, Some(3)), None);
        assert_eq!(
            check("éééé", None, Some(3)),
            Some(Violation::TooLong { length: 4, max: 3 })
        );
        assert_eq!(
            check("abcd", None, Some(3)),
            Some(Violation::TooLong { length: 4, max: 3 })
        );
        assert_eq!(
            check("𝄞𝄞𝄞", Some(4), None),
            Some(Violation::TooShort { length: 3, min: 4 })
        );
        assert_eq!(check("𝄞𝄞𝄞𝄞", Some(4), Some(4)), None);
        assert_eq!(
            check("abc", Some(4), None),
            Some(Violation::TooShort { length: 3, min: 4 })
        );
        assert_eq!(
            check("", Some(u64::MAX), None),
            Some(Violation::TooShort {
                length: 0,
                min: u64::MAX
            })
        );
    }

    #[test]
    fn date_times_follow_rfc_3339() {
        for valid in [
            "2026-11-27T10:00:00Z",
            "2026-11-27t10:00:00z",
            "2024-02-29T23:59:59.123456+01:00",
            "1998-12-31T23:59:60Z",
            "1998-12-31T15:59:60.123-08:00",
        ] {
            assert!(is_date_time(valid), "{valid}");
        }
        for invalid in [
            "",
            "2026-11-27",
            "2026-11-27 10:00:00Z",
            "2026-11-27T10:00:00",
            "2023-02-29T10:00:00Z",
            "2026-13-01T10:00:00Z",
            "2026-11-31T10:00:00Z",
            "2026-11-27T24:00:00Z",
            "2026-11-27T10:00:00.Z",
            "2026-11-27T10:00:00+24:00",
            "2026-11-27T10:00:00+0100",
            "1998-12-31T23:58:60Z",
            "1998-12-31T22:59:60Z",
            "2026-11-27T10:00:00Z ",
            "٢٠٢٦-11-27T10:00:00Z",
        ] {
            assert!(!is_date_time(invalid), "{invalid}");
        }
    }
}
