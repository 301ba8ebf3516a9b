//! Enum values the schema does not list: refused by strict reading, kept in
//! the enum's `Unlisted` variant (and reported) under a policy with
//! `unknown_enum_values`, and written back as they came only under such a
//! policy; in every module, and in a user's own enum that asks for it.

use ocpp_types::{
    everest, ocpp_type, v16, v201, v21, DataTransferResponse, DataTransferStatus, ErrorKind,
    OcppType, Policy, Unlisted,
};
use serde_json::json;

const UNLISTED_ONLY: Policy = Policy {
    unknown_enum_values: true,
    ..Policy::STRICT
};
const CASE_ONLY: Policy = Policy {
    enum_case: true,
    ..Policy::STRICT
};

/// `text` is refused strictly and under `CASE_ONLY` with an unknown enum
/// value at `pointer`; under `UNLISTED_ONLY` and `TOLERANT` it reads, with
/// that one deviation, and `unlisted` finds the kept string; it writes back
/// to `text` under those policies only.
fn kept<T: OcppType>(text: &str, pointer: &str, unlisted: impl Fn(&T) -> Option<&Unlisted>) {
    for refusing in [Policy::STRICT, CASE_ONLY] {
        let error = ocpp_types::from_str_with::<T>(text, refusing).unwrap_err();
        assert_eq!(
            (error.kind(), error.pointer().as_str()),
            (ErrorKind::UnknownEnumValue, pointer),
            "{text}"
        );
    }
    for keeping in [UNLISTED_ONLY, Policy::TOLERANT] {
        let read = ocpp_types::from_str_with::<T>(text, keeping).unwrap();
        let seen: Vec<_> = read
            .deviations
            .iter()
            .map(|d| (d.kind(), d.pointer()))
            .collect();
        assert_eq!(
            seen,
            [(ErrorKind::UnknownEnumValue, pointer.to_owned())],
            "{text}"
        );
        assert!(
            read.deviations[0].message().ends_with(" kept as it came"),
            "{}",
            read.deviations[0]
        );
        let value = unlisted(&read.value).expect("an Unlisted value");
        let document: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(
            Some(value.as_str()),
            document.pointer(pointer).and_then(|v| v.as_str())
        );
        // Written back as it came under the policy; refused otherwise.
        assert_eq!(
            ocpp_types::to_string_with(&read.value, keeping).unwrap(),
            text
        );
        let refused = serde_json::to_string(&read.value).unwrap_err().to_string();
        assert!(
            refused.contains(&format!("value `{}`", value.as_str())),
            "{refused}"
        );
        assert!(ocpp_types::to_string_with(&read.value, CASE_ONLY).is_err());
    }
}

#[test]
fn a_v16_charger_s_error_code_error() {
    kept::<v16::StatusNotificationRequest>(
        r#"{"connectorId":1,"errorCode":"Error","status":"Faulted"}"#,
        "/errorCode",
        |value| match &value.error_code {
            v16::ChargePointErrorCode::Unlisted(code) => Some(code),
            _ => None,
        },
    );
    // Parsing a string stays strict: only a lenient reading keeps one.
    assert!("Error".parse::<v16::ChargePointErrorCode>().is_err());
}

#[test]
fn every_module_keeps_an_unlisted_value() {
    kept::<v201::BootNotificationRequest>(
        r#"{"chargingStation":{"model":"BelayBox","vendorName":"Pionix"},"reason":"Reboot"}"#,
        "/reason",
        |value| match &value.reason {
            v201::BootReasonEnumType::Unlisted(reason) => Some(reason),
            _ => None,
        },
    );
    kept::<v21::BootNotificationRequest>(
        r#"{"chargingStation":{"model":"BelayBox","vendorName":"Pionix"},"reason":"Brownout"}"#,
        "/reason",
        |value| match &value.reason {
            v21::BootReasonEnumType::Unlisted(reason) => Some(reason),
            _ => None,
        },
    );
    kept::<everest::DataTransferResponse>(r#"{"status":"Postponed"}"#, "/status", |value| {
        match &value.status {
            everest::DataTransferStatus::Unlisted(status) => Some(status),
            _ => None,
        }
    });
    kept::<DataTransferResponse>(
        r#"{"status":"Postponed"}"#,
        "/status",
        |value| match &value.status {
            DataTransferStatus::Unlisted(status) => Some(status),
            _ => None,
        },
    );
    // An item of an array, among known ones.
    kept::<v201::GetInstalledCertificateIdsRequest>(
        r#"{"certificateType":["V2GRootCertificate","VendorRootCertificate"]}"#,
        "/certificateType/1",
        |value| match value.certificate_type.as_deref() {
            Some([_, v201::GetCertificateIdUseEnumType::Unlisted(kind)]) => Some(kind),
            _ => None,
        },
    );
}

