use ocpp_types::*;
fn main() {
    let docs = [
        r#"{"configuration_keys":[{"key":"a","read_only":true,"value":"x"}],"unknown_keys":["b"]}"#,
        r#"{}"#,
        r#"{"configuration_keys":[{"key":"a","read_only":"yes"}],"unknown_keys":[]}"#,
        r#"{"configuration_keys":[{"key":"a"}],"unknown_keys":[]}"#,
        r#"{"configuration_keys":[{"key":"a","read_only":true,"zzz":1}],"unknown_keys":[]}"#,
        r#"{"configuration_keys":[],"unknown_keys":[null]}"#,
        r#"{"configuration_keys":[],"unknown_keys":[], "x":1, "x":2}"#,
        r#"{"configuration_keys":[],"configuration_keys":[],"unknown_keys":[]}"#,
        r#"[1]"#,
        r#"{"configuration_keys":[{"key":"a","read_only":true,"value":null}],"unknown_keys":["b"]}"#,
    ];
    for d in docs {
        match serde_json::from_str::<GetConfigurationResponse>(d) {
            Ok(v) => println!("ok {v:?} -> {}", serde_json::to_string(&v).unwrap()),
            Err(e) => println!("error: {e}"),
        }
    }
    for d in [
        r#"{"status":"Accepted"}"#,
        r#"{"status":"accepted"}"#,
        r#"{"status":1}"#,
    ] {
        match serde_json::from_str::<DataTransferResponse>(d) {
            Ok(v) => println!("ok {v:?}"),
            Err(e) => println!("error: {e}"),
        }
    }
    println!(
        "{:?}",
        serde_json::from_str::<DataTransferStatus>("\"x\"")
            .unwrap_err()
            .to_string()
    );
    println!(
        "{:?}",
        SecurityEvent::from(SecurityEventEnum::InvalidTLSVersion).with_info("hi")
    );
    println!(
        "{}",
        serde_json::to_string_pretty(&ocpp_types::schema()).unwrap()
    );
    println!(
        "{}",
        serde_json::to_string_pretty(&GetConfigurationResponse::json_schema()).unwrap()
    );
}
