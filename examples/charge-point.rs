//! A charge point simulator that speaks OCPP-J over a real WebSocket, on
//! `ocpp_types_tokio`'s client.
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
//! CSMS's requests (1.6 `GetConfiguration`, 2.x `GetVariables`). Then it closes
//! the connection.
//!
//! It is an [`ocpp_types_tokio::Client`], with a handler per action the CSMS
//! may call; it refuses no message of its own (a CSMS's refusal of a broken
//! frame is tested in `ocpp-types-tokio/tests/hostile.rs`). When the
//! connection drops in the middle of the session, the
//! client connects again (after 0.1 s, then twice as long each time, up to
//! 1 s) and the session goes on: the transaction message that was in flight
//! is sent again, and any called meanwhile, in order.
//!
//! Each OCPP frame sent is a line `> <frame>` on stdout and each one received
//! `< <frame>`, as on the wire; everything else goes to stderr. The exit
//! status is 0 only when every answer came as expected.

mod exchange;

use std::process::ExitCode;
use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use exchange::Result;
use ocpp_types::rpc::{Action, Handlers, Messages, Version};
use ocpp_types::{v16, v201, v21, DateTime};
use ocpp_types_tokio::{Client, ClientConfig, LinkConfig};

/// How long the charge point waits for any answer.
const ANSWER_TIME: Duration = Duration::from_secs(10);
const VENDOR: &str = "ocpp-types";
const MODEL: &str = "Simulator";
const ID_TAG: &str = "04A2B3C4D5E6F7";

/// What the charge point does in one version (its `Request` enum).
trait Station: Messages<Response: Send> + Send {
    /// The handler of each CSMS request it serves, with its state at hand.
    fn handlers() -> Handlers<Self, State>;

    /// The session, from the boot to the last status notification.
    async fn run(cp: &ChargePoint<Self>) -> Result<()>;
}

/// What the handlers know and count, shared with the session's script.
#[derive(Default)]
struct Shared {
    heartbeat_interval: AtomicI64,
    /// How many of the CSMS's requests they answered.
    answered: AtomicUsize,
}

type State = Arc<Shared>;

/// One charge point's side of the connection.
struct ChargePoint<M: Station> {
    client: Client<M>,
    state: State,
}

impl<M: Station> ChargePoint<M> {
    /// Connects to `url` (`ws://host:port/<id>`), offering the version's
    /// subprotocol; fails when the CSMS does not choose it.
    async fn connect(url: &str) -> Result<ChargePoint<M>> {
        let link = LinkConfig::default()
            .with_session(ocpp_types::rpc::Config::default().with_call_timeout(ANSWER_TIME));
        let config = ClientConfig::new(url)?
            .with_reconnect(Duration::from_millis(100), Duration::from_secs(1))
            .with_link(link)
            .with_observer(exchange::log);
        let state = State::default();
        let client = Client::connect(config, M::handlers(), state.clone()).await?;
        eprintln!("connected to {url} with {}", M::VERSION.subprotocol());
        Ok(ChargePoint { client, state })
    }

    /// Calls `request` and waits for its response; a CALLERROR or a timeout
    /// fails.
    async fn call<R>(&self, request: R) -> Result<R::Response>
    where
        R: Action + Into<M> + Send + 'static,
        R::Response: TryFrom<M::Response, Error = M::Response> + Send,
    {
        let response = self.client.call(request).await;
        response.map_err(|error| format!("{}: {error}", R::ACTION).into())
    }

    /// Checks that the CSMS made a request, and closes the connection.
    async fn finish(self) -> Result<()> {
        if self.state.answered.load(Ordering::Relaxed) == 0 {
            return Err("the CSMS made no request".into());
        }
        let unanswered = self.client.close().await;
        match unanswered.is_empty() {
            true => Ok(()),
            false => Err(format!("{} transaction messages unanswered", unanswered.len()).into()),
        }
    }
}

impl Station for v16::Request {
    fn handlers() -> Handlers<v16::Request, State> {
        use v16::*;
        Handlers::new().on(|state: &mut State, request: GetConfigurationRequest| {
            state.answered.fetch_add(1, Ordering::Relaxed);
            let (known, unknown): (Vec<_>, Vec<_>) = request
                .key
                .unwrap_or_else(|| vec!["HeartbeatInterval".to_owned()])
                .into_iter()
                .partition(|key| key == "HeartbeatInterval");
            let interval = state.heartbeat_interval.load(Ordering::Relaxed).to_string();
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

    async fn run(cp: &ChargePoint<v16::Request>) -> Result<()> {
        use v16::*;
        let connector = 1;
        let status = |status| {
            StatusNotificationRequest::new(connector, ChargePointErrorCode::NoError, status)
                .with_timestamp(DateTime::now())
        };
        let boot = BootNotificationRequest::new(VENDOR, MODEL);
        let booted = cp.call(boot).await?;
        if booted.status != BootNotificationResponseStatus::Accepted {
            return Err(format!("the boot was {}", booted.status).into());
        }
        cp.state
            .heartbeat_interval
            .store(booted.interval, Ordering::Relaxed);
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
        Ok(())
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
                    state.answered.fetch_add(1, Ordering::Relaxed);
                    let results = request.get_variable_data.into_iter().map(|data| {
                        let (component, variable) = (data.component, data.variable);
                        if component.name == "OCPPCommCtrlr" && variable.name == "HeartbeatInterval"
                        {
                            let accepted = GetVariableStatusEnumType::Accepted;
                            GetVariableResultType::new(accepted, component, variable)
                                .with_attribute_value(
                                    state.heartbeat_interval.load(Ordering::Relaxed).to_string(),
                                )
                        } else {
                            let unknown = GetVariableStatusEnumType::UnknownVariable;
                            GetVariableResultType::new(unknown, component, variable)
                        }
                    });
                    GetVariablesResponse::new(results.collect::<Vec<_>>())
                })
            }

            async fn run(cp: &ChargePoint<$version::Request>) -> Result<()> {
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
                let booted = cp.call(boot).await?;
                if booted.status != RegistrationStatusEnumType::Accepted {
                    return Err(format!("the boot was {}", booted.status).into());
                }
                cp.state
                    .heartbeat_interval
                    .store(booted.interval, Ordering::Relaxed);
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
                Ok(())
            }
        }
    };
}

station_2x!(v201, IdTokenEnumType::ISO14443);
station_2x!(v21, "ISO14443");

/// Connects to `url` as a charge point of `M`'s version and runs the session.
async fn simulate<M: Station>(url: &str) -> Result<()> {
    let cp = ChargePoint::<M>::connect(url).await?;
    M::run(&cp).await?;
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
