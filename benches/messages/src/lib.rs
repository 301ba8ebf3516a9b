//! The documents of the messages benchmark, the same every run: large, real
//! OCPP 2.0.1 messages as charging stations and a CSMS send them,
//! written as JSON text (not by either crate), so that both sides read the
//! very same bytes.
//!
//! Build with `--features ocpp-types` (the side [`ours`]) or with
//! `--features rust-ocpp` (the side [`theirs`]), never both: see
//! `Cargo.toml`.

#[cfg(all(feature = "ocpp-types", feature = "rust-ocpp"))]
compile_error!(
    "build one side at a time: rust-ocpp turns on serde_json's arbitrary_precision, \
     which changes how every number is read, so each side is measured as its users get it"
);

use std::fmt::Write;

/// The four messages of the benchmark, as ocpp_types::v201 names them.
#[cfg(feature = "ocpp-types")]
pub mod ours {
    pub use ocpp_types::v201::{
        BootNotificationRequest, NotifyReportRequest, SetChargingProfileRequest,
        TransactionEventRequest,
    };
}

/// The same four messages, as rust-ocpp 3 defines them.
#[cfg(feature = "rust-ocpp")]
pub mod theirs {
    pub use rust_ocpp::v2_0_1::messages::boot_notification::BootNotificationRequest;
    pub use rust_ocpp::v2_0_1::messages::notify_report::NotifyReportRequest;
    pub use rust_ocpp::v2_0_1::messages::set_charging_profile::SetChargingProfileRequest;
    pub use rust_ocpp::v2_0_1::messages::transaction_event::TransactionEventRequest;
}

/// Calls `$body` with `$t` set to the side's type of the message named
/// `$name` (one of [`MESSAGES`]), in module `$side` (`ours` or `theirs`).
#[macro_export]
macro_rules! with_type {
    ($side:ident, $name:expr, |$t:ident| $body:expr) => {
        match $name {
            "BootNotificationRequest" => {
                type $t = $crate::$side::BootNotificationRequest;
                $body
            }
            "SetChargingProfileRequest" => {
                type $t = $crate::$side::SetChargingProfileRequest;
                $body
            }
            "NotifyReportRequest" => {
                type $t = $crate::$side::NotifyReportRequest;
                $body
            }
            "TransactionEventRequest" => {
                type $t = $crate::$side::TransactionEventRequest;
                $body
            }
            other => panic!("no message {other}"),
        }
    };
}

/// The messages, smallest first.
pub const MESSAGES: [&str; 4] = [
    "BootNotificationRequest",
    "SetChargingProfileRequest",
    "NotifyReportRequest",
    "TransactionEventRequest",
];

/// The benchmark's document of the message `name` (one of [`MESSAGES`]).
pub fn document(name: &str) -> Vec<u8> {
    match name {
        "BootNotificationRequest" => boot_notification(),
        "SetChargingProfileRequest" => set_charging_profile(96),
        "NotifyReportRequest" => notify_report(100),
        "TransactionEventRequest" => transaction_event(40),
        other => panic!("no message {other}"),
    }
    .into_bytes()
}

/// A station's first message after power-up (a real wallbox's identity).
pub fn boot_notification() -> String {
    concat!(
        r#"{"chargingStation":{"serialNumber":"EVB-P22099854","model":"Wallbox Pulsar Plus","#,
        r#""modem":{"iccid":"89314404000123456789","imsi":"204043123456789"},"#,
        r#""vendorName":"Wall Box Chargers S.L.","firmwareVersion":"6.3.22"},"reason":"PowerUp"}"#,
    )
    .to_string()
}

