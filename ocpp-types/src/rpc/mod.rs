//! OCPP-J: the frames that carry OCPP messages over a WebSocket, read in
//! one pass into typed values and written back, and the CALLERROR that
//! answers each broken one.
//!
//! A frame is a JSON array: a CALL `[2, "<messageId>", "<Action>", {payload}]`,
//! a CALLRESULT `[3, "<messageId>", {payload}]`, a CALLERROR
//! `[4, "<messageId>", "<errorCode>", "<errorDescription>", {errorDetails}]`
//! and, in OCPP 2.1 only, a CALLRESULTERROR `[5, ...]` (the shape of a
//! CALLERROR) and a SEND `[6, "<messageId>", "<Action>", {payload}]`.
//!
//! Each version module (`v16`, `v201`, `v21`) has a `Request` enum of every
//! request of the version, one variant per action, and a `Response` enum of
//! every response; [`Frame<v16::Request>`](Frame) is a frame of OCPP 1.6. An
//! [`Endpoint`] is one side of a connection: it reads frames, remembers the
//! calls it made so that a CALLRESULT is read as the response of its call, and
//! turns every broken frame into a [`FrameError`] that holds the answer to
//! send back.
//!
//! ```
//! # #[cfg(feature = "v16")] {
//! use ocpp_types::rpc::{Endpoint, ErrorCode, Frame};
//! use ocpp_types::v16::{HeartbeatResponse, Request};
//!
//! let mut csms = Endpoint::<Request>::csms();
//! match csms.read(r#"[2, "19223201", "Heartbeat", {}]"#) {
//!     Ok(Frame::Call(call)) => {
//!         assert_eq!(call.action(), "Heartbeat");
//!         let response = HeartbeatResponse::new("2026-11-29T12:00:00Z".parse().unwrap());
//!         let text = call.reply(response).unwrap().to_json().unwrap();
//!         assert_eq!(text, r#"[3,"19223201",{"currentTime":"2026-11-29T12:00:00Z"}]"#);
//!     }
//!     other => panic!("{other:?}"),
//! }
//!
//! // A broken CALL: the error knows the code and the answer.
//! let error = csms.read(r#"[2, "19223202", "Heartbeat", {"now": true}]"#).unwrap_err();
//! assert_eq!(error.code(), ErrorCode::FormatViolation);
//! assert_eq!(error.pointer(), "/3"); // the object with the unknown property
//! assert_eq!(
//!     error.answer().unwrap(),
//!     r#"[4,"19223202","FormationViolation","HeartbeatRequest: unknown field `now`, expected no field",{"pointer":"/3"}]"#,
//! );
//! # }
//! ```
//!
//! # Error codes
//!
//! A broken frame is answered with the code of the first mistake met in it,
//! reading from its start. Each version spells some codes its own way
//! ([`ErrorCode::as_str`]); the rules are the same:
//!
//! | mistake | code |
//! |---|---|
//! | the frame is not a JSON array, has the wrong number or types of elements (a CALLERROR's details that are not an object, or have a key twice, included), an unknown error code, or a message id longer than 36 characters | 1.6 `ProtocolError`, 2.x `RpcFrameworkError` |
//! | the message type number is not one of the version's | 1.6 `ProtocolError`, 2.x `MessageTypeNotSupported` |
//! | the action is not one of the version's | `NotImplemented` |
//! | the action may not travel this way (a CSMS gets a `Reset`), or a CALL of a SEND action or the other way round | `NotSupported` |
//! | the payload is not JSON, not an object, or has a key twice; a closed object has an unknown property | 1.6 `FormationViolation`, 2.x `FormatViolation` |
//! | a required property is missing; an array has too few or too many items | 1.6 `OccurenceConstraintViolation`, 2.x `OccurrenceConstraintViolation` |
//! | a value has the wrong JSON type (`null` included, and a fraction where an integer is required) | `TypeConstraintViolation` |
//! | a value of the right type breaks a constraint: an enum value, a length, a range, a multiple, a `date-time` or `uri` format | `PropertyConstraintViolation` |
//!
//! Every pointer is into the text that was read: a [`FrameError`]'s and an
//! [`Endpoint`]'s deviations count from the frame (`/3/idTag`), an
//! [`Error`](crate::Error)'s and a [`Deviation`](crate::Deviation)'s of
//! [`from_str`](crate::from_str) from the payload it read (`/idTag`).
//!
//! The answer ([`FrameError::answer`]) is a CALLERROR with the frame's
//! message id, the error's message as its description (one line, at most
//! [`DESCRIPTION_LIMIT`] characters, every string from the input escaped)
//! and, as details, `{"pointer": "<JSON Pointer>"}` into the frame as it came
//! (`/3/idTag` is the `idTag` of a CALL's payload; for a missing or an
//! unknown property, it is the object's), with `"missing"`, the names of
//! the missing properties, for a missing property. When the message
//! id can't be read, 2.x answers with the id `"-1"`; 1.6 says nothing of this
//! case, so there is no answer. Only a CALL is answered with a CALLERROR (and,
//! in 2.x, a frame whose message type is unknown or can't be read; OCPP-J 1.6
//! ignores such a frame); in 2.1 a broken CALLRESULT is answered with a
//! CALLRESULTERROR. A broken CALLERROR, CALLRESULTERROR or
//! SEND, or a broken CALLRESULT before 2.1, has no answer: the error still
//! has the code the receiver would answer with.

