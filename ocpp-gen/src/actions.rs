//! The actions of each version: which way each one's request travels, as
//! the specifications list them (the schemas don't say), and the list of
//! actions a version module ends with.
//!
//! Sources: OCPP 1.6 section 4 ("Operations Initiated by Charge Point") and
//! section 5 ("Operations Initiated by Central System"); the 1.6 security
//! whitepaper's messages; OCPP 2.0.1 and 2.1 part 2, where each use case
//! says who sends its request. Each action of a version must be in exactly
//! one list: the generator stops on an action it can't place.

use crate::model::{ActionSpec, Module, Origin};
use crate::Error;

/// Who sends the requests of a version's actions.
pub struct Directions {
    pub charge_point_to_csms: &'static [&'static str],
    pub csms_to_charge_point: &'static [&'static str],
    pub both: &'static [&'static str],
}

pub const V16: Directions = Directions {
    charge_point_to_csms: &[
        "Authorize",
        "BootNotification",
        "DiagnosticsStatusNotification",
        "FirmwareStatusNotification",
        "Heartbeat",
        "MeterValues",
        "StartTransaction",
        "StatusNotification",
        "StopTransaction",
        // The security extension.
        "LogStatusNotification",
        "SecurityEventNotification",
        "SignCertificate",
        "SignedFirmwareStatusNotification",
    ],
    csms_to_charge_point: &[
        "CancelReservation",
        "ChangeAvailability",
        "ChangeConfiguration",
        "ClearCache",
        "ClearChargingProfile",
        "GetCompositeSchedule",
        "GetConfiguration",
        "GetDiagnostics",
        "GetLocalListVersion",
        "RemoteStartTransaction",
        "RemoteStopTransaction",
        "ReserveNow",
        "Reset",
        "SendLocalList",
        "SetChargingProfile",
        "TriggerMessage",
        "UnlockConnector",
        "UpdateFirmware",
        // The security extension.
        "CertificateSigned",
        "DeleteCertificate",
        "ExtendedTriggerMessage",
        "GetInstalledCertificateIds",
        "GetLog",
        "InstallCertificate",
        "SignedUpdateFirmware",
    ],
    both: &["DataTransfer"],
};

/// 2.0.1's actions; 2.1 has them too, going the same way.
const V2: Directions = Directions {
    charge_point_to_csms: &[
        "Authorize",
        "BootNotification",
        "ClearedChargingLimit",
        "FirmwareStatusNotification",
        "Get15118EVCertificate",
        "GetCertificateStatus",
        "Heartbeat",
        "LogStatusNotification",
        "MeterValues",
        "NotifyChargingLimit",
        "NotifyCustomerInformation",
        "NotifyDisplayMessages",
        "NotifyEVChargingNeeds",
        "NotifyEVChargingSchedule",
        "NotifyEvent",
        "NotifyMonitoringReport",
        "NotifyReport",
        "PublishFirmwareStatusNotification",
        "ReportChargingProfiles",
        "ReservationStatusUpdate",
        "SecurityEventNotification",
        "SignCertificate",
        "StatusNotification",
        "TransactionEvent",
    ],
    csms_to_charge_point: &[
        "CancelReservation",
        "CertificateSigned",
        "ChangeAvailability",
        "ClearCache",
        "ClearChargingProfile",
        "ClearDisplayMessage",
        "ClearVariableMonitoring",
        "CostUpdated",
        "CustomerInformation",
        "DeleteCertificate",
        "GetBaseReport",
        "GetChargingProfiles",
        "GetCompositeSchedule",
        "GetDisplayMessages",
        "GetInstalledCertificateIds",
        "GetLocalListVersion",
        "GetLog",
        "GetMonitoringReport",
        "GetReport",
        "GetTransactionStatus",
        "GetVariables",
        "InstallCertificate",
        "PublishFirmware",
        "RequestStartTransaction",
        "RequestStopTransaction",
        "ReserveNow",
        "Reset",
        "SendLocalList",
        "SetChargingProfile",
        "SetDisplayMessage",
        "SetMonitoringBase",
        "SetMonitoringLevel",
        "SetNetworkProfile",
        "SetVariableMonitoring",
        "SetVariables",
        "TriggerMessage",
        "UnlockConnector",
        "UnpublishFirmware",
        "UpdateFirmware",
    ],
    both: &["DataTransfer"],
};

