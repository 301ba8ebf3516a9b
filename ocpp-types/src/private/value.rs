//! [`DeserializeAt`] for `serde_json::Value`: any JSON value, read as
//! serde_json reads one, except that a key given twice in an object is an
//! error at any depth (serde_json keeps the last), and errors have paths.

use super::error::{duplicate_key, too_deep, Found};
use super::leaf::any;
use super::object::{FieldName, Key, KeySeed};
use super::{At, DeserializeAt, Expect, Path, Visit};
use serde::de::{Deserializer, Error, MapAccess, SeqAccess};
use serde_json::{Map, Number, Value};
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fmt;

/// The visitor of a `Value` at a path, `depth` levels of arrays and objects
/// inside the value at the field.
struct AnyValue<'p> {
    path: Path<'p>,
    depth: usize,
}

/// How many levels of arrays and objects a `Value` may nest. Reading one
/// (and dropping it) recurses, so the depth must be bounded whatever the
/// format: serde_json's parser stops text at 128 levels of the whole
/// document, and this bound, with the same words, stops any other
/// deserializer (a `serde_json::Value` handed to `from_value`, CBOR).
pub(crate) const MAX_VALUE_DEPTH: usize = 128;

/// The seed of a `Value` inside another, one level deeper.
struct Nested<'p> {
    path: Path<'p>,
    depth: usize,
}

impl<'de> serde::de::DeserializeSeed<'de> for Nested<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        let visitor = AnyValue {
            path: self.path,
            depth: self.depth,
        };
        any(deserializer, self.path, Visit(visitor))
    }
}

impl AnyValue<'_> {
    /// An array or object here, one level deeper: refused past the bound.
    fn deeper<E: Error>(&self) -> Result<usize, E> {
        if self.depth >= MAX_VALUE_DEPTH {
            Err(too_deep(self.path))
        } else {
            Ok(self.depth + 1)
        }
    }
}

impl<'de> Expect<'de> for AnyValue<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn path(&self) -> Path<'_> {
        self.path
    }

    fn null<E: Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn bool<E: Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn i64<E: Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn u64<E: Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    /// JSON has no NaN nor infinities; a format that has them can't put
    /// them in a JSON value.
    fn f64<E: Error>(self, v: f64) -> Result<Value, E> {
        match Number::from_f64(v) {
            Some(number) => Ok(Value::Number(number)),
            None => Err(self.reject(Found::Number(v))),
        }
    }

    fn str<E: Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn string<E: Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let depth = self.deeper()?;
        let mut items = Vec::with_capacity(super::leaf::preallocated(seq.size_hint()));
        while let Some(item) = seq.next_element_seed(Nested {
            path: Path::Index(&self.path, items.len()),
            depth,
        })? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        let mut first = true;
        while let Some(key) = map.next_key_seed(At::<String>::new(self.path))? {
            // serde_json's `arbitrary_precision` hands a number as a map of
            // one entry: its text under a private key.
            if first && key == super::visit::NUMBER_TOKEN {
                let text: String = map.next_value()?;
                return match serde_json::from_str::<Number>(&text) {
                    Ok(number) => Ok(Value::Number(number)),
                    Err(_) => Err(self.reject(Found::Other("a number"))),
                };
            }
            first = false;
            if object.contains_key(&key) {
                return Err(duplicate_key(self.path, &key));
            }
            let value = map.next_value_seed(Nested {
                path: Path::Key(&self.path, &key),
                depth: self.deeper()?,
            })?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

/// Any JSON value, `null` included: the schema of such a field allows anything.
impl<'de> DeserializeAt<'de> for Value {
    #[inline]
    fn deserialize_at<D: Deserializer<'de>>(
        deserializer: D,
        path: Path<'_>,
    ) -> Result<Self, D::Error> {
        any(deserializer, path, Visit(AnyValue { path, depth: 0 }))
    }
}

/// The value of a property that is skipped (an unknown property of an open
/// object): read, not kept, but without a key twice in any object in it,
/// down to [`Skip::CHECKED_DEPTH`] levels inside it. Deeper, it is only
/// parsed (by serde_json's skipping, which has no nesting limit), so that
/// a value a schema accepts, however deep, is still read. Allocates only
/// the keys of the objects in it that the input can't lend.
pub(crate) struct Skip<'p> {
    pub path: Path<'p>,
    pub depth: usize,
}

impl Skip<'_> {
    /// How many levels of arrays and objects inside a skipped value are
    /// looked into: with the levels of any type around it, well within
    /// serde_json's limit of 128 for the values it reads by recursion.
    pub const CHECKED_DEPTH: usize = 64;
}

impl<'de> serde::de::DeserializeSeed<'de> for Skip<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        if self.depth >= Skip::CHECKED_DEPTH {
            return <serde::de::IgnoredAny as serde::Deserialize>::deserialize(deserializer)
                .map(|_| ());
        }
        deserializer.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Skip<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E: Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E: Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_i128<E: Error>(self, _: i128) -> Result<(), E> {
        Ok(())
    }

    fn visit_u128<E: Error>(self, _: u128) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E: Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E: Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_none<E: Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        while seq
            .next_element_seed(Skip {
                path: Path::Index(&self.path, index),
                depth: self.depth + 1,
            })?
            .is_some()
        {
            index += 1;
        }
        Ok(())
    }

    /// Each key is remembered (borrowed from the input when it can be) in
    /// an ordered set: a key given twice is found in time logarithmic in
    /// the keys before it, so an object of `n` keys costs `n log n`
    /// comparisons, never `n²`.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut keys: BTreeSet<Cow<'de, str>> = BTreeSet::new();
        while let Some(key) = map.next_key_seed(KeySeed::<NoField>::new(self.path))? {
            // (`NoField` has no value: Rust 1.82 would see it alone.)
            let key = match key {
                Key::Unknown(key) => key,
                Key::Known(never) => match never {},
            };
            if keys.contains(key.as_ref()) {
                return Err(duplicate_key(self.path, &key));
            }
            map.next_value_seed(Skip {
                path: Path::Key(&self.path, &key),
                depth: self.depth + 1,
            })?;
            keys.insert(key);
        }
        Ok(())
    }
}

/// The fields of a skipped value: none, so that [`KeySeed`] reads each of
/// its property names as unknown, borrowed from the input when it can be.
enum NoField {}

impl FieldName for NoField {
    fn from_wire(_: &str) -> Option<Self> {
        None
    }
}
