//! Reading a frame in one pass: the frame's elements are checked as they
//! come, and the payload is read by the type its action names, straight
//! from the text (no `serde_json::Value` in between). What went wrong, and
//! where, becomes a [`FrameError`] that knows its CALLERROR.

use super::frame::{Call, CallError, CallResult, Frame, MessageId, MessageType, UnexpectedResult};
use super::{ErrorCode, Messages, Pending, Responses, Role, Side, Version};
use crate::__private::{At, Escaped, Path, Structured};
use crate::{Error, ErrorKind};
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// The most characters of an answer's `errorDescription`: a longer message
/// is cut, and ends with `…`.
pub const DESCRIPTION_LIMIT: usize = 255;

/// Reads `text` as a frame of `M`'s version, as `side` (an observer reads a
/// log of both sides, where every call read is also remembered).
pub(super) fn read<M: Messages>(
    text: &str,
    side: Side,
    pending: &mut Pending,
) -> Result<Frame<M>, FrameError> {
    let mut state = State {
        version: M::VERSION,
        side,
        pending,
        message_type: None,
        message_id: None,
        action: None,
        stage: Stage::Frame,
        broken: None,
    };
    let structured = Structured::enter();
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let frame = FrameSeed::<M> {
        state: &mut state,
        messages: PhantomData,
    }
    .deserialize(&mut deserializer);
    let frame = match frame {
        Ok(frame) => frame,
        Err(json) => return Err(state.error(json, &structured)),
    };
    if let Err(json) = deserializer.end() {
        // Characters after the frame: what was read stays known.
        state.message_id = Some(frame.message_id().clone());
        return Err(state.error(json, &structured));
    }
    Ok(frame)
}

/// What is known of the frame so far.
struct State<'a> {
    version: Version,
    side: Side,
    pending: &'a mut Pending,
    message_type: Option<MessageType>,
    message_id: Option<MessageId>,
    action: Option<&'static str>,
    stage: Stage,
    /// The mistake the frame's reading found itself.
    broken: Option<Broken>,
}

#[derive(Clone, Copy, PartialEq)]
enum Stage {
    Frame,
    /// Reading the payload, the element at this index, with the types of
    /// this crate.
    Payload(usize),
    /// Reading the details of an error, the frame's own element: its
    /// mistakes are the frame's.
    Details,
}

struct Broken {
    code: ErrorCode,
    message: String,
    pointer: String,
}

impl State<'_> {
    /// The action of the pending call the frame answers, which is no
    /// longer pending.
    fn take_pending(&mut self) -> Option<&'static str> {
        let id = self.message_id.as_ref()?;
        self.pending.take(id.as_str())
    }

    /// Records a mistake of the frame, and the error that stops the reading.
    #[cold]
    fn broken<E: serde::de::Error>(
        &mut self,
        code: ErrorCode,
        pointer: &str,
        message: fmt::Arguments<'_>,
    ) -> E {
        let message = crate::__private::message(message);
        let error = E::custom(&message);
        self.broken = Some(Broken {
            code,
            message,
            pointer: pointer.to_owned(),
        });
        error
    }

    /// A mistake in the frame's own elements.
    #[cold]
    fn broken_frame<E: serde::de::Error>(
        &mut self,
        pointer: &str,
        message: fmt::Arguments<'_>,
    ) -> E {
        let code = ErrorCode::of_frame(self.version);
        self.broken(code, pointer, format_args!("frame: {message}"))
    }

    #[cold]
    fn error(self, json: serde_json::Error, structured: &Structured) -> FrameError {
        let version = self.version;
        let (line, column) = (json.line(), json.column());
        let (code, message, pointer, payload) = match (self.broken, self.stage) {
            (Some(broken), _) => (broken.code, broken.message, broken.pointer, None),
            (None, Stage::Payload(index)) => {
                let error = crate::read::to_error(json, structured.take());
                let code = ErrorCode::of_payload(error.kind(), error.path().is_empty());
                let pointer = format!("/{index}{}", error.pointer());
                (code, error.message().to_owned(), pointer, Some(error))
            }
            (None, Stage::Details) => {
                let error = crate::read::to_error(json, structured.take());
                let pointer = format!("/4{}", error.pointer());
                let message = format!("frame: {}", error.message());
                (ErrorCode::of_frame(version), message, pointer, Some(error))
            }
            (None, Stage::Frame) => {
                let error = Error::from_json(json);
                let message = format!("frame: {}", error.message());
                (ErrorCode::of_frame(version), message, String::new(), None)
            }
        };
        FrameError(Box::new(Inner {
            version,
            code,
            message_type: self.message_type,
            message_id: self.message_id,
            action: self.action,
            message,
            pointer,
            payload,
            line,
            column,
        }))
    }
}

