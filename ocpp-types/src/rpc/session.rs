//! [`Session`]: one side of an OCPP-J connection, without I/O: typed calls
//! with deadlines, one at a time, and typed answers to the other side's.

use super::endpoint::Endpoint;
use super::frame::{Call, CallError, Frame, MessageId, MessageType};
use super::read::FrameError;
use super::{Action, ErrorCode, Messages, Role};
use crate::Policy;
use std::collections::hash_map::RandomState;
use std::collections::VecDeque;
use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::marker::PhantomData;
use std::time::{Duration, Instant};

/// How a [`Session`] behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Config {
    /// How long a call waits for its answer once sent (30 s by default,
    /// OCPP's usual message timeout); [`Session::call_with_timeout`] sets
    /// one call's own.
    pub call_timeout: Duration,
    /// How many calls may wait to be sent (64 by default): beyond, a
    /// [`call`](Session::call) is refused rather than memory growing
    /// without bound.
    pub max_queued: usize,
    /// How frames are read ([`Policy::STRICT`] by default).
    pub policy: Policy,
    /// How many times a transaction message is sent before its failure is
    /// final (3 by default; 1.6's `TransactionMessageAttempts`, 2.x's
    /// `MessageAttempts`): a CALLERROR or a timeout is a failed attempt.
    pub message_attempts: u32,
    /// How long to wait before the next attempt, times the attempts made
    /// so far (10 s by default; 1.6's `TransactionMessageRetryInterval`,
    /// 2.x's `MessageAttemptInterval`).
    pub message_attempt_interval: Duration,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            call_timeout: Duration::from_secs(30),
            max_queued: 64,
            policy: Policy::STRICT,
            message_attempts: 3,
            message_attempt_interval: Duration::from_secs(10),
        }
    }
}

impl Config {
    /// The default configuration with another call timeout.
    pub fn with_call_timeout(self, call_timeout: Duration) -> Config {
        Config {
            call_timeout,
            ..self
        }
    }

    /// The default configuration with another queue bound.
    pub fn with_max_queued(self, max_queued: usize) -> Config {
        Config { max_queued, ..self }
    }

    /// The default configuration with another reading policy.
    pub fn with_policy(self, policy: Policy) -> Config {
        Config { policy, ..self }
    }

    /// The configuration with other retries of transaction messages.
    pub fn with_message_attempts(self, attempts: u32, interval: Duration) -> Config {
        Config {
            message_attempts: attempts,
            message_attempt_interval: interval,
            ..self
        }
    }
}

/// Where a session's message ids come from: each must differ from every id
/// this side used before, on this connection and the ones before it (a
/// peer may still hold an answer to an old one).
pub trait MessageIds {
    /// A new message id.
    fn next_id(&mut self) -> MessageId;
}

impl<F: FnMut() -> MessageId> MessageIds for F {
    fn next_id(&mut self) -> MessageId {
        self()
    }
}

/// The default [`MessageIds`]: 32 hexadecimal digits, 128 bits from keys
/// the operating system's randomness seeds (the ones `std`'s `HashMap` uses)
/// and a counter, so that ids differ across sessions, reconnections and
/// restarts without a random number crate.
pub struct RandomIds {
    keys: RandomState,
    counter: u64,
}

impl RandomIds {
    /// A source of ids, with keys of its own.
    pub fn new() -> RandomIds {
        RandomIds {
            keys: RandomState::new(),
            counter: 0,
        }
    }
}

impl Default for RandomIds {
    fn default() -> RandomIds {
        RandomIds::new()
    }
}

impl fmt::Debug for RandomIds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RandomIds").finish_non_exhaustive()
    }
}

impl MessageIds for RandomIds {
    fn next_id(&mut self) -> MessageId {
        self.counter = self.counter.wrapping_add(1);
        let mut hasher = self.keys.build_hasher();
        hasher.write_u64(self.counter);
        let high = hasher.finish();
        hasher.write_u64(self.counter);
        let low = hasher.finish();
        MessageId::new(format!("{high:016x}{low:016x}")).expect("32 characters is a message id")
    }
}

/// A call of this session, to match its answer with: what
/// [`Session::call`] returns. It reads the answer as `R`'s response,
/// known at compile time.
pub struct CallHandle<R> {
    message_id: MessageId,
    request: PhantomData<fn() -> R>,
}

impl<R> fmt::Debug for CallHandle<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("CallHandle").field(&self.message_id).finish()
    }
}

impl<R> Clone for CallHandle<R> {
    fn clone(&self) -> Self {
        CallHandle {
            message_id: self.message_id.clone(),
            request: PhantomData,
        }
    }
}

impl<R: Action> CallHandle<R> {
    /// The call's message id.
    pub fn message_id(&self) -> &MessageId {
        &self.message_id
    }

