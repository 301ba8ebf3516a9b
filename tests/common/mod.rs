//! What several test files share (each includes it with `mod common;`).

use ocpp_types::{Error, ErrorKind, OcppType};
use serde_json::error::Category;
use std::fmt::Debug;

/// The error of reading `text` as `T` with `ocpp_types::from_str`, which must
/// fail; checked against `serde_json::from_str` of the same text: the same
/// message and the same position.
pub fn rejected<T: OcppType + Debug>(text: &str) -> Error {
    let error = match ocpp_types::from_str::<T>(text) {
        Ok(value) => panic!("{text} was accepted as {value:?}"),
        Err(error) => error,
    };
    let json_error = match serde_json::from_str::<T>(text) {
        Ok(value) => panic!("{text} was accepted by serde_json::from_str as {value:?}"),
        Err(error) => error,
    };
    if matches!(
        error.kind(),
        ErrorKind::Syntax | ErrorKind::EndOfInput | ErrorKind::Io
    ) {
        // The parser's own error: serde_json keeps it as it is, and we put
        // the path in front of it.
        assert_eq!(
            json_error.classify(),
            error.json_error().classify(),
            "{text}"
        );
        assert_ne!(json_error.classify(), Category::Data, "{text}");
        let shown = error.to_string();
        let theirs = json_error.to_string();
        assert!(
            shown == theirs || shown.ends_with(&format!(": {theirs}")),
            "{text}: {shown} / {theirs}"
        );
    } else {
        assert_eq!(error.to_string(), json_error.to_string(), "{text}");
    }
    assert_eq!(
        (error.line(), error.column()),
        (json_error.line(), json_error.column()),
        "{text}"
    );
    assert_eq!(
        error.to_string(),
        format!(
            "{} at line {} column {}",
            error.message(),
            error.line(),
            error.column()
        )
    );
    error
}
