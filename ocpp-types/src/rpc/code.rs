//! The error codes of a CALLERROR, with each version's spelling.

use super::Version;
use crate::ErrorKind;
use std::fmt;

/// The error code of a CALLERROR (and of 2.1's CALLRESULTERROR).
///
/// The variants are named as OCPP 2.x writes them; [`as_str`](Self::as_str)
/// and [`parse`](Self::parse) spell them as each version does (1.6 writes
/// `FormationViolation` and `OccurenceConstraintViolation`, and has no
/// `MessageTypeNotSupported` nor `RpcFrameworkError`).
///
/// ```
/// use ocpp_types::rpc::{ErrorCode, Version};
///
/// assert_eq!(ErrorCode::FormatViolation.as_str(Version::V16), Some("FormationViolation"));
/// assert_eq!(ErrorCode::FormatViolation.as_str(Version::V201), Some("FormatViolation"));
/// assert_eq!(ErrorCode::RpcFrameworkError.as_str(Version::V16), None);
/// assert_eq!(
///     ErrorCode::parse("OccurenceConstraintViolation", Version::V16),
///     Some(ErrorCode::OccurrenceConstraintViolation),
/// );
/// assert_eq!(ErrorCode::parse("OccurenceConstraintViolation", Version::V21), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// The payload is not of the action's syntax: not JSON, not an object,
    /// a key twice, an unknown property (1.6: `FormationViolation`).
    FormatViolation,
    /// Any other error.
    GenericError,
    /// The receiver failed while handling the message.
    InternalError,
    /// The message type number is unknown to the receiver (2.x only).
    MessageTypeNotSupported,
    /// The action is unknown to the receiver.
    NotImplemented,
    /// The action is known but not supported by the receiver.
    NotSupported,
    /// A required property is missing, or an array has too few or too many
    /// items (1.6: `OccurenceConstraintViolation`).
    OccurrenceConstraintViolation,
    /// A value of the right type breaks a constraint: an enum value, a
    /// length, a range, a format.
    PropertyConstraintViolation,
    /// The payload of the action is incomplete (in 1.6, also a broken frame).
    ProtocolError,
    /// The frame is not a valid OCPP-J frame (2.x only).
    RpcFrameworkError,
    /// A security issue stopped the receiver from completing the action.
    SecurityError,
    /// A value has the wrong JSON type.
    TypeConstraintViolation,
}

impl ErrorCode {
    /// Every code, in 2.x's alphabetical order.
    pub const ALL: [ErrorCode; 12] = [
        ErrorCode::FormatViolation,
        ErrorCode::GenericError,
        ErrorCode::InternalError,
        ErrorCode::MessageTypeNotSupported,
        ErrorCode::NotImplemented,
        ErrorCode::NotSupported,
        ErrorCode::OccurrenceConstraintViolation,
        ErrorCode::PropertyConstraintViolation,
        ErrorCode::ProtocolError,
        ErrorCode::RpcFrameworkError,
        ErrorCode::SecurityError,
        ErrorCode::TypeConstraintViolation,
    ];

    /// The code as `version` writes it; `None` when the version has no such
    /// code.
    pub const fn as_str(self, version: Version) -> Option<&'static str> {
        let v16 = matches!(version, Version::V16);
        Some(match self {
            ErrorCode::FormatViolation if v16 => "FormationViolation",
            ErrorCode::FormatViolation => "FormatViolation",
            ErrorCode::GenericError => "GenericError",
            ErrorCode::InternalError => "InternalError",
            ErrorCode::MessageTypeNotSupported if v16 => return None,
            ErrorCode::MessageTypeNotSupported => "MessageTypeNotSupported",
            ErrorCode::NotImplemented => "NotImplemented",
            ErrorCode::NotSupported => "NotSupported",
            ErrorCode::OccurrenceConstraintViolation if v16 => "OccurenceConstraintViolation",
            ErrorCode::OccurrenceConstraintViolation => "OccurrenceConstraintViolation",
            ErrorCode::PropertyConstraintViolation => "PropertyConstraintViolation",
            ErrorCode::ProtocolError => "ProtocolError",
            ErrorCode::RpcFrameworkError if v16 => return None,
            ErrorCode::RpcFrameworkError => "RpcFrameworkError",
            ErrorCode::SecurityError => "SecurityError",
            ErrorCode::TypeConstraintViolation => "TypeConstraintViolation",
        })
    }

    /// The code that `version` writes `text`, exactly as written.
    pub fn parse(text: &str, version: Version) -> Option<ErrorCode> {
        ErrorCode::ALL
            .into_iter()
            .find(|code| code.as_str(version) == Some(text))
    }

    /// The code that answers a payload with a mistake of `kind`; `at_root`
    /// says whether the mistake is the payload itself (`[]` for an object
    /// is a format violation, not a wrong type).
    pub(crate) fn of_payload(kind: ErrorKind, at_root: bool) -> ErrorCode {
        match kind {
            ErrorKind::Syntax
            | ErrorKind::EndOfInput
            | ErrorKind::Io
            | ErrorKind::DuplicateKey
            | ErrorKind::UnknownProperty
            | ErrorKind::Other => ErrorCode::FormatViolation,
            ErrorKind::WrongType | ErrorKind::Null if at_root => ErrorCode::FormatViolation,
            ErrorKind::WrongType | ErrorKind::Null => ErrorCode::TypeConstraintViolation,
            ErrorKind::MissingFields | ErrorKind::ItemCount => {
                ErrorCode::OccurrenceConstraintViolation
            }
            ErrorKind::UnknownEnumValue
            | ErrorKind::Length
            | ErrorKind::Range
            | ErrorKind::Format
            | ErrorKind::MultipleOf => ErrorCode::PropertyConstraintViolation,
        }
    }

    /// The code of a broken frame in `version`.
    pub(crate) fn of_frame(version: Version) -> ErrorCode {
        match version {
            Version::V16 => ErrorCode::ProtocolError,
            _ => ErrorCode::RpcFrameworkError,
        }
    }

    /// The code of an unknown message type number in `version`.
    pub(crate) fn of_message_type(version: Version) -> ErrorCode {
        match version {
            Version::V16 => ErrorCode::ProtocolError,
            _ => ErrorCode::MessageTypeNotSupported,
        }
    }
}

/// The 2.x spelling.
impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str(Version::V201).unwrap_or("GenericError"))
    }
}
