//! What the two iff property tests (`schema_iff.rs` and
//! `schema_iff_options.rs`) share: fields of a hand-written shape, numbers
//! at and around bounds, arbitrary JSON, the sites of a document and
//! near-miss spellings, the validator, and the property check and its
//! runner.
//!
//! Each test file keeps its own `Shape` (what its types can hold) and the
//! generators and mutations that depend on it; this module is generic over
//! the shape where it needs one.

// Each file leaves some items unused (`nothing_more`, `Site::kind`).
#![allow(dead_code)]

pub mod schema;

use std::fmt::Debug;
use std::sync::atomic::{AtomicUsize, Ordering};

use ocpp_types::OcppType;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::strategy::Union;
use proptest::test_runner::{Config, TestCaseError, TestError, TestRunner};
use serde_json::{Number, Value};

// ---------------------------------------------------------------------------
// Shapes.

/// A property of an object shape.
#[derive(Clone, Debug)]
pub struct Field<S> {
    pub name: &'static str,
    pub required: bool,
    pub shape: S,
}

pub fn req<S>(name: &'static str, shape: S) -> Field<S> {
    Field {
        name,
        required: true,
        shape,
    }
}

pub fn opt<S>(name: &'static str, shape: S) -> Field<S> {
    Field {
        name,
        required: false,
        shape,
    }
}

/// What [`sites`] needs to know of a shape.
pub trait Tree: Clone {
    /// The shape itself, where it stands for another (a recursive type).
    fn resolve(&self) -> Self {
        self.clone()
    }
    /// The shape of the property `key` of an object of this shape.
    fn property(&self, key: &str) -> Option<&Self>;
    /// The shape of the items of an array of this shape.
    fn item(&self) -> Option<&Self>;
}

// ---------------------------------------------------------------------------
// Numbers.

pub fn int_value(i: i128) -> Value {
    if let Ok(u) = u64::try_from(i) {
        Value::from(u)
    } else if let Ok(s) = i64::try_from(i) {
        Value::from(s)
    } else {
        float(i as f64)
    }
}

pub fn float(f: f64) -> Value {
    Value::Number(Number::from_f64(f).expect("a finite number"))
}

/// The next f64 up; from either zero, the least positive one.
pub fn next_up(f: f64) -> f64 {
    if f == 0.0 {
        f64::from_bits(1)
    } else if f > 0.0 {
        f64::from_bits(f.to_bits() + 1)
    } else {
        f64::from_bits(f.to_bits() - 1)
    }
}

pub fn next_down(f: f64) -> f64 {
    -next_up(-f)
}

/// Numbers at, and just beyond, integer bounds: as integers, as whole
/// floats, and halves next to them.
pub fn int_bounds(min: i128, max: i128) -> Vec<Value> {
    let mut out = Vec::new();
    for i in [min, max, min - 1, max + 1] {
        out.push(int_value(i));
        out.push(float(i as f64));
    }
    for f in [
        min as f64 + 0.5,
        max as f64 - 0.5,
        min as f64 - 0.5,
        max as f64 + 0.5,
    ] {
        out.push(float(f));
    }
    out
}

pub fn finite_f64() -> impl Strategy<Value = Value> {
    any::<f64>()
        .prop_filter_map("finite", Number::from_f64)
        .prop_map(Value::Number)
}

/// A property name: one of `words` mostly, else one matching `pattern` or
/// any string.
pub fn key(words: &'static [&'static str], pattern: &'static str) -> BoxedStrategy<String> {
    prop_oneof![
        3 => select(words).prop_map(str::to_owned),
        1 => pattern,
        1 => any::<String>(),
    ]
    .boxed()
}

