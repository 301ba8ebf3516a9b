//! Lenient reading: each deviation a policy tolerates, on a real OCPP 1.6
//! message that breaks its schema the way chargers do; what no value can be
//! built from stays an error; strict reading is unchanged.

use ocpp_types::v16::{
    BootNotificationRequest, BootNotificationResponse, BootNotificationResponseStatus,
    ChargingSchedulePeriod, MeterValuesRequest, StartTransactionRequest,
};
use ocpp_types::{ErrorKind, OcppType, Policy};
use serde_json::{json, Value};

/// Reads `doc` as a `T` with `policy`: the value and each deviation as
/// (kind, pointer, message).
fn read<T: OcppType>(doc: &Value, policy: Policy) -> (T, Vec<(ErrorKind, String, String)>) {
    let read = ocpp_types::from_str_with::<T>(&doc.to_string(), policy)
        .unwrap_or_else(|error| panic!("{doc} was refused: {error}"));
    let deviations = read
        .deviations
        .iter()
        .map(|d| (d.kind(), d.pointer(), d.message().to_owned()))
        .collect();
    (read.value, deviations)
}

/// The one policy that tolerates `kind` alone.
fn only(kind: ErrorKind) -> Policy {
    let policy = Policy {
        unknown_properties: kind == ErrorKind::UnknownProperty,
        lengths: kind == ErrorKind::Length,
        numbers: matches!(kind, ErrorKind::Range | ErrorKind::MultipleOf),
        formats: kind == ErrorKind::Format,
        // An enum value in another case is this kind's deviation; an
        // unlisted one is too, and has its own tests.
        enum_case: kind == ErrorKind::UnknownEnumValue,
        unknown_enum_values: false,
        null_as_absent: kind == ErrorKind::Null,
        scalar_forms: kind == ErrorKind::WrongType,
    };
    assert!(policy.tolerates(kind));
    policy
}

/// `doc` is refused strictly with `kind`, and read with the policy that
/// tolerates `kind` alone, reporting one deviation at `pointer`.
fn tolerated<T: OcppType>(doc: Value, kind: ErrorKind, pointer: &str) -> (T, String) {
    tolerated_at(doc, kind, pointer, pointer)
}

/// [`tolerated`], for a deviation whose pointer is not the strict error's:
/// an unknown property's error points at its object (which names what it
/// allows), its deviation at the property dropped.
fn tolerated_at<T: OcppType>(
    doc: Value,
    kind: ErrorKind,
    pointer: &str,
    deviation_pointer: &str,
) -> (T, String) {
    let strict = ocpp_types::from_str::<T>(&doc.to_string()).unwrap_err();
    assert_eq!(
        (strict.kind(), strict.pointer().as_str()),
        (kind, pointer),
        "{strict}"
    );
    // Other policies refuse it as strict reading does.
    for other in [
        ErrorKind::UnknownProperty,
        ErrorKind::Length,
        ErrorKind::Range,
        ErrorKind::Format,
        ErrorKind::UnknownEnumValue,
        ErrorKind::Null,
        ErrorKind::WrongType,
    ] {
        if !only(other).tolerates(kind) {
            let error = ocpp_types::from_str_with::<T>(&doc.to_string(), only(other)).unwrap_err();
            assert_eq!(error.to_string(), strict.to_string());
        }
    }
    let (value, deviations) = read::<T>(&doc, only(kind));
    assert_eq!(deviations.len(), 1, "{deviations:?}");
    let (found_kind, found_pointer, message) = deviations.into_iter().next().unwrap();
    assert_eq!(
        (found_kind, found_pointer.as_str()),
        (kind, deviation_pointer)
    );
    (value, message)
}

fn boot() -> Value {
    json!({"chargePointVendor": "Pionix", "chargePointModel": "BelayBox"})
}

