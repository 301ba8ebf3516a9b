//! Robustness of the eight spec types against any input, as a user sees them:
//! nothing panics, every value survives a round trip, and input nested far
//! deeper than any OCPP document never overflows the stack: it is a clean
//! error, at the bound on depth the README states. The fuzz
//! targets in `ocpp-types/fuzz/` push the first two rules much further; these
//! are the property tests that run in CI.

use ocpp_types::{
    ConfigurationStatus, DataTransferRequest, DataTransferResponse, DataTransferStatus,
    GetConfigurationResponse, KeyValue, OcppType, SecurityEvent, SecurityEventEnum,
};
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;
use serde_json::{Map, Value};
use std::fmt::Debug;

/// What every check needs of a type: it is an OCPP type (so it serializes
/// and deserializes) and can be compared and shown.
trait Spec: OcppType + PartialEq + Debug {}
impl<T: OcppType + PartialEq + Debug> Spec for T {}

/// A proptest config with `cases` cases and no regression files written
/// into the tree (a failure prints its minimal input instead).
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Runs `$check::<T>($args)` for each of the eight types.
macro_rules! for_each_type {
    ($check:ident($($arg:expr),*)) => {{
        $check::<DataTransferStatus>($($arg),*)?;
        $check::<DataTransferRequest>($($arg),*)?;
        $check::<DataTransferResponse>($($arg),*)?;
        $check::<KeyValue>($($arg),*)?;
        $check::<GetConfigurationResponse>($($arg),*)?;
        $check::<ConfigurationStatus>($($arg),*)?;
        $check::<SecurityEventEnum>($($arg),*)?;
        $check::<SecurityEvent>($($arg),*)?;
    }};
}

// ---------------------------------------------------------------------------
// Strategies for arbitrary input.

/// Every property name of the eight types, so that arbitrary objects often
/// hit real fields and the parser goes deep into the generated code.
const FIELD_NAMES: &[&str] = &[
    "vendor_id",
    "message_id",
    "data",
    "status",
    "key",
    "read_only",
    "value",
    "configuration_keys",
    "unknown_keys",
    "type",
    "info",
];

/// Strings that are often the values of the enums.
fn enum_like_string() -> impl Strategy<Value = String> {
    let wires: Vec<&'static str> = DataTransferStatus::ALL
        .iter()
        .map(DataTransferStatus::as_str)
        .chain(
            ConfigurationStatus::ALL
                .iter()
                .map(ConfigurationStatus::as_str),
        )
        .chain(SecurityEventEnum::ALL.iter().map(SecurityEventEnum::as_str))
        .chain(["accepted", "ACCEPTED", "Accepted ", ""])
        .collect();
    prop_oneof![
        2 => proptest::sample::select(wires).prop_map(str::to_owned),
        1 => any::<String>(),
    ]
}

fn property_name() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(FIELD_NAMES).prop_map(str::to_owned),
        1 => any::<String>(),
    ]
}

/// Any JSON value, up to six levels deep, with keys drawn mostly from the
/// real field names.
fn any_json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from), // NaN and infinities become null
        enum_like_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 64, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::vec((property_name(), inner), 0..6)
                .prop_map(|entries| Value::Object(entries.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A valid document of one of the eight types.
fn valid_document() -> impl Strategy<Value = Value> {
    fn document<T: Spec>(value: T) -> Value {
        serde_json::to_value(value).expect("serializes")
    }
    prop_oneof![
        data_transfer_status().prop_map(document),
        data_transfer_request().prop_map(document),
        data_transfer_response().prop_map(document),
        key_value().prop_map(document),
        get_configuration_response().prop_map(document),
        configuration_status().prop_map(document),
        security_event_enum().prop_map(document),
        security_event().prop_map(document),
    ]
}

/// One change to a document: at one of its values (the `node`-th), remove
/// an item, add a property `name` (or an element) with `value`, or replace
/// an item or the node itself with `value`.
type Damage = (prop::sample::Index, u8, prop::sample::Index, String, Value);

fn damage(document: &mut Value, (node, op, item, name, value): Damage) {
    fn pointers(value: &Value, at: String, all: &mut Vec<String>) {
        match value {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    pointers(item, format!("{at}/{i}"), all);
                }
            }
            Value::Object(map) => {
                for (key, item) in map {
                    let key = key.replace('~', "~0").replace('/', "~1");
                    pointers(item, format!("{at}/{key}"), all);
                }
            }
            _ => {}
        }
        all.push(at);
    }
    let mut all = Vec::new();
    pointers(document, String::new(), &mut all);
    let node = document
        .pointer_mut(node.get(&all).as_str())
        .expect("a pointer of the document");
    match (node, op % 3) {
        (Value::Object(map), 0) if !map.is_empty() => {
            let key = item.get(&map.keys().cloned().collect::<Vec<_>>()).clone();
            map.remove(&key);
        }
        (Value::Object(map), 1) => {
            map.insert(name, value);
        }
        (Value::Object(map), _) if !map.is_empty() => {
            let i = item.index(map.len());
            *map.values_mut().nth(i).expect("in range") = value;
        }
        (Value::Array(items), 0) if !items.is_empty() => {
            items.remove(item.index(items.len()));
        }
        (Value::Array(items), 1) => items.insert(item.index(items.len() + 1), value),
        (Value::Array(items), _) if !items.is_empty() => {
            let i = item.index(items.len());
            items[i] = value;
        }
        (node, _) => *node = value,
    }
}

