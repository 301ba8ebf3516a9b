//! A charge point simulator that speaks OCPP-J over a real WebSocket, with
//! nothing but `ocpp_types`' messages and frames for OCPP.
//!
//! In one terminal, a central system (`examples/csms.rs`):
//!
//! ```text
//! cargo run --example csms -- --version v16 --port 9000
//! ```
//!
//! and in another, the charge point, with the same version:
//!
//! ```text
//! cargo run --example charge-point -- --version v16 ws://127.0.0.1:9000/CP001
//! ```
//!
//! It offers the version's subprotocol (`ocpp1.6`, `ocpp2.0.1`, `ocpp2.1`)
//! and runs one session: a boot, a heartbeat, status notifications, an
//! authorization and a transaction with meter values (1.6: `StartTransaction`,
//! `MeterValues`, `StopTransaction`; 2.x: `TransactionEvent` `Started`,
//! `Updated`, `Ended`, and a `MeterValues` of the main meter). It answers the
//! CSMS's requests (1.6 `GetConfiguration`, 2.x `GetVariables`). Last, it sends
//! a `BootNotification` without a required property and checks that the CSMS
//! answers it with a CALLERROR `OccurrenceConstraintViolation` (which 1.6
//! spells `OccurenceConstraintViolation`). Then it closes the connection.
//!
//! Each OCPP frame sent is a line `> <frame>` on stdout and each one received
//! `< <frame>`, as on the wire; everything else goes to stderr. The exit
//! status is 0 only when every answer came as expected.

mod exchange;

use std::process::ExitCode;
use std::time::Duration;

use exchange::{Result, Wire};
use ocpp_types::rpc::{CallError, Endpoint, ErrorCode, Frame, Messages, Version};
use ocpp_types::{v16, v201, v21, DateTime};
use serde_json::Value;
use tokio::net::TcpStream;
use tokio::time::timeout;
use tokio_tungstenite::tungstenite::http::Uri;
use tokio_tungstenite::tungstenite::ClientRequestBuilder;

/// How long the charge point waits for any answer.
const ANSWER_TIME: Duration = Duration::from_secs(10);
const VENDOR: &str = "ocpp-types";
const MODEL: &str = "Simulator";
const ID_TAG: &str = "04A2B3C4D5E6F7";

/// What the charge point does in one version (its `Request` enum).
trait Station: Messages {
    /// The response to a CSMS's request, given the heartbeat interval;
    /// `None` for a request this charge point does not handle.
    fn answer(&self, heartbeat_interval: i64) -> Option<Self::Response>;

    /// The session, from the boot to the broken call.
    async fn run(cp: &mut ChargePoint<Self>) -> Result<()>;
}

/// One charge point's side of the connection.
struct ChargePoint<M> {
    wire: Wire,
    endpoint: Endpoint<M>,
    heartbeat_interval: i64,
    /// How many of the CSMS's requests it answered.
    answered: usize,
}

impl<M: Station> ChargePoint<M> {
    /// Connects to `url` (`ws://host:port/<id>`), offering the version's
    /// subprotocol; fails when the CSMS does not choose it.
    async fn connect(url: &str) -> Result<ChargePoint<M>> {
        let uri: Uri = url.parse()?;
        if uri.scheme_str() != Some("ws") {
            return Err("the URL must be ws://host:port/<charge point id>".into());
        }
        let host = uri.host().ok_or("the URL has no host")?;
        let stream = TcpStream::connect((host, uri.port_u16().unwrap_or(80))).await?;
        let subprotocol = M::VERSION.subprotocol();
        let request = ClientRequestBuilder::new(uri.clone()).with_sub_protocol(subprotocol);
        // tungstenite fails the handshake unless the answer chooses it.
        let (socket, _) =
            tokio_tungstenite::client_async_with_config(request, stream, Some(exchange::config()))
                .await?;
        eprintln!("connected to {uri} with {subprotocol}");
        Ok(ChargePoint {
            wire: Wire::new(socket),
            endpoint: Endpoint::charge_point(),
            heartbeat_interval: 0,
            answered: 0,
        })
    }