mod code;
mod endpoint;
mod frame;
mod handlers;
mod read;
mod session;

pub use code::ErrorCode;
pub use endpoint::{Endpoint, Pending};
pub use frame::{
    Call, CallError, CallResult, Frame, InvalidMessageId, MessageId, MessageType, Mismatch,
    UnexpectedResult,
};
pub use handlers::{Handlers, Refusal};
pub use read::{FrameError, DESCRIPTION_LIMIT};
pub use session::{
    AnswerError, Answered, CallFailure, CallHandle, CallRejected, Config, Event, Incoming,
    MessageIds, RandomIds, Registration, Reply, RestoreError, Session, StoredMessage,
};

use crate::OcppType;
use std::fmt;

/// An OCPP version that speaks OCPP-J.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Version {
    /// OCPP 1.6 (OCPP-J 1.6), with its security extension.
    V16,
    /// OCPP 2.0.1.
    V201,
    /// OCPP 2.1.
    V21,
}

impl Version {
    /// Every version, oldest first.
    pub const ALL: [Version; 3] = [Version::V16, Version::V201, Version::V21];

    /// The WebSocket subprotocol a connection of this version negotiates:
    /// `ocpp1.6`, `ocpp2.0.1`, `ocpp2.1`.
    ///
    /// ```
    /// use ocpp_types::rpc::Version;
    ///
    /// assert_eq!(Version::V201.subprotocol(), "ocpp2.0.1");
    /// assert_eq!(Version::from_subprotocol("ocpp2.1"), Some(Version::V21));
    /// assert_eq!(Version::from_subprotocol("OCPP1.6"), None);
    /// ```
    pub const fn subprotocol(self) -> &'static str {
        match self {
            Version::V16 => "ocpp1.6",
            Version::V201 => "ocpp2.0.1",
            Version::V21 => "ocpp2.1",
        }
    }

    /// The version whose subprotocol is `name`, exactly as written.
    pub fn from_subprotocol(name: &str) -> Option<Version> {
        Version::ALL
            .into_iter()
            .find(|version| version.subprotocol() == name)
    }

    /// The version a server speaks with a client that offers `offered`:
    /// the value of its `Sec-WebSocket-Protocol` header (a comma-separated
    /// list, ordered by the client's preference, as RFC 6455 has it; join
    /// several such headers with `,`), and that the server `supports`. The
    /// first of the client's subprotocols that names a supported version
    /// wins; the server answers with that version's
    /// [`subprotocol`](Version::subprotocol) in its own header.
    ///
    /// `None` when none matches. OCPP-J says what to do then: finish the
    /// WebSocket handshake *without* a `Sec-WebSocket-Protocol` header in
    /// the response, then close the connection at once (a client that sent
    /// none is refused the same way).
    ///
    /// ```
    /// use ocpp_types::rpc::Version;
    ///
    /// let every = &Version::ALL;
    /// assert_eq!(Version::negotiate("ocpp2.0.1, ocpp1.6", every), Some(Version::V201));
    /// assert_eq!(Version::negotiate("ocpp2.1,ocpp2.0.1", &[Version::V16, Version::V201]), Some(Version::V201));
    /// assert_eq!(Version::negotiate("ocpp1.5, OCPP1.6", every), None);
    /// assert_eq!(Version::negotiate("", every), None);
    /// ```
    pub fn negotiate(offered: &str, supports: &[Version]) -> Option<Version> {
        offered
            .split(',')
            .filter_map(|name| {
                Version::from_subprotocol(name.trim_matches(|c| c == ' ' || c == '\t'))
            })
            .find(|version| supports.contains(version))
    }

    /// Whether the version has CALLRESULTERROR and SEND (2.1 and later).
    pub const fn has_send(self) -> bool {
        matches!(self, Version::V21)
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Version::V16 => "OCPP 1.6",
            Version::V201 => "OCPP 2.0.1",
            Version::V21 => "OCPP 2.1",
        })
    }
}

