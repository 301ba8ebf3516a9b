#![doc = include_str!("../../README.md")]
#![deny(missing_docs)]

// Generated code names this crate `::ocpp_types`, also inside this crate.
extern crate self as ocpp_types;

#[doc(hidden)]
#[path = "private/mod.rs"]
pub mod __private;
mod error;
mod read;
mod type_info;
mod types;

pub use error::{Error, ErrorKind, ParseEnumError, Segment};
pub use read::{from_reader, from_slice, from_str, from_value};
pub use type_info::TypeInfo;
pub use types::*;

/// Turns a struct with named fields, or a unit-only enum, into an OCPP type.
///
/// See the [crate documentation](crate) for a tour.
pub use ocpp_types_macros::ocpp_type;

/// What every `#[ocpp_type]` is: a type of the spec, with its name and
/// description, that serializes to and from exactly the documents its schema
/// accepts. Every one is also `Debug`, `Clone` and `PartialEq`, so generic
/// code can compare and show values.
///
/// ```
/// use ocpp_types::{KeyValue, OcppType};
///
/// assert_eq!(KeyValue::NAME, "KeyValue");
/// assert_eq!(KeyValue::DESCRIPTION, "Type for a key value pair");
/// ```
pub trait OcppType:
    serde::Serialize + serde::de::DeserializeOwned + std::fmt::Debug + Clone + PartialEq + 'static
{
    /// The type's name in the spec.
    const NAME: &'static str;
    /// The type's description: its doc comment.
    const DESCRIPTION: &'static str;

    /// The type's JSON Schema (draft 2020-12), standalone: the type's own
    /// schema at the top level, and every type it refers to, directly or not,
    /// under `$defs`, referred to as `{"$ref": "#/$defs/Name"}`.
    ///
    /// A document is valid against this schema exactly when the type's
    /// `Deserialize` accepts it (but for repeated keys, which JSON Schema
    /// can't see and `Deserialize` rejects).
    ///
    /// ```
    /// use ocpp_types::{DataTransferResponse, OcppType};
    ///
    /// let schema = DataTransferResponse::json_schema();
    /// assert_eq!(schema["properties"]["status"]["$ref"], "#/$defs/DataTransferStatus");
    /// assert_eq!(schema["required"], serde_json::json!(["status"]));
    /// assert_eq!(schema["additionalProperties"], false);
    /// ```
    fn json_schema() -> serde_json::Value {
        __private::standalone::<Self>()
    }

    /// The type's own definition, with the types it uses added to `defs`.
    #[doc(hidden)]
    fn __definition(defs: &mut __private::Defs) -> serde_json::Value;
}

/// The type of the document named `name` (its name in the spec), if any.
///
/// ```
/// assert_eq!(ocpp_types::find_type("SecurityEvent").unwrap().name(), "SecurityEvent");
/// assert!(ocpp_types::find_type("securityevent").is_none());
/// ```
pub fn find_type(name: &str) -> Option<&'static TypeInfo> {
    TYPES.iter().find(|ty| ty.name() == name)
}

/// The JSON Schema of the whole document: every type of this crate under
/// `$defs`, in the spec's order, titled "OCPP types".
///
/// ```
/// let schema = ocpp_types::schema();
/// assert_eq!(schema["title"], "OCPP types");
/// assert_eq!(schema["$defs"].as_object().unwrap().len(), 8);
/// ```
pub fn schema() -> serde_json::Value {
    let mut defs = __private::Defs::default();
    for ty in &TYPES {
        ty.define(&mut defs);
    }
    __private::document(
        "OCPP types",
        serde_json::json!({ "description": "OCPP types" }),
        defs,
    )
}