    /// Sends `request` and waits for its response, which is always of the
    /// request's action (the endpoint reads it as such); a CALLERROR fails.
    async fn call(&mut self, request: impl Into<M>) -> Result<M::Response> {
        let text = self.endpoint.call(request)?;
        self.wire.send(text).await?;
        self.answer()
            .await?
            .map_err(|error| format!("CALLERROR {error}").into())
    }

    /// Sends `request` with its required property `property` taken out, and
    /// checks that the CSMS answers with a CALLERROR of `code` for it.
    async fn call_broken(
        &mut self,
        request: impl Into<M>,
        property: &str,
        code: ErrorCode,
    ) -> Result<()> {
        let mut frame: Value = serde_json::from_str(&self.endpoint.call(request)?)?;
        let payload = frame.get_mut(3).and_then(Value::as_object_mut);
        payload
            .and_then(|payload| payload.remove(property))
            .ok_or_else(|| format!("the request has no `{property}`"))?;
        let id = frame[1].as_str().unwrap_or_default().to_owned();
        self.wire.send(frame.to_string()).await?;
        match self.answer().await? {
            Err(error) if error.message_id == id.as_str() && error.code == code => {
                eprintln!("the broken call was answered: {error}");
                Ok(())
            }
            other => {
                Err(format!("expected a CALLERROR {code} to message {id}, got {other:?}").into())
            }
        }
    }

    /// Reads until the answer to this side's call comes, answering the
    /// CSMS's calls meanwhile.
    async fn answer(&mut self) -> Result<Result<M::Response, CallError>> {
        loop {
            let text = timeout(ANSWER_TIME, self.wire.receive())
                .await??
                .ok_or("the CSMS closed the connection")?;
            match self.endpoint.read(&text) {
                Ok(Frame::CallResult(result)) => return Ok(Ok(result.payload)),
                Ok(Frame::CallError(error)) => return Ok(Err(error)),
                Ok(Frame::Call(call)) => {
                    let answer = match call.payload.answer(self.heartbeat_interval) {
                        Some(response) => {
                            self.answered += 1;
                            call.reply(response)?.to_json()?
                        }
                        None => call
                            .error(ErrorCode::NotSupported, "not handled by this charge point")
                            .to_json()?,
                    };
                    self.wire.send(answer).await?;
                }
                Ok(other) => return Err(format!("unexpected {}", other.message_type()).into()),
                Err(error) => {
                    if let Some(answer) = error.answer() {
                        self.wire.send(answer).await?;
                    }
                    return Err(format!("broken frame: {error}").into());
                }
            }
        }
    }

    /// Checks that the CSMS made a request, and closes the connection.
    async fn finish(mut self) -> Result<()> {
        if self.answered == 0 {
            return Err("the CSMS made no request".into());
        }
        timeout(ANSWER_TIME, self.wire.close()).await?
    }
}

impl Station for v16::Request {
    fn answer(&self, heartbeat_interval: i64) -> Option<v16::Response> {
        use v16::*;
        match self {
            Request::GetConfiguration(request) => {
                let keys = request.key.clone();
                let (known, unknown): (Vec<_>, Vec<_>) = keys
                    .unwrap_or_else(|| vec!["HeartbeatInterval".to_owned()])
                    .into_iter()
                    .partition(|key| key == "HeartbeatInterval");
                let known = known.into_iter().map(|key| {
                    ConfigurationKey::new(key, false).with_value(heartbeat_interval.to_string())
                });
                let mut response = GetConfigurationResponse::new()
                    .with_configuration_key(known.collect::<Vec<_>>());
                if !unknown.is_empty() {
                    response = response.with_unknown_key(unknown);
                }
                Some(response.into())
            }
            _ => None,
        }
    }

