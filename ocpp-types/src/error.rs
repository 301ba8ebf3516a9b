//! The errors of this crate as data: [`Error`] of reading a document, with
//! its [`ErrorKind`] and path, and [`ParseEnumError`] of parsing an enum from
//! a string.

use crate::__private::Escaped;
use std::fmt;

/// Why a document was rejected, and where: what [`from_str`](crate::from_str)
/// and its siblings return.
///
/// The message is the one `serde_json::from_str` gives for the same
/// document (for an error the JSON parser makes, such as the end of the
/// input, with the path in front of serde_json's own message, which
/// `serde_json::from_str` leaves as it is); the kind, the path and the
/// position are data, for a program to act on (an OCPP server answers a bad
/// message with an error code chosen by the kind, and points at the
/// offending value with the JSON Pointer).
///
/// ```
/// use ocpp_types::{ErrorKind, GetConfigurationResponse, Segment};
///
/// let text = r#"{"configuration_keys": [{"key": "a", "read_only": "yes"}], "unknown_keys": []}"#;
/// let error = ocpp_types::from_str::<GetConfigurationResponse>(text).unwrap_err();
/// assert_eq!(error.kind(), ErrorKind::WrongType);
/// assert_eq!(error.pointer(), "/configuration_keys/0/read_only");
/// assert_eq!(
///     error.path(),
///     [Segment::Field("configuration_keys"), Segment::Index(0), Segment::Field("read_only")],
/// );
/// assert_eq!((error.line(), error.column()), (1, 55));
/// assert_eq!(
///     error.to_string(),
///     r#"GetConfigurationResponse.configuration_keys[0].read_only: invalid type: string "yes", expected a boolean at line 1 column 55"#,
/// );
/// // The same message as serde_json's own entry point gives.
/// let json_error = serde_json::from_str::<GetConfigurationResponse>(text).unwrap_err();
/// assert_eq!(error.to_string(), json_error.to_string());
/// ```
pub struct Error(Box<Inner>);

struct Inner {
    kind: ErrorKind,
    type_name: Option<&'static str>,
    path: Vec<Segment>,
    missing: Vec<&'static str>,
    message: String,
    json: serde_json::Error,
}

/// What kind of mistake a document has. Each kind is one rule of the
/// schema (or of JSON itself); more kinds may come with more rules.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The text is not JSON: a stray character, a bad escape, trailing
    /// characters after the document, a lone surrogate, ...
    Syntax,
    /// The text ends inside the document.
    EndOfInput,
    /// Reading the input failed (only [`from_reader`](crate::from_reader)).
    Io,
    /// Required properties are missing; [`Error::missing_fields`] names them all.
    MissingFields,
    /// `null` where the schema allows no null (every field of every type).
    Null,
    /// A value of the wrong JSON type: a string for a boolean, an array for
    /// an object, a fraction for an integer, ...
    WrongType,
    /// A string that is none of an enum's values.
    UnknownEnumValue,
    /// A property a closed object (`additionalProperties: false`) does not have.
    UnknownProperty,
    /// A property or map key given twice in one object.
    DuplicateKey,
    /// A string shorter or longer than its limits.
    Length,
    /// A number out of its bounds, or out of its Rust type's range.
    Range,
    /// An array with too few or too many items.
    ItemCount,
    /// A string that breaks its format (`date-time`, `uri`).
    Format,
    /// A number that is not a multiple of its `multipleOf`.
    MultipleOf,
    /// Any other error a deserializer reports.
    Other,
}

/// One step of the path from the document to a value.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Segment {
    /// A property of an object with fixed fields, by its wire name.
    Field(&'static str),
    /// An element of an array.
    Index(usize),
    /// A property of an object with free names (a map, or an unknown
    /// property), as it was written.
    Key(String),
}

impl Error {
    pub(crate) fn new(
        kind: ErrorKind,
        type_name: Option<&'static str>,
        path: Vec<Segment>,
        missing: Vec<&'static str>,
        message: String,
        json: serde_json::Error,
    ) -> Error {
        Error(Box::new(Inner {
            kind,
            type_name,
            path,
            missing,
            message,
            json,
        }))
    }

    /// What kind of mistake it is.
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    /// The path from the document to the offending value (empty for the
    /// document itself).
    pub fn path(&self) -> &[Segment] {
        &self.0.path
    }

