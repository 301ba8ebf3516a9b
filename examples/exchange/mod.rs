//! What the `csms` and `charge-point` examples share: the log of every OCPP
//! frame a connection carries (the log is what `tests/exchange.rs` checks,
//! so it is written in one place), and the `--version` argument.

use std::borrow::Cow;

use ocpp_types::rpc::Version;
use ocpp_types::Escaped;
use ocpp_types_tokio::Trace;

/// Any error, sendable between tasks.
pub type Result<T, E = Box<dyn std::error::Error + Send + Sync>> = std::result::Result<T, E>;

/// The most characters of a received frame the log shows.
const MAX_LOGGED_CHARS: usize = 4096;

/// The observer of both examples: each OCPP frame sent is a line
/// `> <frame>` on stdout and each one received `< <frame>`, exactly as on
/// the wire; a received text that is not one clean line of at most 4096
/// characters (a peer's newline, control character or bidi control could
/// forge or hide a log line) is shown escaped and cut. Everything else goes
/// to stderr, escaped.
pub fn log(trace: &Trace<'_>) {
    match trace {
        Trace::Sent { text, .. } => println!("> {text}"),
        Trace::Received { text, .. } => println!("< {}", logged(text)),
        Trace::Note {
            charge_point,
            message,
        } => eprintln!(
            "{}: {}",
            Escaped::plain(charge_point),
            Escaped::plain(message)
        ),
        other => eprintln!("{other:?}"),
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
