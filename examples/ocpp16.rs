//! OCPP 1.6 JSON messages defined in user code with `#[ocpp_type]`, and real
//! sample messages checked against them: camelCase names, CiString limits,
//! `Current.Import`-style enum values, date-times, nested arrays of objects,
//! an enum that keeps values newer than itself, and an object that keeps
//! properties it does not know.
//!
//! ```text
//! cargo run --example ocpp16
//! ```
//!
//! Each file in `examples/ocpp16/` is named `<Message>.<valid|invalid>-<what>.json`;
//! the program exits non-zero if any verdict is not the one its name says.

use std::path::Path;
use std::process::ExitCode;

use ocpp_types::{ocpp_type, OcppType};

/// BootNotification.req: sent by the Charge Point after start-up
#[ocpp_type(rename_all = "camelCase", deny_unknown_fields)]
pub struct BootNotificationRequest {
    #[ocpp(max_length = 20)]
    pub charge_point_vendor: String,
    #[ocpp(max_length = 20)]
    pub charge_point_model: String,
    #[ocpp(max_length = 25)]
    pub charge_point_serial_number: Option<String>,
    #[ocpp(max_length = 25)]
    pub charge_box_serial_number: Option<String>,
    #[ocpp(max_length = 50)]
    pub firmware_version: Option<String>,
    #[ocpp(rename = "iccid", max_length = 20)]
    pub icc_id: Option<String>,
    #[ocpp(max_length = 20)]
    pub imsi: Option<String>,
    #[ocpp(max_length = 25)]
    pub meter_type: Option<String>,
    #[ocpp(max_length = 25)]
    pub meter_serial_number: Option<String>,
}

/// BootNotification.conf: the Central System's answer
#[ocpp_type(rename_all = "camelCase", deny_unknown_fields)]
pub struct BootNotificationResponse {
    pub status: RegistrationStatus,
    #[ocpp(format = "date-time")]
    pub current_time: String,
    /// Heartbeat interval in seconds
    pub interval: u32,
}

/// Whether the Charge Point is accepted
#[ocpp_type]
pub enum RegistrationStatus {
    Accepted,
    Pending,
    Rejected,
}

/// MeterValues.req: sampled meter values of a connector
#[ocpp_type(rename_all = "camelCase", deny_unknown_fields)]
pub struct MeterValuesRequest {
    pub connector_id: u32,
    pub transaction_id: Option<i32>,
    #[ocpp(min_items = 1)]
    pub meter_value: Vec<MeterValue>,
}

/// Values sampled at one point in time
#[ocpp_type(rename_all = "camelCase", deny_unknown_fields)]
pub struct MeterValue {
    #[ocpp(format = "date-time")]
    pub timestamp: String,
    #[ocpp(min_items = 1)]
    pub sampled_value: Vec<SampledValue>,
}

/// One sampled value
#[ocpp_type(rename_all = "camelCase", deny_unknown_fields)]
pub struct SampledValue {
    pub value: String,
    pub context: Option<ReadingContext>,
    pub format: Option<ValueFormat>,
    pub measurand: Option<Measurand>,
    pub phase: Option<Phase>,
    pub location: Option<Location>,
    pub unit: Option<UnitOfMeasure>,
}

/// Why the value was sampled
#[ocpp_type]
pub enum ReadingContext {
    #[ocpp(rename = "Interruption.Begin")]
    InterruptionBegin,
    #[ocpp(rename = "Interruption.End")]
    InterruptionEnd,
    #[ocpp(rename = "Sample.Clock")]
    SampleClock,
    #[ocpp(rename = "Sample.Periodic")]
    SamplePeriodic,
    #[ocpp(rename = "Transaction.Begin")]
    TransactionBegin,
    #[ocpp(rename = "Transaction.End")]
    TransactionEnd,
    Trigger,
    Other,
}

/// How the value is written
#[ocpp_type]
pub enum ValueFormat {
    Raw,
    SignedData,
}

/// What was measured; values of later OCPP versions are kept as they are
#[ocpp_type]
pub enum Measurand {
    #[ocpp(rename = "Energy.Active.Import.Register")]
    EnergyActiveImportRegister,
    #[ocpp(rename = "Energy.Active.Export.Register")]
    EnergyActiveExportRegister,
    #[ocpp(rename = "Power.Active.Import")]
    PowerActiveImport,
    #[ocpp(rename = "Power.Offered")]
    PowerOffered,
    #[ocpp(rename = "Current.Import")]
    CurrentImport,
    #[ocpp(rename = "Current.Offered")]
    CurrentOffered,
    Voltage,
    Frequency,
    Temperature,
    SoC,
    /// A measurand this program does not know yet
    #[ocpp(other)]
    Unknown(String),
}

