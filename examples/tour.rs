//! The sample documents of `examples/data`, checked against their types:
//! `examples/data/<TypeName>/valid-*.json` must be accepted, and round-trip
//! (serialize, deserialize again) to an equal value; `invalid-*.json` must be
//! rejected, with a message that says where and why.
//!
//! ```text
//! cargo run --example tour
//! ```

use std::fmt::Debug;
use std::path::Path;
use std::process::ExitCode;

use ocpp_types::{
    ConfigurationStatus, DataTransferRequest, DataTransferResponse, DataTransferStatus,
    GetConfigurationResponse, KeyValue, OcppType, SecurityEvent, SecurityEventEnum,
};

/// Deserializes `text` as a `T`; if that works, checks that the value
/// serializes to a document that deserializes to the same value.
fn check<T: OcppType + PartialEq + Debug>(text: &str) -> Result<(), String> {
    let value: T = serde_json::from_str(text).map_err(|error| error.to_string())?;
    let json = serde_json::to_string(&value).expect("an OCPP value always serializes");
    match serde_json::from_str::<T>(&json) {
        Ok(again) if again == value => Ok(()),
        Ok(again) => Err(format!(
            "round trip through {json} gave {again:?}, not {value:?}"
        )),
        Err(error) => Err(format!("round trip through {json} failed: {error}")),
    }
}

/// Checks one document: `Err(message)` when it is rejected.
type Check = fn(&str) -> Result<(), String>;

/// Each type of the crate, by name, with its check.
const TYPES: [(&str, Check); 8] = [
    (DataTransferStatus::NAME, check::<DataTransferStatus>),
    (DataTransferRequest::NAME, check::<DataTransferRequest>),
    (DataTransferResponse::NAME, check::<DataTransferResponse>),
    (KeyValue::NAME, check::<KeyValue>),
    (
        GetConfigurationResponse::NAME,
        check::<GetConfigurationResponse>,
    ),
    (ConfigurationStatus::NAME, check::<ConfigurationStatus>),
    (SecurityEventEnum::NAME, check::<SecurityEventEnum>),
    (SecurityEvent::NAME, check::<SecurityEvent>),
];

fn main() -> ExitCode {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data");
    let (mut accepted, mut rejected, mut wrong) = (0, 0, 0);
    for (name, check) in TYPES {
        println!("{name}");
        let dir = data.join(name);
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .collect();
        files.sort_by_key(|file| (file.starts_with("invalid-"), file.clone()));
        for file in files {
            let text = std::fs::read_to_string(dir.join(&file)).unwrap();
            let verdict = check(&text);
            let right = verdict.is_ok() == file.starts_with("valid-");
            let mark = if right { "✓" } else { "✗" };
            match verdict {
                Ok(()) if right => accepted += 1,
                Err(_) if right => rejected += 1,
                _ => wrong += 1,
            }
            match verdict {
                Ok(()) => println!("  {mark} {file:40} accepted"),
                Err(message) => println!("  {mark} {file:40} rejected: {message}"),
            }
        }
    }
    println!(
        "\n{} documents: {accepted} valid ones accepted and round-tripped, {rejected} invalid ones rejected",
        accepted + rejected + wrong
    );
    if wrong > 0 {
        eprintln!("error: {wrong} documents got a verdict other than their name says (marked ✗)");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
