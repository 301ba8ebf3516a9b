//! One test machinery for every schema file: a JSON Schema document (draft-04
//! or draft-06) read into a [`Schema`], and two proptest strategies it
//! drives: valid documents ([`Schema::valid`]) and near misses
//! ([`Schema::near_misses`], a valid document with exactly one mutation at one
//! site).
//!
//! The reader knows `definitions` and `$ref`, `type`, `properties`,
//! `required`, `additionalProperties`, `enum` (of strings), `minLength` and
//! `maxLength`, `minimum`, `maximum` and `multipleOf`, `minItems`,
//! `maxItems` and `items`, and `format` `date-time` and `uri`. Any other
//! keyword that could change a verdict makes it panic, so that a schema can't
//! use a rule the generator silently leaves out. Annotations are skipped.
//!
//! Integers stay within `i64`: this crate's `integer` is `i64`, and refuses
//! whole numbers beyond it that the schema (with no bound) allows. That is a
//! documented deviation, so the generator never writes one.

use std::collections::HashMap;
use std::sync::Arc;

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{select, Index};
use proptest::strategy::Union;
use serde_json::{Map, Value};

use super::{at, camel_or_snake, float, next_down, next_up, sites, toggle_first, Step, Tree};

// ---------------------------------------------------------------------------
// The model.

/// The JSON Schema draft a file declares with `$schema`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Draft {
    /// `5.0` is not an integer: "a JSON number without a fraction or
    /// exponent part".
    Draft4,
    /// `5.0` is the integer 5: "any number with a zero fractional part".
    Draft6,
}

impl Draft {
    /// The draft `schema` declares; panics on another one or none.
    pub fn declared(schema: &Value) -> Draft {
        match schema["$schema"].as_str() {
            Some("http://json-schema.org/draft-04/schema#") => Draft::Draft4,
            Some("http://json-schema.org/draft-06/schema#") => Draft::Draft6,
            other => panic!("a schema of draft-04 or draft-06 expected, `$schema` is {other:?}"),
        }
    }

    pub fn jsonschema(self) -> jsonschema::Draft {
        match self {
            Draft::Draft4 => jsonschema::Draft::Draft4,
            Draft::Draft6 => jsonschema::Draft::Draft6,
        }
    }

    /// Whether a whole number written with a fraction (`5.0`) is an integer.
    pub fn whole_floats_are_integers(self) -> bool {
        self == Draft::Draft6
    }
}

/// A validator of `schema` under its declared draft, asserting formats.
pub fn validator(schema: &Value) -> jsonschema::Validator {
    let draft = Draft::declared(schema).jsonschema();
    let validator = jsonschema::options()
        .with_draft(draft)
        .should_validate_formats(true)
        .build(schema)
        .unwrap_or_else(|e| panic!("the schema compiles: {e}"));
    assert_eq!(validator.draft(), draft);
    validator
}

/// A schema file: its draft and what its documents look like.
#[derive(Clone)]
pub struct Schema {
    pub draft: Draft,
    pub root: Node,
}

/// A schema of a value: shared, as a definition is shared by every `$ref`
/// to it.
#[derive(Clone)]
pub struct Node(Arc<Rule>);

impl std::ops::Deref for Node {
    type Target = Rule;
    fn deref(&self) -> &Rule {
        &self.0
    }
}

pub enum Rule {
    /// No `type`: any JSON value, `null` included.
    Any,
    Boolean,
    Integer(Numeric),
    Number(Numeric),
    String(Text),
    /// A string of the list.
    Enum(Vec<String>),
    Array {
        items: Node,
        min_items: usize,
        max_items: Option<usize>,
    },
    Object {
        properties: Vec<Property>,
        /// `additionalProperties: false`.
        closed: bool,
    },
}

#[derive(Clone, Copy, Default)]
pub struct Numeric {
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub multiple_of: Option<f64>,
}

#[derive(Clone, Copy, Default)]
pub struct Text {
    pub min_length: usize,
    pub max_length: Option<usize>,
    pub format: Option<Format>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Format {
    DateTime,
    Uri,
}

pub struct Property {
    pub name: String,
    pub required: bool,
    pub node: Node,
}

impl Rule {
    fn property(&self, key: &str) -> Option<&Property> {
        match self {
            Rule::Object { properties, .. } => properties.iter().find(|p| p.name == key),
            _ => None,
        }
    }
}

impl Tree for Node {
    fn property(&self, key: &str) -> Option<&Node> {
        self.0.property(key).map(|p| &p.node)
    }

