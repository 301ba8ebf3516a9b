//! The central property of the schema: a document is accepted by a type's
//! `Deserialize` if and only if it is valid against the type's
//! `json_schema()`, as judged by an independent validator (`jsonschema`,
//! draft 2020-12).
//!
//! For each type, proptest draws documents of three kinds: valid ones, built
//! from a hand-written description of the type (a [`Shape`]); near-misses,
//! valid ones with one or two mutations applied somewhere in the tree; and
//! arbitrary JSON. Each is judged three ways that must agree: our
//! `Deserialize` from a `serde_json::Value`, the same from the document's
//! text, and the validator. Rule tests pin down number bounds and the schema
//! documents themselves.

mod iff;

use iff::{
    at, camel_or_snake, finite_f64, float, int_bounds, int_value, next_down, next_up, opt, req,
    sites, toggle_first, Kind,
};
use ocpp_types::{
    ocpp_type, ConfigurationStatus, DataTransferRequest, DataTransferResponse, DataTransferStatus,
    GetConfigurationResponse, KeyValue, OcppType, SecurityEvent, SecurityEventEnum,
};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{select, Index};
use serde_json::{json, Number, Value};
use std::fmt::Debug;

// ---------------------------------------------------------------------------
// User-defined types: every supported field type.

/// What a meter measures.
#[ocpp_type]
pub enum Measurand {
    /// A renamed variant.
    #[ocpp(rename = "Current.Import")]
    CurrentImport,
    #[ocpp(rename = "Energy.Active.Import.Register")]
    EnergyActiveImportRegister,
    Voltage,
}

/// Every number type, in a closed object.
#[ocpp_type(deny_unknown_fields)]
pub struct Numbers {
    pub tiny: u8,
    pub short: i16,
    pub medium: u32,
    pub long: i64,
    pub unsigned: u64,
    pub single: f32,
    pub double: f64,
    pub signed_byte: Option<i8>,
    pub word: Option<u16>,
    pub int: Option<i32>,
}

/// A closed object with no properties: `{}` only.
#[ocpp_type(deny_unknown_fields)]
pub struct Marker {}

/// Everything else, in an open object.
#[ocpp_type]
pub struct Sample {
    /// A raw identifier field of an enum type.
    pub r#type: Measurand,
    /// A renamed field.
    #[ocpp(rename = "camelName")]
    pub camel_name: String,
    pub flag: bool,
    /// Any JSON value, `null` included: a schema of a description alone.
    pub payload: serde_json::Value,
    pub extra: Option<serde_json::Value>,
    pub matrix: Vec<Vec<u8>>,
    pub readings: Vec<Numbers>,
    pub measurands: Option<Vec<Measurand>>,
    pub boxed: Option<Box<Numbers>>,
    pub level: Box<i16>,
    pub pair: Option<KeyValue>,
    pub marker: Option<Marker>,
}

/// A recursive type, closed.
#[ocpp_type(deny_unknown_fields)]
pub struct Node {
    pub label: String,
    pub next: Option<Box<Node>>,
    pub children: Vec<Node>,
    pub weight: Option<f64>,
}

/// A recursive type, open, through a list only.
#[ocpp_type]
pub struct Forest {
    pub trees: Vec<Node>,
    pub name: Option<String>,
}

// ---------------------------------------------------------------------------
// Shapes: what a valid document of each type looks like, written by hand.

#[derive(Clone, Debug)]
enum Shape {
    Str,
    Bool,
    Int(i128, i128),
    F32,
    F64,
    Any,
    Enum(&'static [&'static str]),
    Array(Box<Shape>),
    Object {
        closed: bool,
        fields: Vec<Field>,
    },
    /// A type that contains itself.
    Lazy(fn() -> Shape),
}

type Field = iff::Field<Shape>;

impl iff::Tree for Shape {
    fn resolve(&self) -> Shape {
        match self {
            Shape::Lazy(f) => f(),
            other => other.clone(),
        }
    }

    fn property(&self, key: &str) -> Option<&Shape> {
        match self {
            Shape::Object { fields, .. } => fields.iter().find(|f| f.name == key).map(|f| &f.shape),
            _ => None,
        }
    }

    fn item(&self) -> Option<&Shape> {
        match self {
            Shape::Array(item) => Some(item),
            _ => None,
        }
    }
}

fn closed(fields: Vec<Field>) -> Shape {
    Shape::Object {
        closed: true,
        fields,
    }
}

