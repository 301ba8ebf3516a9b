//! Hardening: the corners of the rules, each one test. Keys given twice at
//! any depth, `#[cfg]` and `#[cfg_attr]` on fields and variants, bounds
//! written at the edges of what a literal can say, open enums that compare
//! by their string, floats JSON can't hold, private setters, descriptions
//! made by macros, and messages that hostile input can't stretch or break.

use ocpp_types::{ocpp_type, DataTransferStatus, ErrorKind, KeyValue, OcppType, SecurityEvent};
use serde_json::{json, Value};
use std::collections::BTreeMap;

mod common;
use common::rejected;

// ---------------------------------------------------------------------------
// Keys given twice.

/// Holds any JSON value
#[ocpp_type]
pub struct Holder {
    pub v: Value,
}

/// An open object that keeps its unknown properties
#[ocpp_type]
pub struct Keeper {
    pub id: u32,
    #[ocpp(flatten)]
    pub extra: ::ocpp_types::Properties,
}

/// An open object that skips its unknown properties
#[ocpp_type]
pub struct Skipper {
    pub id: u32,
}

#[test]
fn a_key_given_twice_in_an_object_of_a_value_field_is_an_error() {
    let error = rejected::<Holder>(r#"{"v": {"k": 1, "k": 2}}"#);
    assert_eq!(error.kind(), ErrorKind::DuplicateKey);
    assert_eq!(error.pointer(), "/v");
    assert_eq!(
        error.to_string(),
        "Holder.v: duplicate key `k` at line 1 column 18"
    );
    // Whatever the values are.
    let error = rejected::<Holder>(r#"{"v": {"k": null, "j": [], "k": {}}}"#);
    assert_eq!(error.kind(), ErrorKind::DuplicateKey);
    assert_eq!(error.message(), "Holder.v: duplicate key `k`");
    // Keys that differ only in case, or by an escape, are different keys
    // when they are different strings, and the same key when they are not.
    assert!(ocpp_types::from_str::<Holder>(r#"{"v": {"k": 1, "K": 2}}"#).is_ok());
    let error = rejected::<Holder>(r#"{"v": {"k": 1, "\u006b": 2}}"#);
    assert_eq!(error.kind(), ErrorKind::DuplicateKey);
    assert_eq!(error.message(), "Holder.v: duplicate key `k`");
}

#[test]
fn a_key_given_twice_inside_arrays_of_a_value_field_is_an_error() {
    let error = rejected::<Holder>(r#"{"v": [1, {"a": [{"k": 1, "k": 2}]}]}"#);
    assert_eq!(error.kind(), ErrorKind::DuplicateKey);
    assert_eq!(error.pointer(), "/v/1/a/0");
    assert_eq!(error.message(), r#"Holder.v[1]["a"][0]: duplicate key `k`"#);
}

#[test]
fn a_key_given_twice_deep_inside_a_value_field_is_an_error() {
    let depth = 100;
    let text = format!(
        r#"{{"v": {}{{"k": 1, "k": 2}}{}}}"#,
        r#"{"a": "#.repeat(depth),
        "}".repeat(depth)
    );
    let error = rejected::<Holder>(&text);
    assert_eq!(error.kind(), ErrorKind::DuplicateKey);
    assert_eq!(error.pointer(), format!("/v{}", "/a".repeat(depth)));
    assert_eq!(
        error.message(),
        format!(r#"Holder.v{}: duplicate key `k`"#, r#"["a"]"#.repeat(depth))
    );
}

#[test]
fn a_key_given_twice_inside_a_kept_unknown_property_is_an_error() {
    let error = rejected::<Keeper>(r#"{"id": 1, "x": {"k": 1, "k": 2}}"#);
    assert_eq!(error.kind(), ErrorKind::DuplicateKey);
    assert_eq!(error.pointer(), "/x");
    assert_eq!(
        error.to_string(),
        r#"Keeper["x"]: duplicate key `k` at line 1 column 27"#
    );

    let error = rejected::<Keeper>(r#"{"id": 1, "x": [{"y": {"k": 1, "k": 2}}]}"#);
    assert_eq!(error.kind(), ErrorKind::DuplicateKey);
    assert_eq!(error.pointer(), "/x/0/y");
    assert_eq!(error.message(), r#"Keeper["x"][0]["y"]: duplicate key `k`"#);
}

#[test]
fn a_kept_unknown_property_given_twice_is_an_error() {
    let error = rejected::<Keeper>(r#"{"id": 1, "x": 1, "x": 2}"#);
    assert_eq!(error.kind(), ErrorKind::DuplicateKey);
    assert_eq!(error.pointer(), "");
    assert_eq!(
        error.to_string(),
        "Keeper: duplicate field `x` at line 1 column 21"
    );
}

/// An open type without a flattened map skips the value of an unknown
/// property, read but not kept; a key given twice anywhere inside it is
/// still an error, as it is in every value a type keeps. The unknown
/// property itself given twice is an error too.
#[test]
fn a_key_twice_inside_a_skipped_property_is_an_error() {
    let skipper: Skipper =
        ocpp_types::from_str(r#"{"id": 1, "x": {"k": 1, "deep": [{"j": 1}, {"j": 2}]}}"#).unwrap();
    assert_eq!(skipper, Skipper::new(1));

    let error = rejected::<Skipper>(r#"{"id": 1, "x": {"k": 1, "k": 2}}"#);
    assert_eq!(error.kind(), ErrorKind::DuplicateKey);
    assert_eq!(error.pointer(), "/x");
    assert_eq!(error.message(), r#"Skipper["x"]: duplicate key `k`"#);

    let error = rejected::<Skipper>(r#"{"id": 1, "x": {"deep": [{"j": 1}, {"j": 1, "j": 2}]}}"#);
    assert_eq!(error.kind(), ErrorKind::DuplicateKey);
    assert_eq!(error.pointer(), "/x/deep/1");

    let error = rejected::<SecurityEvent>(r#"{"type": "ResetOrReboot", "tech": {"k": 1, "k": 2}}"#);
    assert_eq!(error.kind(), ErrorKind::DuplicateKey);
    assert_eq!(error.pointer(), "/tech");

    let error = rejected::<Skipper>(r#"{"id": 1, "x": {}, "x": {}}"#);
    assert_eq!(error.kind(), ErrorKind::DuplicateKey);
    assert_eq!(error.message(), "Skipper: duplicate field `x`");
}

/// Inside a skipped value, keys are looked at down to 64 levels; deeper,
/// the value is only parsed, so that a value of any depth is still read (as
/// its schema, which sets no depth, allows).
#[test]
fn a_skipped_value_is_looked_into_down_to_64_levels() {
    let nested = |levels: usize, inner: &str| {
        format!(
            r#"{{"id": 1, "x": {}{inner}{}}}"#,
            r#"{"a": "#.repeat(levels),
            "}".repeat(levels)
        )
    };
    let twice = r#"{"k": 1, "k": 2}"#;
    let error = rejected::<Skipper>(&nested(63, twice));
    assert_eq!(error.kind(), ErrorKind::DuplicateKey);
    assert_eq!(error.pointer(), format!("/x{}", "/a".repeat(63)));
    let skipper: Skipper = ocpp_types::from_str(&nested(64, twice)).unwrap();
    assert_eq!(skipper, Skipper::new(1));
    // Far beyond serde_json's nesting limit for the values it keeps.
    let skipper: Skipper = ocpp_types::from_str(&nested(10_000, "1")).unwrap();
    assert_eq!(skipper, Skipper::new(1));
}

// ---------------------------------------------------------------------------
// `#[cfg]` and `#[cfg_attr]`.

/// Fields under `cfg` and `cfg_attr`
#[ocpp_type(deny_unknown_fields)]
pub struct Configured {
    pub kept: u8,
    #[cfg(any())]
    pub never: String,
    #[cfg_attr(all(), ocpp(rename = "x"))]
    pub renamed: u8,
    #[cfg_attr(any(), ocpp(rename = "y"))]
    pub not_renamed: u8,
    #[cfg(test)]
    #[ocpp(rename = "always")]
    pub present: u8,
    #[cfg_attr(all(), doc = "Described under cfg_attr")]
    #[cfg_attr(any(), doc = "Never described")]
    pub described: Option<bool>,
}

/// Variants under `cfg` and `cfg_attr`
#[ocpp_type]
pub enum Mode {
    On,
    #[cfg(any())]
    Never,
    #[cfg_attr(all(), ocpp(rename = "off"))]
    Off,
    #[cfg_attr(any(), ocpp(rename = "idle"))]
    Idle,
    #[cfg_attr(all(), doc = "Described under cfg_attr")]
    Standby,
}

#[ocpp_type]
#[cfg_attr(all(), doc = "Described under cfg_attr")]
#[cfg_attr(any(), doc = "Never described")]
pub struct DescribedByCfg {
    pub a: u8,
}

/// Alternatives chosen by `cfg`, as a crate feature would choose them
#[ocpp_type(deny_unknown_fields)]
pub struct Alternatives {
    #[cfg(test)]
    #[ocpp(rename = "v")]
    pub number: u8,
    #[cfg(any())]
    #[ocpp(rename = "v")]
    pub text: String,
    #[cfg(any())]
    pub from_a_missing_crate: not_a_dependency::Type,
    #[cfg(any())]
    #[ocpp(max_length = 3)]
    pub limited: String,
}

/// Variant alternatives chosen by `cfg`
#[ocpp_type]
pub enum AlternativeValues {
    #[cfg(test)]
    #[ocpp(rename = "x")]
    Chosen,
    #[cfg(any())]
    #[ocpp(rename = "x")]
    NotChosen,
}

#[test]
fn fields_and_variants_under_a_false_cfg_are_not_checked_against_the_others() {
    // Two fields (or variants) with one wire name, one of them compiled; a
    // field whose type does not exist where it is not compiled.
    let value: Alternatives = ocpp_types::from_str(r#"{"v": 7}"#).unwrap();
    assert_eq!(value, Alternatives::new(7));
    assert_eq!(
        Alternatives::json_schema()["properties"],
        json!({"v": {"type": "integer", "minimum": 0, "maximum": 255}})
    );
    assert_eq!(AlternativeValues::ALL, [AlternativeValues::Chosen]);
    assert_eq!(AlternativeValues::Chosen.as_str(), "x");
}

#[test]
fn a_field_under_a_false_cfg_is_neither_required_nor_in_the_schema() {
    // `new` takes the four required fields that are compiled.
    let value = Configured::new(1, 2, 3, 4);
    assert_eq!(
        serde_json::to_value(&value).unwrap(),
        json!({"kept": 1, "x": 2, "not_renamed": 3, "always": 4})
    );
    let error = rejected::<Configured>("{}");
    assert_eq!(
        error.missing_fields(),
        ["kept", "x", "not_renamed", "always"]
    );
    let schema = Configured::json_schema();
    assert_eq!(
        schema["required"],
        json!(["kept", "x", "not_renamed", "always"])
    );
    let properties: Vec<&String> = schema["properties"].as_object().unwrap().keys().collect();
    assert_eq!(
        properties,
        ["kept", "x", "not_renamed", "always", "described"]
    );
    // On the wire it is an unknown property.
    let error = rejected::<Configured>(
        r#"{"kept": 1, "x": 2, "not_renamed": 3, "always": 4, "never": "n"}"#,
    );
    assert_eq!(error.kind(), ErrorKind::UnknownProperty);
    assert_eq!(
        error.message(),
        "Configured: unknown field `never`, expected one of `kept`, `x`, `not_renamed`, `always`, `described`"
    );
}

#[test]
fn cfg_attr_with_a_true_predicate_applies_its_option() {
    let value: Configured =
        ocpp_types::from_str(r#"{"kept": 1, "x": 2, "not_renamed": 3, "always": 4}"#).unwrap();
    assert_eq!(value.renamed, 2);
    let error =
        rejected::<Configured>(r#"{"kept": 1, "renamed": 2, "not_renamed": 3, "always": 4}"#);
    assert_eq!(error.kind(), ErrorKind::UnknownProperty);
    assert!(error
        .message()
        .starts_with("Configured: unknown field `renamed`"));
}

#[test]
fn cfg_attr_with_a_false_predicate_applies_nothing() {
    let error = rejected::<Configured>(r#"{"kept": 1, "x": 2, "y": 3, "always": 4}"#);
    assert_eq!(error.kind(), ErrorKind::UnknownProperty);
    assert!(error.message().starts_with("Configured: unknown field `y`"));
    assert_eq!(Mode::Idle.as_str(), "Idle");
}

#[test]
fn a_variant_under_a_false_cfg_is_not_a_value() {
    assert_eq!(Mode::ALL, [Mode::On, Mode::Off, Mode::Idle, Mode::Standby]);
    assert_eq!(Mode::Off.as_str(), "off");
    assert_eq!(
        Mode::json_schema()["enum"],
        json!(["On", "off", "Idle", "Standby"])
    );
    let error = rejected::<Mode>(r#""Never""#);
    assert_eq!(error.kind(), ErrorKind::UnknownEnumValue);
    assert_eq!(
        error.to_string(),
        "Mode: unknown Mode value `Never`, expected one of `On`, `off`, `Idle`, `Standby` at line 1 column 7"
    );
    assert!("Never".parse::<Mode>().is_err());
}

#[test]
fn cfg_attr_doc_is_the_description() {
    assert_eq!(DescribedByCfg::DESCRIPTION, "Described under cfg_attr");
    assert_eq!(
        DescribedByCfg::json_schema()["description"],
        "Described under cfg_attr"
    );
    assert_eq!(
        Configured::json_schema()["properties"]["described"],
        json!({"description": "Described under cfg_attr", "type": "boolean"})
    );
}

// ---------------------------------------------------------------------------
// Bounds at the edges of what a literal can say.

/// Bounds written at the edges
#[ocpp_type]
pub struct Edges {
    #[ocpp(minimum = -0.0)]
    pub non_negative: Option<f64>,
    #[ocpp(maximum = 1e300)]
    pub huge: Option<f64>,
    #[ocpp(minimum = -170141183460469231731687303715884105728)]
    pub lowest: Option<i64>,
    #[ocpp(maximum = 300)]
    pub byte: Option<u8>,
}

fn edges(field: &str, number: &str) -> String {
    format!(r#"{{"{field}": {number}}}"#)
}

#[test]
fn minimum_minus_zero_accepts_both_zeros_and_nothing_below() {
    for zero in ["0", "-0", "0.0", "-0.0", "0e10", "5e-324"] {
        let value: Edges = ocpp_types::from_str(&edges("non_negative", zero)).unwrap();
        assert!(value.non_negative.unwrap() >= 0.0, "{zero}");
    }
    let error = rejected::<Edges>(&edges("non_negative", "-5e-324"));
    assert_eq!(error.kind(), ErrorKind::Range);
    assert_eq!(error.pointer(), "/non_negative");
    assert_eq!(
        error.message(),
        "Edges.non_negative: -5e-324 is less than the minimum of -0"
    );
    let error = rejected::<Edges>(&edges("non_negative", "-1"));
    assert_eq!(
        error.message(),
        "Edges.non_negative: -1 is less than the minimum of -0"
    );
    // Writing checks the same bound.
    assert_eq!(
        serde_json::to_string(&Edges::new().with_non_negative(-0.0)).unwrap(),
        r#"{"non_negative":-0.0}"#
    );
    assert_eq!(
        serde_json::to_string(&Edges::new().with_non_negative(-1.0))
            .unwrap_err()
            .to_string(),
        "Edges.non_negative: -1 is less than the minimum of -0"
    );
    let minimum = &Edges::json_schema()["properties"]["non_negative"]["minimum"];
    assert!(minimum.is_f64(), "{minimum}");
    assert_eq!(minimum.as_f64(), Some(0.0));
}

#[test]
fn maximum_1e300_is_exact() {
    let value: Edges = ocpp_types::from_str(&edges("huge", "1e300")).unwrap();
    assert_eq!(value.huge, Some(1e300));
    // The same number written out in full.
    let written_out = format!("1{}", "0".repeat(300));
    let value: Edges = ocpp_types::from_str(&edges("huge", &written_out)).unwrap();
    assert_eq!(value.huge, Some(1e300));
    // The next f64 up is out.
    let next = f64::from_bits(1e300f64.to_bits() + 1);
    let error = rejected::<Edges>(&edges("huge", &format!("{next:e}")));
    assert_eq!(error.kind(), ErrorKind::Range);
    assert_eq!(
        error.message(),
        format!("Edges.huge: {next:e} is more than the maximum of 1e300")
    );
    let error = rejected::<Edges>(&edges("huge", "1.7976931348623157e308"));
    assert_eq!(
        error.message(),
        "Edges.huge: 1.7976931348623157e308 is more than the maximum of 1e300"
    );
    assert_eq!(
        Edges::json_schema()["properties"]["huge"],
        json!({"type": "number", "maximum": 1e300})
    );
}

#[test]
fn minimum_i128_min_on_an_i64_field_leaves_the_i64_range() {
    let value: Edges = ocpp_types::from_str(&edges("lowest", "-9223372036854775808")).unwrap();
    assert_eq!(value.lowest, Some(i64::MIN));
    let error = rejected::<Edges>(&edges("lowest", "-1e19"));
    assert_eq!(error.kind(), ErrorKind::Range);
    assert_eq!(
        error.message(),
        "Edges.lowest: invalid value: number `-1e19`, expected an integer from -9223372036854775808 to 9223372036854775807"
    );
    assert_eq!(
        Edges::json_schema()["properties"]["lowest"],
        json!({"type": "integer", "minimum": i64::MIN, "maximum": i64::MAX})
    );
}

#[test]
fn maximum_300_on_a_u8_field_leaves_the_u8_range() {
    let value: Edges = ocpp_types::from_str(&edges("byte", "255")).unwrap();
    assert_eq!(value.byte, Some(255));
    let error = rejected::<Edges>(&edges("byte", "256"));
    assert_eq!(error.kind(), ErrorKind::Range);
    assert_eq!(
        error.message(),
        "Edges.byte: invalid value: integer `256`, expected an integer from 0 to 255"
    );
    assert_eq!(
        Edges::json_schema()["properties"]["byte"],
        json!({"type": "integer", "minimum": 0, "maximum": 255})
    );
}

// ---------------------------------------------------------------------------
// Open enums and floats: values are what they write.

/// What was measured, open to later values
#[ocpp_type]
pub enum Measurand {
    #[ocpp(rename = "Current.Import")]
    CurrentImport,
    Voltage,
    #[ocpp(other)]
    Unknown(String),
}

fn hash_of<T: std::hash::Hash>(value: &T) -> u64 {
    use std::hash::BuildHasher;
    // One hasher for both values: the same keys.
    static STATE: std::sync::OnceLock<std::collections::hash_map::RandomState> =
        std::sync::OnceLock::new();
    STATE
        .get_or_init(std::collections::hash_map::RandomState::new)
        .hash_one(value)
}

#[test]
fn an_open_enum_value_is_its_string() {
    let unknown_voltage = Measurand::Unknown("Voltage".into());
    assert_eq!(unknown_voltage, Measurand::Voltage);
    assert_eq!(Measurand::Voltage, unknown_voltage);
    assert_eq!(hash_of(&unknown_voltage), hash_of(&Measurand::Voltage));
    assert_eq!(
        Measurand::Unknown("Current.Import".into()),
        Measurand::CurrentImport
    );
    assert_eq!(
        hash_of(&Measurand::Unknown("Current.Import".into())),
        hash_of(&Measurand::CurrentImport)
    );
    // The Rust name is not the string.
    assert_ne!(
        Measurand::Unknown("CurrentImport".into()),
        Measurand::CurrentImport
    );
    let set: std::collections::HashSet<Measurand> =
        [Measurand::Voltage, unknown_voltage].into_iter().collect();
    assert_eq!(set.len(), 1);
}

#[test]
fn every_open_enum_value_reads_back_as_itself() {
    for value in [
        Measurand::CurrentImport,
        Measurand::Voltage,
        Measurand::Unknown("Power.Active.Import".into()),
        Measurand::Unknown("Voltage".into()),
        Measurand::Unknown("Current.Import".into()),
        Measurand::Unknown(String::new()),
        Measurand::Unknown("line\nbreak \"quoted\" \u{2028}".into()),
    ] {
        let text = serde_json::to_string(&value).unwrap();
        assert_eq!(
            ocpp_types::from_str::<Measurand>(&text).unwrap(),
            value,
            "{text}"
        );
        assert_eq!(
            serde_json::from_str::<Measurand>(&text).unwrap(),
            value,
            "{text}"
        );
    }
}

/// A measurement in floating point
#[ocpp_type]
pub struct Measurement {
    pub value: f64,
    pub samples: Option<Vec<f32>>,
    pub by_phase: Option<BTreeMap<String, f64>>,
}

#[test]
fn a_float_that_is_not_finite_does_not_serialize() {
    for (value, shown) in [
        (f64::NAN, "NaN"),
        (f64::INFINITY, "inf"),
        (f64::NEG_INFINITY, "-inf"),
    ] {
        let message =
            format!("Measurement.value: {shown} can't be written: JSON numbers are finite");
        let measurement = Measurement::new(value);
        assert_eq!(
            serde_json::to_string(&measurement).unwrap_err().to_string(),
            message
        );
        assert_eq!(
            serde_json::to_value(&measurement).unwrap_err().to_string(),
            message
        );
    }
    let measurement = Measurement::new(1.0).with_samples(vec![1.0, f32::INFINITY]);
    assert_eq!(
        serde_json::to_string(&measurement).unwrap_err().to_string(),
        "Measurement.samples: inf can't be written: JSON numbers are finite"
    );
    let measurement =
        Measurement::new(1.0).with_by_phase(BTreeMap::from([("L1".to_owned(), f64::NAN)]));
    assert_eq!(
        serde_json::to_string(&measurement).unwrap_err().to_string(),
        "Measurement.by_phase: NaN can't be written: JSON numbers are finite"
    );
    // Finite values are written.
    assert_eq!(
        serde_json::to_string(&Measurement::new(-0.5)).unwrap(),
        r#"{"value":-0.5}"#
    );
}

// ---------------------------------------------------------------------------
// Setters.

mod setters {
    use ocpp_types::ocpp_type;

    /// A type with a field only its module sees
    #[ocpp_type]
    pub struct Secretive {
        pub id: u32,
        pub public_note: Option<String>,
        note: Option<String>,
    }

    /// The setter of the private field is there for this module; that it is
    /// private (not callable outside) is a compile-fail test under tests/ui.
    #[test]
    fn a_setter_of_a_private_field_is_usable_inside_its_module() {
        let value = Secretive::new(1).with_note("n").with_public_note("p");
        assert_eq!(value.note.as_deref(), Some("n"));
        assert_eq!(value.public_note.as_deref(), Some("p"));
    }
}

#[test]
fn a_setter_of_a_public_field_is_public() {
    // From outside the module: `new` is as visible as the least visible
    // field, so the value is read rather than built here.
    let value: setters::Secretive = ocpp_types::from_str(r#"{"id": 1}"#).unwrap();
    let value = value.with_public_note("p");
    assert_eq!(value.public_note.as_deref(), Some("p"));
}

// ---------------------------------------------------------------------------
// Descriptions made by macros.

/// First line
#[doc = concat!("second ", "line")]
#[ocpp_type]
pub struct Concatenated {
    #[doc = concat!("A field ", "described ", "in parts")]
    pub a: u8,
}

#[doc = include_str!("data/description.txt")]
#[ocpp_type]
pub struct Included {
    #[doc = include_str!("data/description.txt")]
    pub a: u8,
}

#[doc = concat!("  ", "An enum described in parts  ")]
#[ocpp_type]
pub enum ConcatenatedEnum {
    One,
}

#[test]
fn a_description_from_concat_is_the_description() {
    assert_eq!(Concatenated::DESCRIPTION, "First line\nsecond line");
    assert_eq!(
        Concatenated::json_schema()["description"],
        "First line\nsecond line"
    );
    assert_eq!(
        Concatenated::json_schema()["properties"]["a"]["description"],
        "A field described in parts"
    );
    assert_eq!(ConcatenatedEnum::DESCRIPTION, "An enum described in parts");
    assert_eq!(
        ConcatenatedEnum::json_schema()["description"],
        "An enum described in parts"
    );
}

#[test]
fn a_description_from_include_str_is_the_description_trimmed() {
    let text = "Kept in tests/data/description.txt, and trimmed.";
    assert_eq!(Included::DESCRIPTION, text);
    assert_eq!(Included::json_schema()["description"], text);
    assert_eq!(
        Included::json_schema()["properties"]["a"]["description"],
        text
    );
}

// ---------------------------------------------------------------------------
// Messages on hostile input: one line, and short.

/// Checks that `message` is one line, with no character that breaks one.
fn assert_one_line(message: &str) {
    for c in ['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}'] {
        assert!(!message.contains(c), "{c:?} in {message:?}");
    }
}

#[test]
fn an_unknown_enum_value_with_a_line_break_is_one_line_in_the_message() {
    let text = r#""Accepted\r\n2026-11-27 INFO all good\u2028""#;
    let message = serde_json::from_str::<DataTransferStatus>(text)
        .unwrap_err()
        .to_string();
    assert_one_line(&message);
    assert_eq!(
        message,
        "DataTransferStatus: unknown DataTransferStatus value \
         `Accepted\\r\\n2026-11-27 INFO all good\\u{2028}`, expected one of \
         `Accepted`, `Rejected`, `UnknownMessageId`, `UnknownVendorId` at line 1 column 44"
    );
    assert_eq!(
        rejected::<DataTransferStatus>(text).kind(),
        ErrorKind::UnknownEnumValue
    );
}

#[test]
fn a_100_kb_property_name_on_a_closed_type_makes_a_short_message() {
    let name = "a".repeat(100 * 1024);
    let text = format!(r#"{{"key": "k", "read_only": true, "{name}": 1}}"#);
    let message = serde_json::from_str::<KeyValue>(&text)
        .unwrap_err()
        .to_string();
    assert_one_line(&message);
    assert!(message.len() < 300, "{} bytes", message.len());
    assert_eq!(
        message,
        format!(
            "KeyValue: unknown field `{}…` (102336 more characters), expected one of \
             `key`, `read_only`, `value` at line 1 column {}",
            "a".repeat(64),
            text.len() - 4
        )
    );
    assert_eq!(
        rejected::<KeyValue>(&text).kind(),
        ErrorKind::UnknownProperty
    );
}

#[test]
fn a_100_kb_enum_value_or_repeated_name_makes_a_short_message() {
    let long = "\n".repeat(100 * 1024);
    let text = serde_json::to_string(&long).unwrap();
    let message = serde_json::from_str::<DataTransferStatus>(&text)
        .unwrap_err()
        .to_string();
    assert_one_line(&message);
    assert!(message.len() < 400, "{} bytes", message.len());
    assert!(
        message.contains("…` (102336 more characters), expected one of"),
        "{message}"
    );

    // An unknown property of an open type, given twice.
    let name = "b".repeat(100 * 1024);
    let text = format!(r#"{{"type": "t", "{name}": 1, "{name}": 2}}"#);
    let message = serde_json::from_str::<SecurityEvent>(&text)
        .unwrap_err()
        .to_string();
    assert_one_line(&message);
    assert!(message.len() < 300, "{} bytes", message.len());
    assert!(
        message.starts_with(&format!(
            "SecurityEvent: duplicate field `{}…` (102336 more characters) at line 1 column ",
            "b".repeat(64)
        )),
        "{message}"
    );
}

#[test]
fn a_long_path_shows_its_first_and_last_steps() {
    let depth = 120;
    let text = format!(
        r#"{{"v": {}{{"k": 1, "k": 2}}{}}}"#,
        r#"{"abcdefgh": "#.repeat(depth),
        "}".repeat(depth)
    );
    let error = rejected::<Holder>(&text);
    // Every step is in the path as data...
    assert_eq!(error.pointer(), format!("/v{}", "/abcdefgh".repeat(depth)));
    // ... and the message shows the first and as many of the last as fit
    // in 512 bytes: 42 of 12 bytes after the 2 of `.v`.
    assert_eq!(
        error.message(),
        format!(
            r#"Holder.v…{}: duplicate key `k`"#,
            r#"["abcdefgh"]"#.repeat(42)
        )
    );
}

#[test]
fn a_message_is_bounded_whatever_its_path() {
    // 125 nested objects, each key 65 invisible characters (each escaped
    // in ten bytes), and a key twice at the bottom: 25 kB of input.
    let key = "\u{200b}".repeat(65);
    let mut inner = r#"{"a":1,"a":2}"#.to_owned();
    for _ in 0..125 {
        inner = format!(r#"{{"{key}":{inner}}}"#);
    }
    let text = format!(r#"{{"vendorId":"v","data":{inner}}}"#);
    let error = ocpp_types::from_str::<ocpp_types::v201::DataTransferRequest>(&text).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::DuplicateKey);
    assert_eq!(error.path().len(), 126);
    assert_one_line(error.message());
    assert!(
        error.message().len() <= ocpp_types::MAX_MESSAGE_LEN,
        "{} bytes",
        error.message().len()
    );
    assert!(
        error
            .message()
            .starts_with("DataTransferRequest.data…[\"\\u{200b}"),
        "{}",
        error.message()
    );
    assert!(
        error.message().ends_with("]: duplicate key `a`"),
        "{}",
        error.message()
    );
    // serde_json's own entry point shows the same message.
    let json_error =
        serde_json::from_str::<ocpp_types::v201::DataTransferRequest>(&text).unwrap_err();
    assert_eq!(json_error.to_string(), error.to_string());
}

#[test]
fn a_message_of_many_long_parts_is_cut_at_its_bound() {
    // A path whose last step alone is 650 bytes, and a repeated key of as
    // many: the message is cut at MAX_MESSAGE_LEN bytes, on a character.
    let key = "\u{200b}".repeat(100);
    let text = format!(r#"{{"v": {{"{key}": {{"{key}": 1, "{key}": 2}}}}}}"#);
    let error = rejected::<Holder>(&text);
    assert_eq!(error.kind(), ErrorKind::DuplicateKey);
    let message = error.message();
    assert_one_line(message);
    assert!(
        message.len() <= ocpp_types::MAX_MESSAGE_LEN,
        "{} bytes",
        message.len()
    );
    assert!(message.ends_with('…'), "{message}");
}