#[test]
fn an_unknown_property_of_a_closed_object_is_dropped() {
    // A 1.6 BootNotification with 2.0.1's `reason`.
    let mut doc = boot();
    doc["reason"] = json!("PowerUp");
    let (value, message) =
        tolerated_at::<BootNotificationRequest>(doc, ErrorKind::UnknownProperty, "", "/reason");
    assert_eq!(value, BootNotificationRequest::new("Pionix", "BelayBox"));
    assert_eq!(
        message,
        "BootNotificationRequest: unknown field `reason` dropped"
    );
    // Deeper, the path and the type of the object that had it.
    let doc = json!({"connectorId": 1, "meterValue": [
        {"timestamp": "2026-11-29T10:00:00Z", "sampledValue": [], "signed": true}
    ]});
    let (_, message) = tolerated_at::<MeterValuesRequest>(
        doc,
        ErrorKind::UnknownProperty,
        "/meterValue/0",
        "/meterValue/0/signed",
    );
    assert_eq!(
        message,
        "MeterValuesRequest.meterValue[0] (MeterValue): unknown field `signed` dropped"
    );
}

#[test]
fn a_string_over_its_limit_is_kept() {
    let mut doc = boot();
    doc["chargePointVendor"] = json!("Pionix GmbH Berlin Germany");
    let (value, message) =
        tolerated::<BootNotificationRequest>(doc, ErrorKind::Length, "/chargePointVendor");
    assert_eq!(value.charge_point_vendor, "Pionix GmbH Berlin Germany");
    assert_eq!(
        message,
        "BootNotificationRequest.chargePointVendor: string of 26 characters is longer than \
         the maximum length of 20 characters"
    );
    // Written back as it came, with the same policy; refused without it.
    assert!(serde_json::to_string(&value).is_err());
    let text = ocpp_types::to_string_with(&value, only(ErrorKind::Length)).unwrap();
    assert!(text.contains("Pionix GmbH Berlin Germany"), "{text}");
}

#[test]
fn a_number_not_a_multiple_is_kept() {
    let doc = json!({"startPeriod": 0, "limit": 13.85});
    let (value, message) =
        tolerated::<ChargingSchedulePeriod>(doc, ErrorKind::MultipleOf, "/limit");
    assert_eq!(value.limit, 13.85);
    assert_eq!(
        message,
        "ChargingSchedulePeriod.limit: 13.85 is not a multiple of 0.1"
    );
}

#[test]
fn a_date_time_without_a_time_zone_is_kept() {
    let doc = json!({"connectorId": 1, "idTag": "04A1B2C3", "meterStart": 0,
        "timestamp": "2018-05-29T17:37:05.495259"});
    let (value, message) =
        tolerated::<StartTransactionRequest>(doc, ErrorKind::Format, "/timestamp");
    // The text as it came, and the instant it names, taken as UTC.
    assert_eq!(value.timestamp.as_str(), "2018-05-29T17:37:05.495259");
    assert_eq!(
        value.timestamp,
        "2018-05-29T17:37:05.495259Z".parse().unwrap()
    );
    assert_eq!(
        message,
        "StartTransactionRequest.timestamp: not a date-time as RFC 3339 writes it \
         (such as \"2026-11-27T10:00:00Z\"); read as 2018-05-29T17:37:05.495259Z"
    );
    // Written back as it came only under a policy that tolerates it.
    assert!(serde_json::to_value(&value).is_err());
    let written = ocpp_types::to_string_with(&value, only(ErrorKind::Format)).unwrap();
    assert!(written.contains(r#""timestamp":"2018-05-29T17:37:05.495259""#));
}

#[test]
fn a_date_time_with_a_space_is_kept_and_one_without_an_instant_refused() {
    let doc = json!({"connectorId": 1, "idTag": "04A1B2C3", "meterStart": 0,
        "timestamp": "2018-05-29 17:37:05+02:00"});
    let (value, _) = tolerated::<StartTransactionRequest>(doc, ErrorKind::Format, "/timestamp");
    assert_eq!(value.timestamp.unix_seconds(), 1_527_608_225);
    assert_eq!(value.timestamp.offset_minutes(), 120);
    for broken in [
        "yesterday",
        "2018-05-29",
        "2018-02-30T10:00:00Z",
        "2018-05-29T17:37Z",
    ] {
        let doc = json!({"connectorId": 1, "idTag": "04A1B2C3", "meterStart": 0,
            "timestamp": broken});
        let error = ocpp_types::from_value_with::<StartTransactionRequest>(doc, Policy::TOLERANT)
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Format, "{broken}");
        assert_eq!(error.pointer(), "/timestamp", "{broken}");
    }
}

#[test]
fn an_enum_value_in_another_case_is_read_as_the_known_one() {
    let doc = json!({"status": "accepted", "currentTime": "2026-11-29T10:00:00Z", "interval": 300});
    let (value, message) =
        tolerated::<BootNotificationResponse>(doc, ErrorKind::UnknownEnumValue, "/status");
    assert_eq!(value.status, BootNotificationResponseStatus::Accepted);
    assert_eq!(
        message,
        "BootNotificationResponse.status: BootNotificationResponseStatus value `accepted` read \
         as `Accepted`"
    );
    // An invented value stays an error under this policy (it is kept only
    // under `unknown_enum_values`: tests/unlisted.rs).
    let doc = json!({"status": "Maybe", "currentTime": "2026-11-29T10:00:00Z", "interval": 300});
    let enum_case = Policy {
        enum_case: true,
        ..Policy::STRICT
    };
    let error = ocpp_types::from_str_with::<BootNotificationResponse>(&doc.to_string(), enum_case)
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::UnknownEnumValue);
}

