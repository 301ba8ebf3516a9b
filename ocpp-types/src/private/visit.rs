//! [`Expect`]: a visitor that knows its path. Every kind of value it does not
//! accept becomes an error that names the path, what was expected and what
//! was found. [`Visit`] adapts it to serde's `Visitor`.

use super::error::{invalid_type, out_of_range, Found};
use super::Path;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// What a value at a path accepts. Override the methods for the kinds of
/// value accepted; the others reject the value with a pathful error.
pub trait Expect<'de>: Sized {
    /// The value built.
    type Value;

    /// What is expected, after "expected": "a string", "a KeyValue object".
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;

    /// Where the value is.
    fn path(&self) -> Path<'_>;

    /// Rejects the value found.
    #[cold]
    fn reject<E: de::Error>(&self, found: Found<'_>) -> E {
        invalid_type(self.path(), found, Expecting(self))
    }

    /// Rejects a value of the right kind but out of range.
    #[cold]
    fn out_of_range<E: de::Error>(&self, found: Found<'_>) -> E {
        out_of_range(self.path(), found, Expecting(self))
    }

    /// A JSON `null` (or a format's "none").
    fn null<E: de::Error>(self) -> Result<Self::Value, E> {
        Err(self.reject(Found::Null))
    }

    fn bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Err(self.reject(Found::Bool(v)))
    }

    fn i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Err(self.reject(Found::Integer(v.into())))
    }

    fn u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Err(self.reject(Found::Integer(v.into())))
    }

    /// Integers beyond 64 bits (some formats have them).
    fn i128<E: de::Error>(self, v: i128) -> Result<Self::Value, E> {
        match (i64::try_from(v), u64::try_from(v)) {
            (Ok(v), _) => self.i64(v),
            (_, Ok(v)) => self.u64(v),
            _ => Err(self.reject(Found::Integer(v))),
        }
    }

    fn f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Err(self.reject(Found::Number(v)))
    }

    fn str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Err(self.reject(Found::Str(v)))
    }

    /// A string borrowed from the input, for zero-copy use.
    fn borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        self.str(v)
    }

    /// A string the format already owns.
    fn string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        self.str(&v)
    }

    fn seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        let _ = seq;
        Err(self.reject(Found::Array))
    }

    /// A number as text, as serde_json's `arbitrary_precision` hands one
    /// that is not a 64-bit integer (through `object_or_number`): read as
    /// the integer or float it is written as.
    fn number_text<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        number(self, text)
    }

    /// An object (a number, for the visitors of numbers, under serde_json's
    /// `arbitrary_precision`: `object_or_number`).
    fn map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let _ = map;
        Err(self.reject(Found::Object))
    }
}

/// [`Expect::map`] for the visitors of numbers: an object is an error; but
/// under serde_json's `arbitrary_precision` (which a crate can turn on for
/// the whole program) a number that is not a 64-bit integer comes as a map
/// of one entry, its text under [`NUMBER_TOKEN`]. Apart, so that it does not
/// weigh on the inlining of the visitor.
#[cold]
#[inline(never)]
pub(crate) fn object_or_number<'de, X: Expect<'de>, A: MapAccess<'de>>(
    expect: X,
    mut map: A,
) -> Result<X::Value, A::Error> {
    match map.next_key::<NumberKey>()? {
        Some(NumberKey(true)) => {
            let text: String = map.next_value()?;
            expect.number_text(&text)
        }
        _ => Err(expect.reject(Found::Object)),
    }
}

/// The key under which serde_json's `arbitrary_precision` hands a number's
/// text to a visitor, as a map of one entry.
pub(crate) const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// Whether a map's first key is [`NUMBER_TOKEN`].
pub(crate) struct NumberKey(pub bool);

