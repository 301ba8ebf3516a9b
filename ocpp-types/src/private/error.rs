//! The messages of deserialization errors, built only on the error path.

use super::Path;
use crate::ParseEnumError;
use serde::de::Error;
use std::fmt;

/// A value of the wrong kind, named in JSON's words.
#[derive(Clone, Copy, Debug)]
pub enum Found<'a> {
    Null,
    Bool(bool),
    Integer(i128),
    Number(f64),
    Str(&'a str),
    Array,
    Object,
    Other(&'static str),
}

impl fmt::Display for Found<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Found::Null => f.write_str("null"),
            Found::Bool(v) => write!(f, "boolean `{v}`"),
            Found::Integer(v) => write!(f, "integer `{v}`"),
            Found::Number(v) => write!(f, "number `{}`", Float(*v)),
            Found::Str(v) => write!(f, "string {v:?}"),
            Found::Array => f.write_str("array"),
            Found::Object => f.write_str("object"),
            Found::Other(what) => f.write_str(what),
        }
    }
}

/// A float as a person writes it: `12.5`, and `1e39` rather than forty digits.
pub(crate) struct Float(pub f64);

impl fmt::Display for Float {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let magnitude = self.0.abs();
        if magnitude != 0.0 && !(1e-5..1e16).contains(&magnitude) {
            write!(f, "{:e}", self.0)
        } else {
            write!(f, "{}", self.0)
        }
    }
}

/// `path: invalid type: found, expected expected`.
#[cold]
pub(crate) fn invalid_type<E: Error>(
    path: Path<'_>,
    found: Found<'_>,
    expected: impl fmt::Display,
) -> E {
    E::custom(format_args!(
        "{path}: invalid type: {found}, expected {expected}"
    ))
}

/// `path: invalid value: found, expected expected`: the right kind, out of range.
#[cold]
pub(crate) fn invalid_value<E: Error>(
    path: Path<'_>,
    found: Found<'_>,
    expected: impl fmt::Display,
) -> E {
    E::custom(format_args!(
        "{path}: invalid value: {found}, expected {expected}"
    ))
}

/// Required fields that were not in the object, all of them at once.
/// `fields` pairs "is it missing?" with each required field's wire name.
#[cold]
pub fn missing_fields<E: Error>(
    path: Path<'_>,
    type_name: &'static str,
    fields: &[(bool, &str)],
) -> E {
    let missing: Vec<String> = fields
        .iter()
        .filter(|(missing, _)| *missing)
        .map(|(_, name)| format!("`{name}`"))
        .collect();
    let plural = if missing.len() == 1 { "" } else { "s" };
    E::custom(format_args!(
        "{}: missing required field{plural} {}",
        path.of_type(type_name),
        missing.join(", ")
    ))
}

/// A property given twice in one object.
#[cold]
pub(crate) fn duplicate_field<E: Error>(path: Path<'_>, type_name: &'static str, name: &str) -> E {
    E::custom(format_args!(
        "{}: duplicate field `{name}`",
        path.of_type(type_name)
    ))
}

/// A key given twice in a map (an object with free property names).
#[cold]
pub(crate) fn duplicate_key<E: Error>(path: Path<'_>, key: &str) -> E {
    E::custom(format_args!("{path}: duplicate key `{key}`"))
}

/// For `Serialize`: a kept unknown property that has a field's name.
#[cold]
pub fn flattened_clash<E: serde::ser::Error>(type_name: &str, extra: &str, key: &str) -> E {
    E::custom(format_args!(
        "{type_name}.{extra}: property `{key}` is a field of {type_name}; set the field instead"
    ))
}

/// A property a closed object does not allow.
#[cold]
pub fn unknown_field<E: Error>(
    path: Path<'_>,
    type_name: &'static str,
    name: &str,
    allowed: &[&str],
) -> E {
    E::custom(format_args!(
        "{}: unknown field `{name}`, expected {}",
        path.of_type(type_name),
        OneOf(allowed)
    ))
}

/// A string that is not one of an enum's values.
#[cold]
pub fn unknown_value<E: Error>(path: Path<'_>, error: ParseEnumError) -> E {
    E::custom(format_args!("{path}: {error}"))
}

/// "`a`", "`a` or `b`", "one of `a`, `b`, `c`"; "nothing" when empty.
pub struct OneOf<'a>(pub &'a [&'a str]);

impl fmt::Display for OneOf<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            [] => f.write_str("no field"),
            [one] => write!(f, "`{one}`"),
            [first, second] => write!(f, "`{first}` or `{second}`"),
            all => {
                f.write_str("one of ")?;
                for (i, name) in all.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "`{name}`")?;
                }
                Ok(())
            }
        }
    }
}