#[test]
fn null_for_an_optional_field_is_read_as_absent() {
    let doc = json!({"connectorId": 1, "transactionId": null, "meterValue": [
        {"timestamp": "2026-11-29T10:00:00Z", "sampledValue": [{"value": "12.5"}]}
    ]});
    let (value, message) = tolerated::<MeterValuesRequest>(doc, ErrorKind::Null, "/transactionId");
    assert_eq!(value.transaction_id, None);
    assert_eq!(
        message,
        "MeterValuesRequest.transactionId: null for an optional field, read as absent"
    );
    // Null for a required field stays an error, at any depth.
    for doc in [
        json!({"connectorId": null, "meterValue": []}),
        json!({"connectorId": 1, "meterValue": [{"timestamp": null, "sampledValue": []}]}),
    ] {
        let error =
            ocpp_types::from_str_with::<MeterValuesRequest>(&doc.to_string(), Policy::TOLERANT)
                .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Null, "{doc}");
    }
}

#[test]
fn a_scalar_in_another_form_is_read_when_the_conversion_is_exact() {
    // "1" for an integer, 12.5 for a string, 5.0 for a draft-04 integer.
    let doc = json!({"connectorId": "1", "meterValue": []});
    let (value, message) =
        tolerated::<MeterValuesRequest>(doc, ErrorKind::WrongType, "/connectorId");
    assert_eq!(value.connector_id, 1);
    assert_eq!(
        message,
        r#"MeterValuesRequest.connectorId: string "1" read as an integer"#
    );
    let doc = json!({"connectorId": 1, "meterValue": [
        {"timestamp": "2026-11-29T10:00:00Z", "sampledValue": [{"value": 12.5}]}
    ]});
    let (value, _) = tolerated::<MeterValuesRequest>(
        doc,
        ErrorKind::WrongType,
        "/meterValue/0/sampledValue/0/value",
    );
    assert_eq!(value.meter_value[0].sampled_value[0].value, "12.5");
    let doc = json!({"connectorId": 5.0, "meterValue": []});
    let (value, _) = tolerated::<MeterValuesRequest>(doc, ErrorKind::WrongType, "/connectorId");
    assert_eq!(value.connector_id, 5);
    // Not exact, or another kind of value: still an error.
    for doc in [
        json!({"connectorId": "one", "meterValue": []}),
        json!({"connectorId": "1.5", "meterValue": []}),
        json!({"connectorId": {"id": 1}, "meterValue": []}),
        json!({"connectorId": 1, "meterValue": {}}),
    ] {
        let error =
            ocpp_types::from_str_with::<MeterValuesRequest>(&doc.to_string(), Policy::TOLERANT)
                .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::WrongType, "{doc}");
    }
}

