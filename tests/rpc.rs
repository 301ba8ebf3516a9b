//! OCPP-J as `ocpp_types::rpc` reads and writes it, rule by rule, with real
//! messages of OCPP 1.6, 2.0.1 and 2.1: the frames as types, the actions of
//! each version, the pending calls that type a CALLRESULT, every line of the
//! error-code table of the module docs (the code, where the mistake is, and
//! the exact CALLERROR that answers it, read back by the side that sent the
//! frame), lenient reading, and hostile input.
//!
//! `OCPP_RPC_CASES=N` runs the property tests with N cases each (256 by
//! default).

use std::collections::{BTreeSet, HashSet};
use std::marker::PhantomData;
use std::path::{Path, PathBuf};

use ocpp_types::rpc::{
    Action, Call, CallError, Direction, Endpoint, ErrorCode, Frame, FrameError, MessageId,
    MessageType, Messages, Mismatch, Pending, Responses, Role, Side, Unconfirmed, Version,
    DESCRIPTION_LIMIT,
};
use ocpp_types::{v16, v201, v21, ErrorKind, OcppType, Policy};
use proptest::prelude::*;
use proptest::sample::{select, Index};
use proptest::test_runner::Config as ProptestConfig;
use serde_json::{json, Value};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

// ---------------------------------------------------------------------------
// Helpers.

/// `text` read as a `T`, as a program builds a request from its JSON.
#[track_caller]
fn value<T: OcppType>(text: &str) -> T {
    ocpp_types::from_str(text).unwrap_or_else(|error| panic!("{text}: {error}"))
}

/// `text` as JSON.
#[track_caller]
fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|error| panic!("{text}: {error}"))
}

/// Whether `text` is one line that a terminal or a log shows as it is: no
/// line break of any kind (`\n`, `\r`, U+0085, U+2028, U+2029) and no other
/// control character.
fn is_one_line(text: &str) -> bool {
    !text
        .chars()
        .any(|c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}'))
}

/// The code `M`'s version answers a broken frame with.
fn frame_code<M: Messages>() -> ErrorCode {
    match M::VERSION {
        Version::V16 => ErrorCode::ProtocolError,
        _ => ErrorCode::RpcFrameworkError,
    }
}

/// `code` as `M`'s version spells it.
fn spelled<M: Messages>(code: ErrorCode) -> &'static str {
    code.as_str(M::VERSION).expect("a code of the version")
}

/// A frame refused by the side that read it.
struct Refused<M> {
    error: FrameError,
    frame: String,
    /// The side that read it (`None`: an observer).
    reader: Side,
    messages: PhantomData<fn() -> M>,
}

/// Reads `frame` with `reader`, which must refuse it with `code` and point
/// at `pointer` (a JSON Pointer into the frame).
#[track_caller]
fn refused<M: Messages>(
    reader: &mut Endpoint<M>,
    frame: &str,
    code: ErrorCode,
    pointer: &str,
) -> Refused<M> {
    let error = match reader.read(frame) {
        Ok(read) => panic!("{frame} was read: {read:?}"),
        Err(error) => error,
    };
    assert_eq!(
        (error.code(), error.pointer()),
        (code, pointer),
        "{frame}: {error}"
    );
    assert_eq!(error.version(), M::VERSION);
    assert!(is_one_line(error.message()), "{:?}", error.message());
    assert_eq!(error.to_string(), error.message());
    Refused {
        error,
        frame: frame.to_owned(),
        reader: reader.side(),
        messages: PhantomData,
    }
}

/// [`refused`] by a CSMS.
#[track_caller]
fn to_csms<M: Messages>(frame: &str, code: ErrorCode, pointer: &str) -> Refused<M> {
    refused(&mut Endpoint::<M>::csms(), frame, code, pointer)
}

/// [`refused`] by a charge point.
#[track_caller]
fn to_charge_point<M: Messages>(frame: &str, code: ErrorCode, pointer: &str) -> Refused<M> {
    refused(&mut Endpoint::<M>::charge_point(), frame, code, pointer)
}

impl<M: Messages> Refused<M> {
    /// Nothing may answer the frame.
    #[track_caller]
    fn unanswered(&self) -> &Self {
        assert_eq!(self.error.answer(), None, "{}", self.frame);
        self
    }

    /// The frame is answered with `expected`, exactly: one line, a
    /// description of at most [`DESCRIPTION_LIMIT`] characters, and read
    /// back by the side that sent the frame as the CALLERROR (or, for a
    /// CALLRESULT, the CALLRESULTERROR) of its message (`"-1"` when the id
    /// could not be read), with the code, and the pointer (and the missing
    /// properties) as details.
    #[track_caller]
    fn answered(&self, expected: &str) -> CallError {
        let error = &self.error;
        let answer = error
            .answer()
            .unwrap_or_else(|| panic!("no answer to {}: {error:?}", self.frame));
        assert_eq!(answer, expected, "the answer to {}", self.frame);
        assert!(is_one_line(&answer), "{answer:?}");

        let array = json(&answer);
        let description = array[3].as_str().expect("a description");
        assert!(description.chars().count() <= DESCRIPTION_LIMIT);
        if error.message().chars().count() <= DESCRIPTION_LIMIT {
            assert_eq!(description, error.message());
        } else {
            let kept = description.strip_suffix('…').expect("a cut description");
            assert!(error.message().starts_with(kept));
        }

        // The side that sent the frame; it made the call a CALLERROR answers.
        let mut sender = match self.reader {
            Side::Csms => Endpoint::<M>::charge_point(),
            Side::ChargePoint => Endpoint::<M>::csms(),
            Side::Observer => Endpoint::<M>::observer(),
        };
        let id = error.message_id().map_or("-1", MessageId::as_str);
        let action = match error.message_type() {
            Some(MessageType::Call) => error.action(),
            _ => None,
        };
        if let Some(action) = action {
            sender.pending().insert(MessageId::new(id).unwrap(), action);
        }
        let (kind, back) = match sender.read(&answer) {
            Ok(Frame::CallError(back)) => (MessageType::CallError, back),
            Ok(Frame::CallResultError(back)) => (MessageType::CallResultError, back),
            other => panic!("{answer} was read as {other:?}"),
        };
        let expected_kind = match error.message_type() {
            Some(MessageType::CallResult) => MessageType::CallResultError,
            _ => MessageType::CallError,
        };
        assert_eq!(kind, expected_kind, "{answer}");
        assert_eq!(back.message_id, id);
        assert_eq!(back.code, error.code());
        assert_eq!(back.action, action);
        assert_eq!(back.description, description);
        assert_eq!(back.details.get("pointer"), Some(&json!(error.pointer())));
        let missing = error
            .payload_error()
            .map_or(&[][..], |e| e.missing_fields());
        match back.details.get("missing") {
            None => assert!(missing.is_empty(), "{answer} names no missing property"),
            Some(listed) => {
                assert!(!missing.is_empty());
                assert_eq!(listed, &json!(missing));
            }
        }
        back
    }
}

// ---------------------------------------------------------------------------
// Real sessions: what a CSMS and a charge point said to each other, frame by
// frame, written as the crate writes them (compact, properties in the
// schema's order), so that a frame read and written again is the same text.

const SESSION_V16: &[&str] = &[
    r#"[2,"19223201","BootNotification",{"chargePointVendor":"ABB","chargePointModel":"Terra AC W22-T-R-0","chargePointSerialNumber":"TACW2244321G1234","chargeBoxSerialNumber":"TACW2244321G1234","firmwareVersion":"1.6.9","iccid":"89490200001234567890","imsi":"262011234567890","meterType":"ABB B23 312-100","meterSerialNumber":"7412345"}]"#,
    r#"[3,"19223201",{"status":"Accepted","currentTime":"2024-05-14T07:58:12.417Z","interval":300}]"#,
    r#"[2,"19223202","StatusNotification",{"connectorId":1,"errorCode":"NoError","status":"Preparing","timestamp":"2024-05-14T08:01:55Z"}]"#,
    r#"[3,"19223202",{}]"#,
    r#"[2,"19223203","Authorize",{"idTag":"04A2B3C4D5E680"}]"#,
    r#"[3,"19223203",{"idTagInfo":{"expiryDate":"2024-06-14T00:00:00Z","parentIdTag":"FLEET-0042","status":"Accepted"}}]"#,
    r#"[2,"19223204","StartTransaction",{"connectorId":1,"idTag":"04A2B3C4D5E680","meterStart":1523400,"timestamp":"2024-05-14T08:02:41Z"}]"#,
    r#"[3,"19223204",{"idTagInfo":{"status":"Accepted"},"transactionId":1842}]"#,
    r#"[2,"a3c1e0d2-0001","SetChargingProfile",{"connectorId":1,"csChargingProfiles":{"chargingProfileId":1842,"transactionId":1842,"stackLevel":1,"chargingProfilePurpose":"TxProfile","chargingProfileKind":"Relative","chargingSchedule":{"duration":3600,"chargingRateUnit":"W","chargingSchedulePeriod":[{"startPeriod":0,"limit":11000.0},{"startPeriod":900,"limit":7400.5},{"startPeriod":1800,"limit":4140.3},{"startPeriod":2700,"limit":1380.1,"numberPhases":1}],"minChargingRate":1380.0}}}]"#,
    r#"[3,"a3c1e0d2-0001",{"status":"Accepted"}]"#,
    r#"[2,"19223205","MeterValues",{"connectorId":1,"transactionId":1842,"meterValue":[{"timestamp":"2024-05-14T08:30:00Z","sampledValue":[{"value":"1527912","context":"Sample.Periodic","measurand":"Energy.Active.Import.Register","location":"Outlet","unit":"Wh"},{"value":"15.98","context":"Sample.Periodic","measurand":"Current.Import","phase":"L1","location":"Outlet","unit":"A"},{"value":"47","context":"Sample.Periodic","measurand":"SoC","location":"EV","unit":"Percent"}]}]}]"#,
    r#"[3,"19223205",{}]"#,
    r#"[2,"a3c1e0d2-0002","GetConfiguration",{"key":["HeartbeatInterval","MeterValueSampleInterval"]}]"#,
    r#"[3,"a3c1e0d2-0002",{"configurationKey":[{"key":"HeartbeatInterval","readonly":false,"value":"300"},{"key":"MeterValueSampleInterval","readonly":false,"value":"60"}]}]"#,
    r#"[2,"a3c1e0d2-0003","RemoteStopTransaction",{"transactionId":1842}]"#,
    r#"[4,"a3c1e0d2-0003","InternalError","Transaction 1842 is already stopping",{}]"#,
    r#"[2,"19223206","StopTransaction",{"idTag":"04A2B3C4D5E680","meterStop":1538630,"timestamp":"2024-05-14T09:47:03Z","transactionId":1842,"reason":"Local"}]"#,
    r#"[3,"19223206",{"idTagInfo":{"status":"Accepted"}}]"#,
    r#"[2,"19223207","DataTransfer",{"vendorId":"com.abb","messageId":"ChargingSessionSummary","data":"{\"energy\":15.23,\"duration\":6262}"}]"#,
    r#"[3,"19223207",{"status":"Accepted"}]"#,
    r#"[2,"19223208","Heartbeat",{}]"#,
    r#"[3,"19223208",{"currentTime":"2024-05-14T09:50:00Z"}]"#,
];

const SESSION_V201: &[&str] = &[
    r#"[2,"d0b7a8e2-4c1f-4b6e-9a0d-5e3f2c1b0a01","BootNotification",{"chargingStation":{"serialNumber":"EVB-P22099854","model":"Wallbox Pulsar Plus","modem":{"iccid":"89314404000123456789","imsi":"204043123456789"},"vendorName":"Wall Box Chargers S.L.","firmwareVersion":"6.3.22"},"reason":"PowerUp"}]"#,
    r#"[3,"d0b7a8e2-4c1f-4b6e-9a0d-5e3f2c1b0a01",{"currentTime":"2024-05-14T07:58:12Z","interval":300,"status":"Accepted"}]"#,
    r#"[2,"d0b7a8e2-4c1f-4b6e-9a0d-5e3f2c1b0a02","StatusNotification",{"timestamp":"2024-05-14T08:01:55Z","connectorStatus":"Occupied","evseId":1,"connectorId":1}]"#,
    r#"[3,"d0b7a8e2-4c1f-4b6e-9a0d-5e3f2c1b0a02",{}]"#,
    r#"[2,"d0b7a8e2-4c1f-4b6e-9a0d-5e3f2c1b0a03","Authorize",{"idToken":{"idToken":"04A2B3C4D5E680","type":"ISO14443"}}]"#,
    r#"[3,"d0b7a8e2-4c1f-4b6e-9a0d-5e3f2c1b0a03",{"idTokenInfo":{"status":"Accepted","cacheExpiryDateTime":"2024-05-15T08:00:00Z","language1":"de","evseId":[1,2],"personalMessage":{"format":"UTF8","language":"de","content":"Willkommen zurück, Ladevorgang freigegeben"}}}]"#,
    r#"[2,"d0b7a8e2-4c1f-4b6e-9a0d-5e3f2c1b0a04","TransactionEvent",{"eventType":"Updated","meterValue":[{"sampledValue":[{"value":1527912.0,"context":"Sample.Periodic","measurand":"Energy.Active.Import.Register","location":"Outlet","unitOfMeasure":{"unit":"Wh"}},{"value":11.04,"context":"Sample.Periodic","measurand":"Power.Active.Import","location":"Outlet","unitOfMeasure":{"unit":"W","multiplier":3}},{"value":15.98,"context":"Sample.Periodic","measurand":"Current.Import","phase":"L1","unitOfMeasure":{"unit":"A"}}],"timestamp":"2024-05-14T08:30:00Z"}],"timestamp":"2024-05-14T08:30:00Z","triggerReason":"MeterValuePeriodic","seqNo":14,"numberOfPhasesUsed":3,"transactionInfo":{"transactionId":"3f5e7a0c-9d1b-4e8a-a4c2-6b1f0e2d9c17","chargingState":"Charging","timeSpentCharging":1639}}]"#,
    r#"[3,"d0b7a8e2-4c1f-4b6e-9a0d-5e3f2c1b0a04",{}]"#,
    r#"[2,"7c2e9f10-0001","GetVariables",{"getVariableData":[{"component":{"name":"OCPPCommCtrlr"},"variable":{"name":"HeartbeatInterval"}}]}]"#,
    r#"[3,"7c2e9f10-0001",{"getVariableResult":[{"attributeStatus":"Accepted","attributeType":"Actual","attributeValue":"300","component":{"name":"OCPPCommCtrlr"},"variable":{"name":"HeartbeatInterval"}}]}]"#,
    r#"[2,"7c2e9f10-0002","SetChargingProfile",{"evseId":0,"chargingProfile":{"id":100,"stackLevel":0,"chargingProfilePurpose":"TxDefaultProfile","chargingProfileKind":"Recurring","recurrencyKind":"Daily","validFrom":"2024-05-01T00:00:00Z","chargingSchedule":[{"id":1,"startSchedule":"2024-05-01T00:00:00Z","duration":86400,"chargingRateUnit":"A","chargingSchedulePeriod":[{"startPeriod":0,"limit":32.0,"numberPhases":3},{"startPeriod":25200,"limit":13.85,"numberPhases":3},{"startPeriod":64800,"limit":6.0,"numberPhases":1,"phaseToUse":1}],"minChargingRate":6.0}]}}]"#,
    r#"[3,"7c2e9f10-0002",{"status":"Accepted"}]"#,
    r#"[2,"7c2e9f10-0003","Reset",{"type":"OnIdle"}]"#,
    r#"[4,"7c2e9f10-0003","NotSupported","OnIdle reset is not supported by this firmware",{}]"#,
    r#"[2,"d0b7a8e2-4c1f-4b6e-9a0d-5e3f2c1b0a05","Heartbeat",{}]"#,
    r#"[3,"d0b7a8e2-4c1f-4b6e-9a0d-5e3f2c1b0a05",{"currentTime":"2024-05-14T09:50:00Z"}]"#,
];

const SESSION_V21: &[&str] = &[
    r#"[2,"b1a0c9d8-0001","BootNotification",{"chargingStation":{"serialNumber":"ALF-2410-00731","model":"Eve Double Pro-line","vendorName":"Alfen BV","firmwareVersion":"7.1.0-5211"},"reason":"FirmwareUpdate","customData":{"vendorId":"com.alfen"}}]"#,
    r#"[3,"b1a0c9d8-0001",{"currentTime":"2025-03-03T16:55:00Z","interval":300,"status":"Accepted"}]"#,
    r#"[2,"b1a0c9d8-0002","StatusNotification",{"timestamp":"2025-03-03T16:55:00+01:00","connectorStatus":"Available","evseId":1,"connectorId":2}]"#,
    r#"[3,"b1a0c9d8-0002",{}]"#,
    r#"[2,"5e6f7a8b-0001","RequestStartTransaction",{"evseId":1,"idToken":{"idToken":"04A2B3C4D5E680","type":"ISO14443"},"remoteStartId":1234}]"#,
    r#"[3,"5e6f7a8b-0001",{"status":"Accepted"}]"#,
    r#"[2,"b1a0c9d8-0003","TransactionEvent",{"eventType":"Updated","meterValue":[{"sampledValue":[{"value":18.734,"measurand":"Energy.Active.Import.Register","context":"Sample.Periodic","unitOfMeasure":{"unit":"kWh"}},{"value":62.0,"measurand":"SoC","context":"Sample.Periodic","location":"EV","unitOfMeasure":{"unit":"Percent"}},{"value":-7.2,"measurand":"Power.Active.Setpoint","context":"Sample.Periodic","unitOfMeasure":{"unit":"W","multiplier":3}}],"timestamp":"2025-03-03T17:20:00Z"}],"timestamp":"2025-03-03T17:20:00Z","triggerReason":"LimitSet","seqNo":6,"numberOfPhasesUsed":3,"preconditioningStatus":"Ready","evseSleep":false,"transactionInfo":{"transactionId":"b8d1c6c2-3e0f-4f53-9a27-1f1d3a7e5c40","chargingState":"Charging","operationMode":"CentralSetpoint","tariffId":"TARIFF-DC-2025-03","transactionLimit":{"maxEnergy":40000.0,"maxSoC":80}},"evse":{"id":1,"connectorId":1}}]"#,
    r#"[3,"b1a0c9d8-0003",{}]"#,
    r#"[6,"b1a0c9d8-0004","NotifyPeriodicEventStream",{"data":[{"t":0.0,"v":"230.1"},{"t":0.5,"v":"229.8"},{"t":1.0,"v":"231.2"},{"t":1.5,"v":"230.7"}],"id":3,"pending":0,"basetime":"2025-03-03T17:20:00Z"}]"#,
    r#"[2,"5e6f7a8b-0002","GetVariables",{"getVariableData":[{"component":{"name":"TxCtrlr"},"variable":{"name":"TxStopPoint"}}]}]"#,
    r#"[3,"5e6f7a8b-0002",{"getVariableResult":[{"attributeStatus":"Accepted","attributeType":"Actual","attributeValue":"EVConnected,Authorized","component":{"name":"TxCtrlr"},"variable":{"name":"TxStopPoint"}}]}]"#,
    r#"[2,"5e6f7a8b-0003","ClearCache",{}]"#,
    r#"[4,"5e6f7a8b-0003","NotSupported","No authorization cache on this station",{"vendorId":"com.alfen"}]"#,
    r#"[2,"b1a0c9d8-0005","Heartbeat",{}]"#,
    r#"[3,"b1a0c9d8-0005",{"currentTime":"2025-03-03T17:21:00Z"}]"#,
    r#"[5,"b1a0c9d8-0005","FormatViolation","HeartbeatResponse: unknown field `time`",{"pointer":"/2"}]"#,
];