    /// The path as a JSON Pointer (RFC 6901): `""` for the document,
    /// `/configuration_keys/3/key` for a value in it, with `~` and `/` in
    /// names written `~0` and `~1`.
    pub fn pointer(&self) -> String {
        pointer(&self.0.path)
    }

    /// The name of the type being read when the error happened (the
    /// document's type), if the error happened inside one.
    pub fn type_name(&self) -> Option<&'static str> {
        self.0.type_name
    }

    /// For [`ErrorKind::MissingFields`]: the wire names of every missing
    /// required property, in declaration order; empty for other kinds.
    pub fn missing_fields(&self) -> &[&'static str] {
        &self.0.missing
    }

    /// The message, without the position: one line, with every string taken
    /// from the input escaped and cut to a bounded length.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// The line of the input where the error was found, from 1; 0 when the
    /// input has no lines ([`from_value`](crate::from_value)).
    pub fn line(&self) -> usize {
        self.0.json.line()
    }

    /// The column of the input where the error was found, from 1; 0 when
    /// the input has no lines.
    pub fn column(&self) -> usize {
        self.0.json.column()
    }

    /// The error as serde_json reported it.
    pub fn json_error(&self) -> &serde_json::Error {
        &self.0.json
    }
}

/// `path` as a JSON Pointer (RFC 6901).
pub(crate) fn pointer(path: &[Segment]) -> String {
    let mut pointer = String::new();
    for segment in path {
        pointer.push('/');
        match segment {
            Segment::Field(name) => escape_pointer(&mut pointer, name),
            Segment::Key(name) => escape_pointer(&mut pointer, name),
            Segment::Index(index) => pointer.push_str(&index.to_string()),
        }
    }
    pointer
}

fn escape_pointer(pointer: &mut String, name: &str) {
    for c in name.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// The message and, when there is one, the position, as serde_json writes
/// them: `message at line 1 column 55`.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message)?;
        if self.line() != 0 {
            write!(f, " at line {} column {}", self.line(), self.column())?;
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.0.kind)
            .field(
                "pointer",
                &format_args!("{}", Escaped::quoted(&self.pointer())),
            )
            .field("message", &self.0.message)
            .field("line", &self.line())
            .field("column", &self.column())
            .finish()
    }
}

impl std::error::Error for Error {}

/// A string that is not one of an enum's values, from `FromStr` or
/// `TryFrom<&str>` of an `#[ocpp_type]` enum. It names the input and the
/// allowed values:
///
/// ```
/// use ocpp_types::DataTransferStatus;
///
/// let error = "Pending".parse::<DataTransferStatus>().unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     "unknown DataTransferStatus value `Pending`, expected one of \
///      `Accepted`, `Rejected`, `UnknownMessageId`, `UnknownVendorId`",
/// );
/// // A value in the wrong case is pointed out.
/// let error = "accepted".parse::<DataTransferStatus>().unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     "unknown DataTransferStatus value `accepted`, expected `Accepted` (values are case-sensitive)",
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseEnumError {
    type_name: &'static str,
    input: String,
    allowed: &'static [&'static str],
}

impl ParseEnumError {
    /// The error for `input`, which is none of `allowed`, the values of `type_name`.
    pub fn new(type_name: &'static str, input: &str, allowed: &'static [&'static str]) -> Self {
        ParseEnumError {
            type_name,
            input: input.to_owned(),
            allowed,
        }
    }

    /// The enum's name in the spec.
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }

    /// The string that was not recognized.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// The enum's values, in the spec's order.
    pub fn allowed(&self) -> &'static [&'static str] {
        self.allowed
    }
}

/// The input is escaped and cut to a bounded length, so that the message
/// stays one short line whatever the input holds.
impl fmt::Display for ParseEnumError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown {} value {}, expected ",
            self.type_name,
            Escaped::backticked(&self.input)
        )?;
        // Values differ in case more often than in anything else: say which.
        match self
            .allowed
            .iter()
            .find(|value| value.eq_ignore_ascii_case(&self.input))
        {
            Some(value) => write!(f, "`{value}` (values are case-sensitive)"),
            None => write!(f, "{}", crate::__private::OneOf(self.allowed)),
        }
    }
}

impl std::error::Error for ParseEnumError {}
