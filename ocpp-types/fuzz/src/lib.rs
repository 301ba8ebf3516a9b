//! The checks the fuzz targets run.
//!
//! [`round_trip`], for one OCPP type `T`:
//!
//! 1. parse the input bytes as a JSON document of `T` (any error is fine,
//!    a panic or a crash is not);
//! 2. if it parsed, serialize it, parse that text again and require the same
//!    value (round trip);
//! 3. serialize the re-parsed value and require the very same bytes as the
//!    first serialization (serialization is deterministic and stable).
//!
//! [`lenient`], for one OCPP type `T`, with [`Policy::TOLERANT`]:
//!
//! 1. read the input bytes with [`ocpp_types::from_slice_with`] (any error is
//!    fine, but its `to_string()` and `message()` must be one line);
//! 2. every [`Deviation`] the reading reports has a one-line message of at
//!    most [`MAX_MESSAGE_LEN`] bytes, and at most [`MAX_DEVIATIONS`] are
//!    kept;
//! 3. the value writes with [`ocpp_types::to_string_with`], that text reads
//!    back with [`ocpp_types::from_str_with`] to an equal value, and the
//!    value read back writes the very same text again.
//!
//! [`frames`], for OCPP-J frames of 2.0.1: see its documentation.

use ocpp_types::rpc::{Endpoint, FrameError, MessageId, Messages, Pending, Role};
use ocpp_types::{Deviation, OcppType, Policy, MAX_DEVIATIONS, MAX_MESSAGE_LEN};
use std::fmt::Debug;

/// Runs the check on `data` as a document of `T`.
pub fn round_trip<T: OcppType + PartialEq + Debug>(data: &[u8]) {
    let Ok(value) = serde_json::from_slice::<T>(data) else {
        return;
    };
    let text = serde_json::to_string(&value).expect("a parsed value serializes");
    let again: T = match serde_json::from_str(&text) {
        Ok(again) => again,
        Err(error) => panic!(
            "{}: own output does not parse: {error}\nvalue: {value:?}\ntext: {text}",
            T::NAME
        ),
    };
    assert_eq!(
        again,
        value,
        "{}: round trip changed the value\ntext: {text}",
        T::NAME
    );
    let text_again = serde_json::to_string(&again).expect("a parsed value serializes");
    assert_eq!(text_again, text, "{}: serialization is not stable", T::NAME);
}

/// Panics unless `text` is one line: no `\n` or `\r`, nor a Unicode line
/// break (U+0085, U+2028, U+2029), which the crate promises to escape.
pub fn assert_one_line(what: &str, text: &str) {
    if let Some(c) = text
        .chars()
        .find(|c| matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}'))
    {
        panic!("{what} is not one line (has {c:?}): {text:?}");
    }
}

/// Panics unless the deviation's message is one line of at most
/// [`MAX_MESSAGE_LEN`] bytes.
pub fn check_deviation(what: &str, deviation: &Deviation) {
    let message = deviation.message();
    assert_one_line(&format!("{what}: deviation message"), message);
    assert!(
        message.len() <= MAX_MESSAGE_LEN,
        "{what}: deviation message has {} bytes (at most {MAX_MESSAGE_LEN}): {:?}…",
        message.len(),
        message.get(..200).unwrap_or(message)
    );
    assert_one_line(
        &format!("{what}: deviation to_string"),
        &deviation.to_string(),
    );
}

/// Panics unless the error's text is one line.
pub fn check_error(what: &str, error: &ocpp_types::Error) {
    assert_one_line(&format!("{what}: error to_string"), &error.to_string());
    assert_one_line(&format!("{what}: error message"), error.message());
    assert!(
        error.message().len() <= MAX_MESSAGE_LEN,
        "{what}: error message has {} bytes",
        error.message().len()
    );
}

/// Reads `data` leniently as a `T` with [`Policy::TOLERANT`]; see the crate
/// documentation for what it checks.
pub fn lenient<T: OcppType>(data: &[u8]) {
    let policy = Policy::TOLERANT;
    let read = match ocpp_types::from_slice_with::<T>(data, policy) {
        Ok(read) => read,
        Err(error) => {
            check_error(T::NAME, &error);
            return;
        }
    };
    assert!(
        read.deviations.len() <= MAX_DEVIATIONS,
        "{}: {} deviations kept",
        T::NAME,
        read.deviations.len()
    );
    for deviation in &read.deviations {
        check_deviation(T::NAME, deviation);
    }
    let value = read.value;
    let text = match ocpp_types::to_string_with(&value, policy) {
        Ok(text) => text,
        Err(error) => panic!(
            "{}: a value read leniently does not write leniently: {error}\nvalue: {value:?}",
            T::NAME
        ),
    };
    let again = match ocpp_types::from_str_with::<T>(&text, policy) {
        Ok(again) => again,
        Err(error) => panic!(
            "{}: own lenient output does not read back leniently: {error}\nvalue: {value:?}\ntext: {text}",
            T::NAME
        ),
    };
    for deviation in &again.deviations {
        check_deviation(T::NAME, deviation);
    }
    assert_eq!(
        again.value,
        value,
        "{}: lenient round trip changed the value\ntext: {text}",
        T::NAME
    );
    let text_again = ocpp_types::to_string_with(&again.value, policy)
        .expect("a value that wrote once writes again");
    assert_eq!(
        text_again,
        text,
        "{}: lenient serialization is not stable",
        T::NAME
    );
}

