//! A charge point's session survives a dropped connection: the
//! transaction message in flight when the CSMS drops the connection, and
//! those called while it is down, reach the CSMS once each, in order.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use ocpp_types::rpc::{Config, Event, Handlers, Session};
use ocpp_types::{v201, DateTime};
use ocpp_types_tokio::{Client, ClientConfig, Error};
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tokio_tungstenite::tungstenite::handshake::server::{Request, Response};
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::Message;

/// What the test CSMS answered: each transaction event's type and
/// sequence number, in order.
type Answered = Arc<Mutex<Vec<(String, i64)>>>;

/// A 2.0.1 CSMS written with the bare session, on `listener`: it drops the
/// first connection when the first `Updated` event comes, before answering
/// it (telling `dropped`), and takes `outage` before it accepts again.
async fn flaky_csms(
    listener: TcpListener,
    answered: Answered,
    dropped: Arc<Notify>,
    outage: Duration,
) {
    let mut drop_once = true;
    loop {
        let (stream, _) = listener.accept().await.unwrap();
        #[allow(clippy::result_large_err)] // the error type is tungstenite's
        let callback = |_: &Request, mut response: Response| {
            let subprotocol = HeaderValue::from_static("ocpp2.0.1");
            response
                .headers_mut()
                .insert("Sec-WebSocket-Protocol", subprotocol);
            Ok(response)
        };
        let mut socket = tokio_tungstenite::accept_hdr_async(stream, callback)
            .await
            .unwrap();
        let mut session = Session::<v201::Request>::csms(Config::default());
        let record = answered.clone();
        let mut handlers = Handlers::new()
            .on(|_, _: v201::BootNotificationRequest| {
                let accepted = v201::RegistrationStatusEnumType::Accepted;
                v201::BootNotificationResponse::new(DateTime::now(), 300, accepted)
            })
            .on(move |_, event: v201::TransactionEventRequest| {
                record
                    .lock()
                    .unwrap()
                    .push((event.event_type.to_string(), event.seq_no));
                v201::TransactionEventResponse::new()
            });
        'connection: while let Some(Ok(message)) = socket.next().await {
            let Message::Text(text) = message else {
                continue;
            };
            session.receive(&text, std::time::Instant::now());
            while let Some(event) = session.poll_event() {
                let Event::Request(incoming) = event else {
                    continue;
                };
                let updated = matches!(
                    &incoming.call().payload,
                    v201::Request::TransactionEvent(event)
                        if event.event_type == v201::TransactionEventEnumType::Updated
                );
                if updated && drop_once {
                    drop_once = false;
                    let _ = socket.close(None).await;
                    dropped.notify_one();
                    tokio::time::sleep(outage).await;
                    break 'connection;
                }
                handlers.handle(&mut session, &mut (), incoming).unwrap();
            }
            while let Some(text) = session.poll_transmit(std::time::Instant::now()) {
                socket.send(Message::text(text)).await.unwrap();
            }
        }
    }
}

fn event(kind: v201::TransactionEventEnumType, seq_no: i64) -> v201::TransactionEventRequest {
    let trigger = v201::TriggerReasonEnumType::MeterValuePeriodic;
    let transaction = v201::TransactionType::new("TX-17");
    v201::TransactionEventRequest::new(kind, DateTime::now(), trigger, seq_no, transaction)
}

