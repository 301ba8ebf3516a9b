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
//! It runs an [`rpc::Session`](ocpp_types::rpc::Session), with a handler per
//! action the CSMS may call ([`rpc::Handlers`](ocpp_types::rpc::Handlers)).
//! When the connection drops in the middle of the session, it connects again
//! (waiting 0.1 s, then twice as long each time, up to 8 attempts) and goes
//! on: the session sends the transaction message that was in flight again,
//! and any taken meanwhile, in order.
//!
//! Each OCPP frame sent is a line `> <frame>` on stdout and each one received
//! `< <frame>`, as on the wire; everything else goes to stderr. The exit
//! status is 0 only when every answer came as expected.

mod exchange;

use std::process::ExitCode;
use std::time::{Duration, Instant};

use exchange::{Result, Wire};
use ocpp_types::rpc::{
    Action, Call, CallFailure, Config, ErrorCode, Event, Frame, Handlers, MessageId, Messages,
    Session, Version,
};
use ocpp_types::{v16, v201, v21, DateTime};
use serde_json::Value;
use tokio::net::TcpStream;
use tokio::time::timeout;
use tokio_tungstenite::tungstenite::http::Uri;
use tokio_tungstenite::tungstenite::ClientRequestBuilder;

/// How long the charge point waits for any answer.
const ANSWER_TIME: Duration = Duration::from_secs(10);
/// How many times it tries to connect again after a drop.
const RECONNECTS: u32 = 8;
const VENDOR: &str = "ocpp-types";
const MODEL: &str = "Simulator";
const ID_TAG: &str = "04A2B3C4D5E6F7";

/// What the charge point does in one version (its `Request` enum).
trait Station: Messages {
    /// The handler of each CSMS request it serves, with its state at hand.
    fn handlers() -> Handlers<Self, State>;

    /// The session, from the boot to the broken call.
    async fn run(cp: &mut ChargePoint<Self>) -> Result<()>;
}

/// What the handlers know and count.
#[derive(Default)]
struct State {
    heartbeat_interval: i64,
    /// How many of the CSMS's requests they answered.
    answered: usize,
}

/// One charge point's side of the connection.
struct ChargePoint<M: Station> {
    url: Uri,
    wire: Wire,
    session: Session<M>,
    handlers: Handlers<M, State>,
    state: State,
}

impl<M: Station> ChargePoint<M> {
    /// Connects to `url` (`ws://host:port/<id>`), offering the version's
    /// subprotocol; fails when the CSMS does not choose it.
    async fn connect(url: &str) -> Result<ChargePoint<M>> {
        let url: Uri = url.parse()?;
        if url.scheme_str() != Some("ws") {
            return Err("the URL must be ws://host:port/<charge point id>".into());
        }
        let config = Config::default().with_call_timeout(ANSWER_TIME);
        Ok(ChargePoint {
            wire: Self::open(&url).await?,
            url,
            session: Session::charge_point(config),
            handlers: M::handlers(),
            state: State::default(),
        })
    }

    /// A WebSocket to `url` with the version's subprotocol.
    async fn open(url: &Uri) -> Result<Wire> {
        let host = url.host().ok_or("the URL has no host")?;
        let stream = TcpStream::connect((host, url.port_u16().unwrap_or(80))).await?;
        let subprotocol = M::VERSION.subprotocol();
        let request = ClientRequestBuilder::new(url.clone()).with_sub_protocol(subprotocol);
        // tungstenite fails the handshake unless the answer chooses it.
        let (socket, _) =
            tokio_tungstenite::client_async_with_config(request, stream, Some(exchange::config()))
                .await?;
        eprintln!("connected to {url} with {subprotocol}");
        Ok(Wire::new(socket))
    }

    /// After a drop: connects again, waiting longer before each attempt.
    async fn reconnect(&mut self) -> Result<()> {
        self.session.disconnected();
        let mut wait = Duration::from_millis(100);
        for attempt in 1..=RECONNECTS {
            tokio::time::sleep(wait).await;
            match Self::open(&self.url).await {
                Ok(wire) => {
                    self.wire = wire;
                    self.session.connected();
                    return Ok(());
                }
                Err(error) => eprintln!("attempt {attempt} to connect again failed: {error}"),
            }
            wait *= 2;
        }
        Err("the CSMS is gone".into())
    }

    /// Calls `request` and waits for its response, answering the CSMS's
    /// calls and sending heartbeats meanwhile, and connecting again when
    /// the connection drops; a CALLERROR or a timeout fails.
    async fn call<R>(&mut self, request: R) -> Result<R::Response>
    where
        R: Action + Into<M>,
        R::Response: TryFrom<M::Response, Error = M::Response>,
    {
        let call = self.session.call(request)?;
        loop {
            while let Some(event) = self.session.poll_event() {
                match event {
                    Event::Answered(answered) => match call.outcome(answered) {
                        Ok(outcome) => return outcome.map_err(|failure| failed::<R>(&failure)),
                        Err(other) => eprintln!("{} answered", other.action),
                    },
                    Event::Request(incoming) => {
                        let handlers = &mut self.handlers;
                        handlers.handle(&mut self.session, &mut self.state, incoming)?;
                    }
                    other => return Err(format!("unexpected: {other:?}").into()),
                }
            }
            if self.session.heartbeat_due(Instant::now()) {
                self.session.heartbeat()?;
            }
            match self.wire.turn(&mut self.session).await {
                Ok(true) => {}
                Ok(false) => self.reconnect().await?,
                Err(error) => {
                    eprintln!("the connection failed: {error}");
                    self.reconnect().await?;
                }
            }
        }
    }

