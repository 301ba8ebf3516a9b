//! The error of parsing an enum from a string.

use std::fmt;

/// A string that is not one of an enum's values, from `FromStr` or
/// `TryFrom<&str>` of an `#[ocpp_type]` enum. It names the input and the
/// allowed values:
///
/// ```
/// use ocpp_types::DataTransferStatus;
///
/// let error = "Pending".parse::<DataTransferStatus>().unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     "unknown DataTransferStatus value `Pending`, expected one of \
///      `Accepted`, `Rejected`, `UnknownMessageId`, `UnknownVendorId`",
/// );
/// // A value in the wrong case is pointed out.
/// let error = "accepted".parse::<DataTransferStatus>().unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     "unknown DataTransferStatus value `accepted`, expected `Accepted` (values are case-sensitive)",
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseEnumError {
    type_name: &'static str,
    input: String,
    allowed: &'static [&'static str],
}

impl ParseEnumError {
    /// The error for `input`, which is none of `allowed`, the values of `type_name`.
    pub fn new(type_name: &'static str, input: &str, allowed: &'static [&'static str]) -> Self {
        ParseEnumError {
            type_name,
            input: input.to_owned(),
            allowed,
        }
    }

    /// The enum's name in the spec.
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }

    /// The string that was not recognized.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// The enum's values, in the spec's order.
    pub fn allowed(&self) -> &'static [&'static str] {
        self.allowed
    }
}

impl fmt::Display for ParseEnumError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown {} value `{}`, expected ",
            self.type_name, self.input
        )?;
        // Values differ in case more often than in anything else: say which.
        match self
            .allowed
            .iter()
            .find(|value| value.eq_ignore_ascii_case(&self.input))
        {
            Some(value) => write!(f, "`{value}` (values are case-sensitive)"),
            None => write!(f, "{}", crate::__private::OneOf(self.allowed)),
        }
    }
}

impl std::error::Error for ParseEnumError {}