    /// The outcome of this call, if `answered` is it: its response as
    /// `R`'s response type, or why there is none. Else `answered` back.
    // The error is the caller's own value, given back as it came: boxing
    // it would cost every answer an allocation.
    #[allow(clippy::result_large_err)]
    pub fn outcome<M>(
        &self,
        answered: Answered<M>,
    ) -> Result<Result<R::Response, CallFailure>, Answered<M>>
    where
        M: Messages,
        R::Response: TryFrom<M::Response, Error = M::Response>,
    {
        if answered.message_id != self.message_id {
            return Err(answered);
        }
        match answered.outcome {
            Ok(response) => match R::Response::try_from(response) {
                Ok(response) => Ok(Ok(response)),
                // The endpoint reads an answer as its call's response.
                Err(response) => Err(Answered {
                    outcome: Ok(response),
                    ..answered
                }),
            },
            Err(failure) => Ok(Err(failure)),
        }
    }
}

/// Why a call has no response.
#[derive(Debug)]
pub enum CallFailure {
    /// The other side answered with a CALLERROR.
    Error(CallError),
    /// No answer came before the call's deadline.
    Timeout,
    /// The answer was a CALLRESULT that breaks its schema (in OCPP 2.1 the
    /// session answers it with a CALLRESULTERROR, queued to send).
    InvalidResult(FrameError),
    /// The connection was lost before the call was answered (a
    /// transaction message is kept and sent again instead).
    Disconnected,
}

impl fmt::Display for CallFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallFailure::Error(error) => write!(
                f,
                "CALLERROR {}: {}",
                error.code.as_str(error.version).unwrap_or("GenericError"),
                crate::Escaped::quoted(&error.description)
            ),
            CallFailure::Timeout => f.write_str("no answer before the call's deadline"),
            CallFailure::InvalidResult(error) => write!(f, "an invalid CALLRESULT: {error}"),
            CallFailure::Disconnected => f.write_str("the connection was lost before the answer"),
        }
    }
}

impl std::error::Error for CallFailure {}

/// The outcome of one of this session's calls: see
/// [`CallHandle::outcome`] to read it as the call's response type.
#[derive(Debug)]
pub struct Answered<M: Messages> {
    /// The call's message id: the one its handle has (a transaction
    /// message sent again after a failed attempt goes under a new one).
    pub message_id: MessageId,
    /// The call's action.
    pub action: &'static str,
    /// Its response, or why there is none.
    pub outcome: Result<M::Response, CallFailure>,
}

/// Why [`Session::call`] did not take a request.
#[derive(Debug)]
#[non_exhaustive]
pub enum CallRejected {
    /// This side may not send this action (a charge point's `Reset`).
    Direction {
        /// The action.
        action: &'static str,
        /// This side.
        role: Role,
    },
    /// [`Config::max_queued`] calls wait already.
    QueueFull,
    /// The request can't be written: it breaks its schema.
    Invalid(serde_json::Error),
    /// The connection is down, and only transaction messages wait for it.
    Offline,
}

impl fmt::Display for CallRejected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallRejected::Direction { action, role } => {
                write!(f, "`{action}` may not be sent by this side ({role:?})")
            }
            CallRejected::QueueFull => f.write_str("too many calls wait to be sent"),
            CallRejected::Invalid(error) => write!(f, "the request can't be written: {error}"),
            CallRejected::Offline => {
                f.write_str("the connection is down; only transaction messages wait for it")
            }
        }
    }
}

impl std::error::Error for CallRejected {}

/// A CALL of the other side, to answer: take it as its request type with
/// [`take`](Incoming::take), which gives the one [`Reply`] that answers
/// it, or refuse it with [`Session::refuse`].
#[derive(Debug)]
pub struct Incoming<M: Messages> {
    call: Call<M>,
}

impl<M: Messages> Incoming<M> {
    /// The call, to route on by `match` (then answer with
    /// [`Session::answer`], checked at run time).
    pub fn call(&self) -> &Call<M> {
        &self.call
    }

    /// The call's action.
    pub fn action(&self) -> &'static str {
        self.call.action()
    }

    /// The request as `R`, with the [`Reply`] that answers it with `R`'s
    /// response, if the call is `R`'s; else the call back, to try another.
    pub fn take<R>(self) -> Result<(R, Reply<R>), Incoming<M>>
    where
        R: Action + TryFrom<M, Error = M>,
    {
        let Call {
            message_id,
            payload,
        } = self.call;
        match R::try_from(payload) {
            Ok(request) => Ok((
                request,
                Reply {
                    message_id,
                    request: PhantomData,
                },
            )),
            Err(payload) => Err(Incoming {
                call: Call {
                    message_id,
                    payload,
                },
            }),
        }
    }
}

/// The answer owed to a CALL of `R`: [`Session::reply`] takes it with `R`'s
/// response, and only that.
#[derive(Debug)]
#[must_use = "a CALL must be answered"]
pub struct Reply<R> {
    message_id: MessageId,
    request: PhantomData<fn() -> R>,
}

impl<R> Reply<R> {
    /// The message id of the call it answers.
    pub fn message_id(&self) -> &MessageId {
        &self.message_id
    }
}

