//! The frames as values, and how they are written.

use super::{ErrorCode, Messages, Responses, Version};
use crate::__private::Escaped;
use serde::ser::{Error as _, SerializeSeq, Serializer};
use serde::Serialize;
use serde_json::{Map, Value};
use std::fmt;

/// The message type number, the first element of a frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MessageType {
    /// 2: a request.
    Call = 2,
    /// 3: the response to a CALL.
    CallResult = 3,
    /// 4: the error that answers a CALL.
    CallError = 4,
    /// 5: the error that answers a CALLRESULT (2.1).
    CallResultError = 5,
    /// 6: an unconfirmed message (2.1).
    Send = 6,
}

impl MessageType {
    /// The type numbered `number` in `version`.
    pub fn from_number(number: u64, version: Version) -> Option<MessageType> {
        Some(match number {
            2 => MessageType::Call,
            3 => MessageType::CallResult,
            4 => MessageType::CallError,
            5 if version.has_send() => MessageType::CallResultError,
            6 if version.has_send() => MessageType::Send,
            _ => return None,
        })
    }

    /// The name the specifications give it: `CALL`, `CALLRESULT`,
    /// `CALLERROR`, `CALLRESULTERROR`, `SEND`.
    pub const fn name(self) -> &'static str {
        match self {
            MessageType::Call => "CALL",
            MessageType::CallResult => "CALLRESULT",
            MessageType::CallError => "CALLERROR",
            MessageType::CallResultError => "CALLRESULTERROR",
            MessageType::Send => "SEND",
        }
    }
}

impl fmt::Display for MessageType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A message id: a string of at most 36 characters, which the answer to a
/// message repeats.
///
/// ```
/// use ocpp_types::rpc::MessageId;
///
/// let id = MessageId::new("19223201").unwrap();
/// assert_eq!(id.as_str(), "19223201");
/// assert_eq!(id, "19223201");
/// assert!(MessageId::new("x".repeat(37)).is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MessageId(String);

impl MessageId {
    /// The most characters a message id may have.
    pub const MAX_CHARS: usize = 36;

    /// `id`, if it has at most [`MAX_CHARS`](Self::MAX_CHARS) characters.
    pub fn new(id: impl Into<String>) -> Result<MessageId, InvalidMessageId> {
        let id = id.into();
        let chars = id.chars().count();
        if chars > MessageId::MAX_CHARS {
            return Err(InvalidMessageId { chars });
        }
        Ok(MessageId(id))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for MessageId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for MessageId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for MessageId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl Serialize for MessageId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

/// A message id longer than [`MessageId::MAX_CHARS`] characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidMessageId {
    chars: usize,
}

impl fmt::Display for InvalidMessageId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a message id has at most {} characters, this one has {}",
            MessageId::MAX_CHARS,
            self.chars
        )
    }
}

impl std::error::Error for InvalidMessageId {}

/// An OCPP-J frame of the version whose requests are `M` (a version
/// module's `Request`; each module names its frames `Frame`).
#[derive(Clone, Debug, PartialEq)]
pub enum Frame<M: Messages> {
    /// A request.
    Call(Call<M>),
    /// The response to a call this side made.
    CallResult(CallResult<M::Response>),
    /// A CALLRESULT whose message id is not that of a call this side is
    /// waiting for (one it never made, or forgot: see [`Pending`](super::Pending)).
    UnexpectedResult(UnexpectedResult),
    /// The error that answers a call this side made.
    CallError(CallError),
    /// The error that answers a CALLRESULT this side sent (2.1).
    CallResultError(CallError),
    /// An unconfirmed message (2.1): nothing answers it.
    Send(Call<M>),
}

impl<M: Messages> Frame<M> {
    /// The frame's message type.
    pub fn message_type(&self) -> MessageType {
        match self {
            Frame::Call(_) => MessageType::Call,
            Frame::CallResult(_) | Frame::UnexpectedResult(_) => MessageType::CallResult,
            Frame::CallError(_) => MessageType::CallError,
            Frame::CallResultError(_) => MessageType::CallResultError,
            Frame::Send(_) => MessageType::Send,
        }
    }

