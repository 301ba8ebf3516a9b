//! A small central system (CSMS) that speaks OCPP-J over a real WebSocket,
//! with nothing but `ocpp_types`' messages and frames for OCPP.
//!
//! In one terminal, the central system:
//!
//! ```text
//! cargo run --example csms -- --version v201 --port 9000
//! ```
//!
//! and in another, a charge point (`examples/charge-point.rs`):
//!
//! ```text
//! cargo run --example charge-point -- --version v201 ws://127.0.0.1:9000/CP001
//! ```
//!
//! Options: `--version v16|v201|v21` (default `v16`), `--port N` (default 0:
//! any free port), `--once` (exit after the first session a charge point
//! ends), `--drop-mid-transaction` (close the first connection when a
//! transaction message after the start arrives, before answering it: the
//! charge point is to reconnect and send it again).
//! The first line on stdout is `listening on ws://127.0.0.1:<port>`; then
//! each OCPP frame sent is a line `> <frame>` and each one received
//! `< <frame>`, as on the wire. Everything else goes to stderr.
//!
//! A charge point connects to `ws://127.0.0.1:<port>/<its id>` and must offer
//! the version's subprotocol (`ocpp1.6`, `ocpp2.0.1`, `ocpp2.1`). One that
//! doesn't is refused as OCPP-J says: the handshake completes without a
//! `Sec-WebSocket-Protocol` header, and the connection is closed at once.
//!
//! The CSMS runs an [`rpc::Session`](ocpp_types::rpc::Session) per
//! connection, with a handler per action it serves
//! ([`rpc::Handlers`](ocpp_types::rpc::Handlers)): it accepts every boot, id
//! tag and transaction, and answers other actions `NotImplemented`. After a
//! boot it asks the charge point for its heartbeat interval (1.6
//! `GetConfiguration`, 2.x `GetVariables`). A broken frame is answered with
//! the CALLERROR that
//! [`FrameError::answer`](ocpp_types::rpc::FrameError::answer) writes.

mod exchange;

use std::io::Write;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use exchange::{Result, Wire};
use ocpp_types::rpc::{CallRejected, Config, Event, Handlers, Messages, Session, Version};
use ocpp_types::{v16, v201, v21, DateTime};
use tokio::net::{TcpListener, TcpStream};
use tokio_tungstenite::tungstenite::handshake::server::{ErrorResponse, Request, Response};
use tokio_tungstenite::tungstenite::http::{HeaderValue, StatusCode};

/// The heartbeat interval a boot is accepted with, in seconds.
const HEARTBEAT_INTERVAL: i64 = 300;

/// What the central system answers, and asks, in one version (its
/// `Request` enum).
trait Csms: Messages {
    /// The handler of each action it serves.
    fn handlers() -> Handlers<Self>;

    /// Calls what the CSMS asks once a charge point has booted.
    fn after_boot(session: &mut Session<Self>) -> Result<(), CallRejected>;

    /// What the response to that request says, for the log.
    fn describe(response: &Self::Response) -> String;

    /// Whether the request is a transaction message after the start (where
    /// `--drop-mid-transaction` drops the connection).
    fn is_mid_transaction(&self) -> bool;
}