struct FrameSeed<'a, 'b, M> {
    state: &'a mut State<'b>,
    messages: PhantomData<fn() -> M>,
}

impl<'de, M: Messages> DeserializeSeed<'de> for FrameSeed<'_, '_, M> {
    type Value = Frame<M>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Frame<M>, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, M: Messages> Visitor<'de> for FrameSeed<'_, '_, M> {
    type Value = Frame<M>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an OCPP-J frame (a JSON array)")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Frame<M>, A::Error> {
        let state = self.state;
        let version = M::VERSION;

        let number = match seq.next_element_seed(ScalarSeed)? {
            Some(Scalar::Integer(number)) => number,
            Some(other) => {
                return Err(state.broken_frame(
                    "/0",
                    format_args!("the message type must be an integer, found {other}"),
                ))
            }
            None => return Err(state.broken_frame("", format_args!("an empty array"))),
        };
        let message_type = MessageType::from_number(number, version);
        state.message_type = message_type;

        // The id is read even after an unknown message type, to answer it.
        let message_id = match seq.next_element_seed(ScalarSeed)? {
            Some(Scalar::Str(id)) => {
                MessageId::new(id.into_owned()).map_err(|error| ("/1", error.to_string()))
            }
            Some(other) => Err((
                "/1",
                format!("the message id must be a string, found {other}"),
            )),
            None => Err(("", "no message id after the message type".to_owned())),
        };
        let Some(message_type) = message_type else {
            state.message_id = message_id.ok();
            let known = if version.has_send() {
                "2, 3, 4, 5 or 6"
            } else {
                "2, 3 or 4"
            };
            return Err(state.broken(
                ErrorCode::of_message_type(version),
                "/0",
                format_args!("frame: message type {number} is not one of {version}'s ({known})"),
            ));
        };
        match message_id {
            // Kept in the state, for an error, until the frame is made.
            Ok(id) => state.message_id = Some(id),
            Err((pointer, message)) => {
                return Err(state.broken_frame(pointer, format_args!("{message}")))
            }
        }

        match message_type {
            MessageType::Call | MessageType::Send => read_call(seq, state, message_type),
            MessageType::CallResult => read_result(seq, state),
            MessageType::CallError | MessageType::CallResultError => {
                read_error(seq, state, message_type)
            }
        }
    }
}

