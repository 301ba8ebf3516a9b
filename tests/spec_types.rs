//! The eight types of the spec, used as a user would: every rule of
//! deserialization, with the exact message a user sees.

use ocpp_types::{
    ConfigurationStatus, DataTransferRequest, DataTransferResponse, DataTransferStatus,
    GetConfigurationResponse, KeyValue, OcppType, SecurityEvent, SecurityEventEnum,
};
use serde_json::json;

/// The error message of deserializing `text` as `T`, which must fail.
fn error<T: OcppType + std::fmt::Debug>(text: &str) -> String {
    match serde_json::from_str::<T>(text) {
        Ok(value) => panic!("{text} was accepted as {value:?}"),
        Err(error) => error.to_string(),
    }
}

fn round_trip<T: OcppType + PartialEq + std::fmt::Debug>(value: &T) {
    let text = serde_json::to_string(value).unwrap();
    assert_eq!(&serde_json::from_str::<T>(&text).unwrap(), value, "{text}");
}

#[test]
fn a_valid_document_deserializes_to_the_expected_value() {
    let text = r#"{
        "configuration_keys": [
            {"key": "HeartbeatInterval", "read_only": false, "value": "300"},
            {"key": "AuthorizationKey", "read_only": true}
        ],
        "unknown_keys": ["FancyFeature"]
    }"#;
    let response: GetConfigurationResponse = serde_json::from_str(text).unwrap();
    assert_eq!(
        response,
        GetConfigurationResponse::new(
            vec![
                KeyValue::new("HeartbeatInterval", false).with_value("300"),
                KeyValue::new("AuthorizationKey", true),
            ],
            ["FancyFeature".to_owned()],
        )
    );
}

#[test]
fn serialization_writes_fields_in_declaration_order_and_omits_none() {
    let request = DataTransferRequest::new("org.openchargealliance.costmsg").with_data("{}");
    assert_eq!(
        serde_json::to_string(&request).unwrap(),
        r#"{"vendor_id":"org.openchargealliance.costmsg","data":"{}"}"#
    );
    let key = KeyValue::new("MeterValueSampleInterval", false);
    assert_eq!(
        serde_json::to_value(&key).unwrap(),
        json!({"key": "MeterValueSampleInterval", "read_only": false})
    );
}

#[test]
fn every_type_round_trips() {
    round_trip(&DataTransferStatus::UnknownVendorId);
    round_trip(
        &DataTransferRequest::new("vendor")
            .with_message_id("m")
            .with_data("d"),
    );
    round_trip(&DataTransferResponse::new(DataTransferStatus::Accepted).with_data("ok"));
    round_trip(&KeyValue::new("k", true).with_value("v"));
    round_trip(&GetConfigurationResponse::new(
        vec![KeyValue::new("k", false)],
        Vec::<String>::new(),
    ));
    round_trip(&ConfigurationStatus::RebootRequired);
    round_trip(&SecurityEventEnum::InvalidTLSCipherSuite);
    round_trip(&SecurityEvent::new("VendorAlarm").with_info("door open"));
}

#[test]
fn the_raw_identifier_field_is_plain_type_on_the_wire() {
    let event = SecurityEvent::from(SecurityEventEnum::StartupOfTheDevice);
    assert_eq!(
        serde_json::to_string(&event).unwrap(),
        r#"{"type":"StartupOfTheDevice"}"#
    );
}