/// Any JSON value, `null` included: leaves of every JSON type, `more`
/// leaves equally likely as each of them, in arrays and in objects with
/// keys drawn from `key`, three levels deep at most, about `size` values in
/// all.
pub fn any_json(
    more: Vec<BoxedStrategy<Value>>,
    key: BoxedStrategy<String>,
    size: u32,
) -> BoxedStrategy<Value> {
    let mut leaves = vec![
        Just(Value::Null).boxed(),
        any::<bool>().prop_map(Value::from).boxed(),
        any::<i64>().prop_map(Value::from).boxed(),
        any::<u64>().prop_map(Value::from).boxed(),
        finite_f64().boxed(),
    ];
    leaves.extend(more);
    Union::new(leaves)
        .prop_recursive(3, size, 4, move |inner| {
            prop_oneof![
                vec(inner.clone(), 0..4).prop_map(Value::Array),
                vec((key.clone(), inner), 0..4)
                    .prop_map(|e| Value::Object(e.into_iter().collect())),
            ]
        })
        .boxed()
}

// ---------------------------------------------------------------------------
// Sites of a document.

#[derive(Clone, Debug)]
pub enum Step {
    Key(String),
    Item(usize),
}

/// What a site holds.
#[derive(Clone, Copy, PartialEq)]
pub enum Kind {
    Object,
    EmptyObject,
    Array,
    Other,
}

/// A place in a document, what it holds, and the shape expected there
/// (`None`: anything goes, as in kept or unknown properties).
pub struct Site<S> {
    pub path: Vec<Step>,
    pub kind: Kind,
    pub shape: Option<S>,
}

/// Every site of `doc`, children before their parent, the root last.
pub fn sites<S: Tree>(
    doc: &Value,
    shape: Option<&S>,
    path: &mut Vec<Step>,
    out: &mut Vec<Site<S>>,
) {
    let shape = shape.map(S::resolve);
    let kind = match doc {
        Value::Object(map) => {
            for (key, value) in map {
                let inner = shape.as_ref().and_then(|s| s.property(key));
                path.push(Step::Key(key.clone()));
                sites(value, inner, path, out);
                path.pop();
            }
            if map.is_empty() {
                Kind::EmptyObject
            } else {
                Kind::Object
            }
        }
        Value::Array(items) => {
            let inner = shape.as_ref().and_then(S::item);
            for (i, value) in items.iter().enumerate() {
                path.push(Step::Item(i));
                sites(value, inner, path, out);
                path.pop();
            }
            Kind::Array
        }
        _ => Kind::Other,
    };
    out.push(Site {
        path: path.clone(),
        kind,
        shape,
    });
}

pub fn at<'a>(doc: &'a mut Value, path: &[Step]) -> &'a mut Value {
    path.iter().fold(doc, |value, step| match step {
        Step::Key(key) => &mut value[key.as_str()],
        Step::Item(i) => &mut value[*i],
    })
}

// ---------------------------------------------------------------------------
// Near-miss spellings.

pub fn toggle_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => c.to_lowercase().chain(chars).collect(),
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => "x".to_owned(),
    }
}

