//! What the `csms` and `charge-point` examples share: the WebSocket that logs
//! every OCPP frame it carries (the log is what `tests/exchange.rs` checks, so
//! it is written in one place), the `--version` argument, and the clock.

use std::borrow::Cow;
use std::time::{SystemTime, UNIX_EPOCH};

use futures_util::{SinkExt, StreamExt};
use ocpp_types::rpc::Version;
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

/// The time now, as an OCPP `dateTime` in UTC: `2026-11-29T12:00:00Z`.
pub fn now() -> String {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    let (days, second) = (seconds / 86_400, seconds % 86_400);
    // The civil date of a day number (Howard Hinnant's `civil_from_days`).
    let days = days + 719_468;
    let (era, day_of_era) = (days / 146_097, days % 146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = era * 400 + year_of_era + u64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        second / 3_600,
        second / 60 % 60,
        second % 60
    )
}