    fn item(&self) -> Option<&Node> {
        match &*self.0 {
            Rule::Array { items, .. } => Some(items),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------------------
// Reading a schema document.

/// Keywords that only annotate.
const ANNOTATIONS: &[&str] = &[
    "$schema",
    "$id",
    "id",
    "title",
    "description",
    "comment",
    "javaType",
    "default",
];

/// The keywords that constrain values of one JSON type only: on a schema of
/// another `type` they can't change a verdict (`additionalProperties` on a
/// string, as the 1.6 files write it).
const TYPED_KEYWORDS: &[(&str, &[&str])] = &[
    (
        "object",
        &["properties", "required", "additionalProperties"],
    ),
    (
        "array",
        &["items", "minItems", "maxItems", "additionalItems"],
    ),
    ("string", &["minLength", "maxLength", "format"]),
    ("number", &["minimum", "maximum", "multipleOf"]),
];

impl Schema {
    /// Reads a schema document; panics on anything it does not know.
    pub fn parse(document: &Value) -> Schema {
        let draft = Draft::declared(document);
        let mut reader = Reader {
            definitions: document
                .get("definitions")
                .map(|d| d.as_object().expect("`definitions` is an object"))
                .cloned()
                .unwrap_or_default(),
            done: HashMap::new(),
            open: Vec::new(),
        };
        let root = reader.node(document, "", true);
        Schema { draft, root }
    }
}

struct Reader {
    definitions: Map<String, Value>,
    done: HashMap<String, Node>,
    /// The definitions being read, to refuse a recursive one.
    open: Vec<String>,
}

impl Reader {
    fn node(&mut self, schema: &Value, at: &str, root: bool) -> Node {
        let Some(map) = schema.as_object() else {
            panic!("{at}: a schema is an object here, not {schema}");
        };
        if let Some(reference) = map.get("$ref") {
            for key in map.keys() {
                assert!(
                    key == "$ref" || ANNOTATIONS.contains(&key.as_str()),
                    "{at}: `{key}` beside `$ref` is not supported"
                );
            }
            let reference = reference.as_str().expect("`$ref` is a string");
            return self.definition(reference, at);
        }
        let ty = match map.get("type") {
            None => None,
            Some(Value::String(ty)) => Some(ty.as_str()),
            Some(other) => panic!("{at}: `type` {other} is not supported (one type name only)"),
        };
        for key in map.keys() {
            let key = key.as_str();
            let known = ANNOTATIONS.contains(&key)
                || key == "type"
                || key == "enum"
                || (root && key == "definitions")
                || TYPED_KEYWORDS
                    .iter()
                    .any(|(_, keywords)| keywords.contains(&key));
            assert!(known, "{at}: keyword `{key}` is not supported");
        }
        let own = |keyword: &str| -> Option<&Value> {
            let of = TYPED_KEYWORDS
                .iter()
                .find(|(_, keywords)| keywords.contains(&keyword))
                .map(|(of, _)| *of);
            let applies = match (of, ty) {
                (Some("number"), Some("integer" | "number")) => true,
                (Some(of), Some(ty)) => of == ty,
                _ => true,
            };
            map.get(keyword).filter(|_| applies)
        };
        let count = |keyword: &str| -> Option<usize> {
            own(keyword).map(|v| {
                let n = v
                    .as_u64()
                    .unwrap_or_else(|| panic!("{at}: `{keyword}` {v}"));
                usize::try_from(n).unwrap()
            })
        };
        let number = |keyword: &str| -> Option<f64> {
            own(keyword).map(|v| {
                v.as_f64()
                    .unwrap_or_else(|| panic!("{at}: `{keyword}` {v}"))
            })
        };
        let numeric = || {
            let multiple_of = number("multipleOf");
            assert!(
                multiple_of.is_none_or(|m| m > 0.0),
                "{at}: `multipleOf` is above 0"
            );
            Numeric {
                minimum: number("minimum"),
                maximum: number("maximum"),
                multiple_of,
            }
        };
        let rule = match ty {
            None => {
                assert!(
                    map.keys().all(|k| ANNOTATIONS.contains(&k.as_str())),
                    "{at}: a schema without `type` is supported only with annotations"
                );
                Rule::Any
            }
            Some(ty) if map.contains_key("enum") => {
                assert_eq!(ty, "string", "{at}: `enum` of a `{ty}` is not supported");
                assert!(
                    own("minLength").is_none()
                        && own("maxLength").is_none()
                        && own("format").is_none(),
                    "{at}: limits beside `enum` are not supported"
                );
                let values = map["enum"].as_array().expect("`enum` is an array");
                Rule::Enum(
                    values
                        .iter()
                        .map(|v| v.as_str().expect("`enum` of strings").to_owned())
                        .collect(),
                )
            }
            Some("boolean") => Rule::Boolean,
            Some("integer") => Rule::Integer(numeric()),
            Some("number") => Rule::Number(numeric()),
            Some("string") => {
                let format = own("format").map(|f| match f.as_str() {
                    Some("date-time") => Format::DateTime,
                    Some("uri") => Format::Uri,
                    other => panic!("{at}: `format` {other:?} is not supported"),
                });
                let text = Text {
                    min_length: count("minLength").unwrap_or(0),
                    max_length: count("maxLength"),
                    format,
                };
                assert!(text.max_length.is_none_or(|max| max >= text.min_length));
                Rule::String(text)
            }
            Some("array") => {
                let items =
                    own("items").unwrap_or_else(|| panic!("{at}: an array without `items`"));
                assert!(
                    items.is_object(),
                    "{at}: `items` as a list is not supported"
                );
                // Beside a single `items` schema, `additionalItems` has no effect.
                let min_items = count("minItems").unwrap_or(0);
                let max_items = count("maxItems");
                assert!(max_items.is_none_or(|max| max >= min_items));
                Rule::Array {
                    items: self.node(items, &format!("{at}/items"), false),
                    min_items,
                    max_items,
                }
            }
            Some("object") => {
                let closed = match own("additionalProperties") {
                    None | Some(Value::Bool(true)) => false,
                    Some(Value::Bool(false)) => true,
                    Some(other) => panic!("{at}: `additionalProperties` {other} is not supported"),
                };
                let required: Vec<&str> = own("required")
                    .map(|r| {
                        r.as_array()
                            .expect("`required` is an array")
                            .iter()
                            .map(|name| name.as_str().expect("`required` of strings"))
                            .collect()
                    })
                    .unwrap_or_default();
                let mut properties = Vec::new();
                if let Some(listed) = own("properties") {
                    for (name, schema) in listed.as_object().expect("`properties` is an object") {
                        properties.push(Property {
                            name: name.clone(),
                            required: required.contains(&name.as_str()),
                            node: self.node(schema, &format!("{at}/properties/{name}"), false),
                        });
                    }
                }
                for name in required {
                    assert!(
                        properties.iter().any(|p| p.name == name),
                        "{at}: required `{name}` has no schema in `properties`"
                    );
                }
                Rule::Object { properties, closed }
            }
            Some(other) => panic!("{at}: `type` {other:?} is not supported"),
        };
        Node(Arc::new(rule))
    }

    fn definition(&mut self, reference: &str, at: &str) -> Node {
        let Some(name) = reference.strip_prefix("#/definitions/") else {
            panic!("{at}: `$ref` {reference:?}: only `#/definitions/...` is supported");
        };
        if let Some(node) = self.done.get(name) {
            return node.clone();
        }
        assert!(
            !self.open.iter().any(|open| open == name),
            "{at}: recursive definitions are not supported: {} -> {name}",
            self.open.join(" -> ")
        );
        let schema = self
            .definitions
            .get(name)
            .unwrap_or_else(|| panic!("{at}: no definition `{name}`"))
            .clone();
        self.open.push(name.to_owned());
        let node = self.node(&schema, &format!("/definitions/{name}"), false);
        self.open.pop();
        self.done.insert(name.to_owned(), node.clone());
        node
    }
}

// ---------------------------------------------------------------------------
// Decimal numbers: what a JSON number's text means.

/// `mantissa × 10^exponent`: the value a JSON number's text writes. A float
/// stands for its shortest decimal (`0.3` is 3 × 10⁻¹), as serde_json writes
/// it and as both verdicts read it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Decimal {
    pub mantissa: i128,
    pub exponent: i32,
}

impl Decimal {
    pub fn of(f: f64) -> Decimal {
        assert!(f.is_finite());
        let text = format!("{f:e}");
        let (mantissa, exponent) = text.split_once('e').unwrap();
        let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        Decimal {
            mantissa: format!("{whole}{fraction}").parse().unwrap(),
            exponent: exponent.parse::<i32>().unwrap() - fraction.len() as i32,
        }
    }

    fn scaled_to(self, exponent: i32) -> Option<i128> {
        let places = u32::try_from(self.exponent - exponent).ok()?;
        self.mantissa.checked_mul(10i128.checked_pow(places)?)
    }

    /// `self × k`, `None` beyond 15 significant digits (where a float might
    /// not stand for it).
    pub fn times(self, k: i64) -> Option<Decimal> {
        let mantissa = self.mantissa.checked_mul(i128::from(k))?;
        (mantissa.unsigned_abs() < 1_000_000_000_000_000).then_some(Decimal {
            mantissa,
            exponent: self.exponent,
        })
    }

    pub fn plus(self, other: Decimal) -> Option<Decimal> {
        let exponent = self.exponent.min(other.exponent);
        let mantissa = self
            .scaled_to(exponent)?
            .checked_add(other.scaled_to(exponent)?)?;
        (mantissa.unsigned_abs() < 1_000_000_000_000_000).then_some(Decimal { mantissa, exponent })
    }

    /// Half of a multiple: `m / 2` exactly (one more decimal place).
    pub fn half(self) -> Decimal {
        Decimal {
            mantissa: self.mantissa * 5,
            exponent: self.exponent - 1,
        }
    }

    /// Whether `self` is a whole number of times `m`; `None` when it can't
    /// tell in 128 bits.
    pub fn is_multiple_of(self, m: Decimal) -> Option<bool> {
        if self.mantissa == 0 {
            return Some(true);
        }
        let exponent = self.exponent.min(m.exponent);
        Some(self.scaled_to(exponent)? % m.scaled_to(exponent)? == 0)
    }

    pub fn to_f64(self) -> f64 {
        format!("{}e{}", self.mantissa, self.exponent)
            .parse()
            .unwrap()
    }
}

fn is_multiple(value: f64, m: f64) -> Option<bool> {
    Decimal::of(value).is_multiple_of(Decimal::of(m))
}

// ---------------------------------------------------------------------------
// Valid documents.

/// How deep the generator goes: below this many objects and arrays, optional
/// properties are left out and arrays have their fewest items.
const DEPTH: u32 = 8;

/// Characters of strings: a small alphabet, JSON's escapes, and non-ASCII
/// ones of two, three and four bytes (and a combining accent, a character of
/// its own).
const ALPHABET: &[char] = &[
    'a', 'b', 'Z', '0', '9', ' ', '-', '_', '.', '/', '"', '\\', '\n', 'é', 'ß', '€', '中', '😀',
    '\u{301}',
];

/// Property names of unknown properties.
const NAMES: &str = "[a-zA-Z_]{0,8}";

impl Schema {
    /// Valid documents, each respecting every constraint.
    pub fn valid(&self) -> BoxedStrategy<Value> {
        valid(&self.root, self.draft, DEPTH)
    }
}

fn valid(node: &Node, draft: Draft, depth: u32) -> BoxedStrategy<Value> {
    match &**node {
        Rule::Any => any_json(),
        Rule::Boolean => any::<bool>().prop_map(Value::Bool).boxed(),
        Rule::Integer(numeric) => integer(numeric, draft),
        Rule::Number(numeric) => number(numeric),
        Rule::String(text) => string(text).prop_map(Value::String).boxed(),
        Rule::Enum(values) => select(values.clone()).prop_map(Value::String).boxed(),
        Rule::Array {
            items,
            min_items,
            max_items,
        } => {
            let (min, max) = (*min_items, max_items.unwrap_or(usize::MAX));
            let items = valid(items, draft, depth.saturating_sub(1));
            if depth == 0 {
                return vec(items, min).prop_map(Value::Array).boxed();
            }
            let few = min..=max.min(min + 2);
            if max <= 8 && max > min + 2 {
                // At the maximum too, where it is small.
                prop_oneof![3 => vec(items.clone(), few), 1 => vec(items, max)]
                    .prop_map(Value::Array)
                    .boxed()
            } else {
                vec(items, few).prop_map(Value::Array).boxed()
            }
        }
        Rule::Object { properties, closed } => {
            let parts: Vec<BoxedStrategy<Option<(String, Value)>>> = properties
                .iter()
                .map(|p| {
                    let name = p.name.clone();
                    if !p.required && depth == 0 {
                        return Just(None).boxed();
                    }
                    let value = valid(&p.node, draft, depth.saturating_sub(1))
                        .prop_map(move |v| (name.clone(), v));
                    if p.required {
                        value.prop_map(Some).boxed()
                    } else {
                        proptest::option::of(value).boxed()
                    }
                })
                .collect();
            let extras = if *closed {
                Just(Vec::new()).boxed()
            } else {
                // An open object skips unknown properties: some are there.
                let known: Vec<String> = properties.iter().map(|p| p.name.clone()).collect();
                vec((unknown_name(known), any_json()), 0..=2).boxed()
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
    }
}

/// Any JSON value, `null` included, small.
fn any_json() -> BoxedStrategy<Value> {
    super::any_json(
        vec![any_string().prop_map(Value::String).boxed()],
        NAMES.boxed(),
        8,
    )
}

fn any_string() -> BoxedStrategy<String> {
    vec(select(ALPHABET), 0..8)
        .prop_map(|chars| chars.into_iter().collect())
        .boxed()
}

/// A property name no property of the object has: a near miss of a known
/// name (another case, `_` or camel case) or any short name.
fn unknown_name(known: Vec<String>) -> BoxedStrategy<String> {
    let mut near: Vec<String> = known
        .iter()
        .flat_map(|k| {
            [
                toggle_first(k),
                k.to_uppercase(),
                k.to_lowercase(),
                camel_or_snake(k),
                format!("{k}_"),
                format!(" {k}"),
            ]
        })
        .filter(|k| !known.contains(k))
        .collect();
    near.push(String::new());
    let known_too = known.clone();
    prop_oneof![
        1 => select(near),
        1 => NAMES.prop_filter("unknown", move |k| !known_too.contains(k)),
    ]
    .boxed()
}

/// A string of `min` to `max` characters: a pattern of the alphabet,
/// repeated to the length; at the limits often.
fn text_of(min: usize, max: Option<usize>) -> BoxedStrategy<String> {
    let max = max.unwrap_or(min + 24);
    let lengths = prop_oneof![
        2 => min..=max.min(min + 12),
        1 => Just(min),
        1 => Just(max),
    ];
    (vec(select(ALPHABET), 1..=6), lengths)
        .prop_map(|(pattern, len)| pattern.into_iter().cycle().take(len).collect())
        .boxed()
}

fn string(text: &Text) -> BoxedStrategy<String> {
    let (min, max) = (text.min_length, text.max_length);
    let fits = move |s: &String| {
        let n = s.chars().count();
        n >= min && max.is_none_or(|max| n <= max)
    };
    match text.format {
        None => text_of(min, max),
        Some(Format::DateTime) => date_time().prop_filter("length", fits).boxed(),
        Some(Format::Uri) => uri().prop_filter("length", fits).boxed(),
    }
}

/// The integers within bounds and `i64`.
fn integer_range(numeric: &Numeric) -> (i64, i64) {
    let low = numeric
        .minimum
        .map_or(i64::MIN, |m| m.ceil().max(i64::MIN as f64) as i64);
    let high = numeric
        .maximum
        .map_or(i64::MAX, |m| m.floor().min(i64::MAX as f64) as i64);
    assert!(low <= high, "no integer within the bounds");
    (low, high)
}

const SAFE: i64 = 1 << 53;

fn integer(numeric: &Numeric, draft: Draft) -> BoxedStrategy<Value> {
    let (low, high) = integer_range(numeric);
    let clamp = move |i: i64| i.clamp(low, high);
    let mut values: BoxedStrategy<i64> = prop_oneof![
        3 => low..=high,
        3 => (-1000i64..=1000).prop_map(clamp),
        1 => Just(low),
        1 => Just(high),
        1 => Just(low.saturating_add(1).min(high)),
        1 => Just(high.saturating_sub(1).max(low)),
    ]
    .boxed();
    if let Some(m) = numeric.multiple_of {
        let step = Decimal::of(m);
        values = if m.fract() == 0.0 && m <= SAFE as f64 {
            // k × m, within the bounds.
            let m = m as i64;
            // The least and the greatest multiple within the bounds, over m.
            let k_low = low.div_euclid(m) + i64::from(low.rem_euclid(m) != 0);
            let k_high = high.div_euclid(m);
            assert!(k_low <= k_high, "no multiple of {m} within the bounds");
            prop_oneof![
                3 => (-1000i64..=1000).prop_map(move |k| clamp(k.saturating_mul(m))),
                1 => (k_low..=k_high).prop_map(move |k| k * m),
            ]
            .prop_filter("a multiple within bounds", move |i| {
                (low..=high).contains(i) && i % m == 0
            })
            .boxed()
        } else {
            values
                .prop_filter("a multiple", move |i| {
                    Decimal::of(*i as f64).is_multiple_of(step) == Some(true)
                })
                .boxed()
        };
    }
    if draft.whole_floats_are_integers() {
        // Draft-06: 5.0 is an integer as much as 5 is.
        (values, prop::bool::weighted(0.2))
            .prop_map(|(i, as_float)| {
                if as_float && i.unsigned_abs() <= SAFE as u64 {
                    float(i as f64)
                } else {
                    Value::from(i)
                }
            })
            .boxed()
    } else {
        values.prop_map(Value::from).boxed()
    }
}

/// Finite floats within the bounds.
fn span(low: Option<f64>, high: Option<f64>) -> BoxedStrategy<f64> {
    use proptest::num::f64::{NORMAL, POSITIVE, SUBNORMAL, ZERO};
    let any_finite = any::<f64>().prop_filter("finite", |f| f.is_finite());
    let magnitude = (POSITIVE | NORMAL | SUBNORMAL | ZERO).boxed();
    match (low, high) {
        (Some(low), Some(high)) => (low..=high).boxed(),
        (Some(low), None) => prop_oneof![
            low..=low + 1e6,
            magnitude
                .prop_map(move |f| low + f)
                .prop_filter("finite", |f| f.is_finite()),
        ]
        .boxed(),
        (None, Some(high)) => prop_oneof![
            high - 1e6..=high,
            magnitude
                .prop_map(move |f| high - f)
                .prop_filter("finite", |f| f.is_finite()),
        ]
        .boxed(),
        (None, None) => prop_oneof![-1e6..=1e6, any_finite].boxed(),
    }
}

fn number(numeric: &Numeric) -> BoxedStrategy<Value> {
    let Numeric {
        minimum,
        maximum,
        multiple_of,
    } = *numeric;
    let within = move |f: &f64| minimum.is_none_or(|m| *f >= m) && maximum.is_none_or(|m| *f <= m);
    if let Some(m) = multiple_of {
        // k × m, decimally: 0.3 for 0.1.
        let step = Decimal::of(m);
        // At the bounds (give or take the rounding of the division, which
        // the filter below catches).
        let k_low = minimum.map_or(-1_000_000, |min| (min / m).ceil() as i64);
        let k_high = maximum.map_or(1_000_000, |max| (max / m).floor() as i64);
        let ks = prop_oneof![
            3 => k_low..=k_high,
            1 => Just(k_low),
            1 => Just(k_high),
            1 => -100i64..=100,
            1 => any::<i64>(),
        ];
        return (ks, prop::bool::weighted(0.2))
            .prop_filter_map("a multiple within bounds", move |(k, as_int)| {
                let f = step.times(k)?.to_f64();
                if !within(&f) {
                    return None;
                }
                Some(if as_int && f.fract() == 0.0 && f.abs() <= SAFE as f64 {
                    Value::from(f as i64)
                } else {
                    float(f)
                })
            })
            .boxed();
    }
    let mut at_bounds = Vec::new();
    for bound in [minimum, maximum].into_iter().flatten() {
        at_bounds.push(float(bound));
        if bound.fract() == 0.0 && bound.abs() <= SAFE as f64 {
            at_bounds.push(Value::from(bound as i64));
        }
    }
    at_bounds.extend(minimum.map(|m| float(next_up(m))));
    at_bounds.extend(maximum.map(|m| float(next_down(m))));
    let values = span(minimum, maximum);
    let mut options = vec![
        (3, values.prop_map(float).boxed()),
        // Whole numbers, written as integers.
        (
            2,
            prop_oneof![-1000i64..=1000, any::<i64>()]
                .prop_filter("within bounds", move |i| within(&(*i as f64)))
                .prop_map(Value::from)
                .boxed(),
        ),
        // A few decimal places.
        (
            2,
            (-100_000i64..=100_000, 0u32..=3)
                .prop_map(|(m, places)| {
                    Decimal {
                        mantissa: m.into(),
                        exponent: -(places as i32),
                    }
                    .to_f64()
                })
                .prop_filter("within bounds", within)
                .prop_map(float)
                .boxed(),
        ),
    ];
    if !at_bounds.is_empty() {
        options.push((2, select(at_bounds).boxed()));
    }
    Union::new_weighted(options).boxed()
}

// ---------------------------------------------------------------------------
// Date-times and URIs.

fn days_in(year: u32, month: u32) -> u32 {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The parts of a date-time, each of which a near miss may break.
#[derive(Clone, Debug)]
struct DateTime {
    year: u32,
    month: u32,
    day: u32,
    t: char,
    hour: u32,
    minute: u32,
    second: u32,
    /// `.` and digits, or nothing.
    fraction: String,
    /// `Z`, `z`, or `±hh:mm`.
    zone: String,
}

impl DateTime {
    fn render(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}{}{:02}:{:02}:{:02}{}{}",
            self.year,
            self.month,
            self.day,
            self.t,
            self.hour,
            self.minute,
            self.second,
            self.fraction,
            self.zone
        )
    }
}

fn zone(minutes: i32) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    format!("{sign}{:02}:{:02}", minutes.abs() / 60, minutes.abs() % 60)
}

/// Valid RFC 3339 date-time parts: any day of any month of the years 0000
/// to 9999, `T` or `t`, fractions of any length, `Z`, `z` or an offset, and
/// leap seconds (at 23:59 UTC, in the local time of the offset).
fn date_time_parts() -> BoxedStrategy<DateTime> {
    let year = prop_oneof![
        2 => 0u32..=9999,
        1 => select(vec![0u32, 1900, 2000, 2024, 2025, 2100, 9999]),
    ];
    let fraction = prop_oneof![2 => Just(String::new()), 1 => "\\.[0-9]{1,9}"];
    let offset = prop_oneof![
        1 => Just(None),
        1 => (-(23 * 60 + 59)..=(23 * 60 + 59i32)).prop_map(Some),
    ];
    (
        (year, 1u32..=12, any::<Index>(), select(vec!['T', 't'])),
        (0u32..=23, 0u32..=59, 0u32..=59, fraction),
        (offset, select(vec!["Z", "z"]), prop::bool::weighted(0.1)),
    )
        .prop_map(
            |((year, month, day, t), (hour, minute, second, fraction), (offset, z, leap))| {
                let mut dt = DateTime {
                    year,
                    month,
                    day: day.index(days_in(year, month) as usize) as u32 + 1,
                    t,
                    hour,
                    minute,
                    second,
                    fraction,
                    zone: offset.map_or(z.to_owned(), zone),
                };
                if leap {
                    let local = (23 * 60 + 59 + offset.unwrap_or(0)).rem_euclid(24 * 60);
                    dt.hour = local as u32 / 60;
                    dt.minute = local as u32 % 60;
                    dt.second = 60;
                }
                dt
            },
        )
        .boxed()
}

fn date_time() -> BoxedStrategy<String> {
    date_time_parts().prop_map(|dt| dt.render()).boxed()
}

/// How many ways [`break_date_time`] knows.
const DATE_TIME_BREAKS: usize = 22;

/// A date-time with one part broken (the `which`th way): never valid.
fn break_date_time(mut dt: DateTime, which: usize) -> String {
    match which {
        0 => dt.day = days_in(dt.year, dt.month) + 1,
        1 => dt.day = 0,
        2 => dt.month = 13,
        3 => dt.month = 0,
        4 => dt.hour = 24,
        5 => dt.minute = 60,
        6 => dt.second = 61,
        7 => {
            // A leap second, not at 23:59 UTC.
            (dt.hour, dt.minute, dt.second) = (12, 0, 60);
            dt.zone = "Z".into();
        }
        8 => dt.zone = "+24:00".into(),
        9 => dt.zone = "-01:60".into(),
        10 => dt.zone = "+0100".into(),
        11 => dt.zone = String::new(),
        12 => dt.zone = "+01:00Z".into(),
        13 => dt.fraction = ".".into(),
        14 => dt.fraction = ",5".into(),
        15 => dt.t = ' ',
        16 => return format!("{} ", dt.render()),
        17 => return format!(" {}", dt.render()),
        // A two-digit year.
        18 => return dt.render()[2..].to_owned(),
        // An Arabic-Indic digit for the year's first.
        19 => return format!("\u{662}{}", &dt.render()[1..]),
        20 => {
            let text = dt.render();
            return text[..text.len() - 1].to_owned();
        }
        // The date alone.
        _ => return dt.render()[..10].to_owned(),
    }
    dt.render()
}

fn broken_date_time() -> BoxedStrategy<String> {
    (date_time_parts(), 0..DATE_TIME_BREAKS)
        .prop_map(|(dt, which)| break_date_time(dt, which))
        .boxed()
}

/// Absolute URIs (RFC 3986): with an authority (user, host name, IPv4 or
/// IPv6 literal, port), a path, a query and a fragment, percent-encodings
/// included; or without an authority (`urn:`, `mailto:`).
fn uri() -> BoxedStrategy<String> {
    let scheme = prop_oneof![
        3 => select(vec!["http", "https", "ws", "wss", "ftp"]).prop_map(str::to_owned),
        1 => "[a-zA-Z][a-zA-Z0-9+.-]{0,5}",
    ];
    let user = prop_oneof![3 => Just(String::new()), 1 => "[a-z0-9]{1,5}(:[a-z0-9]{0,5})?@"];
    let host = prop_oneof![
        4 => "[a-z0-9-]{1,10}(\\.[a-z]{2,5}){0,2}",
        1 => Just("127.0.0.1".to_owned()),
        1 => select(vec!["[::1]", "[2001:db8::7]", "[v1.fe80::a+en1]"]).prop_map(str::to_owned),
    ];
    let port =
        prop_oneof![2 => Just(String::new()), 1 => (0u32..=65535).prop_map(|p| format!(":{p}"))];
    let segment = "([a-zA-Z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2}){0,6}";
    let path = vec(segment, 0..=3)
        .prop_map(|segments| segments.iter().map(|s| format!("/{s}")).collect::<String>());
    let tail =
        "(\\?([a-zA-Z0-9._~!$&'()*+,;=:@/?-]|%[0-9A-F]{2}){0,8})?(#([a-zA-Z0-9._~:@/?-]){0,6})?";
    prop_oneof![
        4 => (scheme.clone(), user, host, port, path, tail).prop_map(|(s, u, h, p, path, tail)| {
            format!("{s}://{u}{h}{p}{path}{tail}")
        }),
        1 => (scheme, "[a-zA-Z0-9._~:@-]{1,10}(/[a-zA-Z0-9._~:@-]{0,6}){0,2}", tail)
            .prop_map(|(s, path, tail)| format!("{s}:{path}{tail}")),
        1 => select(vec![
            "urn:OCPP:1.6:2019:12:BootNotificationRequest",
            "mailto:John.Doe@example.com",
            "file:///etc/hosts",
            "tel:+1-816-555-1212",
            "a:",
        ])
        .prop_map(str::to_owned),
    ]
    .boxed()
}

/// How many ways [`break_uri`] knows.
const URI_BREAKS: usize = 14;

/// `uri` with one mistake (the `which`th, at `i` where it needs a place):
/// never an absolute URI.
fn break_uri(uri: &str, which: usize, i: usize) -> String {
    let colon = uri.find(':').unwrap();
    match which {
        // A space, after the scheme.
        0 => {
            let at = colon + 1 + i % (uri.len() - colon);
            format!("{} {}", &uri[..at], &uri[at..])
        }
        1 => format!("{uri}%zz"),
        2 => format!("{uri}%2"),
        3 => format!("{uri}\u{fc}"),
        4 => format!("{uri}<>"),
        5 => format!("{uri}\""),
        6 => format!("{uri}#a#b"),
        // No scheme: a relative reference, or an empty scheme; a scheme
        // that starts with a digit, or has a `_`.
        7 => match &uri[colon + 1..] {
            relative if relative.starts_with("//") => relative.to_owned(),
            _ => uri[colon..].to_owned(),
        },
        8 => format!("1{uri}"),
        9 => format!("h_{uri}"),
        10 => String::new(),
        11 => "http://[::1/".to_owned(),
        12 => "http://example.com:80a/".to_owned(),
        _ => "http://[zz]/".to_owned(),
    }
}

fn broken_uri() -> BoxedStrategy<String> {
    (uri(), 0..URI_BREAKS, any::<usize>())
        .prop_map(|(uri, which, i)| break_uri(&uri, which, i))
        .boxed()
}

// ---------------------------------------------------------------------------
// Near misses.

/// A valid document with one mutation, what it was, and the verdict the
/// mutation makes certain, if any (`Some(true)`: still valid, as an unknown
/// property of an open object; `Some(false)`: invalid).
#[derive(Clone, Debug)]
pub struct NearMiss {
    pub doc: Value,
    pub kind: Kind,
    pub mutation: String,
    pub expect: Option<bool>,
}

/// The kinds of mutation, each applied at one site that admits it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Leaves a required property out.
    DropRequired,
    /// Adds a property the object does not list (closed or open).
    AddUnknown,
    /// `null` for a value.
    Null,
    /// A value of another JSON type.
    WrongType,
    /// An enum value in another case, or unknown.
    EnumValue,
    /// A string one character too long or too short.
    Length,
    /// A number just beyond a bound.
    Bound,
    /// A number that is not a multiple.
    NotMultiple,
    /// A malformed date-time or URI.
    Format,
    /// An array one item too short or too long.
    ItemCount,
    /// An integer written `5.0`: not an integer under draft-04, the integer
    /// 5 later.
    WholeFloat,
}

/// A site of the document a mutation of `kind` applies to.
#[derive(Clone)]
struct Target {
    kind: Kind,
    path: Vec<Step>,
    node: Node,
}

impl std::fmt::Debug for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?} at {}", self.kind, pointer(&self.path))
    }
}

