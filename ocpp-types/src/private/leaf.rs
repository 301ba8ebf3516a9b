//! [`DeserializeAt`] for the field types an `#[ocpp_type]` may use besides
//! other `#[ocpp_type]`s: strings, booleans, numbers, arrays, boxes and any
//! JSON value. `null` is never a string, number or boolean: an absent optional
//! field is left out of the document, not written as `null`.

use super::error::{broken, duplicate_key, located, violation, Found};
use super::lenient::policy;
use super::lenient::tolerate;
use super::limits::{number_violation, Format, Limited, Limits, Number, Violation};
use super::visit::{is_canonical_integer, is_json_number, object_or_number};
use super::{At, DeserializeAt, Expect, Path, Visit};
use crate::{DateTime, ErrorKind};
use serde::de::{DeserializeSeed, Deserializer, Error, MapAccess, SeqAccess, Visitor};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::hash::BuildHasher;
use std::marker::PhantomData;

/// `deserializer.deserialize_any(visitor)` for the value at `path`: an
/// error the deserializer makes (the input ends, a bad escape) gets the path,
/// here or in the value's visitor: this is the one place, every
/// `DeserializeAt` goes through it, so visitors need no wrapping of their own.
#[inline]
pub fn any<'de, D: Deserializer<'de>, V: Visitor<'de>>(
    deserializer: D,
    path: Path<'_>,
    visitor: V,
) -> Result<V::Value, D::Error> {
    deserializer
        .deserialize_any(visitor)
        .map_err(|error| located(error, path))
}

/// The visitor of a leaf value: what it expects, where.
struct Leaf<'p, T> {
    path: Path<'p>,
    value: PhantomData<fn() -> T>,
}

impl<'p, T> Leaf<'p, T> {
    #[inline]
    fn new(path: Path<'p>) -> Visit<Self> {
        Visit(Leaf {
            path,
            value: PhantomData,
        })
    }
}

impl<'de> Expect<'de> for Leaf<'_, String> {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn path(&self) -> Path<'_> {
        self.path
    }

    #[inline]
    fn str<E: Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }

    #[inline]
    fn string<E: Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }

    // A lenient reading takes a scalar for its text (`12` as "12").
    fn bool<E: Error>(self, v: bool) -> Result<String, E> {
        self.scalar(Found::Bool(v))
    }

    fn i64<E: Error>(self, v: i64) -> Result<String, E> {
        self.scalar(Found::Integer(v.into()))
    }

    fn u64<E: Error>(self, v: u64) -> Result<String, E> {
        self.scalar(Found::Integer(v.into()))
    }

    fn f64<E: Error>(self, v: f64) -> Result<String, E> {
        self.scalar(Found::Number(v))
    }

    fn map<A: MapAccess<'de>>(self, map: A) -> Result<String, A::Error> {
        object_or_number(self, map)
    }

    /// Under serde_json's `arbitrary_precision`, a number that is not a
    /// 64-bit integer comes with its text: a lenient reading keeps it.
    fn number_text<E: Error>(self, text: &str) -> Result<String, E> {
        self.scalar(Found::NumberText(text))
    }
}