/// The actions new in 2.1.
const V21_NEW: Directions = Directions {
    charge_point_to_csms: &[
        "BatterySwap",
        "ClosePeriodicEventStream",
        "GetCertificateChainStatus",
        "NotifyDERAlarm",
        "NotifyDERStartStop",
        "NotifyPeriodicEventStream",
        "NotifyPriorityCharging",
        "NotifySettlement",
        "OpenPeriodicEventStream",
        "PullDynamicScheduleUpdate",
        "ReportDERControl",
        "VatNumberValidation",
    ],
    csms_to_charge_point: &[
        "AFRRSignal",
        "AdjustPeriodicEventStream",
        "ChangeTransactionTariff",
        "ClearDERControl",
        "ClearTariffs",
        "GetDERControl",
        "GetPeriodicEventStream",
        "GetTariffs",
        "NotifyAllowedEnergyTransfer",
        "NotifyWebPaymentStarted",
        "RequestBatterySwap",
        "SetDERControl",
        "SetDefaultTariff",
        "UpdateDynamicSchedule",
        "UsePriorityCharging",
    ],
    both: &[],
};

/// The tables of the version `key`.
fn tables(key: &str) -> &'static [Directions] {
    match key {
        "v16" => &[V16],
        "v201" => &[V2],
        _ => &[V2, V21_NEW],
    }
}

/// The direction of `action` in the version `key`: the name of a
/// `Direction` variant.
fn direction(key: &str, action: &str) -> Result<&'static str, Error> {
    let mut found = Vec::new();
    for table in tables(key) {
        let lists = [
            ("ChargePointToCsms", table.charge_point_to_csms),
            ("CsmsToChargePoint", table.csms_to_charge_point),
            ("Both", table.both),
        ];
        for (direction, list) in lists {
            if list.contains(&action) {
                found.push(direction);
            }
        }
    }
    match found.as_slice() {
        [direction] => Ok(direction),
        [] => Err(Error::at(
            key,
            format!("no direction is known for the action `{action}`"),
        )),
        _ => Err(Error::at(
            key,
            format!("the action `{action}` has {} directions", found.len()),
        )),
    }
}

/// The actions of `module` (`key` `v16`, `v201` or `v21`), from its
/// messages, in the order of the module's messages: a request and a
/// response make an action, a message with no response (2.1's SEND) one
/// too. Checks that each listed action is one of the module's.
pub fn actions(module: &Module) -> Result<Vec<ActionSpec>, Error> {
    let mut actions: Vec<ActionSpec> = Vec::new();
    for (id, spec) in module.types.iter().enumerate() {
        let Origin::Message { name } = &spec.origin else {
            continue;
        };
        if let Some(action) = name.strip_suffix("Response") {
            match actions.iter_mut().find(|spec| spec.name == action) {
                Some(spec) => spec.response = Some(id),
                None => {
                    return Err(Error::at(
                        module.key,
                        format!("`{name}` answers no request"),
                    ))
                }
            }
            continue;
        }
        let action = name.strip_suffix("Request").unwrap_or(name);
        actions.push(ActionSpec {
            name: action.to_owned(),
            request: id,
            response: None,
            direction: direction(module.key, action)?,
        });
    }
    for table in tables(module.key) {
        let listed = [
            table.charge_point_to_csms,
            table.csms_to_charge_point,
            table.both,
        ];
        for &action in listed.iter().copied().flatten() {
            if !actions.iter().any(|spec| spec.name == action) {
                return Err(Error::at(
                    module.key,
                    format!("the action `{action}` has a direction but no message"),
                ));
            }
        }
    }
    Ok(actions)
}