/// What happened on the connection: [`Session::poll_event`] gives them in
/// order.
#[derive(Debug)]
pub enum Event<M: Messages> {
    /// A CALL of the other side, to answer.
    Request(Incoming<M>),
    /// A SEND of the other side (OCPP 2.1), which has no answer.
    Send(Call<M>),
    /// The outcome of one of this session's calls.
    Answered(Answered<M>),
    /// A CALLRESULT or CALLERROR for a call of this session that timed
    /// out already: never read as the answer to a later call.
    Late(Frame<M>),
    /// A CALLRESULT or CALLERROR for no call of this session.
    Stray(Frame<M>),
    /// A CALLRESULTERROR (OCPP 2.1): the other side refused a CALLRESULT
    /// this session sent.
    ResultRefused(CallError),
    /// A frame that could not be read. Its answer, if it has one (a
    /// CALLERROR for a broken CALL), is queued to send already.
    Broken(FrameError),
}

/// A call waiting to be sent: its frame, written when the call was made.
struct Queued {
    /// The message id it is sent with.
    message_id: MessageId,
    /// The message id its handle knows: the first it was sent with (an
    /// attempt after a failed one has a new one).
    handle_id: MessageId,
    action: &'static str,
    text: String,
    timeout: Duration,
    /// Whether it is a transaction message, kept across lost connections
    /// and sent again after a failed attempt.
    transaction: bool,
    /// The attempts made so far.
    attempts: u32,
    /// Not sent before then (the wait after a failed attempt).
    not_before: Option<Instant>,
}

impl Queued {
    /// The event of this call's final `outcome`, under its handle's id.
    fn answered<M: Messages>(self, outcome: Result<M::Response, CallFailure>) -> Event<M> {
        Event::Answered(Answered {
            message_id: self.handle_id,
            action: self.action,
            outcome,
        })
    }
}

/// The call sent and not answered yet, and how to send it again.
struct InFlight {
    deadline: Instant,
    call: Queued,
}

/// A transaction message not yet answered, as data: what
/// [`Session::transaction_messages`] gives and
/// [`Session::restore_transaction_messages`] takes, so that a charge point
/// keeps them across a restart (the session does no file I/O itself).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredMessage {
    /// The call's message id.
    pub message_id: String,
    /// The call's action (`TransactionEvent`, `StartTransaction`, ...).
    pub action: String,
    /// The CALL frame, as it will be sent.
    pub frame: String,
    /// The attempts made so far.
    pub attempts: u32,
}

/// How many timed-out calls a session remembers, to know their answers as
/// late.
const TIMED_OUT_KEPT: usize = 16;

/// One side of an OCPP-J connection, sans I/O: no socket, no thread, no
/// clock of its own. The program hands it each text frame that arrives
/// ([`receive`](Session::receive)) and the current time, sends what
/// [`poll_transmit`](Session::poll_transmit) gives, wakes it at
/// [`poll_timeout`](Session::poll_timeout), and reads what happened from
/// [`poll_event`](Session::poll_event); so it runs under tokio, async-std,
/// a blocking loop or an embedded executor alike.
///
/// - **Typed calls**: [`call`](Session::call) takes a request and returns a
///   [`CallHandle`] that reads the answer as that action's response type.
///   A CALLERROR, an invalid CALLRESULT and a timeout are each a
///   [`CallFailure`].
/// - **One call at a time**, as OCPP-J requires: calls wait in order and
///   go when the one before is answered or has timed out.
/// - **Deadlines**: each call has one, from when it is sent. An answer
///   that comes after it, or for no call at all, is an [`Event::Late`] or
///   [`Event::Stray`], never the answer to a later call.
/// - **Typed replies**: [`Incoming::take`] gives the request with the
///   [`Reply`] that only its own response type can fill.
/// - **Message ids** from [`RandomIds`], unique across sessions and
///   restarts, or from the program's own [`MessageIds`].
/// - **Transaction messages survive a lost connection**: after
///   [`disconnected`](Session::disconnected) they are still taken and kept,
///   and go first, in order, once [`connected`](Session::connected); a
///   failed attempt (a CALLERROR, a timeout) is made again after
///   [`Config::message_attempt_interval`] times the attempts so far, up to
///   [`Config::message_attempts`]. [`transaction_messages`](Session::transaction_messages)
///   and [`restore_transaction_messages`](Session::restore_transaction_messages)
///   keep them across a restart, as data.
/// - **The boot rules**: a charge point sends nothing but BootNotification
///   until one is answered `Accepted` ([`Registration`]), and the next one
///   not before a `Pending` or `Rejected` answer's interval; once accepted,
///   [`next_heartbeat`](Session::next_heartbeat) says when a Heartbeat is
///   due.
///
/// ```
/// # #[cfg(feature = "v201")] {
/// use ocpp_types::rpc::{Config, Event, Session};
/// use ocpp_types::v201::{
///     BootNotificationRequest, BootNotificationResponse, BootReasonEnumType, ChargingStationType,
///     HeartbeatRequest, HeartbeatResponse, RegistrationStatusEnumType, Request,
/// };
/// use ocpp_types::DateTime;
/// use std::time::{Duration, Instant};
///
/// let now = Instant::now();
/// let mut station = Session::<Request>::charge_point(Config::default());
/// let mut csms = Session::<Request>::csms(Config::default());
///
/// // The station calls; the frame goes over the wire (here, straight across).
/// let station_type = ChargingStationType::new("BelayBox", "Pionix");
/// let boot = station.call(BootNotificationRequest::new(station_type, BootReasonEnumType::PowerUp))?;
/// let frame = station.poll_transmit(now).unwrap();
/// csms.receive(&frame, now);
///
/// // The CSMS answers with the one response type that fits.
/// let Some(Event::Request(incoming)) = csms.poll_event() else { panic!() };
/// let (request, reply) = incoming.take::<BootNotificationRequest>().unwrap();
/// assert_eq!(request.reason, BootReasonEnumType::PowerUp);
/// let accepted = BootNotificationResponse::new(DateTime::now(), 300, RegistrationStatusEnumType::Accepted);
/// csms.reply(reply, accepted)?;
/// station.receive(&csms.poll_transmit(now).unwrap(), now);
///
/// // The station reads the outcome as a BootNotificationResponse.
/// let Some(Event::Answered(answered)) = station.poll_event() else { panic!() };
/// let response = boot.outcome(answered).unwrap()?;
/// assert_eq!(response.interval, 300);
///
/// // A call nobody answers times out at its deadline.
/// let heartbeat = station.call(HeartbeatRequest::new())?;
/// assert!(station.poll_transmit(now).is_some());
/// let deadline = station.poll_timeout().unwrap();
/// assert_eq!(deadline, now + Duration::from_secs(30));
/// station.handle_timeout(deadline);
/// let Some(Event::Answered(answered)) = station.poll_event() else { panic!() };
/// assert!(heartbeat.outcome(answered).unwrap().is_err());
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Session<M: Messages> {
    endpoint: Endpoint<M>,
    role: Role,
    config: Config,
    ids: Box<dyn MessageIds + Send>,
    online: bool,
    registration: Registration,
    /// When this side last sent a CALL, for the heartbeat.
    last_call: Option<Instant>,
    queue: VecDeque<Queued>,
    in_flight: Option<InFlight>,
    timed_out: VecDeque<MessageId>,
    /// Answers to the other side's calls, sent before the next call.
    answers: VecDeque<String>,
    events: VecDeque<Event<M>>,
}