impl Leaf<'_, String> {
    /// A scalar where a string is expected: its text, if the policy of a
    /// lenient reading tolerates it and the text is exact. JSON writes an
    /// integer that reaches a visitor as one (no fraction, no exponent, no
    /// leading zero, within 64 bits) in one way only, so its digits are its
    /// text. A number with a fraction or an exponent reaches it as an `f64`,
    /// its text gone (`2.50`, `25e-1` and `2.5` are one `f64`): its text is
    /// then the shortest one of its value (`2.5`, `1e300`), which is the
    /// value written for every number of at most 15 significant digits; one
    /// that needs more digits lost some in the `f64`, and stays an error.
    /// Under serde_json's `arbitrary_precision` the text comes as written.
    #[cold]
    #[inline(never)]
    fn scalar<E: Error>(self, found: Found<'_>) -> Result<String, E> {
        let text = match found {
            Found::Bool(v) => v.to_string(),
            // Its digits, in a string of their length (formatting leaves room).
            Found::Integer(v) => {
                let mut digits = v.to_string();
                digits.shrink_to_fit();
                digits
            }
            Found::Number(v) => match exact_text(v) {
                Some(text) => text,
                None => return Err(self.reject(found)),
            },
            Found::NumberText(text) => text.to_owned(),
            _ => return Err(self.reject(found)),
        };
        if tolerate(
            ErrorKind::WrongType,
            self.path,
            format_args!("{found} read as a string"),
        ) {
            Ok(text)
        } else {
            Err(self.reject(found))
        }
    }
}

/// The shortest text of a finite `v` that reads back as `v`, if it has at
/// most 15 significant digits (every decimal of 15 digits survives a trip
/// through an `f64`, so this is the number written): `2.5`, `0.1`,
/// `1e300`, `-4.2e-7`; plain digits between 1e-5 and 1e16.
fn exact_text(v: f64) -> Option<String> {
    if !v.is_finite() {
        return None;
    }
    let scientific = format!("{v:e}");
    let mantissa = scientific.split('e').next().unwrap_or("");
    let digits = mantissa.bytes().filter(u8::is_ascii_digit).count();
    if digits > 15 {
        return None;
    }
    let magnitude = v.abs();
    if magnitude == 0.0 || (1e-5..1e16).contains(&magnitude) {
        Some(v.to_string())
    } else {
        Some(scientific)
    }
}

impl<'de> Expect<'de> for Leaf<'_, bool> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a boolean")
    }

    fn path(&self) -> Path<'_> {
        self.path
    }

    #[inline]
    fn bool<E: Error>(self, v: bool) -> Result<bool, E> {
        Ok(v)
    }

    // A lenient reading takes "true" and "false".
    #[cold]
    #[inline(never)]
    fn str<E: Error>(self, v: &str) -> Result<bool, E> {
        let value = match v {
            "true" => true,
            "false" => false,
            _ => return Err(self.reject(Found::Str(v))),
        };
        let found = Found::Str(v);
        if tolerate(
            ErrorKind::WrongType,
            self.path,
            format_args!("{found} read as a boolean"),
        ) {
            Ok(value)
        } else {
            Err(self.reject(found))
        }
    }
}

/// Integers: any JSON number with no fractional part (as JSON Schema's
/// `integer` has it, so `2.0` is the integer 2) within the Rust type's range.
macro_rules! integers {
    ($($ty:ident),*) => {$(
        impl<'de> Expect<'de> for Leaf<'_, $ty> {
            type Value = $ty;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "an integer from {} to {}", $ty::MIN, $ty::MAX)
            }

            fn path(&self) -> Path<'_> {
                self.path
            }

            #[inline]
            fn u64<E: Error>(self, v: u64) -> Result<$ty, E> {
                $ty::try_from(v).map_err(|_| self.out_of_range(Found::Integer(v.into())))
            }

            #[inline]
            fn i64<E: Error>(self, v: i64) -> Result<$ty, E> {
                $ty::try_from(v).map_err(|_| self.out_of_range(Found::Integer(v.into())))
            }

            // A lenient reading takes the text of an integer ("12").
            #[cold]
            #[inline(never)]
            fn str<E: Error>(self, v: &str) -> Result<$ty, E> {
                let found = Found::Str(v);
                match v.parse::<$ty>() {
                    Ok(value) if is_canonical_integer(v) && tolerate(ErrorKind::WrongType, self.path, format_args!("{found} read as an integer")) => Ok(value),
                    _ => Err(self.reject(found)),
                }
            }

            fn f64<E: Error>(self, v: f64) -> Result<$ty, E> {
                // Exact: a whole number that fits both i128 and the type.
                if v.fract() == 0.0 && v >= $ty::MIN as f64 && v <= $ty::MAX as f64 {
                    if let Ok(whole) = $ty::try_from(v as i128) {
                        return Ok(whole);
                    }
                }
                if v.is_finite() && v.fract() == 0.0 {
                    Err(self.out_of_range(Found::Number(v)))
                } else {
                    Err(self.reject(Found::Number(v)))
                }
            }
            fn map<A: MapAccess<'de>>(self, map: A) -> Result<$ty, A::Error> {
                object_or_number(self, map)
            }
        }

        impl<'de> DeserializeAt<'de> for $ty {
            #[inline]
            fn deserialize_at<D: Deserializer<'de>>(deserializer: D, path: Path<'_>) -> Result<Self, D::Error> {
                any(deserializer, path, Leaf::<$ty>::new(path))
            }
        }
    )*};
}