/// The rest of a CALL or SEND: the action, and its payload.
fn read_call<'de, A: SeqAccess<'de>, M: Messages>(
    mut seq: A,
    state: &mut State<'_>,
    message_type: MessageType,
) -> Result<Frame<M>, A::Error> {
    let name = message_type.name();
    let version = state.version;
    let action = match seq.next_element_seed(ScalarSeed)? {
        Some(Scalar::Str(action)) => action,
        Some(other) => {
            return Err(state.broken_frame(
                "/2",
                format_args!("the action of a {name} must be a string, found {other}"),
            ))
        }
        None => return Err(too_short(state, name, 4, 2)),
    };
    let Some(info) = M::find_action(&action) else {
        return Err(state.broken(
            ErrorCode::NotImplemented,
            "/2",
            format_args!(
                "{} is not an action of {version}",
                Escaped::backticked(&action)
            ),
        ));
    };
    state.action = Some(info.name);
    let send = message_type == MessageType::Send;
    // A log's reader remembers every call, a broken one too, once its id
    // and action are read: its CALLRESULT or CALLERROR follows.
    if let (Side::Observer, false, Some(id)) = (state.side, send, &state.message_id) {
        state.pending.insert(id.clone(), info.name);
    }
    if info.unconfirmed != send {
        let (is, not) = if info.unconfirmed {
            ("SEND", "CALL")
        } else {
            ("CALL", "SEND")
        };
        return Err(state.broken(
            ErrorCode::NotSupported,
            "/2",
            format_args!("`{}` is sent in a {is}, not in a {not}", info.name),
        ));
    }
    if let Some(sender) = state.side.peer() {
        if !info.direction.allows(sender) {
            let (by, not) = match sender {
                Role::Csms => ("a charge point", "the CSMS"),
                Role::ChargePoint => ("the CSMS", "a charge point"),
            };
            return Err(state.broken(
                ErrorCode::NotSupported,
                "/2",
                format_args!("`{}` is sent by {by}, not by {not}", info.name),
            ));
        }
    }
    let payload = seq.next_element_seed(Marked {
        stage: &mut state.stage,
        mark: Stage::Payload(3),
        seed: RequestSeed::<M> {
            action: info.name,
            messages: PhantomData,
        },
    })?;
    let Some(payload) = payload else {
        return Err(too_short(state, name, 4, 3));
    };
    end(&mut seq, state, name, 4)?;
    let call = Call {
        message_id: take_id(state)?,
        payload,
    };
    Ok(if send {
        Frame::Send(call)
    } else {
        Frame::Call(call)
    })
}

/// The rest of a CALLRESULT: the payload, typed by the pending call's action
/// where there is one.
fn read_result<'de, A: SeqAccess<'de>, M: Messages>(
    mut seq: A,
    state: &mut State<'_>,
) -> Result<Frame<M>, A::Error> {
    let name = MessageType::CallResult.name();
    let action = state.take_pending();
    state.action = action;
    let payload = match action {
        Some(action) => seq
            .next_element_seed(Marked {
                stage: &mut state.stage,
                mark: Stage::Payload(2),
                seed: ResponseSeed::<M::Response> {
                    action,
                    responses: PhantomData,
                },
            })?
            .map(Ok),
        None => {
            let payload = seq.next_element_seed(Marked {
                stage: &mut state.stage,
                mark: Stage::Payload(2),
                seed: At::<Value>::new(Path::Root("payload")),
            })?;
            match payload {
                Some(Value::Object(payload)) => Some(Err(payload)),
                Some(other) => {
                    return Err(state.broken(
                        ErrorCode::of_payload(ErrorKind::WrongType, true),
                        "/2",
                        format_args!(
                            "payload: invalid type: {}, expected an object",
                            kind_of(&other)
                        ),
                    ))
                }
                None => None,
            }
        }
    };
    let Some(payload) = payload else {
        return Err(too_short(state, name, 3, 2));
    };
    end(&mut seq, state, name, 3)?;
    let message_id = take_id(state)?;
    Ok(match payload {
        Ok(payload) => Frame::CallResult(CallResult {
            message_id,
            payload,
        }),
        Err(payload) => Frame::UnexpectedResult(UnexpectedResult {
            message_id,
            payload,
        }),
    })
}