/// `camelCase` to `snake_case` and back.
pub fn camel_or_snake(s: &str) -> String {
    let mut out = String::new();
    if s.contains('_') {
        let mut upper = false;
        for c in s.chars() {
            match c {
                '_' => upper = true,
                c if upper => {
                    out.extend(c.to_uppercase());
                    upper = false;
                }
                c => out.push(c),
            }
        }
    } else {
        for c in s.chars() {
            if c.is_uppercase() {
                out.push('_');
                out.extend(c.to_lowercase());
            } else {
                out.push(c);
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------
// The check.

/// A draft 2020-12 validator of `schema`; with `formats`, one that checks
/// formats, not only notes them.
pub fn validator(schema: &Value, formats: bool) -> jsonschema::Validator {
    let validator = if formats {
        jsonschema::options()
            .should_validate_formats(true)
            .build(schema)
    } else {
        jsonschema::validator_for(schema)
    }
    .expect("the schema compiles");
    assert_eq!(validator.draft(), jsonschema::Draft::Draft202012);
    validator
}

pub fn their_errors(validator: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    validator
        .iter_errors(doc)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// More checks on a value that `Deserialize` accepted, given the document
/// it was read from.
pub type Accepted<T> = fn(&Value, &T) -> Result<(), TestCaseError>;

/// No more checks.
pub fn nothing_more<T>(_doc: &Value, _value: &T) -> Result<(), TestCaseError> {
    Ok(())
}

/// The verdicts of our `Deserialize` (from the value and from its text) and
/// of each validator agree on `doc`; what we accept writes back to a
/// document valid against the first validator, and passes `accepted`.
pub fn check<T: OcppType + Debug>(
    validators: &[jsonschema::Validator],
    doc: &Value,
    built_valid: bool,
    accepted: Accepted<T>,
) -> Result<bool, TestCaseError> {
    let ours = serde_json::from_value::<T>(doc.clone());
    for validator in validators {
        let theirs = validator.is_valid(doc);
        prop_assert_eq!(
            ours.is_ok(),
            theirs,
            "\ndocument: {}\nours: {:?}\ntheirs: {:?}",
            doc,
            ours.as_ref().err().map(ToString::to_string),
            their_errors(validator, doc),
        );
    }
    if built_valid {
        prop_assert!(ours.is_ok(), "a valid document rejected: {doc}: {ours:?}");
    }
    if let Ok(value) = &ours {
        // What we write back is valid too.
        let written = serde_json::to_value(value).unwrap();
        prop_assert!(
            validators[0].is_valid(&written),
            "{doc} written back as {written}: {:?}",
            their_errors(&validators[0], &written),
        );
        accepted(doc, value)?;
    }

    // The text path. serde_json doesn't promise that a float read back from
    // its text is the float written (that is its `float_roundtrip` feature),
    // so the validator judges the value parsed from the same text; where it
    // is the same value (in practice always), the verdict must be too.
    let text = doc.to_string();
    let parsed: Value = serde_json::from_str(&text).unwrap();
    let ours_text = serde_json::from_str::<T>(&text);
    let theirs_text = validators[0].is_valid(&parsed);
    prop_assert_eq!(
        ours_text.is_ok(),
        theirs_text,
        "\ntext: {}\nours: {:?}\ntheirs: {:?}",
        text,
        ours_text.as_ref().err().map(ToString::to_string),
        their_errors(&validators[0], &parsed),
    );
    if parsed == *doc {
        prop_assert_eq!(
            ours_text.is_ok(),
            ours.is_ok(),
            "text path differs: {}",
            text
        );
    }
    Ok(ours.is_ok())
}

/// Cases per type: `default`, or what `PROPTEST_CASES` sets, for a longer
/// hunt.
pub fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(default)
}

/// Runs the property on `T` for `cases` of `documents` (each with whether
/// it was built valid), against `validators`; at least `least` must be
/// accepted and `least` rejected.
pub fn run<T: OcppType + Debug>(
    validators: &[jsonschema::Validator],
    documents: BoxedStrategy<(Value, bool)>,
    cases: u32,
    least: usize,
    accepted_also: Accepted<T>,
) {
    let (accepted, rejected) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&documents, |(doc, built_valid)| {
        let counter = if check::<T>(validators, &doc, built_valid, accepted_also)? {
            &accepted
        } else {
            &rejected
        };
        counter.fetch_add(1, Ordering::Relaxed);
        Ok(())
    });
    match result {
        Ok(()) => {}
        Err(TestError::Fail(reason, (doc, _))) => {
            panic!("{}: disagreement on {doc}\n{reason}", T::NAME)
        }
        Err(error) => panic!("{}: {error}", T::NAME),
    }
    let (accepted, rejected) = (accepted.into_inner(), rejected.into_inner());
    println!(
        "{}: {} cases, {accepted} accepted, {rejected} rejected",
        T::NAME,
        accepted + rejected
    );
    assert!(
        accepted >= least && rejected >= least,
        "one-sided: {accepted} accepted, {rejected} rejected"
    );
}