impl<M: Messages> fmt::Debug for Session<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("role", &self.role)
            .field("config", &self.config)
            .field("online", &self.online)
            .field("queued", &self.queue.len())
            .field(
                "in_flight",
                &self.in_flight.as_ref().map(|sent| &sent.call.message_id),
            )
            .field("answers", &self.answers.len())
            .field("events", &self.events.len())
            .finish_non_exhaustive()
    }
}

impl<M: Messages> Session<M> {
    /// The CSMS side of a connection.
    pub fn csms(config: Config) -> Session<M> {
        Session::new(Role::Csms, config)
    }

    /// The charge point side of a connection.
    pub fn charge_point(config: Config) -> Session<M> {
        Session::new(Role::ChargePoint, config)
    }

    fn new(role: Role, config: Config) -> Session<M> {
        let endpoint = match role {
            Role::Csms => Endpoint::csms(),
            Role::ChargePoint => Endpoint::charge_point(),
        };
        Session {
            endpoint: endpoint.with_policy(config.policy),
            role,
            config,
            ids: Box::new(RandomIds::new()),
            online: true,
            registration: Registration::default(),
            last_call: None,
            queue: VecDeque::new(),
            in_flight: None,
            timed_out: VecDeque::new(),
            answers: VecDeque::new(),
            events: VecDeque::new(),
        }
    }

    /// The session, with its message ids from `ids`.
    pub fn with_message_ids(self, ids: impl MessageIds + Send + 'static) -> Session<M> {
        Session {
            ids: Box::new(ids),
            ..self
        }
    }

    /// The session, with a charge point's registration known already: a
    /// charge point accepted on an earlier connection (OCPP 1.6 need not
    /// boot again after a reconnection) starts `Accepted`.
    pub fn with_registration(self, registration: Registration) -> Session<M> {
        Session {
            registration,
            ..self
        }
    }

    /// This side.
    pub fn role(&self) -> Role {
        self.role
    }

    /// Calls `request`, with the session's call timeout: it waits for the
    /// calls before it, then goes out through
    /// [`poll_transmit`](Session::poll_transmit). The frame is written now,
    /// so a request that breaks its schema is refused here, not later.
    ///
    /// A transaction message (1.6's StartTransaction, StopTransaction and
    /// the MeterValues of a transaction; 2.x's TransactionEvent) is also
    /// taken while the connection is down, kept across lost connections
    /// and sent again after a failed attempt ([`Config::message_attempts`]);
    /// any other call is refused while the connection is down.
    pub fn call<R>(&mut self, request: R) -> Result<CallHandle<R>, CallRejected>
    where
        R: Action + Into<M>,
    {
        self.call_with_timeout(request, self.config.call_timeout)
    }

    /// [`call`](Session::call), with `timeout` for this call alone.
    pub fn call_with_timeout<R>(
        &mut self,
        request: R,
        timeout: Duration,
    ) -> Result<CallHandle<R>, CallRejected>
    where
        R: Action + Into<M>,
    {
        let message_id = self.enqueue(request.into(), timeout)?;
        Ok(CallHandle {
            message_id,
            request: PhantomData,
        })
    }

