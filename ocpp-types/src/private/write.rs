//! How a field's value is written: as its own `Serialize` writes it, except
//! that a float that is not finite is an error. JSON has no NaN nor
//! infinity (serde_json would write `null`, which no field accepts back), so
//! such a value could not be read again.

use serde::ser::{Error, SerializeMap, SerializeSeq, Serializer};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// The value of field `.2` of type `.1`, as it is written.
pub struct Wire<'a, T: ?Sized>(pub &'a T, pub &'static str, pub &'static str);

/// How a field type writes itself; implemented by every `#[ocpp_type]` and
/// by the field types they may use.
#[diagnostic::on_unimplemented(
    message = "`{Self}` can't be a field of an #[ocpp_type]",
    label = "not a supported field type",
    note = "fields may be String, bool, integers, f32/f64, serde_json::Value, Vec<T>, Box<T>, Option<T>, BTreeMap<String, T>, HashMap<String, T>, or another #[ocpp_type]"
)]
pub trait SerializeField {
    fn serialize_field<S: Serializer>(
        &self,
        serializer: S,
        type_name: &'static str,
        field: &'static str,
    ) -> Result<S::Ok, S::Error>;
}

impl<T: SerializeField + ?Sized> Serialize for Wire<'_, T> {
    #[inline]
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_field(serializer, self.1, self.2)
    }
}

/// The types whose own `Serialize` is the whole story.
macro_rules! as_is {
    ($($ty:ty),*) => {$(
        impl SerializeField for $ty {
            #[inline]
            fn serialize_field<S: Serializer>(&self, serializer: S, _: &'static str, _: &'static str) -> Result<S::Ok, S::Error> {
                self.serialize(serializer)
            }
        }
    )*};
}

as_is!(
    String,
    bool,
    i8,
    i16,
    i32,
    i64,
    u8,
    u16,
    u32,
    u64,
    serde_json::Value
);

macro_rules! floats {
    ($($ty:ty),*) => {$(
        impl SerializeField for $ty {
            #[inline]
            fn serialize_field<S: Serializer>(&self, serializer: S, type_name: &'static str, field: &'static str) -> Result<S::Ok, S::Error> {
                if !self.is_finite() {
                    return Err(not_finite(type_name, field, f64::from(*self)));
                }
                self.serialize(serializer)
            }
        }
    )*};
}

floats!(f32, f64);

#[cold]
fn not_finite<E: Error>(type_name: &str, field: &str, value: f64) -> E {
    E::custom(format_args!(
        "{type_name}.{field}: {value} can't be written: JSON numbers are finite"
    ))
}

impl<T: SerializeField> SerializeField for Vec<T> {
    #[inline]
    fn serialize_field<S: Serializer>(
        &self,
        serializer: S,
        type_name: &'static str,
        field: &'static str,
    ) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for item in self {
            seq.serialize_element(&Wire(item, type_name, field))?;
        }
        seq.end()
    }
}

impl<T: SerializeField + ?Sized> SerializeField for Box<T> {
    #[inline]
    fn serialize_field<S: Serializer>(
        &self,
        serializer: S,
        type_name: &'static str,
        field: &'static str,
    ) -> Result<S::Ok, S::Error> {
        (**self).serialize_field(serializer, type_name, field)
    }
}

impl<T: SerializeField> SerializeField for BTreeMap<String, T> {
    fn serialize_field<S: Serializer>(
        &self,
        serializer: S,
        type_name: &'static str,
        field: &'static str,
    ) -> Result<S::Ok, S::Error> {
        write_map(serializer, self.len(), self, type_name, field)
    }
}

impl<T: SerializeField, H> SerializeField for HashMap<String, T, H> {
    fn serialize_field<S: Serializer>(
        &self,
        serializer: S,
        type_name: &'static str,
        field: &'static str,
    ) -> Result<S::Ok, S::Error> {
        write_map(serializer, self.len(), self, type_name, field)
    }
}

fn write_map<'a, S: Serializer, T: SerializeField + 'a>(
    serializer: S,
    len: usize,
    entries: impl IntoIterator<Item = (&'a String, &'a T)>,
    type_name: &'static str,
    field: &'static str,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(Some(len))?;
    for (key, value) in entries {
        map.serialize_entry(key, &Wire(value, type_name, field))?;
    }
    map.end()
}
