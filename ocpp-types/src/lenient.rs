//! Lenient reading: a [`Policy`] names the deviations from the schema that a
//! reading tolerates, and the reading reports each one it tolerated as a
//! [`Deviation`]. Strict reading stays the default, and costs nothing more:
//! a deviation is only ever looked at where strict reading would fail.

use crate::__private::Lenient as Guard;
use crate::{Error, ErrorKind, OcppType, Segment};
use std::fmt;

/// Which deviations from the schema a reading tolerates, each on its own.
/// What no value could be built from stays an error whatever the policy: a
/// missing required field, a value of another kind (an object for a
/// string), an array over its `maxItems`, a date-time with no instant in
/// it, an unknown value of an enum with no `Unlisted` variant to keep it. So does a
/// key given twice, in every object at every depth, also when its first
/// value was a tolerated `null` or a dropped unknown property: a strict and
/// a lenient reader never disagree on which of two values counts.
///
/// A reading keeps the first [`MAX_DEVIATIONS`] deviations it tolerated and
/// counts the rest ([`Lenient::omitted`]).
///
/// ```
/// use ocpp_types::Policy;
///
/// // Long vendor strings and unknown properties, nothing else.
/// let policy = Policy { lengths: true, unknown_properties: true, ..Policy::STRICT };
/// assert!(policy.tolerates(ocpp_types::ErrorKind::Length));
/// assert!(!Policy::STRICT.tolerates(ocpp_types::ErrorKind::Length));
/// assert!(Policy::TOLERANT.tolerates(ocpp_types::ErrorKind::Format));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Policy {
    /// Unknown properties on a closed object are dropped.
    pub unknown_properties: bool,
    /// Strings shorter or longer than their limits are kept as they are.
    pub lengths: bool,
    /// Numbers out of their bounds or not a multiple of their `multipleOf`
    /// are kept as they are (a number out of its Rust type's range is still
    /// an error: it has no value).
    pub numbers: bool,
    /// Strings that break their format (a date-time without a time zone, a
    /// relative URI) are kept as they are.
    pub formats: bool,
    /// Enum values that differ from a known one only in case are read as
    /// that one (`"accepted"` as `Accepted`).
    pub enum_case: bool,
    /// Enum values the schema does not list (a 1.6 charger's
    /// `"errorCode": "Error"`) are kept, as they came, in the enum's
    /// `Unlisted` variant, and written back by
    /// [`to_string_with`](crate::to_string_with) under this policy. A
    /// user's own enum keeps them only if it has an `#[ocpp(unlisted)]`
    /// variant; without one the value stays an error. With `enum_case` too,
    /// a value in another case is read as the known one first.
    pub unknown_enum_values: bool,
    /// `null` for an optional field is read as absent.
    pub null_as_absent: bool,
    /// A scalar in another JSON form, where the conversion is exact:
    /// `"true"` for a boolean, `"12"` for an integer, `"1.5"` for a number,
    /// `12`, `12.5` or `true` for a string, and, under draft-04, `5.0` for
    /// an integer.
    ///
    /// Exact means: a string read as a number is in the one form JSON
    /// writes it (an integer as `-?(0|[1-9][0-9]*)`, not `"+1"`, `"0001"`
    /// or `"-0"`; a number in JSON's number grammar, not `".5"` or
    /// `"inf"`). A number read as a string is its text: an integer's digits;
    /// for a number with a fraction or an exponent, whose text the JSON
    /// parser does not keep, the shortest text of its value (`12.5`,
    /// `1e300`), which is the number written for every number of at most 15
    /// significant digits, and an error for one of more
    /// (`12345678901234567890123`); under serde_json's
    /// `arbitrary_precision`, the text as written (an exponent's `E` as `e`).
    pub scalar_forms: bool,
}

impl Policy {
    /// Nothing tolerated: the default, what `from_str` does.
    pub const STRICT: Policy = Policy {
        unknown_properties: false,
        lengths: false,
        numbers: false,
        formats: false,
        enum_case: false,
        unknown_enum_values: false,
        null_as_absent: false,
        scalar_forms: false,
    };

    /// Everything tolerable tolerated.
    pub const TOLERANT: Policy = Policy {
        unknown_properties: true,
        lengths: true,
        numbers: true,
        formats: true,
        enum_case: true,
        unknown_enum_values: true,
        null_as_absent: true,
        scalar_forms: true,
    };

    /// Whether a deviation of `kind` is tolerated (for
    /// `UnknownEnumValue`: some, in case or in value).
    pub fn tolerates(&self, kind: ErrorKind) -> bool {
        match kind {
            ErrorKind::UnknownProperty => self.unknown_properties,
            ErrorKind::Length => self.lengths,
            ErrorKind::Range | ErrorKind::MultipleOf => self.numbers,
            ErrorKind::Format => self.formats,
            ErrorKind::UnknownEnumValue => self.enum_case || self.unknown_enum_values,
            ErrorKind::Null => self.null_as_absent,
            ErrorKind::WrongType => self.scalar_forms,
            _ => false,
        }
    }
}

impl Default for Policy {
    fn default() -> Policy {
        Policy::STRICT
    }
}

/// A deviation from the schema that a lenient reading tolerated: its kind,
/// where it is, and what it was, as the strict reading's error would have
/// said (or, for a tolerated kind, what was done).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deviation {
    kind: ErrorKind,
    path: Vec<Segment>,
    message: String,
}

impl Deviation {
    pub(crate) fn new(kind: ErrorKind, path: Vec<Segment>, message: String) -> Deviation {
        Deviation {
            kind,
            path,
            message,
        }
    }

