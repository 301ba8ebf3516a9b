//! The options users need for real OCPP messages: wire naming, constraints,
//! dates, forward-compatible enums and lossless open objects.

use std::collections::{BTreeMap, HashMap};

use ocpp_types::{ocpp_type, OcppType};
use serde_json::{json, Value};

/// OCPP 1.6 BootNotification.req (a part of it)
#[ocpp_type(rename_all = "camelCase", deny_unknown_fields)]
pub struct BootNotificationRequest {
    #[ocpp(min_length = 1, max_length = 20)]
    pub charge_point_vendor: String,
    #[ocpp(max_length = 20)]
    pub charge_point_model: String,
    #[ocpp(max_length = 25)]
    pub charge_point_serial_number: Option<String>,
    #[ocpp(rename = "iccid", max_length = 20)]
    pub icc_id: Option<String>,
}

/// A sampled value
#[ocpp_type(rename_all = "camelCase")]
pub struct Sample {
    #[ocpp(format = "date-time")]
    pub timestamp: String,
    #[ocpp(minimum = 0, maximum = 100)]
    pub soc: Option<u8>,
    #[ocpp(minimum = -40.5, maximum = 99.5)]
    pub temperature: Option<f64>,
    #[ocpp(min_items = 1, max_items = 3)]
    pub phases: Vec<Phase>,
    pub by_connector: Option<BTreeMap<String, u32>>,
    pub labels: Option<HashMap<String, String>>,
}

/// Phases, spelled like OCPP's
#[ocpp_type(rename_all = "SCREAMING-KEBAB-CASE")]
pub enum Phase {
    L1,
    L2N,
    #[ocpp(rename = "L3")]
    Third,
}

/// Data transfer status, as a newer EVerest writes it
#[ocpp_type]
pub enum Status {
    Accepted,
    Rejected,
    #[ocpp(other)]
    Other(String),
}

/// An open object that keeps what it does not know
#[ocpp_type]
pub struct Lossless {
    pub id: u32,
    pub note: Option<String>,
    #[ocpp(flatten)]
    pub extra: ::ocpp_types::Properties,
}

fn error<T: OcppType + std::fmt::Debug>(value: Value) -> String {
    match serde_json::from_value::<T>(value.clone()) {
        Ok(ok) => panic!("{value} was accepted as {ok:?}"),
        Err(error) => error.to_string(),
    }
}

#[test]
fn rename_all_applies_to_fields_and_rename_wins() {
    let boot = BootNotificationRequest::new("EVerest", "BelayBox").with_icc_id("8931");
    assert_eq!(
        serde_json::to_value(&boot).unwrap(),
        json!({"chargePointVendor": "EVerest", "chargePointModel": "BelayBox", "iccid": "8931"})
    );
    assert!(serde_json::from_value::<BootNotificationRequest>(
        json!({"charge_point_vendor": "a", "chargePointModel": "b"})
    )
    .is_err());
}

#[test]
fn rename_all_applies_to_variants_and_rename_wins() {
    assert_eq!(Phase::L1.as_str(), "L1");
    assert_eq!(Phase::L2N.as_str(), "L2-N");
    assert_eq!(Phase::Third.as_str(), "L3");
}

#[test]
fn a_string_longer_than_max_length_is_rejected_naming_field_and_limit() {
    assert_eq!(
        error::<BootNotificationRequest>(json!({"chargePointVendor": "a".repeat(21), "chargePointModel": "m"})),
        "BootNotificationRequest.chargePointVendor: string of 21 characters is longer than the maximum length of 20 characters"
    );
    assert_eq!(
        error::<BootNotificationRequest>(json!({"chargePointVendor": "", "chargePointModel": "m"})),
        "BootNotificationRequest.chargePointVendor: string of 0 characters is shorter than the minimum length of 1 character"
    );
}

#[test]
fn lengths_count_unicode_scalar_values_not_bytes() {
    // 20 characters, 40 bytes: within the limit.
    let vendor = "é".repeat(20);
    let boot: BootNotificationRequest =
        serde_json::from_value(json!({"chargePointVendor": vendor, "chargePointModel": "m"}))
            .unwrap();
    assert_eq!(boot.charge_point_vendor.chars().count(), 20);
}

#[test]
fn numbers_outside_minimum_and_maximum_are_rejected() {
    let sample = |soc: Value, temperature: Value| json!({"timestamp": "2026-11-27T10:00:00Z", "soc": soc, "temperature": temperature, "phases": ["L1"]});
    assert!(serde_json::from_value::<Sample>(sample(json!(100), json!(-40.5))).is_ok());
    assert_eq!(
        error::<Sample>(sample(json!(101), json!(0))),
        "Sample.soc: 101 is more than the maximum of 100"
    );
    assert_eq!(
        error::<Sample>(sample(json!(1), json!(-41))),
        "Sample.temperature: -41 is less than the minimum of -40.5"
    );
}

