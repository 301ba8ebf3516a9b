//! JSON Schema (draft 2020-12) of field types and of `#[ocpp_type]`s. Each
//! `#[ocpp_type]` is one entry of `$defs`, referred to by `$ref`; other field
//! types are written inline. The bounds are the ones `DeserializeAt` enforces,
//! so a document is valid against the schema exactly when it deserializes.

use super::limits::{Limits, Number};
use crate::OcppType;
use serde_json::{json, Map, Value};
use std::any::TypeId;
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

/// The draft every schema is written in.
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The JSON Schema of a field type.
#[diagnostic::on_unimplemented(
    message = "`{Self}` can't be a field of an #[ocpp_type]",
    label = "not a supported field type",
    note = "fields may be String, bool, integers, f32/f64, serde_json::Value, Vec<T>, Box<T>, Option<T>, BTreeMap<String, T>, HashMap<String, T>, or another #[ocpp_type]"
)]
pub trait Schema {
    /// The schema of a value of this type; `#[ocpp_type]`s add their
    /// definition to `defs` and return a `$ref` to it.
    fn schema(defs: &mut Defs) -> Value;
}

/// The `$defs` of a schema being built, in the order they were first referred to.
#[derive(Default)]
pub struct Defs {
    defs: Map<String, Value>,
    /// The name of each type's definition: its `NAME`, or for a second type
    /// of the same name (from another module) the name with a number.
    names: HashMap<TypeId, String>,
}

impl Defs {
    /// A `$ref` to `T`'s definition, added to the `$defs` on first use.
    pub fn reference<T: OcppType>(&mut self) -> Value {
        let name = match self.names.get(&TypeId::of::<T>()) {
            Some(name) => name.clone(),
            None => {
                let mut name = T::NAME.to_owned();
                let mut number = 2;
                while self.defs.contains_key(&name) {
                    name = format!("{}{number}", T::NAME);
                    number += 1;
                }
                self.names.insert(TypeId::of::<T>(), name.clone());
                // A placeholder first, so that a type that contains itself ends.
                self.defs.insert(name.clone(), Value::Bool(true));
                let definition = T::__definition(self);
                self.defs.insert(name.clone(), definition);
                name
            }
        };
        json!({ "$ref": format!("#/$defs/{name}") })
    }

    /// The schema of a property: `T`'s schema, with the field's description.
    pub fn property<T: Schema + ?Sized>(&mut self, description: &str) -> Value {
        described(description, T::schema(self))
    }

    /// The schema of a property with constraints: `T`'s schema with the
    /// constraints' keywords; a bound tighter than the type's own replaces it.
    pub fn limited_property<T: Schema + ?Sized>(
        &mut self,
        description: &str,
        limits: &Limits,
    ) -> Value {
        let schema = constrained(T::schema(self), limits);
        described(description, schema)
    }

    /// The definitions collected.
    pub fn into_map(self) -> Map<String, Value> {
        self.defs
    }
}

