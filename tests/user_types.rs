//! `#[ocpp_type]` in a user's crate: this package depends on `ocpp-types`
//! (and `serde_json` to read JSON), never on serde or serde_derive.

use ocpp_types::{ocpp_type, DataTransferStatus, OcppType};
use serde_json::json;

/// A meter reading
/// taken by the charger.
#[ocpp_type(deny_unknown_fields)]
#[derive(Default)]
pub struct MeterReading {
    /// Connector the reading is for
    #[ocpp(rename = "connectorId")]
    pub connector_id: u32,
    /// Energy in Wh
    pub energy: f64,
    /// The measurand
    pub measurand: Option<Measurand>,
    /// Free-form tags
    pub tags: Vec<String>,
}

/// What was measured
#[ocpp_type]
#[derive(Default, PartialOrd, Ord)]
pub enum Measurand {
    #[default]
    #[ocpp(rename = "Energy.Active.Import.Register")]
    EnergyActiveImportRegister,
    /// The current flowing to the EV
    #[ocpp(rename = "Current.Import")]
    CurrentImport,
    Voltage,
}

/// A vendor's envelope around a spec type
#[ocpp_type]
#[derive(Eq)]
pub(crate) struct Envelope {
    pub r#type: String,
    pub status: DataTransferStatus,
    pub payload: Option<serde_json::Value>,
    pub next: Option<Box<Envelope>>,
    pub small: Option<i8>,
}

/// Nothing but optional fields
#[ocpp_type]
pub struct AllOptional {
    pub a: Option<bool>,
    pub b: Option<u64>,
}

/// No fields at all
#[ocpp_type(deny_unknown_fields)]
pub struct Empty {}

#[allow(dead_code)]
#[cfg_attr(test, derive(Eq))]
#[ocpp_type]
pub struct WithPassThroughAttributes {
    #[cfg_attr(test, allow(unused))]
    pub name: String,
}

// Generated code names everything by its full path: it compiles where not
// even the prelude is in scope.
#[no_implicit_prelude]
mod hygiene {
    /// Defined without the prelude
    #[::ocpp_types::ocpp_type]
    pub struct Bare {
        pub text: ::std::string::String,
        pub list: ::std::vec::Vec<bool>,
        pub maybe: ::std::option::Option<u8>,
    }

    #[::ocpp_types::ocpp_type]
    pub enum BareEnum {
        One,
    }
}

#[test]
fn field_rename_is_the_wire_name() {
    let reading =
        MeterReading::new(1, 12.5, ["a".to_owned()]).with_measurand(Measurand::CurrentImport);
    assert_eq!(
        serde_json::to_value(&reading).unwrap(),
        json!({"connectorId": 1, "energy": 12.5, "measurand": "Current.Import", "tags": ["a"]})
    );
    let back: MeterReading =
        serde_json::from_value(json!({"connectorId": 1, "energy": 12.5, "tags": []})).unwrap();
    assert_eq!(back.connector_id, 1);
    assert!(serde_json::from_value::<MeterReading>(
        json!({"connector_id": 1, "energy": 1, "tags": []})
    )
    .is_err());
}

#[test]
fn variant_rename_is_the_wire_string() {
    assert_eq!(
        Measurand::EnergyActiveImportRegister.as_str(),
        "Energy.Active.Import.Register"
    );
    assert_eq!(
        "Current.Import".parse::<Measurand>(),
        Ok(Measurand::CurrentImport)
    );
    assert_eq!(Measurand::Voltage.to_string(), "Voltage");
    assert!("CurrentImport".parse::<Measurand>().is_err());
}

#[test]
fn user_derives_are_kept_beside_the_generated_ones() {
    // Default (with a #[default] variant), PartialOrd and Ord come from the user.
    assert_eq!(Measurand::default(), Measurand::EnergyActiveImportRegister);
    assert!(Measurand::EnergyActiveImportRegister < Measurand::Voltage);
    assert_eq!(MeterReading::default().tags, Vec::<String>::new());
    // Debug is ours (a derive of it by the user is a compile error: tests/ui).
    let envelope = Envelope::new("t", DataTransferStatus::Accepted);
    assert!(format!("{envelope:?}").starts_with("Envelope"));
    fn is_eq<T: Eq>(_: &T) {}
    is_eq(&envelope);
    let a = WithPassThroughAttributes::new("x");
    assert_eq!(a.clone(), a);
}

#[test]
fn doc_comments_are_the_description() {
    assert_eq!(MeterReading::NAME, "MeterReading");
    assert_eq!(
        MeterReading::DESCRIPTION,
        "A meter reading\ntaken by the charger."
    );
    assert_eq!(Empty::DESCRIPTION, "No fields at all");
    assert_eq!(WithPassThroughAttributes::DESCRIPTION, "");
    assert_eq!(hygiene::Bare::DESCRIPTION, "Defined without the prelude");
}

