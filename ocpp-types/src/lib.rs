#![doc = include_str!("../../README.md")]
#![deny(missing_docs)]

// Generated code names this crate `::ocpp_types`, also inside this crate.
extern crate self as ocpp_types;

#[doc(hidden)]
#[path = "private/mod.rs"]
pub mod __private;
mod error;
mod types;

pub use error::ParseEnumError;
pub use types::*;

/// Turns a struct with named fields, or a unit-only enum, into an OCPP type.
///
/// See the [crate documentation](crate) for a tour.
pub use ocpp_types_macros::ocpp_type;

/// What every `#[ocpp_type]` is: a type of the spec, with its name and
/// description, that serializes to and from exactly the documents its schema
/// accepts.
///
/// ```
/// use ocpp_types::{KeyValue, OcppType};
///
/// assert_eq!(KeyValue::NAME, "KeyValue");
/// assert_eq!(KeyValue::DESCRIPTION, "Type for a key value pair");
/// ```
pub trait OcppType: serde::Serialize + serde::de::DeserializeOwned + 'static {
    /// The type's name in the spec.
    const NAME: &'static str;
    /// The type's description: its doc comment.
    const DESCRIPTION: &'static str;
}
