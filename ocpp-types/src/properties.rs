//! [`Properties`]: the properties an open object does not list, in the
//! order they came.

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;
use std::collections::BTreeSet;
use std::fmt;

/// The properties an open object keeps besides its own (vendor extensions,
/// such as the ones 2.x's `customData` carries), in the order they came,
/// each name once: the type of every `#[ocpp(flatten)]` field, the
/// `additional_properties` of the crate's open types.
///
/// The object writes them back after its own properties, in this order,
/// whether or not serde_json's `preserve_order` is on: a proxy passes a
/// vendor's extension through unchanged. (The values are
/// `serde_json::Value`s: an object nested in one keeps its order only with
/// `preserve_order`.)
///
/// ```
/// # #[cfg(feature = "v201")] {
/// use ocpp_types::v201::CustomDataType;
/// use serde_json::json;
///
/// let text = r#"{"vendorId":"com.acme","slot":3,"firmwareHash":"abc"}"#;
/// let mut custom: CustomDataType = ocpp_types::from_str(text)?;
/// assert_eq!(custom.additional_properties.get("slot"), Some(&json!(3)));
/// assert_eq!(serde_json::to_string(&custom)?, text);
///
/// custom.additional_properties.insert("slot", json!(4));
/// custom.additional_properties.insert("region", json!("EU"));
/// assert_eq!(
///     serde_json::to_string(&custom)?,
///     r#"{"vendorId":"com.acme","slot":4,"firmwareHash":"abc","region":"EU"}"#
/// );
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// It is a list: looking a name up reads the names before it, which is
/// quick for the handful of properties a vendor adds. For many lookups,
/// convert it into a `serde_json::Map`. Two `Properties` are equal when they
/// hold the same names with the same values, in any order, as two JSON
/// objects are.
#[derive(Clone, Default)]
pub struct Properties {
    entries: Vec<(String, Value)>,
}

impl Properties {
    /// No properties.
    pub const fn new() -> Properties {
        Properties {
            entries: Vec::new(),
        }
    }

    /// How many properties there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The value of the property `name`.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.position(name).map(|index| &self.entries[index].1)
    }

    /// The value of the property `name`, to change it.
    pub fn get_mut(&mut self, name: &str) -> Option<&mut Value> {
        self.position(name)
            .map(move |index| &mut self.entries[index].1)
    }

    /// Whether there is a property `name`.
    pub fn contains_key(&self, name: &str) -> bool {
        self.position(name).is_some()
    }

    /// Sets the property `name` to `value`: in its place if it is there
    /// (returning the value it had), else last.
    pub fn insert(&mut self, name: impl Into<String>, value: Value) -> Option<Value> {
        let name = name.into();
        match self.position(&name) {
            Some(index) => Some(std::mem::replace(&mut self.entries[index].1, value)),
            None => {
                self.entries.push((name, value));
                None
            }
        }
    }

    /// Removes the property `name`, keeping the order of the others, and
    /// returns its value.
    pub fn remove(&mut self, name: &str) -> Option<Value> {
        self.position(name)
            .map(|index| self.entries.remove(index).1)
    }

    /// The properties, in order.
    pub fn iter(&self) -> Iter<'_> {
        Iter(self.entries.iter())
    }

    /// The names, in order.
    pub fn keys(&self) -> impl ExactSizeIterator<Item = &str> + DoubleEndedIterator {
        self.entries.iter().map(|(name, _)| name.as_str())
    }

    /// The values, in order.
    pub fn values(&self) -> impl ExactSizeIterator<Item = &Value> + DoubleEndedIterator {
        self.entries.iter().map(|(_, value)| value)
    }

    /// Adds a property whose name the caller knows is new (the reading
    /// tracks the names it saw in a set, so that a document of many
    /// properties costs n log n, not n²).
    pub(crate) fn push_new(&mut self, name: String, value: Value) {
        self.entries.push((name, value));
    }

    fn position(&self, name: &str) -> Option<usize> {
        self.entries.iter().position(|(own, _)| own == name)
    }
}

/// The properties of a [`Properties`], in order.
pub struct Iter<'a>(std::slice::Iter<'a, (String, Value)>);

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a str, &'a Value);

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(name, value)| (name.as_str(), value))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.0
            .next_back()
            .map(|(name, value)| (name.as_str(), value))
    }
}