#[test]
fn every_deviation_is_reported_in_document_order() {
    let doc = json!({
        "chargePointVendor": "Pionix GmbH Berlin Germany",
        "reason": "PowerUp",
        "chargePointModel": "BelayBox",
        "iccid": null,
        "imsi": 12345,
    });
    let (value, deviations) = read::<BootNotificationRequest>(&doc, Policy::TOLERANT);
    let kinds: Vec<(ErrorKind, &str)> = deviations
        .iter()
        .map(|(kind, pointer, _)| (*kind, pointer.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (ErrorKind::Length, "/chargePointVendor"),
            (ErrorKind::UnknownProperty, "/reason"),
            (ErrorKind::Null, "/iccid"),
            (ErrorKind::WrongType, "/imsi"),
        ]
    );
    assert_eq!(value.iccid, None);
    assert_eq!(value.imsi.as_deref(), Some("12345"));
}

#[test]
fn what_no_value_can_be_built_from_stays_an_error() {
    for (doc, kind) in [
        (
            json!({"chargePointVendor": "Pionix"}),
            ErrorKind::MissingFields,
        ),
        (
            json!({"chargePointVendor": ["Pionix"], "chargePointModel": "M"}),
            ErrorKind::WrongType,
        ),
    ] {
        let error = ocpp_types::from_str_with::<BootNotificationRequest>(
            &doc.to_string(),
            Policy::TOLERANT,
        )
        .unwrap_err();
        assert_eq!(error.kind(), kind, "{doc}");
    }
    let text = r#"{"chargePointVendor": "a", "chargePointModel": "b", "chargePointModel": "c"}"#;
    let error =
        ocpp_types::from_str_with::<BootNotificationRequest>(text, Policy::TOLERANT).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::DuplicateKey);
}

#[test]
fn the_strict_policy_is_from_str() {
    let mut doc = boot();
    doc["chargePointVendor"] = json!("Pionix GmbH Berlin Germany");
    let strict = ocpp_types::from_str::<BootNotificationRequest>(&doc.to_string()).unwrap_err();
    let with =
        ocpp_types::from_str_with::<BootNotificationRequest>(&doc.to_string(), Policy::STRICT)
            .unwrap_err();
    assert_eq!(strict.to_string(), with.to_string());
    let (value, deviations) = read::<BootNotificationRequest>(&boot(), Policy::STRICT);
    assert_eq!(value, BootNotificationRequest::new("Pionix", "BelayBox"));
    assert!(deviations.is_empty());
    // After a lenient reading, strict reading is strict again.
    let _ = read::<BootNotificationRequest>(&boot(), Policy::TOLERANT);
    assert!(ocpp_types::from_str::<BootNotificationRequest>(&doc.to_string()).is_err());
    assert!(serde_json::from_str::<BootNotificationRequest>(&doc.to_string()).is_err());
}