fn open(fields: Vec<Field>) -> Shape {
    Shape::Object {
        closed: false,
        fields,
    }
}

fn array(item: Shape) -> Shape {
    Shape::Array(Box::new(item))
}

macro_rules! int {
    ($ty:ty) => {
        Shape::Int(<$ty>::MIN as i128, <$ty>::MAX as i128)
    };
}

const DATA_TRANSFER_STATUS: &[&str] = &[
    "Accepted",
    "Rejected",
    "UnknownMessageId",
    "UnknownVendorId",
];
const CONFIGURATION_STATUS: &[&str] = &["Accepted", "Rejected", "RebootRequired", "NotSupported"];
const SECURITY_EVENT_ENUM: &[&str] = &[
    "FirmwareUpdated",
    "FailedToAuthenticateAtCsms",
    "CsmsFailedToAuthenticate",
    "SettingSystemTime",
    "StartupOfTheDevice",
    "ResetOrReboot",
    "SecurityLogWasCleared",
    "ReconfigurationOfSecurityParameters",
    "MemoryExhaustion",
    "InvalidMessages",
    "AttemptedReplayAttacks",
    "TamperDetectionActivated",
    "InvalidFirmwareSignature",
    "InvalidFirmwareSigningCertificate",
    "InvalidCsmsCertificate",
    "InvalidChargingStationCertificate",
    "InvalidTLSVersion",
    "InvalidTLSCipherSuite",
    "MaintenanceLoginAccepted",
    "MaintenanceLoginFailed",
];
const MEASURAND: &[&str] = &["Current.Import", "Energy.Active.Import.Register", "Voltage"];

/// The shapes of the object types.
mod shapes {
    use super::*;

    pub fn data_transfer_request() -> Shape {
        closed(vec![
            req("vendor_id", Shape::Str),
            opt("message_id", Shape::Str),
            opt("data", Shape::Str),
        ])
    }

    pub fn data_transfer_response() -> Shape {
        closed(vec![
            req("status", Shape::Enum(DATA_TRANSFER_STATUS)),
            opt("data", Shape::Str),
        ])
    }

    pub fn key_value() -> Shape {
        closed(vec![
            req("key", Shape::Str),
            req("read_only", Shape::Bool),
            opt("value", Shape::Str),
        ])
    }

    pub fn get_configuration_response() -> Shape {
        open(vec![
            req("configuration_keys", array(key_value())),
            req("unknown_keys", array(Shape::Str)),
        ])
    }

    pub fn security_event() -> Shape {
        open(vec![req("type", Shape::Str), opt("info", Shape::Str)])
    }

    pub fn numbers() -> Shape {
        closed(vec![
            req("tiny", int!(u8)),
            req("short", int!(i16)),
            req("medium", int!(u32)),
            req("long", int!(i64)),
            req("unsigned", int!(u64)),
            req("single", Shape::F32),
            req("double", Shape::F64),
            opt("signed_byte", int!(i8)),
            opt("word", int!(u16)),
            opt("int", int!(i32)),
        ])
    }

    pub fn sample() -> Shape {
        open(vec![
            req("type", Shape::Enum(MEASURAND)),
            req("camelName", Shape::Str),
            req("flag", Shape::Bool),
            req("payload", Shape::Any),
            opt("extra", Shape::Any),
            req("matrix", array(array(int!(u8)))),
            req("readings", array(numbers())),
            opt("measurands", array(Shape::Enum(MEASURAND))),
            opt("boxed", numbers()),
            req("level", int!(i16)),
            opt("pair", key_value()),
            opt("marker", closed(vec![])),
        ])
    }

    pub fn node() -> Shape {
        closed(vec![
            req("label", Shape::Str),
            opt("next", Shape::Lazy(node)),
            req("children", array(Shape::Lazy(node))),
            opt("weight", Shape::F64),
        ])
    }

    pub fn forest() -> Shape {
        open(vec![
            req("trees", array(Shape::Lazy(node))),
            opt("name", Shape::Str),
        ])
    }
}

// ---------------------------------------------------------------------------
// Values.