/// A valid document with up to three changes: mostly still the right shape,
/// so the parser gets deep into the generated code before anything is off.
fn damaged_document() -> impl Strategy<Value = Value> {
    let one = (
        any::<prop::sample::Index>(),
        any::<u8>(),
        any::<prop::sample::Index>(),
        property_name(),
        any_json_value(),
    );
    (valid_document(), proptest::collection::vec(one, 0..4)).prop_map(|(mut document, all)| {
        for one in all {
            damage(&mut document, one);
        }
        document
    })
}

/// Any JSON value: arbitrary, or a damaged document of one of the types.
fn json_value() -> impl Strategy<Value = Value> {
    prop_oneof![any_json_value(), damaged_document()]
}

/// Up to three byte edits: cut, put in or change a byte.
fn byte_edits() -> impl Strategy<Value = Vec<(prop::sample::Index, u8, u8)>> {
    proptest::collection::vec((any::<prop::sample::Index>(), 0u8..3, any::<u8>()), 0..4)
}

fn apply(mut bytes: Vec<u8>, edits: Vec<(prop::sample::Index, u8, u8)>) -> Vec<u8> {
    for (at, kind, byte) in edits {
        let i = at.index(bytes.len() + 1);
        match kind {
            0 if i < bytes.len() => {
                bytes.remove(i);
            }
            1 => bytes.insert(i, byte),
            _ if i < bytes.len() => bytes[i] = byte,
            _ => bytes.push(byte),
        }
    }
    bytes
}

/// JSON bytes: plain noise; a rendered JSON value with a few bytes edited,
/// which keeps most of the text valid up to the damage; or one with a
/// property put in after a `{`, which may repeat a key (a `Value` can't).
fn json_bytes() -> impl Strategy<Value = Vec<u8>> {
    let property = (
        any::<prop::sample::Index>(),
        property_name(),
        any_json_value(),
    );
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..64),
        (json_value(), byte_edits())
            .prop_map(|(value, edits)| apply(value.to_string().into_bytes(), edits)),
        (damaged_document(), property).prop_map(|(value, (at, name, extra))| {
            let text = value.to_string();
            let braces: Vec<usize> = text.match_indices('{').map(|(i, _)| i + 1).collect();
            if braces.is_empty() {
                return text.into_bytes();
            }
            let i = *at.get(&braces);
            let property = format!("{}:{extra},", Value::String(name));
            format!("{}{property}{}", &text[..i], &text[i..]).into_bytes()
        }),
    ]
}

/// CBOR bytes: plain noise, or the CBOR of a JSON value with a few bytes
/// edited.
fn cbor_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..64),
        (json_value(), byte_edits()).prop_map(|(value, edits)| {
            let mut bytes = Vec::new();
            ciborium::into_writer(&value, &mut bytes).expect("serializes");
            apply(bytes, edits)
        }),
    ]
}

// ---------------------------------------------------------------------------
// Strategies for valid values, built with the public constructors.

fn data_transfer_status() -> impl Strategy<Value = DataTransferStatus> {
    proptest::sample::select(DataTransferStatus::ALL)
}