#[tokio::test]
async fn transaction_messages_reach_the_csms_once_each_in_order_across_a_drop() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("ws://{}/CP001", listener.local_addr().unwrap());
    let (answered, dropped) = (Answered::default(), Arc::new(Notify::new()));
    let outage = Duration::from_millis(400);
    tokio::spawn(flaky_csms(
        listener,
        answered.clone(),
        dropped.clone(),
        outage,
    ));

    // The observer tells when the client knows the connection is lost.
    let lost = Arc::new(Notify::new());
    let told = lost.clone();
    let config = ClientConfig::new(&url)
        .unwrap()
        .with_reconnect(Duration::from_millis(50), Duration::from_millis(200))
        .with_observer(move |trace| {
            if let ocpp_types_tokio::Trace::Note { message, .. } = trace {
                if message.starts_with("lost: ") {
                    told.notify_one();
                }
            }
        });
    let client = Client::<v201::Request>::connect(config, Handlers::new(), ())
        .await
        .unwrap();
    let station = v201::ChargingStationType::new("BelayBox", "Pionix");
    let boot = v201::BootNotificationRequest::new(station, v201::BootReasonEnumType::PowerUp);
    client.call(boot).await.unwrap();
    use v201::TransactionEventEnumType::{Ended, Started, Updated};
    client.call(event(Started, 0)).await.unwrap();

    // `Updated` is in flight when the CSMS drops the connection.
    let caller = client.caller();
    let updated = tokio::spawn(async move { caller.call(event(Updated, 1)).await });
    dropped.notified().await;
    lost.notified().await;
    // While the connection is down: a transaction message is taken, and
    // waits; another call is not.
    let caller = client.caller();
    let ended = tokio::spawn(async move { caller.call(event(Ended, 2)).await });
    let heartbeat = client
        .call(v201::HeartbeatRequest::new())
        .await
        .unwrap_err();
    assert!(
        matches!(
            heartbeat,
            Error::Rejected(ocpp_types::rpc::CallRejected::Offline)
        ),
        "{heartbeat}"
    );
    updated.await.unwrap().unwrap();
    ended.await.unwrap().unwrap();
    assert!(
        client.close().await.is_empty(),
        "every transaction message was answered"
    );
    assert_eq!(
        *answered.lock().unwrap(),
        [
            ("Started".into(), 0),
            ("Updated".into(), 1),
            ("Ended".into(), 2)
        ]
    );
}

#[tokio::test]
async fn unanswered_transaction_messages_are_given_back_on_close_and_restored() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("ws://{}/CP002", listener.local_addr().unwrap());
    let (answered, dropped) = (Answered::default(), Arc::new(Notify::new()));
    // An outage longer than the test: the charge point is closed while down.
    tokio::spawn(flaky_csms(
        listener,
        answered.clone(),
        dropped.clone(),
        Duration::from_secs(60),
    ));
    let config = ClientConfig::new(&url)
        .unwrap()
        .with_reconnect(Duration::from_millis(50), Duration::from_millis(100))
        .with_link(
            ocpp_types_tokio::LinkConfig::default()
                .with_handshake_timeout(Duration::from_millis(100)),
        );
    let client = Client::<v201::Request>::connect(config.clone(), Handlers::new(), ())
        .await
        .unwrap();
    let station = v201::ChargingStationType::new("BelayBox", "Pionix");
    let boot = v201::BootNotificationRequest::new(station, v201::BootReasonEnumType::PowerUp);
    client.call(boot).await.unwrap();
    use v201::TransactionEventEnumType::{Ended, Updated};
    let caller = client.caller();
    tokio::spawn(async move { caller.call(event(Updated, 1)).await });
    dropped.notified().await;
    let caller = client.caller();
    tokio::spawn(async move { caller.call(event(Ended, 2)).await });
    tokio::time::sleep(Duration::from_millis(100)).await;
    let stored = client.close().await;
    let frames: Vec<&str> = stored.iter().map(|stored| stored.frame.as_str()).collect();
    assert_eq!(frames.len(), 2, "{frames:?}");
    assert!(
        frames[0].contains(r#""eventType":"Updated""#)
            && frames[1].contains(r#""eventType":"Ended""#)
    );
    // The next start takes them first (its connection is refused here,
    // before any session: the flaky CSMS is still down).
    let restored = config.with_transaction_messages(stored);
    let error = Client::<v201::Request>::connect(restored, Handlers::new(), ())
        .await
        .unwrap_err();
    assert!(error.to_string().contains("handshake"), "{error}");
}