/// Every property name and enum string of the types above, and a few
/// near-misses of them: keys and strings that are likely to matter.
const WORDS: &[&str] = &[
    "vendor_id",
    "vendorId",
    "message_id",
    "data",
    "status",
    "key",
    "read_only",
    "readOnly",
    "value",
    "configuration_keys",
    "unknown_keys",
    "type",
    "r#type",
    "info",
    "tiny",
    "short",
    "medium",
    "long",
    "unsigned",
    "single",
    "double",
    "signed_byte",
    "word",
    "int",
    "camelName",
    "camel_name",
    "flag",
    "payload",
    "extra",
    "matrix",
    "readings",
    "measurands",
    "boxed",
    "level",
    "pair",
    "marker",
    "label",
    "next",
    "children",
    "weight",
    "trees",
    "name",
    "Accepted",
    "accepted",
    "Rejected",
    "UnknownVendorId",
    "RebootRequired",
    "FirmwareUpdated",
    "InvalidTLSVersion",
    "Current.Import",
    "CurrentImport",
    "Voltage",
    "",
];

/// Numbers at and around every bound of every number type.
fn interesting_numbers() -> Vec<Value> {
    let mut out = vec![
        int_value(0),
        int_value(1),
        int_value(-1),
        float(0.0),
        float(-0.0),
        float(2.0),
        float(2.5),
        float(0.5),
        float(-0.5),
        float(1e300),
        float(-1e300),
        float(5e-324),
        float(f64::MAX),
        float(f64::MIN),
        float(f32::MAX as f64),
        float(next_up(f32::MAX as f64)),
        float(f32::MIN as f64),
        float(next_down(f32::MIN as f64)),
        float(3.4028235e38),
        float(1e39),
        float(9007199254740993.0),
        float(18446744073709551616.0),
        float(next_down(18446744073709551616.0)),
        float(9223372036854775808.0),
        float(-9223372036854775808.0),
        float(next_down(-9223372036854775808.0)),
    ];
    for (min, max) in [
        (i8::MIN as i128, i8::MAX as i128),
        (u8::MIN as i128, u8::MAX as i128),
        (i16::MIN as i128, i16::MAX as i128),
        (u16::MIN as i128, u16::MAX as i128),
        (i32::MIN as i128, i32::MAX as i128),
        (u32::MIN as i128, u32::MAX as i128),
        (i64::MIN as i128, i64::MAX as i128),
        (u64::MIN as i128, u64::MAX as i128),
    ] {
        out.extend(int_bounds(min, max));
    }
    out
}

fn string() -> BoxedStrategy<String> {
    prop_oneof![
        3 => "\\PC{0,12}",
        1 => select(WORDS).prop_map(str::to_owned),
        1 => any::<String>(),
    ]
    .boxed()
}

fn property_name() -> BoxedStrategy<String> {
    iff::key(WORDS, "[a-zA-Z_.#]{0,10}")
}

/// Any JSON value, `null` included, with numbers around the bounds and keys
/// that the types above know.
fn any_json() -> BoxedStrategy<Value> {
    iff::any_json(
        vec![
            select(interesting_numbers()).boxed(),
            string().prop_map(Value::from).boxed(),
        ],
        property_name(),
        24,
    )
}