impl<'de> de::Deserialize<'de> for NumberKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Key;
        impl<'de> Visitor<'de> for Key {
            type Value = NumberKey;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a property name")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<NumberKey, E> {
                Ok(NumberKey(v == NUMBER_TOKEN))
            }
            // Another format's key of another kind: not the token.
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<NumberKey, E> {
                Ok(NumberKey(false))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<NumberKey, E> {
                Ok(NumberKey(false))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<NumberKey, E> {
                Ok(NumberKey(false))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<NumberKey, E> {
                Ok(NumberKey(false))
            }
            fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<NumberKey, E> {
                Ok(NumberKey(false))
            }
            fn visit_unit<E: de::Error>(self) -> Result<NumberKey, E> {
                Ok(NumberKey(false))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<NumberKey, A::Error> {
                Ok(NumberKey(false))
            }
            fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<NumberKey, A::Error> {
                Ok(NumberKey(false))
            }
        }
        deserializer.deserialize_any(Key)
    }
}

/// A number given as its text: as an integer when it is written as one and
/// fits 128 bits, else as an `f64`.
pub(crate) fn number<'de, X: Expect<'de>, E: de::Error>(
    expect: X,
    text: &str,
) -> Result<X::Value, E> {
    let integer = !text.contains(['.', 'e', 'E']);
    match text.parse::<i128>() {
        Ok(value) if integer => expect.i128(value),
        _ => match text.parse::<f64>() {
            Ok(value) => expect.f64(value),
            Err(_) => Err(expect.reject(Found::Other("a number"))),
        },
    }
}

/// Whether `text` is an integer as JSON writes one, in its one canonical
/// form: an optional `-`, then `0` or digits without a leading zero; not
/// `-0`, `+1`, `0001` or ` 1`. A string of this form converts to an
/// integer and back to the same text.
pub(crate) fn is_canonical_integer(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    match digits.as_bytes() {
        [b'0'] => digits.len() == text.len(),
        [b'1'..=b'9', rest @ ..] => rest.iter().all(u8::is_ascii_digit),
        _ => false,
    }
}

/// Whether `text` is a number as JSON writes one (RFC 8259, section 6):
/// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`; not `+1`, `.5`,
/// `1.`, `0x1`, `inf`, `NaN` or ` 1`.
pub(crate) fn is_json_number(text: &str) -> bool {
    fn digits(b: &[u8]) -> usize {
        b.iter().take_while(|c| c.is_ascii_digit()).count()
    }
    let b = text.as_bytes();
    let b = b.strip_prefix(b"-").unwrap_or(b);
    let b = match b {
        [b'0', rest @ ..] => rest,
        [b'1'..=b'9', ..] => &b[digits(b)..],
        _ => return false,
    };
    let b = match b {
        [b'.', rest @ ..] if digits(rest) > 0 => &rest[digits(rest)..],
        [b'.', ..] => return false,
        _ => b,
    };
    let b = match b {
        [b'e' | b'E', rest @ ..] => {
            let rest = match rest {
                [b'+' | b'-', rest @ ..] => rest,
                _ => rest,
            };
            if digits(rest) == 0 {
                return false;
            }
            &rest[digits(rest)..]
        }
        _ => b,
    };
    b.is_empty()
}

/// Shows an [`Expect`]'s `expecting` as `Display`.
struct Expecting<'a, X>(&'a X);

impl<'de, X: Expect<'de>> fmt::Display for Expecting<'_, X> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }
}

/// The serde `Visitor` of an [`Expect`]: every `visit_*` method forwards to
/// the matching kind of value.
pub struct Visit<X>(pub X);

macro_rules! forward {
    ($($visit:ident($ty:ty) => $method:ident($convert:expr);)*) => {
        $(
            #[inline]
            fn $visit<E: de::Error>(self, v: $ty) -> Result<Self::Value, E> {
                self.0.$method(($convert)(v))
            }
        )*
    };
}

impl<'de, X: Expect<'de>> Visitor<'de> for Visit<X> {
    type Value = X::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }

    forward! {
        visit_bool(bool) => bool(|v| v);
        visit_i8(i8) => i64(i64::from);
        visit_i16(i16) => i64(i64::from);
        visit_i32(i32) => i64(i64::from);
        visit_i64(i64) => i64(|v| v);
        visit_i128(i128) => i128(|v| v);
        visit_u8(u8) => u64(u64::from);
        visit_u16(u16) => u64(u64::from);
        visit_u32(u32) => u64(u64::from);
        visit_u64(u64) => u64(|v| v);
        visit_f32(f32) => f64(f64::from);
        visit_f64(f64) => f64(|v| v);
        visit_str(&str) => str(|v| v);
        visit_borrowed_str(&'de str) => borrowed_str(|v| v);
        visit_string(String) => string(|v| v);
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Self::Value, E> {
        match i128::try_from(v) {
            Ok(v) => self.0.i128(v),
            Err(_) => Err(self.0.reject(Found::Other("an integer beyond 128 bits"))),
        }
    }

    fn visit_char<E: de::Error>(self, v: char) -> Result<Self::Value, E> {
        self.0.str(v.encode_utf8(&mut [0; 4]))
    }

    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Self::Value, E> {
        Err(self.0.reject(Found::Other("bytes")))
    }

    #[inline]
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        self.0.null()
    }

    #[inline]
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        self.0.null()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    #[inline]
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        self.0.seq(seq)
    }

    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.0.map(map)
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(self.0.reject(Found::Other("an enum")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_integers_are_json_integers_in_their_one_form() {
        for text in [
            "0",
            "7",
            "-7",
            "10",
            "9223372036854775807",
            "-9223372036854775808",
        ] {
            assert!(is_canonical_integer(text), "{text}");
        }
        for text in [
            "", "-", "-0", "+1", "01", "0001", " 1", "1 ", "1.0", "1e2", "٣",
        ] {
            assert!(!is_canonical_integer(text), "{text}");
        }
    }

    #[test]
    fn json_numbers_follow_the_grammar() {
        for text in ["0", "-0", "1.5", "-0.5e1", "1E+300", "1e-7", "10", "0.0"] {
            assert!(is_json_number(text), "{text}");
        }
        for text in [
            "", "-", "+1", ".5", "1.", "01", "1e", "1e+", "0x10", "inf", "NaN", " 1", "1 ", "1..2",
        ] {
            assert!(!is_json_number(text), "{text}");
        }
    }
}
