//! The `csms` and `charge-point` examples (on `ocpp-types-tokio`) talking
//! OCPP-J over a real WebSocket on the loopback interface, in each version:
//! the subprotocol negotiation, every frame that crossed the wire, as both
//! sides logged it, read back with an observer [`Endpoint`]; every version
//! served on one port; and a connection cut in the middle of a transaction.

use std::ffi::OsString;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::OnceLock;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use ocpp_types::rpc::{Endpoint, Frame, Messages};
use ocpp_types::{v16, v201, v21};
use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// How long one version's exchange may take, all processes included; past
/// it they are killed and the test fails.
const TIME_LIMIT: Duration = Duration::from_secs(60);

/// The charge point's log in 1.6, one frame a line: its direction, its
/// message type and its action. The CSMS's `GetConfiguration` comes while
/// the charge point waits for the answer to its `Heartbeat`. The charge
/// point's calls and the CSMS's go independently: each side's log is
/// checked for the order of each one's calls, not for how the two
/// interleave ([`streams`]).
const CHARGE_POINT_16: &str = "
    > CALL BootNotification
    < CALLRESULT BootNotification
    > CALL Heartbeat
    < CALL GetConfiguration
    > CALLRESULT GetConfiguration
    < CALLRESULT Heartbeat
    > CALL StatusNotification
    < CALLRESULT StatusNotification
    > CALL Authorize
    < CALLRESULT Authorize
    > CALL StartTransaction
    < CALLRESULT StartTransaction
    > CALL StatusNotification
    < CALLRESULT StatusNotification
    > CALL MeterValues
    < CALLRESULT MeterValues
    > CALL StopTransaction
    < CALLRESULT StopTransaction
    > CALL StatusNotification
    < CALLRESULT StatusNotification
";

/// The CSMS's log in 1.6: it makes its request once it answered the boot.
const CSMS_16: &str = "
    < CALL BootNotification
    > CALLRESULT BootNotification
    > CALL GetConfiguration
    < CALL Heartbeat
    > CALLRESULT Heartbeat
    < CALLRESULT GetConfiguration
    < CALL StatusNotification
    > CALLRESULT StatusNotification
    < CALL Authorize
    > CALLRESULT Authorize
    < CALL StartTransaction
    > CALLRESULT StartTransaction
    < CALL StatusNotification
    > CALLRESULT StatusNotification
    < CALL MeterValues
    > CALLRESULT MeterValues
    < CALL StopTransaction
    > CALLRESULT StopTransaction
    < CALL StatusNotification
    > CALLRESULT StatusNotification
";

/// The charge point's log in 2.0.1 and 2.1.
const CHARGE_POINT_2X: &str = "
    > CALL BootNotification
    < CALLRESULT BootNotification
    > CALL Heartbeat
    < CALL GetVariables
    > CALLRESULT GetVariables
    < CALLRESULT Heartbeat
    > CALL StatusNotification
    < CALLRESULT StatusNotification
    > CALL Authorize
    < CALLRESULT Authorize
    > CALL TransactionEvent
    < CALLRESULT TransactionEvent
    > CALL StatusNotification
    < CALLRESULT StatusNotification
    > CALL TransactionEvent
    < CALLRESULT TransactionEvent
    > CALL MeterValues
    < CALLRESULT MeterValues
    > CALL TransactionEvent
    < CALLRESULT TransactionEvent
    > CALL StatusNotification
    < CALLRESULT StatusNotification
";

/// The CSMS's log in 2.0.1 and 2.1.
const CSMS_2X: &str = "
    < CALL BootNotification
    > CALLRESULT BootNotification
    > CALL GetVariables
    < CALL Heartbeat
    > CALLRESULT Heartbeat
    < CALLRESULT GetVariables
    < CALL StatusNotification
    > CALLRESULT StatusNotification
    < CALL Authorize
    > CALLRESULT Authorize
    < CALL TransactionEvent
    > CALLRESULT TransactionEvent
    < CALL StatusNotification
    > CALLRESULT StatusNotification
    < CALL TransactionEvent
    > CALLRESULT TransactionEvent
    < CALL MeterValues
    > CALLRESULT MeterValues
    < CALL TransactionEvent
    > CALLRESULT TransactionEvent
    < CALL StatusNotification
    > CALLRESULT StatusNotification