    /// Calls a Heartbeat (its request is `{}` in every version), for a
    /// driver generic over versions to call when
    /// [`heartbeat_due`](Session::heartbeat_due); its outcome comes as an
    /// [`Event::Answered`] of the returned message id.
    pub fn heartbeat(&mut self) -> Result<MessageId, CallRejected> {
        let mut empty = serde_json::Deserializer::from_str("{}");
        let request = M::__read_request("Heartbeat", &mut empty).map_err(CallRejected::Invalid)?;
        self.enqueue(request, self.config.call_timeout)
    }

    /// Puts `request` in the queue, its frame written, if this side may
    /// send it now.
    fn enqueue(&mut self, request: M, timeout: Duration) -> Result<MessageId, CallRejected> {
        let info = request.info();
        if !info.direction.allows(self.role) {
            return Err(CallRejected::Direction {
                action: info.name,
                role: self.role,
            });
        }
        if self.queue.len() >= self.config.max_queued {
            return Err(CallRejected::QueueFull);
        }
        let message_id = self.ids.next_id();
        let call = Call::<M>::new(message_id.clone(), request);
        let transaction = is_transaction_message(&call.payload);
        if !self.online && !transaction {
            return Err(CallRejected::Offline);
        }
        let text = call.to_json().map_err(CallRejected::Invalid)?;
        self.queue.push_back(Queued {
            message_id: message_id.clone(),
            handle_id: message_id.clone(),
            action: info.name,
            text,
            timeout,
            transaction,
            attempts: 0,
            not_before: None,
        });
        Ok(message_id)
    }

    /// How many calls wait to be sent (not counting the one in flight).
    pub fn queued(&self) -> usize {
        self.queue.len()
    }

    /// Whether a call of this session waits for its answer.
    pub fn is_waiting(&self) -> bool {
        self.in_flight.is_some()
    }

    /// Where a charge point stands with its CSMS ([`Registration::Unknown`]
    /// until a BootNotification is answered; always `Unknown` on a CSMS
    /// session, which has no such rule).
    pub fn registration(&self) -> Registration {
        self.registration
    }

    /// When a charge point's next Heartbeat is due: the heartbeat interval
    /// of its accepted BootNotification after the last call it sent (any
    /// call shows the CSMS that it is there). `None` before it is accepted.
    /// [`poll_timeout`](Session::poll_timeout) includes it; the program
    /// then calls a Heartbeat.
    pub fn next_heartbeat(&self) -> Option<Instant> {
        match (self.registration, self.last_call) {
            (Registration::Accepted { interval }, Some(last)) if !interval.is_zero() => {
                last.checked_add(interval)
            }
            _ => None,
        }
    }

    /// Whether a charge point's Heartbeat is due at `now` (see
    /// [`next_heartbeat`](Session::next_heartbeat)).
    pub fn heartbeat_due(&self, now: Instant) -> bool {
        self.next_heartbeat().is_some_and(|due| due <= now)
    }

    /// Whether the connection is up (from the start, and after
    /// [`connected`](Session::connected)).
    pub fn is_online(&self) -> bool {
        self.online
    }

    /// The connection is lost. The call in flight, if a transaction
    /// message, goes back to the front of the queue, to be sent again once
    /// connected; every other call, in flight or waiting, fails with
    /// [`CallFailure::Disconnected`]. Answers not yet sent are dropped:
    /// their calls went with the connection.
    pub fn disconnected(&mut self) {
        self.online = false;
        self.answers.clear();
        if let Some(mut sent) = self.in_flight.take() {
            self.endpoint.pending().take(sent.call.message_id.as_str());
            // A lost connection is not a failed attempt.
            sent.call.attempts = sent.call.attempts.saturating_sub(1);
            self.queue.push_front(sent.call);
        }
        let (kept, lost): (VecDeque<Queued>, VecDeque<Queued>) =
            self.queue.drain(..).partition(|call| call.transaction);
        self.queue = kept;
        for call in lost {
            self.events
                .push_back(call.answered(Err(CallFailure::Disconnected)));
        }
    }

    /// The connection is up again: the transaction messages kept go first,
    /// in order.
    pub fn connected(&mut self) {
        self.online = true;
    }

    /// The transaction messages not yet answered, in the order they go
    /// (the one in flight first), to store across a restart.
    pub fn transaction_messages(&self) -> Vec<StoredMessage> {
        let in_flight = self.in_flight.iter().map(|sent| &sent.call);
        in_flight
            .chain(&self.queue)
            .filter(|call| call.transaction)
            .map(|call| StoredMessage {
                message_id: call.message_id.as_str().to_owned(),
                action: call.action.to_owned(),
                frame: call.text.clone(),
                attempts: call.attempts,
            })
            .collect()
    }