/// Which side of a connection an [`Endpoint`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// The central system (1.6's Central System, 2.x's CSMS).
    Csms,
    /// The charge point (2.x's Charging Station).
    ChargePoint,
}

/// What an [`Endpoint`] reads as: one side of a connection, or an observer
/// of both (a reader of logs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    /// The central system: a CALL only the CSMS sends is refused.
    Csms,
    /// The charge point: a CALL only a charge point sends is refused.
    ChargePoint,
    /// Both sides' frames, as a log has them: calls of every direction are
    /// read, and every call read is remembered.
    Observer,
}

impl Side {
    /// The role of this side, who sends its own calls; `None` for an
    /// observer.
    pub const fn role(self) -> Option<Role> {
        match self {
            Side::Csms => Some(Role::Csms),
            Side::ChargePoint => Some(Role::ChargePoint),
            Side::Observer => None,
        }
    }

    /// Who sends the CALLs this side reads: the other side; `None` for an
    /// observer, which reads both.
    pub const fn peer(self) -> Option<Role> {
        match self {
            Side::Csms => Some(Role::ChargePoint),
            Side::ChargePoint => Some(Role::Csms),
            Side::Observer => None,
        }
    }
}

impl From<Role> for Side {
    fn from(role: Role) -> Side {
        match role {
            Role::Csms => Side::Csms,
            Role::ChargePoint => Side::ChargePoint,
        }
    }
}

/// The way an action's request may travel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    /// From the charge point to the CSMS (`BootNotification`).
    ChargePointToCsms,
    /// From the CSMS to the charge point (`Reset`).
    CsmsToChargePoint,
    /// Either way (`DataTransfer`).
    Both,
}

impl Direction {
    /// Whether a request of this direction may be sent by `sender`.
    ///
    /// ```
    /// use ocpp_types::rpc::{Direction, Role};
    ///
    /// assert!(Direction::ChargePointToCsms.allows(Role::ChargePoint));
    /// assert!(!Direction::ChargePointToCsms.allows(Role::Csms));
    /// assert!(Direction::Both.allows(Role::Csms));
    /// ```
    pub const fn allows(self, sender: Role) -> bool {
        matches!(
            (self, sender),
            (Direction::Both, _)
                | (Direction::ChargePointToCsms, Role::ChargePoint)
                | (Direction::CsmsToChargePoint, Role::Csms)
        )
    }
}

/// The request of an action, sent in a CALL: its action name, its
/// direction and its response type.
///
/// ```
/// # #[cfg(feature = "v201")] {
/// use ocpp_types::rpc::{Action, Direction};
/// use ocpp_types::v201::{BootNotificationRequest, BootNotificationResponse};
///
/// fn action_of<A: Action>(_: &A) -> &'static str {
///     A::ACTION
/// }
/// let heartbeat = ocpp_types::v201::HeartbeatRequest::new();
/// assert_eq!(action_of(&heartbeat), "Heartbeat");
/// assert_eq!(<BootNotificationRequest as Action>::ACTION, "BootNotification");
/// assert_eq!(BootNotificationRequest::DIRECTION, Direction::ChargePointToCsms);
/// let _: Option<<BootNotificationRequest as Action>::Response> = None::<BootNotificationResponse>;
/// # }
/// ```
pub trait Action: OcppType {
    /// The action's name, as a CALL writes it: `BootNotification` (the
    /// type's own name, [`OcppType::NAME`], is `BootNotificationRequest`).
    const ACTION: &'static str;
    /// Who may send the request.
    const DIRECTION: Direction;
    /// The payload of the CALLRESULT that answers the request.
    type Response: OcppType;
}