    /// The deviation, at `index` of an array around its document: a
    /// payload's deviation placed in its frame.
    pub(crate) fn within(mut self, index: usize) -> Deviation {
        self.path.insert(0, Segment::Index(index));
        self
    }

    /// What kind of deviation it is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The path to the value, from the document.
    pub fn path(&self) -> &[Segment] {
        &self.path
    }

    /// The path as a JSON Pointer (RFC 6901).
    pub fn pointer(&self) -> String {
        crate::error::pointer(&self.path)
    }

    /// The message: one line, strings from the input escaped and bounded.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Deviation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// How many deviations a lenient reading keeps: the first ones, in document
/// order. The rest are counted ([`Lenient::omitted`]), not kept, so that a
/// hostile document of a million tolerated deviations costs a counter, not
/// a million messages. A deviation's message is at most
/// [`MAX_MESSAGE_LEN`](crate::MAX_MESSAGE_LEN) bytes, so the report of one
/// reading stays within a fixed budget, apart from the property names in
/// each deviation's path.
pub const MAX_DEVIATIONS: usize = 16;

/// A value read leniently, with the deviations the reading tolerated, in
/// document order: the first [`MAX_DEVIATIONS`], and how many more.
#[derive(Clone, Debug, PartialEq)]
pub struct Lenient<T> {
    /// The value.
    pub value: T,
    /// What it broke of the schema, the first [`MAX_DEVIATIONS`] in
    /// document order; empty when the document was valid.
    pub deviations: Vec<Deviation>,
    /// How many deviations were tolerated beyond those kept: `0` unless
    /// `deviations` holds [`MAX_DEVIATIONS`].
    pub omitted: usize,
}

impl<T> Lenient<T> {
    /// How many deviations the reading tolerated in all: those kept and
    /// those omitted.
    pub fn total(&self) -> usize {
        self.deviations.len().saturating_add(self.omitted)
    }
}

/// Reads a `T` from JSON text, tolerating what `policy` tolerates and
/// reporting it. With [`Policy::STRICT`] it accepts exactly what
/// [`from_str`](crate::from_str) accepts.
///
/// ```
/// use ocpp_types::{ErrorKind, KeyValue, Policy};
///
/// // A charger that writes its booleans as strings.
/// let read = ocpp_types::from_str_with::<KeyValue>(
///     r#"{"key": "AuthorizeRemoteTxRequests", "read_only": "true", "value": null}"#,
///     Policy::TOLERANT,
/// )?;
/// assert_eq!(read.value, KeyValue::new("AuthorizeRemoteTxRequests", true));
/// let kinds: Vec<_> = read.deviations.iter().map(|d| (d.kind(), d.pointer())).collect();
/// assert_eq!(kinds, [(ErrorKind::WrongType, "/read_only".into()), (ErrorKind::Null, "/value".into())]);
/// assert_eq!(
///     read.deviations[0].message(),
///     r#"KeyValue.read_only: string "true" read as a boolean"#,
/// );
///
/// // What can't make a value stays an error.
/// let error = ocpp_types::from_str_with::<KeyValue>(r#"{"key": "k"}"#, Policy::TOLERANT).unwrap_err();
/// assert_eq!(error.kind(), ErrorKind::MissingFields);
/// # Ok::<(), ocpp_types::Error>(())
/// ```
pub fn from_str_with<T: OcppType>(text: &str, policy: Policy) -> Result<Lenient<T>, Error> {
    read_with(policy, || crate::from_str(text))
}

/// [`from_str_with`], from bytes.
pub fn from_slice_with<T: OcppType>(bytes: &[u8], policy: Policy) -> Result<Lenient<T>, Error> {
    read_with(policy, || crate::from_slice(bytes))
}

/// [`from_str_with`], from a `serde_json::Value`.
pub fn from_value_with<T: OcppType>(
    value: serde_json::Value,
    policy: Policy,
) -> Result<Lenient<T>, Error> {
    read_with(policy, || crate::from_value(value))
}

fn read_with<T>(
    policy: Policy,
    read: impl FnOnce() -> Result<T, Error>,
) -> Result<Lenient<T>, Error> {
    let guard = Guard::enter(policy);
    let value = read()?;
    let (deviations, omitted) = guard.take();
    Ok(Lenient {
        value,
        deviations,
        omitted,
    })
}

/// Writes `value` as JSON text, as `serde_json::to_string` does, but writes
/// what `policy` tolerates as it is (a value read leniently, such as a
/// vendor string over its limit, can be logged or forwarded as it came),
/// where `Serialize` alone refuses a value that breaks the schema.
///
/// ```
/// # #[cfg(feature = "v16")] {
/// use ocpp_types::{v16::BootNotificationRequest, Policy};
///
/// let text = r#"{"chargePointVendor": "An Unusually Long Vendor Name", "chargePointModel": "M"}"#;
/// let read = ocpp_types::from_str_with::<BootNotificationRequest>(text, Policy::TOLERANT)?;
/// assert!(serde_json::to_string(&read.value).is_err());
/// assert_eq!(
///     ocpp_types::to_string_with(&read.value, Policy::TOLERANT)?,
///     r#"{"chargePointVendor":"An Unusually Long Vendor Name","chargePointModel":"M"}"#,
/// );
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn to_string_with<T: OcppType>(value: &T, policy: Policy) -> Result<String, serde_json::Error> {
    let _guard = Guard::enter(policy);
    serde_json::to_string(value)
}

/// [`to_string_with`], as bytes.
pub fn to_vec_with<T: OcppType>(value: &T, policy: Policy) -> Result<Vec<u8>, serde_json::Error> {
    let _guard = Guard::enter(policy);
    serde_json::to_vec(value)
}