impl<'a> IntoIterator for &'a Properties {
    type Item = (&'a str, &'a Value);
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl IntoIterator for Properties {
    type Item = (String, Value);
    type IntoIter = std::vec::IntoIter<(String, Value)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

/// Later values of a name replace earlier ones, in the earlier one's place.
impl<K: Into<String>> FromIterator<(K, Value)> for Properties {
    fn from_iter<I: IntoIterator<Item = (K, Value)>>(iter: I) -> Properties {
        let mut properties = Properties::new();
        properties.extend(iter);
        properties
    }
}

impl<K: Into<String>> Extend<(K, Value)> for Properties {
    fn extend<I: IntoIterator<Item = (K, Value)>>(&mut self, iter: I) {
        for (name, value) in iter {
            self.insert(name, value);
        }
    }
}

impl From<serde_json::Map<String, Value>> for Properties {
    fn from(map: serde_json::Map<String, Value>) -> Properties {
        Properties {
            entries: map.into_iter().collect(),
        }
    }
}

impl From<Properties> for serde_json::Map<String, Value> {
    fn from(properties: Properties) -> serde_json::Map<String, Value> {
        properties.entries.into_iter().collect()
    }
}

/// The value of a property, as `serde_json::Map` gives it.
///
/// # Panics
///
/// If there is no property of that name.
impl std::ops::Index<&str> for Properties {
    type Output = Value;

    fn index(&self, name: &str) -> &Value {
        match self.get(name) {
            Some(value) => value,
            None => panic!("no property {}", crate::Escaped::backticked(name)),
        }
    }
}

impl PartialEq for Properties {
    fn eq(&self, other: &Properties) -> bool {
        self.len() == other.len()
            && self
                .iter()
                .all(|(name, value)| other.get(name) == Some(value))
    }
}

impl Eq for Properties {}

impl fmt::Debug for Properties {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// A JSON object, in order.
impl Serialize for Properties {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (name, value) in self {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// A JSON object, in order; a name given twice is an error.
impl<'de> Deserialize<'de> for Properties {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Properties, D::Error> {
        struct Object;

        impl<'de> Visitor<'de> for Object {
            type Value = Properties;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Properties, A::Error> {
                let mut properties = Properties::new();
                let mut seen = BTreeSet::new();
                while let Some(name) = map.next_key::<String>()? {
                    if !seen.insert(name.clone()) {
                        return Err(serde::de::Error::custom(format_args!(
                            "duplicate property {}",
                            crate::Escaped::backticked(&name)
                        )));
                    }
                    let value = map.next_value()?;
                    properties.push_new(name, value);
                }
                Ok(properties)
            }
        }

        deserializer.deserialize_map(Object)
    }
}

#[cfg(test)]
mod tests {
    use super::Properties;
    use serde_json::json;

    #[test]
    fn insert_keeps_places_and_remove_keeps_order() {
        let mut p: Properties = [("b", json!(1)), ("a", json!(2)), ("c", json!(3))]
            .into_iter()
            .collect();
        assert_eq!(p.insert("a", json!(20)), Some(json!(2)));
        assert_eq!(p.keys().collect::<Vec<_>>(), ["b", "a", "c"]);
        assert_eq!(p.remove("b"), Some(json!(1)));
        assert_eq!(p.remove("b"), None);
        assert_eq!(p.keys().collect::<Vec<_>>(), ["a", "c"]);
        assert_eq!(serde_json::to_string(&p).unwrap(), r#"{"a":20,"c":3}"#);
        let q: Properties = [("c", json!(3)), ("a", json!(20))].into_iter().collect();
        assert_eq!(p, q, "equal as objects are, in any order");
        assert_ne!(p, Properties::new());
    }

    /// Without serde_json's `preserve_order` (this crate's tests run
    /// without it in CI), an open type still writes back in the order read.
    #[test]
    fn an_open_type_writes_its_other_properties_back_in_order() {
        /// Open.
        #[crate::ocpp_type(rename_all = "camelCase")]
        pub struct Open {
            /// Its own.
            pub vendor_id: String,
            /// The others.
            #[ocpp(flatten)]
            pub rest: Properties,
        }
        let text = r#"{"vendorId":"com.acme","zeta":{"y":1,"b":2},"alpha":[3],"mid":null}"#;
        let open: Open = crate::from_str(text).unwrap();
        assert_eq!(
            open.rest.keys().collect::<Vec<_>>(),
            ["zeta", "alpha", "mid"]
        );
        // Values are serde_json's: nested objects follow its `preserve_order`.
        let written = serde_json::to_string(&open).unwrap();
        assert!(
            written.starts_with(r#"{"vendorId":"com.acme","zeta":"#),
            "{written}"
        );
        assert!(
            written.ends_with(r#","alpha":[3],"mid":null}"#),
            "{written}"
        );
        let error = crate::from_str::<Open>(r#"{"vendorId":"v","a":1,"a":2}"#).unwrap_err();
        assert_eq!(error.kind(), crate::ErrorKind::DuplicateKey);
    }

    #[test]
    fn reads_in_order_and_refuses_a_name_twice() {
        let p: Properties = serde_json::from_str(r#"{"z":1,"a":2,"m":3}"#).unwrap();
        assert_eq!(p.keys().collect::<Vec<_>>(), ["z", "a", "m"]);
        let error = serde_json::from_str::<Properties>(r#"{"z":1,"z":2}"#).unwrap_err();
        assert!(
            error.to_string().starts_with("duplicate property `z`"),
            "{error}"
        );
    }
}