    /// Puts `stored` transaction messages (what
    /// [`transaction_messages`](Session::transaction_messages) gave before a
    /// restart) at the front of the queue, in order, to be sent as they
    /// are. Their outcomes come as [`Event::Answered`] with their message
    /// ids, as the program has no handle for them. A message whose action
    /// is not one of this version's transaction messages, or whose message
    /// id is not one, is refused, and nothing is restored.
    pub fn restore_transaction_messages(
        &mut self,
        stored: Vec<StoredMessage>,
    ) -> Result<(), RestoreError> {
        let mut restored = VecDeque::with_capacity(stored.len());
        for message in stored {
            let action = M::find_action(&message.action)
                .map(|info| info.name)
                .filter(|name| TRANSACTION_ACTIONS.contains(name))
                .ok_or_else(|| {
                    RestoreError(format!("`{}` is not a transaction message", message.action))
                })?;
            let message_id = MessageId::new(message.message_id)
                .map_err(|error| RestoreError(error.to_string()))?;
            restored.push_back(Queued {
                handle_id: message_id.clone(),
                message_id,
                action,
                text: message.frame,
                timeout: self.config.call_timeout,
                transaction: true,
                attempts: message.attempts,
                not_before: None,
            });
        }
        restored.extend(self.queue.drain(..));
        self.queue = restored;
        Ok(())
    }

    /// The next text frame to send, if any: answers to the other side's
    /// calls first, then this side's next call once the one before is
    /// answered or timed out (its deadline counts from `now`). Nothing
    /// while the connection is down.
    pub fn poll_transmit(&mut self, now: Instant) -> Option<String> {
        if !self.online {
            return None;
        }
        if let Some(answer) = self.answers.pop_front() {
            return Some(answer);
        }
        if self.in_flight.is_some() {
            return None;
        }
        let at = self.next_allowed(now)?;
        let ready = self.queue[at]
            .not_before
            .map_or(true, |not_before| not_before <= now);
        if !ready {
            return None;
        }
        let mut call = self.queue.remove(at)?;
        self.last_call = Some(now);
        call.attempts += 1;
        self.endpoint
            .pending()
            .insert(call.message_id.clone(), call.action);
        let text = call.text.clone();
        self.in_flight = Some(InFlight {
            deadline: now.checked_add(call.timeout).unwrap_or(now),
            call,
        });
        Some(text)
    }

    /// Where in the queue the next call to send is: the first, once a
    /// charge point is accepted; before, the first BootNotification, and
    /// not before the retry time a Pending or Rejected answer set.
    fn next_allowed(&self, now: Instant) -> Option<usize> {
        if self.role == Role::Csms {
            return (!self.queue.is_empty()).then_some(0);
        }
        match self.registration {
            Registration::Accepted { .. } => (!self.queue.is_empty()).then_some(0),
            Registration::Pending { retry } | Registration::Rejected { retry } if now < retry => {
                None
            }
            _ => self
                .queue
                .iter()
                .position(|call| call.action == "BootNotification"),
        }
    }

    /// When to wake the session, if it waits for a time: the deadline of
    /// the call in flight (then call
    /// [`handle_timeout`](Session::handle_timeout)); the end of the wait
    /// before a transaction message's next attempt, or before the next
    /// BootNotification of a charge point that is Pending or Rejected (then
    /// call [`poll_transmit`](Session::poll_transmit)); or when a Heartbeat
    /// is due ([`next_heartbeat`](Session::next_heartbeat)).
    pub fn poll_timeout(&self) -> Option<Instant> {
        if let Some(sent) = &self.in_flight {
            return Some(sent.deadline);
        }
        if !self.online {
            return None;
        }
        let retry = match self.registration {
            Registration::Pending { retry } | Registration::Rejected { retry }
                if self.role == Role::ChargePoint =>
            {
                Some(retry)
            }
            _ => None,
        };
        let attempt = self.queue.front().and_then(|call| call.not_before);
        [retry, attempt, self.next_heartbeat()]
            .into_iter()
            .flatten()
            .min()
    }

    /// Times out the call in flight if its deadline is not after `now`: its
    /// outcome is [`CallFailure::Timeout`] (a transaction message is sent
    /// again while it has attempts left), and an answer to it that comes
    /// later is an [`Event::Late`].
    pub fn handle_timeout(&mut self, now: Instant) {
        let expired = matches!(&self.in_flight, Some(sent) if sent.deadline <= now);
        if !expired {
            return;
        }
        if let Some(sent) = self.in_flight.take() {
            self.endpoint.pending().take(sent.call.message_id.as_str());
            if self.timed_out.len() >= TIMED_OUT_KEPT {
                self.timed_out.pop_front();
            }
            self.timed_out.push_back(sent.call.message_id.clone());
            self.failed(sent.call, CallFailure::Timeout, now);
        }
    }

    /// A failed attempt of `call`: another one later, for a transaction
    /// message with attempts left, under a new message id (2.x's
    /// TransactionEvent has its `seqNo` for the CSMS to see a repeat); else
    /// the final outcome.
    fn failed(&mut self, mut call: Queued, failure: CallFailure, now: Instant) {
        if call.transaction && call.attempts < self.config.message_attempts {
            let wait = self
                .config
                .message_attempt_interval
                .saturating_mul(call.attempts);
            call.not_before = Some(now.checked_add(wait).unwrap_or(now));
            // A new message id, as OCPP-J wants for every CALL on a
            // connection, and so that a late answer to the old one is late.
            let call = self.renumbered(call);
            self.queue.push_front(call);
            return;
        }
        self.events.push_back(call.answered(Err(failure)));
    }

