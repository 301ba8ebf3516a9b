//! A small central system (CSMS) on [`ocpp_types_tokio::Server`]: a handler
//! per action it serves, every version on one port if asked.
//!
//! In one terminal, the central system:
//!
//! ```text
//! cargo run --example csms -- --version all --port 9000
//! ```
//!
//! and in another, a charge point (`examples/charge-point.rs`):
//!
//! ```text
//! cargo run --example charge-point -- --version v201 ws://127.0.0.1:9000/CP001
//! ```
//!
//! Options: `--version v16|v201|v21|all` (default `v16`; `all` serves 1.6,
//! 2.0.1 and 2.1 on one port, choosing by subprotocol), `--port N` (default
//! 0: any free port), `--once` (exit after the first session a charge point
//! closes itself). The first line on stdout is
//! `listening on ws://127.0.0.1:<port>`; then each OCPP frame sent is a line
//! `> <frame>` and each one received `< <frame>`, as on the wire. Everything
//! else goes to stderr.
//!
//! A charge point connects to `ws://127.0.0.1:<port>/<its id>` and must offer
//! a version's subprotocol (`ocpp1.6`, `ocpp2.0.1`, `ocpp2.1`). One that
//! doesn't is refused as OCPP-J says: the handshake completes without a
//! `Sec-WebSocket-Protocol` header, and the connection is closed at once.
//!
//! The CSMS accepts every boot, id tag and transaction, and answers other
//! actions `NotImplemented`. After a boot it asks the charge point for its
//! heartbeat interval (1.6 `GetConfiguration`, 2.x `GetVariables`). A broken
//! frame is answered with the CALLERROR that
//! [`FrameError::answer`](ocpp_types::rpc::FrameError::answer) writes.

mod exchange;

use std::io::Write;
use std::process::ExitCode;
use std::sync::atomic::{AtomicI64, Ordering};

use exchange::Result;
use ocpp_types::rpc::{Handlers, Messages, Version};
use ocpp_types::{v16, v201, v21, DateTime};
use ocpp_types_tokio::{Accepted, Caller, Connection, Ended, Server, ServerConfig};

/// The heartbeat interval a boot is accepted with, in seconds.
const HEARTBEAT_INTERVAL: i64 = 300;

