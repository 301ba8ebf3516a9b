//! The check every fuzz target runs, for one OCPP type `T`:
//!
//! 1. parse the input bytes as a JSON document of `T` (any error is fine,
//!    a panic or a crash is not);
//! 2. if it parsed, serialize it, parse that text again and require the same
//!    value (round trip);
//! 3. serialize the re-parsed value and require the very same bytes as the
//!    first serialization (serialization is deterministic and stable).

use ocpp_types::OcppType;
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