    /// `call` with a new message id in its frame, which starts
    /// `[2,"<id>",` as this session writes it (the id escaped as JSON
    /// escapes it). A frame written otherwise (one restored from storage)
    /// keeps its id.
    fn renumbered(&mut self, call: Queued) -> Queued {
        let quoted = |id: &MessageId| serde_json::to_string(id.as_str()).unwrap_or_default();
        let old = quoted(&call.message_id);
        let Some(rest) = call
            .text
            .strip_prefix("[2,")
            .and_then(|rest| rest.strip_prefix(old.as_str()))
        else {
            return call;
        };
        let new = self.ids.next_id();
        let text = format!("[2,{}{rest}", quoted(&new));
        Queued {
            message_id: new,
            text,
            ..call
        }
    }

    /// Reads a text frame that came in, at `now`. A call in flight whose
    /// deadline has passed times out first, so an answer after the
    /// deadline is late even when [`handle_timeout`](Session::handle_timeout)
    /// was not called in time. What it was comes out of
    /// [`poll_event`](Session::poll_event).
    pub fn receive(&mut self, text: &str, now: Instant) {
        self.receive_with(text, self.config.policy, now);
    }

    /// [`receive`](Session::receive), with the payload read under `policy`
    /// for this frame alone (to let one message of a charger known to send
    /// it so through, or to read one strictly on a lenient connection).
    pub fn receive_with(&mut self, text: &str, policy: Policy, now: Instant) {
        self.handle_timeout(now);
        let event = match self.endpoint.read_with(text, policy) {
            Ok(Frame::Call(call)) => Event::Request(Incoming { call }),
            Ok(Frame::Send(call)) => Event::Send(call),
            Ok(Frame::CallResultError(error)) => Event::ResultRefused(error),
            Ok(Frame::CallResult(result)) => match self.answer_to(&result.message_id) {
                Some(call) => {
                    if call.action == "BootNotification" && self.role == Role::ChargePoint {
                        self.registration = registration_of(&result.payload, now);
                    }
                    call.answered(Ok(result.payload))
                }
                None => self.not_ours(Frame::CallResult(result)),
            },
            Ok(Frame::CallError(error)) => match self.answer_to(&error.message_id) {
                Some(call) => {
                    self.failed(call, CallFailure::Error(error), now);
                    return;
                }
                None => self.not_ours(Frame::CallError(error)),
            },
            Ok(frame @ Frame::UnexpectedResult(_)) => self.not_ours(frame),
            Err(error) => {
                if let Some(answer) = error.answer() {
                    self.answers.push_back(answer);
                }
                // A broken CALLRESULT of the call in flight is its outcome.
                let result_id = error
                    .message_id()
                    .filter(|_| error.message_type() == Some(MessageType::CallResult))
                    .cloned();
                match result_id.and_then(|id| self.answer_to(&id)) {
                    Some(call) => call.answered(Err(CallFailure::InvalidResult(error))),
                    None => Event::Broken(error),
                }
            }
        };
        self.events.push_back(event);
    }

    /// What the last [`receive`](Session::receive) tolerated under its
    /// policy, each with its pointer from the frame: the first
    /// [`MAX_DEVIATIONS`](crate::MAX_DEVIATIONS), and how many more.
    pub fn deviations(&self) -> (&[crate::Deviation], usize) {
        (
            self.endpoint.deviations(),
            self.endpoint.omitted_deviations(),
        )
    }

    /// The next thing that happened, in order.
    pub fn poll_event(&mut self) -> Option<Event<M>> {
        self.events.pop_front()
    }

    /// Answers a CALL of `R` with `R`'s response: another action's
    /// response does not compile. The CALLRESULT goes out through
    /// [`poll_transmit`](Session::poll_transmit). Fails when the response
    /// breaks its schema: the call is then answered with a CALLERROR
    /// `InternalError` instead, as every CALL must be answered.
    pub fn reply<R>(
        &mut self,
        reply: Reply<R>,
        response: R::Response,
    ) -> Result<(), serde_json::Error>
    where
        R: Action,
        R::Response: Into<M::Response>,
    {
        let result = super::frame::CallResult::<M::Response> {
            message_id: reply.message_id,
            payload: response.into(),
        };
        match result.to_json() {
            Ok(text) => {
                self.answers.push_back(text);
                Ok(())
            }
            Err(error) => {
                let description = format!("the response breaks its schema: {error}");
                self.error(result.message_id, ErrorCode::InternalError, &description)?;
                Err(error)
            }
        }
    }

    /// Answers a CALL of `R` with a CALLERROR of `code` and `description`
    /// (for a program that took the request, then found it can't serve it).
    pub fn reply_error<R>(
        &mut self,
        reply: Reply<R>,
        code: ErrorCode,
        description: &str,
    ) -> Result<(), serde_json::Error> {
        self.error(reply.message_id, code, description)
    }

    /// Answers `call` with `response`, checked at run time: for a program
    /// that routes by `match` on [`Incoming::call`]. Fails when `response`
    /// is another action's, or breaks its schema: the call is then answered
    /// with a CALLERROR `InternalError` instead.
    pub fn answer(
        &mut self,
        incoming: Incoming<M>,
        response: impl Into<M::Response>,
    ) -> Result<(), AnswerError> {
        let message_id = incoming.call.message_id.clone();
        let text = incoming
            .call
            .reply(response)
            .map_err(|mismatch| AnswerError(mismatch.to_string()))
            .and_then(|result| {
                let text = result.to_json();
                text.map_err(|error| {
                    AnswerError(format!("the response breaks its schema: {error}"))
                })
            });
        match text {
            Ok(text) => {
                self.answers.push_back(text);
                Ok(())
            }
            Err(error) => {
                self.error(message_id, ErrorCode::InternalError, &error.0)
                    .map_err(|error| AnswerError(error.to_string()))?;
                Err(error)
            }
        }
    }

