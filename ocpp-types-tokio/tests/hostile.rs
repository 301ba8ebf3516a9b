//! Keeping the link honest: a peer that never finishes its handshake, that
//! stalls in the middle of a frame, that sends a message over the cap, or
//! that leaves calls unanswered costs bounded time and memory, and is cut
//! off.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use ocpp_types::rpc::{CallRejected, Handlers, Version};
use ocpp_types::v201;
use ocpp_types_tokio::{Accepted, Callers, Error, LinkConfig, Server, ServerConfig, Trace};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

/// A 2.0.1 server with short limits: handshakes within 300 ms, pings every
/// 100 ms, dropped after 400 ms without anything, messages of at most 1 KiB,
/// at most 2 calls waiting. Its address, callers and observer's notes.
async fn server() -> (String, Callers, Arc<Mutex<Vec<String>>>) {
    let link = LinkConfig::default()
        .with_handshake_timeout(Duration::from_millis(300))
        .with_ping(Duration::from_millis(100), Duration::from_millis(400))
        .with_max_message_bytes(1024)
        .with_session(ocpp_types::rpc::Config::default().with_max_queued(2));
    let config = ServerConfig::default()
        .with_versions(&[Version::V201])
        .with_link(link);
    let notes = Arc::new(Mutex::new(Vec::new()));
    let seen = notes.clone();
    let server = Server::bind("127.0.0.1:0", config)
        .await
        .unwrap()
        .with_observer(move |trace| {
            if let Trace::Note { message, .. } = trace {
                seen.lock().unwrap().push(message.to_string());
            }
        });
    let address = server.local_addr().unwrap().to_string();
    let callers = server.callers();
    tokio::spawn(server.serve(|accepted| async move {
        if let Accepted::V201(connection) = accepted {
            connection.run(Handlers::new(), ()).await;
        }
    }));
    (address, callers, notes)
}

/// Reads `stream` until the server closes it; how long that took.
async fn until_closed(stream: &mut TcpStream) -> Duration {
    let start = Instant::now();
    let mut buffer = [0; 4096];
    let closed = tokio::time::timeout(Duration::from_secs(5), async {
        while !matches!(stream.read(&mut buffer).await, Ok(0) | Err(_)) {}
    });
    closed
        .await
        .expect("the server did not close the connection");
    start.elapsed()
}