#[test]
fn arrays_outside_min_items_and_max_items_are_rejected() {
    let sample = |phases: Value| json!({"timestamp": "2026-11-27T10:00:00Z", "phases": phases});
    assert_eq!(
        error::<Sample>(sample(json!([]))),
        "Sample.phases: array of 0 items has fewer than the minimum of 1 item"
    );
    assert_eq!(
        error::<Sample>(sample(json!(["L1", "L2-N", "L3", "L1"]))),
        "Sample.phases: array of 4 items has more than the maximum of 3 items"
    );
}

#[test]
fn date_time_must_be_rfc_3339() {
    let sample = |timestamp: &str| json!({"timestamp": timestamp, "phases": ["L1"]});
    assert!(serde_json::from_value::<Sample>(sample("2026-11-27T10:00:00.5+01:00")).is_ok());
    assert_eq!(
        error::<Sample>(sample("2026-11-27 10:00")),
        "Sample.timestamp: not a date-time as RFC 3339 writes it (such as \"2026-11-27T10:00:00Z\")"
    );
    assert!(serde_json::from_value::<Sample>(sample("2026-02-30T10:00:00Z")).is_err());
}

#[test]
fn a_value_built_in_rust_that_breaks_a_limit_does_not_serialize() {
    let boot = BootNotificationRequest::new("a vendor name that is far too long", "m");
    let error = serde_json::to_string(&boot).unwrap_err();
    assert_eq!(
        error.to_string(),
        "BootNotificationRequest.chargePointVendor: string of 34 characters is longer than the maximum length of 20 characters"
    );
    let sample = Sample::new("yesterday", [Phase::L1]);
    assert!(serde_json::to_string(&sample)
        .unwrap_err()
        .to_string()
        .starts_with("Sample.timestamp: not a date-time"));
    let sample = Sample::new("2026-11-27T10:00:00Z", Vec::new());
    assert!(serde_json::to_value(&sample).is_err());
}

#[test]
fn maps_are_objects_with_free_keys() {
    let text = r#"{"timestamp": "2026-11-27T10:00:00Z", "phases": ["L1"], "byConnector": {"1": 10, "2": 20}, "labels": {"site": "depot"}}"#;
    let sample: Sample = serde_json::from_str(text).unwrap();
    assert_eq!(sample.by_connector.as_ref().unwrap()["2"], 20);
    assert_eq!(sample.labels.as_ref().unwrap()["site"], "depot");
    assert_eq!(
        serde_json::from_str::<Sample>(&serde_json::to_string(&sample).unwrap()).unwrap(),
        sample
    );
    assert_eq!(
        error::<Sample>(
            json!({"timestamp": "2026-11-27T10:00:00Z", "phases": ["L1"], "byConnector": {"1": "ten"}})
        ),
        r#"Sample.byConnector["1"]: invalid type: string "ten", expected an integer from 0 to 4294967295"#
    );
    let duplicate = r#"{"timestamp": "2026-11-27T10:00:00Z", "phases": ["L1"], "labels": {"a": "1", "a": "2"}}"#;
    assert_eq!(
        serde_json::from_str::<Sample>(duplicate)
            .unwrap_err()
            .to_string(),
        "Sample.labels: duplicate key `a` at line 1 column 80"
    );
}