    /// Sends `request` with its required property `property` taken out,
    /// straight on the wire, and checks that the CSMS answers with a
    /// CALLERROR of `code` for it (which the session reads as an answer to
    /// no call of its own).
    async fn call_broken(
        &mut self,
        request: impl Into<M>,
        property: &str,
        code: ErrorCode,
    ) -> Result<()> {
        let id = MessageId::new("broken-1")?;
        let mut frame: Value = serde_json::to_value(Call::<M>::new(id.clone(), request))?;
        let payload = frame.get_mut(3).and_then(Value::as_object_mut);
        payload
            .and_then(|payload| payload.remove(property))
            .ok_or_else(|| format!("the request has no `{property}`"))?;
        self.wire.send(frame.to_string()).await?;
        let text = timeout(ANSWER_TIME, self.wire.receive())
            .await??
            .ok_or("the CSMS closed the connection")?;
        self.session.receive(&text, Instant::now());
        match self.session.poll_event() {
            Some(Event::Stray(Frame::CallError(error)))
                if error.message_id == id && error.code == code =>
            {
                eprintln!("the broken call was answered: {error}");
                Ok(())
            }
            other => {
                Err(format!("expected a CALLERROR {code} to message {id}, got {other:?}").into())
            }
        }
    }

    /// Checks that the CSMS made a request, and closes the connection.
    async fn finish(mut self) -> Result<()> {
        if self.state.answered == 0 {
            return Err("the CSMS made no request".into());
        }
        timeout(ANSWER_TIME, self.wire.close()).await?
    }
}

/// The error of a call of `R` that failed.
fn failed<R: Action>(failure: &CallFailure) -> Box<dyn std::error::Error + Send + Sync> {
    format!("{}: {failure}", R::ACTION).into()
}

impl Station for v16::Request {
    fn handlers() -> Handlers<v16::Request, State> {
        use v16::*;
        Handlers::new().on(|state: &mut State, request: GetConfigurationRequest| {
            state.answered += 1;
            let (known, unknown): (Vec<_>, Vec<_>) = request
                .key
                .unwrap_or_else(|| vec!["HeartbeatInterval".to_owned()])
                .into_iter()
                .partition(|key| key == "HeartbeatInterval");
            let interval = state.heartbeat_interval.to_string();
            let known = known
                .into_iter()
                .map(|key| ConfigurationKey::new(key, false).with_value(interval.clone()));
            let response =
                GetConfigurationResponse::new().with_configuration_key(known.collect::<Vec<_>>());
            match unknown.is_empty() {
                true => response,
                false => response.with_unknown_key(unknown),
            }
        })
    }

    async fn run(cp: &mut ChargePoint<v16::Request>) -> Result<()> {
        use v16::*;
        let connector = 1;
        let status = |status| {
            StatusNotificationRequest::new(connector, ChargePointErrorCode::NoError, status)
                .with_timestamp(DateTime::now())
        };
        let boot = BootNotificationRequest::new(VENDOR, MODEL);
        let booted = cp.call(boot.clone()).await?;
        if booted.status != BootNotificationResponseStatus::Accepted {
            return Err(format!("the boot was {}", booted.status).into());
        }
        cp.state.heartbeat_interval = booted.interval;
        cp.call(HeartbeatRequest::new()).await?;
        cp.call(status(StatusNotificationRequestStatus::Available))
            .await?;

        let authorized = cp.call(AuthorizeRequest::new(ID_TAG)).await?;
        if authorized.id_tag_info.status != IdTagInfoStatus::Accepted {
            return Err(format!("{ID_TAG} is {}", authorized.id_tag_info.status).into());
        }
        let start = StartTransactionRequest::new(connector, ID_TAG, 0, DateTime::now());
        let started = cp.call(start).await?;
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
            fn handlers() -> Handlers<$version::Request, State> {
                use $version::*;
                Handlers::new().on(|state: &mut State, request: GetVariablesRequest| {
                    state.answered += 1;
                    let results = request.get_variable_data.into_iter().map(|data| {
                        let (component, variable) = (data.component, data.variable);
                        if component.name == "OCPPCommCtrlr" && variable.name == "HeartbeatInterval"
                        {
                            let accepted = GetVariableStatusEnumType::Accepted;
                            GetVariableResultType::new(accepted, component, variable)
                                .with_attribute_value(state.heartbeat_interval.to_string())
                        } else {
                            let unknown = GetVariableStatusEnumType::UnknownVariable;
                            GetVariableResultType::new(unknown, component, variable)
                        }
                    });
                    GetVariablesResponse::new(results.collect::<Vec<_>>())
                })
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
                let booted = cp.call(boot.clone()).await?;
                if booted.status != RegistrationStatusEnumType::Accepted {
                    return Err(format!("the boot was {}", booted.status).into());
                }
                cp.state.heartbeat_interval = booted.interval;
                cp.call(HeartbeatRequest::new()).await?;
                cp.call(status(ConnectorStatusEnumType::Available)).await?;

                let id_token = IdTokenType::new(ID_TAG, $id_token_type);
                let authorize = AuthorizeRequest::new(id_token.clone());
                let authorized = cp.call(authorize).await?;
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
