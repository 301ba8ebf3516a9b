//! Reading a document with an [`Error`] that is data: `from_str` and its
//! siblings, serde_json's entry points with this crate's error.

use crate::__private::{Record, Structured};
use crate::{Error, ErrorKind, OcppType};
use serde_json::error::Category;

/// Reads a `T` from JSON text.
///
/// The same as `serde_json::from_str`, with an [`Error`] that tells the kind
/// of mistake and the path to it as data, beside the same message.
///
/// ```
/// use ocpp_types::{DataTransferRequest, ErrorKind};
///
/// let request: DataTransferRequest = ocpp_types::from_str(r#"{"vendor_id": "Pionix"}"#)?;
/// assert_eq!(request, DataTransferRequest::new("Pionix"));
///
/// let error = ocpp_types::from_str::<DataTransferRequest>("{}").unwrap_err();
/// assert_eq!(error.kind(), ErrorKind::MissingFields);
/// assert_eq!(error.missing_fields(), ["vendor_id"]);
/// assert_eq!(error.pointer(), "");
/// assert_eq!(error.to_string(), "DataTransferRequest: missing required field `vendor_id` at line 1 column 2");
///
/// // The text ends inside the second key: the kind says so, the path says where.
/// let error = ocpp_types::from_str::<ocpp_types::GetConfigurationResponse>(
///     r#"{"unknown_keys": [], "configuration_keys": [{"key": "a", "read_only": true}, {"key": "#,
/// )
/// .unwrap_err();
/// assert_eq!(error.kind(), ErrorKind::EndOfInput);
/// assert_eq!(error.pointer(), "/configuration_keys/1/key");
/// # Ok::<(), ocpp_types::Error>(())
/// ```
pub fn from_str<T: OcppType>(text: &str) -> Result<T, Error> {
    read(|| serde_json::from_str(text))
}

/// Reads a `T` from JSON bytes, which must be UTF-8; see [`from_str`].
///
/// ```
/// let status: ocpp_types::DataTransferStatus = ocpp_types::from_slice(br#""Accepted""#)?;
/// assert_eq!(status, ocpp_types::DataTransferStatus::Accepted);
/// # Ok::<(), ocpp_types::Error>(())
/// ```
pub fn from_slice<T: OcppType>(bytes: &[u8]) -> Result<T, Error> {
    read(|| serde_json::from_slice(bytes))
}

/// Reads a `T` from a stream of JSON bytes; see [`from_str`]. The reader
/// is read byte by byte: wrap a file or a socket in a `BufReader`.
///
/// ```
/// use ocpp_types::{ErrorKind, KeyValue};
///
/// let input: &[u8] = br#"{"key": "k", "read_only": false, "key": "again"}"#;
/// let error = ocpp_types::from_reader::<_, KeyValue>(input).unwrap_err();
/// assert_eq!(error.kind(), ErrorKind::DuplicateKey);
/// assert_eq!(error.message(), "KeyValue: duplicate field `key`");
/// ```
pub fn from_reader<R: std::io::Read, T: OcppType>(reader: R) -> Result<T, Error> {
    read(|| serde_json::from_reader(reader))
}

/// Reads a `T` from a `serde_json::Value`; see [`from_str`]. Its errors have
/// no position (line and column are 0).
///
/// ```
/// use ocpp_types::{ErrorKind, KeyValue};
///
/// let error = ocpp_types::from_value::<KeyValue>(serde_json::json!({"key": 7, "read_only": true}))
///     .unwrap_err();
/// assert_eq!(error.kind(), ErrorKind::WrongType);
/// assert_eq!(error.pointer(), "/key");
/// assert_eq!(error.to_string(), "KeyValue.key: invalid type: integer `7`, expected a string");
/// ```
pub fn from_value<T: OcppType>(value: serde_json::Value) -> Result<T, Error> {
    read(|| serde_json::from_value(value))
}

/// Runs serde_json's own entry point, so that a valid document takes the
/// very code it takes there; an error comes back with the kind and path
/// recorded on its way out of the document's type (none for an error after
/// the document, such as trailing characters).
#[inline]
fn read<T>(serde_json: impl FnOnce() -> Result<T, serde_json::Error>) -> Result<T, Error> {
    let structured = Structured::enter();
    serde_json().map_err(|error| to_error(error, structured.take()))
}

impl Error {
    /// A serde_json error that did not come through a type of this crate.
    pub(crate) fn from_json(json: serde_json::Error) -> Error {
        to_error(json, None)
    }
}

/// The error, with the kind and path recorded on its way out, if any.
#[cold]
pub(crate) fn to_error(json: serde_json::Error, record: Option<Record>) -> Error {
    let mut message = json.to_string();
    if json.line() != 0 {
        let position = format!(" at line {} column {}", json.line(), json.column());
        if message.ends_with(&position) {
            message.truncate(message.len() - position.len());
        }
    }
    let own_kind = match json.classify() {
        Category::Io => ErrorKind::Io,
        Category::Syntax => ErrorKind::Syntax,
        Category::Eof => ErrorKind::EndOfInput,
        Category::Data => ErrorKind::Other,
    };
    match record {
        None => Error::new(own_kind, None, Vec::new(), Vec::new(), message, json),
        Some(record) => {
            // The deserializer's own error: its kind, and the path in front
            // of its message as serde's entry points show it.
            let (kind, message) = match record.foreign {
                Some(path) => (own_kind, format!("{path}: {message}")),
                None => (record.kind, message),
            };
            Error::new(
                kind,
                Some(record.type_name),
                record.path,
                record.missing,
                message,
                json,
            )
        }
    }
}