/// The next transaction id (1.6, where the CSMS gives them out).
fn next_transaction_id() -> i64 {
    static NEXT: AtomicI64 = AtomicI64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// Writes what the request after a boot found, to stderr.
fn report<M: Messages>(caller: &Caller<M>, found: Result<String, ocpp_types_tokio::Error>) {
    match found {
        Ok(answer) => eprintln!("{}: {answer}", caller.charge_point()),
        Err(error) => eprintln!("{}: our call failed: {error}", caller.charge_point()),
    }
}

/// 1.6's request after a boot: the heartbeat interval, by
/// `GetConfiguration`.
async fn after_boot_16(caller: Caller<v16::Request>) {
    let keys = vec!["HeartbeatInterval".to_owned()];
    let request = v16::GetConfigurationRequest::new().with_key(keys);
    let found = caller.call(request).await.map(|configuration| {
        let values: Vec<_> = (configuration.configuration_key.iter().flatten())
            .map(|key| format!("{}={}", key.key, key.value.as_deref().unwrap_or("")))
            .collect();
        format!("configuration: {}", values.join(", "))
    });
    report(&caller, found);
}

fn handlers_16(caller: Caller<v16::Request>) -> Handlers<v16::Request> {
    use v16::*;
    let accepted = || IdTagInfo::new(IdTagInfoStatus::Accepted);
    Handlers::new()
        .on(move |_, _: BootNotificationRequest| {
            tokio::spawn(after_boot_16(caller.clone()));
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

/// The handlers and the request after a boot of a 2.x version, whose
/// messages have the same names and constructors in 2.0.1 and 2.1.
macro_rules! csms_2x {
    ($version:ident, $handlers:ident, $after_boot:ident) => {
        /// 2.x's request after a boot: the heartbeat interval, by
        /// `GetVariables`.
        async fn $after_boot(caller: Caller<$version::Request>) {
            use $version::*;
            let interval = GetVariableDataType::new(
                ComponentType::new("OCPPCommCtrlr"),
                VariableType::new("HeartbeatInterval"),
            );
            let found = caller.call(GetVariablesRequest::new(vec![interval])).await;
            let found = found.map(|variables| {
                let values: Vec<_> = (variables.get_variable_result.iter())
                    .map(|result| {
                        let value = result.attribute_value.as_deref().unwrap_or("");
                        let status = &result.attribute_status;
                        format!("{}={value} ({status})", result.variable.name)
                    })
                    .collect();
                format!("variables: {}", values.join(", "))
            });
            report(&caller, found);
        }

        fn $handlers(caller: Caller<$version::Request>) -> Handlers<$version::Request> {
            use $version::*;
            let accepted = || IdTokenInfoType::new(AuthorizationStatusEnumType::Accepted);
            Handlers::new()
                .on(move |_, _: BootNotificationRequest| {
                    tokio::spawn($after_boot(caller.clone()));
                    let status = RegistrationStatusEnumType::Accepted;
                    BootNotificationResponse::new(DateTime::now(), HEARTBEAT_INTERVAL, status)
                })
                .on(|_, _: HeartbeatRequest| HeartbeatResponse::new(DateTime::now()))
                .on(|_, _: StatusNotificationRequest| StatusNotificationResponse::new())
                .on(move |_, _: AuthorizeRequest| AuthorizeResponse::new(accepted()))
                // An id token in the event asks for its status.
                .on(
                    move |_, event: TransactionEventRequest| match event.id_token {
                        Some(_) => TransactionEventResponse::new().with_id_token_info(accepted()),
                        None => TransactionEventResponse::new(),
                    },
                )
                .on(|_, _: MeterValuesRequest| MeterValuesResponse::new())
        }
    };
}

csms_2x!(v201, handlers_201, after_boot_201);
csms_2x!(v21, handlers_21, after_boot_21);

/// Runs a connection with `handlers`, made with its caller.
async fn run<M: Messages + Send>(
    connection: Connection<M>,
    handlers: fn(Caller<M>) -> Handlers<M>,
) -> Ended {
    let handlers = handlers(connection.caller());
    connection.run(handlers, ()).await
}

/// Serves a charge point in the version it negotiated.
async fn serve(accepted: Accepted) -> Ended {
    match accepted {
        Accepted::V16(connection) => run(connection, handlers_16).await,
        Accepted::V201(connection) => run(connection, handlers_201).await,
        Accepted::V21(connection) => run(connection, handlers_21).await,
        _ => Ended::ClosedHere,
    }
}

const USAGE: &str = "usage: csms [--version v16|v201|v21|all] [--port N] [--once]";

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let (mut versions, mut port, mut once) = (vec![Version::V16], 0, false);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--version" => match args.next().as_deref() {
                Some("all") => versions = vec![Version::V16, Version::V201, Version::V21],
                Some(name) => match exchange::version(name) {
                    Some(named) => versions = vec![named],
                    None => return usage(),
                },
                None => return usage(),
            },
            "--port" => match args.next().and_then(|port| port.parse().ok()) {
                Some(number) => port = number,
                None => return usage(),
            },
            "--once" => once = true,
            _ => return usage(),
        }
    }
    match listen(&versions, port, once).await {
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

async fn listen(versions: &[Version], port: u16, once: bool) -> Result<()> {
    let config = ServerConfig::default().with_versions(versions);
    let server = Server::bind(("127.0.0.1", port), config)
        .await?
        .with_observer(exchange::log);
    println!("listening on ws://{}", server.local_addr()?);
    std::io::stdout().flush()?;
    // A session a charge point closed itself, for `--once`.
    let (closed, mut done) = tokio::sync::mpsc::channel(1);
    loop {
        tokio::select! {
            pending = server.accept() => {
                let (pending, closed) = (pending?, closed.clone());
                tokio::spawn(async move {
                    if let Ok(accepted) = pending.handshake().await {
                        if serve(accepted).await == Ended::ClosedByPeer {
                            let _ = closed.send(()).await;
                        }
                    }
                });
            }
            Some(()) = done.recv(), if once => return Ok(()),
        }
    }
}