/// The message of an unconfirmed action, sent in a SEND (OCPP 2.1's
/// `NotifyPeriodicEventStream`), which nothing answers.
pub trait Unconfirmed: OcppType {
    /// The action's name, as a SEND writes it.
    const ACTION: &'static str;
    /// Who may send the message.
    const DIRECTION: Direction;
}

/// What an action is: its name, its direction, and whether it travels in a
/// CALL or in a SEND.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ActionInfo {
    /// The action's name: `BootNotification`.
    pub name: &'static str,
    /// Who may send it.
    pub direction: Direction,
    /// `true` for an action sent in a SEND, which nothing answers.
    pub unconfirmed: bool,
}

/// Every request of a version, one variant per action: a version module's
/// `Request` enum, generated with the version's types. What a CALL or a
/// SEND of the version carries.
///
/// ```
/// # #[cfg(feature = "v16")] {
/// use ocpp_types::rpc::{Messages, Version};
/// use ocpp_types::v16::{HeartbeatRequest, Request};
///
/// let request = Request::from(HeartbeatRequest::new());
/// assert_eq!(request.action(), "Heartbeat");
/// assert_eq!(Request::VERSION, Version::V16);
/// assert_eq!(Request::ACTIONS.len(), 39);
/// # }
/// ```
pub trait Messages: serde::Serialize + fmt::Debug + Clone + PartialEq + Sized + 'static {
    /// The version.
    const VERSION: Version;
    /// Every action of the version, by name.
    const ACTIONS: &'static [ActionInfo];
    /// Every response of the version, one variant per confirmed action.
    type Response: Responses;

    /// The action whose request this is: its name, its direction, and
    /// whether it travels in a SEND.
    fn info(&self) -> &'static ActionInfo;

    /// The name of the action whose request this is.
    fn action(&self) -> &'static str {
        self.info().name
    }

    /// The action named `name` exactly, if the version has one.
    fn find_action(name: &str) -> Option<&'static ActionInfo> {
        Self::ACTIONS.iter().find(|action| action.name == name)
    }

    /// Reads the payload of a CALL or SEND of `action`, which is one of
    /// [`Self::ACTIONS`](Messages::ACTIONS).
    #[doc(hidden)]
    fn __read_request<'de, D: serde::Deserializer<'de>>(
        action: &str,
        deserializer: D,
    ) -> Result<Self, D::Error>;
}

/// Every response of a version: a version module's `Response` enum.
pub trait Responses: serde::Serialize + fmt::Debug + Clone + PartialEq + Sized + 'static {
    /// The action whose response this is.
    fn action(&self) -> &'static str;

    /// Reads the payload of a CALLRESULT that answers a call of `action`,
    /// a confirmed action of the version.
    #[doc(hidden)]
    fn __read_response<'de, D: serde::Deserializer<'de>>(
        action: &str,
        deserializer: D,
    ) -> Result<Self, D::Error>;
}