/// The rest of a CALLERROR or CALLRESULTERROR: code, description, details.
fn read_error<'de, A: SeqAccess<'de>, M: Messages>(
    mut seq: A,
    state: &mut State<'_>,
    message_type: MessageType,
) -> Result<Frame<M>, A::Error> {
    let name = message_type.name();
    let version = state.version;
    let code = match seq.next_element_seed(ScalarSeed)? {
        Some(Scalar::Str(code)) => match ErrorCode::parse(&code, version) {
            Some(code) => code,
            None => {
                return Err(state.broken_frame(
                    "/2",
                    format_args!(
                        "{} is not an error code of {version}",
                        Escaped::backticked(&code)
                    ),
                ))
            }
        },
        Some(other) => {
            return Err(state.broken_frame(
                "/2",
                format_args!("the error code must be a string, found {other}"),
            ))
        }
        None => return Err(too_short(state, name, 5, 2)),
    };
    let description = match seq.next_element_seed(ScalarSeed)? {
        Some(Scalar::Str(description)) => description.into_owned(),
        Some(other) => {
            return Err(state.broken_frame(
                "/3",
                format_args!("the error description must be a string, found {other}"),
            ))
        }
        None => return Err(too_short(state, name, 5, 3)),
    };
    let details = seq.next_element_seed(Marked {
        stage: &mut state.stage,
        mark: Stage::Details,
        seed: At::<Value>::new(Path::Root("errorDetails")),
    })?;
    let details = match details {
        Some(Value::Object(details)) => details,
        Some(other) => {
            return Err(state.broken_frame(
                "/4",
                format_args!(
                    "the error details must be an object, found {}",
                    kind_of(&other)
                ),
            ))
        }
        None => return Err(too_short(state, name, 5, 4)),
    };
    end(&mut seq, state, name, 5)?;
    let action = if message_type == MessageType::CallError {
        state.take_pending()
    } else {
        None
    };
    state.action = action;
    let error = CallError {
        message_id: take_id(state)?,
        code,
        description,
        details,
        action,
        version,
    };
    Ok(if message_type == MessageType::CallError {
        Frame::CallError(error)
    } else {
        Frame::CallResultError(error)
    })
}

/// A seed that marks the reading of its element as `mark` (a payload's,
/// or an error's details) when the element starts (not before: a frame
/// that ends before it is broken as a frame), and as the frame's again when
/// it is read.
struct Marked<'s, S> {
    stage: &'s mut Stage,
    mark: Stage,
    seed: S,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Marked<'_, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<S::Value, D::Error> {
        *self.stage = self.mark;
        let value = self.seed.deserialize(deserializer)?;
        *self.stage = Stage::Frame;
        Ok(value)
    }
}

/// The message id read, for the frame made.
fn take_id<E: serde::de::Error>(state: &mut State<'_>) -> Result<MessageId, E> {
    match state.message_id.take() {
        Some(id) => Ok(id),
        None => Err(E::custom("the message id is read before the frame is made")),
    }
}

/// A frame that ends after `found` elements, where a frame of its type has
/// `count`.
#[cold]
fn too_short<E: serde::de::Error>(
    state: &mut State<'_>,
    name: &str,
    count: usize,
    found: usize,
) -> E {
    state.broken_frame(
        "",
        format_args!("a {name} has {count} elements, this one has {found}"),
    )
}

/// Checks that the frame has no element after its `count` ones.
fn end<'de, A: SeqAccess<'de>>(
    seq: &mut A,
    state: &mut State<'_>,
    name: &str,
    count: usize,
) -> Result<(), A::Error> {
    if seq.next_element::<IgnoredAny>()?.is_some() {
        return Err(state.broken_frame(
            &format!("/{count}"),
            format_args!("a {name} has {count} elements, this one has more"),
        ));
    }
    Ok(())
}

/// `array`, `string`, ...: what a value is, for a message.
fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// An element of the frame before its payload, as it came.
enum Scalar<'de> {
    Integer(u64),
    /// Borrowed from the text where it has no escapes.
    Str(Cow<'de, str>),
    /// Anything else, named for a message.
    Other(&'static str),
}

impl fmt::Display for Scalar<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scalar::Integer(_) => f.write_str("an integer"),
            Scalar::Str(_) => f.write_str("a string"),
            Scalar::Other(what) => f.write_str(what),
        }
    }
}

struct ScalarSeed;

