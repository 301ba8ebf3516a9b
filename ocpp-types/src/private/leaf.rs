//! [`DeserializeAt`] for the field types an `#[ocpp_type]` may use besides
//! other `#[ocpp_type]`s: strings, booleans, numbers, arrays, boxes and any
//! JSON value. `null` is never a string, number or boolean: an absent optional
//! field is left out of the document, not written as `null`.

use super::error::{broken, duplicate_key, located, Found};
use super::lenient::tolerate;
use super::limits::{number_violation, Limited, Limits, Number};
use super::visit::object_or_number;
use super::{At, DeserializeAt, Expect, Path, Visit};
use crate::ErrorKind;
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
}

impl Leaf<'_, String> {
    /// A scalar where a string is expected: its text, if the policy of a
    /// lenient reading tolerates it.
    #[cold]
    #[inline(never)]
    fn scalar<E: Error>(self, found: Found<'_>) -> Result<String, E> {
        let text = match found {
            Found::Bool(v) => v.to_string(),
            Found::Integer(v) => v.to_string(),
            Found::Number(v) => v.to_string(),
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
                    Ok(value) if tolerate(ErrorKind::WrongType, self.path, format_args!("{found} read as an integer")) => Ok(value),
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
                    Ok(number) if number.is_finite() && tolerate(ErrorKind::WrongType, self.path, format_args!("{found} read as a number")) => self.f64(number),
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

    fn seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        // Trust a length hint only so far: a hostile one must not allocate much.
        let capacity = seq.size_hint().unwrap_or(0).min(4096);
        let mut items = Vec::with_capacity(capacity);
        while let Some(item) =
            seq.next_element_seed(At::new(Path::Index(&self.path, items.len())))?
        {
            items.push(item);
        }
        Ok(items)
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

    fn seq<A: SeqAccess<'de>>(self, seq: A) -> Result<X::Value, A::Error> {
        let value = self.inner.seq(seq)?;
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
        let inner = Leaf::<Self> {
            path,
            value: PhantomData,
        };
        any(
            deserializer,
            path,
            Visit(Checked {
                inner,
                path,
                limits,
            }),
        )
    }
}

/// Reads an array whose items have constraints (`limits.items`), and checks
/// those of the array too.
pub fn read_limited_items<'de, D: Deserializer<'de>, T: ReadLimited<'de>>(
    deserializer: D,
    path: Path<'_>,
    limits: &Limits,
) -> Result<Vec<T>, D::Error> {
    struct Items<'p, 'l, T> {
        path: Path<'p>,
        limits: &'l Limits,
        items: PhantomData<fn() -> T>,
    }
    struct Item<'p, 'l, T>(Path<'p>, &'l Limits, PhantomData<fn() -> T>);
    impl<'de, T: ReadLimited<'de>> DeserializeSeed<'de> for Item<'_, '_, T> {
        type Value = T;
        fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
            T::read_limited(deserializer, self.0, self.1)
        }
    }
    impl<'de, T: ReadLimited<'de>> Expect<'de> for Items<'_, '_, T> {
        type Value = Vec<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an array")
        }

        fn path(&self) -> Path<'_> {
            self.path
        }

        fn seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let item_limits = self.limits.items.unwrap_or(&NO_LIMITS);
            let capacity = seq.size_hint().unwrap_or(0).min(4096);
            let mut items = Vec::with_capacity(capacity);
            while let Some(item) = seq.next_element_seed(Item(
                Path::Index(&self.path, items.len()),
                item_limits,
                PhantomData,
            ))? {
                items.push(item);
            }
            match items.violation(self.limits) {
                Some(violation) => broken(self.path, &violation).map(|()| items),
                None => Ok(items),
            }
        }
    }
    let items = Items {
        path,
        limits,
        items: PhantomData,
    };
    any(deserializer, path, Visit(items))
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
                    Ok(number) if number.is_finite() && tolerate(ErrorKind::WrongType, self.leaf.path, format_args!("{found} read as a number")) => {
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
