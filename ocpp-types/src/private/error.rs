//! Deserialization errors: their messages, built only on the error path, and
//! the record of their kind and path that [`crate::from_str`] turns into an
//! [`Error`](crate::Error).
//!
//! serde lets a `Deserialize` impl hand an error back only as a message
//! (`de::Error::custom`). So that the kind and the path are data too, each
//! error made here is also recorded in a thread-local slot, which the entry
//! points of this crate take when the deserializer returns the error. Nothing
//! of this runs while a document is valid.
//!
//! An error that a deserializer makes itself (a syntax error, the end of the
//! input) passes through the same places on its way out: for this crate's
//! entry points, the innermost one that sees it records its path, which
//! they put in front of its message. Through serde's own entry points it
//! stays the deserializer's error, unchanged, so that its category and
//! position hold (serde_json's `is_eof()` for a stream reader).

use super::escape::Capped;
use super::{Escaped, Path};
use crate::{ErrorKind, ParseEnumError, Segment};
use serde::de::Error;
use std::cell::{Cell, RefCell};
use std::fmt;

/// The kind and place of the error on its way out of a deserializer.
pub(crate) struct Record {
    pub kind: ErrorKind,
    pub type_name: &'static str,
    pub path: Vec<Segment>,
    pub missing: Vec<&'static str>,
    /// For an error the deserializer made: the path as the message shows it,
    /// which is not in the deserializer's own message.
    pub foreign: Option<String>,
}

thread_local! {
    static RECORD: RefCell<Option<Record>> = const { RefCell::new(None) };
    /// Whether the entry point is one of this crate's, which takes the
    /// record and keeps the deserializer's own errors as they are.
    static STRUCTURED: Cell<bool> = const { Cell::new(false) };
}

fn record(path: Path<'_>, kind: ErrorKind, missing: Vec<&'static str>, foreign: Option<String>) {
    let record = Record {
        kind,
        type_name: path.root(),
        path: path.segments(),
        missing,
        foreign,
    };
    // `try_with`: during a thread's teardown the slot may be gone; the
    // error then goes without its record rather than panicking.
    let _ = RECORD.try_with(|slot| *slot.borrow_mut() = Some(record));
}

/// While alive, errors are recorded for one of this crate's entry points.
pub(crate) struct Structured {
    was: bool,
}

impl Structured {
    pub(crate) fn enter() -> Structured {
        let _ = RECORD.try_with(|slot| slot.borrow_mut().take());
        Structured {
            was: STRUCTURED.with(|mode| mode.replace(true)),
        }
    }

    /// The record of the error just returned, if it came through a type of ours.
    pub(crate) fn take(&self) -> Option<Record> {
        RECORD
            .try_with(|slot| slot.borrow_mut().take())
            .ok()
            .flatten()
    }
}

impl Drop for Structured {
    fn drop(&mut self) {
        STRUCTURED.with(|mode| mode.set(self.was));
    }
}

/// An error that leaves a type's `Deserialize`: the record is of no more use
/// unless one of this crate's entry points will take it.
#[cold]
pub fn leaving<E>(error: E) -> E {
    if !STRUCTURED.with(Cell::get) {
        let _ = RECORD.try_with(|slot| slot.borrow_mut().take());
    }
    error
}

/// An error returned by a call into the deserializer for the value at
/// `path`: one made here already has its path; one the deserializer made
/// (the input ends, a bad escape, a failing reader) gets its path in the
/// record, for this crate's entry points, and goes on unchanged: rewriting
/// it would turn it into a "data" error, so that serde_json's `classify()`,
/// `is_eof()`, line and column would no longer say what it is.
#[cold]
#[inline(never)]
pub fn located<E: Error>(error: E, path: Path<'_>) -> E {
    if STRUCTURED.with(Cell::get)
        && !RECORD
            .try_with(|slot| slot.borrow().is_some())
            .unwrap_or(true)
    {
        record(path, ErrorKind::Other, Vec::new(), Some(path.to_string()));
    }
    error
}