";

/// The transaction messages a CSMS of 1.6 answers, each once, in order.
const TRANSACTION_16: [&str; 3] = ["StartTransaction", "MeterValues", "StopTransaction"];

/// The transaction messages a CSMS of 2.x answers, each once, in order.
const TRANSACTION_2X: [&str; 3] = [
    "TransactionEvent Started 0",
    "TransactionEvent Updated 1",
    "TransactionEvent Ended 2",
];

#[test]
fn ocpp16_exchange() {
    let logs = exchange::<v16::Request>("v16", "v201", CHARGE_POINT_16, CSMS_16, None);
    assert!(transaction_events(&logs).is_empty());
    assert_eq!(transaction_messages(&logs.csms), TRANSACTION_16);
}

#[test]
fn ocpp201_exchange() {
    let logs = exchange::<v201::Request>("v201", "v21", CHARGE_POINT_2X, CSMS_2X, None);
    assert_eq!(transaction_events(&logs), ["Started", "Updated", "Ended"]);
    assert_eq!(transaction_messages(&logs.csms), TRANSACTION_2X);
}

#[test]
fn ocpp21_exchange() {
    let logs = exchange::<v21::Request>("v21", "v16", CHARGE_POINT_2X, CSMS_2X, None);
    assert_eq!(transaction_events(&logs), ["Started", "Updated", "Ended"]);
    assert_eq!(transaction_messages(&logs.csms), TRANSACTION_2X);
}

// The connection is cut between the charge point and the CSMS when the
// transaction message after the start (1.6: MeterValues; 2.x:
// TransactionEvent Updated) is on its way, and that message is lost with
// it: the charge point connects again, sends it again, and finishes its
// session. The CSMS answers every transaction message once, in order.

