//! The load benchmark's programs (`benches/load.sh` runs them; not in CI):
//!
//! - `load serve <port>`: a 2.0.1 CSMS on this crate's `Server`, with the
//!   handlers the simulated charge points need.
//! - `load echo <port>`: the floor: a bare tokio-tungstenite server that
//!   sends each text message back (WebSocket framing alone, no OCPP).
//! - `load drive <url> <connections> <seconds> <server pid>`: that many
//!   simulated 2.0.1 charge points on the loopback interface. Each connects
//!   and boots, then all stay idle for 2 s, then for `seconds` each runs
//!   heartbeats, status notifications and transactions with meter values,
//!   one CALL at a time, as fast as the answers come. It prints one line of
//!   JSON: CALLs answered per second, the p50 and p99 latency of a CALL,
//!   and the server's resident memory per connection, idle and busy (read
//!   from `/proc/<pid>/status`).

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use ocpp_types::rpc::{Handlers, Version};
use ocpp_types::v201::*;
use ocpp_types::DateTime;
use ocpp_types_tokio::{Accepted, LinkConfig, Server, ServerConfig};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::handshake::server::{Request, Response};
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::Message;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["serve", port] => runtime.block_on(serve(port.parse()?)),
        ["echo", port] => runtime.block_on(echo(port.parse()?)),
        ["drive", url, connections, seconds, pid] => runtime.block_on(drive(
            url,
            connections.parse()?,
            Duration::from_secs(seconds.parse()?),
            pid.parse()?,
        )),
        _ => Err("usage: load serve <port> | load echo <port> | load drive <url> <connections> <seconds> <server pid>".into()),
    }
}

async fn serve(port: u16) -> Result<()> {
    // No pings within a run (the peers compared send none either).
    let link =
        LinkConfig::default().with_ping(Duration::from_secs(3600), Duration::from_secs(7200));
    let config = ServerConfig::default()
        .with_versions(&[Version::V201])
        .with_max_connections(20_000)
        .with_link(link);
    let server = Server::bind(("127.0.0.1", port), config).await?;
    ready();
    let handlers = || {
        Handlers::new()
            .on(|_, _: BootNotificationRequest| {
                let accepted = RegistrationStatusEnumType::Accepted;
                BootNotificationResponse::new(DateTime::now(), 300, accepted)
            })
            .on(|_, _: HeartbeatRequest| HeartbeatResponse::new(DateTime::now()))
            .on(|_, _: StatusNotificationRequest| StatusNotificationResponse::new())
            .on(|_, _: TransactionEventRequest| TransactionEventResponse::new())
    };
    server
        .serve(move |accepted| async move {
            if let Accepted::V201(connection) = accepted {
                connection.run(handlers(), ()).await;
            }
        })
        .await?;
    Ok(())
}

async fn echo(port: u16) -> Result<()> {
    let listener = TcpListener::bind(("127.0.0.1", port)).await?;
    ready();
    loop {
        let (stream, _) = listener.accept().await?;
        tokio::spawn(async move {
            #[allow(clippy::result_large_err)] // the error type is tungstenite's
            let callback = |_: &Request, mut response: Response| {
                let subprotocol = HeaderValue::from_static("ocpp2.0.1");
                response
                    .headers_mut()
                    .insert("Sec-WebSocket-Protocol", subprotocol);
                Ok(response)
            };
            let Ok(mut socket) = tokio_tungstenite::accept_hdr_async(stream, callback).await else {
                return;
            };
            while let Some(Ok(message)) = socket.next().await {
                if message.is_text() && socket.send(message).await.is_err() {
                    break;
                }
            }
        });
    }
}

/// Tells the script the server listens.
fn ready() {
    println!("ready");
    let _ = std::io::stdout().flush();
}

/// The CALLs of one round of a charge point's session, after its boot.
const ROUND: &[(&str, &str)] = &[
    ("Heartbeat", "{}"),
    (
        "StatusNotification",
        r#"{"timestamp":"2026-12-08T12:00:00Z","connectorStatus":"Occupied","evseId":1,"connectorId":1}"#,
    ),
    (
        "TransactionEvent",
        r#"{"eventType":"Started","timestamp":"2026-12-08T12:00:01Z","triggerReason":"Authorized","seqNo":0,"transactionInfo":{"transactionId":"TX-1"},"evse":{"id":1,"connectorId":1},"idToken":{"idToken":"04A2B3C4D5E6F7","type":"ISO14443"}}"#,
    ),
    (
        "TransactionEvent",
        r#"{"eventType":"Updated","timestamp":"2026-12-08T12:05:00Z","triggerReason":"MeterValuePeriodic","seqNo":1,"transactionInfo":{"transactionId":"TX-1","chargingState":"Charging"},"meterValue":[{"timestamp":"2026-12-08T12:05:00Z","sampledValue":[{"value":1520.5,"measurand":"Energy.Active.Import.Register","unitOfMeasure":{"unit":"Wh"}},{"value":11040,"measurand":"Power.Active.Import","unitOfMeasure":{"unit":"W"}}]}]}"#,
    ),
    (
        "TransactionEvent",
        r#"{"eventType":"Ended","timestamp":"2026-12-08T12:30:00Z","triggerReason":"StopAuthorized","seqNo":2,"transactionInfo":{"transactionId":"TX-1","stoppedReason":"Local"},"meterValue":[{"timestamp":"2026-12-08T12:30:00Z","sampledValue":[{"value":3040,"context":"Transaction.End"}]}]}"#,
    ),
];

