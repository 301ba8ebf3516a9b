//! The documents of the benchmark, the same every run: one realistic
//! document of each spec type, and `GetConfiguration` answers of any size.

use ocpp_types::{
    DataTransferRequest, DataTransferResponse, DataTransferStatus, GetConfigurationResponse,
    KeyValue, SecurityEvent,
};

/// OCPP 1.6's "California pricing" running-cost message, its JSON payload
/// carried as a string (escaped quotes and all).
pub fn data_transfer_request() -> DataTransferRequest {
    DataTransferRequest::new("org.openchargealliance.costmsg")
        .with_message_id("RunningCost")
        .with_data(concat!(
            r#"{"transactionId":1853,"timestamp":"2024-05-14T10:21:43Z","meterValue":12740,"#,
            r#""cost":3.47,"state":"Charging","chargingPrice":{"kWhPrice":0.29,"hourPrice":0.0,"#,
            r#""flatFee":0.5},"idlePrice":{"graceMinutes":30,"hourPrice":1.0},"nextPeriod":"#,
            r#"{"atTime":"2024-05-14T11:00:00Z","chargingPrice":{"kWhPrice":0.35}},"#,
            r#""triggerMeterValue":{"atTime":"2024-05-14T11:00:00Z","atEnergykWh":20.0}}"#,
        ))
}

pub fn data_transfer_response() -> DataTransferResponse {
    DataTransferResponse::new(DataTransferStatus::Accepted).with_data(concat!(
        r#"{"status":"Accepted","qrCodeText":"https://pay.example.com/s/CP-0042/1?l=en","#,
        r#""priceText":"0.29 EUR/kWh, 1.00 EUR/h idle after 30 min"}"#,
    ))
}

pub fn key_value() -> KeyValue {
    KeyValue::new("MeterValuesSampledData", false)
        .with_value("Energy.Active.Import.Register,Power.Active.Import,Current.Import,Voltage,SoC")
}

pub fn security_event() -> SecurityEvent {
    SecurityEvent::new("InvalidCsmsCertificate").with_info(
        "Certificate chain verification failed: unable to get local issuer certificate \
         (X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY)",
    )
}

/// OCPP 1.6's standard configuration keys (Core, Local Auth List Management,
/// Reservation, Smart Charging and the security extension): name,
/// read-only, and a typical value (`None`: write-only or not set).
pub const STANDARD_KEYS: &[(&str, bool, Option<&str>)] = &[
    ("AllowOfflineTxForUnknownId", false, Some("false")),
    ("AuthorizationCacheEnabled", false, Some("true")),
    ("AuthorizeRemoteTxRequests", false, Some("true")),
    ("BlinkRepeat", false, None),
    ("ClockAlignedDataInterval", false, Some("900")),
    ("ConnectionTimeOut", false, Some("60")),
    ("ConnectorPhaseRotation", false, Some("0.RST,1.RST,2.RTS")),
    ("ConnectorPhaseRotationMaxLength", true, Some("3")),
    ("GetConfigurationMaxKeys", true, Some("100")),
    ("HeartbeatInterval", false, Some("300")),
    ("LightIntensity", false, None),
    ("LocalAuthorizeOffline", false, Some("true")),
    ("LocalPreAuthorize", false, Some("false")),
    ("MaxEnergyOnInvalidId", false, Some("0")),
    (
        "MeterValuesAlignedData",
        false,
        Some("Energy.Active.Import.Register"),
    ),
    ("MeterValuesAlignedDataMaxLength", true, Some("8")),
    (
        "MeterValuesSampledData",
        false,
        Some("Energy.Active.Import.Register,Power.Active.Import,Current.Import,Voltage,SoC"),
    ),
    ("MeterValuesSampledDataMaxLength", true, Some("8")),
    ("MeterValueSampleInterval", false, Some("60")),
    ("MinimumStatusDuration", false, Some("0")),
    ("NumberOfConnectors", true, Some("2")),
    ("ResetRetries", false, Some("3")),
    ("StopTransactionOnEVSideDisconnect", false, Some("true")),
    ("StopTransactionOnInvalidId", false, Some("true")),
    (
        "StopTxnAlignedData",
        false,
        Some("Energy.Active.Import.Register"),
    ),
    ("StopTxnAlignedDataMaxLength", true, Some("8")),
    (
        "StopTxnSampledData",
        false,
        Some("Energy.Active.Import.Register"),
    ),
    ("StopTxnSampledDataMaxLength", true, Some("8")),
    (
        "SupportedFeatureProfiles",
        true,
        Some("Core,FirmwareManagement,LocalAuthListManagement,Reservation,SmartCharging,RemoteTrigger"),
    ),
    ("SupportedFeatureProfilesMaxLength", true, Some("6")),
    ("TransactionMessageAttempts", false, Some("5")),
    ("TransactionMessageRetryInterval", false, Some("60")),
    ("UnlockConnectorOnEVSideDisconnect", false, Some("true")),
    ("WebSocketPingInterval", false, Some("30")),
    ("LocalAuthListEnabled", false, Some("true")),
    ("LocalAuthListMaxLength", true, Some("1000")),
    ("SendLocalListMaxLength", true, Some("250")),
    ("ReserveConnectorZeroSupported", true, Some("false")),
    ("ChargeProfileMaxStackLevel", true, Some("10")),
    ("ChargingScheduleAllowedChargingRateUnit", true, Some("Current,Power")),
    ("ChargingScheduleMaxPeriods", true, Some("24")),
    ("ConnectorSwitch3to1PhaseSupported", true, Some("false")),
    ("MaxChargingProfilesInstalled", true, Some("20")),
    ("AdditionalRootCertificateCheck", true, Some("false")),
    ("AuthorizationKey", false, None),
    ("CertificateSignedMaxChainSize", true, Some("10000")),
    ("CertificateStoreMaxLength", true, Some("20")),
    ("CpoName", false, Some("Example Charging GmbH")),
    ("SecurityProfile", false, Some("2")),
];

/// A `GetConfiguration` answer with `keys` keys: the standard keys, then the
/// same keys again per connector (`HeartbeatInterval.Connector3`) with
/// varied values, and three keys the charge point doesn't know. The same
/// document every run.
pub fn configuration(keys: usize) -> GetConfigurationResponse {
    let mut state = 0x9E37_79B9_7F4A_7C15_u64;
    let mut next = move || {
        // xorshift64*: deterministic, no dependency.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    let configuration_keys = (0..keys)
        .map(|i| {
            let (name, read_only, value) = STANDARD_KEYS[i % STANDARD_KEYS.len()];
            let round = i / STANDARD_KEYS.len();
            let key = if round == 0 {
                name.to_owned()
            } else {
                format!("{name}.Connector{round}")
            };
            let value = value.map(|value| match value.parse::<u64>() {
                Ok(number) if round > 0 => (number + next() % 100).to_string(),
                _ => value.to_owned(),
            });
            KeyValue {
                key,
                read_only,
                value,
            }
        })
        .collect::<Vec<_>>();
    let unknown_keys = vec![
        "MaxCurrentPerPhase".to_owned(),
        "FreeVendIdTag".to_owned(),
        "VendorDebugLogLevel".to_owned(),
    ];
    GetConfigurationResponse::new(configuration_keys, unknown_keys)
}