#[test]
fn an_other_variant_keeps_unknown_values_and_writes_them_back() {
    let status: Status = serde_json::from_str(r#""Offline""#).unwrap();
    assert_eq!(status, Status::Other("Offline".to_owned()));
    assert_eq!(serde_json::to_string(&status).unwrap(), r#""Offline""#);
    assert_eq!(status.as_str(), "Offline");
    assert_eq!("Accepted".parse::<Status>(), Ok(Status::Accepted));
    assert_eq!(
        "accepted".parse::<Status>(),
        Ok(Status::Other("accepted".to_owned()))
    );
    assert_eq!(Status::ALL, [Status::Accepted, Status::Rejected]);
    assert_eq!(Status::from("Offline".to_owned()), status);
    assert_eq!(Status::from("Rejected"), Status::Rejected);
    // Still a string and nothing else.
    assert!(serde_json::from_str::<Status>("1").is_err());
    assert!(serde_json::from_str::<Status>("null").is_err());
}

#[test]
fn without_an_other_variant_unknown_values_stay_errors() {
    assert!(serde_json::from_str::<Phase>(r#""L4""#).is_err());
}

#[test]
fn a_flattened_map_keeps_unknown_properties_and_writes_them_back() {
    let text = r#"{"id":7,"vendorField":{"a":[1,2]},"note":"n","flag":null}"#;
    let value: Lossless = serde_json::from_str(text).unwrap();
    assert_eq!(value.id, 7);
    assert_eq!(value.extra["vendorField"], json!({"a": [1, 2]}));
    assert_eq!(value.extra["flag"], Value::Null);
    // Known fields first, in declaration order, then the kept ones in input order.
    assert_eq!(
        serde_json::to_string(&value).unwrap(),
        r#"{"id":7,"note":"n","vendorField":{"a":[1,2]},"flag":null}"#
    );
}

#[test]
fn a_kept_unknown_property_given_twice_is_rejected() {
    assert_eq!(
        serde_json::from_str::<Lossless>(r#"{"id": 1, "x": 1, "x": 2}"#)
            .unwrap_err()
            .to_string(),
        "Lossless: duplicate field `x` at line 1 column 21"
    );
}

#[test]
fn a_kept_property_with_a_fields_name_does_not_serialize() {
    let mut value = Lossless::new(1);
    value.extra.insert("id".to_owned(), json!(2));
    assert_eq!(
        serde_json::to_string(&value).unwrap_err().to_string(),
        "Lossless.extra: property `id` is a field of Lossless; set the field instead"
    );
}

#[test]
fn constraints_are_in_the_schema() {
    let schema = BootNotificationRequest::json_schema();
    assert_eq!(
        schema["properties"]["chargePointVendor"],
        json!({"type": "string", "minLength": 1, "maxLength": 20})
    );
    let schema = Sample::json_schema();
    assert_eq!(
        schema["properties"]["timestamp"],
        json!({"type": "string", "format": "date-time"})
    );
    // A bound tighter than the Rust type's range replaces it.
    assert_eq!(
        schema["properties"]["soc"],
        json!({"type": "integer", "minimum": 0, "maximum": 100})
    );
    assert_eq!(
        schema["properties"]["temperature"],
        json!({"type": "number", "minimum": -40.5, "maximum": 99.5})
    );
    assert_eq!(schema["properties"]["phases"]["minItems"], 1);
    assert_eq!(schema["properties"]["phases"]["maxItems"], 3);
    assert_eq!(
        schema["properties"]["byConnector"],
        json!({"type": "object", "additionalProperties": {"type": "integer", "minimum": 0, "maximum": u32::MAX}})
    );
    assert_eq!(
        schema["$defs"]["Phase"]["enum"],
        json!(["L1", "L2-N", "L3"])
    );
    let status = Status::json_schema();
    assert_eq!(status["type"], "string");
    assert_eq!(status["examples"], json!(["Accepted", "Rejected"]));
    assert!(status.get("enum").is_none());
    let lossless = Lossless::json_schema();
    assert!(lossless["properties"].get("extra").is_none());
    assert!(lossless.get("additionalProperties").is_none());
}

/// OCPP 1.6 ChargingSchedulePeriod, from a draft-04 schema file
#[ocpp_type(rename_all = "camelCase", deny_unknown_fields, draft = "draft-04")]
pub struct SchedulePeriod {
    pub start_period: i64,
    #[ocpp(multiple_of = 0.1)]
    pub limit: f64,
    pub number_phases: Option<i64>,
}

/// A later draft's integers go by value
#[ocpp_type(rename_all = "camelCase", draft = "draft-06")]
pub struct LaterPeriod {
    pub start_period: i64,
    #[ocpp(multiple_of = 5, minimum = 0)]
    pub step: Option<u32>,
    #[ocpp(format = "uri")]
    pub address: Option<String>,
}

#[test]
fn multiple_of_is_judged_on_decimal_values() {
    for limit in ["0.3", "32", "-1.1", "0", "1e2", "2.50"] {
        let text = format!(r#"{{"startPeriod": 0, "limit": {limit}}}"#);
        assert!(
            ocpp_types::from_str::<SchedulePeriod>(&text).is_ok(),
            "{limit}"
        );
    }
    let read =
        ocpp_types::from_str::<SchedulePeriod>(r#"{"startPeriod": 0, "limit": 0.35}"#).unwrap_err();
    assert_eq!(read.kind(), ocpp_types::ErrorKind::MultipleOf);
    assert_eq!(
        read.to_string(),
        "SchedulePeriod.limit: 0.35 is not a multiple of 0.1 at line 1 column 32"
    );
    assert_eq!(
        error::<LaterPeriod>(json!({"startPeriod": 0, "step": 12})),
        "LaterPeriod.step: 12 is not a multiple of 5"
    );
    // Written from Rust, too.
    let period = SchedulePeriod::new(0, 0.15);
    assert_eq!(
        serde_json::to_string(&period).unwrap_err().to_string(),
        "SchedulePeriod.limit: 0.15 is not a multiple of 0.1"
    );
    assert_eq!(
        SchedulePeriod::json_schema()["properties"]["limit"]["multipleOf"],
        0.1
    );
}

#[test]
fn draft_04_integers_are_integers_as_written() {
    let read =
        ocpp_types::from_str::<SchedulePeriod>(r#"{"startPeriod": 5.0, "limit": 1}"#).unwrap_err();
    assert_eq!(read.kind(), ocpp_types::ErrorKind::WrongType);
    assert_eq!(
        read.message(),
        "SchedulePeriod.startPeriod: invalid type: number `5.0` written with a fraction or an \
         exponent, expected an integer from -9223372036854775808 to 9223372036854775807"
    );
    assert!(ocpp_types::from_str::<SchedulePeriod>(r#"{"startPeriod": 5, "limit": 1}"#).is_ok());
    let message =
        error::<SchedulePeriod>(json!({"startPeriod": 0, "limit": 1, "numberPhases": 3e0}));
    assert!(
        message.starts_with("SchedulePeriod.numberPhases: invalid type"),
        "{message}"
    );
    // Later drafts take `5.0` for the integer 5.
    let period: LaterPeriod = serde_json::from_str(r#"{"startPeriod": 5.0}"#).unwrap();
    assert_eq!(period.start_period, 5);
}

#[test]
fn uri_must_be_absolute_rfc_3986() {
    for address in [
        "wss://csms.example.com/ocpp/CP1",
        "urn:ocpp:cp:1",
        "http://[::1]:80/",
    ] {
        let period = LaterPeriod::new(0).with_address(address);
        let text = serde_json::to_string(&period).unwrap();
        assert_eq!(ocpp_types::from_str::<LaterPeriod>(&text).unwrap(), period);
    }
    for address in [
        "csms.example.com",
        "/ocpp/CP1",
        "wss://host/a b",
        "http://x/ü",
    ] {
        let message = error::<LaterPeriod>(json!({"startPeriod": 0, "address": address}));
        assert_eq!(
            message,
            "LaterPeriod.address: not an absolute URI as RFC 3986 writes it (such as \
             \"https://example.com/path\")",
            "{address}"
        );
    }
    assert_eq!(
        LaterPeriod::json_schema()["properties"]["address"]["format"],
        "uri"
    );
}

/// OCPP 1.6 GetConfiguration.req: each key at most 50 characters
#[ocpp_type(deny_unknown_fields)]
pub struct GetConfigurationRequest {
    #[ocpp(max_items = 3, items(max_length = 5))]
    pub key: Option<Vec<String>>,
    #[ocpp(items(minimum = 0, multiple_of = 2))]
    pub evse_ids: Vec<i64>,
}

#[test]
fn items_meet_their_own_constraints() {
    let ok: GetConfigurationRequest =
        serde_json::from_value(json!({"key": ["a", "abcde"], "evse_ids": [0, 2, 10]})).unwrap();
    assert_eq!(ok.evse_ids, [0, 2, 10]);
    let read = ocpp_types::from_value::<GetConfigurationRequest>(
        json!({"key": ["a", "abcdef"], "evse_ids": []}),
    )
    .unwrap_err();
    assert_eq!(read.kind(), ocpp_types::ErrorKind::Length);
    assert_eq!(read.pointer(), "/key/1");
    assert_eq!(
        read.message(),
        "GetConfigurationRequest.key[1]: string of 6 characters is longer than the maximum \
         length of 5 characters"
    );
    assert_eq!(
        error::<GetConfigurationRequest>(json!({"evse_ids": [4, -2]})),
        "GetConfigurationRequest.evse_ids[1]: -2 is less than the minimum of 0"
    );
    assert_eq!(
        error::<GetConfigurationRequest>(json!({"evse_ids": [3]})),
        "GetConfigurationRequest.evse_ids[0]: 3 is not a multiple of 2"
    );
    // The array's own limits still hold.
    assert_eq!(
        error::<GetConfigurationRequest>(json!({"key": ["a", "b", "c", "d"], "evse_ids": []})),
        "GetConfigurationRequest.key: array of 4 items has more than the maximum of 3 items"
    );
    // Written from Rust, too.
    let request = GetConfigurationRequest::new(vec![1]).with_key(vec!["abcdefg".to_owned()]);
    assert_eq!(
        serde_json::to_string(&request).unwrap_err().to_string(),
        "GetConfigurationRequest.key[0]: string of 7 characters is longer than the maximum \
         length of 5 characters"
    );
    let schema = GetConfigurationRequest::json_schema();
    assert_eq!(
        schema["properties"]["key"],
        json!({"type": "array", "items": {"type": "string", "maxLength": 5}, "maxItems": 3})
    );
    assert_eq!(schema["properties"]["evse_ids"]["items"]["minimum"], 0);
    assert_eq!(schema["properties"]["evse_ids"]["items"]["multipleOf"], 2);
}