integers!(i8, i16, i32, i64, u8, u16, u32, u64);

/// Floats: any JSON number; `f32` refuses numbers that would round to
/// infinity rather than turning them into it.
macro_rules! floats {
    ($($ty:ident),*) => {$(
        impl<'de> Expect<'de> for Leaf<'_, $ty> {
            type Value = $ty;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                #[allow(clippy::unnecessary_cast)]
                if $ty::MAX as f64 == f64::MAX {
                    f.write_str("a number")
                } else {
                    write!(f, "a number from {:e} to {:e}", $ty::MIN, $ty::MAX)
                }
            }

            fn path(&self) -> Path<'_> {
                self.path
            }

            #[inline]
            fn u64<E: Error>(self, v: u64) -> Result<$ty, E> {
                self.f64(v as f64)
            }

            #[inline]
            fn i64<E: Error>(self, v: i64) -> Result<$ty, E> {
                self.f64(v as f64)
            }

            // A lenient reading takes the text of a number ("1.5").
            #[cold]
            #[inline(never)]
            fn str<E: Error>(self, v: &str) -> Result<$ty, E> {
                let found = Found::Str(v);
                match v.parse::<f64>() {
                    Ok(number) if number.is_finite() && is_json_number(v) && tolerate(ErrorKind::WrongType, self.path, format_args!("{found} read as a number")) => self.f64(number),
                    _ => Err(self.reject(found)),
                }
            }

            #[inline]
            fn f64<E: Error>(self, v: f64) -> Result<$ty, E> {
                // Every finite number that rounds to a finite value: for an
                // f32 that includes the text `3.4028235e38` it writes for
                // its own MAX, which is a little above MAX as an f64.
                #[allow(clippy::unnecessary_cast)]
                let narrowed = v as $ty;
                if narrowed.is_finite() && v.is_finite() {
                    Ok(narrowed)
                } else {
                    Err(self.out_of_range(Found::Number(v)))
                }
            }
            fn map<A: MapAccess<'de>>(self, map: A) -> Result<$ty, A::Error> {
                object_or_number(self, map)
            }
        }

        impl<'de> DeserializeAt<'de> for $ty {
            #[inline]
            fn deserialize_at<D: Deserializer<'de>>(deserializer: D, path: Path<'_>) -> Result<Self, D::Error> {
                any(deserializer, path, Leaf::<$ty>::new(path))
            }
        }
    )*};
}

floats!(f32, f64);

impl<'de> DeserializeAt<'de> for String {
    #[inline]
    fn deserialize_at<D: Deserializer<'de>>(
        deserializer: D,
        path: Path<'_>,
    ) -> Result<Self, D::Error> {
        any(deserializer, path, Leaf::<String>::new(path))
    }
}