impl<'de> DeserializeSeed<'de> for ScalarSeed {
    type Value = Scalar<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Scalar<'de>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ScalarSeed {
    type Value = Scalar<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an element of an OCPP-J frame")
    }

    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Other("a boolean"))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Integer(v))
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Scalar<'de>, E> {
        Ok(match u64::try_from(v) {
            Ok(v) => Scalar::Integer(v),
            Err(_) => Scalar::Other("a negative number"),
        })
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Other(if v.fract() != 0.0 {
            "a fraction"
        } else if v.abs() >= u64::MAX as f64 {
            "a number out of range"
        } else {
            "a number written with a fraction or an exponent"
        }))
    }

    fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Str(Cow::Borrowed(v)))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Str(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Str(Cow::Owned(v)))
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Other("null"))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar<'de>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other("an array"))
    }

    /// An object, or under serde_json's `arbitrary_precision` a number.
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Scalar<'de>, A::Error> {
        let mut number = None;
        while let Some(key) = map.next_key::<String>()? {
            if number.is_none() && key == crate::__private::NUMBER_TOKEN {
                number = Some(map.next_value::<String>()?);
                continue;
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(match number.map(|text| text.parse::<u64>()) {
            Some(Ok(number)) => Scalar::Integer(number),
            Some(Err(_)) => Scalar::Other("a number that is not a non-negative integer"),
            None => Scalar::Other("an object"),
        })
    }
}

/// The payload of a CALL or SEND of `action`.
struct RequestSeed<M> {
    action: &'static str,
    messages: PhantomData<fn() -> M>,
}

impl<'de, M: Messages> DeserializeSeed<'de> for RequestSeed<M> {
    type Value = M;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<M, D::Error> {
        M::__read_request(self.action, deserializer)
    }
}

/// The payload of a CALLRESULT that answers a call of `action`.
struct ResponseSeed<R> {
    action: &'static str,
    responses: PhantomData<fn() -> R>,
}

impl<'de, R: Responses> DeserializeSeed<'de> for ResponseSeed<R> {
    type Value = R;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<R, D::Error> {
        R::__read_response(self.action, deserializer)
    }
}

/// Why a frame was not read: its [`ErrorCode`], where the mistake is, and
/// the answer to send back.
///
/// ```
/// # #[cfg(feature = "v201")] {
/// use ocpp_types::rpc::{Endpoint, ErrorCode, MessageType};
/// use ocpp_types::v201::Request;
///
/// let mut csms = Endpoint::<Request>::csms();
/// let error = csms.read(r#"[2, "7", "Heartbeat"]"#).unwrap_err();
/// assert_eq!(error.code(), ErrorCode::RpcFrameworkError);
/// assert_eq!(error.message_type(), Some(MessageType::Call));
/// assert_eq!(error.message_id().unwrap(), "7");
/// assert_eq!(error.to_string(), "frame: a CALL has 4 elements, this one has 3");
/// assert_eq!(
///     error.answer().unwrap(),
///     r#"[4,"7","RpcFrameworkError","frame: a CALL has 4 elements, this one has 3",{"pointer":""}]"#,
/// );
///
/// // Not even a message id: 2.x answers with "-1".
/// let error = csms.read("hello").unwrap_err();
/// assert_eq!(error.message_id(), None);
/// assert!(error.answer().unwrap().starts_with(r#"[4,"-1","RpcFrameworkError","#));
/// # }
/// ```
pub struct FrameError(Box<Inner>);

struct Inner {
    version: Version,
    code: ErrorCode,
    message_type: Option<MessageType>,
    message_id: Option<MessageId>,
    action: Option<&'static str>,
    message: String,
    pointer: String,
    payload: Option<Error>,
    line: usize,
    column: usize,
}

impl FrameError {
    /// The code the receiver of the frame answers with.
    pub fn code(&self) -> ErrorCode {
        self.0.code
    }

    /// The version the frame was read as.
    pub fn version(&self) -> Version {
        self.0.version
    }

    /// The frame's message type, where it was read and known.
    pub fn message_type(&self) -> Option<MessageType> {
        self.0.message_type
    }

    /// The frame's message id, where it was read and valid.
    pub fn message_id(&self) -> Option<&MessageId> {
        self.0.message_id.as_ref()
    }