fn configuration_status() -> impl Strategy<Value = ConfigurationStatus> {
    proptest::sample::select(ConfigurationStatus::ALL)
}

fn security_event_enum() -> impl Strategy<Value = SecurityEventEnum> {
    proptest::sample::select(SecurityEventEnum::ALL)
}

fn optional_string() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(any::<String>())
}

fn data_transfer_request() -> impl Strategy<Value = DataTransferRequest> {
    (any::<String>(), optional_string(), optional_string()).prop_map(
        |(vendor_id, message_id, data)| {
            let mut request = DataTransferRequest::new(vendor_id);
            if let Some(message_id) = message_id {
                request = request.with_message_id(message_id);
            }
            if let Some(data) = data {
                request = request.with_data(data);
            }
            request
        },
    )
}

fn data_transfer_response() -> impl Strategy<Value = DataTransferResponse> {
    (data_transfer_status(), optional_string()).prop_map(|(status, data)| {
        let response = DataTransferResponse::new(status);
        match data {
            Some(data) => response.with_data(data),
            None => response,
        }
    })
}

fn key_value() -> impl Strategy<Value = KeyValue> {
    (any::<String>(), any::<bool>(), optional_string()).prop_map(|(key, read_only, value)| {
        let pair = KeyValue::new(key, read_only);
        match value {
            Some(value) => pair.with_value(value),
            None => pair,
        }
    })
}

fn get_configuration_response() -> impl Strategy<Value = GetConfigurationResponse> {
    (
        proptest::collection::vec(key_value(), 0..8),
        proptest::collection::vec(any::<String>(), 0..8),
    )
        .prop_map(|(configuration_keys, unknown_keys)| {
            GetConfigurationResponse::new(configuration_keys, unknown_keys)
        })
}

fn security_event() -> impl Strategy<Value = SecurityEvent> {
    // The type: a known event half of the time, any string otherwise.
    let kind = prop_oneof![
        security_event_enum().prop_map(|kind| kind.as_str().to_owned()),
        any::<String>(),
    ];
    (kind, optional_string()).prop_map(|(kind, info)| {
        let event = SecurityEvent::new(kind);
        match info {
            Some(info) => event.with_info(info),
            None => event,
        }
    })
}

// ---------------------------------------------------------------------------
// The checks, generic over the type.

type Check = Result<(), TestCaseError>;

/// Parsing must return, Ok or Err; a panic fails the test case.
fn parse_bytes<T: Spec>(bytes: &[u8]) -> Check {
    let _ = serde_json::from_slice::<T>(bytes);
    Ok(())
}

fn parse_cbor<T: Spec>(bytes: &[u8]) -> Check {
    let _ = ciborium::from_reader::<T, _>(bytes);
    Ok(())
}

fn parse_value<T: Spec>(value: &Value) -> Check {
    let _ = serde_json::from_value::<T>(value.clone());
    let _ = serde_json::from_str::<T>(&value.to_string());
    Ok(())
}

/// The value and its text are the same document: both parse to the same
/// value, or both fail with the same message (the text's with a position).
fn agree<T: Spec>(value: &Value) -> Check {
    let text = value.to_string();
    match (
        serde_json::from_value::<T>(value.clone()),
        serde_json::from_str::<T>(&text),
    ) {
        (Ok(from_value), Ok(from_str)) => prop_assert_eq!(from_value, from_str),
        (Err(from_value), Err(from_str)) => {
            let (line, column) = (from_str.line(), from_str.column());
            prop_assert_eq!(
                without_number(&format!("{from_value} at line {line} column {column}")),
                without_number(&from_str.to_string()),
                "{}",
                text
            );
        }
        (from_value, from_str) => prop_assert!(
            false,
            "{text}: from_value gave {from_value:?}, from_str gave {from_str:?}"
        ),
    }
    Ok(())
}

/// The message without the digits of a "number `…`" found: serde_json
/// (without its `float_roundtrip` feature) may parse the text of an `f64`
/// back one unit in the last place off, so the `Value` and its text can
/// hold two neighbouring floats.
fn without_number(message: &str) -> String {
    match message.split_once("number `") {
        Some((before, after)) => {
            let rest = after.split_once('`').map_or("", |(_, rest)| rest);
            format!("{before}number `…`{rest}")
        }
        None => message.to_owned(),
    }
}