    async fn run(cp: &mut ChargePoint<v16::Request>) -> Result<()> {
        use v16::*;
        let connector = 1;
        let status = |status| {
            StatusNotificationRequest::new(connector, ChargePointErrorCode::NoError, status)
                .with_timestamp(DateTime::now())
        };
        let boot = BootNotificationRequest::new(VENDOR, MODEL);
        let Response::BootNotification(booted) = cp.call(boot.clone()).await? else {
            unreachable!()
        };
        if booted.status != BootNotificationResponseStatus::Accepted {
            return Err(format!("the boot was {}", booted.status).into());
        }
        cp.heartbeat_interval = booted.interval;
        cp.call(HeartbeatRequest::new()).await?;
        cp.call(status(StatusNotificationRequestStatus::Available))
            .await?;

        let Response::Authorize(authorized) = cp.call(AuthorizeRequest::new(ID_TAG)).await? else {
            unreachable!()
        };
        if authorized.id_tag_info.status != IdTagInfoStatus::Accepted {
            return Err(format!("{ID_TAG} is {}", authorized.id_tag_info.status).into());
        }
        let start = StartTransactionRequest::new(connector, ID_TAG, 0, DateTime::now());
        let Response::StartTransaction(started) = cp.call(start).await? else {
            unreachable!()
        };
        cp.call(status(StatusNotificationRequestStatus::Charging))
            .await?;
        let energy = MeterValueSampledValue::new("1520")
            .with_measurand(Measurand::EnergyActiveImportRegister)
            .with_unit(MeterValueSampledValueUnit::Wh);
        let meter_value = MeterValue::new(DateTime::now(), vec![energy]);
        let meter_values = MeterValuesRequest::new(connector, vec![meter_value])
            .with_transaction_id(started.transaction_id);
        cp.call(meter_values).await?;
        let stop = StopTransactionRequest::new(3040, DateTime::now(), started.transaction_id)
            .with_id_tag(ID_TAG)
            .with_reason(Reason::Local);
        cp.call(stop).await?;
        cp.call(status(StatusNotificationRequestStatus::Available))
            .await?;

        let code = ocpp_types::rpc::ErrorCode::OccurrenceConstraintViolation;
        cp.call_broken(boot, "chargePointModel", code).await
    }
}

