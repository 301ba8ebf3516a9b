//! The types of one module as plain data, before they have Rust names: what
//! each accepts, where it comes from, and what it says about itself. Built
//! by `lower` from the schemas, named by `names`, written by `emit`.

use serde_json::Number;

use crate::schema::Draft;

/// A type's index in [`Module::types`].
pub type TypeId = usize;

/// One generated module (`v16`, `v201`, `v21`, `everest`).
#[derive(Debug)]
pub struct Module {
    /// The module's name, which is also its cargo feature.
    pub key: &'static str,
    /// Where the module is written, relative to the repository.
    pub file: &'static str,
    /// The module docs, one paragraph an entry (a paragraph may hold lines).
    pub docs: Vec<String>,
    /// Whether the wire names are camelCase (`rename_all = "camelCase"`), or
    /// the snake_case of the Rust fields (EVerest).
    pub camel_case: bool,
    pub types: Vec<TypeSpec>,
    /// What the schemas say that the types can't, or that means nothing:
    /// a note, and where.
    pub notes: Vec<(String, String)>,
    /// Definitions whose copies in the module's files differ.
    pub differences: Vec<Difference>,
    /// The actions of an OCPP version (none for EVerest's types).
    pub actions: Vec<ActionSpec>,
}

/// An action of an OCPP version: its messages and who sends its request.
#[derive(Debug)]
pub struct ActionSpec {
    /// `BootNotification`.
    pub name: String,
    pub request: TypeId,
    /// `None` for a message that nothing answers (2.1's SEND).
    pub response: Option<TypeId>,
    /// The name of the `Direction` variant: `ChargePointToCsms`, ...
    pub direction: &'static str,
}

/// One type: a message, a named definition, or an object or enum written
/// inline in a property.
#[derive(Debug)]
pub struct TypeSpec {
    pub origin: Origin,
    pub doc: Doc,
    /// `//` lines above the type, for the reader of the source.
    pub comment: Vec<String>,
    pub draft: Draft,
    pub shape: Shape,
    /// Where an inline type is used, in the order met.
    pub places: Vec<Place>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A message file's root: `name` is `<Action>Request`, `<Action>Response`
    /// or, for a message with no response, the file's name.
    Message { name: String },
    /// A named type: a definition, or a type of an EVerest document.
    Named { name: String },
    /// An object or enum written inline; its name is chosen from `places`.
    Inline,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Doc {
    /// The schema's description.
    Description(String),
    /// A line saying what the type is, for a type the schema doesn't describe.
    Generated(String),
    /// An inline type: said from its places once they have names.
    Places,
}

/// A property that holds an inline type: `holder.property`, or its items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub holder: TypeId,
    pub property: String,
    pub item: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Object(Object),
    /// The wire strings, in schema order.
    Enum(Vec<String>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Object {
    /// `additionalProperties: false`.
    pub closed: bool,
    pub properties: Vec<Property>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Property {
    pub wire: String,
    pub description: Option<String>,
    pub required: bool,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    String(StringLimits),
    Integer(NumberLimits),
    Number(NumberLimits),
    Bool,
    /// A property with no type: any JSON value.
    Any,
    Array(Box<Value>, ItemLimits),
    Type(TypeId),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct StringLimits {
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub format: Option<String>,
}

impl StringLimits {
    /// Whether the string is a `date-time` and nothing more, which is
    /// `ocpp_types::DateTime` (a type that checks its own format).
    pub fn is_date_time(&self) -> bool {
        self.format.as_deref() == Some("date-time")
            && self.min_length.is_none()
            && self.max_length.is_none()
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct NumberLimits {
    pub minimum: Option<Number>,
    pub maximum: Option<Number>,
    pub multiple_of: Option<Number>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemLimits {
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
}

impl Value {
    /// Whether the value has a constraint of its own (not counting the
    /// types it refers to).
    pub fn is_limited(&self) -> bool {
        match self {
            Value::String(limits) => *limits != StringLimits::default(),
            Value::Integer(limits) | Value::Number(limits) => *limits != NumberLimits::default(),
            Value::Array(_, limits) => *limits != ItemLimits::default(),
            Value::Bool | Value::Any | Value::Type(_) => false,
        }
    }
}

/// A definition whose copies differ between the files of a module.
#[derive(Debug, Clone)]
pub struct Difference {
    pub name: String,
    pub kind: DifferenceKind,
}

#[derive(Debug, Clone)]
pub enum DifferenceKind {
    /// The copies accept the same documents; their descriptions differ.
    /// Each text: the files that have it and the paths that differ from
    /// the first text (`description`, `properties.x.description`).
    Descriptions {
        texts: Vec<(Vec<String>, Vec<String>)>,
    },
    /// The copies accept different documents: one type per shape, the
    /// type's name and the files that have that shape.
    Shapes { types: Vec<(String, Vec<String>)> },
}