    /// The action the frame is about, where known: a CALL's, or that of the
    /// call a CALLRESULT answers.
    pub fn action(&self) -> Option<&'static str> {
        self.0.action
    }

    /// What is wrong, for people: one line, every string from the input
    /// escaped and bounded (but the whole of it, which
    /// [`answer`](Self::answer) cuts to [`DESCRIPTION_LIMIT`]).
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// Where the mistake is, as a JSON Pointer into the frame: `/3/idTag`
    /// for the `idTag` of a CALL's payload, `/1` for a message id, `""`
    /// for the frame as a whole.
    pub fn pointer(&self) -> &str {
        &self.0.pointer
    }

    /// The error of the payload, with its kind and path as data, where the
    /// mistake is in the payload (or in the details of a CALLERROR).
    pub fn payload_error(&self) -> Option<&Error> {
        self.0.payload.as_ref()
    }

    /// Where in the text the reading stopped (1-based; 0 when unknown).
    pub fn line(&self) -> usize {
        self.0.line
    }

    /// See [`line`](Self::line).
    pub fn column(&self) -> usize {
        self.0.column
    }

    /// The CALLERROR (or 2.1 CALLRESULTERROR) to send back, as JSON text;
    /// `None` where nothing may answer the frame (see the [module
    /// docs](super#error-codes)).
    ///
    /// One line of at most a few kilobytes, whatever the frame: the
    /// description and the pointer are cut to [`DESCRIPTION_LIMIT`]
    /// characters, and every invisible or line-breaking character (U+0085,
    /// U+2028, bidi controls, ...) of the id and the pointer, which JSON
    /// writers leave as they are, is written as a `\uXXXX` escape.
    pub fn answer(&self) -> Option<String> {
        let version = self.0.version;
        let kind = match (self.0.message_type, version) {
            (Some(MessageType::Call), _) => MessageType::CallError,
            (Some(MessageType::CallResult), Version::V21) => MessageType::CallResultError,
            (Some(_), _) => return None,
            // 1.6 ignores a message whose type it can't read (OCPP-J 1.6,
            // 4.1.3); 2.x answers it.
            (None, Version::V16) => return None,
            (None, _) => MessageType::CallError,
        };
        let message_id = match (&self.0.message_id, version) {
            (Some(id), _) => id.clone(),
            (None, Version::V16) => return None,
            (None, _) => MessageId::new("-1").expect("a short id"),
        };
        let missing = match &self.0.payload {
            Some(error) => error.missing_fields(),
            None => &[],
        };
        let details = Details {
            pointer: &bounded(&self.0.pointer),
            missing,
        };
        let error = CallError {
            message_id,
            code: self.0.code,
            description: bounded(&self.0.message),
            details: Map::new(),
            action: self.0.action,
            version,
        };
        let text = error.to_json_as(kind, version, &details).ok()?;
        // The id and the pointer are the peer's text, written as JSON.
        Some(crate::__private::escape_json_invisibles(&text))
    }
}

/// The details of an answer, in this order whatever the features of
/// serde_json: the pointer, then the missing properties, if any.
struct Details<'a> {
    pointer: &'a str,
    missing: &'a [&'static str],
}

impl serde::Serialize for Details<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let len = if self.missing.is_empty() { 1 } else { 2 };
        let mut map = serializer.serialize_map(Some(len))?;
        map.serialize_entry("pointer", self.pointer)?;
        if !self.missing.is_empty() {
            map.serialize_entry("missing", self.missing)?;
        }
        map.end()
    }
}

/// `text`, cut to [`DESCRIPTION_LIMIT`] characters.
fn bounded(text: &str) -> String {
    match text.char_indices().nth(DESCRIPTION_LIMIT) {
        None => text.to_owned(),
        Some(_) => {
            let end = text
                .char_indices()
                .nth(DESCRIPTION_LIMIT - 1)
                .map_or(text.len(), |(at, _)| at);
            format!("{}…", &text[..end])
        }
    }
}

/// The message: one line.
impl fmt::Display for FrameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message)
    }
}

impl fmt::Debug for FrameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FrameError")
            .field("code", &self.0.code)
            .field("message_type", &self.0.message_type)
            .field("message_id", &self.0.message_id)
            .field("pointer", &self.0.pointer)
            .field("message", &self.0.message)
            .finish()
    }
}

impl std::error::Error for FrameError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.payload.as_ref().map(|error| error as _)
    }
}