/// The next transaction id (1.6, where the CSMS gives them out).
fn next_transaction_id() -> i64 {
    static NEXT: AtomicI64 = AtomicI64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

impl Csms for v16::Request {
    fn handlers() -> Handlers<v16::Request> {
        use v16::*;
        let accepted = || IdTagInfo::new(IdTagInfoStatus::Accepted);
        Handlers::new()
            .on(|_, _: BootNotificationRequest| {
                let status = BootNotificationResponseStatus::Accepted;
                BootNotificationResponse::new(status, DateTime::now(), HEARTBEAT_INTERVAL)
            })
            .on(|_, _: HeartbeatRequest| HeartbeatResponse::new(DateTime::now()))
            .on(|_, _: StatusNotificationRequest| StatusNotificationResponse::new())
            .on(move |_, _: AuthorizeRequest| AuthorizeResponse::new(accepted()))
            .on(move |_, _: StartTransactionRequest| {
                StartTransactionResponse::new(accepted(), next_transaction_id())
            })
            .on(|_, _: MeterValuesRequest| MeterValuesResponse::new())
            .on(|_, _: StopTransactionRequest| StopTransactionResponse::new())
    }

    fn after_boot(session: &mut Session<v16::Request>) -> Result<(), CallRejected> {
        let keys = vec!["HeartbeatInterval".to_owned()];
        session.call(v16::GetConfigurationRequest::new().with_key(keys))?;
        Ok(())
    }

    fn describe(response: &v16::Response) -> String {
        match response {
            v16::Response::GetConfiguration(configuration) => {
                let keys = configuration.configuration_key.iter().flatten();
                let values: Vec<_> = keys
                    .map(|key| format!("{}={}", key.key, key.value.as_deref().unwrap_or("")))
                    .collect();
                format!("configuration: {}", values.join(", "))
            }
            other => format!("{other:?}"),
        }
    }

    fn is_mid_transaction(&self) -> bool {
        matches!(self, v16::Request::MeterValues(values) if values.transaction_id.is_some())
    }
}

/// `Csms` for a 2.x version, whose messages have the same names and
/// constructors in 2.0.1 and 2.1.
macro_rules! csms_2x {
    ($version:ident) => {
        impl Csms for $version::Request {
            fn handlers() -> Handlers<$version::Request> {
                use $version::*;
                let accepted = || IdTokenInfoType::new(AuthorizationStatusEnumType::Accepted);
                Handlers::new()
                    .on(|_, _: BootNotificationRequest| {
                        let status = RegistrationStatusEnumType::Accepted;
                        BootNotificationResponse::new(DateTime::now(), HEARTBEAT_INTERVAL, status)
                    })
                    .on(|_, _: HeartbeatRequest| HeartbeatResponse::new(DateTime::now()))
                    .on(|_, _: StatusNotificationRequest| StatusNotificationResponse::new())
                    .on(move |_, _: AuthorizeRequest| AuthorizeResponse::new(accepted()))
                    // An id token in the event asks for its status.
                    .on(move |_, event: TransactionEventRequest| match event.id_token {
                        Some(_) => TransactionEventResponse::new().with_id_token_info(accepted()),
                        None => TransactionEventResponse::new(),
                    })
                    .on(|_, _: MeterValuesRequest| MeterValuesResponse::new())
            }

            fn after_boot(session: &mut Session<$version::Request>) -> Result<(), CallRejected> {
                use $version::*;
                let interval = GetVariableDataType::new(
                    ComponentType::new("OCPPCommCtrlr"),
                    VariableType::new("HeartbeatInterval"),
                );
                session.call(GetVariablesRequest::new(vec![interval]))?;
                Ok(())
            }

            fn describe(response: &$version::Response) -> String {
                match response {
                    $version::Response::GetVariables(variables) => {
                        let values: Vec<_> = variables
                            .get_variable_result
                            .iter()
                            .map(|result| {
                                let value = result.attribute_value.as_deref().unwrap_or("");
                                let status = &result.attribute_status;
                                format!("{}={value} ({status})", result.variable.name)
                            })
                            .collect();
                        format!("variables: {}", values.join(", "))
                    }
                    other => format!("{other:?}"),
                }
            }

            fn is_mid_transaction(&self) -> bool {
                use $version::*;
                matches!(
                    self,
                    Request::TransactionEvent(event)
                        if event.event_type == TransactionEventEnumType::Updated
                )
            }
        }
    };
}

csms_2x!(v201);
csms_2x!(v21);

/// Accepts a connection whose path is a charge point id and that offers the
/// version's subprotocol, and runs its session until the connection is
/// closed; `drop` (once set) drops it in the middle of a transaction.
/// Returns whether the charge point ended the session (a refused or dropped
/// connection did not).
async fn serve<M: Csms>(stream: TcpStream, drop: &AtomicBool) -> Result<bool> {
    let subprotocol = M::VERSION.subprotocol();
    let (mut id, mut offered) = (String::new(), false);
    #[allow(clippy::result_large_err)] // the error type is tungstenite's
    let handshake = |request: &Request, mut response: Response| {
        id = request.uri().path().trim_start_matches('/').to_owned();
        if id.is_empty() {
            let mut refusal = ErrorResponse::new(Some("connect to /<charge point id>".into()));
            *refusal.status_mut() = StatusCode::NOT_FOUND;
            return Err(refusal);
        }
        let headers: Vec<&str> = request
            .headers()
            .get_all("Sec-WebSocket-Protocol")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .collect();
        offered = Version::negotiate(&headers.join(","), &[M::VERSION]).is_some();
        if offered {
            let value = HeaderValue::from_static(subprotocol);
            response
                .headers_mut()
                .insert("Sec-WebSocket-Protocol", value);
        }
        Ok(response)
    };
    let socket = match tokio_tungstenite::accept_hdr_async_with_config(
        stream,
        handshake,
        Some(exchange::config()),
    )
    .await
    {
        Ok(socket) => socket,
        Err(error) => {
            eprintln!("refused a connection: {error}");
            return Ok(false);
        }
    };
    let mut wire = Wire::new(socket);
    // OCPP-J's refusal: the handshake is done, without the header, and the
    // connection closed at once.
    if !offered {
        eprintln!("{id}: refused, it does not offer {subprotocol}");
        let _ = tokio::time::timeout(Duration::from_secs(5), wire.close()).await;
        return Ok(false);
    }
    eprintln!("{id}: connected with {subprotocol}");

    let mut session = Session::<M>::csms(Config::default());
    let mut handlers = M::handlers();
    while wire.turn(&mut session).await? {
        while let Some(event) = session.poll_event() {
            match event {
                Event::Request(incoming) => {
                    let call = &incoming.call().payload;
                    if call.is_mid_transaction() && drop.swap(false, Ordering::Relaxed) {
                        eprintln!("{id}: dropping the connection mid-transaction");
                        wire.close().await?;
                        return Ok(false);
                    }
                    let booted = incoming.action() == "BootNotification";
                    if let Err(error) = handlers.handle(&mut session, &mut (), incoming) {
                        eprintln!("{id}: our response broke its schema: {error}");
                    }
                    if booted {
                        M::after_boot(&mut session)?;
                    }
                }
                Event::Answered(answered) => match answered.outcome {
                    Ok(response) => eprintln!("{id}: {}", M::describe(&response)),
                    Err(failure) => eprintln!("{id}: our {} failed: {failure}", answered.action),
                },
                Event::Broken(error) => eprintln!("{id}: broken frame: {error}"),
                other => eprintln!("{id}: {other:?}"),
            }
        }
    }
    eprintln!("{id}: disconnected");
    Ok(true)
}

/// Serves one connection as `version`.
async fn serve_as(version: Version, stream: TcpStream, drop: &AtomicBool) -> Result<bool> {
    match version {
        Version::V16 => serve::<v16::Request>(stream, drop).await,
        Version::V201 => serve::<v201::Request>(stream, drop).await,
        Version::V21 => serve::<v21::Request>(stream, drop).await,
        other => Err(format!("{other} is not supported").into()),
    }
}

const USAGE: &str =
    "usage: csms [--version v16|v201|v21] [--port N] [--once] [--drop-mid-transaction]";

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let (mut version, mut port, mut once, mut drop) = (Version::V16, 0, false, false);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--version" => match args.next().as_deref().and_then(exchange::version) {
                Some(named) => version = named,
                None => return usage(),
            },
            "--port" => match args.next().and_then(|port| port.parse().ok()) {
                Some(number) => port = number,
                None => return usage(),
            },
            "--once" => once = true,
            "--drop-mid-transaction" => drop = true,
            _ => return usage(),
        }
    }
    match run(version, port, once, Arc::new(AtomicBool::new(drop))).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("csms: {error}");
            ExitCode::FAILURE
        }
    }
}

fn usage() -> ExitCode {
    eprintln!("{USAGE}");
    ExitCode::from(2)
}

async fn run(version: Version, port: u16, once: bool, drop: Arc<AtomicBool>) -> Result<()> {
    let listener = TcpListener::bind(("127.0.0.1", port)).await?;
    println!("listening on ws://{}", listener.local_addr()?);
    std::io::stdout().flush()?;
    loop {
        let (stream, _) = listener.accept().await?;
        if once {
            // One charge point at a time; done after a session it ended.
            match serve_as(version, stream, &drop).await {
                Ok(true) => return Ok(()),
                Ok(false) => {}
                Err(error) => return Err(error),
            }
        } else {
            let drop = drop.clone();
            tokio::spawn(async move {
                if let Err(error) = serve_as(version, stream, &drop).await {
                    eprintln!("csms: {error}");
                }
            });
        }
    }
}
