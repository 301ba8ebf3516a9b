//! What the `csms` and `charge-point` examples share: the WebSocket that logs
//! every OCPP frame it carries (the log is what `tests/exchange.rs` checks, so
//! it is written in one place), the turn that drives a session over it, and
//! the `--version` argument.

use std::borrow::Cow;

use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use ocpp_types::rpc::{Messages, Session, Version};
use ocpp_types::Escaped;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::{Error as WsError, Message};
use tokio_tungstenite::WebSocketStream;

/// Any error, sendable between tasks.
pub type Result<T, E = Box<dyn std::error::Error + Send + Sync>> = std::result::Result<T, E>;

/// The most bytes a message may have: larger ones end the connection (the
/// default of the WebSocket crate, 64 MiB, is far more than any OCPP
/// message needs).
pub const MAX_MESSAGE_BYTES: usize = 1 << 20;

/// The WebSocket settings of both examples: [`MAX_MESSAGE_BYTES`].
pub fn config() -> WebSocketConfig {
    WebSocketConfig::default()
        .max_message_size(Some(MAX_MESSAGE_BYTES))
        .max_frame_size(Some(MAX_MESSAGE_BYTES))
}

/// The most characters of a received frame the log shows.
const MAX_LOGGED_CHARS: usize = 4096;

/// A WebSocket connection that prints each OCPP frame it sends as
/// `> <frame>` and each one it receives as `< <frame>` on stdout, one line
/// each, exactly as on the wire; a received text that is not one clean line
/// of at most 4096 characters (a peer's newline, control character or
/// bidi control could forge or hide a log line) is shown escaped and cut.
pub struct Wire {
    socket: WebSocketStream<TcpStream>,
}

impl Wire {
    pub fn new(socket: WebSocketStream<TcpStream>) -> Wire {
        Wire { socket }
    }

    /// Sends `frame` in a text message.
    pub async fn send(&mut self, frame: String) -> Result<()> {
        self.socket.send(Message::text(frame.as_str())).await?;
        println!("> {frame}");
        Ok(())
    }

    /// The next frame; `None` once the connection is closed. OCPP-J frames
    /// are text messages: others are skipped (pings are answered on the way).
    pub async fn receive(&mut self) -> Result<Option<String>> {
        while let Some(message) = self.socket.next().await {
            match message {
                Ok(Message::Text(frame)) => {
                    println!("< {}", logged(&frame));
                    return Ok(Some(frame.to_string()));
                }
                Ok(Message::Binary(_)) => eprintln!("skipped a binary message"),
                Ok(_) => {}
                Err(WsError::ConnectionClosed) => break,
                Err(error) => return Err(error.into()),
            }
        }
        Ok(None)
    }

    /// One turn of `session` on this connection: sends all it has to send,
    /// then waits for the next frame, which it reads, or for its next
    /// timeout, which it handles. `false` once the connection is closed.
    pub async fn turn<M: Messages>(&mut self, session: &mut Session<M>) -> Result<bool> {
        while let Some(frame) = session.poll_transmit(Instant::now()) {
            self.send(frame).await?;
        }
        // No timeout due: a wait longer than any session.
        let wake = session
            .poll_timeout()
            .unwrap_or_else(|| Instant::now() + Duration::from_secs(3600));
        tokio::select! {
            // `receive` is cancel-safe: it awaits nothing once it has a frame.
            frame = self.receive() => match frame? {
                Some(text) => session.receive(&text, Instant::now()),
                None => return Ok(false),
            },
            () = tokio::time::sleep_until(wake.into()) => session.handle_timeout(Instant::now()),
        }
        Ok(true)
    }

    /// Closes the connection: sends a close frame, and waits for the other
    /// side's (any frame still coming is logged and dropped).
    pub async fn close(&mut self) -> Result<()> {
        self.socket.close(None).await?;
        while self.receive().await?.is_some() {}
        Ok(())
    }
}

/// `frame` as the log shows it: as it is when it is one clean line, else
/// escaped as the library escapes the strings of a document in its
/// messages (every control, line separator and bidi control), quoted, and
/// cut.
fn logged(frame: &str) -> Cow<'_, str> {
    let shown = Escaped::plain(frame).cut_at(MAX_LOGGED_CHARS).to_string();
    if shown == frame {
        return Cow::Borrowed(frame);
    }
    let quoted = Escaped::quoted(frame).cut_at(MAX_LOGGED_CHARS);
    Cow::Owned(format!("(escaped) {quoted}"))
}

/// The version that `--version` names: `v16`, `v201` or `v21`.
pub fn version(arg: &str) -> Option<Version> {
    match arg {
        "v16" => Some(Version::V16),
        "v201" => Some(Version::V201),
        "v21" => Some(Version::V21),
        _ => None,
    }
}