/// The phase the value was measured on
#[ocpp_type]
pub enum Phase {
    L1,
    L2,
    L3,
    N,
    #[ocpp(rename = "L1-N")]
    L1N,
    #[ocpp(rename = "L2-N")]
    L2N,
    #[ocpp(rename = "L3-N")]
    L3N,
    #[ocpp(rename = "L1-L2")]
    L1L2,
    #[ocpp(rename = "L2-L3")]
    L2L3,
    #[ocpp(rename = "L3-L1")]
    L3L1,
}

/// Where the value was measured
#[ocpp_type]
pub enum Location {
    Cable,
    EV,
    Inlet,
    Outlet,
    Body,
}

/// The unit of the value
#[ocpp_type]
pub enum UnitOfMeasure {
    Wh,
    #[ocpp(rename = "kWh")]
    KWh,
    #[ocpp(rename = "varh")]
    Varh,
    #[ocpp(rename = "kvarh")]
    Kvarh,
    W,
    #[ocpp(rename = "kW")]
    KW,
    VA,
    #[ocpp(rename = "kVA")]
    KVA,
    #[ocpp(rename = "var")]
    Var,
    #[ocpp(rename = "kvar")]
    Kvar,
    A,
    V,
    K,
    Celsius,
    Fahrenheit,
    Percent,
}

/// DataTransfer.req, kept whole: vendor extensions survive a read and re-send
#[ocpp_type(rename_all = "camelCase")]
pub struct DataTransferRequest {
    #[ocpp(max_length = 255)]
    pub vendor_id: String,
    #[ocpp(max_length = 50)]
    pub message_id: Option<String>,
    pub data: Option<String>,
    #[ocpp(flatten)]
    pub extensions: ::ocpp_types::Properties,
}

/// Checks `text` as a `T`; an accepted message must also survive a round trip.
fn check<T: OcppType + PartialEq + std::fmt::Debug>(text: &str) -> Result<(), String> {
    let value: T = serde_json::from_str(text).map_err(|error| error.to_string())?;
    let again: T = serde_json::to_string(&value)
        .and_then(|json| serde_json::from_str(&json))
        .map_err(|error| format!("round trip failed: {error}"))?;
    if again != value {
        return Err(format!("round trip changed {value:?} into {again:?}"));
    }
    Ok(())
}

/// The check of one message type.
type Check = fn(&str) -> Result<(), String>;

/// Each message type, by the name its sample files start with.
const MESSAGES: [(&str, Check); 4] = [
    ("BootNotification.req", check::<BootNotificationRequest>),
    ("BootNotification.conf", check::<BootNotificationResponse>),
    ("MeterValues.req", check::<MeterValuesRequest>),
    ("DataTransfer.req", check::<DataTransferRequest>),
];

fn main() -> ExitCode {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ocpp16");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("examples/ocpp16 is part of the repository")
        .map(|entry| {
            entry
                .expect("a readable directory")
                .file_name()
                .into_string()
                .expect("UTF-8 names")
        })
        .collect();
    files.sort();
    let mut surprises = 0;
    for file in &files {
        let Some((message, check)) = MESSAGES
            .iter()
            .find(|(name, _)| file.starts_with(&format!("{name}.")))
        else {
            continue;
        };
        let text = std::fs::read_to_string(dir.join(file)).expect("a readable sample");
        let expect_valid = file[message.len() + 1..].starts_with("valid-");
        let verdict = check(&text);
        let line = match &verdict {
            Ok(()) => "accepted".to_owned(),
            Err(error) => format!("rejected: {error}"),
        };
        let as_expected = verdict.is_ok() == expect_valid;
        surprises += usize::from(!as_expected);
        println!(
            "{} {file}\n    {line}",
            if as_expected { "✓" } else { "✗ UNEXPECTED" }
        );
    }

    // A measurand newer than this program is kept, and written back as it was.
    let sample: SampledValue =
        serde_json::from_str(r#"{"value": "12.5", "measurand": "Power.Active.Import.L1"}"#)
            .expect("an unknown measurand is kept, not an error");
    println!("\nunknown measurand kept: {:?}", sample.measurand);
    println!(
        "written back: {}",
        serde_json::to_string(&sample).expect("serializes")
    );

    // A value built in Rust that breaks a CiString limit can't be sent.
    let boot = BootNotificationRequest::new("An Unusually Long Vendor Name", "BelayBox");
    println!(
        "sending a 29-character vendor: {}",
        serde_json::to_string(&boot).unwrap_err()
    );

    if surprises > 0 {
        eprintln!("{surprises} sample(s) did not get the verdict their name says");
        return ExitCode::FAILURE;
    }
    println!("\n{} samples, every verdict as expected", files.len());
    ExitCode::SUCCESS
}
