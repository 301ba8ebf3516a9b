//! The types of EVerest's OCPP document (`types/ocpp.yaml`), in its order.
//! Each `///` line is the spec's description, word for word.

use crate::{ocpp_type, Properties, TypeInfo, Unlisted};

/// Data Transfer Status enum
#[ocpp_type]
pub enum DataTransferStatus {
    Accepted,
    Rejected,
    UnknownMessageId,
    UnknownVendorId,
    /// A value the spec does not list, kept by a lenient reading that tolerates it.
    #[ocpp(unlisted)]
    Unlisted(Unlisted),
}

/// Type for data transfer request provided by OCPP
#[ocpp_type(deny_unknown_fields)]
pub struct DataTransferRequest {
    /// Identifies the vendor
    pub vendor_id: String,
    /// Identifies the message
    pub message_id: Option<String>,
    /// Data provided by this data transfer
    pub data: Option<String>,
}

/// Type for data transfer response provided by OCPP
#[ocpp_type(deny_unknown_fields)]
pub struct DataTransferResponse {
    /// Status of the data transfer
    pub status: DataTransferStatus,
    /// Data provided by this data transfer
    pub data: Option<String>,
}

/// Type for a key value pair
#[ocpp_type(deny_unknown_fields)]
pub struct KeyValue {
    /// Key / Identifier
    pub key: String,
    /// Indicates if the configuration key is configured to be read-only
    pub read_only: bool,
    /// Value of the configuration key
    pub value: Option<String>,
}

/// Response to a GetConfiguration request
#[ocpp_type]
pub struct GetConfigurationResponse {
    /// List of known configuration keys of key value pairs
    pub configuration_keys: Vec<KeyValue>,
    /// List of unknown configuration keys
    pub unknown_keys: Vec<String>,
    /// The properties the spec does not list, as they came; written back
    /// after the others. (Not in the spec: the object is open, and a
    /// program that forwards it loses nothing.)
    #[ocpp(flatten)]
    pub additional_properties: Properties,
}

/// Response to a set_custom_configuration_key command
#[ocpp_type]
pub enum ConfigurationStatus {
    Accepted,
    Rejected,
    RebootRequired,
    NotSupported,
    /// A value the spec does not list, kept by a lenient reading that tolerates it.
    #[ocpp(unlisted)]
    Unlisted(Unlisted),
}

/// Enum for known security events
#[ocpp_type]
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
    /// A value the spec does not list, kept by a lenient reading that tolerates it.
    #[ocpp(unlisted)]
    Unlisted(Unlisted),
}

/// Type for a security event
#[ocpp_type]
pub struct SecurityEvent {
    /// Type of the security event
    pub r#type: String,
    /// Additional information about the occurred security event
    pub info: Option<String>,
    /// The properties the spec does not list, as they came; written back
    /// after the others. (Not in the spec: the object is open, and a
    /// program that forwards it loses nothing.)
    #[ocpp(flatten)]
    pub additional_properties: Properties,
}

/// Every type of the document, in the spec's order.
///
/// ```
/// let names: Vec<&str> = ocpp_types::TYPES.iter().map(|ty| ty.name()).collect();
/// assert_eq!(names[0], "DataTransferStatus");
/// assert_eq!(names.len(), 8);
/// ```
pub static TYPES: [TypeInfo; 8] = [
    TypeInfo::of::<DataTransferStatus>(),
    TypeInfo::of::<DataTransferRequest>(),
    TypeInfo::of::<DataTransferResponse>(),
    TypeInfo::of::<KeyValue>(),
    TypeInfo::of::<GetConfigurationResponse>(),
    TypeInfo::of::<ConfigurationStatus>(),
    TypeInfo::of::<SecurityEventEnum>(),
    TypeInfo::of::<SecurityEvent>(),
];

// The spec types `SecurityEvent.type` as a plain string, so events beyond
// `SecurityEventEnum` stay valid; these two calls bridge the two.

impl SecurityEvent {
    /// The event's type as a [`SecurityEventEnum`], when it is one of the
    /// known events; `None` for any other string.
    ///
    /// ```
    /// use ocpp_types::{SecurityEvent, SecurityEventEnum};
    ///
    /// let event = SecurityEvent::new("ResetOrReboot");
    /// assert_eq!(event.known_type(), Some(SecurityEventEnum::ResetOrReboot));
    /// assert_eq!(SecurityEvent::new("VendorSpecificAlarm").known_type(), None);
    /// ```
    pub fn known_type(&self) -> Option<SecurityEventEnum> {
        self.r#type.parse().ok()
    }
}

/// A security event of a known type, with no `info`.
///
/// ```
/// use ocpp_types::{SecurityEvent, SecurityEventEnum};
///
/// let event = SecurityEvent::from(SecurityEventEnum::FirmwareUpdated);
/// assert_eq!(event.r#type, "FirmwareUpdated");
/// ```
impl From<SecurityEventEnum> for SecurityEvent {
    fn from(kind: SecurityEventEnum) -> Self {
        SecurityEvent::new(kind.as_str())
    }
}