    /// The frame's message id.
    pub fn message_id(&self) -> &MessageId {
        match self {
            Frame::Call(call) | Frame::Send(call) => &call.message_id,
            Frame::CallResult(result) => &result.message_id,
            Frame::UnexpectedResult(result) => &result.message_id,
            Frame::CallError(error) | Frame::CallResultError(error) => &error.message_id,
        }
    }

    /// The action the frame is about, where it is known: a CALL's or a
    /// SEND's, or that of the call a CALLRESULT or CALLERROR answers.
    pub fn action(&self) -> Option<&'static str> {
        match self {
            Frame::Call(call) | Frame::Send(call) => Some(call.action()),
            Frame::CallResult(result) => Some(result.payload.action()),
            Frame::UnexpectedResult(_) | Frame::CallResultError(_) => None,
            Frame::CallError(error) => error.action,
        }
    }

    /// The frame as JSON text, as it goes on the wire.
    ///
    /// Fails where the payload can't be written: a value the schema
    /// refuses (a non-finite float, a string over its limit), or an error
    /// code the version does not have.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }
}

impl<M: Messages> Serialize for Frame<M> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Frame::Call(call) | Frame::Send(call) => call.serialize(serializer),
            Frame::CallResult(result) => result.serialize(serializer),
            Frame::UnexpectedResult(result) => {
                write_result(&result.message_id, &result.payload, serializer)
            }
            Frame::CallError(error) => error.write(
                MessageType::CallError,
                M::VERSION,
                &error.details,
                serializer,
            ),
            Frame::CallResultError(error) => error.write(
                MessageType::CallResultError,
                M::VERSION,
                &error.details,
                serializer,
            ),
        }
    }
}

/// A CALL (or a SEND): a request and its message id. It is written as the
/// message type of its action, whichever variant of [`Frame`] holds it.
#[derive(Clone, Debug, PartialEq)]
pub struct Call<M> {
    /// The id the answer repeats.
    pub message_id: MessageId,
    /// The request; its variant is the action.
    pub payload: M,
}

impl<M: Messages> Call<M> {
    /// A call of `payload` (a request type of the version, or its `Request`).
    pub fn new(message_id: MessageId, payload: impl Into<M>) -> Call<M> {
        Call {
            message_id,
            payload: payload.into(),
        }
    }

    /// The action: `BootNotification`.
    pub fn action(&self) -> &'static str {
        self.payload.action()
    }

    /// The CALLRESULT that answers this call with `response`, which must be
    /// a response of the call's action.
    pub fn reply(
        &self,
        response: impl Into<M::Response>,
    ) -> Result<CallResult<M::Response>, Mismatch> {
        let response = response.into();
        if response.action() != self.action() {
            return Err(Mismatch {
                call: self.action(),
                response: response.action(),
            });
        }
        Ok(CallResult {
            message_id: self.message_id.clone(),
            payload: response,
        })
    }

    /// The CALLERROR that answers this call with `code` and `description`
    /// (no details).
    pub fn error(&self, code: ErrorCode, description: impl Into<String>) -> CallError {
        CallError {
            message_id: self.message_id.clone(),
            code,
            description: description.into(),
            details: Map::new(),
            action: Some(self.action()),
            version: M::VERSION,
        }
    }

    /// The message type the call travels in: SEND for an unconfirmed
    /// action (2.1's `NotifyPeriodicEventStream`), CALL for any other.
    pub fn message_type(&self) -> MessageType {
        if self.payload.info().unconfirmed {
            MessageType::Send
        } else {
            MessageType::Call
        }
    }

    /// The call as the JSON text of its frame: a CALL, or a SEND for an
    /// unconfirmed action.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }
}

/// The call's frame: a CALL, or a SEND for an unconfirmed action.
impl<M: Messages> Serialize for Call<M> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(4))?;
        seq.serialize_element(&(self.message_type() as u8))?;
        seq.serialize_element(&self.message_id)?;
        seq.serialize_element(self.action())?;
        seq.serialize_element(&self.payload)?;
        seq.end()
    }
}