/// An error of kind `kind` at `path`, with `message`.
#[cold]
fn fail<E: Error>(path: Path<'_>, kind: ErrorKind, message: fmt::Arguments<'_>) -> E {
    record(path, kind, Vec::new(), None);
    E::custom(Capped(message))
}

/// A value of the wrong kind, named in JSON's words.
#[derive(Clone, Copy, Debug)]
pub enum Found<'a> {
    Null,
    Bool(bool),
    Integer(i128),
    Number(f64),
    /// A number as written, where the format keeps its text (serde_json's
    /// `arbitrary_precision`).
    NumberText(&'a str),
    /// A whole number written with a fraction or an exponent (`5.0`), which
    /// is not an integer for draft-04.
    WrittenAsFraction(f64),
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
            Found::NumberText(v) => write!(f, "number `{}`", Escaped::plain(v)),
            // `5.0`, not `5`: the fraction is the point.
            Found::WrittenAsFraction(v) => {
                write!(f, "number `{v:?}` written with a fraction or an exponent")
            }
            Found::Str(v) => write!(f, "string {}", Escaped::quoted(v)),
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
    let kind = match found {
        Found::Null => ErrorKind::Null,
        _ => ErrorKind::WrongType,
    };
    fail(
        path,
        kind,
        format_args!("{path}: invalid type: {found}, expected {expected}"),
    )
}

/// `path: invalid value: found, expected expected`: a number of the right
/// kind, out of the type's range.
#[cold]
pub(crate) fn out_of_range<E: Error>(
    path: Path<'_>,
    found: Found<'_>,
    expected: impl fmt::Display,
) -> E {
    fail(
        path,
        ErrorKind::Range,
        format_args!("{path}: invalid value: {found}, expected {expected}"),
    )
}

/// A value that breaks a limit of its field.
#[cold]
pub(crate) fn violation<E: Error>(path: Path<'_>, violation: &super::Violation) -> E {
    fail(path, violation.kind(), format_args!("{path}: {violation}"))
}

/// A value that breaks a limit of its field: an error, unless the policy
/// of a lenient reading tolerates it.
#[cold]
pub(crate) fn broken<E: Error>(path: Path<'_>, broken: &super::Violation) -> Result<(), E> {
    if super::lenient::tolerate(broken.kind(), path, format_args!("{broken}")) {
        Ok(())
    } else {
        Err(violation(path, broken))
    }
}