/// `schema` with the keywords of `limits`; a bound tighter than the type's
/// own replaces it. The limits of the items go into its `items`.
fn constrained(schema: Value, limits: &Limits) -> Value {
    let mut schema = match schema {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    let mut set = |key: &str, value: Option<Value>| {
        if let Some(value) = value {
            schema.insert(key.to_owned(), value);
        }
    };
    set("minLength", limits.min_length.map(Value::from));
    set("maxLength", limits.max_length.map(Value::from));
    set("format", limits.format.map(|f| f.name().into()));
    set("minItems", limits.min_items.map(Value::from));
    set("maxItems", limits.max_items.map(Value::from));
    set("multipleOf", limits.multiple_of.map(bound_value));
    let tighter = |own: Option<&Value>, bound: Option<Number>, wanted: Ordering| {
        let bound = bound?;
        match own.and_then(|own| compare_bound(bound, own)) {
            Some(ordering) if ordering != wanted => None,
            _ => Some(bound_value(bound)),
        }
    };
    let minimum = tighter(schema.get("minimum"), limits.minimum, Ordering::Greater);
    let maximum = tighter(schema.get("maximum"), limits.maximum, Ordering::Less);
    if let Some(minimum) = minimum {
        schema.insert("minimum".into(), minimum);
    }
    if let Some(maximum) = maximum {
        schema.insert("maximum".into(), maximum);
    }
    if let Some(items) = limits.items {
        let own = schema.remove("items").unwrap_or(Value::Bool(true));
        schema.insert("items".into(), constrained(own, items));
    }
    schema.into()
}

/// An object type: its properties (in declaration order), the required ones,
/// and whether it is closed to other properties.
pub fn object(
    description: &str,
    properties: Map<String, Value>,
    required: &[&str],
    closed: bool,
) -> Value {
    let mut schema = Map::new();
    schema.insert("type".into(), "object".into());
    schema.insert("properties".into(), properties.into());
    if !required.is_empty() {
        schema.insert("required".into(), required.into());
    }
    if closed {
        schema.insert("additionalProperties".into(), false.into());
    }
    described(description, schema.into())
}

/// An enum type: its strings, in declaration order.
pub fn strings(description: &str, values: &[&str]) -> Value {
    described(description, json!({ "type": "string", "enum": values }))
}

/// An open enum type: any string, its known values as examples.
pub fn open_strings(description: &str, known: &[&str]) -> Value {
    described(description, json!({ "type": "string", "examples": known }))
}

/// How `bound` compares with the type's own bound `own`: exactly when both
/// are integers (`u64::MAX - 1` is tighter than `u64::MAX`, though not as
/// f64s), else as f64s (no f64 lies between `u64::MAX` or `i64::MAX` and
/// the power of two each rounds to, so that is exact enough).
fn compare_bound(bound: Number, own: &Value) -> Option<Ordering> {
    let own_int = own
        .as_i64()
        .map(i128::from)
        .or_else(|| own.as_u64().map(i128::from));
    match (bound, own_int) {
        (Number::Int(bound), Some(own)) => Some(bound.cmp(&own)),
        _ => bound_f64(bound).partial_cmp(&own.as_f64()?),
    }
}

fn bound_f64(bound: Number) -> f64 {
    match bound {
        Number::Int(v) => v as f64,
        Number::Float(v) => v,
    }
}

/// A bound as a JSON number: exact for integers that fit 64 bits.
fn bound_value(bound: Number) -> Value {
    match bound {
        Number::Int(v) => match (i64::try_from(v), u64::try_from(v)) {
            (Ok(v), _) => v.into(),
            (_, Ok(v)) => v.into(),
            _ => (v as f64).into(),
        },
        Number::Float(v) => v.into(),
    }
}

/// A standalone schema: `T`'s own schema at the top, the types it uses in `$defs`.
pub fn standalone<T: OcppType>() -> Value {
    let mut defs = Defs::default();
    let own = T::__definition(&mut defs);
    document(T::NAME, own, defs)
}

/// `$schema` and `title` first, then `body`'s keywords, then `$defs`.
pub fn document(title: &str, body: Value, defs: Defs) -> Value {
    let mut schema = Map::new();
    schema.insert("$schema".into(), DIALECT.into());
    schema.insert("title".into(), title.into());
    if let Value::Object(body) = body {
        schema.extend(body);
    }
    let defs = defs.into_map();
    if !defs.is_empty() {
        schema.insert("$defs".into(), defs.into());
    }
    schema.into()
}

/// `schema` with `description` in front (left out when empty).
fn described(description: &str, schema: Value) -> Value {
    if description.is_empty() {
        return schema;
    }
    let mut out = Map::new();
    out.insert("description".into(), description.into());
    // `true` (anything) has no keywords: a description alone allows anything too.
    if let Value::Object(map) = schema {
        out.extend(map);
    }
    out.into()
}

impl Schema for String {
    fn schema(_: &mut Defs) -> Value {
        json!({ "type": "string" })
    }
}

impl Schema for crate::DateTime {
    fn schema(_: &mut Defs) -> Value {
        json!({ "type": "string", "format": "date-time" })
    }
}

impl Schema for bool {
    fn schema(_: &mut Defs) -> Value {
        json!({ "type": "boolean" })
    }
}

macro_rules! integers {
    ($($ty:ident),*) => {$(
        impl Schema for $ty {
            fn schema(_: &mut Defs) -> Value {
                json!({ "type": "integer", "minimum": $ty::MIN, "maximum": $ty::MAX })
            }
        }
    )*};
}

integers!(i8, i16, i32, i64, u8, u16, u32, u64);

impl Schema for f64 {
    fn schema(_: &mut Defs) -> Value {
        json!({ "type": "number" })
    }
}

/// The numbers that round to a finite f32: beyond ±(2^128 − 2^103), half a
/// step past `f32::MAX`, they round to infinity, which deserialization refuses.
pub const F32_LIMIT: f64 = 340_282_356_779_733_661_637_539_395_458_142_568_448.0;

impl Schema for f32 {
    fn schema(_: &mut Defs) -> Value {
        json!({ "type": "number", "exclusiveMinimum": -F32_LIMIT, "exclusiveMaximum": F32_LIMIT })
    }
}

impl<T: Schema> Schema for Vec<T> {
    fn schema(defs: &mut Defs) -> Value {
        json!({ "type": "array", "items": T::schema(defs) })
    }
}

impl<T: Schema> Schema for Box<T> {
    fn schema(defs: &mut Defs) -> Value {
        T::schema(defs)
    }
}

impl Schema for Value {
    fn schema(_: &mut Defs) -> Value {
        Value::Bool(true)
    }
}

impl<T: Schema> Schema for BTreeMap<String, T> {
    fn schema(defs: &mut Defs) -> Value {
        json!({ "type": "object", "additionalProperties": T::schema(defs) })
    }
}

impl<T: Schema, S> Schema for HashMap<String, T, S> {
    fn schema(defs: &mut Defs) -> Value {
        BTreeMap::<String, T>::schema(defs)
    }
}

#[cfg(test)]
mod tests {
    use super::F32_LIMIT;

    #[test]
    fn f32_limit_is_where_rounding_reaches_infinity() {
        assert_eq!(F32_LIMIT, 2f64.powi(128) - 2f64.powi(103));
        assert!((F32_LIMIT as f32).is_infinite());
        let below = f64::from_bits(F32_LIMIT.to_bits() - 1);
        assert_eq!(below as f32, f32::MAX);
    }
}