// ---------------------------------------------------------------------------
// Frames as types.

#[test]
fn a_call_is_read_as_the_request_of_its_action_and_written_back_as_it_came() {
    // 1.6: an ABB Terra AC boots.
    let text = SESSION_V16[0];
    let frame = Endpoint::<v16::Request>::csms().read(text).unwrap();
    assert_eq!(frame.message_type(), MessageType::Call);
    assert_eq!(frame.message_id(), "19223201");
    assert_eq!(frame.action(), Some("BootNotification"));
    let Frame::Call(call) = &frame else {
        panic!("{frame:?}")
    };
    assert_eq!(call.action(), "BootNotification");
    let v16::Request::BootNotification(boot) = &call.payload else {
        panic!("{call:?}")
    };
    assert_eq!(boot.charge_point_vendor, "ABB");
    assert_eq!(boot.charge_point_model, "Terra AC W22-T-R-0");
    assert_eq!(boot.firmware_version.as_deref(), Some("1.6.9"));
    assert_eq!(frame.to_json().unwrap(), text);
    assert_eq!(call.to_json().unwrap(), text);

    // 2.0.1: a Wallbox sends its meter values in a transaction.
    let text = SESSION_V201[6];
    let frame = Endpoint::<v201::Request>::csms().read(text).unwrap();
    assert_eq!(frame.action(), Some("TransactionEvent"));
    let Frame::Call(Call {
        message_id,
        payload: v201::Request::TransactionEvent(event),
    }) = &frame
    else {
        panic!("{frame:?}")
    };
    assert_eq!(message_id, "d0b7a8e2-4c1f-4b6e-9a0d-5e3f2c1b0a04");
    assert_eq!(event.seq_no, 14);
    assert_eq!(
        event.meter_value.as_ref().unwrap()[0].sampled_value.len(),
        3
    );
    assert_eq!(frame.to_json().unwrap(), text);

    // 2.1: an Alfen reports a limit set by a central setpoint.
    let text = SESSION_V21[6];
    let frame = Endpoint::<v21::Request>::csms().read(text).unwrap();
    let Frame::Call(Call {
        payload: v21::Request::TransactionEvent(event),
        ..
    }) = &frame
    else {
        panic!("{frame:?}")
    };
    assert_eq!(event.seq_no, 6);
    assert_eq!(event.evse_sleep, Some(false));
    assert_eq!(frame.to_json().unwrap(), text);

    // The CSMS's requests reach the charge point the same way.
    let text = SESSION_V201[10];
    let frame = Endpoint::<v201::Request>::charge_point()
        .read(text)
        .unwrap();
    assert!(matches!(
        &frame,
        Frame::Call(Call {
            payload: v201::Request::SetChargingProfile(_),
            ..
        })
    ));
    assert_eq!(frame.to_json().unwrap(), text);
}