/// Writes a version's `Request` and `Response` enums, and the `Action`
/// impls of its requests, from the list of its actions (which `ocpp-gen`
/// writes at the end of each version module).
#[allow(unused_macros)]
macro_rules! messages {
    (
        version = $version:ident, $title:literal;
        $( call $action:ident: $request:ident -> $response:ident, $direction:ident; )*
        $( send $send:ident: $message:ident, $send_direction:ident; )*
    ) => {
        #[doc = concat!("Every request of ", $title, ", one variant per action: what a CALL")]
        #[doc = "or a SEND carries. It serializes as its payload."]
        #[derive(Clone, Debug, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum Request {
            $(
                #[doc = concat!("`", stringify!($action), "`: [`", stringify!($request), "`].")]
                $action($request),
            )*
            $(
                #[doc = concat!("`", stringify!($send), "` (a SEND): [`", stringify!($message), "`].")]
                $send($message),
            )*
        }

        #[doc = concat!("Every response of ", $title, ", one variant per action: what a")]
        #[doc = "CALLRESULT carries. It serializes as its payload."]
        #[derive(Clone, Debug, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum Response {
            $(
                #[doc = concat!("`", stringify!($action), "`: [`", stringify!($response), "`].")]
                $action($response),
            )*
        }

        $(
            impl crate::rpc::Action for $request {
                const ACTION: &'static str = stringify!($action);
                const DIRECTION: crate::rpc::Direction = crate::rpc::Direction::$direction;
                type Response = $response;
            }

            impl ::core::convert::From<$request> for Request {
                fn from(request: $request) -> Request {
                    Request::$action(request)
                }
            }

            impl ::core::convert::From<$response> for Response {
                fn from(response: $response) -> Response {
                    Response::$action(response)
                }
            }

            /// The request, if it is this action's; else the request back.
            impl ::core::convert::TryFrom<Request> for $request {
                type Error = Request;

                fn try_from(request: Request) -> ::core::result::Result<$request, Request> {
                    match request {
                        Request::$action(request) => ::core::result::Result::Ok(request),
                        #[allow(unreachable_patterns)]
                        other => ::core::result::Result::Err(other),
                    }
                }
            }

            /// The response, if it is this action's; else the response back.
            impl ::core::convert::TryFrom<Response> for $response {
                type Error = Response;

                fn try_from(response: Response) -> ::core::result::Result<$response, Response> {
                    match response {
                        Response::$action(response) => ::core::result::Result::Ok(response),
                        #[allow(unreachable_patterns)]
                        other => ::core::result::Result::Err(other),
                    }
                }
            }
        )*
        $(
            impl crate::rpc::Unconfirmed for $message {
                const ACTION: &'static str = stringify!($send);
                const DIRECTION: crate::rpc::Direction = crate::rpc::Direction::$send_direction;
            }

            impl ::core::convert::From<$message> for Request {
                fn from(message: $message) -> Request {
                    Request::$send(message)
                }
            }
        )*

        impl crate::rpc::Messages for Request {
            const VERSION: crate::rpc::Version = crate::rpc::Version::$version;
            const ACTIONS: &'static [crate::rpc::ActionInfo] = &[
                $(
                    crate::rpc::ActionInfo {
                        name: stringify!($action),
                        direction: crate::rpc::Direction::$direction,
                        unconfirmed: false,
                    },
                )*
                $(
                    crate::rpc::ActionInfo {
                        name: stringify!($send),
                        direction: crate::rpc::Direction::$send_direction,
                        unconfirmed: true,
                    },
                )*
            ];
            type Response = Response;

            fn info(&self) -> &'static crate::rpc::ActionInfo {
                match self {
                    $(
                        Request::$action(_) => &crate::rpc::ActionInfo {
                            name: stringify!($action),
                            direction: crate::rpc::Direction::$direction,
                            unconfirmed: false,
                        },
                    )*
                    $(
                        Request::$send(_) => &crate::rpc::ActionInfo {
                            name: stringify!($send),
                            direction: crate::rpc::Direction::$send_direction,
                            unconfirmed: true,
                        },
                    )*
                }
            }

            fn __read_request<'de, D: serde::Deserializer<'de>>(
                action: &str,
                deserializer: D,
            ) -> Result<Self, D::Error> {
                match action {
                    $(
                        stringify!($action) => {
                            <$request as serde::Deserialize>::deserialize(deserializer)
                                .map(Request::$action)
                        }
                    )*
                    $(
                        stringify!($send) => {
                            <$message as serde::Deserialize>::deserialize(deserializer)
                                .map(Request::$send)
                        }
                    )*
                    _ => Err(<D::Error as serde::de::Error>::custom("unknown action")),
                }
            }
        }

        impl serde::Serialize for Request {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    $( Request::$action(request) => request.serialize(serializer), )*
                    $( Request::$send(message) => message.serialize(serializer), )*
                }
            }
        }

        impl crate::rpc::Responses for Response {
            fn action(&self) -> &'static str {
                match self {
                    $( Response::$action(_) => stringify!($action), )*
                }
            }

            fn __read_response<'de, D: serde::Deserializer<'de>>(
                action: &str,
                deserializer: D,
            ) -> Result<Self, D::Error> {
                match action {
                    $(
                        stringify!($action) => {
                            <$response as serde::Deserialize>::deserialize(deserializer)
                                .map(Response::$action)
                        }
                    )*
                    _ => Err(<D::Error as serde::de::Error>::custom("unknown action")),
                }
            }
        }

        impl serde::Serialize for Response {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    $( Response::$action(response) => response.serialize(serializer), )*
                }
            }
        }

        /// A frame of this version.
        pub type Frame = crate::rpc::Frame<Request>;
    };
}
#[allow(unused_imports)]
pub(crate) use messages;