fn json_round_trip<T: Spec>(value: &T) -> Check {
    let text = serde_json::to_string(value).expect("serializes");
    let again: T = serde_json::from_str(&text)
        .map_err(|e| TestCaseError::fail(format!("{text} does not parse: {e}")))?;
    prop_assert_eq!(&again, value, "{}", text);
    // The text is stable too: the value parsed back writes the same bytes.
    prop_assert_eq!(serde_json::to_string(&again).expect("serializes"), text);
    Ok(())
}

fn cbor_round_trip<T: Spec>(value: &T) -> Check {
    let mut bytes = Vec::new();
    ciborium::into_writer(value, &mut bytes).expect("serializes");
    let again: T = ciborium::from_reader(bytes.as_slice())
        .map_err(|e| TestCaseError::fail(format!("{bytes:02x?} does not parse: {e}")))?;
    prop_assert_eq!(&again, value);
    Ok(())
}

// ---------------------------------------------------------------------------
// The rules.

proptest! {
    #![proptest_config(config(1024))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in json_bytes()) {
        for_each_type!(parse_bytes(&bytes));
    }

    #[test]
    fn arbitrary_cbor_bytes_never_panic(bytes in cbor_bytes()) {
        for_each_type!(parse_cbor(&bytes));
    }
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn arbitrary_json_values_never_panic(value in json_value()) {
        for_each_type!(parse_value(&value));
        // Wrapped in an object with real fields, so the value sits at a field.
        for name in FIELD_NAMES {
            let mut wrapped = Map::new();
            wrapped.insert("vendor_id".into(), "v".into());
            wrapped.insert("type".into(), "t".into());
            wrapped.insert((*name).into(), value.clone());
            let wrapped = Value::Object(wrapped);
            for_each_type!(parse_value(&wrapped));
        }
    }

    #[test]
    fn from_value_and_from_str_agree(value in json_value()) {
        for_each_type!(agree(&value));
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn every_value_round_trips_through_json(
        data_transfer_status in data_transfer_status(),
        data_transfer_request in data_transfer_request(),
        data_transfer_response in data_transfer_response(),
        key_value in key_value(),
        get_configuration_response in get_configuration_response(),
        configuration_status in configuration_status(),
        security_event_enum in security_event_enum(),
        security_event in security_event(),
    ) {
        json_round_trip(&data_transfer_status)?;
        json_round_trip(&data_transfer_request)?;
        json_round_trip(&data_transfer_response)?;
        json_round_trip(&key_value)?;
        json_round_trip(&get_configuration_response)?;
        json_round_trip(&configuration_status)?;
        json_round_trip(&security_event_enum)?;
        json_round_trip(&security_event)?;
    }

    #[test]
    fn every_value_round_trips_through_cbor(
        data_transfer_status in data_transfer_status(),
        data_transfer_request in data_transfer_request(),
        data_transfer_response in data_transfer_response(),
        key_value in key_value(),
        get_configuration_response in get_configuration_response(),
        configuration_status in configuration_status(),
        security_event_enum in security_event_enum(),
        security_event in security_event(),
    ) {
        cbor_round_trip(&data_transfer_status)?;
        cbor_round_trip(&data_transfer_request)?;
        cbor_round_trip(&data_transfer_response)?;
        cbor_round_trip(&key_value)?;
        cbor_round_trip(&get_configuration_response)?;
        cbor_round_trip(&configuration_status)?;
        cbor_round_trip(&security_event_enum)?;
        cbor_round_trip(&security_event)?;
    }
}

/// Every enum value, not only those proptest happens to draw.
#[test]
fn every_enum_value_round_trips() {
    fn check<T: Spec>(all: &[T]) -> Check {
        for value in all {
            json_round_trip(value)?;
            cbor_round_trip(value)?;
        }
        Ok(())
    }
    check(DataTransferStatus::ALL).unwrap();
    check(ConfigurationStatus::ALL).unwrap();
    check(SecurityEventEnum::ALL).unwrap();
    let events: Vec<_> = SecurityEventEnum::ALL
        .iter()
        .map(|kind| SecurityEvent::from(kind.clone()))
        .collect();
    check(&events).unwrap();
}