/// `Station` for a 2.x version, whose messages have the same names and
/// constructors in 2.0.1 and 2.1; `$id_token_type` is the type of the id
/// token (an enum in 2.0.1, a string in 2.1).
macro_rules! station_2x {
    ($version:ident, $id_token_type:expr) => {
        impl Station for $version::Request {
            fn answer(&self, heartbeat_interval: i64) -> Option<$version::Response> {
                use $version::*;
                match self {
                    Request::GetVariables(request) => {
                        let results = request.get_variable_data.iter().map(|data| {
                            let (component, variable) =
                                (data.component.clone(), data.variable.clone());
                            if component.name == "OCPPCommCtrlr"
                                && variable.name == "HeartbeatInterval"
                            {
                                let accepted = GetVariableStatusEnumType::Accepted;
                                GetVariableResultType::new(accepted, component, variable)
                                    .with_attribute_value(heartbeat_interval.to_string())
                            } else {
                                let unknown = GetVariableStatusEnumType::UnknownVariable;
                                GetVariableResultType::new(unknown, component, variable)
                            }
                        });
                        Some(GetVariablesResponse::new(results.collect::<Vec<_>>()).into())
                    }
                    _ => None,
                }
            }

            async fn run(cp: &mut ChargePoint<$version::Request>) -> Result<()> {
                use $version::*;
                let (evse, connector) = (1, 1);
                let status = |status| {
                    StatusNotificationRequest::new(DateTime::now(), status, evse, connector)
                };
                let energy = |wh, context| {
                    let value = SampledValueType::new(wh).with_context(context);
                    vec![MeterValueType::new(vec![value], DateTime::now())]
                };
                let boot = BootNotificationRequest::new(
                    ChargingStationType::new(MODEL, VENDOR),
                    BootReasonEnumType::PowerUp,
                );
                let Response::BootNotification(booted) = cp.call(boot.clone()).await? else {
                    unreachable!()
                };
                if booted.status != RegistrationStatusEnumType::Accepted {
                    return Err(format!("the boot was {}", booted.status).into());
                }
                cp.heartbeat_interval = booted.interval;
                cp.call(HeartbeatRequest::new()).await?;
                cp.call(status(ConnectorStatusEnumType::Available)).await?;

                let id_token = IdTokenType::new(ID_TAG, $id_token_type);
                let authorize = AuthorizeRequest::new(id_token.clone());
                let Response::Authorize(authorized) = cp.call(authorize).await? else {
                    unreachable!()
                };
                if authorized.id_token_info.status != AuthorizationStatusEnumType::Accepted {
                    return Err(format!("{ID_TAG} is {}", authorized.id_token_info.status).into());
                }
                let transaction = TransactionType::new("TX-0001");
                let event = |event_type, trigger_reason, seq_no, transaction| {
                    TransactionEventRequest::new(
                        event_type,
                        DateTime::now(),
                        trigger_reason,
                        seq_no,
                        transaction,
                    )
                };
                let started = event(
                    TransactionEventEnumType::Started,
                    TriggerReasonEnumType::Authorized,
                    0,
                    transaction.clone(),
                )
                .with_evse(EVSEType::new(evse).with_connector_id(connector))
                .with_id_token(id_token)
                .with_meter_value(energy(0.0, ReadingContextEnumType::TransactionBegin));
                cp.call(started).await?;
                cp.call(status(ConnectorStatusEnumType::Occupied)).await?;
                let charging = transaction
                    .clone()
                    .with_charging_state(ChargingStateEnumType::Charging);
                let updated = event(
                    TransactionEventEnumType::Updated,
                    TriggerReasonEnumType::MeterValuePeriodic,
                    1,
                    charging,
                )
                .with_meter_value(energy(1520.0, ReadingContextEnumType::SamplePeriodic));
                cp.call(updated).await?;
                // The main meter, outside any transaction (EVSE 0).
                let main_meter = energy(98_765.0, ReadingContextEnumType::SamplePeriodic);
                cp.call(MeterValuesRequest::new(0, main_meter)).await?;
                let stopped = transaction.with_stopped_reason(ReasonEnumType::Local);
                let ended = event(
                    TransactionEventEnumType::Ended,
                    TriggerReasonEnumType::StopAuthorized,
                    2,
                    stopped,
                )
                .with_meter_value(energy(3040.0, ReadingContextEnumType::TransactionEnd));
                cp.call(ended).await?;
                cp.call(status(ConnectorStatusEnumType::Available)).await?;

                let code = ocpp_types::rpc::ErrorCode::OccurrenceConstraintViolation;
                cp.call_broken(boot, "chargingStation", code).await
            }
        }
    };
}

station_2x!(v201, IdTokenEnumType::ISO14443);
station_2x!(v21, "ISO14443");

/// Connects to `url` as a charge point of `M`'s version and runs the session.
async fn simulate<M: Station>(url: &str) -> Result<()> {
    let mut cp = ChargePoint::<M>::connect(url).await?;
    M::run(&mut cp).await?;
    cp.finish().await
}

const USAGE: &str = "usage: charge-point [--version v16|v201|v21] ws://127.0.0.1:<port>/<id>";

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let (mut version, mut url) = (Version::V16, None);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--version" => match args.next().as_deref().and_then(exchange::version) {
                Some(named) => version = named,
                None => return usage(),
            },
            _ if url.is_none() && !arg.starts_with('-') => url = Some(arg),
            _ => return usage(),
        }
    }
    let Some(url) = url else {
        return usage();
    };
    let session = match version {
        Version::V16 => simulate::<v16::Request>(&url).await,
        Version::V201 => simulate::<v201::Request>(&url).await,
        Version::V21 => simulate::<v21::Request>(&url).await,
        other => Err(format!("{other} is not supported").into()),
    };
    match session {
        Ok(()) => {
            eprintln!("done: every answer came");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("charge-point: {error}");
            ExitCode::FAILURE
        }
    }
}

fn usage() -> ExitCode {
    eprintln!("{USAGE}");
    ExitCode::from(2)
}
