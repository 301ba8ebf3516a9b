//! [`TypeInfo`]: an OCPP type as a value, for programs that pick the type at
//! run time (by a name from a command line, a file name or a message header).

use crate::{Error, Lenient, OcppType, Policy};

/// One `#[ocpp_type]`, as a value: its name, description and schema, and its
/// `Deserialize`/`Serialize` behind plain functions on JSON text.
///
/// [`TYPES`](crate::TYPES) holds one for every type of the document;
/// [`TypeInfo::of`] makes one for any `#[ocpp_type]`.
///
/// ```
/// let key_value = ocpp_types::find_type("KeyValue").unwrap();
/// assert_eq!(key_value.description(), "Type for a key value pair");
/// assert!(key_value.check_json(r#"{"key": "k", "read_only": true}"#).is_ok());
/// assert_eq!(
///     key_value.check_json(r#"{"key": "k"}"#).unwrap_err().to_string(),
///     "KeyValue: missing required field `read_only` at line 1 column 12",
/// );
/// ```
#[derive(Clone, Copy)]
pub struct TypeInfo {
    name: &'static str,
    description: &'static str,
    check_json: fn(&str) -> Result<(), Error>,
    check_json_with: fn(&str, Policy) -> Result<Lenient<()>, Error>,
    canonical_json: fn(&str) -> Result<String, Error>,
    json_schema: fn() -> serde_json::Value,
    define: fn(&mut crate::__private::Defs),
}

impl TypeInfo {
    /// The `TypeInfo` of `T`.
    pub const fn of<T: OcppType>() -> TypeInfo {
        TypeInfo {
            name: T::NAME,
            description: T::DESCRIPTION,
            check_json: check_json::<T>,
            check_json_with: check_json_with::<T>,
            canonical_json: canonical_json::<T>,
            json_schema: T::json_schema,
            define: define::<T>,
        }
    }

    /// [`OcppType::NAME`].
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// [`OcppType::DESCRIPTION`].
    pub fn description(&self) -> &'static str {
        self.description
    }

    /// Whether `text` is one valid JSON document of this type: the verdict
    /// and error of reading it with [`from_str`](crate::from_str), without
    /// keeping the value.
    pub fn check_json(&self, text: &str) -> Result<(), Error> {
        (self.check_json)(text)
    }

    /// [`check_json`](TypeInfo::check_json), reading leniently with
    /// `policy`: the deviations it tolerated ([`from_str_with`](crate::from_str_with)),
    /// with the value left out.
    pub fn check_json_with(&self, text: &str, policy: Policy) -> Result<Lenient<()>, Error> {
        (self.check_json_with)(text, policy)
    }

    /// Deserializes `text` as this type and serializes the value again: the
    /// document as this crate writes it (fields in declaration order, no
    /// unknown properties unless the type keeps them).
    ///
    /// Writing fails only for a value that can't be written, which a value
    /// just read never is; that error would be of kind `Other`.
    pub fn canonical_json(&self, text: &str) -> Result<String, Error> {
        (self.canonical_json)(text)
    }

    /// [`OcppType::json_schema`].
    pub fn json_schema(&self) -> serde_json::Value {
        (self.json_schema)()
    }

    /// Adds this type's definition to `defs`.
    pub(crate) fn define(&self, defs: &mut crate::__private::Defs) {
        (self.define)(defs)
    }
}

impl std::fmt::Debug for TypeInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TypeInfo")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

fn check_json<T: OcppType>(text: &str) -> Result<(), Error> {
    crate::from_str::<T>(text).map(drop)
}

fn check_json_with<T: OcppType>(text: &str, policy: Policy) -> Result<Lenient<()>, Error> {
    crate::from_str_with::<T>(text, policy).map(|read| Lenient {
        value: (),
        deviations: read.deviations,
        omitted: read.omitted,
    })
}

fn canonical_json<T: OcppType>(text: &str) -> Result<String, Error> {
    let value = crate::from_str::<T>(text)?;
    serde_json::to_string(&value).map_err(Error::from_json)
}

fn define<T: OcppType>(defs: &mut crate::__private::Defs) {
    defs.reference::<T>();
}
