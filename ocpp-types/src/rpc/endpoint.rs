//! One side of a connection: the calls it waits for, and the policy it
//! reads with.

use super::frame::{Call, Frame, MessageId, MessageType};
use super::read::{read, FrameError};
use super::{Messages, Side};
use crate::__private::Lenient as Guard;
use crate::{Deviation, Policy};
use serde::ser::Error as _;
use std::collections::VecDeque;
use std::marker::PhantomData;

/// The calls a side has made and not yet had answered: the message id and
/// the action of each, so that a CALLRESULT is read as the response of its
/// call.
///
/// It holds at most its capacity: a call made when it is full makes it
/// forget the oldest one (a call whose answer has not come by then has
/// timed out; OCPP-J lets a side have one call open at a time). An answer
/// to a forgotten call is read as an
/// [`UnexpectedResult`](super::UnexpectedResult).
///
/// ```
/// use ocpp_types::rpc::{MessageId, Pending};
///
/// let mut pending = Pending::with_capacity(2);
/// pending.insert(MessageId::new("1").unwrap(), "Heartbeat");
/// pending.insert(MessageId::new("2").unwrap(), "Authorize");
/// pending.insert(MessageId::new("3").unwrap(), "StatusNotification");
/// assert_eq!(pending.len(), 2);
/// assert_eq!(pending.take("1"), None);
/// assert_eq!(pending.take("2"), Some("Authorize"));
/// assert_eq!(pending.take("2"), None);
/// ```
#[derive(Clone, Debug)]
pub struct Pending {
    calls: VecDeque<(MessageId, &'static str)>,
    capacity: usize,
}

impl Pending {
    /// The capacity of [`Pending::default`].
    pub const DEFAULT_CAPACITY: usize = 16;

    /// Room for `capacity` calls (at least one).
    pub fn with_capacity(capacity: usize) -> Pending {
        let capacity = capacity.max(1);
        Pending {
            calls: VecDeque::with_capacity(capacity.min(Pending::DEFAULT_CAPACITY)),
            capacity,
        }
    }

    /// Remembers a call of `action` with `message_id` (replacing a call
    /// with the same id); returns the call it forgets to make room, if any.
    pub fn insert(
        &mut self,
        message_id: MessageId,
        action: &'static str,
    ) -> Option<(MessageId, &'static str)> {
        if let Some(at) = self.position(message_id.as_str()) {
            self.calls.remove(at);
        }
        let forgotten = if self.calls.len() >= self.capacity {
            self.calls.pop_front()
        } else {
            None
        };
        self.calls.push_back((message_id, action));
        forgotten
    }

    /// The action of the call with `message_id`, which is no longer pending.
    pub fn take(&mut self, message_id: &str) -> Option<&'static str> {
        let at = self.position(message_id)?;
        self.calls.remove(at).map(|(_, action)| action)
    }

    /// How many calls are pending.
    pub fn len(&self) -> usize {
        self.calls.len()
    }

    /// Whether no call is pending.
    pub fn is_empty(&self) -> bool {
        self.calls.is_empty()
    }

    fn position(&self, message_id: &str) -> Option<usize> {
        self.calls.iter().position(|(id, _)| id == message_id)
    }
}

impl Default for Pending {
    fn default() -> Pending {
        Pending::with_capacity(Pending::DEFAULT_CAPACITY)
    }
}

/// One side of an OCPP-J connection of the version whose requests are `M`:
/// it reads the frames that come in, and writes the calls that go out,
/// remembering them so that their results are read as the right type.
///
/// ```
/// # #[cfg(feature = "v16")] {
/// use ocpp_types::rpc::{Endpoint, Frame};
/// use ocpp_types::v16::{BootNotificationRequest, Request, Response};
///
/// let mut charge_point = Endpoint::<Request>::charge_point();
/// let text = charge_point.call(BootNotificationRequest::new("Pionix", "Yeti"))?;
/// assert_eq!(
///     text,
///     r#"[2,"1","BootNotification",{"chargePointVendor":"Pionix","chargePointModel":"Yeti"}]"#,
/// );
///
/// let answer = r#"[3, "1", {"status": "Accepted", "currentTime": "2026-11-29T12:00:00Z", "interval": 300}]"#;
/// match charge_point.read(answer)? {
///     Frame::CallResult(result) => match result.payload {
///         Response::BootNotification(response) => assert_eq!(response.interval, 300),
///         other => panic!("{other:?}"),
///     },
///     other => panic!("{other:?}"),
/// }
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Endpoint<M> {
    side: Side,
    pending: Pending,
    policy: Policy,
    deviations: Vec<Deviation>,
    omitted: usize,
    next_id: u64,
    messages: PhantomData<fn() -> M>,
}

impl<M: Messages> Endpoint<M> {
    /// The central system's side: a CALL of an action that only the CSMS
    /// sends is answered with `NotSupported`.
    pub fn csms() -> Endpoint<M> {
        Endpoint::new(Side::Csms)
    }

    /// The charge point's side.
    pub fn charge_point() -> Endpoint<M> {
        Endpoint::new(Side::ChargePoint)
    }