/// Required fields that were not in the object, all of them at once.
/// `fields` pairs "is it missing?" with each required field's wire name.
#[cold]
pub fn missing_fields<E: Error>(
    path: Path<'_>,
    type_name: &'static str,
    fields: &[(bool, &'static str)],
) -> E {
    let missing: Vec<&'static str> = fields
        .iter()
        .filter(|(missing, _)| *missing)
        .map(|(_, name)| *name)
        .collect();
    let plural = if missing.len() == 1 { "" } else { "s" };
    let list = missing
        .iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let error = E::custom(Capped(format_args!(
        "{}: missing required field{plural} {list}",
        path.of_type(type_name),
    )));
    record(path, ErrorKind::MissingFields, missing, None);
    error
}

/// A property given twice in one object.
#[cold]
pub(crate) fn duplicate_field<E: Error>(path: Path<'_>, type_name: &'static str, name: &str) -> E {
    fail(
        path,
        ErrorKind::DuplicateKey,
        format_args!(
            "{}: duplicate field {}",
            path.of_type(type_name),
            Escaped::backticked(name)
        ),
    )
}

/// A value nested deeper than the bound a `Value` has, in the words and of
/// the kind of serde_json's own limit.
#[cold]
pub(crate) fn too_deep<E: Error>(path: Path<'_>) -> E {
    fail(
        path,
        ErrorKind::Syntax,
        format_args!("{path}: recursion limit exceeded"),
    )
}

/// A key given twice in a map (an object with free property names, or any
/// JSON object in a `serde_json::Value`).
#[cold]
pub(crate) fn duplicate_key<E: Error>(path: Path<'_>, key: &str) -> E {
    fail(
        path,
        ErrorKind::DuplicateKey,
        format_args!("{path}: duplicate key {}", Escaped::backticked(key)),
    )
}

/// For `Serialize`: a kept unknown property that has a field's name.
#[cold]
pub fn flattened_clash<E: serde::ser::Error>(type_name: &str, extra: &str, key: &str) -> E {
    E::custom(format_args!(
        "{type_name}.{extra}: property {} is a field of {type_name}; set the field instead",
        Escaped::backticked(key)
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
    fail(
        path,
        ErrorKind::UnknownProperty,
        format_args!(
            "{}: unknown field {}, expected {}",
            path.of_type(type_name),
            Escaped::backticked(name),
            OneOf(allowed)
        ),
    )
}

/// A string `text` that is none of the values `wire` of the enum `name`:
/// the value (of `all`, in the same order) it differs from only in case, if
/// the policy of a lenient reading tolerates that; else, for an enum with an
/// `Unlisted` variant (`keep`) and a policy that tolerates unknown enum
/// values, the string kept as it came; else the error.
#[cold]
#[inline(never)]
pub fn unknown_enum_value<T: Clone, E: Error>(
    path: Path<'_>,
    name: &'static str,
    text: &str,
    wire: &'static [&'static str],
    all: &[T],
    keep: Option<fn(crate::Unlisted) -> T>,
) -> Result<T, E> {
    let error = ParseEnumError::new(name, text, wire);
    if let Some(index) = in_another_case(path, &error) {
        return Ok(all[index].clone());
    }
    if let Some(keep) = keep {
        if super::lenient::policy().unknown_enum_values
            && super::lenient::tolerate(
                ErrorKind::UnknownEnumValue,
                path,
                format_args!(
                    "unknown {name} value {} kept as it came",
                    Escaped::backticked(text)
                ),
            )
        {
            return Ok(keep(crate::Unlisted::new(text)));
        }
    }
    Err(unknown_value(path, error))
}

/// The index of the value that `error`'s input differs from only in case,
/// if the policy of a lenient reading tolerates that (and records it).
fn in_another_case(path: Path<'_>, error: &ParseEnumError) -> Option<usize> {
    if !super::lenient::policy().enum_case {
        return None;
    }
    let index = error
        .allowed()
        .iter()
        .position(|value| value.eq_ignore_ascii_case(error.input()))?;
    let shown = Escaped::backticked(error.input());
    let value = error.allowed()[index];
    super::lenient::tolerate(
        ErrorKind::UnknownEnumValue,
        path,
        format_args!("{} value {shown} read as `{value}`", error.type_name()),
    )
    .then_some(index)
}

/// For `Serialize`: an `Unlisted` value of the enum `name`, written only
/// by `to_string_with` and `to_vec_with` under a policy that tolerates
/// unknown enum values; otherwise refused, as the schema refuses it.
pub fn write_unlisted<S: serde::Serializer>(
    serializer: S,
    name: &'static str,
    value: &crate::Unlisted,
    wire: &'static [&'static str],
) -> Result<S::Ok, S::Error> {
    if super::lenient::policy().unknown_enum_values {
        serializer.serialize_str(value.as_str())
    } else {
        Err(serde::ser::Error::custom(ParseEnumError::new(
            name,
            value.as_str(),
            wire,
        )))
    }
}

/// A string that is not one of an enum's values.
#[cold]
pub fn unknown_value<E: Error>(path: Path<'_>, error: ParseEnumError) -> E {
    fail(
        path,
        ErrorKind::UnknownEnumValue,
        format_args!("{path}: {error}"),
    )
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
