//! The error of `ocpp_types::from_str` and its siblings, as data: the kind of
//! mistake, the path to it (as segments and as a JSON Pointer), the type of
//! the document, the missing fields, and the message and position that
//! `serde_json::from_str` shows for the same document: exactly, for the
//! errors of a type's rules; for the errors the JSON parser makes (the text
//! ends, a bad character), serde_json's own error, its category kept, which
//! `ocpp_types::from_str` shows with the path in front.

use ocpp_types::{
    ocpp_type, ConfigurationStatus, DataTransferRequest, DataTransferResponse, DataTransferStatus,
    ErrorKind, GetConfigurationResponse, KeyValue, OcppType, SecurityEvent, SecurityEventEnum,
    Segment,
};
use serde_json::error::Category;
use serde_json::json;
use std::collections::BTreeMap;
use std::fmt::Debug;

mod common;
use common::rejected;

/// A sensor's reading, with a limit of every kind.
#[ocpp_type(deny_unknown_fields)]
pub struct Reading {
    /// Name of the sensor
    #[ocpp(min_length = 2, max_length = 8)]
    pub sensor: String,
    /// Temperature in degrees Celsius
    #[ocpp(minimum = -40, maximum = 85)]
    pub celsius: i16,
    /// The phases measured
    #[ocpp(min_items = 1, max_items = 3)]
    pub phases: Vec<u8>,
    /// When the reading was taken
    #[ocpp(rename = "takenAt", format = "date-time")]
    pub taken_at: String,
    /// Counters by name
    pub counts: Option<BTreeMap<String, u8>>,
    /// Anything the vendor adds
    pub payload: Option<serde_json::Value>,
}

/// A valid `Reading`, with `extra` (`, "name": value` pairs) added at the end.
fn reading(extra: &str) -> String {
    format!(
        r#"{{"sensor": "t1", "celsius": 20, "phases": [1], "takenAt": "2026-11-27T10:00:00Z"{extra}}}"#
    )
}

// ---------------------------------------------------------------------------
// The kinds, one rule each.