/// A WebSocket handshake for CP001 written by hand, read up to the end of
/// the server's answer.
async fn handshake(address: &str) -> TcpStream {
    let mut stream = TcpStream::connect(address).await.unwrap();
    let request = format!(
        "GET /CP001 HTTP/1.1\r\nHost: {address}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\
         Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\
         Sec-WebSocket-Protocol: ocpp2.0.1\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut head = Vec::new();
    while !head.ends_with(b"\r\n\r\n") {
        let mut byte = [0];
        stream.read_exact(&mut byte).await.unwrap();
        head.push(byte[0]);
    }
    assert!(
        head.starts_with(b"HTTP/1.1 101 "),
        "{}",
        String::from_utf8_lossy(&head)
    );
    stream
}

/// A WebSocket to the server as CP001, with 2.0.1's subprotocol.
async fn connect(address: &str) -> WebSocketStream<TcpStream> {
    let mut request = format!("ws://{address}/CP001")
        .into_client_request()
        .unwrap();
    let subprotocol = HeaderValue::from_static("ocpp2.0.1");
    request
        .headers_mut()
        .insert("Sec-WebSocket-Protocol", subprotocol);
    let stream = TcpStream::connect(address).await.unwrap();
    tokio_tungstenite::client_async(request, stream)
        .await
        .unwrap()
        .0
}

#[tokio::test]
async fn a_peer_that_never_finishes_its_handshake_is_dropped() {
    let (address, _, notes) = server().await;
    let mut stream = TcpStream::connect(&address).await.unwrap();
    stream
        .write_all(b"GET /CP001 HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let took = until_closed(&mut stream).await;
    assert!(took >= Duration::from_millis(250), "{took:?}");
    let notes = notes.lock().unwrap();
    assert!(
        notes
            .iter()
            .any(|note| note.ends_with("refused: no handshake within 300ms")),
        "{notes:?}"
    );
}

#[tokio::test]
async fn a_peer_that_stalls_in_the_middle_of_a_frame_is_dropped() {
    let (address, _, notes) = server().await;
    let mut stream = handshake(&address).await;
    // A masked text frame of 100 bytes announced; 10 of them sent.
    let mut frame = vec![0x81, 0x80 | 100, 1, 2, 3, 4];
    frame.extend_from_slice(&[b'x'; 10]);
    stream.write_all(&frame).await.unwrap();
    let took = until_closed(&mut stream).await;
    assert!(took >= Duration::from_millis(300), "{took:?}");
    let notes = notes.lock().unwrap();
    assert!(
        notes
            .iter()
            .any(|note| note.contains("nothing came for 400ms")),
        "{notes:?}"
    );
}

#[tokio::test]
async fn a_message_over_the_cap_ends_the_connection() {
    let (address, _, notes) = server().await;
    let mut socket = connect(&address).await;
    // Within the cap, a frame is read and answered.
    socket
        .send(Message::text(r#"[2,"1","Heartbeat",{}]"#))
        .await
        .unwrap();
    let answer = socket.next().await.unwrap().unwrap();
    assert!(
        answer
            .to_text()
            .unwrap()
            .starts_with(r#"[4,"1","NotImplemented""#),
        "{answer}"
    );
    let large = format!(
        r#"[2,"2","DataTransfer",{{"vendorId":"x","data":"{}"}}]"#,
        "y".repeat(2000)
    );
    socket.send(Message::text(large)).await.unwrap();
    let rest = tokio::time::timeout(Duration::from_secs(5), async {
        let mut texts = 0;
        while let Some(Ok(message)) = socket.next().await {
            texts += usize::from(message.is_text());
        }
        texts
    });
    assert_eq!(
        rest.await.expect("not closed"),
        0,
        "the large message was not answered"
    );
    let notes = notes.lock().unwrap();
    assert!(
        notes
            .iter()
            .any(|note| note.contains("disconnected") && note.contains("Space limit exceeded")),
        "{notes:?}"
    );
}

#[tokio::test]
async fn calls_beyond_the_cap_are_refused_and_unanswered_ones_time_out() {
    let (address, callers, _) = server().await;
    let mut socket = connect(&address).await;
    let mut caller = None;
    for _ in 0..100 {
        caller = callers.get::<v201::Request>("CP001");
        if caller.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let caller = caller.expect("CP001 is connected");
    // One in flight, two waiting: the fourth is refused. The charge point
    // reads them and answers none.
    let mut calls = Vec::new();
    for _ in 0..4 {
        let caller = caller.clone();
        // Long enough that the first is still in flight when the fourth comes.
        let timeout = Duration::from_millis(1000);
        calls.push(tokio::spawn(async move {
            caller
                .call_with_timeout(v201::ClearCacheRequest::new(), timeout)
                .await
        }));
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let reader = tokio::spawn(async move {
        let mut calls = 0;
        while let Some(Ok(message)) = socket.next().await {
            calls += usize::from(
                message
                    .to_text()
                    .is_ok_and(|text| text.contains("ClearCache")),
            );
        }
        calls
    });
    let mut outcomes = Vec::new();
    for call in calls {
        outcomes.push(match call.await.unwrap() {
            Err(Error::Rejected(CallRejected::QueueFull)) => "queue full",
            Err(Error::Failed(failure)) if failure.to_string().contains("deadline") => "timeout",
            other => panic!("{other:?}"),
        });
    }
    outcomes.sort();
    assert_eq!(outcomes, ["queue full", "timeout", "timeout", "timeout"]);
    reader.abort();
}

#[tokio::test]
async fn a_broken_frame_is_answered_with_its_callerror_and_the_connection_goes_on() {
    let (address, _, notes) = server().await;
    let mut socket = connect(&address).await;
    let answers = [
        (
            r#"[2,"b1","BootNotification",{"reason":"PowerUp"}]"#,
            r#"[4,"b1","OccurrenceConstraintViolation","BootNotificationRequest: missing required field `chargingStation`",{"pointer":"/3","missing":["chargingStation"]}]"#,
        ),
        (
            r#"[2,"b2","Reset",{"type":"Immediate"}]"#,
            r#"[4,"b2","NotSupported","`Reset` is sent by the CSMS, not by a charge point",{"pointer":"/2"}]"#,
        ),
        (
            r#"[2,"b3","Heartbeat",{}]"#,
            r#"[4,"b3","NotImplemented","no handler for `Heartbeat`",{}]"#,
        ),
    ];
    for (frame, answer) in answers {
        socket.send(Message::text(frame)).await.unwrap();
        let got = socket.next().await.unwrap().unwrap();
        assert_eq!(got.to_text().unwrap(), answer);
    }
    let notes = notes.lock().unwrap();
    assert_eq!(
        notes
            .iter()
            .filter(|note| note.starts_with("a broken frame: "))
            .count(),
        2,
        "{notes:?}"
    );
}

#[tokio::test]
async fn a_peer_that_floods_and_reads_nothing_is_held_back_then_dropped() {
    let (address, _, notes) = server().await;
    let mut stream = handshake(&address).await;
    // Heartbeats, masked, as fast as the connection takes them; their
    // answers are never read. The server stops reading once it can't send,
    // so the writes stall: what it holds for this peer is bounded.
    let call = br#"[2,"1","Heartbeat",{}]"#;
    let mut frame = vec![0x81, 0x80 | call.len() as u8, 0, 0, 0, 0];
    frame.extend_from_slice(call);
    let mut burst = Vec::new();
    for _ in 0..1000 {
        burst.extend_from_slice(&frame);
    }
    let mut written = 0usize;
    let stalled = loop {
        match tokio::time::timeout(Duration::from_millis(500), stream.write_all(&burst)).await {
            Ok(Ok(())) => written += burst.len(),
            Ok(Err(_)) => break false, // dropped
            Err(_) => break true,
        }
        assert!(
            written < 1 << 30,
            "the server took 1 GiB without sending it back"
        );
    };
    eprintln!("{written} bytes taken before the writes stalled");
    assert!(stalled || written > 0);
    assert!(written < 256 << 20, "{written} bytes taken");
    // Then, reading nothing for longer than the dead-link timeout, it is
    // dropped.
    let dropped = |notes: &[String]| {
        notes
            .iter()
            .any(|note| note.contains("read nothing for 400ms"))
    };
    for _ in 0..50 {
        if dropped(&notes.lock().unwrap()) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let notes = notes.lock().unwrap();
    assert!(
        notes
            .iter()
            .any(|note| note.contains("read nothing for 400ms")),
        "{written} bytes; {notes:?}"
    );
}

#[tokio::test]
async fn a_quiet_peer_is_pinged() {
    let (address, _, _) = server().await;
    let mut stream = handshake(&address).await;
    let start = Instant::now();
    let mut header = [0; 2];
    tokio::time::timeout(Duration::from_secs(2), stream.read_exact(&mut header))
        .await
        .expect("no frame came")
        .unwrap();
    // A final ping frame, unmasked, with no payload, after the interval.
    assert_eq!(header, [0x89, 0x00]);
    assert!(
        start.elapsed() >= Duration::from_millis(80),
        "{:?}",
        start.elapsed()
    );
}

#[tokio::test]
async fn past_the_connection_cap_the_server_waits_for_one_to_end() {
    let link = LinkConfig::default().with_handshake_timeout(Duration::from_millis(300));
    let config = ServerConfig::default()
        .with_versions(&[Version::V201])
        .with_max_connections(2)
        .with_link(link);
    let server = Server::bind("127.0.0.1:0", config).await.unwrap();
    let address = server.local_addr().unwrap().to_string();
    tokio::spawn(server.serve(|accepted| async move {
        if let Accepted::V201(connection) = accepted {
            connection.run(Handlers::new(), ()).await;
        }
    }));
    // Two connections that never say anything hold both places...
    let _silent = [
        TcpStream::connect(&address).await.unwrap(),
        TcpStream::connect(&address).await.unwrap(),
    ];
    // ...so a charge point's handshake waits until their handshakes time out.
    let start = Instant::now();
    let mut socket = connect(&address).await;
    let waited = start.elapsed();
    assert!(waited >= Duration::from_millis(200), "{waited:?}");
    socket
        .send(Message::text(r#"[2,"1","Heartbeat",{}]"#))
        .await
        .unwrap();
    let answer = socket.next().await.unwrap().unwrap();
    assert!(answer
        .to_text()
        .unwrap()
        .starts_with(r#"[4,"1","NotImplemented""#));
}