    /// A reader of both sides' frames, such as a log of a session: calls of
    /// any direction are read, and each call read is remembered (a broken
    /// one too, once its id and action are read), so that its CALLRESULT or
    /// CALLERROR, later in the log, is read as its answer. Calls are told
    /// apart by their message id alone: the two sides of a session should
    /// not have calls of one id open at once.
    pub fn observer() -> Endpoint<M> {
        Endpoint::new(Side::Observer)
    }

    fn new(side: Side) -> Endpoint<M> {
        Endpoint {
            side,
            pending: Pending::default(),
            policy: Policy::STRICT,
            deviations: Vec::new(),
            omitted: 0,
            next_id: 1,
            messages: PhantomData,
        }
    }

    /// The same side, reading payloads with `policy`: what it tolerates is
    /// read, and reported in [`deviations`](Self::deviations), each with its
    /// path from the frame (`/3/chargePointVendor`), as a [`FrameError`]'s
    /// pointer counts: a pointer is always into the text that was read. The
    /// frame itself is always read strictly.
    pub fn with_policy(self, policy: Policy) -> Endpoint<M> {
        Endpoint { policy, ..self }
    }

    /// What it reads as.
    pub fn side(&self) -> Side {
        self.side
    }

    /// The calls waiting for an answer.
    pub fn pending(&mut self) -> &mut Pending {
        &mut self.pending
    }

    /// Reads a frame that came in.
    ///
    /// A CALLRESULT or CALLERROR answers the pending call with its id, which
    /// is then no longer pending.
    pub fn read(&mut self, text: &str) -> Result<Frame<M>, FrameError> {
        self.read_with(text, self.policy)
    }

    /// [`read`](Self::read), with the payload read under `policy` for this
    /// frame alone, whatever the endpoint's own: to let one message through
    /// (a charger known to send it so), or to read one strictly on a
    /// lenient connection.
    ///
    /// ```
    /// # #[cfg(feature = "v16")] {
    /// use ocpp_types::rpc::{Endpoint, Frame};
    /// use ocpp_types::{v16::Request, Policy};
    ///
    /// let mut csms = Endpoint::<Request>::csms();
    /// let text = r#"[2,"7","Heartbeat",{"uptime":12}]"#;
    /// assert!(csms.read(text).is_err());
    /// assert!(matches!(csms.read_with(text, Policy::TOLERANT), Ok(Frame::Call(_))));
    /// assert_eq!(csms.deviations().len(), 1);
    /// # }
    /// ```
    pub fn read_with(&mut self, text: &str, policy: Policy) -> Result<Frame<M>, FrameError> {
        if policy == Policy::STRICT {
            self.deviations.clear();
            self.omitted = 0;
            return read(text, self.side, &mut self.pending);
        }
        let guard = Guard::enter(policy);
        let frame = read(text, self.side, &mut self.pending);
        let (deviations, omitted) = guard.take();
        // Pointers count from the frame, as a FrameError's do: the payload
        // is its element 3 (CALL, SEND) or 2 (CALLRESULT).
        let message_type = match &frame {
            Ok(frame) => Some(frame.message_type()),
            Err(error) => error.message_type(),
        };
        let payload_at = match message_type {
            Some(MessageType::CallResult) => 2,
            Some(MessageType::CallError | MessageType::CallResultError) => 4,
            _ => 3,
        };
        self.deviations = deviations
            .into_iter()
            .map(|deviation| deviation.within(payload_at))
            .collect();
        self.omitted = omitted;
        frame
    }

    /// What the last [`read`](Self::read) tolerated under the policy, in the
    /// order met (always empty under the strict default): the first
    /// [`MAX_DEVIATIONS`](crate::MAX_DEVIATIONS).
    pub fn deviations(&self) -> &[Deviation] {
        &self.deviations
    }

    /// How many more deviations the last [`read`](Self::read) tolerated
    /// than [`deviations`](Self::deviations) keeps.
    pub fn omitted_deviations(&self) -> usize {
        self.omitted
    }

    /// Writes a CALL of `request` (a SEND for an unconfirmed action) with a
    /// new message id (`1`, `2`, ... for this endpoint), and remembers a
    /// CALL as pending.
    ///
    /// Fails when this side may not send the request (a charge point's
    /// `Reset`), or when the request can't be written (see
    /// [`Frame::to_json`]).
    pub fn call(&mut self, request: impl Into<M>) -> Result<String, serde_json::Error> {
        let id = MessageId::new(self.next_id.to_string()).expect("a u64 has at most 20 digits");
        self.next_id += 1;
        self.send(&Call::new(id, request))
    }

    /// Writes `call` as a CALL (a SEND for an unconfirmed action), and
    /// remembers a CALL as pending; see [`call`](Self::call).
    pub fn send(&mut self, call: &Call<M>) -> Result<String, serde_json::Error> {
        let action = call.payload.info();
        if let Some(role) = self.side.role() {
            if !action.direction.allows(role) {
                return Err(serde_json::Error::custom(format_args!(
                    "`{}` may not be sent by this side ({role:?})",
                    action.name
                )));
            }
        }
        let text = call.to_json()?;
        if !action.unconfirmed {
            self.pending.insert(call.message_id.clone(), action.name);
        }
        Ok(text)
    }
}