/// A valid document of `shape`, at most `depth` objects and arrays deep
/// where the shape allows it to stop.
fn valid(shape: &Shape, depth: u32) -> BoxedStrategy<Value> {
    match shape {
        Shape::Str => string().prop_map(Value::from).boxed(),
        Shape::Bool => any::<bool>().prop_map(Value::from).boxed(),
        &Shape::Int(min, max) => {
            let (low, high) = (min.max(-(1 << 53)), max.min(1 << 53));
            prop_oneof![
                4 => (min..=max).prop_map(int_value),
                1 => Just(int_value(min)),
                1 => Just(int_value(max)),
                1 => (low..=high).prop_map(|i| float(i as f64)),
            ]
            .boxed()
        }
        Shape::F32 => {
            let max = f32::MAX as f64;
            prop_oneof![
                2 => (-max..=max).prop_map(float),
                2 => any::<f32>()
                    .prop_filter("finite", |f| f.is_finite())
                    .prop_map(|f| float(f as f64)),
                1 => any::<i64>().prop_map(Value::from),
                1 => any::<u64>().prop_map(Value::from),
                1 => Just(float(max)),
                1 => Just(float(-max)),
            ]
            .boxed()
        }
        Shape::F64 => prop_oneof![
            3 => finite_f64(),
            1 => any::<i64>().prop_map(Value::from),
            1 => any::<u64>().prop_map(Value::from),
            1 => Just(float(f64::MAX)),
            1 => Just(float(f64::MIN)),
        ]
        .boxed(),
        Shape::Any => any_json(),
        Shape::Enum(values) => select(*values).prop_map(Value::from).boxed(),
        Shape::Array(item) => {
            if depth == 0 {
                Just(json!([])).boxed()
            } else {
                vec(valid(item, depth - 1), 0..4)
                    .prop_map(Value::Array)
                    .boxed()
            }
        }
        Shape::Object { closed, fields } => {
            let below = depth.saturating_sub(1);
            let parts: Vec<BoxedStrategy<Option<(String, Value)>>> = fields
                .iter()
                .map(|field| {
                    let name = field.name.to_owned();
                    if depth == 0 && !field.required && matches!(field.shape, Shape::Lazy(_)) {
                        return Just(None).boxed();
                    }
                    let value = valid(&field.shape, below).prop_map(move |v| (name.clone(), v));
                    if field.required {
                        value.prop_map(Some).boxed()
                    } else {
                        proptest::option::of(value).boxed()
                    }
                })
                .collect();
            let names: Vec<&'static str> = fields.iter().map(|f| f.name).collect();
            let extras = if *closed {
                Just(Vec::new()).boxed()
            } else {
                let key = property_name()
                    .prop_filter("an unknown property", move |k| !names.contains(&k.as_str()));
                vec((key, any_json()), 0..3).boxed()
            };
            (parts, extras)
                .prop_map(|(parts, extras)| {
                    let mut entries: Vec<(String, Value)> = parts.into_iter().flatten().collect();
                    for (key, value) in extras {
                        if !entries.iter().any(|(k, _)| *k == key) {
                            entries.push((key, value));
                        }
                    }
                    entries
                })
                .prop_shuffle()
                .prop_map(|entries| Value::Object(entries.into_iter().collect()))
                .boxed()
        }
        Shape::Lazy(f) => valid(&f(), depth),
    }
}

// ---------------------------------------------------------------------------
// Mutations: near-misses of valid documents.

#[derive(Clone, Debug)]
enum Mutation {
    /// Leaves a property out (object sites).
    Drop(Index),
    /// Sets a property to `null` (object sites).
    NullProperty(Index),
    /// Renames a property: another case, `_` or camel case, another field's name...
    Rename(Index, Index),
    /// Adds a property (object sites): unknown, or a field's name.
    Add(String, Value),
    /// Replaces a value with one of another JSON type, often made from it.
    Retype(Index),
    /// Replaces a value with any JSON value.
    Replace(Value),
    /// A number at or just beyond a bound (number sites first): of the
    /// site's own type, or of any.
    Bound(Index, bool),
    /// Another string: other case, empty, unknown (string sites first).
    Word(Index),
    /// Adds an item (array sites).
    Push(Value),
}

fn mutation() -> BoxedStrategy<Mutation> {
    prop_oneof![
        2 => any::<Index>().prop_map(Mutation::Drop),
        2 => any::<Index>().prop_map(Mutation::NullProperty),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::Rename(a, b)),
        2 => (property_name(), any_json()).prop_map(|(k, v)| Mutation::Add(k, v)),
        2 => any::<Index>().prop_map(Mutation::Retype),
        1 => any_json().prop_map(Mutation::Replace),
        4 => (any::<Index>(), prop::bool::weighted(0.7)).prop_map(|(i, own)| Mutation::Bound(i, own)),
        2 => any::<Index>().prop_map(Mutation::Word),
        1 => any_json().prop_map(Mutation::Push),
    ]
    .boxed()
}

/// A place in a document, what it holds, and the shape expected there.
type Site = iff::Site<Shape>;

/// Near-miss names of a property or strings of an enum.
fn near_words(s: &str, others: &[&str]) -> Vec<String> {
    let mut out = vec![
        format!("{s}_"),
        toggle_first(s),
        s.to_uppercase(),
        s.to_lowercase(),
        camel_or_snake(s),
        format!("r#{s}"),
        format!(" {s}"),
        format!("{s} "),
        s.replace('.', "_"),
        s.replace('.', ""),
        String::new(),
        "Unknown".to_owned(),
    ];
    out.extend(others.iter().map(|o| (*o).to_owned()));
    out
}

fn retyped(value: &Value, choice: Index) -> Value {
    let text = match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let as_number = text.parse::<f64>().ok().and_then(Number::from_f64);
    let mut options = vec![
        Value::String(text),
        json!(0),
        json!(1),
        json!(1.5),
        json!(true),
        json!(false),
        json!([]),
        json!([value]),
        json!({}),
        json!({ "value": value }),
        Value::Null,
    ];
    options.extend(as_number.map(Value::Number));
    options[choice.index(options.len())].clone()
}

