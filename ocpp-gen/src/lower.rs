//! From schema nodes to the model: each property's value, each object and
//! enum written inline becoming a type of its own (one type for identical
//! shapes), and a note for every keyword that means nothing where it is.

use crate::model::{
    Doc, ItemLimits, NumberLimits, Object, Origin, Place, Property, Shape, StringLimits, TypeId,
    TypeSpec, Value,
};
use crate::schema::{Draft, Schema};

/// The types of a module as they are lowered, and the notes so far.
#[derive(Default)]
pub struct Lowering {
    pub types: Vec<TypeSpec>,
    pub notes: Vec<(String, String)>,
}

/// Where the nodes being lowered are: their file (for notes), its draft,
/// and how its `$ref`s resolve. Each node's path (`Message.a.b[]`) is passed
/// along as `at`.
pub struct Context<'a> {
    pub file: &'a str,
    pub draft: Draft,
    pub resolve: &'a dyn Fn(&str) -> Option<TypeId>,
}

impl Lowering {
    /// Adds a named type whose shape is given later by [`Lowering::define`].
    pub fn declare(&mut self, origin: Origin, doc: Doc, draft: Draft) -> TypeId {
        self.types.push(TypeSpec {
            origin,
            doc,
            comment: Vec::new(),
            draft,
            // Replaced by `define`.
            shape: Shape::Enum(Vec::new()),
            places: Vec::new(),
        });
        self.types.len() - 1
    }

    /// Gives the declared type `id` the shape of `node` (an object or an enum).
    pub fn define(
        &mut self,
        id: TypeId,
        node: &Schema,
        at: &str,
        cx: &Context,
    ) -> Result<(), String> {
        let shape = self.shape(node, at, cx)?;
        self.types[id].shape = shape;
        self.place_children(id);
        Ok(())
    }

    /// The shape of an object or enum node; an error for any other node.
    fn shape(&mut self, node: &Schema, at: &str, cx: &Context) -> Result<Shape, String> {
        if let Some(values) = &node.values {
            if node.ty.as_deref().is_some_and(|ty| ty != "string") {
                return Err(format!(
                    "{at}: an enum of type {:?}; only strings are supported",
                    node.ty
                ));
            }
            self.unused(node, &["type", "enum", "description"], "an enum", at, cx);
            return Ok(Shape::Enum(values.clone()));
        }
        if node.ty.as_deref() != Some("object") {
            return Err(format!(
                "{at}: expected an object or an enum, found {:?}",
                node.ty
            ));
        }
        self.unused(
            node,
            &[
                "type",
                "description",
                "properties",
                "required",
                "additionalProperties",
            ],
            "an object",
            at,
            cx,
        );
        let required = node.required.clone().unwrap_or_default();
        let empty = Default::default();
        let properties = node.properties.as_ref().unwrap_or(&empty);
        for name in &required {
            if properties.get(name).is_none() {
                return Err(format!(
                    "{at}: `{name}` is required but has no schema among the properties"
                ));
            }
        }
        let mut object = Object {
            closed: node.additional_properties == Some(false),
            properties: Vec::new(),
        };
        for (wire, property) in &properties.0 {
            let path = format!("{at}.{wire}");
            object.properties.push(Property {
                wire: wire.clone(),
                description: property.description.clone(),
                required: required.contains(wire),
                value: self.value(property, &path, cx)?,
            });
        }
        Ok(Shape::Object(object))
    }