/// A CSMS's day-ahead profile for a running transaction: one schedule of
/// `periods` periods of 15 minutes (96 make a day), limits in watts that
/// follow a price curve, three phases but for the cheapest night hours.
pub fn set_charging_profile(periods: usize) -> String {
    let mut s = String::from(
        r#"{"evseId":1,"chargingProfile":{"id":2207,"stackLevel":1,"chargingProfilePurpose":"TxProfile","#,
    );
    s.push_str(r#""chargingProfileKind":"Absolute","validFrom":"2024-05-14T00:00:00Z","#);
    s.push_str(r#""validTo":"2024-05-15T00:00:00Z","chargingSchedule":[{"id":1,"#);
    s.push_str(
        r#""startSchedule":"2024-05-14T00:00:00Z","duration":86400,"chargingRateUnit":"W","#,
    );
    s.push_str(r#""chargingSchedulePeriod":["#);
    for i in 0..periods {
        if i > 0 {
            s.push(',');
        }
        let hour = (i / 4) % 24;
        // 22 kW at night, 4.14 kW in the morning and evening peaks, in
        // between a level that moves with the quarter hour.
        let (limit, phases) = match hour {
            0..=5 => (7360.0, 1),
            7..=9 | 17..=20 => (4140.0, 3),
            _ => (11040.0 + 1380.0 * (i % 4) as f64 + 0.5 * (i % 3) as f64, 3),
        };
        write!(
            s,
            r#"{{"startPeriod":{},"limit":{limit},"numberPhases":{phases}"#,
            i * 900
        )
        .unwrap();
        if phases == 1 {
            s.push_str(r#","phaseToUse":1"#);
        }
        s.push('}');
    }
    s.push_str(
        r#"],"minChargingRate":1380.0}],"transactionId":"3f5e7a0c-9d1b-4e8a-a4c2-6b1f0e2d9c17"}}"#,
    );
    s
}

/// A station's answer to GetBaseReport(FullInventory), one message of
/// `entries` report entries: its controllers' variables first, then each
/// EVSE's and its connector's, as many EVSEs as it takes.
pub fn notify_report(entries: usize) -> String {
    let mut s =
        String::from(r#"{"requestId":4711,"generatedAt":"2024-05-14T08:00:03Z","reportData":["#);
    let mut written = 0;
    let mut evse = 0;
    'fill: loop {
        let (lines, evse_id) = if evse == 0 {
            (CONTROLLER_VARIABLES, None)
        } else {
            (EVSE_VARIABLES, Some(evse))
        };
        for line in lines.lines().map(str::trim).filter(|l| !l.is_empty()) {
            if written == entries {
                break 'fill;
            }
            if written > 0 {
                s.push(',');
            }
            report_entry(&mut s, line, evse_id);
            written += 1;
        }
        evse += 1;
    }
    s.push_str(r#"],"tbc":false,"seqNo":0}"#);
    s
}

/// One report entry from a line `Component[/instance]|Variable[/instance]|
/// attributes|dataType|unit|min|max|valuesList|monitoring`, attributes as
/// `type=value@mutability` separated by `;` (no `=value` for a write-only
/// variable), empty columns left out. `Connector` components are on
/// connector 1 of the EVSE.
fn report_entry(s: &mut String, line: &str, evse: Option<usize>) {
    let col: Vec<&str> = line.split('|').collect();
    assert_eq!(col.len(), 9, "{line}");
    let (component, component_instance) = split_instance(col[0]);
    let (variable, variable_instance) = split_instance(col[1]);
    s.push_str(r#"{"component":{"#);
    if let Some(id) = evse {
        if component == "Connector" {
            write!(s, r#""evse":{{"id":{id},"connectorId":1}},"#).unwrap();
        } else {
            write!(s, r#""evse":{{"id":{id}}},"#).unwrap();
        }
    }
    write!(s, r#""name":"{component}""#).unwrap();
    if let Some(instance) = component_instance {
        write!(s, r#","instance":"{instance}""#).unwrap();
    }
    write!(s, r#"}},"variable":{{"name":"{variable}""#).unwrap();
    if let Some(instance) = variable_instance {
        write!(s, r#","instance":"{instance}""#).unwrap();
    }
    s.push_str(r#"},"variableAttribute":["#);
    for (i, attribute) in col[2].split(';').enumerate() {
        if i > 0 {
            s.push(',');
        }
        let (kind_value, mutability) = attribute.split_once('@').expect(line);
        let (kind, value) = match kind_value.split_once('=') {
            Some((kind, value)) => (
                kind,
                Some(value.replace("{evse}", &evse.unwrap_or(0).to_string())),
            ),
            None => (kind_value, None),
        };
        write!(s, r#"{{"type":"{kind}""#).unwrap();
        if let Some(value) = value {
            write!(s, r#","value":"{value}""#).unwrap();
        }
        write!(s, r#","mutability":"{mutability}""#).unwrap();
        if mutability == "ReadWrite" {
            s.push_str(r#","persistent":true"#);
        }
        if mutability == "ReadOnly" && evse.is_none() {
            s.push_str(r#","constant":true"#);
        }
        s.push('}');
    }
    s.push_str(r#"],"variableCharacteristics":{"#);
    if !col[4].is_empty() {
        write!(s, r#""unit":"{}","#, col[4]).unwrap();
    }
    write!(s, r#""dataType":"{}""#, col[3]).unwrap();
    if !col[5].is_empty() {
        write!(s, r#","minLimit":{}"#, col[5]).unwrap();
    }
    if !col[6].is_empty() {
        write!(s, r#","maxLimit":{}"#, col[6]).unwrap();
    }
    if !col[7].is_empty() {
        write!(s, r#","valuesList":"{}""#, col[7]).unwrap();
    }
    write!(s, r#","supportsMonitoring":{}}}}}"#, col[8] == "yes").unwrap();
}

fn split_instance(name: &str) -> (&str, Option<&str>) {
    match name.split_once('/') {
        Some((name, instance)) => (name, Some(instance)),
        None => (name, None),
    }
}

/// The station-wide variables of a full inventory (OCPP 2.0.1 part 2,
/// appendix 3), with typical values.
const CONTROLLER_VARIABLES: &str = "
    ChargingStation|AvailabilityState|Actual=Available@ReadOnly|OptionList||||Available,Occupied,Reserved,Unavailable,Faulted|yes
    ChargingStation|Available|Actual=true@ReadOnly|boolean|||||no
    ChargingStation|Model|Actual=Pulsar Plus@ReadOnly|string|||||no
    ChargingStation|VendorName|Actual=Wall Box Chargers S.L.@ReadOnly|string|||||no
    ChargingStation|SupplyPhases|Actual=3@ReadOnly|integer||0|3||no
    ChargingStation|Power|Actual=0@ReadOnly;MaxSet=22080@ReadOnly|decimal|W|0|22080||yes
    OCPPCommCtrlr|HeartbeatInterval|Actual=300@ReadWrite|integer|s|30|86400||no
    OCPPCommCtrlr/Default|MessageTimeout|Actual=30@ReadOnly|integer|s|5|300||no
    OCPPCommCtrlr/TransactionEvent|MessageAttempts|Actual=3@ReadWrite|integer||0|10||no
    OCPPCommCtrlr/TransactionEvent|MessageAttemptInterval|Actual=60@ReadWrite|integer|s|1|3600||no
    OCPPCommCtrlr|NetworkConfigurationPriority|Actual=1,0@ReadWrite|SequenceList||||0,1,2|no
    OCPPCommCtrlr|NetworkProfileConnectionAttempts|Actual=3@ReadWrite|integer||1|10||no
    OCPPCommCtrlr|OfflineThreshold|Actual=300@ReadWrite|integer|s|0|86400||no
    OCPPCommCtrlr|ResetRetries|Actual=2@ReadWrite|integer||0|5||no
    OCPPCommCtrlr|RetryBackOffRandomRange|Actual=30@ReadWrite|integer|s|0|600||no
    OCPPCommCtrlr|RetryBackOffRepeatTimes|Actual=3@ReadWrite|integer||0|10||no
    OCPPCommCtrlr|RetryBackOffWaitMinimum|Actual=10@ReadWrite|integer|s|1|600||no
    OCPPCommCtrlr|UnlockOnEVSideDisconnect|Actual=true@ReadWrite|boolean|||||no
    OCPPCommCtrlr|WebSocketPingInterval|Actual=60@ReadWrite|integer|s|0|3600||no
    OCPPCommCtrlr|FileTransferProtocols|Actual=HTTPS,FTPS@ReadOnly|MemberList||||FTP,FTPS,HTTP,HTTPS,SFTP|no
    DeviceDataCtrlr/GetReport|ItemsPerMessage|Actual=100@ReadOnly|integer||1|1000||no
    DeviceDataCtrlr/GetReport|BytesPerMessage|Actual=65000@ReadOnly|integer|B|1024|262144||no
    DeviceDataCtrlr/GetVariables|ItemsPerMessage|Actual=50@ReadOnly|integer||1|1000||no
    DeviceDataCtrlr/GetVariables|BytesPerMessage|Actual=65000@ReadOnly|integer|B|1024|262144||no
    DeviceDataCtrlr/SetVariables|ItemsPerMessage|Actual=50@ReadOnly|integer||1|1000||no
    DeviceDataCtrlr/SetVariables|BytesPerMessage|Actual=65000@ReadOnly|integer|B|1024|262144||no
    AuthCtrlr|Enabled|Actual=true@ReadWrite|boolean|||||no
    AuthCtrlr|AuthorizeRemoteStart|Actual=true@ReadWrite|boolean|||||no
    AuthCtrlr|LocalAuthorizeOffline|Actual=true@ReadWrite|boolean|||||no
    AuthCtrlr|LocalPreAuthorize|Actual=false@ReadWrite|boolean|||||no
    AuthCtrlr|OfflineTxForUnknownIdEnabled|Actual=false@ReadWrite|boolean|||||no
    AuthCtrlr|DisableRemoteAuthorization|Actual=false@ReadWrite|boolean|||||no
    AuthCtrlr|MasterPassGroupId|Actual=@ReadWrite|string|||||no
    AuthCacheCtrlr|Enabled|Actual=true@ReadWrite|boolean|||||no
    AuthCacheCtrlr|Available|Actual=true@ReadOnly|boolean|||||no
    AuthCacheCtrlr|LifeTime|Actual=86400@ReadWrite|integer|s|0|2592000||no
    AuthCacheCtrlr|Storage|Actual=32768@ReadOnly|integer|B|0|32768||no
    AuthCacheCtrlr|Policy|Actual=LRU@ReadWrite|OptionList||||LRU,LFU,FIFO,CUSTOM|no
    AuthCacheCtrlr|DisablePostAuthorize|Actual=false@ReadWrite|boolean|||||no
    LocalAuthListCtrlr|Enabled|Actual=true@ReadWrite|boolean|||||no
    LocalAuthListCtrlr|Entries|Actual=12@ReadOnly|integer||0|1000||no
    LocalAuthListCtrlr|ItemsPerMessage|Actual=50@ReadOnly|integer||1|1000||no
    LocalAuthListCtrlr|BytesPerMessage|Actual=65000@ReadOnly|integer|B|1024|262144||no
    LocalAuthListCtrlr|Storage|Actual=65536@ReadOnly|integer|B|0|65536||no
    LocalAuthListCtrlr|DisablePostAuthorize|Actual=false@ReadWrite|boolean|||||no
    SampledDataCtrlr|Enabled|Actual=true@ReadWrite|boolean|||||no
    SampledDataCtrlr|SignReadings|Actual=true@ReadWrite|boolean|||||no
    SampledDataCtrlr|TxEndedMeasurands|Actual=Energy.Active.Import.Register,Power.Active.Import,Current.Import,Voltage,SoC@ReadWrite|MemberList||||Current.Import,Current.Offered,Energy.Active.Import.Register,Frequency,Power.Active.Import,Power.Offered,SoC,Voltage|no
    SampledDataCtrlr|TxEndedInterval|Actual=300@ReadWrite|integer|s|0|3600||no
    SampledDataCtrlr|TxStartedMeasurands|Actual=Energy.Active.Import.Register@ReadWrite|MemberList||||Current.Import,Current.Offered,Energy.Active.Import.Register,Frequency,Power.Active.Import,Power.Offered,SoC,Voltage|no
    SampledDataCtrlr|TxUpdatedMeasurands|Actual=Energy.Active.Import.Register,Power.Active.Import,SoC@ReadWrite|MemberList||||Current.Import,Current.Offered,Energy.Active.Import.Register,Frequency,Power.Active.Import,Power.Offered,SoC,Voltage|no
    SampledDataCtrlr|TxUpdatedInterval|Actual=60@ReadWrite|integer|s|0|3600||no
    SampledDataCtrlr|RegisterValuesWithoutPhases|Actual=true@ReadWrite|boolean|||||no
    AlignedDataCtrlr|Enabled|Actual=true@ReadWrite|boolean|||||no
    AlignedDataCtrlr|Measurands|Actual=Energy.Active.Import.Register@ReadWrite|MemberList||||Current.Import,Energy.Active.Import.Register,Power.Active.Import,Voltage|no
    AlignedDataCtrlr|Interval|Actual=900@ReadWrite|integer|s|0|86400||no
    AlignedDataCtrlr|SendDuringIdle|Actual=false@ReadWrite|boolean|||||no
    AlignedDataCtrlr|TxEndedMeasurands|Actual=Energy.Active.Import.Register@ReadWrite|MemberList||||Current.Import,Energy.Active.Import.Register,Power.Active.Import,Voltage|no
    AlignedDataCtrlr|TxEndedInterval|Actual=900@ReadWrite|integer|s|0|86400||no
    TxCtrlr|EVConnectionTimeOut|Actual=120@ReadWrite|integer|s|0|600||no
    TxCtrlr|StopTxOnEVSideDisconnect|Actual=true@ReadWrite|boolean|||||no
    TxCtrlr|StopTxOnInvalidId|Actual=true@ReadWrite|boolean|||||no
    TxCtrlr|MaxEnergyOnInvalidId|Actual=0@ReadWrite|integer|Wh|0|100000||no
    TxCtrlr|TxBeforeAcceptedEnabled|Actual=false@ReadWrite|boolean|||||no
    TxCtrlr|TxStartPoint|Actual=PowerPathClosed@ReadWrite|MemberList||||ParkingBayOccupancy,EVConnected,Authorized,DataSigned,PowerPathClosed,EnergyTransfer|no
    TxCtrlr|TxStopPoint|Actual=EVConnected,Authorized@ReadWrite|MemberList||||ParkingBayOccupancy,EVConnected,Authorized,DataSigned,PowerPathClosed,EnergyTransfer|no
    SecurityCtrlr|BasicAuthPassword|Actual@WriteOnly|string|||||no
    SecurityCtrlr|Identity|Actual=CP-0042@ReadWrite|string|||||no
    SecurityCtrlr|OrganizationName|Actual=Example Charging GmbH@ReadWrite|string|||||no
    SecurityCtrlr|SecurityProfile|Actual=2@ReadOnly|integer||1|3||no
    SecurityCtrlr|CertificateEntries|Actual=4@ReadOnly|integer||0|100||no
    SecurityCtrlr|AdditionalRootCertificateCheck|Actual=false@ReadOnly|boolean|||||no
    ClockCtrlr|DateTime|Actual=2024-05-14T08:00:03Z@ReadOnly|dateTime|||||no
    ClockCtrlr|TimeSource|Actual=NTP,Heartbeat@ReadWrite|SequenceList||||Heartbeat,NTP,GPS,RealTimeClock,MobileNetwork|no
    ClockCtrlr/1|NtpServerUri|Actual=pool.ntp.org@ReadWrite|string|||||no
    ClockCtrlr|NtpSource|Actual=DHCP@ReadWrite|OptionList||||DHCP,manual|no
    ClockCtrlr|TimeZone|Actual=Europe/Berlin@ReadWrite|string|||||no
    ClockCtrlr|TimeAdjustmentReportingThreshold|Actual=20@ReadWrite|integer|s|0|3600||no
    SmartChargingCtrlr|Enabled|Actual=true@ReadWrite|boolean|||||no
    SmartChargingCtrlr/ChargingProfiles|Entries|Actual=4@ReadOnly|integer||0|64||no
    SmartChargingCtrlr|LimitChangeSignificance|Actual=1.5@ReadWrite|decimal|Percent|0|100||no
    SmartChargingCtrlr|PeriodsPerSchedule|Actual=96@ReadOnly|integer||1|1024||no
    SmartChargingCtrlr|ProfileStackLevel|Actual=8@ReadOnly|integer||0|8||no
    SmartChargingCtrlr|RateUnit|Actual=A,W@ReadOnly|MemberList||||A,W|no
    SmartChargingCtrlr|ExternalControlSignalsEnabled|Actual=false@ReadWrite|boolean|||||no
    SmartChargingCtrlr|NotifyChargingLimitWithSchedules|Actual=false@ReadWrite|boolean|||||no
    SmartChargingCtrlr|Phases3to1|Actual=true@ReadOnly|boolean|||||no
    ReservationCtrlr|Enabled|Actual=true@ReadWrite|boolean|||||no
    ReservationCtrlr|NonEvseSpecific|Actual=true@ReadOnly|boolean|||||no
    DisplayMessageCtrlr|Enabled|Actual=true@ReadWrite|boolean|||||no
    DisplayMessageCtrlr|DisplayMessages|Actual=20@ReadOnly|integer||0|100||no
    DisplayMessageCtrlr|SupportedFormats|Actual=ASCII,UTF8@ReadOnly|MemberList||||ASCII,HTML,URI,UTF8|no
    DisplayMessageCtrlr|SupportedPriorities|Actual=AlwaysFront,InFront,NormalCycle@ReadOnly|MemberList||||AlwaysFront,InFront,NormalCycle|no
";

/// The variables of one EVSE (`{evse}`: its number) and of its connector.
const EVSE_VARIABLES: &str = "
    EVSE|AvailabilityState|Actual=Available@ReadOnly|OptionList||||Available,Occupied,Reserved,Unavailable,Faulted|yes
    EVSE|Available|Actual=true@ReadOnly|boolean|||||no
    EVSE|Power|Actual=0@ReadOnly;MaxSet=22080@ReadOnly|decimal|W|0|22080||yes
    EVSE|SupplyPhases|Actual=3@ReadOnly|integer||0|3||no
    EVSE|AllowReset|Actual=true@ReadOnly|boolean|||||no
    EVSE|ISO15118EvseId|Actual=DE*EXA*E0042*{evse}@ReadOnly|string|||||no
    Connector|AvailabilityState|Actual=Available@ReadOnly|OptionList||||Available,Occupied,Reserved,Unavailable,Faulted|yes
    Connector|Available|Actual=true@ReadOnly|boolean|||||no
    Connector|ConnectorType|Actual=cType2@ReadOnly|OptionList||||cType2,sType2,cCCS2|no
    Connector|SupplyPhases|Actual=3@ReadOnly|integer||0|3||no
";

/// The Ended event of a three-phase 11 kW session, with the meter values
/// the station kept through it (SampledDataCtrlr.TxEndedMeasurands every
/// 5 minutes): `meter_values` times energy, power, current and voltage of
/// each phase and the state of charge.
pub fn transaction_event(meter_values: usize) -> String {
    let mut s = String::from(r#"{"eventType":"Ended","meterValue":["#);
    let start = 8 * 3600 + 5 * 60; // 08:05:00
    let mut energy = 1_524_380.0_f64; // Wh
    for i in 0..meter_values {
        if i > 0 {
            s.push(',');
        }
        let context = match i {
            0 => "Transaction.Begin",
            _ if i + 1 == meter_values => "Transaction.End",
            _ => "Sample.Periodic",
        };
        let current = |phase: usize| round2(16.0 - 0.03 * ((i * 7 + phase * 3) % 5) as f64);
        let voltage = |phase: usize| round1(229.6 + 0.4 * ((i * 5 + phase * 2) % 7) as f64);
        let power: f64 = (0..3).map(|p| current(p) * voltage(p)).sum::<f64>().round();
        let soc = 21 + (i * 67) / meter_values.max(1);
        s.push_str(r#"{"sampledValue":["#);
        write!(
            s,
            r#"{{"value":{energy},"context":"{context}","measurand":"Energy.Active.Import.Register","location":"Outlet","unitOfMeasure":{{"unit":"Wh"}}}},"#
        )
        .unwrap();
        write!(
            s,
            r#"{{"value":{power},"context":"{context}","measurand":"Power.Active.Import","location":"Outlet","unitOfMeasure":{{"unit":"W"}}}}"#
        )
        .unwrap();
        for (p, phase) in ["L1", "L2", "L3"].iter().enumerate() {
            write!(
                s,
                r#",{{"value":{},"context":"{context}","measurand":"Current.Import","phase":"{phase}","location":"Outlet","unitOfMeasure":{{"unit":"A"}}}}"#,
                current(p)
            )
            .unwrap();
        }
        for (p, phase) in ["L1-N", "L2-N", "L3-N"].iter().enumerate() {
            write!(
                s,
                r#",{{"value":{},"context":"{context}","measurand":"Voltage","phase":"{phase}","location":"Outlet","unitOfMeasure":{{"unit":"V"}}}}"#,
                voltage(p)
            )
            .unwrap();
        }
        write!(
            s,
            r#",{{"value":{soc},"context":"{context}","measurand":"SoC","location":"EV","unitOfMeasure":{{"unit":"Percent"}}}}"#
        )
        .unwrap();
        write!(s, r#"],"timestamp":"{}"}}"#, time_of_day(start + i * 300)).unwrap();
        energy += (power * 300.0 / 3600.0).round();
    }
    let end = start + meter_values.saturating_sub(1) * 300;
    write!(
        s,
        r#"],"timestamp":"{}","triggerReason":"EVCommunicationLost","seqNo":{},"offline":false,"#,
        time_of_day(end),
        meter_values + 2
    )
    .unwrap();
    write!(
        s,
        r#""numberOfPhasesUsed":3,"transactionInfo":{{"transactionId":"3f5e7a0c-9d1b-4e8a-a4c2-6b1f0e2d9c17","chargingState":"Idle","timeSpentCharging":{},"stoppedReason":"EVDisconnected"}},"#,
        end - start
    )
    .unwrap();
    s.push_str(r#""evse":{"id":1,"connectorId":1},"idToken":{"idToken":"04A2F53A6B3C80","type":"ISO14443"}}"#);
    s
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// `2024-05-14T<hh:mm:ss>Z` for a number of seconds after midnight.
fn time_of_day(seconds: usize) -> String {
    format!(
        "2024-05-14T{:02}:{:02}:{:02}Z",
        seconds / 3600 % 24,
        seconds / 60 % 60,
        seconds % 60
    )
}

/// Small documents on the edges of the 2.0.1 schemas, to see what each side
/// reads: name, message, the official schema's verdict, document.
pub const PROBES: &[(&str, &str, bool, &str)] = &[
    (
        "the smallest BootNotification",
        "BootNotificationRequest",
        true,
        r#"{"chargingStation":{"model":"Pulsar Plus","vendorName":"Wallbox"},"reason":"PowerUp"}"#,
    ),
    (
        "a sampled value written with an exponent (1.5e3)",
        "TransactionEventRequest",
        true,
        r#"{"eventType":"Updated","meterValue":[{"sampledValue":[{"value":1.5e3}],"timestamp":"2024-05-14T08:30:00Z"}],"timestamp":"2024-05-14T08:30:00Z","triggerReason":"MeterValuePeriodic","seqNo":3,"transactionInfo":{"transactionId":"T1"}}"#,
    ),
    (
        "seqNo written 14.0 (an integer in draft-06)",
        "TransactionEventRequest",
        true,
        r#"{"eventType":"Updated","timestamp":"2024-05-14T08:30:00Z","triggerReason":"MeterValuePeriodic","seqNo":14.0,"transactionInfo":{"transactionId":"T1"}}"#,
    ),
    (
        "a time with a fraction and an offset (10:30:00.123+02:00)",
        "TransactionEventRequest",
        true,
        r#"{"eventType":"Updated","timestamp":"2024-05-14T10:30:00.123+02:00","triggerReason":"MeterValuePeriodic","seqNo":3,"transactionInfo":{"transactionId":"T1"}}"#,
    ),
    (
        "a time with lowercase t and z",
        "TransactionEventRequest",
        true,
        r#"{"eventType":"Updated","timestamp":"2024-05-14t08:30:00z","triggerReason":"MeterValuePeriodic","seqNo":3,"transactionInfo":{"transactionId":"T1"}}"#,
    ),
    (
        "a limit of 1e30 W",
        "SetChargingProfileRequest",
        true,
        r#"{"evseId":1,"chargingProfile":{"id":1,"stackLevel":0,"chargingProfilePurpose":"TxDefaultProfile","chargingProfileKind":"Absolute","chargingSchedule":[{"id":1,"chargingRateUnit":"W","chargingSchedulePeriod":[{"startPeriod":0,"limit":1e30}]}]}}"#,
    ),
    (
        "a limit of 29 significant digits",
        "SetChargingProfileRequest",
        true,
        r#"{"evseId":1,"chargingProfile":{"id":1,"stackLevel":0,"chargingProfilePurpose":"TxDefaultProfile","chargingProfileKind":"Absolute","chargingSchedule":[{"id":1,"chargingRateUnit":"W","chargingSchedulePeriod":[{"startPeriod":0,"limit":11040.1234567890123456789012345}]}]}}"#,
    ),
    (
        "an evseId beyond 32 bits (3000000000)",
        "SetChargingProfileRequest",
        true,
        r#"{"evseId":3000000000,"chargingProfile":{"id":1,"stackLevel":0,"chargingProfilePurpose":"TxDefaultProfile","chargingProfileKind":"Absolute","chargingSchedule":[{"id":1,"chargingRateUnit":"W","chargingSchedulePeriod":[{"startPeriod":0,"limit":11040}]}]}}"#,
    ),
    (
        "tbc: null",
        "NotifyReportRequest",
        false,
        r#"{"requestId":1,"generatedAt":"2024-05-14T08:00:03Z","tbc":null,"seqNo":0}"#,
    ),
    (
        "an unknown property (additionalProperties: false)",
        "BootNotificationRequest",
        false,
        r#"{"chargingStation":{"model":"Pulsar Plus","vendorName":"Wallbox","colour":"black"},"reason":"PowerUp"}"#,
    ),
    (
        "a model of 21 characters (maxLength 20)",
        "BootNotificationRequest",
        false,
        r#"{"chargingStation":{"model":"Pulsar Plus Socket 22","vendorName":"Wallbox"},"reason":"PowerUp"}"#,
    ),
    (
        "no chargingSchedulePeriod (minItems 1)",
        "SetChargingProfileRequest",
        false,
        r#"{"evseId":1,"chargingProfile":{"id":1,"stackLevel":0,"chargingProfilePurpose":"TxDefaultProfile","chargingProfileKind":"Absolute","chargingSchedule":[{"id":1,"chargingRateUnit":"W","chargingSchedulePeriod":[]}]}}"#,
    ),
    (
        "a time without a zone (2024-05-14T08:30:00)",
        "TransactionEventRequest",
        false,
        r#"{"eventType":"Updated","timestamp":"2024-05-14T08:30:00","triggerReason":"MeterValuePeriodic","seqNo":3,"transactionInfo":{"transactionId":"T1"}}"#,
    ),
];