/// A JSON Pointer to the site at `path`.
pub fn pointer(path: &[Step]) -> String {
    path.iter()
        .map(|step| match step {
            Step::Key(key) => format!("/{}", key.replace('~', "~0").replace('/', "~1")),
            Step::Item(i) => format!("/{i}"),
        })
        .collect()
}

impl Schema {
    /// Valid documents with one mutation each: first a kind of mutation,
    /// among those the document admits somewhere, then a site for it.
    pub fn near_misses(&self) -> BoxedStrategy<NearMiss> {
        let schema = self.clone();
        self.valid()
            .prop_flat_map(move |doc| {
                let mut by_kind: Vec<(Kind, Vec<Target>)> = Vec::new();
                for target in targets(&doc, &schema.root) {
                    match by_kind.iter_mut().find(|(kind, _)| *kind == target.kind) {
                        Some((_, targets)) => targets.push(target),
                        None => by_kind.push((target.kind, vec![target])),
                    }
                }
                let draft = schema.draft;
                let kinds: Vec<BoxedStrategy<NearMiss>> = by_kind
                    .into_iter()
                    .map(|(_, targets)| {
                        let doc = doc.clone();
                        select(targets)
                            .prop_flat_map(move |target| mutate(&doc, &target, draft))
                            .boxed()
                    })
                    .collect();
                Union::new(kinds)
            })
            .boxed()
    }
}