#[test]
fn ocpp16_exchange_survives_a_dropped_connection() {
    let (charge_point, csms) = (
        sent_twice(CHARGE_POINT_16, "> CALL MeterValues", 1),
        CSMS_16.to_owned(),
    );
    let cut = Cut::At(r#""MeterValues",{"#);
    let logs = exchange::<v16::Request>("v16", "v201", &charge_point, &csms, Some(cut));
    assert_eq!(transaction_messages(&logs.csms), TRANSACTION_16);
    assert_sent_again(&logs, "MeterValues");
}

#[test]
fn ocpp201_exchange_survives_a_dropped_connection() {
    let (charge_point, csms) = (
        sent_twice(CHARGE_POINT_2X, "> CALL TransactionEvent", 2),
        CSMS_2X.to_owned(),
    );
    let cut = Cut::At(r#""eventType":"Updated""#);
    let logs = exchange::<v201::Request>("v201", "v21", &charge_point, &csms, Some(cut));
    assert_eq!(transaction_messages(&logs.csms), TRANSACTION_2X);
    assert_sent_again(&logs, "TransactionEvent");
}

#[test]
fn ocpp21_exchange_survives_a_dropped_connection() {
    let (charge_point, csms) = (
        sent_twice(CHARGE_POINT_2X, "> CALL TransactionEvent", 2),
        CSMS_2X.to_owned(),
    );
    let cut = Cut::At(r#""eventType":"Updated""#);
    let logs = exchange::<v21::Request>("v21", "v16", &charge_point, &csms, Some(cut));
    assert_eq!(transaction_messages(&logs.csms), TRANSACTION_2X);
    assert_sent_again(&logs, "TransactionEvent");
}

#[test]
fn every_version_on_one_port() {
    let examples = examples();
    let deadline = Instant::now() + TIME_LIMIT;
    let server = Process::start(&examples.csms, &["--version", "all", "--port", "0"]);
    let port = port_of(&server, deadline);
    for (version, id) in [("v16", "CP16"), ("v201", "CP201"), ("v21", "CP21")] {
        let url = format!("ws://127.0.0.1:{port}/{id}");
        let args = ["--version", version, &url];
        let charge_point = Process::start(&examples.charge_point, &args).finish(deadline);
        assert!(charge_point.status.success(), "{charge_point:?}");
    }
    let server = server.stop();
    for (id, subprotocol) in [
        ("CP16", "ocpp1.6"),
        ("CP201", "ocpp2.0.1"),
        ("CP21", "ocpp2.1"),
    ] {
        let connected = format!("{id}: connected from 127.0.0.1:");
        let line = server
            .stderr
            .lines()
            .find(|line| line.starts_with(&connected));
        let line = line.unwrap_or_else(|| panic!("{id} did not connect: {server:?}"));
        assert!(line.ends_with(&format!(" with {subprotocol}")), "{line}");
    }
}

/// `log` with its `nth` line `line` (counting from 1) twice: the frame
/// sent again after the cut.
fn sent_twice(log: &str, line: &str, nth: usize) -> String {
    let mut seen = 0;
    let mut lines = Vec::new();
    for each in log.lines().map(str::trim) {
        lines.push(each);
        if each == line {
            seen += 1;
            if seen == nth {
                lines.push(each);
            }
        }
    }
    assert_eq!(seen.min(nth), nth, "no {nth}th {line}");
    lines.join("\n")
}

/// The one frame the charge point sent twice is the transaction message
/// `action` that was lost with the connection, sent again as it was, one
/// right after the other across the new connection; the CSMS received it
/// and answered it once.
fn assert_sent_again(logs: &Logs, action: &str) {
    let sent = texts(&logs.charge_point, '>');
    let twice: Vec<_> = sent
        .windows(2)
        .filter(|pair| pair[0] == pair[1])
        .map(|pair| pair[0])
        .collect();
    assert_eq!(twice.len(), 1, "{twice:?}");
    let frame: Value = serde_json::from_str(twice[0]).unwrap();
    assert_eq!(frame[2], action);
    let received = texts(&logs.csms, '<');
    assert_eq!(received.iter().filter(|text| **text == twice[0]).count(), 1);
    let id = frame[1].as_str().unwrap();
    let answered = texts(&logs.csms, '>').into_iter().filter(|text| {
        let answer: Value = serde_json::from_str(text).unwrap();
        answer[0] == 3 && answer[1] == id
    });
    assert_eq!(answered.count(), 1);
}

/// The frames each side logged, as `> <frame>` or `< <frame>`.
struct Logs {
    charge_point: Vec<String>,
    csms: Vec<String>,
}

/// Where the connection is cut: before the first frame from the charge
/// point whose text has this in it (which is lost with the connection).
#[derive(Clone, Copy)]
enum Cut {
    At(&'static str),
}

/// The port of a CSMS from the first line it printed.
fn port_of(server: &Process, deadline: Instant) -> u16 {
    let first = server.line(deadline).expect("the CSMS printed nothing");
    first
        .strip_prefix("listening on ws://127.0.0.1:")
        .and_then(|port| port.parse().ok())
        .unwrap_or_else(|| panic!("not a port: {first}"))
}

/// Runs the CSMS and the charge point in `version` (and, first, the
/// refusals of a wrong subprotocol and of a charge point in `other`), and
/// checks what each side logged against `charge_point` and `csms`. With
/// `cut`, the charge point connects through a proxy that cuts its first
/// connection there.
fn exchange<M: Messages>(
    version: &str,
    other: &str,
    charge_point: &str,
    csms: &str,
    cut: Option<Cut>,
) -> Logs {
    let examples = examples();
    let deadline = Instant::now() + TIME_LIMIT;
    let server = Process::start(
        &examples.csms,
        &["--version", version, "--port", "0", "--once"],
    );
    let port = port_of(&server, deadline);
    let url = format!("ws://127.0.0.1:{port}/CP001");

    // A connection that offers only subprotocols other than the version's is
    // refused as OCPP-J says: the handshake completes without a
    // Sec-WebSocket-Protocol header, and the CSMS closes the connection.
    let (head, rest) = handshake(port, "ocpp1.5, ocpp9");
    assert!(head.starts_with("HTTP/1.1 101 "), "{head}");
    assert!(
        !head.to_ascii_lowercase().contains("sec-websocket-protocol"),
        "{head}"
    );
    assert_eq!(rest.first(), Some(&0x88), "no close frame: {rest:?}");
    // A charge point of another version gives up: the CSMS did not choose
    // its subprotocol.
    let wrong =
        Process::start(&examples.charge_point, &["--version", other, &url]).finish(deadline);
    assert!(!wrong.status.success(), "{wrong:?}");
    assert!(wrong.stderr.contains("no subprotocol"), "{wrong:?}");
    assert!(wrong.stdout.is_empty(), "{wrong:?}");

    let url = match cut {
        Some(Cut::At(marker)) => format!("ws://127.0.0.1:{}/CP001", proxy(port, marker)),
        None => url,
    };
    let right =
        Process::start(&examples.charge_point, &["--version", version, &url]).finish(deadline);
    assert!(right.status.success(), "{right:?}");
    let server = server.finish(deadline);
    assert!(server.status.success(), "{server:?}");

    let logs = Logs {
        charge_point: right.stdout,
        csms: server.stdout,
    };
    for line in logs.charge_point.iter().chain(&logs.csms) {
        assert!(
            line.starts_with("> ") || line.starts_with("< "),
            "not a frame: {line}"
        );
    }
    assert_eq!(
        streams(&summary::<M>(&logs.charge_point), '>'),
        streams(&expected(charge_point), '>')
    );
    assert_eq!(
        streams(&summary::<M>(&logs.csms), '<'),
        streams(&expected(csms), '<')
    );
    // What one side sent, the other received, in the same order (but for
    // the frame lost with a cut connection).
    let mut sent = texts(&logs.charge_point, '>');
    if cut.is_some() {
        let again = sent.windows(2).position(|pair| pair[0] == pair[1]);
        sent.remove(again.expect("a frame sent again"));
    }
    assert_eq!(sent, texts(&logs.csms, '<'));
    assert_eq!(texts(&logs.csms, '>'), texts(&logs.charge_point, '<'));
    logs
}

/// The summary lines of a log split in two: those of the charge point's
/// calls (its CALLs and their answers), then those of the CSMS's; `calls`
/// is the direction of the charge point's CALLs in this log (`>` in its
/// own, `<` in the CSMS's). Each side's calls go in order, one at a time;
/// how the two sides' interleave is up to the network.
fn streams(summary: &[String], calls: char) -> (Vec<String>, Vec<String>) {
    summary.iter().cloned().partition(|line| {
        let outgoing = line.starts_with(calls);
        let is_call = line[2..].starts_with("CALL ");
        outgoing == is_call
    })
}

/// Each logged frame read back by an observer of the session: its
/// direction, its message type and its action; a CALLERROR's code as the
/// version spells it; `broken` before a frame that can't be read.
fn summary<M: Messages>(log: &[String]) -> Vec<String> {
    let mut observer = Endpoint::<M>::observer();
    log.iter()
        .map(|line| {
            let (direction, text) = (&line[..1], &line[2..]);
            match observer.read(text) {
                Ok(Frame::CallError(error)) => {
                    let code = error.code.as_str(M::VERSION).unwrap();
                    format!("{direction} CALLERROR {code}")
                }
                Ok(frame) => {
                    let action = frame.action().unwrap_or("?");
                    format!("{direction} {} {action}", frame.message_type())
                }
                Err(error) => {
                    let kind = error.message_type().map_or("?", |kind| kind.name());
                    let action = error.action().unwrap_or("?");
                    format!("{direction} broken {kind} {action}")
                }
            }
        })
        .collect()
}

fn expected(lines: &str) -> Vec<String> {
    lines
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The frames of `log` that went in `direction`, as on the wire.
fn texts(log: &[String], direction: char) -> Vec<&str> {
    log.iter()
        .filter_map(|line| line.strip_prefix(direction))
        .map(|text| &text[1..])
        .collect()
}

/// A proxy on a free port to the CSMS on `port`: its first connection is
/// cut, both ways, before the first frame from the charge point whose text
/// has `marker` in it, which is lost with it; later ones go through whole.
/// Returns its port.
fn proxy(port: u16, marker: &'static str) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let proxy_port = listener.local_addr().unwrap().port();
    thread::spawn(move || {
        for (n, client) in listener.incoming().enumerate() {
            let Ok(client) = client else { return };
            let server = TcpStream::connect(("127.0.0.1", port)).unwrap();
            let (client_in, server_out) =
                (client.try_clone().unwrap(), server.try_clone().unwrap());
            // The CSMS's frames, unmasked, go through as they are.
            thread::spawn(move || {
                let (mut from, mut to) = (server, client);
                let _ = std::io::copy(&mut from, &mut to);
                let _ = to.shutdown(Shutdown::Both);
            });
            let cut = (n == 0).then_some(marker);
            thread::spawn(move || forward_client(client_in, server_out, cut));
        }
    });
    proxy_port
}

/// Forwards a charge point's bytes to the CSMS: its handshake, then frame
/// by frame; with `cut`, stops at the first text frame that has it in it
/// (unmasked), and shuts both connections.
fn forward_client(mut client: TcpStream, mut server: TcpStream, cut: Option<&str>) {
    let mut head = Vec::new();
    let mut byte = [0];
    while !head.ends_with(b"\r\n\r\n") {
        if client.read_exact(&mut byte).is_err() {
            return;
        }
        head.push(byte[0]);
    }
    if server.write_all(&head).is_err() {
        return;
    }
    loop {
        let mut frame = vec![0; 2];
        if client.read_exact(&mut frame).is_err() {
            break;
        }
        let extra = match frame[1] & 0x7f {
            126 => 2,
            127 => 8,
            _ => 0,
        };
        let mut length = [0; 8];
        if client.read_exact(&mut length[8 - extra..]).is_err() {
            break;
        }
        frame.extend_from_slice(&length[8 - extra..]);
        let length = match extra {
            0 => u64::from(frame[1] & 0x7f),
            _ => u64::from_be_bytes(length),
        };
        let masked = frame[1] & 0x80 != 0;
        let mut rest = vec![0; usize::try_from(length).unwrap() + if masked { 4 } else { 0 }];
        if client.read_exact(&mut rest).is_err() {
            break;
        }
        if let (Some(marker), true) = (cut, masked) {
            let (key, payload) = rest.split_at(4);
            let text: Vec<u8> = (payload.iter().enumerate())
                .map(|(i, byte)| byte ^ key[i % 4])
                .collect();
            if String::from_utf8_lossy(&text).contains(marker) {
                let _ = client.shutdown(Shutdown::Both);
                let _ = server.shutdown(Shutdown::Both);
                return;
            }
        }
        frame.extend_from_slice(&rest);
        if server.write_all(&frame).is_err() {
            break;
        }
    }
    let _ = server.shutdown(Shutdown::Both);
}

/// The `eventType` of each `TransactionEvent` the charge point sent.
fn transaction_events(logs: &Logs) -> Vec<String> {
    texts(&logs.charge_point, '>')
        .into_iter()
        .map(|text| serde_json::from_str::<Value>(text).unwrap())
        .filter(|frame| frame[0] == 2 && frame[2] == "TransactionEvent")
        .map(|frame| frame[3]["eventType"].as_str().unwrap().to_owned())
        .collect()
}

/// The transaction messages the CSMS answered with a CALLRESULT, in the
/// order it answered them: each one's action, and for a TransactionEvent
/// its `eventType` and `seqNo`.
fn transaction_messages(csms: &[String]) -> Vec<String> {
    let frames: Vec<(char, Value)> = csms
        .iter()
        .map(|line| {
            (
                line.chars().next().unwrap(),
                serde_json::from_str(&line[2..]).unwrap(),
            )
        })
        .collect();
    let call = |id: &Value| {
        frames
            .iter()
            .find(|(direction, frame)| *direction == '<' && frame[0] == 2 && frame[1] == *id)
            .map(|(_, frame)| frame)
    };
    let mut answered = Vec::new();
    for (direction, frame) in &frames {
        if *direction != '>' || frame[0] != 3 {
            continue;
        }
        let call = call(&frame[1]).expect("a CALLRESULT of the CSMS answers a CALL");
        let action = call[2].as_str().unwrap();
        let payload = &call[3];
        match action {
            "TransactionEvent" => answered.push(format!(
                "{action} {} {}",
                payload["eventType"].as_str().unwrap(),
                payload["seqNo"]
            )),
            "StartTransaction" | "StopTransaction" => answered.push(action.to_owned()),
            "MeterValues" if payload.get("transactionId").is_some() => {
                answered.push(action.to_owned())
            }
            _ => {}
        }
    }
    answered
}

/// Opens a WebSocket handshake to the CSMS that offers `subprotocols`, and
/// returns the response's head and the first bytes after it.
fn handshake(port: u16, subprotocols: &str) -> (String, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET /CP001 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: Upgrade\r\n\
         Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n\
         Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\
         Sec-WebSocket-Protocol: {subprotocols}\r\n\r\n"
    )
    .unwrap();
    let mut received = Vec::new();
    let mut buffer = [0; 1024];
    loop {
        let end = received.windows(4).position(|bytes| bytes == b"\r\n\r\n");
        if let Some(end) = end.filter(|end| received.len() >= end + 6) {
            let rest = received.split_off(end + 4);
            return (String::from_utf8(received).unwrap(), rest);
        }
        match stream.read(&mut buffer).expect("the CSMS went silent") {
            0 => panic!("the CSMS closed: {:?}", String::from_utf8_lossy(&received)),
            read => received.extend_from_slice(&buffer[..read]),
        }
    }
}

/// The two examples, built once per test run with cargo (which does nothing
/// when they are fresh), so the tests never run binaries older than the
/// library.
struct Examples {
    csms: PathBuf,
    charge_point: PathBuf,
}

fn examples() -> &'static Examples {
    static EXAMPLES: OnceLock<Examples> = OnceLock::new();
    EXAMPLES.get_or_init(|| {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"));
        let manifest = Path::new(ROOT).join("Cargo.toml");
        let output = Command::new(cargo)
            .args([
                "build",
                "--quiet",
                "--example",
                "csms",
                "--example",
                "charge-point",
            ])
            .args(["--message-format", "json", "--manifest-path"])
            .arg(manifest)
            .stderr(Stdio::inherit())
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "cargo build of the examples failed"
        );
        let stdout = String::from_utf8(output.stdout).unwrap();
        let executable = |name: &str| {
            stdout
                .lines()
                .filter_map(|line| serde_json::from_str::<Value>(line).ok())
                .filter(|message| message["target"]["name"] == name)
                .find_map(|message| message["executable"].as_str().map(PathBuf::from))
                .unwrap_or_else(|| panic!("cargo reported no {name} executable"))
        };
        Examples {
            csms: executable("csms"),
            charge_point: executable("charge-point"),
        }
    })
}

/// A running example, killed if it is still running when dropped (so that
/// a failing test leaves no process behind).
struct Process {
    child: Child,
    stdout: Receiver<String>,
    stderr: Option<JoinHandle<String>>,
}

/// What a process printed, and how it ended.
#[derive(Debug)]
struct Finished {
    status: ExitStatus,
    stdout: Vec<String>,
    stderr: String,
}

impl Process {
    fn start(program: &Path, args: &[&str]) -> Process {
        let mut child = Command::new(program)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (lines, stdout) = mpsc::channel();
        let out = BufReader::new(child.stdout.take().unwrap());
        thread::spawn(move || {
            for line in out.lines() {
                if lines.send(line.unwrap()).is_err() {
                    break;
                }
            }
        });
        let mut err = child.stderr.take().unwrap();
        let stderr = thread::spawn(move || {
            let mut text = String::new();
            let _ = err.read_to_string(&mut text);
            text
        });
        Process {
            child,
            stdout,
            stderr: Some(stderr),
        }
    }

    /// The next line on stdout, if one comes before `deadline`.
    fn line(&self, deadline: Instant) -> Option<String> {
        let left = deadline.saturating_duration_since(Instant::now());
        self.stdout.recv_timeout(left).ok()
    }

    /// Waits for the process to exit, killing it at `deadline`.
    fn finish(mut self, deadline: Instant) -> Finished {
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            if Instant::now() >= deadline {
                let _ = self.child.kill();
                let stderr = self.stderr.take().unwrap().join().unwrap();
                panic!("killed after {TIME_LIMIT:?}; stderr:\n{stderr}");
            }
            thread::sleep(Duration::from_millis(20));
        };
        Finished {
            status,
            stdout: self.stdout.iter().collect(),
            stderr: self.stderr.take().unwrap().join().unwrap(),
        }
    }
}

impl Process {
    /// Kills the process, and returns what it printed.
    fn stop(mut self) -> Finished {
        let _ = self.child.kill();
        let status = self.child.wait().unwrap();
        Finished {
            status,
            stdout: self.stdout.iter().collect(),
            stderr: self.stderr.take().unwrap().join().unwrap(),
        }
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