    /// The value of a property or of array items.
    fn value(&mut self, node: &Schema, at: &str, cx: &Context) -> Result<Value, String> {
        if let Some(reference) = &node.reference {
            let id = (cx.resolve)(reference)
                .ok_or_else(|| format!("{at}: `$ref` {reference:?} names no known type"))?;
            // EVerest writes `type` (and a description) beside `$ref`; JSON
            // Schema ignores the keywords beside `$ref`, and so do we.
            if node.ty.is_some() {
                self.note(
                    cx,
                    at,
                    "`type` beside `$ref` is ignored, as JSON Schema ignores it",
                );
            }
            self.unused(node, &["$ref", "type", "description"], "a `$ref`", at, cx);
            return Ok(Value::Type(id));
        }
        if node.values.is_some() || node.ty.as_deref() == Some("object") {
            let shape = self.shape(node, at, cx)?;
            return Ok(Value::Type(self.inline(shape, cx.draft)));
        }
        let value = match node.ty.as_deref() {
            Some("string") => {
                self.unused(
                    node,
                    &["type", "description", "minLength", "maxLength", "format"],
                    "a string",
                    at,
                    cx,
                );
                if let Some(format) = &node.format {
                    if format != "date-time" && format != "uri" {
                        return Err(format!(
                            "{at}: format {format:?} is not supported (date-time and uri are)"
                        ));
                    }
                }
                Value::String(StringLimits {
                    min_length: node.min_length,
                    max_length: node.max_length,
                    format: node.format.clone(),
                })
            }
            Some(ty @ ("integer" | "number")) => {
                self.unused(
                    node,
                    &["type", "description", "minimum", "maximum", "multipleOf"],
                    "a number",
                    at,
                    cx,
                );
                let limits = NumberLimits {
                    minimum: node.minimum.clone(),
                    maximum: node.maximum.clone(),
                    multiple_of: node.multiple_of.clone(),
                };
                if ty == "integer" {
                    Value::Integer(limits)
                } else {
                    Value::Number(limits)
                }
            }
            Some("boolean") => {
                self.unused(node, &["type", "description"], "a boolean", at, cx);
                Value::Bool
            }
            Some("array") => {
                self.unused(
                    node,
                    &["type", "description", "items", "minItems", "maxItems"],
                    "an array",
                    at,
                    cx,
                );
                let items = node
                    .items
                    .as_ref()
                    .ok_or_else(|| format!("{at}: an array without `items`"))?;
                if items.description.is_some() {
                    self.note(cx, at, "the description of array items is not reproduced");
                }
                let limits = ItemLimits {
                    min_items: node.min_items,
                    max_items: node.max_items,
                };
                Value::Array(Box::new(self.value(items, &format!("{at}[]"), cx)?), limits)
            }
            // Without a type, a constraint still applies to the values of
            // its kind: more than `serde_json::Value` can say.
            None => match keywords(node).iter().find(|k| **k != "description") {
                Some(keyword) => {
                    return Err(format!(
                        "{at}: `{keyword}` on a node without type is not supported"
                    ))
                }
                None => Value::Any,
            },
            Some(other) => return Err(format!("{at}: type {other:?} is not supported")),
        };
        Ok(value)
    }

    /// The inline type of `shape`: an existing one of the same shape, or a new one.
    fn inline(&mut self, shape: Shape, draft: Draft) -> TypeId {
        let existing = self
            .types
            .iter()
            .position(|ty| ty.origin == Origin::Inline && ty.draft == draft && ty.shape == shape);
        if let Some(id) = existing {
            return id;
        }
        self.types.push(TypeSpec {
            origin: Origin::Inline,
            doc: Doc::Places,
            comment: Vec::new(),
            draft,
            shape,
            places: Vec::new(),
        });
        let id = self.types.len() - 1;
        self.place_children(id);
        id
    }

    /// Records where `holder`'s inline children are.
    fn place_children(&mut self, holder: TypeId) {
        let Shape::Object(object) = &self.types[holder].shape else {
            return;
        };
        let mut found = Vec::new();
        for property in &object.properties {
            let (value, item) = match &property.value {
                Value::Array(items, _) => (&**items, true),
                value => (value, false),
            };
            if let Value::Type(child) = value {
                found.push((
                    *child,
                    Place {
                        holder,
                        property: property.wire.clone(),
                        item,
                    },
                ));
            }
        }
        for (child, place) in found {
            let child = &mut self.types[child];
            if child.origin == Origin::Inline && !child.places.contains(&place) {
                child.places.push(place);
            }
        }
    }

    /// Notes each keyword of `node` that has no effect on `what`.
    fn unused(&mut self, node: &Schema, allowed: &[&str], what: &str, at: &str, cx: &Context) {
        for keyword in keywords(node) {
            if !allowed.contains(&keyword) {
                self.note(
                    cx,
                    at,
                    &format!("`{keyword}` on {what} has no effect (ignored)"),
                );
            }
        }
    }

    fn note(&mut self, cx: &Context, at: &str, note: &str) {
        self.notes
            .push((note.to_owned(), format!("{}: {at}", cx.file)));
    }
}

/// The keywords of `node` that could constrain a value (not annotations).
fn keywords(node: &Schema) -> Vec<&'static str> {
    let present = [
        ("type", node.ty.is_some()),
        ("description", node.description.is_some()),
        ("properties", node.properties.is_some()),
        ("required", node.required.is_some()),
        ("additionalProperties", node.additional_properties.is_some()),
        ("enum", node.values.is_some()),
        ("$ref", node.reference.is_some()),
        ("items", node.items.is_some()),
        ("definitions", node.definitions.is_some()),
        ("minLength", node.min_length.is_some()),
        ("maxLength", node.max_length.is_some()),
        ("format", node.format.is_some()),
        ("minimum", node.minimum.is_some()),
        ("maximum", node.maximum.is_some()),
        ("multipleOf", node.multiple_of.is_some()),
        ("minItems", node.min_items.is_some()),
        ("maxItems", node.max_items.is_some()),
    ];
    present
        .into_iter()
        .filter(|(_, is)| *is)
        .map(|(keyword, _)| keyword)
        .collect()
}