fn numbers_for(shape: Option<&Shape>, own: bool) -> Vec<Value> {
    let mut out = match shape {
        Some(&Shape::Int(min, max)) => int_bounds(min, max),
        Some(Shape::F32) => {
            let max = f32::MAX as f64;
            [
                max,
                next_up(max),
                -max,
                next_down(-max),
                1e39,
                f32::MIN_POSITIVE as f64,
            ]
            .into_iter()
            .map(float)
            .collect()
        }
        Some(Shape::F64) => vec![
            float(f64::MAX),
            float(f64::MIN),
            float(5e-324),
            float(-0.0),
            int_value(u64::MAX as i128),
            int_value(i64::MIN as i128),
        ],
        _ => Vec::new(),
    };
    if !own || out.is_empty() {
        out.extend(interesting_numbers());
    }
    out
}

fn apply(doc: &mut Value, shape: &Shape, site: Index, mutation: &Mutation) {
    let mut all = Vec::new();
    sites(doc, Some(shape), &mut Vec::new(), &mut all);
    // The site among those `keep` takes, or among all when it takes none.
    let pick = |keep: &dyn Fn(&Site) -> bool| -> (&Site, bool) {
        let chosen: Vec<&Site> = all.iter().filter(|s| keep(s)).collect();
        if chosen.is_empty() {
            (&all[site.index(all.len())], false)
        } else {
            (chosen[site.index(chosen.len())], true)
        }
    };
    match mutation {
        Mutation::Drop(i) | Mutation::NullProperty(i) | Mutation::Rename(i, _) => {
            let (chosen, found) = pick(&|s| s.kind == Kind::Object);
            if !found {
                *at(doc, &chosen.path) = Value::Null;
                return;
            }
            let fields: Vec<&'static str> = match &chosen.shape {
                Some(Shape::Object { fields, .. }) => fields.iter().map(|f| f.name).collect(),
                _ => Vec::new(),
            };
            let Value::Object(map) = at(doc, &chosen.path) else {
                unreachable!("an object site")
            };
            let key = map.keys().nth(i.index(map.len())).cloned().unwrap();
            match mutation {
                Mutation::Drop(_) => {
                    map.shift_remove(&key);
                }
                Mutation::NullProperty(_) => {
                    map.insert(key, Value::Null);
                }
                Mutation::Rename(_, j) => {
                    let names = near_words(&key, &fields);
                    let value = map.shift_remove(&key).unwrap();
                    map.insert(names[j.index(names.len())].clone(), value);
                }
                _ => unreachable!(),
            }
        }
        Mutation::Add(key, value) => {
            let (chosen, _) = pick(&|s| matches!(s.kind, Kind::Object | Kind::EmptyObject));
            match at(doc, &chosen.path) {
                Value::Object(map) => {
                    map.insert(key.clone(), value.clone());
                }
                other => *other = json!({ key.clone(): value.clone() }),
            }
        }
        Mutation::Retype(choice) => {
            let (chosen, _) = pick(&|_| true);
            let target = at(doc, &chosen.path);
            *target = retyped(target, *choice);
        }
        Mutation::Replace(value) => {
            let (chosen, _) = pick(&|_| true);
            *at(doc, &chosen.path) = value.clone();
        }
        Mutation::Bound(choice, own) => {
            let (chosen, _) =
                pick(&|s| matches!(s.shape, Some(Shape::Int(..) | Shape::F32 | Shape::F64)));
            let numbers = numbers_for(chosen.shape.as_ref(), *own);
            *at(doc, &chosen.path) = numbers[choice.index(numbers.len())].clone();
        }
        Mutation::Word(choice) => {
            let (chosen, _) = pick(&|s| matches!(s.shape, Some(Shape::Enum(_) | Shape::Str)));
            let others: Vec<&str> = match &chosen.shape {
                Some(Shape::Enum(values)) => values.to_vec(),
                _ => vec!["Accepted", "Current.Import", "Voltage"],
            };
            let target = at(doc, &chosen.path);
            let current = target.as_str().unwrap_or("Accepted").to_owned();
            let words = near_words(&current, &others);
            *target = Value::String(words[choice.index(words.len())].clone());
        }
        Mutation::Push(value) => {
            let (chosen, found) = pick(&|s| s.kind == Kind::Array);
            match at(doc, &chosen.path) {
                Value::Array(items) if found => items.push(value.clone()),
                other => *other = json!([value]),
            }
        }
    }
}