impl<'de> Expect<'de> for Leaf<'_, DateTime> {
    type Value = DateTime;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date-time string")
    }

    fn path(&self) -> Path<'_> {
        self.path
    }

    #[inline]
    fn str<E: Error>(self, v: &str) -> Result<DateTime, E> {
        match DateTime::parse(v) {
            Ok(value) => Ok(value),
            Err(_) => not_date_time(self.path, v),
        }
    }

    fn map<A: MapAccess<'de>>(self, map: A) -> Result<DateTime, A::Error> {
        object_or_number(self, map)
    }
}

/// A string that is not an RFC 3339 date-time: an error, unless a lenient
/// reading tolerates formats and the text still names an instant (no
/// offset, read as UTC; a space for the `T`).
#[cold]
#[inline(never)]
fn not_date_time<E: Error>(path: Path<'_>, text: &str) -> Result<DateTime, E> {
    let broken = Violation::NotFormat {
        format: Format::DateTime,
    };
    if policy().formats {
        if let Some(value) = DateTime::parse_tolerated(text) {
            let utc = DateTime::from_unix(value.unix_seconds(), value.subsec_nanos());
            let shown = utc.as_ref().map_or("", DateTime::as_str);
            if tolerate(
                ErrorKind::Format,
                path,
                format_args!("{broken}; read as {shown}"),
            ) {
                return Ok(value);
            }
        }
    }
    Err(violation(path, &broken))
}

impl<'de> DeserializeAt<'de> for DateTime {
    #[inline]
    fn deserialize_at<D: Deserializer<'de>>(
        deserializer: D,
        path: Path<'_>,
    ) -> Result<Self, D::Error> {
        any(deserializer, path, Leaf::<DateTime>::new(path))
    }
}

/// A `DateTime` read on its own, outside an `#[ocpp_type]`.
impl<'de> serde::Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        DateTime::deserialize_at(deserializer, Path::Root("DateTime")).map_err(super::leaving)
    }
}

impl<'de> DeserializeAt<'de> for bool {
    #[inline]
    fn deserialize_at<D: Deserializer<'de>>(
        deserializer: D,
        path: Path<'_>,
    ) -> Result<Self, D::Error> {
        any(deserializer, path, Leaf::<bool>::new(path))
    }
}

/// Arrays: each element at its index.
impl<'de, T: DeserializeAt<'de>> Expect<'de> for Leaf<'_, Vec<T>> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }

    fn path(&self) -> Path<'_> {
        self.path
    }

    fn seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Vec<T>, A::Error> {
        read_items(seq, self.path, &Plain(PhantomData), None)
    }
}

/// How each item of an array is read: [`Plain`] or [`Constrained`].
trait ReadItem<'de> {
    type Item;

    fn read_item<D: Deserializer<'de>>(
        &self,
        deserializer: D,
        path: Path<'_>,
    ) -> Result<Self::Item, D::Error>;
}

/// Items without constraints of their own.
struct Plain<T>(PhantomData<fn() -> T>);

impl<'de, T: DeserializeAt<'de>> ReadItem<'de> for Plain<T> {
    type Item = T;

    #[inline]
    fn read_item<D: Deserializer<'de>>(
        &self,
        deserializer: D,
        path: Path<'_>,
    ) -> Result<T, D::Error> {
        T::deserialize_at(deserializer, path)
    }
}

/// Items that each meet the limits (the `items` of an array's limits).
struct Constrained<'l, T>(&'l Limits, PhantomData<fn() -> T>);

impl<'de, T: ReadLimited<'de>> ReadItem<'de> for Constrained<'_, T> {
    type Item = T;

    #[inline]
    fn read_item<D: Deserializer<'de>>(
        &self,
        deserializer: D,
        path: Path<'_>,
    ) -> Result<T, D::Error> {
        T::read_limited(deserializer, path, self.0)
    }
}

/// The seed of one item, at its index.
struct ItemSeed<'r, 'p, R>(&'r R, Path<'p>);

impl<'de, R: ReadItem<'de>> DeserializeSeed<'de> for ItemSeed<'_, '_, R> {
    type Value = R::Item;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<R::Item, D::Error> {
        self.0.read_item(deserializer, self.1)
    }
}

