#![doc = include_str!("../../README.md")]
#![deny(missing_docs)]

// Generated code names this crate `::ocpp_types`, also inside this crate.
extern crate self as ocpp_types;

#[doc(hidden)]
#[path = "private/mod.rs"]
pub mod __private;
mod date_time;
mod error;
/// Every type of EVerest's current `types/ocpp.yaml`.
#[cfg(feature = "everest")]
pub mod everest;
mod lenient;
mod properties;
mod read;
pub mod rpc;
mod type_info;
mod types;
mod unlisted;
/// OCPP 1.6 messages, core and security extension, from the OCA's JSON schemas.
#[cfg(feature = "v16")]
pub mod v16;
/// OCPP 2.0.1 messages, from the OCA's JSON schemas.
#[cfg(feature = "v201")]
pub mod v201;
/// OCPP 2.1 messages, from the OCA's JSON schemas.
#[cfg(feature = "v21")]
pub mod v21;

pub use __private::{Escaped, Quote, MAX_ECHOED_CHARS, MAX_MESSAGE_LEN};
pub use date_time::{DateTime, DateTimeError};
pub use error::{Error, ErrorKind, ParseEnumError, Segment};
pub use lenient::{
    from_slice_with, from_str_with, from_value_with, to_string_with, to_vec_with, Deviation,
    Lenient, Policy, MAX_DEVIATIONS,
};
pub use properties::Properties;
pub use read::{from_reader, from_slice, from_str, from_value};
pub use type_info::TypeInfo;
pub use types::*;
pub use unlisted::Unlisted;

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

/// The type named `name`, if any: a type of the crate root by its name in
/// the spec (`KeyValue`), or a type of a module by `<module>/<name>`
/// (`v16/BootNotificationRequest`, `v201/TransactionEventRequest`,
/// `everest/SecurityEvent`), where the module is compiled in (see
/// [`MODULES`]).
///
/// ```
/// assert_eq!(ocpp_types::find_type("SecurityEvent").unwrap().name(), "SecurityEvent");
/// assert!(ocpp_types::find_type("securityevent").is_none());
/// # #[cfg(feature = "v16")]
/// assert_eq!(
///     ocpp_types::find_type("v16/BootNotificationRequest").unwrap().name(),
///     "BootNotificationRequest",
/// );
/// assert!(ocpp_types::find_type("v99/BootNotificationRequest").is_none());
/// ```
pub fn find_type(name: &str) -> Option<&'static TypeInfo> {
    let (module, name) = match name.split_once('/') {
        Some(("", _)) => return None,
        Some((module, name)) => (module, name),
        None => ("", name),
    };
    let (_, types) = MODULES.iter().find(|(name, _)| *name == module)?;
    types.iter().find(|ty| ty.name() == name)
}

/// The types of this crate, by module: the crate root's (the EVerest page,
/// named `""`), then each module its feature compiled in: `v16` (OCPP 1.6,
/// core and security extension), `v201` (OCPP 2.0.1), `v21` (OCPP 2.1) and
/// `everest` (EVerest's current types). A type of a module is named
/// `<module>/<name>` by [`find_type`] and the `ocpp-json` tool.
///
/// ```
/// let (root, types) = ocpp_types::MODULES[0];
/// assert_eq!((root, types.len()), ("", 8));
/// ```
pub static MODULES: &[(&str, &[TypeInfo])] = &[
    ("", &TYPES),
    #[cfg(feature = "v16")]
    ("v16", &v16::TYPES),
    #[cfg(feature = "v201")]
    ("v201", &v201::TYPES),
    #[cfg(feature = "v21")]
    ("v21", &v21::TYPES),
    #[cfg(feature = "everest")]
    ("everest", &everest::TYPES),
];

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
