//! Run by `.ci/arbitrary-precision` in a crate whose serde_json has
//! `arbitrary_precision` on, as a program that also uses rust-ocpp has it:
//! serde_json then hands every number that is not a 64-bit integer to a
//! visitor as a map of one entry, its text under a private key.

use ocpp_types::v16::ChargingSchedulePeriod;
use ocpp_types::{ocpp_type, ErrorKind};

/// A user type with floats and any JSON value
#[ocpp_type]
pub struct Reading {
    pub value: f64,
    #[ocpp(maximum = 99.5)]
    pub bounded: Option<f32>,
    pub count: Option<u8>,
    pub free: Option<serde_json::Value>,
}

#[test]
fn numbers_with_a_fraction_are_read() {
    let period: ChargingSchedulePeriod =
        ocpp_types::from_str(r#"{"startPeriod": 0, "limit": 13.8}"#).unwrap();
    assert_eq!(period.limit, 13.8);
    let reading: Reading =
        serde_json::from_str(r#"{"value": -1.5e3, "bounded": 99.5, "count": 7, "free": [1.25, {"x": 1e30}]}"#)
            .unwrap();
    assert_eq!(reading.value, -1500.0);
    assert_eq!(reading.bounded, Some(99.5));
    assert_eq!(reading.count, Some(7));
    let free = reading.free.unwrap();
    assert_eq!(free[0].as_f64(), Some(1.25));
    assert_eq!(free[1]["x"].as_f64(), Some(1e30));
}

#[test]
fn the_rules_still_hold() {
    for (text, kind) in [
        (r#"{"startPeriod": 0, "limit": 13.85}"#, ErrorKind::MultipleOf),
        // draft-04: 5.0 is not an integer.
        (r#"{"startPeriod": 5.0, "limit": 1}"#, ErrorKind::WrongType),
        (r#"{"startPeriod": 0, "limit": {"x": 1}}"#, ErrorKind::WrongType),
    ] {
        let error = ocpp_types::from_str::<ChargingSchedulePeriod>(text).unwrap_err();
        assert_eq!(error.kind(), kind, "{text}: {error}");
    }
    for (text, kind) in [
        (r#"{"value": 1, "bounded": 99.6}"#, ErrorKind::Range),
        (r#"{"value": 1, "count": 2.5}"#, ErrorKind::WrongType),
        (r#"{"value": 1, "count": 1e30}"#, ErrorKind::Range),
    ] {
        let error = ocpp_types::from_str::<Reading>(text).unwrap_err();
        assert_eq!(error.kind(), kind, "{text}: {error}");
    }
}

#[test]
fn a_number_read_leniently_as_a_string_keeps_its_text() {
    use ocpp_types::v16::MeterValuesRequest;
    use ocpp_types::Policy;
    let sampled = |value: &str| {
        format!(
            r#"{{"connectorId":1,"meterValue":[{{"timestamp":"2026-11-29T10:00:00Z","sampledValue":[{{"value":{value}}}]}}]}}"#
        )
    };
    // The text comes with the number here: kept as written, every digit
    // (serde_json writes an exponent's `E` as `e`).
    for (written, kept) in [
        ("2935.600", "2935.600"),
        ("12345678901234567890123", "12345678901234567890123"),
        ("1E+300", "1e+300"),
        ("-0.0", "-0.0"),
    ] {
        let read = ocpp_types::from_str_with::<MeterValuesRequest>(&sampled(written), Policy::TOLERANT)
            .unwrap_or_else(|error| panic!("{written}: {error}"));
        assert_eq!(read.value.meter_value[0].sampled_value[0].value, kept);
        assert_eq!(read.deviations[0].kind(), ErrorKind::WrongType);
    }
    // Strictly, still an error of the same kind.
    let error = ocpp_types::from_str::<MeterValuesRequest>(&sampled("2935.600")).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::WrongType);
}