/// The one loop over the items of an array at `path`, each read at its
/// index by `reader`. With a `max_items`, the items past it are not built:
/// they are only parsed and counted, and the array is an error that gives
/// its count. An array far over its limit costs no memory for its items.
fn read_items<'de, A: SeqAccess<'de>, R: ReadItem<'de>>(
    mut seq: A,
    path: Path<'_>,
    reader: &R,
    max_items: Option<u64>,
) -> Result<Vec<R::Item>, A::Error> {
    let mut items = Vec::with_capacity(preallocated(seq.size_hint()));
    let max = max_items.map_or(usize::MAX, |max| usize::try_from(max).unwrap_or(usize::MAX));
    while items.len() < max {
        match seq.next_element_seed(ItemSeed(reader, Path::Index(&path, items.len())))? {
            Some(item) => items.push(item),
            None => return Ok(items),
        }
    }
    let mut count = items.len();
    while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {
        count = count.saturating_add(1);
    }
    match max_items {
        Some(max) if count > items.len() => Err(violation(
            path,
            &super::Violation::TooManyItems { count, max },
        )),
        _ => Ok(items),
    }
}

impl<'de, T: DeserializeAt<'de>> DeserializeAt<'de> for Vec<T> {
    #[inline]
    fn deserialize_at<D: Deserializer<'de>>(
        deserializer: D,
        path: Path<'_>,
    ) -> Result<Self, D::Error> {
        any(deserializer, path, Leaf::<Vec<T>>::new(path))
    }
}

impl<'de, T: DeserializeAt<'de>> DeserializeAt<'de> for Box<T> {
    #[inline]
    fn deserialize_at<D: Deserializer<'de>>(
        deserializer: D,
        path: Path<'_>,
    ) -> Result<Self, D::Error> {
        T::deserialize_at(deserializer, path).map(Box::new)
    }
}

/// Maps: an object whose property names are free, each value at its key.
macro_rules! maps {
    ($($map:ident<$($extra:ident: $bound:path),*>),*) => {$(
        impl<'de, T: DeserializeAt<'de>, $($extra: $bound),*> Expect<'de> for Leaf<'_, $map<String, T, $($extra),*>> {
            type Value = $map<String, T, $($extra),*>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }

            fn path(&self) -> Path<'_> {
                self.path
            }

            fn map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut values = $map::default();
                while let Some(key) = map.next_key_seed(At::<String>::new(self.path))? {
                    if values.contains_key(&key) {
                        return Err(duplicate_key(self.path, &key));
                    }
                    let value = map.next_value_seed(At::new(Path::Key(&self.path, &key)))?;
                    values.insert(key, value);
                }
                Ok(values)
            }
        }

        impl<'de, T: DeserializeAt<'de>, $($extra: $bound),*> DeserializeAt<'de> for $map<String, T, $($extra),*> {
            #[inline]
            fn deserialize_at<D: Deserializer<'de>>(deserializer: D, path: Path<'_>) -> Result<Self, D::Error> {
                any(deserializer, path, Leaf::<Self>::new(path))
            }
        }
    )*};
}

maps!(BTreeMap<>, HashMap<S: BuildHasherDefault>);

/// `BuildHasher + Default`, in one bound for the macro above.
pub trait BuildHasherDefault: BuildHasher + Default {}
impl<S: BuildHasher + Default> BuildHasherDefault for S {}

/// Reads the value of a field with constraints, and checks them, inside the
/// visitor, so that the deserializer places an error at the value. A float
/// checks them on the number as read, before narrowing it (to an f32, or an
/// integer to an f64), as JSON Schema does.
#[diagnostic::on_unimplemented(
    message = "`{Self}` can't have the constraints given to this field",
    label = "constrained field",
    note = "`min_length`, `max_length` and `format` apply to `String`, `minimum` and `maximum` to integers, `f32` and `f64`, `min_items` and `max_items` to `Vec<T>`"
)]
pub trait ReadLimited<'de>: Sized {
    fn read_limited<D: Deserializer<'de>>(
        deserializer: D,
        path: Path<'_>,
        limits: &Limits,
    ) -> Result<Self, D::Error>;
}