/// The pending calls of a side of `role`: a call of every confirmed action
/// the side may send, with the action's name as its message id (so that
/// `[3,"BootNotification",{…}]` reads as a `BootNotificationResponse` on a
/// charge point), and calls with the ids `"1"` to `"4"` of a few actions.
fn pending<M: Messages>(role: Role) -> Pending {
    let mut pending = Pending::with_capacity(M::ACTIONS.len() + 8);
    let mine = M::ACTIONS
        .iter()
        .filter(|action| !action.unconfirmed && action.direction.allows(role));
    for action in mine.clone() {
        let id = MessageId::new(action.name).expect("an action name is short");
        pending.insert(id, action.name);
    }
    for (n, action) in mine.take(4).enumerate() {
        let id = MessageId::new((n + 1).to_string()).expect("a short id");
        pending.insert(id, action.name);
    }
    pending
}

/// A side of `role` of version `M`, reading with `policy`, with the
/// [`pending`] calls of its role.
pub fn endpoint<M: Messages>(role: Role, policy: Policy) -> Endpoint<M> {
    let mut endpoint = match role {
        Role::Csms => Endpoint::<M>::csms(),
        Role::ChargePoint => Endpoint::<M>::charge_point(),
    }
    .with_policy(policy);
    *endpoint.pending() = pending::<M>(role);
    endpoint
}

/// Panics unless the error of a frame is well formed: its `to_string()` and
/// `message()` one line, its payload error (if any) one line, and its
/// `answer()` (if any) one line of valid JSON, a CALLERROR or
/// CALLRESULTERROR array.
pub fn check_frame_error(what: &str, error: &FrameError) {
    assert_one_line(
        &format!("{what}: frame error to_string"),
        &error.to_string(),
    );
    assert_one_line(&format!("{what}: frame error message"), error.message());
    if let Some(payload) = error.payload_error() {
        check_error(what, payload);
    }
    let Some(answer) = error.answer() else {
        return;
    };
    assert_one_line(&format!("{what}: answer"), &answer);
    let json: serde_json::Value = match serde_json::from_str(&answer) {
        Ok(json) => json,
        Err(json_error) => {
            panic!("{what}: answer is not valid JSON: {json_error}\nanswer: {answer}\nerror: {error:?}")
        }
    };
    let frame = json.as_array();
    assert!(
        frame.is_some_and(|frame| frame.len() == 5 && matches!(frame[0].as_u64(), Some(4 | 5))),
        "{what}: answer is not a CALLERROR or CALLRESULTERROR: {answer}"
    );
}

/// Reads `text` as a frame with `endpoint`. An error must pass
/// [`check_frame_error`]; a frame must write with `to_json()` without a
/// panic, and, where `strict`, without an error either (what a strict side
/// reads is valid, and valid frames write). The deviations of a lenient read
/// must pass [`check_deviation`].
pub fn read_frame<M: Messages>(what: &str, endpoint: &mut Endpoint<M>, text: &str, strict: bool) {
    match endpoint.read(text) {
        Err(error) => check_frame_error(what, &error),
        Ok(frame) => {
            let written = frame.to_json();
            if strict {
                if let Err(error) = written {
                    panic!(
                        "{what}: a frame read strictly does not write: {error}\nframe: {frame:?}"
                    );
                }
            }
        }
    }
    for deviation in endpoint.deviations() {
        check_deviation(what, deviation);
    }
}

/// Reads `data` (UTF-8 text; other bytes are skipped) as OCPP-J frames of
/// the version `M`: first the whole text as one frame, then, if it has
/// several lines, each line in turn as a session, with the same sides: a
/// CSMS and a charge point reading strictly, and a CSMS and a charge point
/// reading with [`Policy::TOLERANT`].
pub fn frames<M: Messages>(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut sides = [
        ("csms", endpoint::<M>(Role::Csms, Policy::STRICT), true),
        (
            "charge point",
            endpoint::<M>(Role::ChargePoint, Policy::STRICT),
            true,
        ),
        (
            "tolerant csms",
            endpoint::<M>(Role::Csms, Policy::TOLERANT),
            false,
        ),
        (
            "tolerant charge point",
            endpoint::<M>(Role::ChargePoint, Policy::TOLERANT),
            false,
        ),
    ];
    for (what, side, strict) in &mut sides {
        read_frame(what, side, text, *strict);
    }
    if text.contains('\n') {
        for line in text.lines().take(16) {
            for (what, side, strict) in &mut sides {
                read_frame(what, side, line, *strict);
            }
        }
    }
}
