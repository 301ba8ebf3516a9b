//! Vendor data: the objects their schema leaves open (2.x's `customData`,
//! EVerest's open types, the page's two) keep the properties they do not
//! name, and write them back, so that a program that forwards a message
//! loses nothing. (Users' own open types keep them with `#[ocpp(flatten)]`:
//! `options.rs`.)

use ocpp_types::OcppType;
use serde_json::{json, Value};

/// Adds vendor properties to the `customData` of `value` and of every
/// object in it that has one, after its `vendorId`; and a `customData` to
/// the document itself when it has none.
fn add_vendor_data(value: &mut Value, depth: usize) {
    match value {
        Value::Object(object) => {
            if depth == 0 && !object.contains_key("customData") {
                // First, where every 2.x message declares it.
                let rest = std::mem::take(object);
                object.insert("customData".into(), json!({"vendorId": "com.acme"}));
                object.extend(rest);
            }
            if let Some(Value::Object(custom)) = object.get_mut("customData") {
                custom.insert("firmwareHash".into(), json!("abc"));
                custom.insert("slot".into(), json!(3));
                custom.insert("nested".into(), json!({"a": [1, {"b": null}], "ok": true}));
            }
            for (key, inner) in object.iter_mut() {
                if key != "customData" {
                    add_vendor_data(inner, depth + 1);
                }
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|item| add_vendor_data(item, depth + 1)),
        _ => {}
    }
}

/// `text` read as a `T`, written as this crate writes it, with vendor data
/// added in every `customData`: read and written back byte for byte, the
/// vendor data kept where it was.
fn vendor_data_round_trips<T: OcppType>(text: &str) {
    let canonical = serde_json::to_string(&ocpp_types::from_str::<T>(text).unwrap()).unwrap();
    let mut extended: Value = serde_json::from_str(&canonical).unwrap();
    add_vendor_data(&mut extended, 0);
    let extended = serde_json::to_string(&extended).unwrap();
    assert!(extended.contains(r#""slot":3"#), "{extended}");
    let value = ocpp_types::from_str::<T>(&extended).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        serde_json::to_string(&value).unwrap(),
        extended,
        "{}",
        T::NAME
    );
}

#[test]
fn vendor_data_in_custom_data_is_kept_and_written_back() {
    use ocpp_types::{v201, v21};
    let sample = |path: &str| {
        std::fs::read_to_string(format!(
            "{}/examples/data/{path}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    };
    vendor_data_round_trips::<v201::TransactionEventRequest>(&sample(
        "v201/TransactionEventRequest/valid-updated-meter-values.json",
    ));
    vendor_data_round_trips::<v201::BootNotificationRequest>(
        r#"{"chargingStation":{"model":"BelayBox","vendorName":"Pionix","customData":{"vendorId":"com.pionix"}},"reason":"PowerUp"}"#,
    );
    // (2.1 declares customData last: the written order is the type's.)
    vendor_data_round_trips::<v21::BootNotificationRequest>(
        r#"{"customData":{"vendorId":"com.pionix"},"chargingStation":{"model":"BelayBox","vendorName":"Pionix","customData":{"vendorId":"com.pionix"}},"reason":"PowerUp"}"#,
    );
    // A program reads and sets them.
    let text = r#"{"customData":{"vendorId":"com.acme","firmwareHash":"abc","slot":3}}"#;
    let heartbeat: v201::HeartbeatRequest = ocpp_types::from_str(text).unwrap();
    let custom = heartbeat.custom_data.as_ref().unwrap();
    assert_eq!(custom.additional_properties["slot"], json!(3));
    let mut custom = v201::CustomDataType::new("com.acme");
    custom.additional_properties.insert("slot", json!(4));
    let heartbeat = v201::HeartbeatRequest::new().with_custom_data(custom);
    assert_eq!(
        serde_json::to_string(&heartbeat).unwrap(),
        r#"{"customData":{"vendorId":"com.acme","slot":4}}"#
    );
    // A vendor property named like a property of the type is one of its
    // own, given twice when it comes again.
    let error = ocpp_types::from_str::<v201::HeartbeatRequest>(
        r#"{"customData":{"vendorId":"a","slot":1,"slot":2}}"#,
    )
    .unwrap_err();
    assert_eq!(error.kind(), ocpp_types::ErrorKind::DuplicateKey);
}

#[test]
fn everest_open_types_keep_what_they_do_not_name() {
    use ocpp_types::everest::SecurityEvent;
    let text = r#"{"type":"FirmwareUpdated","info":"1.2.3","timestamp":"2026-12-07T10:00:00Z","severity":2,"site":"Berlin"}"#;
    let event: SecurityEvent = ocpp_types::from_str(text).unwrap();
    assert_eq!(event.additional_properties.len(), 2);
    assert_eq!(serde_json::to_string(&event).unwrap(), text);
}