/// Every mutation every site of `doc` admits.
fn targets(doc: &Value, root: &Node) -> Vec<Target> {
    let mut all = Vec::new();
    sites(doc, Some(root), &mut Vec::new(), &mut all);
    let mut out = Vec::new();
    for site in all {
        // Values of unknown properties of open objects: anything goes.
        let Some(node) = site.shape else { continue };
        let mut add = |kind| {
            out.push(Target {
                kind,
                path: site.path.clone(),
                node: node.clone(),
            })
        };
        add(Kind::Null);
        let value = at_path(doc, &site.path);
        match &*node {
            Rule::Any => continue,
            Rule::Object { properties, .. } => {
                add(Kind::AddUnknown);
                if properties.iter().any(|p| p.required) {
                    add(Kind::DropRequired);
                }
            }
            Rule::Enum(_) => add(Kind::EnumValue),
            Rule::String(text) => {
                if text.max_length.is_some() || text.min_length > 0 {
                    add(Kind::Length);
                }
                if text.format.is_some() {
                    add(Kind::Format);
                }
            }
            Rule::Integer(numeric) | Rule::Number(numeric) => {
                if numeric.minimum.is_some() || numeric.maximum.is_some() {
                    add(Kind::Bound);
                }
                if let Some(m) = numeric.multiple_of {
                    let integer = matches!(&*node, Rule::Integer(_));
                    // An integer's near miss is the next integer: not a
                    // multiple of a whole step above 1, but of 0.1 it is.
                    if !integer || (m.fract() == 0.0 && m > 1.0) {
                        add(Kind::NotMultiple);
                    }
                }
                if matches!(&*node, Rule::Integer(_))
                    && value
                        .as_i64()
                        .is_some_and(|i| i.unsigned_abs() <= SAFE as u64)
                {
                    add(Kind::WholeFloat);
                }
            }
            Rule::Array {
                min_items,
                max_items,
                ..
            } => {
                if *min_items > 0 || max_items.is_some() {
                    add(Kind::ItemCount);
                }
            }
            Rule::Boolean => {}
        }
        add(Kind::WrongType);
    }
    out
}