#[test]
fn another_case_is_read_as_the_known_value_first() {
    let text = r#"{"status":"accepted"}"#;
    let read = ocpp_types::from_str_with::<DataTransferResponse>(text, Policy::TOLERANT).unwrap();
    assert_eq!(read.value.status, DataTransferStatus::Accepted);
    // Without `enum_case`, it is a value of its own.
    let read = ocpp_types::from_str_with::<DataTransferResponse>(text, UNLISTED_ONLY).unwrap();
    assert_eq!(
        read.value.status,
        DataTransferStatus::Unlisted(Unlisted::new("accepted"))
    );
    assert_ne!(read.value.status, DataTransferStatus::Accepted);
}

#[test]
fn a_hostile_value_is_kept_whole_and_reported_in_one_bounded_line() {
    let long = format!("{}\n[FORGED] {}", "x".repeat(10_000), "y".repeat(10_000));
    let text = json!({"status": long}).to_string();
    let read = ocpp_types::from_str_with::<DataTransferResponse>(&text, Policy::TOLERANT).unwrap();
    let message = read.deviations[0].message();
    assert!(
        message.len() <= ocpp_types::MAX_MESSAGE_LEN,
        "{}",
        message.len()
    );
    assert!(!message.contains('\n'));
    assert_eq!(read.value.status.as_str(), long);
}

#[test]
fn a_users_enum_keeps_unlisted_values_only_if_it_asks() {
    /// Closed, without a place for unknown values.
    #[ocpp_type]
    pub enum Plain {
        On,
        Off,
    }
    /// Closed, keeping what a lenient reading tolerates.
    #[ocpp_type]
    pub enum Keeping {
        On,
        Off,
        /// What the schema does not list.
        #[ocpp(unlisted)]
        Unlisted(Unlisted),
    }
    /// A user's message.
    #[ocpp_type]
    pub struct Switch {
        /// Plain.
        pub plain: Plain,
        /// Keeping.
        pub keeping: Keeping,
    }
    let both = r#"{"plain":"Dim","keeping":"Dim"}"#;
    let error = ocpp_types::from_str_with::<Switch>(both, Policy::TOLERANT).unwrap_err();
    assert_eq!(error.pointer(), "/plain");
    let one = r#"{"plain":"On","keeping":"Dim"}"#;
    let read = ocpp_types::from_str_with::<Switch>(one, Policy::TOLERANT).unwrap();
    assert_eq!(read.value.keeping, Keeping::Unlisted(Unlisted::new("Dim")));
    assert_eq!(read.value.keeping.as_str(), "Dim");
    assert_eq!(read.value.keeping.to_string(), "Dim");
    assert!(ocpp_types::from_str::<Switch>(one).is_err());
    // The schema lists the known values only.
    let schema = Keeping::json_schema();
    assert_eq!(schema["enum"], json!(["On", "Off"]));
    assert_eq!(Keeping::ALL, [Keeping::On, Keeping::Off]);
    let plain_ok = r#"{"plain":"Off","keeping":"On"}"#;
    let value: Switch = ocpp_types::from_str(plain_ok).unwrap();
    assert_eq!(serde_json::to_string(&value).unwrap(), plain_ok);
}

#[test]
fn an_enum_with_an_unlisted_variant_is_two_words() {
    use std::mem::size_of;
    assert_eq!(size_of::<Unlisted>(), 8);
    assert_eq!(size_of::<v16::ChargePointErrorCode>(), 16);
    assert_eq!(size_of::<Option<v201::BootReasonEnumType>>(), 16);
}