#[test]
fn integers_outside_the_rust_range_are_rejected_with_the_range() {
    let error =
        serde_json::from_value::<MeterReading>(json!({"connectorId": -1, "energy": 0, "tags": []}))
            .unwrap_err();
    assert_eq!(
        error.to_string(),
        "MeterReading.connectorId: invalid value: integer `-1`, expected an integer from 0 to 4294967295"
    );
    let error =
        serde_json::from_str::<Envelope>(r#"{"type": "t", "status": "Accepted", "small": 128}"#)
            .unwrap_err();
    assert_eq!(
        error.to_string(),
        "Envelope.small: invalid value: integer `128`, expected an integer from -128 to 127 at line 1 column 48"
    );
}

#[test]
fn a_whole_number_written_as_a_float_is_an_integer() {
    let reading: MeterReading =
        serde_json::from_str(r#"{"connectorId": 2.0, "energy": 1, "tags": []}"#).unwrap();
    assert_eq!(reading.connector_id, 2);
    let error =
        serde_json::from_str::<MeterReading>(r#"{"connectorId": 2.5, "energy": 1, "tags": []}"#)
            .unwrap_err();
    assert_eq!(
        error.to_string(),
        "MeterReading.connectorId: invalid type: number `2.5`, expected an integer from 0 to 4294967295 at line 1 column 19"
    );
}

#[test]
fn nested_boxes_and_any_values_round_trip() {
    let inner =
        Envelope::new("inner", DataTransferStatus::Rejected).with_payload(json!({"a": [1, null]}));
    let outer = Envelope::new("outer", DataTransferStatus::Accepted)
        .with_next(inner)
        .with_small(-5);
    let text = serde_json::to_string(&outer).unwrap();
    assert_eq!(
        text,
        r#"{"type":"outer","status":"Accepted","next":{"type":"inner","status":"Rejected","payload":{"a":[1,null]}},"small":-5}"#
    );
    assert_eq!(serde_json::from_str::<Envelope>(&text).unwrap(), outer);
}

#[test]
fn errors_inside_boxes_name_the_path() {
    let error = serde_json::from_value::<Envelope>(
        json!({"type": "a", "status": "Accepted", "next": {"type": "b", "status": "accepted"}}),
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "Envelope.next.status: unknown DataTransferStatus value `accepted`, \
         expected `Accepted` (values are case-sensitive)"
    );
}

#[test]
fn a_type_with_only_optional_fields_accepts_an_empty_object() {
    let value: AllOptional = serde_json::from_str("{}").unwrap();
    assert_eq!(value, AllOptional::new());
    assert_eq!(
        serde_json::to_string(&AllOptional::new().with_b(7)).unwrap(),
        r#"{"b":7}"#
    );
}

#[test]
fn a_closed_type_without_fields_accepts_only_an_empty_object() {
    assert_eq!(serde_json::from_str::<Empty>("{}").unwrap(), Empty::new());
    assert_eq!(
        serde_json::from_str::<Empty>(r#"{"a": 1}"#)
            .unwrap_err()
            .to_string(),
        "Empty: unknown field `a`, expected no field at line 1 column 4"
    );
}

#[test]
fn types_defined_without_the_prelude_work() {
    let bare = hygiene::Bare::new("t", vec![true, false]);
    assert_eq!(
        serde_json::to_string(&bare).unwrap(),
        r#"{"text":"t","list":[true,false]}"#
    );
    let bare: hygiene::Bare = serde_json::from_str(r#"{"text": "t", "list": []}"#).unwrap();
    assert_eq!(bare.maybe, None);
    assert_eq!(hygiene::BareEnum::ALL, [hygiene::BareEnum::One]);
}

#[test]
fn user_types_have_a_schema() {
    let schema = MeterReading::json_schema();
    assert_eq!(schema["title"], "MeterReading");
    assert_eq!(schema["properties"]["connectorId"]["type"], "integer");
    assert_eq!(schema["properties"]["connectorId"]["minimum"], 0);
    assert_eq!(schema["properties"]["connectorId"]["maximum"], u32::MAX);
    assert_eq!(
        schema["properties"]["measurand"]["$ref"],
        "#/$defs/Measurand"
    );
    assert_eq!(
        schema["$defs"]["Measurand"]["enum"],
        json!(["Energy.Active.Import.Register", "Current.Import", "Voltage"])
    );
    assert_eq!(schema["required"], json!(["connectorId", "energy", "tags"]));
    assert_eq!(schema["additionalProperties"], false);
    // A type that contains itself refers to its own definition.
    let schema = Envelope::json_schema();
    assert_eq!(schema["properties"]["next"]["$ref"], "#/$defs/Envelope");
    assert_eq!(
        schema["$defs"]["Envelope"]["properties"]["type"]["type"],
        "string"
    );
    assert_eq!(schema["properties"]["payload"], json!(true));
}

/// Numbers of single precision
#[ocpp_type]
pub struct Single {
    pub value: f32,
}

#[test]
fn a_number_beyond_f32_is_rejected_with_the_range() {
    assert_eq!(
        serde_json::from_str::<Single>(r#"{"value": 1e39}"#)
            .unwrap_err()
            .to_string(),
        "Single.value: invalid value: number `1e39`, \
         expected a number from -3.4028235e38 to 3.4028235e38 at line 1 column 14"
    );
}

/// A reading with a double
#[ocpp_type]
pub struct Precise {
    pub value: f64,
}

#[test]
fn an_f64_reads_back_exactly_what_it_wrote() {
    // Without serde_json's float_roundtrip this one reads back one unit off.
    let value = Precise::new(-1.6993956755049307e-12);
    let text = serde_json::to_string(&value).unwrap();
    assert_eq!(
        serde_json::from_str::<Precise>(&text).unwrap(),
        value,
        "{text}"
    );
}