/// Valid documents, near-misses of them, and arbitrary JSON; each with
/// whether it was built valid.
fn documents(shape: Shape) -> BoxedStrategy<(Value, bool)> {
    let mutated = {
        let shape = shape.clone();
        (valid(&shape, 3), vec((any::<Index>(), mutation()), 1..3)).prop_map(
            move |(mut doc, mutations)| {
                for (site, mutation) in &mutations {
                    apply(&mut doc, &shape, *site, mutation);
                }
                (doc, false)
            },
        )
    };
    prop_oneof![
        2 => valid(&shape, 3).prop_map(|doc| (doc, true)),
        6 => mutated,
        1 => any_json().prop_map(|doc| (doc, false)),
    ]
    .boxed()
}

// ---------------------------------------------------------------------------
// The check.

fn validator(schema: &Value) -> jsonschema::Validator {
    iff::validator(schema, false)
}

/// Runs the property on `T` with documents of `shape`, against `T`'s own
/// schema and, for a spec type, its entry in the whole document; 512 cases
/// unless `PROPTEST_CASES` says otherwise.
fn run<T: OcppType + Debug>(shape: Shape, in_document: bool) {
    let mut validators = vec![validator(&T::json_schema())];
    if in_document {
        let mut schema = ocpp_types::schema();
        schema["$ref"] = json!(format!("#/$defs/{}", T::NAME));
        validators.push(validator(&schema));
    }
    iff::run::<T>(
        &validators,
        documents(shape),
        iff::cases(512),
        1,
        iff::nothing_more,
    );
}

// ---------------------------------------------------------------------------
// One test per type.

#[test]
fn data_transfer_status() {
    run::<DataTransferStatus>(Shape::Enum(DATA_TRANSFER_STATUS), true);
}

#[test]
fn data_transfer_request() {
    run::<DataTransferRequest>(shapes::data_transfer_request(), true);
}

#[test]
fn data_transfer_response() {
    run::<DataTransferResponse>(shapes::data_transfer_response(), true);
}

#[test]
fn key_value() {
    run::<KeyValue>(shapes::key_value(), true);
}

#[test]
fn get_configuration_response() {
    run::<GetConfigurationResponse>(shapes::get_configuration_response(), true);
}

#[test]
fn configuration_status() {
    run::<ConfigurationStatus>(Shape::Enum(CONFIGURATION_STATUS), true);
}

#[test]
fn security_event_enum() {
    run::<SecurityEventEnum>(Shape::Enum(SECURITY_EVENT_ENUM), true);
}

#[test]
fn security_event() {
    run::<SecurityEvent>(shapes::security_event(), true);
}

#[test]
fn measurand() {
    run::<Measurand>(Shape::Enum(MEASURAND), false);
}

#[test]
fn numbers() {
    run::<Numbers>(shapes::numbers(), false);
}

#[test]
fn sample() {
    run::<Sample>(shapes::sample(), false);
}

#[test]
fn node() {
    run::<Node>(shapes::node(), false);
}

#[test]
fn forest() {
    run::<Forest>(shapes::forest(), false);
}

// ---------------------------------------------------------------------------
// Rule tests.

/// A valid `Numbers` document, as text, with `field` set to the literal `raw`.
fn numbers_text(field: &str, raw: &str) -> String {
    let mut fields = vec![
        ("tiny", "1"),
        ("short", "1"),
        ("medium", "1"),
        ("long", "1"),
        ("unsigned", "1"),
        ("single", "1"),
        ("double", "1"),
    ];
    match fields.iter_mut().find(|(name, _)| *name == field) {
        Some(entry) => entry.1 = raw,
        None => fields.push((field, raw)),
    }
    let fields: Vec<String> = fields
        .iter()
        .map(|(name, raw)| format!("\"{name}\":{raw}"))
        .collect();
    format!("{{{}}}", fields.join(","))
}

const INT_FIELDS: &[(&str, i128, i128)] = &[
    ("tiny", u8::MIN as i128, u8::MAX as i128),
    ("short", i16::MIN as i128, i16::MAX as i128),
    ("medium", u32::MIN as i128, u32::MAX as i128),
    ("long", i64::MIN as i128, i64::MAX as i128),
    ("unsigned", u64::MIN as i128, u64::MAX as i128),
    ("signed_byte", i8::MIN as i128, i8::MAX as i128),
    ("word", u16::MIN as i128, u16::MAX as i128),
    ("int", i32::MIN as i128, i32::MAX as i128),
];