/// A visitor that checks the value its inner visitor builds.
struct Checked<'p, 'l, X> {
    inner: X,
    path: Path<'p>,
    limits: &'l Limits,
}

impl<'de, X: Expect<'de>> Checked<'_, '_, X>
where
    X::Value: Limited,
{
    fn check<E: Error>(path: Path<'_>, limits: &Limits, value: X::Value) -> Result<X::Value, E> {
        match value.violation(limits) {
            Some(violation) => broken(path, &violation).map(|()| value),
            None => Ok(value),
        }
    }
}

impl<'de, X: Expect<'de>> Expect<'de> for Checked<'_, '_, X>
where
    X::Value: Limited,
{
    type Value = X::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    fn path(&self) -> Path<'_> {
        self.path
    }

    fn i64<E: Error>(self, v: i64) -> Result<X::Value, E> {
        let value = self.inner.i64(v)?;
        Self::check(self.path, self.limits, value)
    }

    fn u64<E: Error>(self, v: u64) -> Result<X::Value, E> {
        let value = self.inner.u64(v)?;
        Self::check(self.path, self.limits, value)
    }

    fn f64<E: Error>(self, v: f64) -> Result<X::Value, E> {
        // draft-04: `5.0` is a number, not an integer.
        if self.limits.strict_integer
            && !tolerate(
                ErrorKind::WrongType,
                self.path,
                format_args!("{} read as an integer", Found::WrittenAsFraction(v)),
            )
        {
            return Err(self.inner.reject(Found::WrittenAsFraction(v)));
        }
        let value = self.inner.f64(v)?;
        Self::check(self.path, self.limits, value)
    }

    fn bool<E: Error>(self, v: bool) -> Result<X::Value, E> {
        let value = self.inner.bool(v)?;
        Self::check(self.path, self.limits, value)
    }

    fn str<E: Error>(self, v: &str) -> Result<X::Value, E> {
        let value = self.inner.str(v)?;
        Self::check(self.path, self.limits, value)
    }

    fn string<E: Error>(self, v: String) -> Result<X::Value, E> {
        let value = self.inner.string(v)?;
        Self::check(self.path, self.limits, value)
    }

    fn map<A: MapAccess<'de>>(self, map: A) -> Result<X::Value, A::Error> {
        object_or_number(self, map)
    }
}

/// The leaves whose limits are checked on the value built.
macro_rules! read_limited {
    ($($ty:ty),*) => {$(
        impl<'de> ReadLimited<'de> for $ty {
            fn read_limited<D: Deserializer<'de>>(
                deserializer: D,
                path: Path<'_>,
                limits: &Limits,
            ) -> Result<Self, D::Error> {
                let inner = Leaf::<Self> { path, value: PhantomData };
                any(deserializer, path, Visit(Checked { inner, path, limits }))
            }
        }
    )*};
}

read_limited!(String, i8, i16, i32, i64, u8, u16, u32, u64);

impl<'de, T: DeserializeAt<'de>> ReadLimited<'de> for Vec<T> {
    fn read_limited<D: Deserializer<'de>>(
        deserializer: D,
        path: Path<'_>,
        limits: &Limits,
    ) -> Result<Self, D::Error> {
        let items = Items {
            path,
            limits,
            reader: Plain(PhantomData),
        };
        any(deserializer, path, Visit(items))
    }
}