fn at_path<'a>(doc: &'a Value, path: &[Step]) -> &'a Value {
    path.iter().fold(doc, |value, step| match step {
        Step::Key(key) => &value[key.as_str()],
        Step::Item(i) => &value[*i],
    })
}

/// The document with `target` mutated, as near misses of its kind.
fn mutate(doc: &Value, target: &Target, draft: Draft) -> BoxedStrategy<NearMiss> {
    let path = target.path.clone();
    let place = pointer(&path);
    let doc = doc.clone();
    let current = at_path(&doc, &path).clone();
    let kind = target.kind;
    // The document with the site's value replaced.
    let with = move |value: Value, mutation: String, expect: Option<bool>| {
        let mut doc = doc.clone();
        *at(&mut doc, &path) = value;
        NearMiss {
            doc,
            kind,
            mutation,
            expect,
        }
    };
    let node = target.node.clone();
    match kind {
        Kind::Null => {
            let expect = matches!(&*node, Rule::Any);
            Just(with(Value::Null, format!("null at {place}"), Some(expect))).boxed()
        }
        Kind::WrongType => {
            let wrong = wrong_types(&node, &current);
            select(wrong)
                .prop_map(move |v| {
                    let mutation = format!("{v} (another type) at {place}");
                    with(v, mutation, Some(false))
                })
                .boxed()
        }
        Kind::DropRequired => {
            let Rule::Object { properties, .. } = &*node else {
                unreachable!()
            };
            let required: Vec<String> = properties
                .iter()
                .filter(|p| p.required)
                .map(|p| p.name.clone())
                .collect();
            select(required)
                .prop_map(move |name| {
                    let mut object = current.as_object().unwrap().clone();
                    object.shift_remove(&name);
                    with(
                        Value::Object(object),
                        format!("required `{name}` left out at {place}"),
                        Some(false),
                    )
                })
                .boxed()
        }
        Kind::AddUnknown => {
            let Rule::Object { properties, closed } = &*node else {
                unreachable!()
            };
            let closed = *closed;
            let known: Vec<String> = properties.iter().map(|p| p.name.clone()).collect();
            (unknown_name(known), any_json())
                .prop_map(move |(name, value)| {
                    let mut object = current.as_object().unwrap().clone();
                    let mutation = format!(
                        "unknown property `{name}`: {value} at {place} ({})",
                        if closed { "closed" } else { "open" }
                    );
                    object.insert(name, value);
                    with(Value::Object(object), mutation, Some(!closed))
                })
                .boxed()
        }
        Kind::EnumValue => {
            let Rule::Enum(values) = &*node else {
                unreachable!()
            };
            let s = current.as_str().unwrap();
            let mut near: Vec<String> = vec![
                toggle_first(s),
                s.to_lowercase(),
                s.to_uppercase(),
                format!("{s} "),
                format!(" {s}"),
                s.replace(['.', '-'], "_"),
                s.replace(['.', '-', '_'], ""),
                String::new(),
                "Unknown".into(),
            ];
            near.retain(|v| !values.contains(v));
            near.dedup();
            if near.is_empty() {
                near.push(format!("{s}Unknown"));
            }
            select(near)
                .prop_map(move |v| {
                    let mutation = format!("enum value {v:?} at {place}");
                    with(Value::String(v), mutation, Some(false))
                })
                .boxed()
        }
        Kind::Length => {
            let Rule::String(text) = &*node else {
                unreachable!()
            };
            let mut lengths = Vec::new();
            lengths.extend(text.max_length.map(|max| max + 1));
            if text.min_length > 0 {
                lengths.push(text.min_length - 1);
            }
            let s = current.as_str().unwrap().to_owned();
            (select(lengths), vec(select(ALPHABET), 1..=4))
                .prop_map(move |(len, pattern)| {
                    // The value itself, cut or padded to the length.
                    let padded: String = s
                        .chars()
                        .chain(pattern.into_iter().cycle())
                        .take(len)
                        .collect();
                    let mutation = format!("a string of {len} characters at {place}");
                    with(Value::String(padded), mutation, Some(false))
                })
                .boxed()
        }
        Kind::Bound => {
            let (Rule::Integer(numeric) | Rule::Number(numeric)) = &*node else {
                unreachable!()
            };
            let mut beyond = Vec::new();
            if matches!(&*node, Rule::Integer(_)) {
                let (low, high) = integer_range(numeric);
                if numeric.minimum.is_some() && low > i64::MIN {
                    beyond.push(Value::from(low - 1));
                }
                if numeric.maximum.is_some() && high < i64::MAX {
                    beyond.push(Value::from(high + 1));
                }
            } else {
                if let Some(min) = numeric.minimum {
                    beyond.extend([float(next_down(min)), float(min - 0.5), float(min - 1.0)]);
                    if min.fract() == 0.0 && min.abs() < SAFE as f64 {
                        beyond.push(Value::from(min as i64 - 1));
                    }
                }
                if let Some(max) = numeric.maximum {
                    beyond.extend([float(next_up(max)), float(max + 0.5), float(max + 1.0)]);
                    if max.fract() == 0.0 && max.abs() < SAFE as f64 {
                        beyond.push(Value::from(max as i64 + 1));
                    }
                }
            }
            select(beyond)
                .prop_map(move |v| {
                    let mutation = format!("{v} (beyond a bound) at {place}");
                    with(v, mutation, Some(false))
                })
                .boxed()
        }
        Kind::NotMultiple => {
            let (Rule::Integer(numeric) | Rule::Number(numeric)) = &*node else {
                unreachable!()
            };
            let m = numeric.multiple_of.unwrap();
            let mut options: Vec<(Value, Option<bool>)> = Vec::new();
            if let Some(i) = current
                .as_i64()
                .filter(|_| matches!(&*node, Rule::Integer(_)))
            {
                options.push((Value::from(i.saturating_add(1)), Some(false)));
            } else {
                let f = current.as_f64().unwrap();
                // Half a step off: never a multiple.
                if let Some(off) = Decimal::of(f).plus(Decimal::of(m).half()) {
                    options.push((float(off.to_f64()), Some(false)));
                }
                // One float off: a multiple again only for large values.
                for g in [next_up(f), next_down(f)] {
                    let expect = is_multiple(g, m).map(|multiple| {
                        multiple
                            && numeric.minimum.is_none_or(|min| g >= min)
                            && numeric.maximum.is_none_or(|max| g <= max)
                    });
                    options.push((float(g), expect));
                }
            }
            select(options)
                .prop_map(move |(v, expect)| {
                    let mutation = format!("{v} (not a multiple of {m}?) at {place}");
                    with(v, mutation, expect)
                })
                .boxed()
        }
        Kind::Format => {
            let Rule::String(text) = &*node else {
                unreachable!()
            };
            let broken = match text.format.unwrap() {
                Format::DateTime => broken_date_time(),
                Format::Uri => broken_uri(),
            };
            broken
                .prop_map(move |s| {
                    let mutation = format!("malformed {s:?} at {place}");
                    with(Value::String(s), mutation, Some(false))
                })
                .boxed()
        }
        Kind::ItemCount => {
            let Rule::Array {
                items,
                min_items,
                max_items,
            } = &*node
            else {
                unreachable!()
            };
            let have = current.as_array().unwrap().clone();
            let mut counts = Vec::new();
            if *min_items > 0 {
                counts.push(min_items - 1);
            }
            counts.extend(max_items.map(|max| max + 1));
            // Fresh items, where the array has none to repeat.
            let fresh = vec(valid(items, draft, 1), 1..=1);
            (select(counts), fresh)
                .prop_map(move |(count, fresh)| {
                    let source = if have.is_empty() { &fresh } else { &have };
                    let items: Vec<Value> = source.iter().cycle().take(count).cloned().collect();
                    let mutation = format!("{count} items at {place}");
                    with(Value::Array(items), mutation, Some(false))
                })
                .boxed()
        }
        Kind::WholeFloat => {
            let i = current.as_i64().unwrap();
            let valid = draft.whole_floats_are_integers();
            Just(with(
                float(i as f64),
                format!("{i}.0 for {i} at {place}"),
                Some(valid),
            ))
            .boxed()
        }
    }
}