/// Whether `number` is a whole number in `min..=max`, computed exactly.
fn in_range(number: &Number, min: i128, max: i128) -> bool {
    let whole = if let Some(u) = number.as_u64() {
        Some(u as i128)
    } else if let Some(i) = number.as_i64() {
        Some(i as i128)
    } else {
        let f = number.as_f64().unwrap();
        // Beyond ±2^127 no integer type of ours can hold it anyway.
        (f.fract() == 0.0 && f.abs() < 1.7e38).then_some(f as i128)
    };
    whole.is_some_and(|w| (min..=max).contains(&w))
}

/// Every integer field at, and just beyond, its bounds, as an integer and as
/// a float: 255 and 256 for u8, -32768 and -32769 for i16, u64::MAX and
/// 2^64 (1.8446744073709552e19), 2.0 and 2.5.
#[test]
fn integer_bounds() {
    let validator = validator(&Numbers::json_schema());
    let mut checked = 0;
    for &(field, min, max) in INT_FIELDS {
        let mut candidates = int_bounds(min, max);
        candidates.extend(interesting_numbers());
        for number in candidates {
            let Value::Number(n) = &number else {
                unreachable!()
            };
            let text = numbers_text(field, &number.to_string());
            let doc: Value = serde_json::from_str(&text).unwrap();
            let ours = serde_json::from_value::<Numbers>(doc.clone()).is_ok();
            let theirs = validator.is_valid(&doc);
            let expected = in_range(n, min, max);
            assert_eq!(
                (ours, theirs),
                (expected, expected),
                "{field} = {number}: ours {ours}, theirs {theirs}, expected {expected}"
            );
            checked += 1;
        }
    }
    let spot =
        |field: &str, raw: &str| serde_json::from_str::<Numbers>(&numbers_text(field, raw)).is_ok();
    assert!(spot("tiny", "255") && !spot("tiny", "256"));
    assert!(spot("short", "-32768") && !spot("short", "-32769"));
    assert!(spot("unsigned", "18446744073709551615"));
    assert!(!spot("unsigned", "1.8446744073709552e19"));
    assert!(spot("tiny", "2.0") && !spot("tiny", "2.5"));
    println!("{checked} integer bounds checked");
}

/// `f32` takes every number within ±f32::MAX and none beyond, `f64` every
/// finite number.
#[test]
fn float_bounds() {
    let validator = validator(&Numbers::json_schema());
    let max = f32::MAX as f64;
    // Half a step past f32::MAX, numbers round to infinity.
    let limit = 2f64.powi(128) - 2f64.powi(103);
    for (f, expected) in [
        (max, true),
        (-max, true),
        (next_up(max), true),
        (next_down(-max), true),
        // What serde_json writes for f32::MAX, read back as an f64.
        (3.4028235e38, true),
        (next_down(limit), true),
        (limit, false),
        (-limit, false),
        (1e39, false),
        (f64::MAX, false),
        (5e-324, true),
        (-0.0, true),
    ] {
        let mut doc = serde_json::from_str::<Value>(&numbers_text("single", "1")).unwrap();
        doc["single"] = float(f);
        let ours = serde_json::from_value::<Numbers>(doc.clone()).is_ok();
        let theirs = validator.is_valid(&doc);
        assert_eq!((ours, theirs), (expected, expected), "single = {f:e}");
        doc["single"] = json!(1);
        doc["double"] = float(f);
        assert!(serde_json::from_value::<Numbers>(doc.clone()).is_ok());
        assert!(validator.is_valid(&doc), "double = {f:e}");
    }
}

