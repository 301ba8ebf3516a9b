//! Reading the schema files: the OCA's JSON Schema files and EVerest's YAML
//! type documents, into one typed [`Schema`] that names every keyword the
//! generator understands. A keyword it does not know is an error, so a new
//! one in a newer file is never dropped unnoticed.

use std::fmt;
use std::path::Path;

use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::Number;

use crate::Error;

/// One schema node, as written: the root of a file, a definition, a
/// property or the items of an array. Annotations are read and dropped.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schema {
    #[serde(rename = "type")]
    pub ty: Option<String>,
    pub description: Option<String>,
    pub properties: Option<Ordered<Schema>>,
    pub required: Option<Vec<String>>,
    #[serde(rename = "additionalProperties")]
    pub additional_properties: Option<bool>,
    #[serde(rename = "enum")]
    pub values: Option<Vec<String>>,
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    pub items: Option<Box<Schema>>,
    pub definitions: Option<Ordered<Schema>>,
    #[serde(rename = "minLength")]
    pub min_length: Option<u64>,
    #[serde(rename = "maxLength")]
    pub max_length: Option<u64>,
    pub format: Option<String>,
    pub minimum: Option<Number>,
    pub maximum: Option<Number>,
    #[serde(rename = "multipleOf")]
    pub multiple_of: Option<Number>,
    #[serde(rename = "minItems")]
    pub min_items: Option<u64>,
    #[serde(rename = "maxItems")]
    pub max_items: Option<u64>,
    /// The draft the file follows (only on a file's root).
    #[serde(rename = "$schema")]
    pub dialect: Option<String>,

    // Annotations: they change what no document is.
    #[serde(default, rename = "$id")]
    _id: Annotation,
    #[serde(default, rename = "id")]
    _draft04_id: Annotation,
    #[serde(default, rename = "title")]
    _title: Annotation,
    #[serde(default, rename = "comment")]
    _comment: Annotation,
    #[serde(default, rename = "javaType")]
    _java_type: Annotation,
    #[serde(default, rename = "default")]
    _default: Annotation,
    /// Only next to a single `items` schema (a list of schemas would not be
    /// read as `items`), where it has no effect.
    #[serde(default, rename = "additionalItems")]
    _additional_items: Annotation,
}

/// A keyword that only annotates: read, dropped, and the same in every node
/// whether given or not, so that it never makes two copies differ.
#[derive(Debug, Clone, Default, PartialEq)]
struct Annotation;

impl<'de> Deserialize<'de> for Annotation {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        IgnoredAny::deserialize(deserializer)?;
        Ok(Annotation)
    }
}

impl Schema {
    /// Takes a file root's `definitions` out, leaving the message's own schema.
    pub fn take_definitions(&mut self) -> Ordered<Schema> {
        self.definitions.take().unwrap_or_default()
    }

    /// The same node with every description removed, at every depth: what
    /// the node accepts, for comparing copies of a definition.
    pub fn without_descriptions(&self) -> Schema {
        let strip = |map: &Option<Ordered<Schema>>| {
            map.as_ref().map(|map| {
                Ordered(
                    map.0
                        .iter()
                        .map(|(name, node)| (name.clone(), node.without_descriptions()))
                        .collect(),
                )
            })
        };
        Schema {
            description: None,
            properties: strip(&self.properties),
            definitions: strip(&self.definitions),
            items: self
                .items
                .as_ref()
                .map(|items| Box::new(items.without_descriptions())),
            ..self.clone()
        }
    }

    /// The paths (`properties.a.description`) of the descriptions that
    /// differ between `self` and `other`, which differ in nothing else.
    pub fn description_differences(&self, other: &Schema) -> Vec<String> {
        let mut paths = Vec::new();
        self.collect_differences(other, "", &mut paths);
        paths
    }

    fn collect_differences(&self, other: &Schema, at: &str, paths: &mut Vec<String>) {
        if self.description != other.description {
            paths.push(format!("{at}description"));
        }
        let maps = [
            ("properties", &self.properties, &other.properties),
            ("definitions", &self.definitions, &other.definitions),
        ];
        for (keyword, mine, theirs) in maps {
            if let (Some(mine), Some(theirs)) = (mine, theirs) {
                for ((name, a), (_, b)) in mine.0.iter().zip(&theirs.0) {
                    a.collect_differences(b, &format!("{at}{keyword}.{name}."), paths);
                }
            }
        }
        if let (Some(a), Some(b)) = (&self.items, &other.items) {
            a.collect_differences(b, &format!("{at}items."), paths);
        }
    }
}

/// A JSON Schema draft, from a file's `$schema`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Draft {
    /// draft-04: `5.0` is not an integer.
    Draft04,
    /// draft-06 and later, and EVerest's documents (which declare none):
    /// `5.0` is the integer 5.
    Later,
}

impl Draft {
    /// The draft a file's `$schema` names.
    pub fn of(dialect: Option<&str>, file: &Path) -> Result<Draft, Error> {
        match dialect {
            Some("http://json-schema.org/draft-04/schema#") => Ok(Draft::Draft04),
            Some("http://json-schema.org/draft-06/schema#") => Ok(Draft::Later),
            other => Err(Error::new(
                file,
                format!("unknown `$schema` {other:?}; the generator knows draft-04 and draft-06"),
            )),
        }
    }
}

/// An EVerest type document (`types/*.yaml`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeDocument {
    pub description: Option<String>,
    pub types: Ordered<Schema>,
}

/// A JSON object or YAML mapping with its keys in the order written, which
/// is the order of the fields and types generated. A key given twice is an
/// error.
#[derive(Debug, Clone, PartialEq)]
pub struct Ordered<T>(pub Vec<(String, T)>);

impl<T> Default for Ordered<T> {
    fn default() -> Self {
        Ordered(Vec::new())
    }
}

impl<T> Ordered<T> {
    pub fn get(&self, name: &str) -> Option<&T> {
        self.0.iter().find(|(key, _)| key == name).map(|(_, v)| v)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Ordered<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OrderedVisitor<T>(std::marker::PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for OrderedVisitor<T> {
            type Value = Ordered<T>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ordered<T>, A::Error> {
                let mut entries: Vec<(String, T)> = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, T>()? {
                    if entries.iter().any(|(k, _)| *k == key) {
                        return Err(serde::de::Error::custom(format_args!(
                            "`{key}` is given twice"
                        )));
                    }
                    entries.push((key, value));
                }
                Ok(Ordered(entries))
            }
        }

        deserializer.deserialize_map(OrderedVisitor(std::marker::PhantomData))
    }
}

/// Reads a JSON Schema file.
pub fn read_json(path: &Path) -> Result<Schema, Error> {
    let text = read(path)?;
    serde_json::from_str(&text).map_err(|error| Error::new(path, error))
}

/// Reads an EVerest YAML type document.
pub fn read_yaml(path: &Path) -> Result<TypeDocument, Error> {
    let text = read(path)?;
    serde_norway::from_str(&text).map_err(|error| Error::new(path, error))
}

fn read(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|error| Error::new(path, error))
}