/// Reads an array whose items have constraints (`limits.items`), and checks
/// those of the array too.
pub fn read_limited_items<'de, D: Deserializer<'de>, T: ReadLimited<'de>>(
    deserializer: D,
    path: Path<'_>,
    limits: &Limits,
) -> Result<Vec<T>, D::Error> {
    let items = Items {
        path,
        limits,
        reader: Constrained(limits.items.unwrap_or(&NO_LIMITS), PhantomData),
    };
    any(deserializer, path, Visit(items))
}

/// The visitor of an array with limits: its items read by `reader`, and
/// their count checked (`maxItems` as they come).
struct Items<'p, 'l, R> {
    path: Path<'p>,
    limits: &'l Limits,
    reader: R,
}

impl<'de, R: ReadItem<'de>> Expect<'de> for Items<'_, '_, R> {
    type Value = Vec<R::Item>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }

    fn path(&self) -> Path<'_> {
        self.path
    }

    fn seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        let items = read_items(seq, self.path, &self.reader, self.limits.max_items)?;
        match items.violation(self.limits) {
            Some(violation) => broken(self.path, &violation).map(|()| items),
            None => Ok(items),
        }
    }
}

const NO_LIMITS: Limits = Limits {
    min_length: None,
    max_length: None,
    minimum: None,
    maximum: None,
    min_items: None,
    max_items: None,
    format: None,
    multiple_of: None,
    strict_integer: false,
    items: None,
};

/// A float's visitor that checks limits on the number read.
struct LimitedFloat<'p, 'l, T> {
    leaf: Leaf<'p, T>,
    limits: &'l Limits,
}

impl<T> LimitedFloat<'_, '_, T> {
    fn check<E: Error>(&self, number: Number) -> Result<(), E> {
        match number_violation(number, self.limits) {
            Some(violation) => broken(self.leaf.path, &violation),
            None => Ok(()),
        }
    }
}

macro_rules! read_limited_floats {
    ($($ty:ident),*) => {$(
        impl<'de> Expect<'de> for LimitedFloat<'_, '_, $ty> {
            type Value = $ty;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.leaf.expecting(f)
            }

            fn path(&self) -> Path<'_> {
                self.leaf.path
            }

            fn u64<E: Error>(self, v: u64) -> Result<$ty, E> {
                self.check(Number::Int(v.into()))?;
                self.leaf.u64(v)
            }

            fn i64<E: Error>(self, v: i64) -> Result<$ty, E> {
                self.check(Number::Int(v.into()))?;
                self.leaf.i64(v)
            }

            fn f64<E: Error>(self, v: f64) -> Result<$ty, E> {
                self.check(Number::Float(v))?;
                self.leaf.f64(v)
            }

            fn map<A: MapAccess<'de>>(self, map: A) -> Result<$ty, A::Error> {
                object_or_number(self, map)
            }

            // A lenient reading takes the text of a number ("1.5").
            #[cold]
            #[inline(never)]
            fn str<E: Error>(self, v: &str) -> Result<$ty, E> {
                let found = Found::Str(v);
                match v.parse::<f64>() {
                    Ok(number) if number.is_finite() && is_json_number(v) && tolerate(ErrorKind::WrongType, self.leaf.path, format_args!("{found} read as a number")) => {
                        self.check(Number::Float(number))?;
                        self.leaf.f64(number)
                    }
                    _ => Err(self.reject(found)),
                }
            }
        }

        impl<'de> ReadLimited<'de> for $ty {
            fn read_limited<D: Deserializer<'de>>(
                deserializer: D,
                path: Path<'_>,
                limits: &Limits,
            ) -> Result<Self, D::Error> {
                let leaf = Leaf::<$ty> { path, value: PhantomData };
                any(deserializer, path, Visit(LimitedFloat { leaf, limits }))
            }
        }
    )*};
}
read_limited_floats!(f32, f64);

/// How many items to make room for, from a format's length hint: trusted
/// only so far, as a hostile one must not allocate much.
pub(crate) fn preallocated(hint: Option<usize>) -> usize {
    hint.unwrap_or(0).min(4096)
}
