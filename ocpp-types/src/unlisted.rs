//! [`Unlisted`]: an enum value the schema does not list, kept by a lenient
//! reading that tolerates it.

use std::fmt;

/// A string an enum's schema does not list, which a lenient reading kept
/// because its policy tolerates unknown enum values
/// ([`Policy::unknown_enum_values`](crate::Policy::unknown_enum_values)):
/// what the `Unlisted` variant of every enum of the crate holds (and of a
/// user's own enum with an `#[ocpp(unlisted)]` variant).
///
/// Strict reading never makes one: it refuses the value, as the schema
/// does. For the same reason `Serialize` refuses to write one, except
/// `to_string_with`/`to_vec_with` under a policy that tolerates unknown
/// enum values, which write it back as it came: a proxy forwards a
/// charger's `"errorCode": "Error"` unchanged.
///
/// ```
/// # #[cfg(feature = "v16")] {
/// use ocpp_types::v16::{ChargePointErrorCode, StatusNotificationRequest};
/// use ocpp_types::Policy;
///
/// let text = r#"{"connectorId":1,"errorCode":"Error","status":"Faulted"}"#;
/// assert!(ocpp_types::from_str::<StatusNotificationRequest>(text).is_err());
///
/// let read = ocpp_types::from_str_with::<StatusNotificationRequest>(text, Policy::TOLERANT)?;
/// let ChargePointErrorCode::Unlisted(code) = &read.value.error_code else { panic!() };
/// assert_eq!(code.as_str(), "Error");
/// assert_eq!(read.deviations[0].pointer(), "/errorCode");
/// assert_eq!(ocpp_types::to_string_with(&read.value, Policy::TOLERANT)?, text);
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
// A thin pointer (one word, not two) keeps every enum with an `Unlisted`
// variant at 16 bytes instead of 24; the second allocation is only ever
// made for a value a lenient reading kept.
pub struct Unlisted(Box<Box<str>>);

impl Unlisted {
    /// A value to send that the schema does not list. Only
    /// `to_string_with` and `to_vec_with`, under a policy that tolerates
    /// unknown enum values, write it.
    pub fn new(text: impl Into<Box<str>>) -> Unlisted {
        Unlisted(Box::new(text.into()))
    }

    /// The string, as it came.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Unlisted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for Unlisted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}

impl AsRef<str> for Unlisted {
    fn as_ref(&self) -> &str {
        &self.0
    }
}