// ---------------------------------------------------------------------------
// Deep nesting. No OCPP type nests more than three levels, so our code never
// recurses deeper than that: it rejects the first nested value of the wrong
// kind. The one place a document may nest without bound is the value of an
// unknown property of an open type, which is skipped: serde_json skips it
// with a loop (no recursion, hence no recursion limit either) and ciborium
// with recursion up to its limit of 256 levels.

const DEPTH: usize = 10_000;

/// `[[[…]]]`, `DEPTH` arrays deep.
fn deep_array() -> String {
    format!("{}{}", "[".repeat(DEPTH), "]".repeat(DEPTH))
}

/// `{"a":{"a":…1…}}`, `DEPTH` objects deep.
fn deep_object() -> String {
    format!("{}1{}", r#"{"a":"#.repeat(DEPTH), "}".repeat(DEPTH))
}

/// How a document with a deeply nested value ends.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Outcome {
    /// Parsed: the deep value was an unknown property's, skipped.
    Skipped,
    /// The deep value was read (an open type keeps its unknown properties)
    /// up to the bound on depth: "recursion limit exceeded", a syntax error.
    TooDeep,
    /// The first nested value has the wrong type ("invalid type: array,
    /// expected a string"), with its path: a data error.
    InvalidType,
    /// A closed type names the unknown property before reading its value.
    UnknownField,
    /// The deep value was skipped, and then a required field was missing.
    MissingField,
    /// The input ends inside the deep value: an EOF error.
    Eof,
}

fn outcome<T: Spec>(result: Result<T, ocpp_types::Error>) -> Outcome {
    use ocpp_types::ErrorKind;
    let error = match result {
        Ok(_) => return Outcome::Skipped,
        Err(error) => error,
    };
    let message = error.to_string();
    assert!(
        message.len() < ocpp_types::MAX_MESSAGE_LEN + 40,
        "{message}"
    );
    match error.kind() {
        ErrorKind::Syntax if message.contains(": recursion limit exceeded") => Outcome::TooDeep,
        ErrorKind::WrongType => Outcome::InvalidType,
        ErrorKind::UnknownProperty => Outcome::UnknownField,
        ErrorKind::MissingFields => Outcome::MissingField,
        ErrorKind::EndOfInput => Outcome::Eof,
        _ => panic!("{}: unexpected error: {message}", T::NAME),
    }
}

/// How `text` ends as a `T`, the same through `from_str`, `from_slice` and
/// `from_reader`, with the message serde_json's own `from_str` gives.
fn deep<T: Spec>(text: &str) -> Outcome {
    let from_str = outcome(ocpp_types::from_str::<T>(text));
    let from_slice = outcome(ocpp_types::from_slice::<T>(text.as_bytes()));
    let from_reader = outcome(ocpp_types::from_reader::<_, T>(text.as_bytes()));
    assert_eq!((from_slice, from_reader), (from_str, from_str));
    // serde_json's own entry point: the same message for the errors of a
    // type's rules; the parser's own error, the path left out, for the end
    // of the input.
    let ours = ocpp_types::from_str::<T>(text).err();
    let theirs = serde_json::from_str::<T>(text).err();
    match (ours, theirs) {
        (None, None) => {}
        (Some(ours), Some(theirs)) if matches!(from_str, Outcome::Eof | Outcome::TooDeep) => {
            assert!(theirs.is_eof() || theirs.is_syntax(), "{theirs}");
            assert!(
                ours.to_string().ends_with(&format!(": {theirs}")),
                "{ours} / {theirs}"
            );
        }
        (ours, theirs) => assert_eq!(ours.map(|e| e.to_string()), theirs.map(|e| e.to_string())),
    }
    from_str
}