const BOOT: &str =
    r#"{"chargingStation":{"model":"Simulator","vendorName":"ocpp-types"},"reason":"PowerUp"}"#;

type Socket = tokio_tungstenite::WebSocketStream<TcpStream>;

/// One CALL and the wait for its answer (any text frame: the echo server
/// sends the CALL back); its latency, and whether the answer was a
/// CALLRESULT.
async fn call(
    socket: &mut Socket,
    id: u64,
    action: &str,
    payload: &str,
) -> Result<(Duration, bool)> {
    let frame = format!(r#"[2,"{id}","{action}",{payload}]"#);
    let start = Instant::now();
    socket.send(Message::text(frame)).await?;
    loop {
        match socket.next().await {
            Some(Ok(Message::Text(text))) => {
                let result = text.starts_with(&format!(r#"[3,"{id}","#));
                return Ok((start.elapsed(), result));
            }
            Some(Ok(_)) => {}
            Some(Err(error)) => return Err(error.into()),
            None => return Err("closed".into()),
        }
    }
}

/// The server's resident memory, in bytes.
fn resident(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kib = status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|value| {
            value
                .trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<u64>()
                .ok()
        });
    kib.unwrap_or(0) * 1024
}

async fn drive(url: &str, connections: usize, busy: Duration, pid: u32) -> Result<()> {
    let before = resident(pid);
    // Connections open at most 256 at a time (the listen backlog).
    let opening = Arc::new(Semaphore::new(256));
    let (go, stop) = (
        Arc::new(tokio::sync::Notify::new()),
        Arc::new(AtomicBool::new(false)),
    );
    let mut tasks = Vec::with_capacity(connections);
    let (booted_tx, mut booted) = tokio::sync::mpsc::channel::<()>(connections.max(1));
    for n in 0..connections {
        let mut request = format!("{url}/CP{n}").into_client_request()?;
        let subprotocol = HeaderValue::from_static("ocpp2.0.1");
        request
            .headers_mut()
            .insert("Sec-WebSocket-Protocol", subprotocol);
        let (opening, go, stop, booted) =
            (opening.clone(), go.clone(), stop.clone(), booted_tx.clone());
        let address = url.trim_start_matches("ws://").to_owned();
        tasks.push(tokio::spawn(async move {
            let mut socket = {
                let _permit = opening.acquire().await?;
                let stream = TcpStream::connect(&address).await?;
                let (mut socket, _) = tokio_tungstenite::client_async(request, stream).await?;
                call(&mut socket, 0, "BootNotification", BOOT).await?;
                socket
            };
            let notified = go.notified();
            booted.send(()).await?;
            notified.await;
            let mut latencies = Vec::new();
            let mut id = 1;
            'run: while !stop.load(Ordering::Relaxed) {
                for (action, payload) in ROUND {
                    latencies.push(call(&mut socket, id, action, payload).await?);
                    id += 1;
                    if stop.load(Ordering::Relaxed) {
                        break 'run;
                    }
                }
            }
            let _ = socket.close(None).await;
            Result::Ok(latencies)
        }));
    }
    drop(booted_tx);
    for _ in 0..connections {
        booted
            .recv()
            .await
            .ok_or("a connection failed before its boot")?;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let idle = resident(pid);

    let start = Instant::now();
    go.notify_waiters();
    let mut busy_peak = 0;
    while start.elapsed() < busy {
        tokio::time::sleep(Duration::from_millis(250)).await;
        busy_peak = busy_peak.max(resident(pid));
    }
    stop.store(true, Ordering::Relaxed);
    let elapsed = start.elapsed();
    let mut latencies = Vec::new();
    for task in tasks {
        latencies.extend(task.await??);
    }
    let results = latencies.iter().filter(|(_, result)| *result).count();
    let mut latencies: Vec<Duration> = latencies.into_iter().map(|(latency, _)| latency).collect();
    latencies.sort();
    let percentile = |p: f64| {
        let at = ((latencies.len() as f64 * p) as usize).min(latencies.len().saturating_sub(1));
        latencies
            .get(at)
            .map_or(0.0, |latency| latency.as_secs_f64() * 1000.0)
    };
    let per_connection =
        |bytes: u64| bytes.saturating_sub(before) as f64 / connections as f64 / 1024.0;
    println!(
        r#"{{"connections":{connections},"calls":{},"callresults":{results},"calls_per_second":{:.0},"p50_ms":{:.3},"p99_ms":{:.3},"server_rss_before_mib":{:.1},"idle_kib_per_connection":{:.1},"busy_kib_per_connection":{:.1},"idle_rss_mib":{:.1}}}"#,
        latencies.len(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        percentile(0.50),
        percentile(0.99),
        before as f64 / 1048576.0,
        per_connection(idle),
        per_connection(busy_peak),
        idle as f64 / 1048576.0,
    );
    Ok(())
}
