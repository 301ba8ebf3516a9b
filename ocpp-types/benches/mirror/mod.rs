//! The eight spec types again, written the usual way: plain
//! `#[derive(Serialize, Deserialize)]` from serde_derive, with the attributes
//! that make them write the same documents as the `#[ocpp_type]`s (same
//! property names and order, `None` left out, the same three objects closed).
//!
//! They are not equivalent on bad input (serde_derive takes `null` for an
//! `Option`, and its errors carry no path); the benchmark only feeds them
//! valid documents, and checks that both sides read and write the same bytes.

use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
pub enum DataTransferStatus {
    Accepted,
    Rejected,
    UnknownMessageId,
    UnknownVendorId,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataTransferRequest {
    pub vendor_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataTransferResponse {
    pub status: DataTransferStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyValue {
    pub key: String,
    pub read_only: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

#[derive(Serialize, Deserialize)]
pub struct GetConfigurationResponse {
    pub configuration_keys: Vec<KeyValue>,
    pub unknown_keys: Vec<String>,
}

#[derive(Serialize, Deserialize)]
pub enum ConfigurationStatus {
    Accepted,
    Rejected,
    RebootRequired,
    NotSupported,
}

#[derive(Serialize, Deserialize)]
pub enum SecurityEventEnum {
    FirmwareUpdated,
    FailedToAuthenticateAtCsms,
    CsmsFailedToAuthenticate,
    SettingSystemTime,
    StartupOfTheDevice,
    ResetOrReboot,
    SecurityLogWasCleared,
    ReconfigurationOfSecurityParameters,
    MemoryExhaustion,
    InvalidMessages,
    AttemptedReplayAttacks,
    TamperDetectionActivated,
    InvalidFirmwareSignature,
    InvalidFirmwareSigningCertificate,
    InvalidCsmsCertificate,
    InvalidChargingStationCertificate,
    InvalidTLSVersion,
    InvalidTLSCipherSuite,
    MaintenanceLoginAccepted,
    MaintenanceLoginFailed,
}

#[derive(Serialize, Deserialize)]
pub struct SecurityEvent {
    #[serde(rename = "type")]
    pub r#type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub info: Option<String>,
}