#[test]
fn text_that_is_not_json_is_kind_syntax_with_the_path_to_the_value() {
    let error = rejected::<KeyValue>(r#"{"key": x, "read_only": true}"#);
    assert_eq!(error.kind(), ErrorKind::Syntax);
    assert_eq!(error.pointer(), "/key");
    assert_eq!(error.path(), [Segment::Field("key")]);
    assert_eq!(error.message(), "KeyValue.key: expected value");
    assert_eq!(error.json_error().classify(), Category::Syntax);
    assert_eq!(
        error.to_string(),
        "KeyValue.key: expected value at line 1 column 9"
    );

    // A lone surrogate is not a character.
    let error = rejected::<KeyValue>(r#"{"key": "\udc00", "read_only": true}"#);
    assert_eq!(error.kind(), ErrorKind::Syntax);
    assert_eq!(error.pointer(), "/key");
    assert_eq!(
        error.to_string(),
        "KeyValue.key: lone leading surrogate in hex escape at line 1 column 15"
    );
}

#[test]
fn text_that_ends_inside_the_document_is_kind_end_of_input() {
    let error = rejected::<KeyValue>(r#"{"key": "a", "read_only": tr"#);
    assert_eq!(error.kind(), ErrorKind::EndOfInput);
    assert_eq!(error.pointer(), "/read_only");
    assert_eq!(error.json_error().classify(), Category::Eof);
    assert_eq!(
        error.to_string(),
        "KeyValue.read_only: EOF while parsing a value at line 1 column 28"
    );

    let error = rejected::<DataTransferStatus>(r#""Acc"#);
    assert_eq!(error.kind(), ErrorKind::EndOfInput);
    assert_eq!(error.pointer(), "");
    assert_eq!(error.type_name(), Some("DataTransferStatus"));
    assert_eq!(
        error.to_string(),
        "DataTransferStatus: EOF while parsing a string at line 1 column 4"
    );

    let error = rejected::<KeyValue>("");
    assert_eq!(error.kind(), ErrorKind::EndOfInput);
    assert_eq!(error.pointer(), "");
}

/// A reader that gives `data`, then fails.
struct FailingReader {
    data: &'static [u8],
}

impl std::io::Read for FailingReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.data.is_empty() {
            return Err(std::io::Error::other("connection reset"));
        }
        let n = buf.len().min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

#[test]
fn a_reader_that_fails_is_kind_io() {
    let reader = FailingReader {
        data: br#"{"key": "a", "#,
    };
    let error = ocpp_types::from_reader::<_, KeyValue>(reader).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Io);
    assert_eq!(error.json_error().classify(), Category::Io);
    assert_eq!(error.pointer(), "");
    assert_eq!(error.type_name(), Some("KeyValue"));
    assert_eq!(error.message(), "KeyValue: connection reset");

    // Failing before the first byte.
    let error =
        ocpp_types::from_reader::<_, DataTransferStatus>(FailingReader { data: b"" }).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Io);
    assert_eq!(error.pointer(), "");
}

#[test]
fn missing_required_fields_are_kind_missing_fields_and_named_in_declaration_order() {
    // Wire names, in declaration order, not in the order of the text.
    let error = rejected::<Reading>(r#"{"payload": 1, "phases": [1]}"#);
    assert_eq!(error.kind(), ErrorKind::MissingFields);
    assert_eq!(error.missing_fields(), ["sensor", "celsius", "takenAt"]);
    assert_eq!(error.pointer(), "");
    assert_eq!(error.path(), []);
    assert_eq!(
        error.to_string(),
        "Reading: missing required fields `sensor`, `celsius`, `takenAt` at line 1 column 29"
    );

    let error = rejected::<Reading>("{}");
    assert_eq!(
        error.missing_fields(),
        ["sensor", "celsius", "phases", "takenAt"]
    );

    // In a nested object: the path to it, and its type in the message.
    let error = rejected::<GetConfigurationResponse>(
        r#"{"configuration_keys": [{"key": "a", "read_only": true}, {}], "unknown_keys": []}"#,
    );
    assert_eq!(error.kind(), ErrorKind::MissingFields);
    assert_eq!(error.missing_fields(), ["key", "read_only"]);
    assert_eq!(error.pointer(), "/configuration_keys/1");
    assert_eq!(error.type_name(), Some("GetConfigurationResponse"));
    assert_eq!(
        error.to_string(),
        "GetConfigurationResponse.configuration_keys[1] (KeyValue): missing required fields `key`, `read_only` at line 1 column 59"
    );
}

#[test]
fn missing_fields_is_empty_for_every_other_kind() {
    let error = rejected::<KeyValue>(r#"{"key": null}"#);
    assert_eq!(error.kind(), ErrorKind::Null);
    assert!(error.missing_fields().is_empty());
}

#[test]
fn null_is_kind_null() {
    let error = rejected::<DataTransferRequest>(r#"{"vendor_id": "v", "data": null}"#);
    assert_eq!(error.kind(), ErrorKind::Null);
    assert_eq!(error.pointer(), "/data");
    assert_eq!(
        error.to_string(),
        "DataTransferRequest.data: invalid type: null, expected a string at line 1 column 31"
    );

    let error = rejected::<DataTransferStatus>("null");
    assert_eq!(error.kind(), ErrorKind::Null);
    assert_eq!(error.pointer(), "");
}

#[test]
fn a_value_of_the_wrong_json_type_is_kind_wrong_type() {
    let error = rejected::<GetConfigurationResponse>(
        r#"{"configuration_keys": [{"key": "a", "read_only": "yes"}], "unknown_keys": []}"#,
    );
    assert_eq!(error.kind(), ErrorKind::WrongType);
    assert_eq!(error.pointer(), "/configuration_keys/0/read_only");
    assert_eq!(
        error.path(),
        [
            Segment::Field("configuration_keys"),
            Segment::Index(0),
            Segment::Field("read_only")
        ]
    );
    assert_eq!(error.json_error().classify(), Category::Data);
    assert_eq!(
        error.to_string(),
        r#"GetConfigurationResponse.configuration_keys[0].read_only: invalid type: string "yes", expected a boolean at line 1 column 55"#
    );

    // A fraction for an integer.
    let error = rejected::<Reading>(&reading(r#", "counts": {"a": 1.5}"#));
    assert_eq!(error.kind(), ErrorKind::WrongType);
    assert_eq!(error.pointer(), "/counts/a");
    assert_eq!(
        error.message(),
        r#"Reading.counts["a"]: invalid type: number `1.5`, expected an integer from 0 to 255"#
    );

    // An array for an object, at the root.
    let error = rejected::<SecurityEvent>("[]");
    assert_eq!(error.kind(), ErrorKind::WrongType);
    assert_eq!(error.pointer(), "");
    assert_eq!(
        error.to_string(),
        "SecurityEvent: invalid type: array, expected a SecurityEvent object at line 1 column 2"
    );
}

#[test]
fn a_string_that_is_no_value_of_an_enum_is_kind_unknown_enum_value() {
    let error = rejected::<DataTransferResponse>(r#"{"status": "Pending"}"#);
    assert_eq!(error.kind(), ErrorKind::UnknownEnumValue);
    assert_eq!(error.pointer(), "/status");
    assert_eq!(error.type_name(), Some("DataTransferResponse"));
    assert_eq!(
        error.to_string(),
        "DataTransferResponse.status: unknown DataTransferStatus value `Pending`, expected one of \
         `Accepted`, `Rejected`, `UnknownMessageId`, `UnknownVendorId` at line 1 column 20"
    );

    let error = rejected::<ConfigurationStatus>(r#""rebootRequired""#);
    assert_eq!(error.kind(), ErrorKind::UnknownEnumValue);
    assert_eq!(error.pointer(), "");
    assert_eq!(error.type_name(), Some("ConfigurationStatus"));
    assert_eq!(
        error.to_string(),
        "ConfigurationStatus: unknown ConfigurationStatus value `rebootRequired`, \
         expected `RebootRequired` (values are case-sensitive) at line 1 column 16"
    );

    let error = rejected::<SecurityEventEnum>(r#""InvalidTlsVersion""#);
    assert_eq!(error.kind(), ErrorKind::UnknownEnumValue);
}

#[test]
fn a_property_a_closed_object_does_not_have_is_kind_unknown_property() {
    let error = rejected::<KeyValue>(r#"{"key": "a", "read_only": true, "readonly": true}"#);
    assert_eq!(error.kind(), ErrorKind::UnknownProperty);
    assert_eq!(error.pointer(), "");
    assert_eq!(
        error.to_string(),
        "KeyValue: unknown field `readonly`, expected one of `key`, `read_only`, `value` at line 1 column 42"
    );

    // On a user type: the Rust name of a renamed field is unknown too.
    let error = rejected::<Reading>(&reading(r#", "taken_at": "2026-11-27T10:00:00Z""#));
    assert_eq!(error.kind(), ErrorKind::UnknownProperty);
    assert_eq!(error.pointer(), "");
    assert_eq!(
        error.message(),
        "Reading: unknown field `taken_at`, expected one of `sensor`, `celsius`, `phases`, \
         `takenAt`, `counts`, `payload`"
    );
}

#[test]
fn a_property_or_a_map_key_given_twice_is_kind_duplicate_key() {
    let error = rejected::<KeyValue>(r#"{"key": "a", "read_only": true, "key": "b"}"#);
    assert_eq!(error.kind(), ErrorKind::DuplicateKey);
    assert_eq!(error.pointer(), "");
    assert_eq!(
        error.to_string(),
        "KeyValue: duplicate field `key` at line 1 column 37"
    );

    // A key of a map.
    let error = rejected::<Reading>(&reading(r#", "counts": {"a": 1, "a": 2}"#));
    assert_eq!(error.kind(), ErrorKind::DuplicateKey);
    assert_eq!(error.pointer(), "/counts");
    assert_eq!(error.path(), [Segment::Field("counts")]);
    assert_eq!(error.message(), "Reading.counts: duplicate key `a`");

    // A key of an object inside a `serde_json::Value`.
    let error = rejected::<Reading>(&reading(r#", "payload": {"x": [{"k": 1, "k": 2}]}"#));
    assert_eq!(error.kind(), ErrorKind::DuplicateKey);
    assert_eq!(error.pointer(), "/payload/x/0");
    assert_eq!(
        error.path(),
        [
            Segment::Field("payload"),
            Segment::Key("x".to_owned()),
            Segment::Index(0)
        ]
    );
    assert_eq!(
        error.message(),
        r#"Reading.payload["x"][0]: duplicate key `k`"#
    );
}

#[test]
fn a_string_outside_its_length_limits_is_kind_length() {
    let error = rejected::<Reading>(
        r#"{"sensor": "", "celsius": 20, "phases": [1], "takenAt": "2026-11-27T10:00:00Z"}"#,
    );
    assert_eq!(error.kind(), ErrorKind::Length);
    assert_eq!(error.pointer(), "/sensor");
    assert_eq!(
        error.to_string(),
        "Reading.sensor: string of 0 characters is shorter than the minimum length of 2 characters at line 1 column 13"
    );

    let error = rejected::<Reading>(
        r#"{"sensor": "thermo-123", "celsius": 20, "phases": [1], "takenAt": "2026-11-27T10:00:00Z"}"#,
    );
    assert_eq!(error.kind(), ErrorKind::Length);
    assert_eq!(
        error.message(),
        "Reading.sensor: string of 10 characters is longer than the maximum length of 8 characters"
    );
}

#[test]
fn a_length_of_one_character_is_singular_in_the_message() {
    let error = rejected::<Reading>(
        r#"{"sensor": "t", "celsius": 20, "phases": [1], "takenAt": "2026-11-27T10:00:00Z"}"#,
    );
    assert_eq!(error.kind(), ErrorKind::Length);
    assert_eq!(
        error.message(),
        "Reading.sensor: string of 1 character is shorter than the minimum length of 2 characters"
    );
}

#[test]
fn a_number_outside_its_bounds_or_its_rust_range_is_kind_range() {
    let error = rejected::<Reading>(
        r#"{"sensor": "t1", "celsius": -41, "phases": [1], "takenAt": "2026-11-27T10:00:00Z"}"#,
    );
    assert_eq!(error.kind(), ErrorKind::Range);
    assert_eq!(error.pointer(), "/celsius");
    assert_eq!(
        error.to_string(),
        "Reading.celsius: -41 is less than the minimum of -40 at line 1 column 31"
    );

    // Out of u8's range, in an array.
    let error = rejected::<Reading>(
        r#"{"sensor": "t1", "celsius": 20, "phases": [1, 256], "takenAt": "2026-11-27T10:00:00Z"}"#,
    );
    assert_eq!(error.kind(), ErrorKind::Range);
    assert_eq!(error.pointer(), "/phases/1");
    assert_eq!(
        error.message(),
        "Reading.phases[1]: invalid value: integer `256`, expected an integer from 0 to 255"
    );
}

#[test]
fn an_array_with_too_few_or_too_many_items_is_kind_item_count() {
    let error = rejected::<Reading>(
        r#"{"sensor": "t1", "celsius": 20, "phases": [], "takenAt": "2026-11-27T10:00:00Z"}"#,
    );
    assert_eq!(error.kind(), ErrorKind::ItemCount);
    assert_eq!(error.pointer(), "/phases");
    assert_eq!(
        error.to_string(),
        "Reading.phases: array of 0 items has fewer than the minimum of 1 item at line 1 column 44"
    );

    let error = rejected::<Reading>(
        r#"{"sensor": "t1", "celsius": 20, "phases": [1, 2, 3, 1], "takenAt": "2026-11-27T10:00:00Z"}"#,
    );
    assert_eq!(error.kind(), ErrorKind::ItemCount);
    assert_eq!(
        error.message(),
        "Reading.phases: array of 4 items has more than the maximum of 3 items"
    );
}

#[test]
fn a_string_that_breaks_its_format_is_kind_format() {
    let error = rejected::<Reading>(
        r#"{"takenAt": "2026-11-27 10:00", "sensor": "t1", "celsius": 20, "phases": [1]}"#,
    );
    assert_eq!(error.kind(), ErrorKind::Format);
    assert_eq!(error.pointer(), "/takenAt");
    assert_eq!(error.path(), [Segment::Field("takenAt")]);
    assert_eq!(
        error.to_string(),
        r#"Reading.takenAt: not a date-time as RFC 3339 writes it (such as "2026-11-27T10:00:00Z") at line 1 column 30"#
    );
}

#[test]
fn a_broken_limit_is_placed_at_its_value_even_as_the_last_property() {
    // serde_json places an error at the value it is about: a value of the
    // wrong type or out of the Rust range is at the value's last character,
    // wherever the value is in its object. A broken limit is no different,
    // also when the value is the object's last and the `}` is lines below.
    let valid = [
        r#""sensor": "t1""#,
        r#""celsius": 20"#,
        r#""phases": [1]"#,
        r#""takenAt": "2026-11-27T10:00:00Z""#,
    ];
    let mut misplaced = Vec::new();
    for (last, kind) in [
        (r#""celsius": 70000"#, ErrorKind::Range),
        (r#""sensor": true"#, ErrorKind::WrongType),
        (r#""sensor": "thermo-123""#, ErrorKind::Length),
        (r#""celsius": 86"#, ErrorKind::Range),
        (r#""phases": [1, 2, 3, 1]"#, ErrorKind::ItemCount),
        (r#""takenAt": "yesterday""#, ErrorKind::Format),
    ] {
        let name = &last[..last.find(':').unwrap()];
        let others: Vec<&str> = valid.into_iter().filter(|p| !p.starts_with(name)).collect();
        // The property on line 2, after two spaces; the `}` on line 4.
        let text = format!("{{{},\n  {last}\n\n}}", others.join(", "));
        let error = rejected::<Reading>(&text);
        assert_eq!(error.kind(), kind, "{text}");
        if (error.line(), error.column()) != (2, 2 + last.len()) {
            misplaced.push(format!(
                "{error} (the value ends at line 2 column {})",
                2 + last.len()
            ));
        }
    }
    assert!(misplaced.is_empty(), "misplaced:\n{}", misplaced.join("\n"));
}

// ---------------------------------------------------------------------------
// Paths and pointers.

#[test]
fn a_map_key_is_a_key_segment_and_the_pointer_escapes_slash_and_tilde() {
    let error = rejected::<Reading>(&reading(r#", "counts": {"a/b~c": 300}"#));
    assert_eq!(error.kind(), ErrorKind::Range);
    assert_eq!(
        error.path(),
        [Segment::Field("counts"), Segment::Key("a/b~c".to_owned())]
    );
    assert_eq!(error.pointer(), "/counts/a~1b~0c");
    assert_eq!(
        error.message(),
        r#"Reading.counts["a/b~c"]: invalid value: integer `300`, expected an integer from 0 to 255"#
    );

    // `~1` written in a key is `~01` in the pointer, not a slash.
    let error = rejected::<Reading>(&reading(r#", "payload": {"~1": {"": {"k": 1, "k": 2}}}"#));
    assert_eq!(error.pointer(), "/payload/~01/");
    assert_eq!(
        error.path(),
        [
            Segment::Field("payload"),
            Segment::Key("~1".to_owned()),
            Segment::Key(String::new())
        ]
    );
}

#[test]
fn the_pointer_of_the_document_itself_is_empty() {
    let error = rejected::<KeyValue>("{}");
    assert_eq!(error.path(), []);
    assert_eq!(error.pointer(), "");
}

#[test]
fn the_type_name_is_the_documents_type() {
    let error = rejected::<GetConfigurationResponse>(
        r#"{"configuration_keys": [{"key": 1, "read_only": true}], "unknown_keys": []}"#,
    );
    assert_eq!(error.type_name(), Some("GetConfigurationResponse"));
    let error = rejected::<Reading>(r#"{"sensor": 1}"#);
    assert_eq!(error.type_name(), Some("Reading"));
}

// ---------------------------------------------------------------------------
// Message and position: serde_json's, exactly.

/// Checks one invalid sample document of type `T`.
fn same_as_serde_json<T: OcppType + Debug>(path: &std::path::Path, text: &str) {
    let error = match ocpp_types::from_str::<T>(text) {
        Ok(value) => panic!("{} was accepted as {value:?}", path.display()),
        Err(error) => error,
    };
    let json_error = serde_json::from_str::<T>(text).unwrap_err();
    assert_eq!(
        error.to_string(),
        json_error.to_string(),
        "{}",
        path.display()
    );
    assert_eq!(error.line(), json_error.line(), "{}", path.display());
    assert_eq!(error.column(), json_error.column(), "{}", path.display());
    assert_ne!(error.line(), 0, "{}", path.display());
}

/// Runs `same_as_serde_json` with the spec type named `$name`.
macro_rules! by_type_name {
    ($name:expr, $path:expr, $text:expr; $($ty:ident),*) => {
        match $name {
            $(stringify!($ty) => same_as_serde_json::<ocpp_types::$ty>($path, $text),)*
            other => panic!("examples/data/{other} is no type of the spec"),
        }
    };
}

#[test]
fn every_invalid_sample_document_has_serde_jsons_message_and_position() {
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data");
    let mut checked = 0;
    let mut dirs: Vec<_> = std::fs::read_dir(&data)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let name = dir.file_name().unwrap().to_str().unwrap().to_owned();
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| {
                let file = path.file_name().unwrap().to_str().unwrap();
                file.starts_with("invalid-") && file.ends_with(".json")
            })
            .collect();
        files.sort();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            by_type_name!(name.as_str(), &file, &text;
                DataTransferStatus, DataTransferRequest, DataTransferResponse, KeyValue,
                GetConfigurationResponse, ConfigurationStatus, SecurityEventEnum, SecurityEvent);
            checked += 1;
        }
    }
    // The tour counts 23 invalid documents.
    assert_eq!(checked, 23);
}

#[test]
fn display_is_the_message_and_the_position_as_serde_json_writes_them() {
    let text = "{\n  \"key\": \"a\",\n  \"read_only\": \"no\"\n}";
    let error = rejected::<KeyValue>(text);
    assert_eq!(
        error.message(),
        r#"KeyValue.read_only: invalid type: string "no", expected a boolean"#
    );
    assert_eq!((error.line(), error.column()), (3, 19));
    assert_eq!(
        error.to_string(),
        r#"KeyValue.read_only: invalid type: string "no", expected a boolean at line 3 column 19"#
    );
    assert_eq!(error.json_error().line(), 3);
    assert_eq!(error.json_error().column(), 19);
}

#[test]
fn trailing_characters_after_a_valid_document_are_kind_syntax_of_the_whole_document() {
    let error = rejected::<KeyValue>(r#"{"key": "a", "read_only": true} x"#);
    assert_eq!(error.kind(), ErrorKind::Syntax);
    assert_eq!(error.pointer(), "");
    assert_eq!(error.path(), []);
    assert_eq!(error.message(), "trailing characters");
    assert_eq!(error.type_name(), None);
    assert_eq!(error.to_string(), "trailing characters at line 1 column 33");

    let error = rejected::<DataTransferStatus>(r#""Accepted" "Rejected""#);
    assert_eq!(error.kind(), ErrorKind::Syntax);
    assert_eq!(error.pointer(), "");

    // Whitespace after the document is fine.
    assert_eq!(
        ocpp_types::from_str::<DataTransferStatus>("\"Accepted\" \n\t").unwrap(),
        DataTransferStatus::Accepted
    );
}

/// Three keys, then the fourth, which `ending` ends inside.
fn configuration_ending_inside_the_fourth_key(ending: &str) -> String {
    format!(
        r#"{{"unknown_keys": [], "configuration_keys": [{{"key": "a", "read_only": true}}, {{"key": "b", "read_only": true}}, {{"key": "c", "read_only": false}}, {ending}"#
    )
}

#[test]
fn a_syntax_error_inside_a_field_carries_the_path_to_it() {
    // Issue point 9: the end of the input inside `configuration_keys[3]`.
    let text = configuration_ending_inside_the_fourth_key(r#"{"key": "d", "read_only": tr"#);
    let error = rejected::<GetConfigurationResponse>(&text);
    assert_eq!(error.kind(), ErrorKind::EndOfInput);
    assert_eq!(error.pointer(), "/configuration_keys/3/read_only");
    assert_eq!(
        error.path(),
        [
            Segment::Field("configuration_keys"),
            Segment::Index(3),
            Segment::Field("read_only")
        ]
    );
    assert_eq!(error.type_name(), Some("GetConfigurationResponse"));
    assert_eq!(
        error.message(),
        "GetConfigurationResponse.configuration_keys[3].read_only: EOF while parsing a value"
    );
    assert_eq!(error.column(), text.len());
    // serde_json's own entry point: its own error, which says it is the end.
    let json_error = serde_json::from_str::<GetConfigurationResponse>(&text).unwrap_err();
    assert!(json_error.is_eof(), "{json_error}");
    assert_eq!(
        json_error.to_string(),
        format!("EOF while parsing a value at line 1 column {}", text.len())
    );

    // Between two properties of the element: the element itself.
    let text = configuration_ending_inside_the_fourth_key(r#"{"key": "d""#);
    let error = rejected::<GetConfigurationResponse>(&text);
    assert_eq!(error.kind(), ErrorKind::EndOfInput);
    assert_eq!(error.pointer(), "/configuration_keys/3");
    assert_eq!(
        error.message(),
        "GetConfigurationResponse.configuration_keys[3]: EOF while parsing an object"
    );

    // Inside a string.
    let text = configuration_ending_inside_the_fourth_key(r#"{"key": "d"#);
    let error = rejected::<GetConfigurationResponse>(&text);
    assert_eq!(error.kind(), ErrorKind::EndOfInput);
    assert_eq!(error.pointer(), "/configuration_keys/3/key");
    assert_eq!(
        error.message(),
        "GetConfigurationResponse.configuration_keys[3].key: EOF while parsing a string"
    );

    // A syntax error, not the end: the same path.
    let text = configuration_ending_inside_the_fourth_key(r#"{"key": "d", "read_only": tru}]}"#);
    let error = rejected::<GetConfigurationResponse>(&text);
    assert_eq!(error.kind(), ErrorKind::Syntax);
    assert_eq!(error.pointer(), "/configuration_keys/3/read_only");
    assert_eq!(
        error.message(),
        "GetConfigurationResponse.configuration_keys[3].read_only: expected ident"
    );
}

// ---------------------------------------------------------------------------
// The other entry points.

#[test]
fn from_slice_is_from_str_for_bytes() {
    let text = r#"{"status": "Pending"}"#;
    let from_slice = ocpp_types::from_slice::<DataTransferResponse>(text.as_bytes()).unwrap_err();
    let from_str = ocpp_types::from_str::<DataTransferResponse>(text).unwrap_err();
    assert_eq!(from_slice.to_string(), from_str.to_string());
    assert_eq!(from_slice.kind(), from_str.kind());
    assert_eq!(from_slice.path(), from_str.path());

    // Bytes that are not UTF-8.
    let error = ocpp_types::from_slice::<KeyValue>(b"{\"key\": \"\xff\", \"read_only\": true}")
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Syntax);
    assert_eq!(error.pointer(), "/key");
}

#[test]
fn from_value_errors_have_no_position() {
    let error =
        ocpp_types::from_value::<KeyValue>(json!({"key": 7, "read_only": true})).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::WrongType);
    assert_eq!(error.pointer(), "/key");
    assert_eq!((error.line(), error.column()), (0, 0));
    assert_eq!(
        error.to_string(),
        "KeyValue.key: invalid type: integer `7`, expected a string"
    );
    assert_eq!(error.to_string(), error.message());

    let error =
        ocpp_types::from_value::<GetConfigurationResponse>(json!({"configuration_keys": []}))
            .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::MissingFields);
    assert_eq!(error.missing_fields(), ["unknown_keys"]);
    assert_eq!(
        error.to_string(),
        "GetConfigurationResponse: missing required field `unknown_keys`"
    );

    let value: KeyValue = ocpp_types::from_value(json!({"key": "k", "read_only": false})).unwrap();
    assert_eq!(value, KeyValue::new("k", false));
}

#[test]
fn the_error_is_a_std_error_and_its_debug_names_kind_and_pointer() {
    let error = rejected::<KeyValue>(r#"{"key": "k", "read_only": 1}"#);
    let debug = format!("{error:?}");
    assert!(debug.contains("WrongType"), "{debug}");
    assert!(debug.contains(r#""/read_only""#), "{debug}");
    let _: &dyn std::error::Error = &error;
}

// ---------------------------------------------------------------------------
// The success path: nothing more than serde_json's own entry point.

mod counting {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::Cell;

    thread_local! {
        /// Allocations made by this thread (tests run in parallel threads).
        static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
    }

    pub struct Counting;

    fn count() {
        let _ = ALLOCATIONS.try_with(|count| count.set(count.get() + 1));
    }

    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            count();
            System.alloc(layout)
        }

        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            count();
            System.alloc_zeroed(layout)
        }

        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            count();
            System.realloc(ptr, layout, new_size)
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            System.dealloc(ptr, layout)
        }
    }

    /// The allocations this thread makes while running `f`, and its result.
    pub fn allocations<R>(f: impl FnOnce() -> R) -> (usize, R) {
        let before = ALLOCATIONS.with(Cell::get);
        let result = f();
        let after = ALLOCATIONS.with(Cell::get);
        (after - before, result)
    }
}

#[global_allocator]
static ALLOCATOR: counting::Counting = counting::Counting;

/// The allocations of `ocpp_types::from_str::<T>(text)` and of
/// `serde_json::from_str::<T>(text)`, which must both succeed.
fn allocations_of<T: OcppType + Debug>(text: &str) -> (usize, usize) {
    // Once each first, so that lazily set-up state is not counted.
    ocpp_types::from_str::<T>(text).unwrap();
    serde_json::from_str::<T>(text).unwrap();
    let (ours, value) = counting::allocations(|| ocpp_types::from_str::<T>(text));
    value.unwrap();
    let (theirs, value) = counting::allocations(|| serde_json::from_str::<T>(text));
    value.unwrap();
    (ours, theirs)
}

#[test]
fn reading_a_valid_document_allocates_no_more_than_serde_json() {
    // An enum: nothing at all.
    assert_eq!(
        allocations_of::<DataTransferStatus>(r#""UnknownVendorId""#),
        (0, 0)
    );
    let (ours, theirs) = allocations_of::<KeyValue>(
        r#"{"key": "HeartbeatInterval", "read_only": false, "value": "300"}"#,
    );
    assert_eq!(ours, theirs, "KeyValue");
    let (ours, theirs) = allocations_of::<GetConfigurationResponse>(
        r#"{
            "configuration_keys": [
                {"key": "HeartbeatInterval", "read_only": false, "value": "300"},
                {"key": "AuthorizationKey", "read_only": true},
                {"key": "MeterValueSampleInterval", "read_only": false, "value": "60"}
            ],
            "unknown_keys": ["FancyFeature", "Other"],
            "vendor": {"skipped": [1, 2, 3]}
        }"#,
    );
    assert_eq!(ours, theirs, "GetConfigurationResponse");
}

/// Each kind of error the JSON parser makes, inside each kind of value of
/// our types: through plain `serde_json::from_str`, the very error serde_json
/// gives for the same text read as a `serde_json::Value` (category, line,
/// column and message), so that a program that reads a stream and waits for
/// more on `is_eof()` works with our types as with any other.
#[test]
fn the_parsers_own_errors_keep_their_category_under_plain_serde_json() {
    fn same_as_value<T: OcppType + Debug>(text: &str, category: Category) {
        let ours = serde_json::from_str::<T>(text).unwrap_err();
        let plain = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
        assert_eq!(ours.classify(), category, "{text}: {ours}");
        assert_eq!(ours.is_eof(), category == Category::Eof, "{text}");
        assert_eq!(
            (
                ours.classify(),
                ours.line(),
                ours.column(),
                ours.to_string()
            ),
            (
                plain.classify(),
                plain.line(),
                plain.column(),
                plain.to_string()
            ),
            "{text}"
        );
        // Our own entry point: the same category, and the path as data.
        let error = ocpp_types::from_str::<T>(text).unwrap_err();
        assert_eq!(error.json_error().classify(), category, "{text}");
    }
    let eof = Category::Eof;
    // The text ends: in a string, a key, after a colon, in an array of a
    // field, in a nested type, in a Value field, in a skipped property.
    same_as_value::<KeyValue>(r#"{"key": "a"#, eof);
    same_as_value::<KeyValue>(r#"{"ke"#, eof);
    same_as_value::<KeyValue>(r#"{"key":"#, eof);
    same_as_value::<GetConfigurationResponse>(r#"{"unknown_keys": ["a", "#, eof);
    same_as_value::<GetConfigurationResponse>(
        r#"{"configuration_keys": [{"key": "a", "read_only": tr"#,
        eof,
    );
    same_as_value::<Reading>(r#"{"sensor": "t1", "payload": {"a": [1, {"b": "#, eof);
    same_as_value::<SecurityEvent>(r#"{"type": "t", "vendor": {"a": [1, {"b": "#, eof);
    same_as_value::<DataTransferStatus>(r#""Acc"#, eof);
    let syntax = Category::Syntax;
    // Not JSON: a stray character, a bad escape, a lone surrogate, a
    // control character in a string, a number JSON does not write, nesting
    // past the parser's limit.
    same_as_value::<KeyValue>(r#"{"key": x}"#, syntax);
    same_as_value::<KeyValue>(r#"{"key": "\q"}"#, syntax);
    same_as_value::<KeyValue>(r#"{"key": "\udc00"}"#, syntax);
    same_as_value::<KeyValue>("{\"key\": \"a\u{1}b\"}", syntax);
    same_as_value::<Reading>(&reading(r#", "payload": 01"#), syntax);
    same_as_value::<Reading>(&reading(r#", "payload": [1 2]"#), syntax);
    same_as_value::<SecurityEvent>(r#"{"type": "t", "vendor": {"a" 1}}"#, syntax);
    let deep = format!(r#", "payload": {}{}"#, "[".repeat(200), "]".repeat(200));
    same_as_value::<Reading>(&reading(&deep), syntax);
    // A reader that fails: an I/O error, also under plain serde_json.
    let ours = serde_json::from_reader::<_, KeyValue>(FailingReader {
        data: br#"{"key": "a"#,
    })
    .unwrap_err();
    assert_eq!(ours.classify(), Category::Io, "{ours}");
}