/// Values of JSON types `node` does not accept (`null` aside), some made
/// from the current value.
fn wrong_types(node: &Node, current: &Value) -> Vec<Value> {
    let text = match current {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut out = Vec::new();
    let (string, integer, number, boolean, array, object) = match &**node {
        Rule::String(_) | Rule::Enum(_) => (false, true, true, true, true, true),
        Rule::Integer(_) => (true, false, true, true, true, true),
        Rule::Number(_) => (true, false, false, true, true, true),
        Rule::Boolean => (true, true, true, false, true, true),
        Rule::Array { .. } => (true, true, true, true, false, true),
        Rule::Object { .. } => (true, true, true, true, true, false),
        Rule::Any => unreachable!("every type is right"),
    };
    if string {
        out.push(Value::String(text));
    }
    if integer {
        out.push(Value::from(7));
    }
    if number {
        // Not a whole number: wrong for an integer too.
        out.extend([float(1.5), float(-0.5)]);
    }
    if boolean {
        out.push(Value::Bool(current.as_bool() != Some(true)));
    }
    if array {
        out.extend([Value::Array(vec![]), Value::Array(vec![current.clone()])]);
    }
    if object {
        let mut wrapped = Map::new();
        wrapped.insert("value".into(), current.clone());
        out.extend([Value::Object(Map::new()), Value::Object(wrapped)]);
    }
    out
}