#[test]
fn missing_required_fields_are_all_named_in_one_error() {
    assert_eq!(
        error::<GetConfigurationResponse>("{}"),
        "GetConfigurationResponse: missing required fields `configuration_keys`, `unknown_keys` at line 1 column 2"
    );
    assert_eq!(
        error::<KeyValue>(r#"{"value": "x"}"#),
        "KeyValue: missing required fields `key`, `read_only` at line 1 column 14"
    );
    assert_eq!(
        error::<SecurityEvent>(r#"{"info": "x"}"#),
        "SecurityEvent: missing required field `type` at line 1 column 13"
    );
}

#[test]
fn a_missing_field_in_a_nested_object_names_the_path_and_the_type() {
    assert_eq!(
        error::<GetConfigurationResponse>(r#"{"configuration_keys": [{"key": "a", "read_only": true}, {"key": "b"}], "unknown_keys": []}"#),
        "GetConfigurationResponse.configuration_keys[1] (KeyValue): missing required field `read_only` at line 1 column 69"
    );
}

#[test]
fn null_is_rejected_for_required_and_optional_fields() {
    assert_eq!(
        error::<DataTransferRequest>(r#"{"vendor_id": null}"#),
        "DataTransferRequest.vendor_id: invalid type: null, expected a string at line 1 column 18"
    );
    assert_eq!(
        error::<DataTransferRequest>(r#"{"vendor_id": "v", "data": null}"#),
        "DataTransferRequest.data: invalid type: null, expected a string at line 1 column 31"
    );
    assert_eq!(
        error::<GetConfigurationResponse>(r#"{"configuration_keys": null, "unknown_keys": []}"#),
        "GetConfigurationResponse.configuration_keys: invalid type: null, expected an array at line 1 column 27"
    );
}

#[test]
fn a_wrong_value_type_names_the_field_and_the_expected_type() {
    assert_eq!(
        error::<KeyValue>(r#"{"key": "k", "read_only": "yes"}"#),
        r#"KeyValue.read_only: invalid type: string "yes", expected a boolean at line 1 column 31"#
    );
    assert_eq!(
        error::<KeyValue>(r#"{"key": 5, "read_only": true}"#),
        "KeyValue.key: invalid type: integer `5`, expected a string at line 1 column 9"
    );
    assert_eq!(
        error::<GetConfigurationResponse>(r#"{"configuration_keys": {}, "unknown_keys": []}"#),
        "GetConfigurationResponse.configuration_keys: invalid type: object, expected an array at line 1 column 25"
    );
    assert_eq!(
        error::<DataTransferRequest>("[]"),
        "DataTransferRequest: invalid type: array, expected a DataTransferRequest object at line 1 column 2"
    );
}

#[test]
fn a_wrong_value_type_deep_inside_names_the_whole_path() {
    assert_eq!(
        error::<GetConfigurationResponse>(
            r#"{"configuration_keys": [{"key": "a", "read_only": true}, {"key": "b", "read_only": 1}], "unknown_keys": []}"#
        ),
        "GetConfigurationResponse.configuration_keys[1].read_only: invalid type: integer `1`, expected a boolean at line 1 column 84"
    );
    assert_eq!(
        error::<GetConfigurationResponse>(r#"{"configuration_keys": [], "unknown_keys": ["a", false]}"#),
        "GetConfigurationResponse.unknown_keys[1]: invalid type: boolean `false`, expected a string at line 1 column 54"
    );
}

#[test]
fn an_unknown_property_on_a_closed_object_is_rejected() {
    assert_eq!(
        error::<DataTransferRequest>(r#"{"vendor_id": "v", "vendorId": "v"}"#),
        "DataTransferRequest: unknown field `vendorId`, expected one of `vendor_id`, `message_id`, `data` at line 1 column 29"
    );
    assert_eq!(
        error::<DataTransferResponse>(r#"{"status": "Accepted", "extra": 1}"#),
        "DataTransferResponse: unknown field `extra`, expected `status` or `data` at line 1 column 30"
    );
    assert_eq!(
        error::<GetConfigurationResponse>(r#"{"configuration_keys": [{"key": "a", "read_only": true, "readonly": true}], "unknown_keys": []}"#),
        "GetConfigurationResponse.configuration_keys[0] (KeyValue): unknown field `readonly`, expected one of `key`, `read_only`, `value` at line 1 column 66"
    );
}

#[test]
fn an_unknown_property_on_an_open_object_is_kept_and_written_back() {
    let text = r#"{"type":"ResetOrReboot","timestamp":"2026-11-27T10:00:00Z","tech":{"a":[1]}}"#;
    let event: SecurityEvent = serde_json::from_str(text).unwrap();
    assert_eq!(event.r#type, "ResetOrReboot");
    assert_eq!(
        serde_json::to_value(&event.additional_properties).unwrap(),
        json!({"timestamp": "2026-11-27T10:00:00Z", "tech": {"a": [1]}})
    );
    // Written back after the spec's properties, in the order they came
    // (with serde_json's `preserve_order`, which these tests turn on).
    assert_eq!(serde_json::to_string(&event).unwrap(), text);
    // A program can set them too.
    let mut event = SecurityEvent::new("ResetOrReboot");
    event.additional_properties.insert("site", json!("Berlin"));
    assert_eq!(
        serde_json::to_string(&event).unwrap(),
        r#"{"type":"ResetOrReboot","site":"Berlin"}"#
    );
    let response: GetConfigurationResponse =
        serde_json::from_str(r#"{"configuration_keys": [], "unknown_keys": [], "x": null}"#)
            .unwrap();
    assert!(response.configuration_keys.is_empty());
    assert_eq!(response.additional_properties["x"], serde_json::Value::Null);
}

#[test]
fn a_property_given_twice_is_rejected() {
    assert_eq!(
        error::<KeyValue>(r#"{"key": "a", "read_only": true, "key": "b"}"#),
        "KeyValue: duplicate field `key` at line 1 column 37"
    );
    assert_eq!(
        error::<DataTransferRequest>(r#"{"vendor_id": "v", "data": "1", "data": "2"}"#),
        "DataTransferRequest: duplicate field `data` at line 1 column 38"
    );
}

#[test]
fn an_unknown_property_given_twice_on_an_open_object_is_rejected() {
    assert_eq!(
        error::<SecurityEvent>(r#"{"type": "t", "note": 1, "note": 2}"#),
        "SecurityEvent: duplicate field `note` at line 1 column 31"
    );
}

#[test]
fn an_unknown_enum_string_names_the_value_and_lists_the_allowed_ones() {
    assert_eq!(
        error::<DataTransferResponse>(r#"{"status": "Pending"}"#),
        "DataTransferResponse.status: unknown DataTransferStatus value `Pending`, expected one of \
         `Accepted`, `Rejected`, `UnknownMessageId`, `UnknownVendorId` at line 1 column 20"
    );
    assert_eq!(
        error::<ConfigurationStatus>(r#""NotImplemented""#),
        "ConfigurationStatus: unknown ConfigurationStatus value `NotImplemented`, expected one of \
         `Accepted`, `Rejected`, `RebootRequired`, `NotSupported` at line 1 column 16"
    );
}

#[test]
fn a_value_in_the_wrong_case_is_pointed_out() {
    assert_eq!(
        error::<DataTransferResponse>(r#"{"status": "unknownVendorId"}"#),
        "DataTransferResponse.status: unknown DataTransferStatus value `unknownVendorId`, \
         expected `UnknownVendorId` (values are case-sensitive) at line 1 column 28"
    );
}

#[test]
fn enum_strings_are_case_sensitive() {
    assert!(serde_json::from_str::<DataTransferStatus>(r#""accepted""#).is_err());
    assert!("ACCEPTED".parse::<ConfigurationStatus>().is_err());
    assert_eq!(
        "Accepted".parse::<ConfigurationStatus>(),
        Ok(ConfigurationStatus::Accepted)
    );
}

#[test]
fn an_enum_is_a_string_and_nothing_else() {
    assert_eq!(
        error::<DataTransferStatus>("0"),
        "DataTransferStatus: invalid type: integer `0`, expected a DataTransferStatus string at line 1 column 1"
    );
    assert!(serde_json::from_str::<DataTransferStatus>("null").is_err());
    assert!(serde_json::from_str::<DataTransferStatus>(r#"{"Accepted": null}"#).is_err());
}

#[test]
fn serde_json_position_is_kept_in_messages() {
    let message = error::<KeyValue>("{\n  \"key\": \"a\",\n  \"read_only\": \"no\"\n}");
    assert!(message.ends_with("at line 3 column 19"), "{message}");
}

#[test]
fn enums_convert_to_and_from_strings() {
    assert_eq!(
        DataTransferStatus::UnknownMessageId.as_str(),
        "UnknownMessageId"
    );
    assert_eq!(DataTransferStatus::Rejected.to_string(), "Rejected");
    assert_eq!(
        format!("[{:>10}]", DataTransferStatus::Accepted),
        "[  Accepted]"
    );
    assert_eq!(
        SecurityEventEnum::try_from("InvalidTLSVersion"),
        Ok(SecurityEventEnum::InvalidTLSVersion)
    );
    let error = SecurityEventEnum::try_from("Tampering").unwrap_err();
    assert_eq!(error.input(), "Tampering");
    assert_eq!(error.type_name(), "SecurityEventEnum");
    assert_eq!(error.allowed().len(), 20);
    let _: &dyn std::error::Error = &error;
}

#[test]
fn all_lists_every_value_in_the_spec_order() {
    assert_eq!(
        DataTransferStatus::ALL,
        [
            DataTransferStatus::Accepted,
            DataTransferStatus::Rejected,
            DataTransferStatus::UnknownMessageId,
            DataTransferStatus::UnknownVendorId
        ]
    );
    assert_eq!(ConfigurationStatus::ALL.len(), 4);
    assert_eq!(SecurityEventEnum::ALL.len(), 20);
    assert_eq!(
        SecurityEventEnum::ALL[0],
        SecurityEventEnum::FirmwareUpdated
    );
    assert_eq!(
        SecurityEventEnum::ALL[19],
        SecurityEventEnum::MaintenanceLoginFailed
    );
    for value in SecurityEventEnum::ALL {
        assert_eq!(
            value.as_str().parse::<SecurityEventEnum>(),
            Ok(value.clone())
        );
    }
}

#[test]
fn a_security_event_is_built_from_a_known_type_and_asked_for_it() {
    let event = SecurityEvent::from(SecurityEventEnum::TamperDetectionActivated);
    assert_eq!(event.r#type, "TamperDetectionActivated");
    assert_eq!(event.info, None);
    assert_eq!(
        event.known_type(),
        Some(SecurityEventEnum::TamperDetectionActivated)
    );
    let vendor: SecurityEvent = serde_json::from_str(r#"{"type": "VendorSpecificAlarm"}"#).unwrap();
    assert_eq!(vendor.known_type(), None);
}

#[test]
fn names_and_descriptions_are_the_specs() {
    assert_eq!(DataTransferStatus::NAME, "DataTransferStatus");
    assert_eq!(DataTransferStatus::DESCRIPTION, "Data Transfer Status enum");
    assert_eq!(
        DataTransferRequest::DESCRIPTION,
        "Type for data transfer request provided by OCPP"
    );
    assert_eq!(
        DataTransferResponse::DESCRIPTION,
        "Type for data transfer response provided by OCPP"
    );
    assert_eq!(KeyValue::DESCRIPTION, "Type for a key value pair");
    assert_eq!(
        GetConfigurationResponse::DESCRIPTION,
        "Response to a GetConfiguration request"
    );
    assert_eq!(
        ConfigurationStatus::DESCRIPTION,
        "Response to a set_custom_configuration_key command"
    );
    assert_eq!(
        SecurityEventEnum::DESCRIPTION,
        "Enum for known security events"
    );
    assert_eq!(SecurityEvent::NAME, "SecurityEvent");
    assert_eq!(SecurityEvent::DESCRIPTION, "Type for a security event");
}

#[test]
fn cbor_is_accepted_with_the_same_rules() {
    let response = GetConfigurationResponse::new(
        vec![KeyValue::new("HeartbeatInterval", false).with_value("300")],
        ["Unknown".to_owned()],
    );
    let mut bytes = Vec::new();
    ciborium::into_writer(&response, &mut bytes).unwrap();
    let back: GetConfigurationResponse = ciborium::from_reader(bytes.as_slice()).unwrap();
    assert_eq!(back, response);

    // The same rules hold: here a null and a missing field, written as CBOR.
    let mut bytes = Vec::new();
    ciborium::into_writer(&json!({"key": "k", "read_only": null}), &mut bytes).unwrap();
    let error = ciborium::from_reader::<KeyValue, _>(bytes.as_slice()).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("KeyValue.read_only: invalid type: null, expected a boolean"),
        "{error}"
    );
    let mut bytes = Vec::new();
    ciborium::into_writer(&json!({"configuration_keys": [{"key": "k"}]}), &mut bytes).unwrap();
    let error = ciborium::from_reader::<GetConfigurationResponse, _>(bytes.as_slice()).unwrap_err();
    assert!(
        error.to_string().contains("GetConfigurationResponse.configuration_keys[0] (KeyValue): missing required field `read_only`"),
        "{error}"
    );
}