/// A response given to a call of another action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    /// The call's action.
    pub call: &'static str,
    /// The response's action.
    pub response: &'static str,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a response of `{}` can't answer a call of `{}`",
            self.response, self.call
        )
    }
}

impl std::error::Error for Mismatch {}

/// A CALLRESULT: the response to a call, with the call's message id.
#[derive(Clone, Debug, PartialEq)]
pub struct CallResult<R> {
    /// The id of the call this answers.
    pub message_id: MessageId,
    /// The response; its variant is the call's action.
    pub payload: R,
}

impl<R: Responses> CallResult<R> {
    /// The result as the JSON text of a CALLRESULT frame.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }
}

impl<R: Responses> Serialize for CallResult<R> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        write_result(&self.message_id, &self.payload, serializer)
    }
}

fn write_result<S: Serializer>(
    message_id: &MessageId,
    payload: &impl Serialize,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut seq = serializer.serialize_seq(Some(3))?;
    seq.serialize_element(&(MessageType::CallResult as u8))?;
    seq.serialize_element(message_id)?;
    seq.serialize_element(payload)?;
    seq.end()
}

/// A CALLRESULT to no call this side is waiting for. Its payload is a JSON
/// object without a key twice; what type it should have is unknown.
#[derive(Clone, Debug, PartialEq)]
pub struct UnexpectedResult {
    /// The message id, which no pending call has.
    pub message_id: MessageId,
    /// The payload, checked to be an object only.
    pub payload: Map<String, Value>,
}

/// A CALLERROR (or a 2.1 CALLRESULTERROR): the code, the description and
/// the details of why a message was not answered.
#[derive(Clone, Debug, PartialEq)]
pub struct CallError {
    /// The id of the message this answers.
    pub message_id: MessageId,
    /// What went wrong.
    pub code: ErrorCode,
    /// For people; may be empty.
    pub description: String,
    /// For programs: an object, often empty.
    pub details: Map<String, Value>,
    /// Not on the wire: the action of the call this answers, where this
    /// side made the call.
    pub action: Option<&'static str>,
    /// Not on the wire: the version of the connection, which spells the
    /// code (1.6's `FormationViolation` is 2.x's `FormatViolation`).
    pub version: Version,
}

impl CallError {
    /// The error as the JSON text of a CALLERROR frame of its version.
    ///
    /// ```
    /// # #[cfg(feature = "v201")] {
    /// use ocpp_types::rpc::{Call, ErrorCode, MessageId};
    /// use ocpp_types::v201::{HeartbeatRequest, Request};
    ///
    /// let call = Call::<Request>::new(MessageId::new("19")?, HeartbeatRequest::new());
    /// assert_eq!(
    ///     call.error(ErrorCode::FormatViolation, "").to_json()?,
    ///     r#"[4,"19","FormatViolation","",{}]"#,
    /// );
    /// # }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        self.to_json_as(MessageType::CallError, self.version, &self.details)
    }

    /// The error as the JSON text of a frame of `kind`, with `details`
    /// written in place of its own.
    pub(crate) fn to_json_as(
        &self,
        kind: MessageType,
        version: Version,
        details: &impl Serialize,
    ) -> Result<String, serde_json::Error> {
        let mut out = Vec::with_capacity(128);
        let serializer = &mut serde_json::Serializer::new(&mut out);
        self.write(kind, version, details, serializer)?;
        Ok(String::from_utf8(out).expect("serde_json writes UTF-8"))
    }

    fn write<S: Serializer>(
        &self,
        kind: MessageType,
        version: Version,
        details: &impl Serialize,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let Some(code) = self.code.as_str(version) else {
            return Err(S::Error::custom(format_args!(
                "{version} has no error code `{:?}`",
                self.code
            )));
        };
        let mut seq = serializer.serialize_seq(Some(5))?;
        seq.serialize_element(&(kind as u8))?;
        seq.serialize_element(&self.message_id)?;
        seq.serialize_element(code)?;
        seq.serialize_element(&self.description)?;
        seq.serialize_element(details)?;
        seq.end()
    }
}

impl fmt::Display for CallError {
    /// `<code>: <description>`, with the description escaped and bounded.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, Escaped::plain(&self.description))
    }
}