/// Numbers as only text can write them: exponents, `-0`, integers beyond 64
/// bits (which serde_json reads as floats). Our verdict on the text is the
/// validator's on the value serde_json reads from it.
#[test]
fn text_numbers() {
    let validator = validator(&Numbers::json_schema());
    let literals = [
        "0",
        "-0",
        "-0.0",
        "0e0",
        "1e2",
        "1E2",
        "1e+2",
        "2.55e2",
        "2.56e2",
        "25500e-2",
        "2.0",
        "2.5",
        "1e-1",
        "255.0000000000000001",
        "255.00000000000001",
        "-1",
        "-1e0",
        "32767",
        "32768",
        "-32768",
        "-32769",
        "4294967295",
        "4294967296",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775808",
        "-9223372036854775809",
        "18446744073709551615",
        "18446744073709551616",
        "100000000000000000000",
        "1e19",
        "1.8446744073709552e19",
        "1e400",
        "-1e400",
        "3.4028234663852886e38",
        "3.4028234663852889e38",
        "3.402823466385289e38",
        "3.4028235677973366e38",
        "1e-400",
    ];
    let mut checked = 0;
    for field in INT_FIELDS.iter().map(|f| f.0).chain(["single", "double"]) {
        for raw in literals {
            let text = numbers_text(field, raw);
            let ours = serde_json::from_str::<Numbers>(&text);
            let theirs = match serde_json::from_str::<Value>(&text) {
                Ok(value) => validator.is_valid(&value),
                // Out of f64's range: not JSON serde_json reads at all.
                Err(_) => false,
            };
            assert_eq!(ours.is_ok(), theirs, "{text}: ours {ours:?}");
            checked += 1;
        }
    }
    println!("{checked} number texts checked");
}

/// The whole document, and every type's own schema, are valid draft 2020-12
/// schemas.
#[test]
fn schemas_are_valid_2020_12() {
    let meta = jsonschema::draft202012::meta::validator();
    let mut schemas = vec![("schema()", ocpp_types::schema())];
    schemas.extend([
        ("DataTransferStatus", DataTransferStatus::json_schema()),
        ("DataTransferRequest", DataTransferRequest::json_schema()),
        ("DataTransferResponse", DataTransferResponse::json_schema()),
        ("KeyValue", KeyValue::json_schema()),
        (
            "GetConfigurationResponse",
            GetConfigurationResponse::json_schema(),
        ),
        ("ConfigurationStatus", ConfigurationStatus::json_schema()),
        ("SecurityEventEnum", SecurityEventEnum::json_schema()),
        ("SecurityEvent", SecurityEvent::json_schema()),
        ("Measurand", Measurand::json_schema()),
        ("Numbers", Numbers::json_schema()),
        ("Marker", Marker::json_schema()),
        ("Sample", Sample::json_schema()),
        ("Node", Node::json_schema()),
        ("Forest", Forest::json_schema()),
    ]);
    for (name, schema) in &schemas {
        assert_eq!(
            schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{name}"
        );
        if let Err(error) = meta.validate(schema) {
            panic!("{name}: not a valid 2020-12 schema: {error}\n{schema:#}");
        }
        assert!(jsonschema::meta::is_valid(schema), "{name}");
        // It compiles, with every `$ref` resolved locally.
        validator(schema);
    }
    // The meta-schema does reject a broken schema.
    assert!(!meta.is_valid(&json!({ "type": "integer", "minimum": "0" })));
}

/// Each spec type's standalone schema is its entry in the document's
/// `$defs`, with the definitions it uses as they are there.
#[test]
fn json_schema_matches_document_defs() {
    let document = ocpp_types::schema();
    let defs = document["$defs"].as_object().unwrap();
    let standalone = [
        (DataTransferStatus::NAME, DataTransferStatus::json_schema()),
        (
            DataTransferRequest::NAME,
            DataTransferRequest::json_schema(),
        ),
        (
            DataTransferResponse::NAME,
            DataTransferResponse::json_schema(),
        ),
        (KeyValue::NAME, KeyValue::json_schema()),
        (
            GetConfigurationResponse::NAME,
            GetConfigurationResponse::json_schema(),
        ),
        (
            ConfigurationStatus::NAME,
            ConfigurationStatus::json_schema(),
        ),
        (SecurityEventEnum::NAME, SecurityEventEnum::json_schema()),
        (SecurityEvent::NAME, SecurityEvent::json_schema()),
    ];
    let names: Vec<&str> = standalone.iter().map(|(name, _)| *name).collect();
    assert_eq!(defs.keys().map(String::as_str).collect::<Vec<_>>(), names);
    for (name, schema) in standalone {
        let mut own = schema.as_object().unwrap().clone();
        assert_eq!(
            own.shift_remove("$schema"),
            Some(json!("https://json-schema.org/draft/2020-12/schema"))
        );
        assert_eq!(own.shift_remove("title"), Some(json!(name)));
        if let Some(Value::Object(used)) = own.shift_remove("$defs") {
            for (used_name, definition) in used {
                assert_eq!(
                    defs.get(&used_name),
                    Some(&definition),
                    "{name} uses {used_name}"
                );
            }
        }
        assert_eq!(Value::Object(own), defs[name], "{name}");
    }
}