    /// Answers a CALL with a CALLERROR of `code` and `description`.
    pub fn refuse(
        &mut self,
        incoming: Incoming<M>,
        code: ErrorCode,
        description: &str,
    ) -> Result<(), serde_json::Error> {
        self.error(incoming.call.message_id, code, description)
    }

    /// Answers the CALL `message_id` with a CALLERROR of `code` and
    /// `description`.
    fn error(
        &mut self,
        message_id: MessageId,
        code: ErrorCode,
        description: &str,
    ) -> Result<(), serde_json::Error> {
        let error = CallError {
            message_id,
            code,
            description: description.to_owned(),
            details: serde_json::Map::new(),
            action: None,
            version: M::VERSION,
        };
        self.answers.push_back(error.to_json()?);
        Ok(())
    }

    /// The call in flight, taken, if `message_id` is its.
    fn answer_to(&mut self, message_id: &MessageId) -> Option<Queued> {
        let ours = self
            .in_flight
            .as_ref()
            .is_some_and(|sent| &sent.call.message_id == message_id);
        if ours {
            self.in_flight.take().map(|sent| sent.call)
        } else {
            None
        }
    }

    /// An answer to no call in flight: late if it answers one that timed out.
    fn not_ours(&mut self, frame: Frame<M>) -> Event<M> {
        let id = frame.message_id();
        if self.timed_out.iter().any(|old| old == id) {
            Event::Late(frame)
        } else {
            Event::Stray(frame)
        }
    }
}

/// Where a charge point stands with its CSMS, from the answers to its
/// BootNotifications.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Registration {
    /// No BootNotification answered yet: only a BootNotification goes out.
    #[default]
    Unknown,
    /// `Pending`: the CSMS is not ready yet. Only a BootNotification goes
    /// out (answers to the CSMS's own calls do too), after `retry`.
    Pending {
        /// When the next BootNotification may go.
        retry: Instant,
    },
    /// `Rejected`: only a BootNotification goes out, after `retry`.
    Rejected {
        /// When the next BootNotification may go.
        retry: Instant,
    },
    /// `Accepted`: every call goes out; a heartbeat is due every `interval`
    /// without another call.
    Accepted {
        /// The heartbeat interval.
        interval: Duration,
    },
}

/// The actions whose messages are transaction messages, in some version.
const TRANSACTION_ACTIONS: &[&str] = &[
    "StartTransaction",
    "StopTransaction",
    "MeterValues",
    "TransactionEvent",
];

/// Whether `request` is a transaction message: 1.6's StartTransaction,
/// StopTransaction, and MeterValues with a transaction id; 2.x's
/// TransactionEvent.
fn is_transaction_message<M: Messages>(request: &M) -> bool {
    match request.action() {
        "MeterValues" => meter_values_of_a_transaction(request),
        action => TRANSACTION_ACTIONS.contains(&action),
    }
}

/// Whether a 1.6 MeterValues belongs to a transaction (2.x's MeterValues
/// never does: its transactions report through TransactionEvent).
#[cfg(feature = "v16")]
fn meter_values_of_a_transaction<M: Messages>(request: &M) -> bool {
    match (request as &dyn std::any::Any).downcast_ref::<crate::v16::Request>() {
        Some(crate::v16::Request::MeterValues(values)) => values.transaction_id.is_some(),
        _ => false,
    }
}

#[cfg(not(feature = "v16"))]
fn meter_values_of_a_transaction<M: Messages>(_: &M) -> bool {
    false
}

/// What the answer to a BootNotification makes of a charge point, at `now`:
/// `status` and `interval` are spelled alike in every version. A status no
/// version has (an `Unlisted` one, read leniently) leaves it unregistered.
fn registration_of<R: super::Responses>(response: &R, now: Instant) -> Registration {
    let Ok(serde_json::Value::Object(fields)) = serde_json::to_value(response) else {
        return Registration::Unknown;
    };
    let seconds = fields
        .get("interval")
        .and_then(serde_json::Value::as_u64)
        .unwrap_or(0);
    let interval = Duration::from_secs(seconds);
    let retry = now.checked_add(interval).unwrap_or(now);
    match fields.get("status").and_then(serde_json::Value::as_str) {
        Some("Accepted") => Registration::Accepted { interval },
        Some("Pending") => Registration::Pending { retry },
        Some("Rejected") => Registration::Rejected { retry },
        _ => Registration::Unknown,
    }
}

/// Why [`Session::restore_transaction_messages`] restored nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreError(String);

impl fmt::Display for RestoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RestoreError {}

/// Why [`Session::answer`] sent nothing: the response is another action's,
/// or breaks its schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerError(String);

impl fmt::Display for AnswerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for AnswerError {}