#[test]
fn deeply_nested_input_never_overflows_the_stack() {
    use Outcome::*;
    for deep_value in [deep_array(), deep_object()] {
        let array = deep_value.starts_with('[');
        let deep_value = deep_value.as_str();
        // What an object type makes of the deep value as the whole document.
        // (An open type keeps the unknown property `a` of the deep object,
        // so it reads it, down to the bound.)
        let (closed, open) = match array {
            true => (InvalidType, InvalidType),
            false => (UnknownField, TooDeep),
        };

        // At the top level.
        assert_eq!(deep::<DataTransferStatus>(deep_value), InvalidType);
        assert_eq!(deep::<ConfigurationStatus>(deep_value), InvalidType);
        assert_eq!(deep::<SecurityEventEnum>(deep_value), InvalidType);
        assert_eq!(deep::<DataTransferRequest>(deep_value), closed);
        assert_eq!(deep::<DataTransferResponse>(deep_value), closed);
        assert_eq!(deep::<KeyValue>(deep_value), closed);
        assert_eq!(deep::<GetConfigurationResponse>(deep_value), open);
        assert_eq!(deep::<SecurityEvent>(deep_value), open);

        // In an unknown property of an open type: kept, so read down to
        // the bound on depth, whole or cut short. (A lenient reading that
        // drops an unknown property of a closed type skips it, at any
        // depth: `cost.rs`.)
        let doc = format!(r#"{{"configuration_keys":[],"unknown_keys":[],"extra":{deep_value}}}"#);
        assert_eq!(deep::<GetConfigurationResponse>(&doc), TooDeep);
        let doc = format!(r#"{{"type":"ResetOrReboot","extra":{deep_value},"info":"i"}}"#);
        assert_eq!(deep::<SecurityEvent>(&doc), TooDeep);
        let doc = format!(r#"{{"type":"ResetOrReboot","extra":{deep_value}"#);
        assert_eq!(deep::<SecurityEvent>(&doc), TooDeep);
        let half = &deep_value[..deep_value.len() / 2];
        let doc = format!(r#"{{"type":"ResetOrReboot","extra":{half}"#);
        assert_eq!(deep::<SecurityEvent>(&doc), TooDeep);
        // Within the bound, it is kept and written back.
        let shallow = match array {
            true => format!("{}{}", "[".repeat(100), "]".repeat(100)),
            false => format!("{}1{}", r#"{"a":"#.repeat(100), "}".repeat(100)),
        };
        let doc = format!(r#"{{"type":"ResetOrReboot","extra":{shallow}}}"#);
        let event: SecurityEvent = ocpp_types::from_str(&doc).unwrap();
        assert_eq!(serde_json::to_string(&event).unwrap(), doc);

        // In an unknown property of a closed type: rejected by its name.
        let doc = format!(r#"{{"vendor_id":"v","extra":{deep_value}}}"#);
        assert_eq!(deep::<DataTransferRequest>(&doc), UnknownField);
        let doc = format!(
            r#"{{"configuration_keys":[{{"key":"k","read_only":true,"x":{deep_value}}}],"unknown_keys":[]}}"#
        );
        assert_eq!(deep::<GetConfigurationResponse>(&doc), UnknownField);

        // In `unknown_keys` and `configuration_keys`, as the list or as an
        // element, and in a string field: the first nested value has the
        // wrong type (or, for an object in place of a KeyValue, the wrong
        // property name).
        let element = match array {
            true => InvalidType,
            false => UnknownField,
        };
        for (doc, expected) in [
            (
                r#"{"configuration_keys":[],"unknown_keys":DEEP}"#,
                InvalidType,
            ),
            (
                r#"{"configuration_keys":[],"unknown_keys":["a",DEEP]}"#,
                InvalidType,
            ),
            (
                r#"{"configuration_keys":DEEP,"unknown_keys":[]}"#,
                InvalidType,
            ),
            (
                r#"{"configuration_keys":[DEEP],"unknown_keys":[]}"#,
                element,
            ),
            (
                r#"{"configuration_keys":[{"key":DEEP}],"unknown_keys":[]}"#,
                InvalidType,
            ),
        ] {
            let doc = doc.replace("DEEP", deep_value);
            assert_eq!(
                deep::<GetConfigurationResponse>(&doc),
                expected,
                "{}",
                &doc[..60]
            );
        }
        let doc = format!(r#"{{"vendor_id":{deep_value}}}"#);
        assert_eq!(deep::<DataTransferRequest>(&doc), InvalidType);
        let doc = format!(r#"{{"status":{deep_value}}}"#);
        assert_eq!(deep::<DataTransferResponse>(&doc), InvalidType);
    }
}

/// A deep `serde_json::Value` built in code (text can't make one: parsing
/// text into a `Value` stops at 128 levels), handed to `from_value`: the
/// same bound on depth stops it, where serde_json's parser is not there to.
/// On a thread with a larger stack: a `Value` drops itself recursively, and
/// dropping the 12,000-deep input alone overflows the 2 MiB of a test
/// thread in a debug build.
#[test]
fn deeply_nested_values_never_overflow_the_stack() {
    let run = || {
        let mut deep_value = Value::Null;
        for _ in 0..DEPTH {
            deep_value = Value::Array(vec![deep_value]);
        }
        let mut doc = Map::new();
        doc.insert("type".into(), "ResetOrReboot".into());
        doc.insert("extra".into(), deep_value);
        let error = ocpp_types::from_value::<SecurityEvent>(Value::Object(doc)).unwrap_err();
        assert_eq!(error.kind(), ocpp_types::ErrorKind::Syntax);
        assert!(
            error.message().ends_with(": recursion limit exceeded"),
            "{error}"
        );
        assert_eq!(error.path().len(), 129);
    };
    std::thread::Builder::new()
        .stack_size(32 << 20)
        .spawn(run)
        .unwrap()
        .join()
        .unwrap();
}

/// The same through CBOR: the bound on a kept value's depth stops a deep
/// value in an unknown property of an open type, before ciborium's own
/// limit; our code rejects one anywhere else first.
#[test]
fn deeply_nested_cbor_is_a_clean_error() {
    use ciborium::de::Error::Semantic;
    // 0x81: an array of one item; 0xa1 0x61 0x61: a map of one pair, key "a".
    let deep_array = [vec![0x81; DEPTH], vec![0x00]].concat();
    let deep_map = [[0xa1, 0x61, 0x61].repeat(DEPTH), vec![0x00]].concat();
    for deep_value in [deep_array, deep_map] {
        let array = deep_value[0] == 0x81;
        // {"type": "t", "extra": deep_value}
        let event = [
            &[0xa2, 0x64][..],
            b"type",
            &[0x61, b't', 0x65],
            b"extra",
            &deep_value,
        ]
        .concat();
        // Kept as a `Value`, down to the bound on depth, which comes before
        // ciborium's own.
        let error = ciborium::from_reader::<SecurityEvent, _>(event.as_slice()).unwrap_err();
        assert!(
            matches!(&error, Semantic(None, message) if message.starts_with("SecurityEvent[\"extra\"]") && message.ends_with(": recursion limit exceeded")),
            "{error:?}"
        );
        // At the top level: an open type skips the key "a" of the deep map.
        let error = ciborium::from_reader::<SecurityEvent, _>(deep_value.as_slice()).unwrap_err();
        match array {
            true => assert!(matches!(error, Semantic(..)), "{error:?}"),
            false => assert!(
                matches!(&error, Semantic(None, message) if message.ends_with(": recursion limit exceeded")),
                "{error:?}"
            ),
        }
        let error = ciborium::from_reader::<KeyValue, _>(deep_value.as_slice()).unwrap_err();
        assert!(matches!(error, Semantic(..)), "{error:?}");
    }
}

/// The bound on depth the README states: a document whose values are read
/// (fields, `Value` fields, arrays) nests at most 127 levels of arrays and
/// objects, itself included: serde_json's recursion limit of 128, which
/// keeps the recursion on the stack short. Deeper is an error of kind
/// `Syntax`, at the value, never an overflow. The value of an unknown
/// property of an open object is not bounded (see above).
#[test]
fn a_value_field_nests_at_most_127_levels() {
    let data = |levels: usize| {
        format!(
            r#"{{"vendorId":"v","data":{}{}}}"#,
            "[".repeat(levels),
            "]".repeat(levels)
        )
    };
    // The document's object, then 126 arrays: 127 levels.
    assert!(ocpp_types::from_str::<ocpp_types::v201::DataTransferRequest>(&data(126)).is_ok());
    let error =
        ocpp_types::from_str::<ocpp_types::v201::DataTransferRequest>(&data(127)).unwrap_err();
    assert_eq!(error.kind(), ocpp_types::ErrorKind::Syntax);
    assert!(
        error.message().ends_with(": recursion limit exceeded"),
        "{error}"
    );
    assert_eq!(error.path().len(), 127);
}