#[test]
fn a_key_given_twice_is_an_error_under_every_policy() {
    // A tolerated null leaves the field absent, but given; a dropped
    // unknown property is remembered: the second of either is a repeat.
    for (text, pointer) in [
        (
            r#"{"chargePointVendor":"v","chargePointModel":"m","firmwareVersion":null,"firmwareVersion":"1.0"}"#,
            "",
        ),
        (
            r#"{"chargePointVendor":"v","chargePointModel":"m","zz":1,"zz":2}"#,
            "",
        ),
        (
            r#"{"chargePointVendor":"v","chargePointModel":"m","zz":{"a":1,"a":2}}"#,
            "/zz",
        ),
    ] {
        assert!(ocpp_types::from_str::<BootNotificationRequest>(text).is_err());
        let error = ocpp_types::from_str_with::<BootNotificationRequest>(text, Policy::TOLERANT)
            .unwrap_err();
        assert_eq!(
            (error.kind(), error.pointer().as_str()),
            (ErrorKind::DuplicateKey, pointer),
            "{text}: {error}"
        );
    }
    // A repeat is found however many properties come between.
    let between: Vec<String> = (0..100).map(|i| format!(r#""u{i}":{i}"#)).collect();
    let text = format!(
        r#"{{"chargePointVendor":"v","chargePointModel":"m","u7":0,{}}}"#,
        between.join(",")
    );
    let error =
        ocpp_types::from_str_with::<BootNotificationRequest>(&text, Policy::TOLERANT).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::DuplicateKey);
    assert_eq!(
        error.message(),
        "BootNotificationRequest: duplicate field `u7`"
    );
    // Given once, null is still read as absent.
    let read = ocpp_types::from_str_with::<BootNotificationRequest>(
        r#"{"chargePointVendor":"v","chargePointModel":"m","firmwareVersion":null}"#,
        Policy::TOLERANT,
    )
    .unwrap();
    assert_eq!(read.value.firmware_version, None);
    assert_eq!(read.total(), 1);
}

#[test]
fn a_number_read_as_a_string_is_its_exact_text_or_an_error() {
    let sampled = |value: &str| {
        format!(
            r#"{{"connectorId":1,"meterValue":[{{"timestamp":"2026-11-29T10:00:00Z","sampledValue":[{{"value":{value}}}]}}]}}"#
        )
    };
    let policy = only(ErrorKind::WrongType);
    for (written, read) in [
        ("12", "12"),
        ("-7", "-7"),
        ("18446744073709551615", "18446744073709551615"),
        ("2935.5", "2935.5"),
        ("0.1", "0.1"),
        ("1e300", "1e300"),
        ("-4.2E-7", "-4.2e-7"),
        ("123456789012345", "123456789012345"),
        ("1234567890.12345", "1234567890.12345"),
    ] {
        let value = ocpp_types::from_str_with::<MeterValuesRequest>(&sampled(written), policy)
            .unwrap_or_else(|error| panic!("{written}: {error}"))
            .value;
        assert_eq!(
            value.meter_value[0].sampled_value[0].value, read,
            "{written}"
        );
    }
    // More digits than an f64 keeps: its text is gone, so it is refused.
    for written in [
        "12345678901234567890123",
        "0.12345678901234567",
        "1.0000000000000002",
    ] {
        let error =
            ocpp_types::from_str_with::<MeterValuesRequest>(&sampled(written), policy).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::WrongType, "{written}");
    }
}

#[test]
fn a_string_read_as_a_number_is_in_its_one_canonical_form() {
    let connector = |value: &str| format!(r#"{{"connectorId":{value},"meterValue":[]}}"#);
    let policy = only(ErrorKind::WrongType);
    for (written, read) in [
        (r#""0""#, 0),
        (r#""12""#, 12),
        (r#""9223372036854775807""#, i64::MAX),
    ] {
        let value = ocpp_types::from_str_with::<MeterValuesRequest>(&connector(written), policy)
            .unwrap_or_else(|error| panic!("{written}: {error}"))
            .value;
        assert_eq!(value.connector_id, read, "{written}");
    }
    for written in [
        r#""+1""#,
        r#""0001""#,
        r#""-0""#,
        r#"" 1""#,
        r#""1 ""#,
        r#""1e2""#,
        r#""""#,
        r#""-""#,
    ] {
        let error = ocpp_types::from_str_with::<MeterValuesRequest>(&connector(written), policy)
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::WrongType, "{written}");
    }
    // A float: the JSON number grammar, nothing else.
    let period = |limit: &str| format!(r#"{{"startPeriod":0,"limit":{limit}}}"#);
    for (written, read) in [(r#""1.5""#, 1.5), (r#""-0.5e1""#, -5.0), (r#""10""#, 10.0)] {
        let value = ocpp_types::from_str_with::<ChargingSchedulePeriod>(&period(written), policy)
            .unwrap_or_else(|error| panic!("{written}: {error}"))
            .value;
        assert_eq!(value.limit, read, "{written}");
    }
    for written in [
        r#""+1.5""#,
        r#"".5""#,
        r#""1.""#,
        r#""01.5""#,
        r#""1.5 ""#,
        r#""inf""#,
        r#""NaN""#,
        r#""1e""#,
        r#""0x10""#,
    ] {
        let error = ocpp_types::from_str_with::<ChargingSchedulePeriod>(&period(written), policy)
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::WrongType, "{written}");
    }
}