#[test]
fn a_callresult_is_read_as_the_response_of_the_pending_call() {
    // 1.6: the charge point calls, the CSMS answers.
    let mut charge_point = Endpoint::<v16::Request>::charge_point();
    let boot: v16::BootNotificationRequest =
        value(r#"{"chargePointVendor":"ABB","chargePointModel":"Terra AC W22-T-R-0"}"#);
    let call = charge_point.call(boot).unwrap();
    assert_eq!(
        call,
        r#"[2,"1","BootNotification",{"chargePointVendor":"ABB","chargePointModel":"Terra AC W22-T-R-0"}]"#
    );
    assert_eq!(charge_point.pending().len(), 1);
    let text =
        r#"[3,"1",{"status":"Accepted","currentTime":"2024-05-14T07:58:12.417Z","interval":300}]"#;
    let frame = charge_point.read(text).unwrap();
    assert_eq!(frame.message_type(), MessageType::CallResult);
    assert_eq!(frame.action(), Some("BootNotification"));
    let Frame::CallResult(result) = &frame else {
        panic!("{frame:?}")
    };
    assert_eq!(result.payload.action(), "BootNotification");
    let v16::Response::BootNotification(response) = &result.payload else {
        panic!("{result:?}")
    };
    assert_eq!(
        response.status,
        v16::BootNotificationResponseStatus::Accepted
    );
    assert_eq!(response.interval, 300);
    assert_eq!(frame.to_json().unwrap(), text);
    assert_eq!(result.to_json().unwrap(), text);
    assert!(
        charge_point.pending().is_empty(),
        "answered, no longer pending"
    );

    // 2.0.1: an Authorize, answered with a personal message.
    let mut charge_point = Endpoint::<v201::Request>::charge_point();
    let authorize: v201::AuthorizeRequest =
        value(r#"{"idToken":{"idToken":"04A2B3C4D5E680","type":"ISO14443"}}"#);
    assert_eq!(
        charge_point.call(authorize).unwrap(),
        r#"[2,"1","Authorize",{"idToken":{"idToken":"04A2B3C4D5E680","type":"ISO14443"}}]"#
    );
    let text = r#"[3,"1",{"idTokenInfo":{"status":"Accepted","cacheExpiryDateTime":"2024-05-15T08:00:00Z","language1":"de","evseId":[1,2],"personalMessage":{"format":"UTF8","language":"de","content":"Willkommen zurück, Ladevorgang freigegeben"}}}]"#;
    let frame = charge_point.read(text).unwrap();
    let Frame::CallResult(result) = &frame else {
        panic!("{frame:?}")
    };
    let v201::Response::Authorize(response) = &result.payload else {
        panic!("{result:?}")
    };
    assert_eq!(response.id_token_info.evse_id.as_deref(), Some(&[1, 2][..]));
    assert_eq!(frame.to_json().unwrap(), text);

    // 2.1: the CSMS calls, the charge point answers.
    let mut csms = Endpoint::<v21::Request>::csms();
    let start: v21::RequestStartTransactionRequest = value(
        r#"{"evseId":1,"idToken":{"idToken":"04A2B3C4D5E680","type":"ISO14443"},"remoteStartId":1234}"#,
    );
    assert_eq!(
        csms.call(start).unwrap(),
        r#"[2,"1","RequestStartTransaction",{"evseId":1,"idToken":{"idToken":"04A2B3C4D5E680","type":"ISO14443"},"remoteStartId":1234}]"#
    );
    let text =
        r#"[3,"1",{"status":"Accepted","transactionId":"b8d1c6c2-3e0f-4f53-9a27-1f1d3a7e5c40"}]"#;
    let frame = csms.read(text).unwrap();
    let Frame::CallResult(result) = &frame else {
        panic!("{frame:?}")
    };
    let v21::Response::RequestStartTransaction(response) = &result.payload else {
        panic!("{result:?}")
    };
    assert_eq!(
        response.transaction_id.as_deref(),
        Some("b8d1c6c2-3e0f-4f53-9a27-1f1d3a7e5c40")
    );
    assert_eq!(frame.to_json().unwrap(), text);
}

#[test]
fn a_callerror_answers_the_pending_call_and_carries_its_action() {
    // 1.6: the CSMS asks for a remote start; the charge point can't.
    let mut csms = Endpoint::<v16::Request>::csms();
    let start: v16::RemoteStartTransactionRequest =
        value(r#"{"connectorId":1,"idTag":"04A2B3C4D5E680"}"#);
    csms.call(start).unwrap();
    let text = r#"[4,"1","InternalError","RFID reader offline, remote start refused",{}]"#;
    let frame = csms.read(text).unwrap();
    assert_eq!(frame.message_type(), MessageType::CallError);
    assert_eq!(frame.action(), Some("RemoteStartTransaction"));
    let Frame::CallError(error) = &frame else {
        panic!("{frame:?}")
    };
    assert_eq!(error.message_id, "1");
    assert_eq!(error.code, ErrorCode::InternalError);
    assert_eq!(
        error.description,
        "RFID reader offline, remote start refused"
    );
    assert!(error.details.is_empty());
    assert_eq!(error.action, Some("RemoteStartTransaction"));
    assert_eq!(frame.to_json().unwrap(), text);
    assert_eq!(error.to_json().unwrap(), text);
    assert!(csms.pending().is_empty(), "answered, no longer pending");
    // A CALLERROR to no call of this side: no action.
    let frame = csms.read(text).unwrap();
    assert_eq!(frame.action(), None);

    // 2.0.1: a StatusNotification before the boot was accepted.
    let mut charge_point = Endpoint::<v201::Request>::charge_point();
    let status: v201::StatusNotificationRequest = value(
        r#"{"timestamp":"2024-05-14T08:01:55Z","connectorStatus":"Occupied","evseId":1,"connectorId":1}"#,
    );
    charge_point.call(status).unwrap();
    let text =
        r#"[4,"1","SecurityError","StatusNotification before an accepted BootNotification",{}]"#;
    let frame = charge_point.read(text).unwrap();
    let Frame::CallError(error) = &frame else {
        panic!("{frame:?}")
    };
    assert_eq!(error.code, ErrorCode::SecurityError);
    assert_eq!(error.action, Some("StatusNotification"));
    assert_eq!(frame.to_json().unwrap(), text);

    // 2.1: details are an object, kept as they came.
    let mut csms = Endpoint::<v21::Request>::csms();
    csms.call(v21::ClearCacheRequest::new()).unwrap();
    let text = r#"[4,"1","NotSupported","No authorization cache on this station",{"vendorId":"com.alfen"}]"#;
    let frame = csms.read(text).unwrap();
    let Frame::CallError(error) = &frame else {
        panic!("{frame:?}")
    };
    assert_eq!(error.action, Some("ClearCache"));
    assert_eq!(error.details["vendorId"], "com.alfen");
    assert_eq!(frame.to_json().unwrap(), text);
}

#[test]
fn a_callresulterror_answers_a_callresult_in_2_1() {
    // The CSMS could not take the charge point's GetVariables result.
    let text = r#"[5,"1","PropertyConstraintViolation","GetVariablesResponse.getVariableResult[0].attributeStatus: unknown GetVariableStatusEnumType value `Ok`",{"pointer":"/2/getVariableResult/0/attributeStatus"}]"#;
    let frame = Endpoint::<v21::Request>::charge_point().read(text).unwrap();
    assert_eq!(frame.message_type(), MessageType::CallResultError);
    assert_eq!(frame.action(), None);
    let Frame::CallResultError(error) = &frame else {
        panic!("{frame:?}")
    };
    assert_eq!(error.message_id, "1");
    assert_eq!(error.code, ErrorCode::PropertyConstraintViolation);
    assert_eq!(
        error.details["pointer"],
        "/2/getVariableResult/0/attributeStatus"
    );
    assert_eq!(frame.to_json().unwrap(), text);
    // A CallError is written as a CALLERROR unless it is a CallResultError.
    assert!(error.to_json().unwrap().starts_with("[4,"));
}

#[test]
fn a_send_carries_an_unconfirmed_message_that_nothing_answers_in_2_1() {
    let text = SESSION_V21[8];
    let mut csms = Endpoint::<v21::Request>::csms();
    let frame = csms.read(text).unwrap();
    assert_eq!(frame.message_type(), MessageType::Send);
    assert_eq!(frame.action(), Some("NotifyPeriodicEventStream"));
    let Frame::Send(send) = &frame else {
        panic!("{frame:?}")
    };
    let v21::Request::NotifyPeriodicEventStream(stream) = &send.payload else {
        panic!("{send:?}")
    };
    assert_eq!((stream.id, stream.pending), (3, 0));
    assert_eq!(stream.data.len(), 4);
    assert_eq!(stream.data[1].v, "229.8");
    assert_eq!(frame.to_json().unwrap(), text);

    // Written as a SEND from its parts.
    let again = v21::Frame::Send(Call::new(send.message_id.clone(), stream.clone()));
    assert_eq!(again.to_json().unwrap(), text);

    // No call waits for its answer, not even in an observer's log.
    let mut observer = Endpoint::<v21::Request>::observer();
    observer.read(text).unwrap();
    assert!(observer.pending().is_empty());
    assert!(matches!(
        observer.read(r#"[3,"b1a0c9d8-0004",{}]"#),
        Ok(Frame::UnexpectedResult(_))
    ));
}

#[test]
fn an_endpoint_writes_an_unconfirmed_message_as_a_send() {
    let mut charge_point = Endpoint::<v21::Request>::charge_point();
    let stream: v21::NotifyPeriodicEventStream = value(
        r#"{"data":[{"t":0.0,"v":"230.1"}],"id":3,"pending":0,"basetime":"2025-03-03T17:20:00Z"}"#,
    );
    let text = charge_point.call(stream).unwrap();
    assert_eq!(
        text,
        r#"[6,"1","NotifyPeriodicEventStream",{"data":[{"t":0.0,"v":"230.1"}],"id":3,"pending":0,"basetime":"2025-03-03T17:20:00Z"}]"#
    );
    assert!(charge_point.pending().is_empty());
    let read = Endpoint::<v21::Request>::csms().read(&text);
    assert!(matches!(read, Ok(Frame::Send(_))), "{read:?}");
}

/// Each frame of `log`, read by an observer, is written back as the same
/// text; the texts written, read by another observer, are the same frames.
fn round_trip<M: Messages>(log: &[&str]) {
    let mut first = Endpoint::<M>::observer();
    let mut second = Endpoint::<M>::observer();
    for text in log {
        let frame = first
            .read(text)
            .unwrap_or_else(|error| panic!("{text}: {error}"));
        assert!(
            !matches!(frame, Frame::UnexpectedResult(_)),
            "{text}: the observer saw its call"
        );
        let written = frame.to_json().unwrap();
        assert_eq!(&written, text);
        assert_eq!(second.read(&written).unwrap(), frame);
    }
}

#[test]
fn frames_round_trip_read_write_read() {
    round_trip::<v16::Request>(SESSION_V16);
    round_trip::<v201::Request>(SESSION_V201);
    round_trip::<v21::Request>(SESSION_V21);
}

/// A UUID, the message id most implementations use: 36 characters.
const UUID: &str = "3f5e7a0c-9d1b-4e8a-a4c2-6b1f0e2d9c17";

fn message_id_rule<M: Messages>() {
    let mut csms = Endpoint::<M>::csms();
    let text = format!(r#"[2,"{UUID}","Heartbeat",{{}}]"#);
    let frame = csms.read(&text).unwrap();
    assert_eq!(frame.message_id(), UUID);
    assert_eq!(frame.to_json().unwrap(), text);
    // Characters, not bytes: 36 of them in 72 bytes.
    let accents = "é".repeat(36);
    let frame = csms
        .read(&format!(r#"[2,"{accents}","Heartbeat",{{}}]"#))
        .unwrap();
    assert_eq!(frame.message_id(), accents.as_str());

    // One more is refused as a broken frame, whose id can't be answered.
    let long = format!("{UUID}0");
    let refusal = refused(
        &mut csms,
        &format!(r#"[2,"{long}","Heartbeat",{{}}]"#),
        frame_code::<M>(),
        "/1",
    );
    assert_eq!(refusal.error.message_id(), None);
    let message = "frame: a message id has at most 36 characters, this one has 37";
    assert_eq!(refusal.error.message(), message);
    match M::VERSION {
        Version::V16 => {
            refusal.unanswered();
        }
        _ => {
            refusal.answered(&format!(
                r#"[4,"-1","RpcFrameworkError","{message}",{{"pointer":"/1"}}]"#
            ));
        }
    }
}

#[test]
fn a_message_id_has_at_most_36_characters() {
    assert_eq!(MessageId::MAX_CHARS, 36);
    assert_eq!(MessageId::new(UUID).unwrap(), UUID);
    assert_eq!(
        MessageId::new(format!("{UUID}0")).unwrap_err().to_string(),
        "a message id has at most 36 characters, this one has 37"
    );
    message_id_rule::<v16::Request>();
    message_id_rule::<v201::Request>();
    message_id_rule::<v21::Request>();
}

// ---------------------------------------------------------------------------
// Actions.

#[test]
fn a_request_knows_its_action_its_direction_and_its_response() {
    /// `A`'s action name and direction; that its response is `R` is checked
    /// by the compiler.
    fn action<A: Action<Response = R>, R>(name: &str, direction: Direction) {
        assert_eq!((A::ACTION, A::DIRECTION), (name, direction), "{}", A::NAME);
    }
    use Direction::{ChargePointToCsms as ToCsms, CsmsToChargePoint as ToChargePoint};

    action::<v16::BootNotificationRequest, v16::BootNotificationResponse>(
        "BootNotification",
        ToCsms,
    );
    action::<v16::RemoteStartTransactionRequest, v16::RemoteStartTransactionResponse>(
        "RemoteStartTransaction",
        ToChargePoint,
    );
    action::<v16::DataTransferRequest, v16::DataTransferResponse>("DataTransfer", Direction::Both);
    action::<v16::SignCertificateRequest, v16::SignCertificateResponse>("SignCertificate", ToCsms);
    action::<v16::ExtendedTriggerMessageRequest, v16::ExtendedTriggerMessageResponse>(
        "ExtendedTriggerMessage",
        ToChargePoint,
    );
    // The action is not the type's name.
    assert_eq!(
        <v16::BootNotificationRequest as OcppType>::NAME,
        "BootNotificationRequest"
    );

    action::<v201::TransactionEventRequest, v201::TransactionEventResponse>(
        "TransactionEvent",
        ToCsms,
    );
    action::<v201::GetVariablesRequest, v201::GetVariablesResponse>("GetVariables", ToChargePoint);
    action::<v201::Get15118EVCertificateRequest, v201::Get15118EVCertificateResponse>(
        "Get15118EVCertificate",
        ToCsms,
    );
    action::<v201::SetVariablesRequest, v201::SetVariablesResponse>("SetVariables", ToChargePoint);

    action::<v21::AFRRSignalRequest, v21::AFRRSignalResponse>("AFRRSignal", ToChargePoint);
    action::<v21::NotifyAllowedEnergyTransferRequest, v21::NotifyAllowedEnergyTransferResponse>(
        "NotifyAllowedEnergyTransfer",
        ToChargePoint,
    );
    action::<v21::PullDynamicScheduleUpdateRequest, v21::PullDynamicScheduleUpdateResponse>(
        "PullDynamicScheduleUpdate",
        ToCsms,
    );
    // 2.1's SEND message is unconfirmed: it has no response.
    assert_eq!(
        (
            <v21::NotifyPeriodicEventStream as Unconfirmed>::ACTION,
            <v21::NotifyPeriodicEventStream as Unconfirmed>::DIRECTION
        ),
        ("NotifyPeriodicEventStream", ToCsms)
    );

    // What the trait says is what the version's list says.
    fn listed<M: Messages, A: Action>() {
        let info = M::find_action(A::ACTION).expect("listed");
        assert_eq!((info.direction, info.unconfirmed), (A::DIRECTION, false));
    }
    listed::<v16::Request, v16::BootNotificationRequest>();
    listed::<v201::Request, v201::TransactionEventRequest>();
    listed::<v21::Request, v21::AFRRSignalRequest>();
    let send = v21::Request::find_action("NotifyPeriodicEventStream").unwrap();
    assert!(send.unconfirmed);
}

/// The file stems of the official schema files of `version`'s requests (and
/// 2.1's SEND message), by action name.
fn request_schema_actions(version: Version) -> BTreeSet<String> {
    let dirs: &[&str] = match version {
        Version::V16 => &["v16", "v16-security"],
        Version::V201 => &["v201"],
        _ => &["v21"],
    };
    let mut actions = BTreeSet::new();
    for dir in dirs {
        let dir = Path::new(ROOT).join("schemas/oca").join(dir);
        for entry in std::fs::read_dir(&dir).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            let Some(stem) = name.strip_suffix(".json") else {
                continue;
            };
            if stem.ends_with("Response") {
                continue;
            }
            let action = stem.strip_suffix("Request").unwrap_or(stem);
            assert!(actions.insert(action.to_owned()), "{name} twice");
        }
    }
    actions
}

fn action_names<M: Messages>() -> BTreeSet<String> {
    M::ACTIONS.iter().map(|a| a.name.to_owned()).collect()
}

#[test]
fn each_version_has_one_action_per_request_schema_file() {
    assert_eq!(v16::Request::ACTIONS.len(), 39);
    assert_eq!(v201::Request::ACTIONS.len(), 64);
    assert_eq!(v21::Request::ACTIONS.len(), 91);
    assert_eq!(request_schema_actions(Version::V16).len(), 39);
    assert_eq!(request_schema_actions(Version::V201).len(), 64);
    assert_eq!(request_schema_actions(Version::V21).len(), 91);
    assert_eq!(
        action_names::<v16::Request>(),
        request_schema_actions(Version::V16)
    );
    assert_eq!(
        action_names::<v201::Request>(),
        request_schema_actions(Version::V201)
    );
    assert_eq!(
        action_names::<v21::Request>(),
        request_schema_actions(Version::V21)
    );
    assert_eq!(v16::Request::VERSION, Version::V16);
    assert_eq!(v201::Request::VERSION, Version::V201);
    assert_eq!(v21::Request::VERSION, Version::V21);
    // Only 2.1 has an unconfirmed action, and only one.
    let unconfirmed = |actions: &[ocpp_types::rpc::ActionInfo]| -> Vec<&str> {
        actions
            .iter()
            .filter(|a| a.unconfirmed)
            .map(|a| a.name)
            .collect()
    };
    assert!(unconfirmed(v16::Request::ACTIONS).is_empty());
    assert!(unconfirmed(v201::Request::ACTIONS).is_empty());
    assert_eq!(
        unconfirmed(v21::Request::ACTIONS),
        ["NotifyPeriodicEventStream"]
    );
}

#[test]
fn every_action_has_a_name_of_its_own() {
    fn unique<M: Messages>() {
        let mut seen = HashSet::new();
        for action in M::ACTIONS {
            assert!(seen.insert(action.name), "{} twice", action.name);
            assert_eq!(M::find_action(action.name), Some(action));
        }
        // Names are matched exactly.
        assert_eq!(M::find_action("heartbeat"), None);
        assert_eq!(M::find_action("Heartbeat "), None);
        assert_eq!(M::find_action("HeartbeatRequest"), None);
    }
    unique::<v16::Request>();
    unique::<v201::Request>();
    unique::<v21::Request>();
}

fn data_transfer_rule<M: Messages>(request: &str) {
    let info = M::find_action("DataTransfer").unwrap();
    assert_eq!(info.direction, Direction::Both);
    assert!(info.direction.allows(Role::Csms) && info.direction.allows(Role::ChargePoint));
    let text = format!(r#"[2,"4711","DataTransfer",{request}]"#);
    for mut reader in [Endpoint::<M>::csms(), Endpoint::<M>::charge_point()] {
        let frame = reader.read(&text).unwrap();
        assert_eq!(frame.action(), Some("DataTransfer"));
        assert_eq!(frame.to_json().unwrap(), text);
    }
    // And both may send it.
    let Ok(Frame::Call(call)) = Endpoint::<M>::observer().read(&text) else {
        panic!()
    };
    for mut writer in [Endpoint::<M>::csms(), Endpoint::<M>::charge_point()] {
        assert_eq!(writer.send(&call).unwrap(), text);
        assert_eq!(writer.pending().len(), 1);
    }
}

#[test]
fn data_transfer_travels_both_ways() {
    data_transfer_rule::<v16::Request>(
        r#"{"vendorId":"com.abb","messageId":"ChargingSessionSummary","data":"{\"energy\":15.23}"}"#,
    );
    data_transfer_rule::<v201::Request>(
        r#"{"messageId":"SetTariffText","data":{"text":"0,39 EUR/kWh"},"vendorId":"com.wallbox"}"#,
    );
    data_transfer_rule::<v21::Request>(
        r#"{"messageId":"GridCode","data":"VDE-AR-N 4100","vendorId":"com.alfen"}"#,
    );
}

#[test]
fn a_side_may_not_send_an_action_of_the_other_side() {
    let reset: v16::ResetRequest = value(r#"{"type":"Hard"}"#);
    let mut charge_point = Endpoint::<v16::Request>::charge_point();
    let error = charge_point.call(reset.clone()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "`Reset` may not be sent by this side (ChargePoint)"
    );
    assert!(charge_point.pending().is_empty());
    // The CSMS may, and the observer writes what it is given.
    assert_eq!(
        Endpoint::<v16::Request>::csms()
            .call(reset.clone())
            .unwrap(),
        r#"[2,"1","Reset",{"type":"Hard"}]"#
    );
    assert!(Endpoint::<v16::Request>::observer().call(reset).is_ok());

    let boot: v201::BootNotificationRequest = value(
        r#"{"chargingStation":{"model":"Wallbox Pulsar Plus","vendorName":"Wall Box Chargers S.L."},"reason":"PowerUp"}"#,
    );
    assert!(Endpoint::<v201::Request>::csms().call(boot).is_err());
    let stream: v21::NotifyPeriodicEventStream = value(
        r#"{"data":[{"t":0.0,"v":"230.1"}],"id":3,"pending":0,"basetime":"2025-03-03T17:20:00Z"}"#,
    );
    assert!(Endpoint::<v21::Request>::csms().call(stream).is_err());
}

// Every action, through the `Request` and `Response` enums: a minimal
// document of each request and response, built from its official schema
// file, read as its type, turned into the enum with `From`, written in a
// CALL and answered with a CALLRESULT.

/// The official schema file named `stem` of `version`.
fn schema_file(version: Version, stem: &str) -> PathBuf {
    let dirs: &[&str] = match version {
        Version::V16 => &["v16", "v16-security"],
        Version::V201 => &["v201"],
        _ => &["v21"],
    };
    dirs.iter()
        .map(|dir| Path::new(ROOT).join(format!("schemas/oca/{dir}/{stem}.json")))
        .find(|path| path.is_file())
        .unwrap_or_else(|| panic!("no schema file {stem} of {version}"))
}

/// The smallest document `schema` accepts: the required properties only,
/// each the first enum value, a date-time, a URI, `1` within the bounds,
/// `true`, `"x"`, or one item (at least `minItems`).
fn minimal(schema: &Value, root: &Value) -> Value {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = reference.strip_prefix("#/definitions/").unwrap();
        return minimal(&root["definitions"][name], root);
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return values[0].clone();
    }
    let bounded = |number: f64| {
        let low = schema.get("minimum").and_then(Value::as_f64);
        let high = schema.get("maximum").and_then(Value::as_f64);
        let number = low.map_or(number, |low| number.max(low));
        high.map_or(number, |high| number.min(high))
    };
    match schema["type"].as_str() {
        Some("object") => {
            let mut object = serde_json::Map::new();
            for name in schema["required"].as_array().into_iter().flatten() {
                let name = name.as_str().unwrap();
                object.insert(name.to_owned(), minimal(&schema["properties"][name], root));
            }
            Value::Object(object)
        }
        Some("array") => {
            let at_least = schema.get("minItems").and_then(Value::as_u64).unwrap_or(1);
            let items = (0..at_least.max(1))
                .map(|_| minimal(&schema["items"], root))
                .collect();
            Value::Array(items)
        }
        Some("string") => match schema.get("format").and_then(Value::as_str) {
            Some("date-time") => json!("2024-05-14T08:00:00Z"),
            Some("uri") => json!("https://ocpp.example.com/files/1"),
            _ => json!("x"),
        },
        Some("integer") => json!(bounded(1.0) as i64),
        Some("number") => json!(bounded(1.0)),
        Some("boolean") => json!(true),
        other => panic!("type {other:?} in {schema}"),
    }
}

/// The minimal document of the schema file `stem` of `version`, as text.
fn minimal_document(version: Version, stem: &str) -> String {
    let root = json(&std::fs::read_to_string(schema_file(version, stem)).unwrap());
    minimal(&root, &root).to_string()
}

/// Checks a confirmed action: its request and its response, minimal
/// documents of their schema files, go into the version's enums with
/// `From` (`request_in` and `response_in` take them out of their variant),
/// and through a CALL and its CALLRESULT, read by `observer`.
fn through_the_enums<M, Q, P>(
    observer: &mut Endpoint<M>,
    request_in: fn(&M) -> Option<&Q>,
    response_in: fn(&M::Response) -> Option<&P>,
) -> &'static str
where
    M: Messages + From<Q>,
    M::Response: From<P>,
    Q: Action<Response = P> + Clone + PartialEq,
    P: OcppType + Clone + PartialEq,
{
    let version = M::VERSION;
    let action = Q::ACTION;
    let stem = match version {
        Version::V16 => action.to_owned(),
        _ => format!("{action}Request"),
    };
    let request: Q = value(&minimal_document(version, &stem));
    let response: P = value(&minimal_document(version, &format!("{action}Response")));

    let enumerated = M::from(request.clone());
    assert_eq!(enumerated.action(), action);
    assert!(request_in(&enumerated) == Some(&request), "{action}");
    assert_eq!(
        serde_json::to_string(&enumerated).unwrap(),
        serde_json::to_string(&request).unwrap(),
        "the enum writes its payload"
    );
    let answer = M::Response::from(response.clone());
    assert_eq!(answer.action(), action);
    assert!(response_in(&answer) == Some(&response), "{action}");

    let call = Call::<M>::new(MessageId::new(action).unwrap(), request);
    let text = call.to_json().unwrap();
    assert_eq!(
        observer.read(&text).unwrap(),
        Frame::Call(call.clone()),
        "{text}"
    );
    let result = call.reply(response).unwrap();
    let text = result.to_json().unwrap();
    assert_eq!(
        observer.read(&text).unwrap(),
        Frame::CallResult(result),
        "{text}"
    );
    action
}

/// Checks an unconfirmed action: its message, a minimal document of its
/// schema file, goes into the version's `Request` with `From`, and through
/// a SEND read by `observer`.
fn through_the_request_enum<M, U>(
    observer: &mut Endpoint<M>,
    message_in: fn(&M) -> Option<&U>,
) -> &'static str
where
    M: Messages + From<U>,
    U: Unconfirmed + Clone + PartialEq,
{
    let action = U::ACTION;
    let message: U = value(&minimal_document(M::VERSION, action));
    let enumerated = M::from(message.clone());
    assert_eq!(enumerated.action(), action);
    assert!(message_in(&enumerated) == Some(&message), "{action}");
    let send = Frame::Send(Call::<M>::new(MessageId::new(action).unwrap(), message));
    let text = send.to_json().unwrap();
    assert!(text.starts_with("[6,"), "{text}");
    assert_eq!(observer.read(&text).unwrap(), send, "{text}");
    action
}

/// Checks each action of a version through its enums; `$v` is the module.
macro_rules! through_the_enums {
    (
        $v:ident;
        $( $action:ident: $request:ident -> $response:ident; )*
        $( (send) $send:ident: $message:ident; )*
    ) => {{
        let version = <$v::Request as Messages>::VERSION;
        let mut observer = Endpoint::<$v::Request>::observer();
        let checked: Vec<&str> = vec![
            $(
                through_the_enums::<$v::Request, $v::$request, $v::$response>(
                    &mut observer,
                    |request| match request {
                        $v::Request::$action(inner) => Some(inner),
                        _ => None,
                    },
                    |response| match response {
                        $v::Response::$action(inner) => Some(inner),
                        _ => None,
                    },
                ),
            )*
            $(
                through_the_request_enum::<$v::Request, $v::$message>(
                    &mut observer,
                    |request| match request {
                        $v::Request::$send(inner) => Some(inner),
                        _ => None,
                    },
                ),
            )*
        ];
        assert!(observer.pending().is_empty());
        let listed: Vec<&str> = <$v::Request as Messages>::ACTIONS.iter().map(|a| a.name).collect();
        assert_eq!(checked, listed, "every action of {version}, in order");
    }};
}

#[test]
fn every_request_and_response_goes_through_the_version_enums() {
    through_the_enums! { v16;
        Authorize: AuthorizeRequest -> AuthorizeResponse;
        BootNotification: BootNotificationRequest -> BootNotificationResponse;
        CancelReservation: CancelReservationRequest -> CancelReservationResponse;
        CertificateSigned: CertificateSignedRequest -> CertificateSignedResponse;
        ChangeAvailability: ChangeAvailabilityRequest -> ChangeAvailabilityResponse;
        ChangeConfiguration: ChangeConfigurationRequest -> ChangeConfigurationResponse;
        ClearCache: ClearCacheRequest -> ClearCacheResponse;
        ClearChargingProfile: ClearChargingProfileRequest -> ClearChargingProfileResponse;
        DataTransfer: DataTransferRequest -> DataTransferResponse;
        DeleteCertificate: DeleteCertificateRequest -> DeleteCertificateResponse;
        DiagnosticsStatusNotification: DiagnosticsStatusNotificationRequest -> DiagnosticsStatusNotificationResponse;
        ExtendedTriggerMessage: ExtendedTriggerMessageRequest -> ExtendedTriggerMessageResponse;
        FirmwareStatusNotification: FirmwareStatusNotificationRequest -> FirmwareStatusNotificationResponse;
        GetCompositeSchedule: GetCompositeScheduleRequest -> GetCompositeScheduleResponse;
        GetConfiguration: GetConfigurationRequest -> GetConfigurationResponse;
        GetDiagnostics: GetDiagnosticsRequest -> GetDiagnosticsResponse;
        GetInstalledCertificateIds: GetInstalledCertificateIdsRequest -> GetInstalledCertificateIdsResponse;
        GetLocalListVersion: GetLocalListVersionRequest -> GetLocalListVersionResponse;
        GetLog: GetLogRequest -> GetLogResponse;
        Heartbeat: HeartbeatRequest -> HeartbeatResponse;
        InstallCertificate: InstallCertificateRequest -> InstallCertificateResponse;
        LogStatusNotification: LogStatusNotificationRequest -> LogStatusNotificationResponse;
        MeterValues: MeterValuesRequest -> MeterValuesResponse;
        RemoteStartTransaction: RemoteStartTransactionRequest -> RemoteStartTransactionResponse;
        RemoteStopTransaction: RemoteStopTransactionRequest -> RemoteStopTransactionResponse;
        ReserveNow: ReserveNowRequest -> ReserveNowResponse;
        Reset: ResetRequest -> ResetResponse;
        SecurityEventNotification: SecurityEventNotificationRequest -> SecurityEventNotificationResponse;
        SendLocalList: SendLocalListRequest -> SendLocalListResponse;
        SetChargingProfile: SetChargingProfileRequest -> SetChargingProfileResponse;
        SignCertificate: SignCertificateRequest -> SignCertificateResponse;
        SignedFirmwareStatusNotification: SignedFirmwareStatusNotificationRequest -> SignedFirmwareStatusNotificationResponse;
        SignedUpdateFirmware: SignedUpdateFirmwareRequest -> SignedUpdateFirmwareResponse;
        StartTransaction: StartTransactionRequest -> StartTransactionResponse;
        StatusNotification: StatusNotificationRequest -> StatusNotificationResponse;
        StopTransaction: StopTransactionRequest -> StopTransactionResponse;
        TriggerMessage: TriggerMessageRequest -> TriggerMessageResponse;
        UnlockConnector: UnlockConnectorRequest -> UnlockConnectorResponse;
        UpdateFirmware: UpdateFirmwareRequest -> UpdateFirmwareResponse;
    }
    through_the_enums! { v201;
        Authorize: AuthorizeRequest -> AuthorizeResponse;
        BootNotification: BootNotificationRequest -> BootNotificationResponse;
        CancelReservation: CancelReservationRequest -> CancelReservationResponse;
        CertificateSigned: CertificateSignedRequest -> CertificateSignedResponse;
        ChangeAvailability: ChangeAvailabilityRequest -> ChangeAvailabilityResponse;
        ClearCache: ClearCacheRequest -> ClearCacheResponse;
        ClearChargingProfile: ClearChargingProfileRequest -> ClearChargingProfileResponse;
        ClearDisplayMessage: ClearDisplayMessageRequest -> ClearDisplayMessageResponse;
        ClearVariableMonitoring: ClearVariableMonitoringRequest -> ClearVariableMonitoringResponse;
        ClearedChargingLimit: ClearedChargingLimitRequest -> ClearedChargingLimitResponse;
        CostUpdated: CostUpdatedRequest -> CostUpdatedResponse;
        CustomerInformation: CustomerInformationRequest -> CustomerInformationResponse;
        DataTransfer: DataTransferRequest -> DataTransferResponse;
        DeleteCertificate: DeleteCertificateRequest -> DeleteCertificateResponse;
        FirmwareStatusNotification: FirmwareStatusNotificationRequest -> FirmwareStatusNotificationResponse;
        Get15118EVCertificate: Get15118EVCertificateRequest -> Get15118EVCertificateResponse;
        GetBaseReport: GetBaseReportRequest -> GetBaseReportResponse;
        GetCertificateStatus: GetCertificateStatusRequest -> GetCertificateStatusResponse;
        GetChargingProfiles: GetChargingProfilesRequest -> GetChargingProfilesResponse;
        GetCompositeSchedule: GetCompositeScheduleRequest -> GetCompositeScheduleResponse;
        GetDisplayMessages: GetDisplayMessagesRequest -> GetDisplayMessagesResponse;
        GetInstalledCertificateIds: GetInstalledCertificateIdsRequest -> GetInstalledCertificateIdsResponse;
        GetLocalListVersion: GetLocalListVersionRequest -> GetLocalListVersionResponse;
        GetLog: GetLogRequest -> GetLogResponse;
        GetMonitoringReport: GetMonitoringReportRequest -> GetMonitoringReportResponse;
        GetReport: GetReportRequest -> GetReportResponse;
        GetTransactionStatus: GetTransactionStatusRequest -> GetTransactionStatusResponse;
        GetVariables: GetVariablesRequest -> GetVariablesResponse;
        Heartbeat: HeartbeatRequest -> HeartbeatResponse;
        InstallCertificate: InstallCertificateRequest -> InstallCertificateResponse;
        LogStatusNotification: LogStatusNotificationRequest -> LogStatusNotificationResponse;
        MeterValues: MeterValuesRequest -> MeterValuesResponse;
        NotifyChargingLimit: NotifyChargingLimitRequest -> NotifyChargingLimitResponse;
        NotifyCustomerInformation: NotifyCustomerInformationRequest -> NotifyCustomerInformationResponse;
        NotifyDisplayMessages: NotifyDisplayMessagesRequest -> NotifyDisplayMessagesResponse;
        NotifyEVChargingNeeds: NotifyEVChargingNeedsRequest -> NotifyEVChargingNeedsResponse;
        NotifyEVChargingSchedule: NotifyEVChargingScheduleRequest -> NotifyEVChargingScheduleResponse;
        NotifyEvent: NotifyEventRequest -> NotifyEventResponse;
        NotifyMonitoringReport: NotifyMonitoringReportRequest -> NotifyMonitoringReportResponse;
        NotifyReport: NotifyReportRequest -> NotifyReportResponse;
        PublishFirmware: PublishFirmwareRequest -> PublishFirmwareResponse;
        PublishFirmwareStatusNotification: PublishFirmwareStatusNotificationRequest -> PublishFirmwareStatusNotificationResponse;
        ReportChargingProfiles: ReportChargingProfilesRequest -> ReportChargingProfilesResponse;
        RequestStartTransaction: RequestStartTransactionRequest -> RequestStartTransactionResponse;
        RequestStopTransaction: RequestStopTransactionRequest -> RequestStopTransactionResponse;
        ReservationStatusUpdate: ReservationStatusUpdateRequest -> ReservationStatusUpdateResponse;
        ReserveNow: ReserveNowRequest -> ReserveNowResponse;
        Reset: ResetRequest -> ResetResponse;
        SecurityEventNotification: SecurityEventNotificationRequest -> SecurityEventNotificationResponse;
        SendLocalList: SendLocalListRequest -> SendLocalListResponse;
        SetChargingProfile: SetChargingProfileRequest -> SetChargingProfileResponse;
        SetDisplayMessage: SetDisplayMessageRequest -> SetDisplayMessageResponse;
        SetMonitoringBase: SetMonitoringBaseRequest -> SetMonitoringBaseResponse;
        SetMonitoringLevel: SetMonitoringLevelRequest -> SetMonitoringLevelResponse;
        SetNetworkProfile: SetNetworkProfileRequest -> SetNetworkProfileResponse;
        SetVariableMonitoring: SetVariableMonitoringRequest -> SetVariableMonitoringResponse;
        SetVariables: SetVariablesRequest -> SetVariablesResponse;
        SignCertificate: SignCertificateRequest -> SignCertificateResponse;
        StatusNotification: StatusNotificationRequest -> StatusNotificationResponse;
        TransactionEvent: TransactionEventRequest -> TransactionEventResponse;
        TriggerMessage: TriggerMessageRequest -> TriggerMessageResponse;
        UnlockConnector: UnlockConnectorRequest -> UnlockConnectorResponse;
        UnpublishFirmware: UnpublishFirmwareRequest -> UnpublishFirmwareResponse;
        UpdateFirmware: UpdateFirmwareRequest -> UpdateFirmwareResponse;
    }
    through_the_enums! { v21;
        AFRRSignal: AFRRSignalRequest -> AFRRSignalResponse;
        AdjustPeriodicEventStream: AdjustPeriodicEventStreamRequest -> AdjustPeriodicEventStreamResponse;
        Authorize: AuthorizeRequest -> AuthorizeResponse;
        BatterySwap: BatterySwapRequest -> BatterySwapResponse;
        BootNotification: BootNotificationRequest -> BootNotificationResponse;
        CancelReservation: CancelReservationRequest -> CancelReservationResponse;
        CertificateSigned: CertificateSignedRequest -> CertificateSignedResponse;
        ChangeAvailability: ChangeAvailabilityRequest -> ChangeAvailabilityResponse;
        ChangeTransactionTariff: ChangeTransactionTariffRequest -> ChangeTransactionTariffResponse;
        ClearCache: ClearCacheRequest -> ClearCacheResponse;
        ClearChargingProfile: ClearChargingProfileRequest -> ClearChargingProfileResponse;
        ClearDERControl: ClearDERControlRequest -> ClearDERControlResponse;
        ClearDisplayMessage: ClearDisplayMessageRequest -> ClearDisplayMessageResponse;
        ClearTariffs: ClearTariffsRequest -> ClearTariffsResponse;
        ClearVariableMonitoring: ClearVariableMonitoringRequest -> ClearVariableMonitoringResponse;
        ClearedChargingLimit: ClearedChargingLimitRequest -> ClearedChargingLimitResponse;
        ClosePeriodicEventStream: ClosePeriodicEventStreamRequest -> ClosePeriodicEventStreamResponse;
        CostUpdated: CostUpdatedRequest -> CostUpdatedResponse;
        CustomerInformation: CustomerInformationRequest -> CustomerInformationResponse;
        DataTransfer: DataTransferRequest -> DataTransferResponse;
        DeleteCertificate: DeleteCertificateRequest -> DeleteCertificateResponse;
        FirmwareStatusNotification: FirmwareStatusNotificationRequest -> FirmwareStatusNotificationResponse;
        Get15118EVCertificate: Get15118EVCertificateRequest -> Get15118EVCertificateResponse;
        GetBaseReport: GetBaseReportRequest -> GetBaseReportResponse;
        GetCertificateChainStatus: GetCertificateChainStatusRequest -> GetCertificateChainStatusResponse;
        GetCertificateStatus: GetCertificateStatusRequest -> GetCertificateStatusResponse;
        GetChargingProfiles: GetChargingProfilesRequest -> GetChargingProfilesResponse;
        GetCompositeSchedule: GetCompositeScheduleRequest -> GetCompositeScheduleResponse;
        GetDERControl: GetDERControlRequest -> GetDERControlResponse;
        GetDisplayMessages: GetDisplayMessagesRequest -> GetDisplayMessagesResponse;
        GetInstalledCertificateIds: GetInstalledCertificateIdsRequest -> GetInstalledCertificateIdsResponse;
        GetLocalListVersion: GetLocalListVersionRequest -> GetLocalListVersionResponse;
        GetLog: GetLogRequest -> GetLogResponse;
        GetMonitoringReport: GetMonitoringReportRequest -> GetMonitoringReportResponse;
        GetPeriodicEventStream: GetPeriodicEventStreamRequest -> GetPeriodicEventStreamResponse;
        GetReport: GetReportRequest -> GetReportResponse;
        GetTariffs: GetTariffsRequest -> GetTariffsResponse;
        GetTransactionStatus: GetTransactionStatusRequest -> GetTransactionStatusResponse;
        GetVariables: GetVariablesRequest -> GetVariablesResponse;
        Heartbeat: HeartbeatRequest -> HeartbeatResponse;
        InstallCertificate: InstallCertificateRequest -> InstallCertificateResponse;
        LogStatusNotification: LogStatusNotificationRequest -> LogStatusNotificationResponse;
        MeterValues: MeterValuesRequest -> MeterValuesResponse;
        NotifyAllowedEnergyTransfer: NotifyAllowedEnergyTransferRequest -> NotifyAllowedEnergyTransferResponse;
        NotifyChargingLimit: NotifyChargingLimitRequest -> NotifyChargingLimitResponse;
        NotifyCustomerInformation: NotifyCustomerInformationRequest -> NotifyCustomerInformationResponse;
        NotifyDERAlarm: NotifyDERAlarmRequest -> NotifyDERAlarmResponse;
        NotifyDERStartStop: NotifyDERStartStopRequest -> NotifyDERStartStopResponse;
        NotifyDisplayMessages: NotifyDisplayMessagesRequest -> NotifyDisplayMessagesResponse;
        NotifyEVChargingNeeds: NotifyEVChargingNeedsRequest -> NotifyEVChargingNeedsResponse;
        NotifyEVChargingSchedule: NotifyEVChargingScheduleRequest -> NotifyEVChargingScheduleResponse;
        NotifyEvent: NotifyEventRequest -> NotifyEventResponse;
        NotifyMonitoringReport: NotifyMonitoringReportRequest -> NotifyMonitoringReportResponse;
        NotifyPriorityCharging: NotifyPriorityChargingRequest -> NotifyPriorityChargingResponse;
        NotifyReport: NotifyReportRequest -> NotifyReportResponse;
        NotifySettlement: NotifySettlementRequest -> NotifySettlementResponse;
        NotifyWebPaymentStarted: NotifyWebPaymentStartedRequest -> NotifyWebPaymentStartedResponse;
        OpenPeriodicEventStream: OpenPeriodicEventStreamRequest -> OpenPeriodicEventStreamResponse;
        PublishFirmware: PublishFirmwareRequest -> PublishFirmwareResponse;
        PublishFirmwareStatusNotification: PublishFirmwareStatusNotificationRequest -> PublishFirmwareStatusNotificationResponse;
        PullDynamicScheduleUpdate: PullDynamicScheduleUpdateRequest -> PullDynamicScheduleUpdateResponse;
        ReportChargingProfiles: ReportChargingProfilesRequest -> ReportChargingProfilesResponse;
        ReportDERControl: ReportDERControlRequest -> ReportDERControlResponse;
        RequestBatterySwap: RequestBatterySwapRequest -> RequestBatterySwapResponse;
        RequestStartTransaction: RequestStartTransactionRequest -> RequestStartTransactionResponse;
        RequestStopTransaction: RequestStopTransactionRequest -> RequestStopTransactionResponse;
        ReservationStatusUpdate: ReservationStatusUpdateRequest -> ReservationStatusUpdateResponse;
        ReserveNow: ReserveNowRequest -> ReserveNowResponse;
        Reset: ResetRequest -> ResetResponse;
        SecurityEventNotification: SecurityEventNotificationRequest -> SecurityEventNotificationResponse;
        SendLocalList: SendLocalListRequest -> SendLocalListResponse;
        SetChargingProfile: SetChargingProfileRequest -> SetChargingProfileResponse;
        SetDERControl: SetDERControlRequest -> SetDERControlResponse;
        SetDefaultTariff: SetDefaultTariffRequest -> SetDefaultTariffResponse;
        SetDisplayMessage: SetDisplayMessageRequest -> SetDisplayMessageResponse;
        SetMonitoringBase: SetMonitoringBaseRequest -> SetMonitoringBaseResponse;
        SetMonitoringLevel: SetMonitoringLevelRequest -> SetMonitoringLevelResponse;
        SetNetworkProfile: SetNetworkProfileRequest -> SetNetworkProfileResponse;
        SetVariableMonitoring: SetVariableMonitoringRequest -> SetVariableMonitoringResponse;
        SetVariables: SetVariablesRequest -> SetVariablesResponse;
        SignCertificate: SignCertificateRequest -> SignCertificateResponse;
        StatusNotification: StatusNotificationRequest -> StatusNotificationResponse;
        TransactionEvent: TransactionEventRequest -> TransactionEventResponse;
        TriggerMessage: TriggerMessageRequest -> TriggerMessageResponse;
        UnlockConnector: UnlockConnectorRequest -> UnlockConnectorResponse;
        UnpublishFirmware: UnpublishFirmwareRequest -> UnpublishFirmwareResponse;
        UpdateDynamicSchedule: UpdateDynamicScheduleRequest -> UpdateDynamicScheduleResponse;
        UpdateFirmware: UpdateFirmwareRequest -> UpdateFirmwareResponse;
        UsePriorityCharging: UsePriorityChargingRequest -> UsePriorityChargingResponse;
        VatNumberValidation: VatNumberValidationRequest -> VatNumberValidationResponse;
        (send) NotifyPeriodicEventStream: NotifyPeriodicEventStream;
    }
}

// ---------------------------------------------------------------------------
// Responses: the pending calls.

#[test]
fn the_pending_calls_are_bounded_and_the_oldest_is_forgotten() {
    assert_eq!(Pending::DEFAULT_CAPACITY, 16);
    // Room for one call at least.
    let mut none = Pending::with_capacity(0);
    none.insert(MessageId::new("1").unwrap(), "Heartbeat");
    none.insert(MessageId::new("2").unwrap(), "Heartbeat");
    assert_eq!(none.len(), 1);
    assert_eq!(none.take("2"), Some("Heartbeat"));

    // 1.6: a charge point that keeps calling while the CSMS is silent.
    let mut charge_point = Endpoint::<v16::Request>::charge_point();
    for _ in 0..17 {
        charge_point.call(v16::HeartbeatRequest::new()).unwrap();
    }
    assert_eq!(charge_point.pending().len(), 16);
    let late = r#"[3,"1",{"currentTime":"2024-05-14T09:50:00Z"}]"#;
    let Ok(Frame::UnexpectedResult(result)) = charge_point.read(late) else {
        panic!("the answer to the forgotten first call")
    };
    assert_eq!(result.message_id, "1");
    assert_eq!(result.payload["currentTime"], "2024-05-14T09:50:00Z");
    assert!(matches!(
        charge_point.read(r#"[3,"17",{"currentTime":"2024-05-14T09:50:00Z"}]"#),
        Ok(Frame::CallResult(_))
    ));

    // 2.0.1: a CSMS with room for two calls.
    let mut csms = Endpoint::<v201::Request>::csms();
    *csms.pending() = Pending::with_capacity(2);
    let get: v201::GetVariablesRequest = value(
        r#"{"getVariableData":[{"component":{"name":"OCPPCommCtrlr"},"variable":{"name":"HeartbeatInterval"}}]}"#,
    );
    csms.call(get).unwrap();
    csms.call(v201::ClearCacheRequest::new()).unwrap();
    let reset: v201::ResetRequest = value(r#"{"type":"Immediate"}"#);
    csms.call(reset).unwrap();
    assert_eq!(csms.pending().len(), 2);
    let forgotten = r#"[3,"1",{"getVariableResult":[{"attributeStatus":"Accepted","attributeValue":"300","component":{"name":"OCPPCommCtrlr"},"variable":{"name":"HeartbeatInterval"}}]}]"#;
    assert!(matches!(
        csms.read(forgotten),
        Ok(Frame::UnexpectedResult(_))
    ));
    assert!(matches!(
        csms.read(r#"[3,"3",{"status":"Scheduled"}]"#),
        Ok(Frame::CallResult(result)) if result.payload.action() == "Reset"
    ));
    assert!(matches!(
        csms.read(r#"[3,"2",{"status":"Accepted"}]"#),
        Ok(Frame::CallResult(result)) if result.payload.action() == "ClearCache"
    ));

    // The same, by hand: insert reports the call it forgets.
    let mut pending = Pending::with_capacity(1);
    assert_eq!(
        pending.insert(MessageId::new("1").unwrap(), "Heartbeat"),
        None
    );
    assert_eq!(
        pending.insert(MessageId::new("2").unwrap(), "Authorize"),
        Some((MessageId::new("1").unwrap(), "Heartbeat"))
    );

    // 2.1: an observer's log forgets too.
    let mut observer = Endpoint::<v21::Request>::observer();
    *observer.pending() = Pending::with_capacity(1);
    observer.read(SESSION_V21[0]).unwrap();
    observer.read(SESSION_V21[2]).unwrap();
    assert!(matches!(
        observer.read(SESSION_V21[1]),
        Ok(Frame::UnexpectedResult(_))
    ));
    assert!(matches!(
        observer.read(SESSION_V21[3]),
        Ok(Frame::CallResult(_))
    ));
}

#[test]
fn a_callresult_to_no_pending_call_is_an_unexpected_result() {
    fn unexpected<M: Messages>(text: &str) {
        let mut charge_point = Endpoint::<M>::charge_point();
        let frame = charge_point.read(text).unwrap();
        let Frame::UnexpectedResult(result) = &frame else {
            panic!("{frame:?}")
        };
        assert_eq!(frame.message_type(), MessageType::CallResult);
        assert_eq!(frame.action(), None);
        assert_eq!(json(text)[2], Value::Object(result.payload.clone()));
        assert_eq!(frame.to_json().unwrap(), text, "written back as it came");
    }
    unexpected::<v16::Request>(
        r#"[3,"19223299",{"status":"Accepted","currentTime":"2024-05-14T07:58:12Z","interval":300}]"#,
    );
    unexpected::<v201::Request>(r#"[3,"d0b7a8e2-4c1f-4b6e-9a0d-5e3f2c1b0a99",{}]"#);
    // Even one its type would refuse: nothing says what it should be.
    unexpected::<v21::Request>(r#"[3,"b1a0c9d8-0099",{"currentTime":"yesterday"}]"#);

    // An answer is read once: the second time, its call is no longer pending.
    let mut charge_point = Endpoint::<v16::Request>::charge_point();
    charge_point.call(v16::HeartbeatRequest::new()).unwrap();
    let answer = r#"[3,"1",{"currentTime":"2024-05-14T09:50:00Z"}]"#;
    assert!(matches!(
        charge_point.read(answer),
        Ok(Frame::CallResult(_))
    ));
    assert!(matches!(
        charge_point.read(answer),
        Ok(Frame::UnexpectedResult(_))
    ));
}

#[test]
fn an_unexpected_result_is_still_an_object_without_a_key_twice() {
    // 1.6 and 2.0.1 don't answer a CALLRESULT; 2.1 answers a CALLRESULTERROR.
    to_csms::<v16::Request>(
        r#"[3,"19223299",{"status":"Accepted","status":"Rejected"}]"#,
        ErrorCode::FormatViolation,
        "/2",
    )
    .unanswered();
    to_csms::<v16::Request>(r#"[3,"19223299",[]]"#, ErrorCode::FormatViolation, "/2").unanswered();
    to_charge_point::<v201::Request>(
        r#"[3,"7c2e9f10-0099","Accepted"]"#,
        ErrorCode::FormatViolation,
        "/2",
    )
    .unanswered();
    to_charge_point::<v201::Request>(
        r#"[3,"7c2e9f10-0099",{"status":"Accepted","statusInfo":{"reasonCode":"a","reasonCode":"b"}}]"#,
        ErrorCode::FormatViolation,
        "/2/statusInfo",
    )
    .unanswered();
    to_csms::<v21::Request>(
        r#"[3,"5e6f7a8b-0099",{"status":"Accepted","status":"Rejected"}]"#,
        ErrorCode::FormatViolation,
        "/2",
    )
    .answered(r#"[5,"5e6f7a8b-0099","FormatViolation","payload: duplicate key `status`",{"pointer":"/2"}]"#);
    to_csms::<v21::Request>(
        r#"[3,"5e6f7a8b-0099",null]"#,
        ErrorCode::FormatViolation,
        "/2",
    )
    .answered(r#"[5,"5e6f7a8b-0099","FormatViolation","payload: invalid type: null, expected an object",{"pointer":"/2"}]"#);
}

#[test]
fn a_call_is_answered_with_a_response_of_its_own_action() {
    // 1.6
    let Ok(Frame::Call(call)) = Endpoint::<v16::Request>::csms().read(SESSION_V16[20]) else {
        panic!()
    };
    let now = v16::HeartbeatResponse::new("2024-05-14T09:50:00Z".parse().unwrap());
    assert_eq!(
        call.reply(now).unwrap().to_json().unwrap(),
        r#"[3,"19223208",{"currentTime":"2024-05-14T09:50:00Z"}]"#
    );
    let wrong: v16::StatusNotificationResponse = value("{}");
    let mismatch = call.reply(wrong).unwrap_err();
    assert_eq!(
        mismatch,
        Mismatch {
            call: "Heartbeat",
            response: "StatusNotification"
        }
    );
    assert_eq!(
        mismatch.to_string(),
        "a response of `StatusNotification` can't answer a call of `Heartbeat`"
    );
    // A call can also be answered with an error.
    let error = call.error(ErrorCode::InternalError, "database unavailable");
    assert_eq!(error.action, Some("Heartbeat"));
    assert_eq!(
        error.to_json().unwrap(),
        r#"[4,"19223208","InternalError","database unavailable",{}]"#
    );
    // The error knows the call's version, which spells its code.
    let error = call.error(ErrorCode::FormatViolation, "");
    assert_eq!(error.version, Version::V16);
    assert_eq!(
        error.to_json().unwrap(),
        r#"[4,"19223208","FormationViolation","",{}]"#
    );
    let call =
        Call::<v201::Request>::new(MessageId::new("7").unwrap(), v201::HeartbeatRequest::new());
    assert_eq!(
        call.error(ErrorCode::FormatViolation, "")
            .to_json()
            .unwrap(),
        r#"[4,"7","FormatViolation","",{}]"#
    );

    // 2.0.1: two actions whose responses look alike ({"status": ...}).
    let Ok(Frame::Call(call)) = Endpoint::<v201::Request>::charge_point().read(SESSION_V201[12])
    else {
        panic!()
    };
    let scheduled: v201::ResetResponse = value(r#"{"status":"Scheduled"}"#);
    assert!(call.reply(scheduled).is_ok());
    let accepted: v201::ChangeAvailabilityResponse = value(r#"{"status":"Accepted"}"#);
    assert_eq!(
        call.reply(accepted).unwrap_err(),
        Mismatch {
            call: "Reset",
            response: "ChangeAvailability"
        }
    );

    // 2.1
    let Ok(Frame::Call(call)) = Endpoint::<v21::Request>::charge_point().read(SESSION_V21[4])
    else {
        panic!()
    };
    let accepted: v21::RequestStopTransactionResponse = value(r#"{"status":"Accepted"}"#);
    assert_eq!(
        call.reply(accepted).unwrap_err().call,
        "RequestStartTransaction"
    );
    let started: v21::RequestStartTransactionResponse = value(r#"{"status":"Accepted"}"#);
    assert_eq!(
        call.reply(started).unwrap().to_json().unwrap(),
        SESSION_V21[5]
    );
}

// ---------------------------------------------------------------------------
// The error codes: every line of the module docs' table, in each version.

#[test]
fn each_version_spells_the_error_codes_its_own_way() {
    let spellings = [
        (
            ErrorCode::FormatViolation,
            ["FormationViolation", "FormatViolation", "FormatViolation"],
        ),
        (
            ErrorCode::OccurrenceConstraintViolation,
            [
                "OccurenceConstraintViolation",
                "OccurrenceConstraintViolation",
                "OccurrenceConstraintViolation",
            ],
        ),
        (ErrorCode::ProtocolError, ["ProtocolError"; 3]),
        (ErrorCode::NotImplemented, ["NotImplemented"; 3]),
        (ErrorCode::NotSupported, ["NotSupported"; 3]),
        (
            ErrorCode::TypeConstraintViolation,
            ["TypeConstraintViolation"; 3],
        ),
        (
            ErrorCode::PropertyConstraintViolation,
            ["PropertyConstraintViolation"; 3],
        ),
    ];
    for (code, names) in spellings {
        for (version, name) in Version::ALL.into_iter().zip(names) {
            assert_eq!(code.as_str(version), Some(name));
            assert_eq!(ErrorCode::parse(name, version), Some(code));
        }
    }
    for code in [
        ErrorCode::RpcFrameworkError,
        ErrorCode::MessageTypeNotSupported,
    ] {
        assert_eq!(code.as_str(Version::V16), None);
        assert!(code.as_str(Version::V201).is_some() && code.as_str(Version::V21).is_some());
    }
    // A CALLERROR of 1.6 with a 2.x spelling is a broken frame, and the other
    // way round.
    to_csms::<v16::Request>(
        r#"[4,"19223201","FormatViolation","",{}]"#,
        ErrorCode::ProtocolError,
        "/2",
    )
    .unanswered();
    to_csms::<v201::Request>(
        r#"[4,"d0b7a8e2-0001","OccurenceConstraintViolation","",{}]"#,
        ErrorCode::RpcFrameworkError,
        "/2",
    )
    .unanswered();
}

#[test]
fn a_payload_that_is_not_json_is_a_format_violation() {
    // 1.6: a hand-written BootNotification with a trailing comma.
    to_csms::<v16::Request>(
        r#"[2,"19223201","BootNotification",{"chargePointVendor":"ABB","chargePointModel":"Terra AC W22-T-R-0",}]"#,
        ErrorCode::FormatViolation,
        "/3",
    )
    .answered(r#"[4,"19223201","FormationViolation","BootNotificationRequest: trailing comma",{"pointer":"/3"}]"#);
    // 2.0.1: single quotes.
    to_csms::<v201::Request>(
        r#"[2,"d0b7a8e2-0002","StatusNotification",{'timestamp':'2024-05-14T08:01:55Z','connectorStatus':'Occupied','evseId':1,'connectorId':1}]"#,
        ErrorCode::FormatViolation,
        "/3",
    )
    .answered(r#"[4,"d0b7a8e2-0002","FormatViolation","StatusNotificationRequest: key must be a string",{"pointer":"/3"}]"#);
    // 2.1: a meter value that is NaN, as Python's json module writes it.
    to_csms::<v21::Request>(
        r#"[2,"b1a0c9d8-0003","MeterValues",{"evseId":1,"meterValue":[{"timestamp":"2025-03-03T17:20:00Z","sampledValue":[{"value":NaN}]}]}]"#,
        ErrorCode::FormatViolation,
        "/3/meterValue/0/sampledValue/0/value",
    )
    .answered(r#"[4,"b1a0c9d8-0003","FormatViolation","MeterValuesRequest.meterValue[0].sampledValue[0].value: expected value",{"pointer":"/3/meterValue/0/sampledValue/0/value"}]"#);
}

#[test]
fn a_payload_that_is_not_an_object_is_a_format_violation() {
    // 1.6: a Heartbeat with null for its empty payload.
    to_csms::<v16::Request>(
        r#"[2,"19223208","Heartbeat",null]"#,
        ErrorCode::FormatViolation,
        "/3",
    )
    .answered(r#"[4,"19223208","FormationViolation","HeartbeatRequest: invalid type: null, expected a HeartbeatRequest object",{"pointer":"/3"}]"#);
    // 2.0.1: an array.
    to_csms::<v201::Request>(
        r#"[2,"d0b7a8e2-0005","Heartbeat",[]]"#,
        ErrorCode::FormatViolation,
        "/3",
    )
    .answered(r#"[4,"d0b7a8e2-0005","FormatViolation","HeartbeatRequest: invalid type: array, expected a HeartbeatRequest object",{"pointer":"/3"}]"#);
    // 2.1: the payload encoded twice, as a string.
    to_csms::<v21::Request>(
        r#"[2,"b1a0c9d8-0002","StatusNotification","{\"timestamp\":\"2025-03-03T16:55:00Z\",\"connectorStatus\":\"Available\",\"evseId\":1,\"connectorId\":2}"]"#,
        ErrorCode::FormatViolation,
        "/3",
    )
    .answered(r#"[4,"b1a0c9d8-0002","FormatViolation","StatusNotificationRequest: invalid type: string \"{\\\"timestamp\\\":\\\"2025-03-03T16:55:00Z\\\",\\\"connectorStatus\\\":\\\"Available…\" (29 more characters), expected a StatusNotificationRequest object",{"pointer":"/3"}]"#);
}

#[test]
fn a_key_twice_is_a_format_violation() {
    to_csms::<v16::Request>(
        r#"[2,"19223204","StartTransaction",{"connectorId":1,"idTag":"04A2B3C4D5E680","idTag":"04A2B3C4D5E681","meterStart":1523400,"timestamp":"2024-05-14T08:02:41Z"}]"#,
        ErrorCode::FormatViolation,
        "/3",
    )
    .answered(r#"[4,"19223204","FormationViolation","StartTransactionRequest: duplicate field `idTag`",{"pointer":"/3"}]"#);
    to_csms::<v201::Request>(
        r#"[2,"d0b7a8e2-0004","TransactionEvent",{"eventType":"Updated","timestamp":"2024-05-14T08:30:00Z","triggerReason":"MeterValuePeriodic","seqNo":14,"seqNo":15,"transactionInfo":{"transactionId":"3f5e7a0c-9d1b-4e8a-a4c2-6b1f0e2d9c17"}}]"#,
        ErrorCode::FormatViolation,
        "/3",
    )
    .answered(r#"[4,"d0b7a8e2-0004","FormatViolation","TransactionEventRequest: duplicate field `seqNo`",{"pointer":"/3"}]"#);
    // In a nested object, and in the open JSON of a DataTransfer.
    to_csms::<v21::Request>(
        r#"[2,"b1a0c9d8-0002","StatusNotification",{"timestamp":"2025-03-03T16:55:00Z","connectorStatus":"Available","connectorStatus":"Occupied","evseId":1,"connectorId":2}]"#,
        ErrorCode::FormatViolation,
        "/3",
    )
    .answered(r#"[4,"b1a0c9d8-0002","FormatViolation","StatusNotificationRequest: duplicate field `connectorStatus`",{"pointer":"/3"}]"#);
    to_csms::<v21::Request>(
        r#"[2,"b1a0c9d8-0006","DataTransfer",{"messageId":"GridCode","data":{"code":"VDE-AR-N 4100","phases":{"L1":230.1,"L1":229.8}},"vendorId":"com.alfen"}]"#,
        ErrorCode::FormatViolation,
        "/3/data/phases",
    )
    .answered(r#"[4,"b1a0c9d8-0006","FormatViolation","DataTransferRequest.data[\"phases\"]: duplicate key `L1`",{"pointer":"/3/data/phases"}]"#);
}

#[test]
fn a_key_twice_anywhere_in_the_payload_is_a_format_violation() {
    to_csms::<v21::Request>(
        r#"[2,"b1a0c9d8-0001","Heartbeat",{"customData":{"vendorId":"com.alfen","balancing":{"mode":"dynamic","mode":"static"}}}]"#,
        ErrorCode::FormatViolation,
        "/3/customData/balancing",
    );
}

#[test]
fn an_unknown_property_of_a_closed_object_is_a_format_violation() {
    // 1.6: 2.0.1's `reason` in a 1.6 BootNotification.
    to_csms::<v16::Request>(
        r#"[2,"19223201","BootNotification",{"chargePointVendor":"Pionix","chargePointModel":"BelayBox","firmwareVersion":"2024.3.0","reason":"PowerUp"}]"#,
        ErrorCode::FormatViolation,
        "/3",
    )
    .answered(r#"[4,"19223201","FormationViolation","BootNotificationRequest: unknown field `reason`, expected one of `chargePointVendor`, `chargePointModel`, `chargePointSerialNumber`, `chargeBoxSerialNumber`, `firmwareVersion`, `iccid`, `imsi`, `meterType`, `meterSerialNumber`",{"pointer":"/3"}]"#);
    // 2.0.1: a 1.6 BootNotification sent to a 2.0.1 CSMS.
    to_csms::<v201::Request>(
        r#"[2,"d0b7a8e2-0001","BootNotification",{"chargePointVendor":"Alfen BV","chargePointModel":"NG920-61023","firmwareVersion":"6.4.0-4097"}]"#,
        ErrorCode::FormatViolation,
        "/3",
    )
    .answered(r#"[4,"d0b7a8e2-0001","FormatViolation","BootNotificationRequest: unknown field `chargePointVendor`, expected one of `customData`, `chargingStation`, `reason`",{"pointer":"/3"}]"#);
    // 2.1: deep in the payload, the pointer names the object.
    to_csms::<v21::Request>(
        r#"[2,"b1a0c9d8-0003","TransactionEvent",{"eventType":"Updated","timestamp":"2025-03-03T17:20:00Z","triggerReason":"ChargingStateChanged","seqNo":7,"evse":{"id":1,"connector":1},"transactionInfo":{"transactionId":"b8d1c6c2-3e0f-4f53-9a27-1f1d3a7e5c40"}}]"#,
        ErrorCode::FormatViolation,
        "/3/evse",
    )
    .answered(r#"[4,"b1a0c9d8-0003","FormatViolation","TransactionEventRequest.evse (EVSEType): unknown field `connector`, expected one of `id`, `connectorId`, `customData`",{"pointer":"/3/evse"}]"#);
}

#[test]
fn a_missing_required_property_is_an_occurrence_constraint_violation() {
    // 1.6: a security event without its timestamp.
    let refusal = to_csms::<v16::Request>(
        r#"[2,"19223210","SecurityEventNotification",{"type":"SettingSystemTime","techInfo":"NTP sync: clock moved by +42 s"}]"#,
        ErrorCode::OccurrenceConstraintViolation,
        "/3",
    );
    assert_eq!(
        refusal.error.payload_error().unwrap().kind(),
        ErrorKind::MissingFields
    );
    refusal.answered(r#"[4,"19223210","OccurenceConstraintViolation","SecurityEventNotificationRequest: missing required field `timestamp`",{"pointer":"/3","missing":["timestamp"]}]"#);
    // 1.6: two of them, all named.
    to_csms::<v16::Request>(
        r#"[2,"19223204","StartTransaction",{"connectorId":1,"timestamp":"2024-05-14T08:02:41Z"}]"#,
        ErrorCode::OccurrenceConstraintViolation,
        "/3",
    )
    .answered(r#"[4,"19223204","OccurenceConstraintViolation","StartTransactionRequest: missing required fields `idTag`, `meterStart`",{"pointer":"/3","missing":["idTag","meterStart"]}]"#);
    // 2.0.1: an idToken without its type.
    to_csms::<v201::Request>(
        r#"[2,"d0b7a8e2-0003","Authorize",{"idToken":{"idToken":"04A2B3C4D5E680"}}]"#,
        ErrorCode::OccurrenceConstraintViolation,
        "/3/idToken",
    )
    .answered(r#"[4,"d0b7a8e2-0003","OccurrenceConstraintViolation","AuthorizeRequest.idToken (IdTokenType): missing required field `type`",{"pointer":"/3/idToken","missing":["type"]}]"#);
    // 2.1: customData without its vendorId.
    to_csms::<v21::Request>(
        r#"[2,"b1a0c9d8-0001","BootNotification",{"reason":"PowerUp","chargingStation":{"model":"Eve Double Pro-line","vendorName":"Alfen BV"},"customData":{"gridCode":"VDE-AR-N 4100"}}]"#,
        ErrorCode::OccurrenceConstraintViolation,
        "/3/customData",
    )
    .answered(r#"[4,"b1a0c9d8-0001","OccurrenceConstraintViolation","BootNotificationRequest.customData (CustomDataType): missing required field `vendorId`",{"pointer":"/3/customData","missing":["vendorId"]}]"#);
}

#[test]
fn too_few_or_too_many_items_is_an_occurrence_constraint_violation() {
    // 1.6 has one array with a bound, in a response: GetInstalledCertificateIds.
    let mut csms = Endpoint::<v16::Request>::csms();
    let get: v16::GetInstalledCertificateIdsRequest =
        value(r#"{"certificateType":"CentralSystemRootCertificate"}"#);
    csms.call(get).unwrap();
    let refusal = refused(
        &mut csms,
        r#"[3,"1",{"status":"Accepted","certificateHashData":[]}]"#,
        ErrorCode::OccurrenceConstraintViolation,
        "/2/certificateHashData",
    );
    assert_eq!(refusal.error.action(), Some("GetInstalledCertificateIds"));
    assert_eq!(
        refusal.error.payload_error().unwrap().kind(),
        ErrorKind::ItemCount
    );
    refusal.unanswered();
    // 2.0.1: a report entry without attributes.
    to_csms::<v201::Request>(
        r#"[2,"d0b7a8e2-0006","NotifyReport",{"requestId":4711,"generatedAt":"2024-05-14T08:00:03Z","seqNo":0,"reportData":[{"component":{"name":"OCPPCommCtrlr"},"variable":{"name":"HeartbeatInterval"},"variableAttribute":[]}]}]"#,
        ErrorCode::OccurrenceConstraintViolation,
        "/3/reportData/0/variableAttribute",
    )
    .answered(r#"[4,"d0b7a8e2-0006","OccurrenceConstraintViolation","NotifyReportRequest.reportData[0].variableAttribute: array of 0 items has fewer than the minimum of 1 item",{"pointer":"/3/reportData/0/variableAttribute"}]"#);
    // 2.1: five attributes where there are at most four.
    to_csms::<v21::Request>(
        r#"[2,"b1a0c9d8-0006","NotifyReport",{"requestId":4711,"generatedAt":"2025-03-03T17:00:03Z","seqNo":0,"reportData":[{"component":{"name":"SmartChargingCtrlr"},"variable":{"name":"LimitChangeSignificance"},"variableAttribute":[{"type":"Actual","value":"0.1"},{"type":"Target","value":"0.1"},{"type":"MinSet","value":"0"},{"type":"MaxSet","value":"1"},{"type":"Actual","value":"0.2"}]}]}]"#,
        ErrorCode::OccurrenceConstraintViolation,
        "/3/reportData/0/variableAttribute",
    )
    .answered(r#"[4,"b1a0c9d8-0006","OccurrenceConstraintViolation","NotifyReportRequest.reportData[0].variableAttribute: array of 5 items has more than the maximum of 4 items",{"pointer":"/3/reportData/0/variableAttribute"}]"#);
}

#[test]
fn a_value_of_the_wrong_json_type_is_a_type_constraint_violation() {
    // 1.6: a meter value written as a number (1.6 has strings).
    to_csms::<v16::Request>(
        r#"[2,"19223206","StopTransaction",{"meterStop":1538630,"timestamp":"2024-05-14T09:47:03Z","transactionId":1842,"reason":"Local","transactionData":[{"timestamp":"2024-05-14T09:47:03Z","sampledValue":[{"value":1538630,"context":"Transaction.End","measurand":"Energy.Active.Import.Register","unit":"Wh"}]}]}]"#,
        ErrorCode::TypeConstraintViolation,
        "/3/transactionData/0/sampledValue/0/value",
    )
    .answered(r#"[4,"19223206","TypeConstraintViolation","StopTransactionRequest.transactionData[0].sampledValue[0].value: invalid type: integer `1538630`, expected a string",{"pointer":"/3/transactionData/0/sampledValue/0/value"}]"#);
    // 2.0.1: a boolean written as a string.
    to_csms::<v201::Request>(
        r#"[2,"d0b7a8e2-0007","TransactionEvent",{"eventType":"Updated","timestamp":"2024-05-14T08:30:00Z","triggerReason":"ChargingStateChanged","seqNo":15,"offline":"true","transactionInfo":{"transactionId":"3f5e7a0c-9d1b-4e8a-a4c2-6b1f0e2d9c17","chargingState":"SuspendedEV"}}]"#,
        ErrorCode::TypeConstraintViolation,
        "/3/offline",
    )
    .answered(r#"[4,"d0b7a8e2-0007","TypeConstraintViolation","TransactionEventRequest.offline: invalid type: string \"true\", expected a boolean",{"pointer":"/3/offline"}]"#);
    // 2.1: an id written as a string.
    to_csms::<v21::Request>(
        r#"[2,"b1a0c9d8-0002","StatusNotification",{"timestamp":"2025-03-03T16:55:00Z","connectorStatus":"Available","evseId":"1","connectorId":2}]"#,
        ErrorCode::TypeConstraintViolation,
        "/3/evseId",
    )
    .answered(r#"[4,"b1a0c9d8-0002","TypeConstraintViolation","StatusNotificationRequest.evseId: invalid type: string \"1\", expected an integer from -9223372036854775808 to 9223372036854775807",{"pointer":"/3/evseId"}]"#);
}

#[test]
fn null_is_a_type_constraint_violation() {
    to_csms::<v16::Request>(
        r#"[2,"19223205","MeterValues",{"connectorId":1,"transactionId":null,"meterValue":[{"timestamp":"2024-05-14T08:30:00Z","sampledValue":[{"value":"1527912","measurand":"Energy.Active.Import.Register","unit":"Wh"}]}]}]"#,
        ErrorCode::TypeConstraintViolation,
        "/3/transactionId",
    )
    .answered(r#"[4,"19223205","TypeConstraintViolation","MeterValuesRequest.transactionId: invalid type: null, expected an integer from -9223372036854775808 to 9223372036854775807",{"pointer":"/3/transactionId"}]"#);
    to_csms::<v201::Request>(
        r#"[2,"d0b7a8e2-0006","NotifyReport",{"requestId":4711,"generatedAt":"2024-05-14T08:00:03Z","seqNo":1,"reportData":[{"component":{"name":"OCPPCommCtrlr","instance":null},"variable":{"name":"HeartbeatInterval"},"variableAttribute":[{"type":"Actual","value":"300","mutability":"ReadWrite"}]}]}]"#,
        ErrorCode::TypeConstraintViolation,
        "/3/reportData/0/component/instance",
    )
    .answered(r#"[4,"d0b7a8e2-0006","TypeConstraintViolation","NotifyReportRequest.reportData[0].component.instance: invalid type: null, expected a string",{"pointer":"/3/reportData/0/component/instance"}]"#);
    to_csms::<v21::Request>(
        r#"[2,"b1a0c9d8-0003","TransactionEvent",{"eventType":"Started","timestamp":"2025-03-03T16:58:10Z","triggerReason":"RemoteStart","seqNo":0,"transactionInfo":{"transactionId":"b8d1c6c2-3e0f-4f53-9a27-1f1d3a7e5c40","remoteStartId":null}}]"#,
        ErrorCode::TypeConstraintViolation,
        "/3/transactionInfo/remoteStartId",
    )
    .answered(r#"[4,"b1a0c9d8-0003","TypeConstraintViolation","TransactionEventRequest.transactionInfo.remoteStartId: invalid type: null, expected an integer from -9223372036854775808 to 9223372036854775807",{"pointer":"/3/transactionInfo/remoteStartId"}]"#);
}

#[test]
fn a_fraction_for_an_integer_is_a_type_constraint_violation() {
    // 1.6 core (draft-04): even `.0` is a fraction.
    to_csms::<v16::Request>(
        r#"[2,"19223204","StartTransaction",{"connectorId":1,"idTag":"04A2B3C4D5E680","meterStart":1523400.0,"timestamp":"2024-05-14T08:02:41Z"}]"#,
        ErrorCode::TypeConstraintViolation,
        "/3/meterStart",
    )
    .answered(r#"[4,"19223204","TypeConstraintViolation","StartTransactionRequest.meterStart: invalid type: number `1523400.0` written with a fraction or an exponent, expected an integer from -9223372036854775808 to 9223372036854775807",{"pointer":"/3/meterStart"}]"#);
    // The security extension (draft-06) takes 12.0 as 12, not 12.5.
    let read = Endpoint::<v16::Request>::csms().read(
        r#"[2,"19223211","SignedFirmwareStatusNotification",{"status":"SignatureVerified","requestId":12.0}]"#,
    );
    assert!(matches!(read, Ok(Frame::Call(_))), "{read:?}");
    to_csms::<v16::Request>(
        r#"[2,"19223211","SignedFirmwareStatusNotification",{"status":"SignatureVerified","requestId":12.5}]"#,
        ErrorCode::TypeConstraintViolation,
        "/3/requestId",
    )
    .answered(r#"[4,"19223211","TypeConstraintViolation","SignedFirmwareStatusNotificationRequest.requestId: invalid type: number `12.5`, expected an integer from -9223372036854775808 to 9223372036854775807",{"pointer":"/3/requestId"}]"#);
    to_csms::<v201::Request>(
        r#"[2,"d0b7a8e2-0004","TransactionEvent",{"eventType":"Updated","timestamp":"2024-05-14T08:30:00Z","triggerReason":"MeterValuePeriodic","seqNo":14.5,"transactionInfo":{"transactionId":"3f5e7a0c-9d1b-4e8a-a4c2-6b1f0e2d9c17"}}]"#,
        ErrorCode::TypeConstraintViolation,
        "/3/seqNo",
    )
    .answered(r#"[4,"d0b7a8e2-0004","TypeConstraintViolation","TransactionEventRequest.seqNo: invalid type: number `14.5`, expected an integer from -9223372036854775808 to 9223372036854775807",{"pointer":"/3/seqNo"}]"#);
    let read = Endpoint::<v21::Request>::csms().read(
        r#"[2,"b1a0c9d8-0002","StatusNotification",{"timestamp":"2025-03-03T16:55:00+01:00","connectorStatus":"Available","evseId":1.0,"connectorId":2.0}]"#,
    );
    assert!(matches!(read, Ok(Frame::Call(_))), "{read:?}");
    to_csms::<v21::Request>(
        r#"[2,"b1a0c9d8-0002","StatusNotification",{"timestamp":"2025-03-03T16:55:00+01:00","connectorStatus":"Available","evseId":1,"connectorId":1.5}]"#,
        ErrorCode::TypeConstraintViolation,
        "/3/connectorId",
    )
    .answered(r#"[4,"b1a0c9d8-0002","TypeConstraintViolation","StatusNotificationRequest.connectorId: invalid type: number `1.5`, expected an integer from -9223372036854775808 to 9223372036854775807",{"pointer":"/3/connectorId"}]"#);
}

#[test]
fn an_unknown_enum_value_is_a_property_constraint_violation() {
    // 1.6: a vendor's error code. The description is cut to the limit.
    let refusal = to_csms::<v16::Request>(
        r#"[2,"19223202","StatusNotification",{"connectorId":1,"errorCode":"GunTemperatureAbnormal","status":"Faulted","timestamp":"2024-05-14T10:12:09Z"}]"#,
        ErrorCode::PropertyConstraintViolation,
        "/3/errorCode",
    );
    assert!(refusal.error.message().chars().count() > DESCRIPTION_LIMIT);
    refusal.answered(r#"[4,"19223202","PropertyConstraintViolation","StatusNotificationRequest.errorCode: unknown ChargePointErrorCode value `GunTemperatureAbnormal`, expected one of `ConnectorLockFailure`, `EVCommunicationError`, `GroundFailure`, `HighTemperature`, `InternalError`, `LocalListConflict`, `NoError`, `OtherE…",{"pointer":"/3/errorCode"}]"#);
    // 2.0.1: 1.6's `Charging` where 2.0.1 says `Occupied`.
    to_csms::<v201::Request>(
        r#"[2,"d0b7a8e2-0002","StatusNotification",{"timestamp":"2024-05-14T08:02:42Z","connectorStatus":"Charging","evseId":1,"connectorId":1}]"#,
        ErrorCode::PropertyConstraintViolation,
        "/3/connectorStatus",
    )
    .answered(r#"[4,"d0b7a8e2-0002","PropertyConstraintViolation","StatusNotificationRequest.connectorStatus: unknown ConnectorStatusEnumType value `Charging`, expected one of `Available`, `Occupied`, `Reserved`, `Unavailable`, `Faulted`",{"pointer":"/3/connectorStatus"}]"#);
    // 2.1: 1.6's `Preparing`.
    to_csms::<v21::Request>(
        r#"[2,"b1a0c9d8-0002","StatusNotification",{"timestamp":"2025-03-03T16:55:00Z","connectorStatus":"Preparing","evseId":1,"connectorId":2}]"#,
        ErrorCode::PropertyConstraintViolation,
        "/3/connectorStatus",
    )
    .answered(r#"[4,"b1a0c9d8-0002","PropertyConstraintViolation","StatusNotificationRequest.connectorStatus: unknown ConnectorStatusEnumType value `Preparing`, expected one of `Available`, `Occupied`, `Reserved`, `Unavailable`, `Faulted`",{"pointer":"/3/connectorStatus"}]"#);
}

#[test]
fn a_string_too_long_is_a_property_constraint_violation() {
    to_csms::<v16::Request>(
        r#"[2,"19223203","Authorize",{"idTag":"DE-8AA-C12A3B4C56789-7"}]"#,
        ErrorCode::PropertyConstraintViolation,
        "/3/idTag",
    )
    .answered(r#"[4,"19223203","PropertyConstraintViolation","AuthorizeRequest.idTag: string of 22 characters is longer than the maximum length of 20 characters",{"pointer":"/3/idTag"}]"#);
    to_csms::<v201::Request>(
        r#"[2,"d0b7a8e2-0001","BootNotification",{"chargingStation":{"model":"Wallbox Pulsar Plus","vendorName":"Wall Box Chargers S.L. - Zaragoza manufacturing plant 2"},"reason":"PowerUp"}]"#,
        ErrorCode::PropertyConstraintViolation,
        "/3/chargingStation/vendorName",
    )
    .answered(r#"[4,"d0b7a8e2-0001","PropertyConstraintViolation","BootNotificationRequest.chargingStation.vendorName: string of 55 characters is longer than the maximum length of 50 characters",{"pointer":"/3/chargingStation/vendorName"}]"#);
    to_csms::<v21::Request>(
        r#"[2,"b1a0c9d8-0001","BootNotification",{"chargingStation":{"model":"Eve Double Pro-line DC 22 kW","vendorName":"Alfen BV"},"reason":"PowerUp"}]"#,
        ErrorCode::PropertyConstraintViolation,
        "/3/chargingStation/model",
    )
    .answered(r#"[4,"b1a0c9d8-0001","PropertyConstraintViolation","BootNotificationRequest.chargingStation.model: string of 28 characters is longer than the maximum length of 20 characters",{"pointer":"/3/chargingStation/model"}]"#);
}

#[test]
fn a_number_out_of_range_is_a_property_constraint_violation() {
    // 1.6's schemas have no minimum or maximum: 2.x only.
    to_charge_point::<v201::Request>(
        r#"[2,"7c2e9f10-0004","SetChargingProfile",{"evseId":1,"chargingProfile":{"id":5,"stackLevel":1,"chargingProfilePurpose":"TxProfile","chargingProfileKind":"Absolute","transactionId":"3f5e7a0c-9d1b-4e8a-a4c2-6b1f0e2d9c17","chargingSchedule":[{"id":2,"startSchedule":"2024-05-14T08:05:00Z","chargingRateUnit":"W","chargingSchedulePeriod":[{"startPeriod":0,"limit":11000.0}],"salesTariff":{"id":1,"numEPriceLevels":2,"salesTariffEntry":[{"relativeTimeInterval":{"start":0,"duration":3600},"ePriceLevel":1},{"relativeTimeInterval":{"start":3600},"ePriceLevel":-1}]}}]}}]"#,
        ErrorCode::PropertyConstraintViolation,
        "/3/chargingProfile/chargingSchedule/0/salesTariff/salesTariffEntry/1/ePriceLevel",
    )
    .answered(r#"[4,"7c2e9f10-0004","PropertyConstraintViolation","SetChargingProfileRequest.chargingProfile.chargingSchedule[0].salesTariff.salesTariffEntry[1].ePriceLevel: -1 is less than the minimum of 0",{"pointer":"/3/chargingProfile/chargingSchedule/0/salesTariff/salesTariffEntry/1/ePriceLevel"}]"#);
    to_csms::<v21::Request>(
        r#"[2,"b1a0c9d8-0003","TransactionEvent",{"eventType":"Started","timestamp":"2025-03-03T16:58:10Z","triggerReason":"RemoteStart","seqNo":0,"transactionInfo":{"transactionId":"b8d1c6c2-3e0f-4f53-9a27-1f1d3a7e5c40","remoteStartId":1234,"transactionLimit":{"maxSoC":110}}}]"#,
        ErrorCode::PropertyConstraintViolation,
        "/3/transactionInfo/transactionLimit/maxSoC",
    )
    .answered(r#"[4,"b1a0c9d8-0003","PropertyConstraintViolation","TransactionEventRequest.transactionInfo.transactionLimit.maxSoC: 110 is more than the maximum of 100",{"pointer":"/3/transactionInfo/transactionLimit/maxSoC"}]"#);
}

#[test]
fn a_number_not_a_multiple_of_its_step_is_a_property_constraint_violation() {
    // 1.6's charging limits are multiples of 0.1 (2.x has no multipleOf).
    to_charge_point::<v16::Request>(
        r#"[2,"a3c1e0d2-0004","SetChargingProfile",{"connectorId":1,"csChargingProfiles":{"chargingProfileId":7,"stackLevel":2,"chargingProfilePurpose":"TxDefaultProfile","chargingProfileKind":"Absolute","chargingSchedule":{"chargingRateUnit":"A","chargingSchedulePeriod":[{"startPeriod":0,"limit":13.85}]}}}]"#,
        ErrorCode::PropertyConstraintViolation,
        "/3/csChargingProfiles/chargingSchedule/chargingSchedulePeriod/0/limit",
    )
    .answered(r#"[4,"a3c1e0d2-0004","PropertyConstraintViolation","SetChargingProfileRequest.csChargingProfiles.chargingSchedule.chargingSchedulePeriod[0].limit: 13.85 is not a multiple of 0.1",{"pointer":"/3/csChargingProfiles/chargingSchedule/chargingSchedulePeriod/0/limit"}]"#);
    // The same limit is fine in 2.0.1.
    let read = Endpoint::<v201::Request>::charge_point().read(SESSION_V201[10]);
    assert!(matches!(read, Ok(Frame::Call(_))), "{read:?}");
}

#[test]
fn a_date_time_without_its_offset_is_a_property_constraint_violation() {
    to_csms::<v16::Request>(
        r#"[2,"19223205","MeterValues",{"connectorId":1,"transactionId":1842,"meterValue":[{"timestamp":"2018-05-29T17:37:05.495259","sampledValue":[{"value":"1527912","measurand":"Energy.Active.Import.Register","unit":"Wh"}]}]}]"#,
        ErrorCode::PropertyConstraintViolation,
        "/3/meterValue/0/timestamp",
    )
    .answered(r#"[4,"19223205","PropertyConstraintViolation","MeterValuesRequest.meterValue[0].timestamp: not a date-time as RFC 3339 writes it (such as \"2026-11-27T10:00:00Z\")",{"pointer":"/3/meterValue/0/timestamp"}]"#);
    to_csms::<v201::Request>(
        r#"[2,"d0b7a8e2-0004","TransactionEvent",{"eventType":"Updated","timestamp":"2024-05-14 08:30:00","triggerReason":"MeterValuePeriodic","seqNo":14,"transactionInfo":{"transactionId":"3f5e7a0c-9d1b-4e8a-a4c2-6b1f0e2d9c17"}}]"#,
        ErrorCode::PropertyConstraintViolation,
        "/3/timestamp",
    )
    .answered(r#"[4,"d0b7a8e2-0004","PropertyConstraintViolation","TransactionEventRequest.timestamp: not a date-time as RFC 3339 writes it (such as \"2026-11-27T10:00:00Z\")",{"pointer":"/3/timestamp"}]"#);
    to_csms::<v21::Request>(
        r#"[2,"b1a0c9d8-0002","StatusNotification",{"timestamp":"2025-03-03T16:55:00","connectorStatus":"Available","evseId":1,"connectorId":2}]"#,
        ErrorCode::PropertyConstraintViolation,
        "/3/timestamp",
    )
    .answered(r#"[4,"b1a0c9d8-0002","PropertyConstraintViolation","StatusNotificationRequest.timestamp: not a date-time as RFC 3339 writes it (such as \"2026-11-27T10:00:00Z\")",{"pointer":"/3/timestamp"}]"#);
}

#[test]
fn a_location_that_is_not_a_uri_is_a_property_constraint_violation() {
    // Only 1.6 has `format: uri`: GetDiagnostics and UpdateFirmware.
    to_charge_point::<v16::Request>(
        r#"[2,"a3c1e0d2-0005","GetDiagnostics",{"location":"diag.example.com/uploads","retries":3,"retryInterval":60}]"#,
        ErrorCode::PropertyConstraintViolation,
        "/3/location",
    )
    .answered(r#"[4,"a3c1e0d2-0005","PropertyConstraintViolation","GetDiagnosticsRequest.location: not an absolute URI as RFC 3986 writes it (such as \"https://example.com/path\")",{"pointer":"/3/location"}]"#);
    to_charge_point::<v16::Request>(
        r#"[2,"a3c1e0d2-0006","UpdateFirmware",{"location":"fw.example.com/abb/terra-ac-1.7.0.bin","retrieveDate":"2024-05-14T02:00:00Z"}]"#,
        ErrorCode::PropertyConstraintViolation,
        "/3/location",
    )
    .answered(r#"[4,"a3c1e0d2-0006","PropertyConstraintViolation","UpdateFirmwareRequest.location: not an absolute URI as RFC 3986 writes it (such as \"https://example.com/path\")",{"pointer":"/3/location"}]"#);
    let read = Endpoint::<v16::Request>::charge_point().read(
        r#"[2,"a3c1e0d2-0005","GetDiagnostics",{"location":"ftp://diag:secret@diag.example.com/uploads/","retries":3,"retryInterval":60}]"#,
    );
    assert!(matches!(read, Ok(Frame::Call(_))), "{read:?}");
}

#[test]
fn an_unknown_action_is_not_implemented() {
    // 1.6: 2.0.1's SetVariables sent to a 1.6 charge point.
    let refusal = to_charge_point::<v16::Request>(
        r#"[2,"a3c1e0d2-0007","SetVariables",{"setVariableData":[{"attributeValue":"300","component":{"name":"OCPPCommCtrlr"},"variable":{"name":"HeartbeatInterval"}}]}]"#,
        ErrorCode::NotImplemented,
        "/2",
    );
    assert_eq!(refusal.error.action(), None);
    refusal.answered(r#"[4,"a3c1e0d2-0007","NotImplemented","`SetVariables` is not an action of OCPP 1.6",{"pointer":"/2"}]"#);
    // 2.0.1: 1.6's StartTransaction sent to a 2.0.1 CSMS.
    to_csms::<v201::Request>(
        r#"[2,"d0b7a8e2-0008","StartTransaction",{"connectorId":1,"idTag":"04A2B3C4D5E680","meterStart":1523400,"timestamp":"2024-05-14T08:02:41Z"}]"#,
        ErrorCode::NotImplemented,
        "/2",
    )
    .answered(r#"[4,"d0b7a8e2-0008","NotImplemented","`StartTransaction` is not an action of OCPP 2.0.1",{"pointer":"/2"}]"#);
    // 2.1: names are exact, and escaped in the description.
    to_csms::<v21::Request>(
        r#"[2,"b1a0c9d8-0007","heartbeat",{}]"#,
        ErrorCode::NotImplemented,
        "/2",
    )
    .answered(r#"[4,"b1a0c9d8-0007","NotImplemented","`heartbeat` is not an action of OCPP 2.1",{"pointer":"/2"}]"#);
    to_csms::<v21::Request>(
        "[2,\"b1a0c9d8-0008\",\"Heartbeat\\n\",{}]",
        ErrorCode::NotImplemented,
        "/2",
    )
    .answered(r#"[4,"b1a0c9d8-0008","NotImplemented","`Heartbeat\\n` is not an action of OCPP 2.1",{"pointer":"/2"}]"#);
}

#[test]
fn an_action_the_sender_may_not_send_is_not_supported() {
    // The CSMS gets a Reset, in each version.
    to_csms::<v16::Request>(
        r#"[2,"19223212","Reset",{"type":"Hard"}]"#,
        ErrorCode::NotSupported,
        "/2",
    )
    .answered(r#"[4,"19223212","NotSupported","`Reset` is sent by the CSMS, not by a charge point",{"pointer":"/2"}]"#);
    to_csms::<v201::Request>(
        r#"[2,"d0b7a8e2-0009","Reset",{"type":"Immediate"}]"#,
        ErrorCode::NotSupported,
        "/2",
    )
    .answered(r#"[4,"d0b7a8e2-0009","NotSupported","`Reset` is sent by the CSMS, not by a charge point",{"pointer":"/2"}]"#);
    to_csms::<v21::Request>(
        r#"[2,"b1a0c9d8-0009","Reset",{"type":"OnIdle","evseId":1}]"#,
        ErrorCode::NotSupported,
        "/2",
    )
    .answered(r#"[4,"b1a0c9d8-0009","NotSupported","`Reset` is sent by the CSMS, not by a charge point",{"pointer":"/2"}]"#);
    // And a charge point gets a BootNotification.
    let refusal = to_charge_point::<v201::Request>(SESSION_V201[0], ErrorCode::NotSupported, "/2");
    assert_eq!(refusal.error.action(), Some("BootNotification"));
    refusal.answered(r#"[4,"d0b7a8e2-4c1f-4b6e-9a0d-5e3f2c1b0a01","NotSupported","`BootNotification` is sent by a charge point, not by the CSMS",{"pointer":"/2"}]"#);
    // The direction is checked before the payload is read.
    to_csms::<v16::Request>(
        r#"[2,"19223213","Reset",{"type":"Warm"}]"#,
        ErrorCode::NotSupported,
        "/2",
    );
    // An observer reads both ways.
    let read = Endpoint::<v21::Request>::observer()
        .read(r#"[2,"b1a0c9d8-0009","Reset",{"type":"OnIdle","evseId":1}]"#);
    assert!(matches!(read, Ok(Frame::Call(_))), "{read:?}");
}

#[test]
fn a_call_of_a_send_action_or_a_send_of_a_call_action_is_not_supported() {
    let stream =
        r#"{"data":[{"t":0.0,"v":"230.1"}],"id":3,"pending":0,"basetime":"2025-03-03T17:20:00Z"}"#;
    to_csms::<v21::Request>(
        &format!(r#"[2,"b1a0c9d8-0004","NotifyPeriodicEventStream",{stream}]"#),
        ErrorCode::NotSupported,
        "/2",
    )
    .answered(r#"[4,"b1a0c9d8-0004","NotSupported","`NotifyPeriodicEventStream` is sent in a SEND, not in a CALL",{"pointer":"/2"}]"#);
    // A SEND has no answer.
    let refusal = to_csms::<v21::Request>(
        r#"[6,"b1a0c9d8-0010","Heartbeat",{}]"#,
        ErrorCode::NotSupported,
        "/2",
    );
    assert_eq!(
        refusal.error.message(),
        "`Heartbeat` is sent in a CALL, not in a SEND"
    );
    assert_eq!(refusal.error.message_type(), Some(MessageType::Send));
    refusal.unanswered();
}

/// Broken frames of `M`'s version: each refused with the version's frame
/// code; answered where the message id was read.
fn broken_frames<M: Messages>(id: &str) {
    let code = frame_code::<M>();
    let name = spelled::<M>(code);
    let answer = |message: &str, pointer: &str| {
        format!(r#"[4,"{id}","{name}","{message}",{{"pointer":"{pointer}"}}]"#)
    };
    let minus_one = |message: &str, pointer: &str| {
        format!(r#"[4,"-1","{name}","{message}",{{"pointer":"{pointer}"}}]"#)
    };
    let v16 = M::VERSION == Version::V16;

    // Not an array: an object of the frame's parts, as some libraries write.
    let refusal = to_csms::<M>(
        &format!(r#"{{"messageTypeId":2,"messageId":"{id}","action":"Heartbeat","payload":{{}}}}"#),
        code,
        "",
    );
    assert_eq!(refusal.error.message_type(), None);
    if v16 {
        refusal.unanswered();
    } else {
        refusal.answered(&minus_one(
            "frame: invalid type: map, expected an OCPP-J frame (a JSON array)",
            "",
        ));
    }

    // Too few elements, in each type of frame.
    to_csms::<M>(&format!(r#"[2,"{id}","Heartbeat"]"#), code, "")
        .answered(&answer("frame: a CALL has 4 elements, this one has 3", ""));
    let mut charge_point = Endpoint::<M>::charge_point();
    charge_point
        .pending()
        .insert(MessageId::new(id).unwrap(), "Heartbeat");
    let refusal = refused(&mut charge_point, &format!(r#"[3,"{id}"]"#), code, "");
    assert_eq!(refusal.error.action(), Some("Heartbeat"));
    if M::VERSION.has_send() {
        refusal.answered(&format!(
            r#"[5,"{id}","{name}","frame: a CALLRESULT has 3 elements, this one has 2",{{"pointer":""}}]"#
        ));
    } else {
        refusal.unanswered();
    }
    to_charge_point::<M>(
        &format!(r#"[4,"{id}","GenericError","Reboot in progress"]"#),
        code,
        "",
    )
    .unanswered();

    // Too many (a CALL's answer: see `a_call_broken_after_its_payload_...`).
    to_csms::<M>(&format!(r#"[2,"{id}","Heartbeat",{{}},{{}}]"#), code, "/4");
    let refusal = to_charge_point::<M>(&format!(r#"[3,"{id}",{{}},"extra"]"#), code, "/3");
    if M::VERSION.has_send() {
        refusal.answered(&format!(
            r#"[5,"{id}","{name}","frame: a CALLRESULT has 3 elements, this one has more",{{"pointer":"/3"}}]"#
        ));
    } else {
        refusal.unanswered();
    }
    to_charge_point::<M>(
        &format!(r#"[4,"{id}","GenericError","",{{}},{{}}]"#),
        code,
        "/5",
    )
    .unanswered();

    // Elements of the wrong type.
    // The message type first: the id is not read yet.
    let refusal = to_csms::<M>(&format!(r#"["2","{id}","Heartbeat",{{}}]"#), code, "/0");
    let message = "frame: the message type must be an integer, found a string";
    if v16 {
        refusal.unanswered();
    } else {
        refusal.answered(&minus_one(message, "/0"));
    }
    to_csms::<M>(
        &format!(r#"[2,"{id}",{{"action":"Heartbeat"}},{{}}]"#),
        code,
        "/2",
    )
    .answered(&answer(
        "frame: the action of a CALL must be a string, found an object",
        "/2",
    ));
    to_charge_point::<M>(
        &format!(r#"[4,"{id}",500,"Internal error",{{}}]"#),
        code,
        "/2",
    )
    .unanswered();
    to_charge_point::<M>(
        &format!(r#"[4,"{id}","InternalError",null,{{}}]"#),
        code,
        "/3",
    )
    .unanswered();
    to_charge_point::<M>(
        &format!(r#"[4,"{id}","InternalError","",null]"#),
        code,
        "/4",
    )
    .unanswered();
    // An error code the version does not have.
    to_charge_point::<M>(&format!(r#"[4,"{id}","Timeout","",{{}}]"#), code, "/2").unanswered();

    // Trailing characters, and a frame cut short (a CALL's answers: see
    // `a_call_broken_after_its_payload_is_answered_with_its_id`).
    to_csms::<M>(&format!(r#"[2,"{id}","Heartbeat",{{}}] []"#), code, "");
    to_csms::<M>(&format!(r#"[2,"{id}","Heartbeat",{{}}"#), code, "");
    to_csms::<M>(&format!(r#"[2,"{id}","Heartbeat",{{}},]"#), code, "");
    to_csms::<M>(&format!(r#"[2,"{id}","Heart"#), code, "")
        .answered(&answer("frame: EOF while parsing a string", ""));
    let refusal = to_charge_point::<M>(&format!(r#"[3,"{id}",{{}}] x"#), code, "");
    if !M::VERSION.has_send() {
        refusal.unanswered();
    }
    // White space around a frame is fine.
    let read = Endpoint::<M>::csms().read(&format!(" [2, \"{id}\", \"Heartbeat\", {{}}]\r\n"));
    assert!(matches!(read, Ok(Frame::Call(_))), "{read:?}");
}

/// A CALL broken after its payload: an element more, a trailing comma,
/// no `]`, trailing characters (and a 2.1 CALLRESULT with trailing
/// characters). Its message id was read: each is answered with it.
fn broken_after_the_payload<M: Messages>(id: &str) {
    let code = frame_code::<M>();
    let name = spelled::<M>(code);
    let cases = [
        (
            format!(r#"[2,"{id}","Heartbeat",{{}},{{}}]"#),
            "/4",
            "frame: a CALL has 4 elements, this one has more",
        ),
        (
            format!(r#"[2,"{id}","Heartbeat",{{}},]"#),
            "",
            "frame: trailing comma",
        ),
        (
            format!(r#"[2,"{id}","Heartbeat",{{}}"#),
            "",
            "frame: EOF while parsing a list",
        ),
        (
            format!(r#"[2,"{id}","Heartbeat",{{}}] []"#),
            "",
            "frame: trailing characters",
        ),
    ];
    for (frame, pointer, message) in cases {
        let refusal = to_csms::<M>(&frame, code, pointer);
        assert_eq!(refusal.error.message(), message);
        assert_eq!(
            refusal.error.message_id().map(MessageId::as_str),
            Some(id),
            "{frame}"
        );
        refusal.answered(&format!(
            r#"[4,"{id}","{name}","{message}",{{"pointer":"{pointer}"}}]"#
        ));
    }
    // 2.1 answers a CALLRESULT broken after its payload with its id too.
    if M::VERSION.has_send() {
        to_charge_point::<M>(&format!(r#"[3,"{id}",{{}}] x"#), code, "").answered(&format!(
            r#"[5,"{id}","{name}","frame: trailing characters",{{"pointer":""}}]"#
        ));
    }
}

#[test]
fn a_call_broken_after_its_payload_is_answered_with_its_id() {
    broken_after_the_payload::<v16::Request>("19223208");
    broken_after_the_payload::<v201::Request>("d0b7a8e2-0005");
    broken_after_the_payload::<v21::Request>("b1a0c9d8-0005");
}

/// Frames whose JSON breaks between the element before the payload (or a
/// CALLERROR's details) and the payload: the payload was never there, the
/// frame itself is broken.
fn broken_before_the_payload<M: Messages>(id: &str) {
    let code = frame_code::<M>();
    let name = spelled::<M>(code);
    for (frame, message) in [
        (
            format!(r#"[2,"{id}","Heartbeat""#),
            "frame: EOF while parsing a list",
        ),
        (
            format!(r#"[2,"{id}","Heartbeat" {{}}]"#),
            "frame: expected `,` or `]`",
        ),
        (
            format!(r#"[2,"{id}","Heartbeat","#),
            "frame: EOF while parsing a value",
        ),
    ] {
        let refusal = to_csms::<M>(&frame, code, "");
        assert_eq!(refusal.error.message(), message);
        refusal.answered(&format!(
            r#"[4,"{id}","{name}","{message}",{{"pointer":""}}]"#
        ));
    }
    to_charge_point::<M>(&format!(r#"[3,"{id}""#), code, "");
    to_charge_point::<M>(
        &format!(r#"[4,"{id}","GenericError","Reboot in progress""#),
        code,
        "",
    )
    .unanswered();
}

#[test]
fn a_frame_broken_before_its_payload_is_a_broken_frame() {
    broken_before_the_payload::<v16::Request>("19223208");
    broken_before_the_payload::<v201::Request>("d0b7a8e2-0005");
    broken_before_the_payload::<v21::Request>("b1a0c9d8-0005");
}

#[test]
fn a_broken_frame_is_a_protocol_error_in_1_6_and_an_rpc_framework_error_in_2_x() {
    broken_frames::<v16::Request>("19223201");
    broken_frames::<v201::Request>("d0b7a8e2-4c1f-4b6e-9a0d-5e3f2c1b0a01");
    broken_frames::<v21::Request>("b1a0c9d8-0001");
}

/// Frames whose message type `M`'s version does not have.
fn unknown_message_types<M: Messages>(id: &str) {
    let numbers: &[u64] = if M::VERSION.has_send() {
        &[0, 1, 7, 8, 99]
    } else {
        &[0, 1, 5, 6, 7, 99]
    };
    let code = match M::VERSION {
        Version::V16 => ErrorCode::ProtocolError,
        _ => ErrorCode::MessageTypeNotSupported,
    };
    for number in numbers {
        let refusal = to_csms::<M>(
            &format!(r#"[{number},"{id}","Heartbeat",{{}}]"#),
            code,
            "/0",
        );
        assert_eq!(refusal.error.message_type(), None);
        assert_eq!(refusal.error.message_id().unwrap(), id);
        let known = if M::VERSION.has_send() {
            "2, 3, 4, 5 or 6"
        } else {
            "2, 3 or 4"
        };
        let message = format!(
            "frame: message type {number} is not one of {}'s ({known})",
            M::VERSION
        );
        assert_eq!(refusal.error.message(), message);
        // 2.x answers with MessageTypeNotSupported; 1.6 (see below).
        if M::VERSION != Version::V16 {
            refusal.answered(&format!(
                r#"[4,"{id}","MessageTypeNotSupported","{message}",{{"pointer":"/0"}}]"#
            ));
        }
    }
}

#[test]
fn an_unknown_message_type_is_a_protocol_error_in_1_6_and_not_supported_in_2_x() {
    unknown_message_types::<v16::Request>("19223201");
    unknown_message_types::<v201::Request>("d0b7a8e2-4c1f-4b6e-9a0d-5e3f2c1b0a01");
    unknown_message_types::<v21::Request>("b1a0c9d8-0001");
    // 2.1's CALLRESULTERROR and SEND, sent to 2.0.1.
    to_charge_point::<v201::Request>(
        r#"[5,"d0b7a8e2-0001","FormatViolation","",{}]"#,
        ErrorCode::MessageTypeNotSupported,
        "/0",
    );
    to_csms::<v201::Request>(
        r#"[6,"d0b7a8e2-0002","NotifyPeriodicEventStream",{"data":[{"t":0.0,"v":"230.1"}],"id":3,"pending":0,"basetime":"2025-03-03T17:20:00Z"}]"#,
        ErrorCode::MessageTypeNotSupported,
        "/0",
    )
    .answered(r#"[4,"d0b7a8e2-0002","MessageTypeNotSupported","frame: message type 6 is not one of OCPP 2.0.1's (2, 3 or 4)",{"pointer":"/0"}]"#);
}

#[test]
fn an_unknown_message_type_is_not_answered_in_1_6() {
    to_csms::<v16::Request>(
        r#"[5,"19223201","FormationViolation","",{}]"#,
        ErrorCode::ProtocolError,
        "/0",
    )
    .unanswered();
    to_csms::<v16::Request>(
        r#"[7,"19223201","Heartbeat",{}]"#,
        ErrorCode::ProtocolError,
        "/0",
    )
    .unanswered();
}

fn unreadable_message_ids<M: Messages>() {
    let code = frame_code::<M>();
    let name = spelled::<M>(code);
    let cases = [
        // A number for the id.
        (
            r#"[2,19223201,"Heartbeat",{}]"#,
            "/1",
            "frame: the message id must be a string, found an integer",
        ),
        (
            r#"[2,null,"Heartbeat",{}]"#,
            "/1",
            "frame: the message id must be a string, found null",
        ),
        // No id at all.
        (r#"[2]"#, "", "frame: no message id after the message type"),
        (r#"[]"#, "", "frame: an empty array"),
        // The message type unreadable.
        (
            r#"[2.0,"19223201","Heartbeat",{}]"#,
            "/0",
            "frame: the message type must be an integer, found a number written with a fraction or an exponent",
        ),
        (
            r#"[-2,"19223201","Heartbeat",{}]"#,
            "/0",
            "frame: the message type must be an integer, found a negative number",
        ),
        // Not JSON: a WebSocket ping sent as text, an empty message.
        ("ping", "", "frame: expected value"),
        ("", "", "frame: EOF while parsing a value"),
    ];
    for (frame, pointer, message) in cases {
        let refusal = to_csms::<M>(frame, code, pointer);
        assert_eq!(refusal.error.message_id(), None);
        assert_eq!(refusal.error.message(), message);
        if M::VERSION == Version::V16 {
            refusal.unanswered();
        } else {
            refusal.answered(&format!(
                r#"[4,"-1","{name}","{message}",{{"pointer":"{pointer}"}}]"#
            ));
        }
    }
}

#[test]
fn an_unreadable_message_id_is_answered_with_minus_one_in_2_x_and_not_in_1_6() {
    unreadable_message_ids::<v16::Request>();
    unreadable_message_ids::<v201::Request>();
    unreadable_message_ids::<v21::Request>();
}

#[test]
fn an_unreadable_message_id_of_a_callresult_or_callerror_is_not_answered_with_a_callerror() {
    let refusal = to_csms::<v201::Request>(
        r#"[3,19223201,{"currentTime":"2024-05-14T09:50:00Z"}]"#,
        ErrorCode::RpcFrameworkError,
        "/1",
    );
    assert_eq!(refusal.error.message_type(), Some(MessageType::CallResult));
    refusal.unanswered();
    to_csms::<v201::Request>(
        r#"[4,19223201,"GenericError","",{}]"#,
        ErrorCode::RpcFrameworkError,
        "/1",
    )
    .unanswered();
    to_csms::<v21::Request>(
        r#"[4,"3f5e7a0c-9d1b-4e8a-a4c2-6b1f0e2d9c17-0","GenericError","",{}]"#,
        ErrorCode::RpcFrameworkError,
        "/1",
    )
    .unanswered();
    // 2.1 answers a CALLRESULT with a CALLRESULTERROR.
    to_csms::<v21::Request>(
        r#"[3,19223201,{"currentTime":"2024-05-14T09:50:00Z"}]"#,
        ErrorCode::RpcFrameworkError,
        "/1",
    )
    .answered(r#"[5,"-1","RpcFrameworkError","frame: the message id must be a string, found an integer",{"pointer":"/1"}]"#);
}

#[test]
fn the_first_mistake_from_the_start_of_the_frame_decides_the_code() {
    to_csms::<v201::Request>(
        r#"[9,19223201,"Heartbeat",{}]"#,
        ErrorCode::MessageTypeNotSupported,
        "/0",
    )
    .answered(r#"[4,"-1","MessageTypeNotSupported","frame: message type 9 is not one of OCPP 2.0.1's (2, 3 or 4)",{"pointer":"/0"}]"#);
}

#[test]
fn a_broken_callresult_is_answered_with_a_callresulterror_in_2_1_only() {
    // 1.6: the CSMS answers a BootNotification with a lowercase status.
    let mut charge_point = Endpoint::<v16::Request>::charge_point();
    let boot: v16::BootNotificationRequest =
        value(r#"{"chargePointVendor":"ABB","chargePointModel":"Terra AC W22-T-R-0"}"#);
    charge_point.call(boot).unwrap();
    let refusal = refused(
        &mut charge_point,
        r#"[3,"1",{"status":"accepted","currentTime":"2024-05-14T07:58:12Z","interval":300}]"#,
        ErrorCode::PropertyConstraintViolation,
        "/2/status",
    );
    assert_eq!(refusal.error.message_type(), Some(MessageType::CallResult));
    assert_eq!(refusal.error.action(), Some("BootNotification"));
    refusal.unanswered();
    assert!(charge_point.pending().is_empty(), "the call was answered");

    // 2.0.1: a cache expiry without its offset.
    let mut charge_point = Endpoint::<v201::Request>::charge_point();
    let authorize: v201::AuthorizeRequest =
        value(r#"{"idToken":{"idToken":"04A2B3C4D5E680","type":"ISO14443"}}"#);
    charge_point.call(authorize).unwrap();
    refused(
        &mut charge_point,
        r#"[3,"1",{"idTokenInfo":{"status":"Accepted","cacheExpiryDateTime":"2024-05-15 08:00:00"}}]"#,
        ErrorCode::PropertyConstraintViolation,
        "/2/idTokenInfo/cacheExpiryDateTime",
    )
    .unanswered();

    // 2.1: an interval written as a string; the CALLRESULTERROR goes back.
    let mut charge_point = Endpoint::<v21::Request>::charge_point();
    let boot: v21::BootNotificationRequest = value(
        r#"{"chargingStation":{"model":"Eve Double Pro-line","vendorName":"Alfen BV"},"reason":"PowerUp"}"#,
    );
    charge_point.call(boot).unwrap();
    refused(
        &mut charge_point,
        r#"[3,"1",{"currentTime":"2025-03-03T16:55:00Z","interval":"300","status":"Accepted"}]"#,
        ErrorCode::TypeConstraintViolation,
        "/2/interval",
    )
    .answered(r#"[5,"1","TypeConstraintViolation","BootNotificationResponse.interval: invalid type: string \"300\", expected an integer from -9223372036854775808 to 9223372036854775807",{"pointer":"/2/interval"}]"#);
    // A missing property of a response: the details name it.
    let mut csms = Endpoint::<v21::Request>::csms();
    csms.call(v21::ClearCacheRequest::new()).unwrap();
    refused(
        &mut csms,
        r#"[3,"1",{"statusInfo":{"reasonCode":"NoCache"}}]"#,
        ErrorCode::OccurrenceConstraintViolation,
        "/2",
    )
    .answered(r#"[5,"1","OccurrenceConstraintViolation","ClearCacheResponse: missing required field `status`",{"pointer":"/2","missing":["status"]}]"#);
}

#[test]
fn a_broken_callerror_callresulterror_or_send_has_no_answer() {
    // CALLERRORs with details that are not an object, or a key twice: the
    // details are the frame's own element, so the frame's code.
    let refusal = to_charge_point::<v16::Request>(
        r#"[4,"19223201","InternalError","Database timeout",{"retry":true,"retry":false}]"#,
        ErrorCode::ProtocolError,
        "/4",
    );
    assert_eq!(refusal.error.message_type(), Some(MessageType::CallError));
    refusal.unanswered();
    to_charge_point::<v201::Request>(
        r#"[4,"d0b7a8e2-0001","InternalError","Database timeout","retry later"]"#,
        ErrorCode::RpcFrameworkError,
        "/4",
    )
    .unanswered();
    to_charge_point::<v21::Request>(
        r#"[4,"b1a0c9d8-0001","InternalError","Database timeout",[]]"#,
        ErrorCode::RpcFrameworkError,
        "/4",
    )
    .unanswered();
    // A CALLRESULTERROR with an unknown code.
    let refusal = to_charge_point::<v21::Request>(
        r#"[5,"b1a0c9d8-0001","FormationViolation","1.6's spelling",{}]"#,
        ErrorCode::RpcFrameworkError,
        "/2",
    );
    assert_eq!(
        refusal.error.message_type(),
        Some(MessageType::CallResultError)
    );
    refusal.unanswered();
    // A SEND whose payload breaks its schema: the error has the code the
    // receiver would answer with, but nothing answers.
    let refusal = to_csms::<v21::Request>(
        r#"[6,"b1a0c9d8-0004","NotifyPeriodicEventStream",{"data":[{"t":0.0,"v":"230.1"}],"id":3,"pending":-1,"basetime":"2025-03-03T17:20:00Z"}]"#,
        ErrorCode::PropertyConstraintViolation,
        "/3/pending",
    );
    assert_eq!(refusal.error.message_type(), Some(MessageType::Send));
    assert_eq!(refusal.error.action(), Some("NotifyPeriodicEventStream"));
    refusal.unanswered();
}

#[test]
fn an_answer_has_no_raw_control_character() {
    let frames = [
        // In the message id, which the answer repeats.
        "[2,\"19223201\u{85}\",\"Hello\",{}]",
        "[2,\"19223201\u{2028}\",\"Heartbeat\",{\"now\":true}]",
        "[2,\"19223201\u{7f}\",\"Heartbeat\",{\"now\":true}]",
        // In a key of the open JSON of a DataTransfer, which the pointer names.
        "[2,\"19223201\",\"DataTransfer\",{\"vendorId\":\"com.alfen\",\"data\":{\"a\u{85}\u{2028}\":{\"b\":1,\"b\":2}}}]",
    ];
    for frame in frames {
        let error = Endpoint::<v21::Request>::csms().read(frame).unwrap_err();
        let answer = error.answer().unwrap();
        assert!(
            is_one_line(&answer),
            "{frame:?} is answered with {answer:?}"
        );
    }
}

// ---------------------------------------------------------------------------
// Lenient reading.

const WALLBOX_BOOT: &str = r#"[2,"19223201","BootNotification",{"chargePointVendor":"Wallbox Chargers S.L.","chargePointModel":"Commander 2","chargePointSerialNumber":"CMX2-048213","firmwareVersion":"5.17.12"}]"#;

#[test]
fn a_tolerant_endpoint_reads_what_its_policy_tolerates_and_reports_it() {
    // Strict (the default): 21 characters where 1.6 allows 20.
    let mut strict = Endpoint::<v16::Request>::csms();
    refused(
        &mut strict,
        WALLBOX_BOOT,
        ErrorCode::PropertyConstraintViolation,
        "/3/chargePointVendor",
    )
    .answered(r#"[4,"19223201","PropertyConstraintViolation","BootNotificationRequest.chargePointVendor: string of 21 characters is longer than the maximum length of 20 characters",{"pointer":"/3/chargePointVendor"}]"#);
    assert!(strict.deviations().is_empty());

    // Tolerant: read, and the deviation reported.
    let mut tolerant = Endpoint::<v16::Request>::csms().with_policy(Policy::TOLERANT);
    assert_eq!(tolerant.side(), Side::Csms);
    assert_eq!(Endpoint::<v16::Request>::observer().side(), Side::Observer);
    let frame = tolerant.read(WALLBOX_BOOT).unwrap();
    let Frame::Call(Call {
        payload: v16::Request::BootNotification(boot),
        ..
    }) = &frame
    else {
        panic!("{frame:?}")
    };
    assert_eq!(boot.charge_point_vendor, "Wallbox Chargers S.L.");
    let [deviation] = tolerant.deviations() else {
        panic!("{:?}", tolerant.deviations())
    };
    assert_eq!(deviation.kind(), ErrorKind::Length);
    // Its path counts from the frame, as a FrameError's does.
    assert_eq!(deviation.pointer(), "/3/chargePointVendor");
    assert_eq!(
        deviation.message(),
        "BootNotificationRequest.chargePointVendor: string of 21 characters is longer than the maximum length of 20 characters"
    );

    // The next read clears them: a clean frame, a broken one.
    tolerant.read(SESSION_V16[20]).unwrap();
    assert!(tolerant.deviations().is_empty());
    tolerant.read(WALLBOX_BOOT).unwrap();
    assert_eq!(tolerant.deviations().len(), 1);
    refused(
        &mut tolerant,
        r#"[2,"19223208","Heartbeat",{},{}]"#,
        ErrorCode::ProtocolError,
        "/4",
    );
    assert!(tolerant.deviations().is_empty());

    // The frame itself is always strict, and so is what the policy does not
    // tolerate.
    refused(
        &mut tolerant,
        r#"[2,"19223201","BootNotification",{"chargePointVendor":"Wallbox Chargers S.L."}]"#,
        ErrorCode::OccurrenceConstraintViolation,
        "/3",
    );

    // A CALLRESULT is read leniently too: 2.0.1, a status in lowercase.
    let mut charge_point = Endpoint::<v201::Request>::charge_point().with_policy(Policy::TOLERANT);
    charge_point.call(v201::HeartbeatRequest::new()).unwrap();
    let boot: v201::BootNotificationRequest = value(
        r#"{"chargingStation":{"model":"Wallbox Pulsar Plus","vendorName":"Wall Box Chargers S.L."},"reason":"PowerUp"}"#,
    );
    charge_point.call(boot).unwrap();
    let frame = charge_point
        .read(
            r#"[3,"2",{"currentTime":"2024-05-14T07:58:12Z","interval":300,"status":"accepted"}]"#,
        )
        .unwrap();
    assert!(matches!(frame, Frame::CallResult(_)), "{frame:?}");
    assert_eq!(charge_point.deviations().len(), 1);
    assert_eq!(
        charge_point.deviations()[0].kind(),
        ErrorKind::UnknownEnumValue
    );

    // 2.1: a null where a value may be absent.
    let mut csms = Endpoint::<v21::Request>::csms().with_policy(Policy::TOLERANT);
    let frame = csms
        .read(r#"[2,"b1a0c9d8-0003","TransactionEvent",{"eventType":"Started","timestamp":"2025-03-03T16:58:10Z","triggerReason":"RemoteStart","seqNo":0,"transactionInfo":{"transactionId":"b8d1c6c2-3e0f-4f53-9a27-1f1d3a7e5c40","remoteStartId":null}}]"#)
        .unwrap();
    assert!(matches!(frame, Frame::Call(_)));
    assert_eq!(csms.deviations()[0].kind(), ErrorKind::Null);
}

// ---------------------------------------------------------------------------
// Hostility: any text, and real frames mutated, never make a reader panic,
// and every answer is one line of JSON that the other side reads.

/// Cases per property test: `OCPP_RPC_CASES`, or 256.
fn cases() -> u32 {
    std::env::var("OCPP_RPC_CASES")
        .map(|n| n.parse().expect("OCPP_RPC_CASES is a number"))
        .unwrap_or(256)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Every real frame of the tests, of every version.
fn corpus() -> Vec<String> {
    let mut corpus: Vec<String> = SESSION_V16
        .iter()
        .chain(SESSION_V201)
        .chain(SESSION_V21)
        .map(|frame| (*frame).to_owned())
        .collect();
    corpus.push(WALLBOX_BOOT.to_owned());
    corpus.push(
        r#"[2,"a3c1e0d2-0004","SetChargingProfile",{"connectorId":1,"csChargingProfiles":{"chargingProfileId":7,"stackLevel":2,"chargingProfilePurpose":"TxDefaultProfile","chargingProfileKind":"Absolute","chargingSchedule":{"chargingRateUnit":"A","chargingSchedulePeriod":[{"startPeriod":0,"limit":13.85}]}}}]"#.to_owned(),
    );
    corpus
}

/// Makes `endpoint` wait for the answers to the calls of `log`.
fn primed<M: Messages>(mut endpoint: Endpoint<M>, log: &[&str]) -> Endpoint<M> {
    for frame in log {
        let frame = json(frame);
        if frame[0] == 2 {
            if let Some(action) = M::find_action(frame[2].as_str().unwrap()) {
                let id = MessageId::new(frame[1].as_str().unwrap()).unwrap();
                endpoint.pending().insert(id, action.name);
            }
        }
    }
    endpoint
}

/// Reads `text` as each side of `M`'s version (and a tolerant charge
/// point), waiting for the calls of `log`: no panic; a frame read strictly
/// is written and read again as itself; an error's message is one line, and
/// its answer, if any, one line of JSON, with a bounded, escaped
/// description, that the other side reads as a CALLERROR (CALLRESULTERROR)
/// of the same code and message id.
fn hostile<M: Messages>(text: &str, log: &[&str]) -> Result<(), TestCaseError> {
    let sides: [fn() -> Endpoint<M>; 4] = [
        Endpoint::<M>::csms,
        Endpoint::<M>::charge_point,
        Endpoint::<M>::observer,
        || Endpoint::<M>::charge_point().with_policy(Policy::TOLERANT),
    ];
    for side in sides {
        let mut reader = primed(side(), log);
        match reader.read(text) {
            // What a tolerant side reads may break the schema: it is not
            // written again.
            Ok(_) if !reader.deviations().is_empty() => {}
            Ok(frame) => {
                let written = frame.to_json();
                prop_assert!(written.is_ok(), "{frame:?} can't be written: {written:?}");
                let written = written.unwrap();
                let again = primed(side(), log).read(&written);
                prop_assert_eq!(again.ok(), Some(frame), "{}", written);
            }
            Err(error) => {
                prop_assert!(is_one_line(error.message()), "{:?}", error.message());
                prop_assert_eq!(error.version(), M::VERSION);
                let Some(answer) = error.answer() else {
                    continue;
                };
                prop_assert!(!answer.contains(['\n', '\r']), "{answer:?}");
                let array: Value = serde_json::from_str(&answer)
                    .map_err(|e| TestCaseError::fail(format!("{answer:?}: {e}")))?;
                prop_assert_eq!(array.as_array().map(Vec::len), Some(5), "{}", answer);
                let description = array[3].as_str().unwrap_or_default();
                prop_assert!(description.chars().count() <= DESCRIPTION_LIMIT);
                prop_assert!(is_one_line(description), "{description:?}");
                prop_assert_eq!(array[2].as_str(), error.code().as_str(M::VERSION));
                let kind = match error.message_type() {
                    Some(MessageType::CallResult) => {
                        prop_assert!(M::VERSION.has_send());
                        5
                    }
                    Some(MessageType::Call) | None => 4,
                    Some(other) => {
                        return Err(TestCaseError::fail(format!("a {other} is answered")))
                    }
                };
                prop_assert_eq!(array[0].as_u64(), Some(kind));
                match Endpoint::<M>::observer().read(&answer) {
                    Ok(Frame::CallError(back) | Frame::CallResultError(back)) => {
                        prop_assert_eq!(back.code, error.code());
                        prop_assert_eq!(
                            back.message_id.as_str(),
                            error.message_id().map_or("-1", MessageId::as_str)
                        );
                    }
                    other => {
                        return Err(TestCaseError::fail(format!(
                            "{answer:?} is read as {other:?}"
                        )))
                    }
                }
            }
        }
    }
    Ok(())
}

fn hostile_everywhere(text: &str) -> Result<(), TestCaseError> {
    hostile::<v16::Request>(text, SESSION_V16)?;
    hostile::<v201::Request>(text, SESSION_V201)?;
    hostile::<v21::Request>(text, SESSION_V21)
}

/// Pieces that break frames in interesting ways.
const PIECES: &[&str] = &[
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "\\",
    " ",
    "0",
    "2",
    "3",
    "4",
    "5",
    "6",
    "7",
    "-1",
    "1.5",
    "1e400",
    "18446744073709551616",
    "null",
    "true",
    "\"\"",
    "[]",
    "{}",
    "\u{0}",
    "\n",
    "\u{7f}",
    "\u{85}",
    "\u{2028}",
    "\u{202e}",
    "é",
    "😀",
    "\\u0000",
    "\\ud800",
    "\\n",
    "\"x\":1",
    "\"customData\":{\"vendorId\":\"a\"}",
    "Heartbeat",
    "NotifyPeriodicEventStream",
    "Reset",
];

/// A real frame, edited in a few places: text inserted, removed, replaced,
/// or the frame cut.
fn mutated_frame() -> impl Strategy<Value = String> {
    let edit = (any::<Index>(), 0u8..4, select(PIECES), 0usize..8);
    (select(corpus()), prop::collection::vec(edit, 1..5)).prop_map(|(mut text, edits)| {
        for (at, op, piece, len) in edits {
            let mut at = at.index(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + len).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            match op {
                0 => text.insert_str(at, piece),
                1 => text.replace_range(at..end, ""),
                2 => text.replace_range(at..end, piece),
                _ => text.truncate(at),
            }
        }
        text
    })
}

/// Any JSON value, small.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        any::<String>().prop_map(Value::from),
        select(PIECES).prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop_oneof![any::<String>(), select(PIECES).prop_map(str::to_owned)],
                    inner
                ),
                0..4
            )
            .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

/// The JSON Pointers of every value in `value`.
fn pointers(value: &Value, at: String, all: &mut Vec<String>) {
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                pointers(item, format!("{at}/{i}"), all);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                let key = key.replace('~', "~0").replace('/', "~1");
                pointers(item, format!("{at}/{key}"), all);
            }
        }
        _ => {}
    }
    all.push(at);
}

/// A real frame with one of its values replaced by any JSON, or removed.
fn frame_with_a_value_changed() -> impl Strategy<Value = String> {
    (select(corpus()), any::<Index>(), any_json(), any::<bool>()).prop_map(
        |(text, at, replacement, remove)| {
            let mut frame = json(&text);
            let mut all = Vec::new();
            pointers(&frame, String::new(), &mut all);
            let pointer = &all[at.index(all.len())];
            if remove && !pointer.is_empty() {
                let (parent, last) = pointer.rsplit_once('/').unwrap();
                match frame.pointer_mut(parent) {
                    Some(Value::Object(map)) => {
                        map.remove(&last.replace("~1", "/").replace("~0", "~"));
                    }
                    Some(Value::Array(items)) => {
                        items.remove(last.parse::<usize>().unwrap());
                    }
                    _ => {}
                }
            } else if let Some(slot) = frame.pointer_mut(pointer) {
                *slot = replacement;
            }
            frame.to_string()
        },
    )
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_text_is_read_without_panic_and_answered_in_one_line_of_json(text in any::<String>()) {
        hostile_everywhere(&text)?;
    }

    #[test]
    fn text_of_frame_characters_is_read_without_panic(
        text in "[\\[\\]{}\",:0-9a-zA-Z .\\-\\\\]{0,48}",
    ) {
        hostile_everywhere(&text)?;
    }

    #[test]
    fn a_mutated_real_frame_is_read_without_panic_and_answered_in_one_line_of_json(
        text in mutated_frame(),
    ) {
        hostile_everywhere(&text)?;
    }

    #[test]
    fn a_real_frame_with_a_value_changed_is_read_without_panic(
        text in frame_with_a_value_changed(),
    ) {
        hostile_everywhere(&text)?;
    }
}
