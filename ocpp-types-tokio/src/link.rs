//! One connection's session on its WebSocket: the task that drives an
//! `rpc::Session` (frames in and out, its timeouts, pings, a dead link), the
//! handlers that answer the other side, and the [`Caller`] through which
//! the program calls the other side from anywhere.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use ocpp_types::rpc::{
    Action, Answered, CallFailure, CallRejected, Event, Handlers, MessageId, Messages, Session,
};
use ocpp_types::{Deviation, Escaped};
use tokio::sync::{mpsc, oneshot};
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

use crate::stream::Stream;

/// A connection's WebSocket.
pub(crate) type Socket = WebSocketStream<Stream>;

/// How a connection is kept honest, on either side.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct LinkConfig {
    /// How long a connection may take to finish its TCP, TLS and WebSocket
    /// handshakes (10 s by default): a peer that never finishes is dropped.
    pub handshake_timeout: Duration,
    /// A WebSocket ping goes this long after the last one (30 s by
    /// default; OCPP's `WebSocketPingInterval`).
    pub ping_interval: Duration,
    /// The connection is dropped when nothing (no frame, no pong) came for
    /// this long (70 s by default): a dead link, or a peer that stalls.
    pub dead_after: Duration,
    /// The most bytes a message may have; a larger one ends the
    /// connection (1 MiB by default, far more than any OCPP message needs).
    pub max_message_bytes: usize,
    /// The session's settings: its call timeout, how many calls may wait
    /// (the cap on calls queued per connection), its reading policy, and
    /// the transaction messages' attempts.
    pub session: ocpp_types::rpc::Config,
}

impl Default for LinkConfig {
    fn default() -> Self {
        LinkConfig {
            handshake_timeout: Duration::from_secs(10),
            ping_interval: Duration::from_secs(30),
            dead_after: Duration::from_secs(70),
            max_message_bytes: 1 << 20,
            session: ocpp_types::rpc::Config::default(),
        }
    }
}

impl LinkConfig {
    /// With pings every `interval`, and the connection dropped after
    /// `dead_after` without anything from the other side.
    pub fn with_ping(self, interval: Duration, dead_after: Duration) -> LinkConfig {
        LinkConfig {
            ping_interval: interval,
            dead_after,
            ..self
        }
    }

    /// With handshakes cut off after `timeout`.
    pub fn with_handshake_timeout(self, timeout: Duration) -> LinkConfig {
        LinkConfig {
            handshake_timeout: timeout,
            ..self
        }
    }

    /// With messages of at most `bytes`.
    pub fn with_max_message_bytes(self, bytes: usize) -> LinkConfig {
        LinkConfig {
            max_message_bytes: bytes,
            ..self
        }
    }

    /// With the session's settings `session`.
    pub fn with_session(self, session: ocpp_types::rpc::Config) -> LinkConfig {
        LinkConfig { session, ..self }
    }

    /// The WebSocket settings: the message cap, and a read buffer of 4 KiB
    /// (tungstenite's default, 128 KiB, is allocated for every connection:
    /// 1.25 GiB for 10,000 idle ones; an OCPP message is a few hundred
    /// bytes, and a larger one is read in more steps).
    pub(crate) fn websocket(&self) -> WebSocketConfig {
        WebSocketConfig::default()
            .read_buffer_size(4096)
            .max_message_size(Some(self.max_message_bytes))
            .max_frame_size(Some(self.max_message_bytes))
    }
}

/// What happened on a connection, for a log or a trace: given to the
/// program's observer (`Server::with_observer`, `ClientConfig::observer`)
/// as it happens. Texts are as they came: escape them
/// ([`ocpp_types::Escaped`]) before writing them to a log.
#[derive(Debug)]
#[non_exhaustive]
pub enum Trace<'a> {
    /// A text frame came in.
    Received {
        /// The charge point's id.
        charge_point: &'a str,
        /// The frame, as it came.
        text: &'a str,
    },
    /// A text frame went out.
    Sent {
        /// The charge point's id.
        charge_point: &'a str,
        /// The frame, as it went.
        text: &'a str,
    },
    /// What a lenient reading of the last frame received tolerated.
    Deviation {
        /// The charge point's id.
        charge_point: &'a str,
        /// What was tolerated, with its pointer into the frame.
        deviation: &'a Deviation,
    },
    /// Anything else worth knowing: a connection made, refused or ended; a
    /// broken frame, an answer that came late or for no call.
    Note {
        /// The charge point's id (empty before the handshake names it).
        charge_point: &'a str,
        /// What happened, in one line.
        message: &'a str,
    },
}

/// The program's observer of connections.
pub type Observer = Arc<dyn Fn(&Trace<'_>) + Send + Sync>;

/// Tells `observer`, if any, that `message` happened on `charge_point`.
pub(crate) fn note(observer: &Option<Observer>, charge_point: &str, message: fmt::Arguments<'_>) {
    if let Some(observer) = observer {
        let message = message.to_string();
        observer(&Trace::Note {
            charge_point,
            message: &message,
        });
    }
}

/// Why a call through a [`Caller`] has no response.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The session did not take the call (wrong direction, too many
    /// waiting, a request that breaks its schema, offline).
    Rejected(CallRejected),
    /// The call went out and failed: a CALLERROR, an invalid CALLRESULT, a
    /// timeout, a lost connection.
    Failed(CallFailure),
    /// The connection is over for good.
    Closed,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Rejected(rejected) => write!(f, "the call was not taken: {rejected}"),
            Error::Failed(failure) => write!(f, "the call failed: {failure}"),
            Error::Closed => f.write_str("the connection is closed"),
        }
    }
}

impl std::error::Error for Error {}

/// What a call does once its outcome is known: hands it to its caller.
type Complete<M> = Box<dyn FnOnce(Answered<M>) + Send>;

/// A call to make in the connection's task: puts it in the session and
/// returns its message id with what to do with its outcome, or tells the
/// caller why the session did not take it.
type Make<M> = Box<dyn FnOnce(&mut Session<M>) -> Option<(MessageId, Complete<M>)> + Send>;

/// What a [`Caller`] asks of the connection's task.
pub(crate) enum Command<M: Messages> {
    Call(Make<M>),
    Close,
}

/// How many commands wait for a connection's task before a caller waits.
const COMMANDS: usize = 64;

/// The way from a connection's callers to its task.
pub(crate) type Channel<M> = (mpsc::Sender<Command<M>>, mpsc::Receiver<Command<M>>);

/// A new [`Channel`].
pub(crate) fn channel<M: Messages>() -> Channel<M> {
    mpsc::channel(COMMANDS)
}

/// Calls the other side of a connection, from any task: cheap to clone, and
/// typed as [`Session::call`] is.
pub struct Caller<M: Messages> {
    charge_point: Arc<str>,
    commands: mpsc::Sender<Command<M>>,
}

impl<M: Messages> Clone for Caller<M> {
    fn clone(&self) -> Self {
        Caller {
            charge_point: self.charge_point.clone(),
            commands: self.commands.clone(),
        }
    }
}

impl<M: Messages> fmt::Debug for Caller<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Caller").field(&self.charge_point).finish()
    }
}

impl<M: Messages> Caller<M> {
    pub(crate) fn new(charge_point: Arc<str>, commands: mpsc::Sender<Command<M>>) -> Caller<M> {
        Caller {
            charge_point,
            commands,
        }
    }

    /// The charge point's id.
    pub fn charge_point(&self) -> &str {
        &self.charge_point
    }

    /// Calls `request`, with the session's call timeout, and waits for its
    /// response, of its action's response type.
    pub async fn call<R>(&self, request: R) -> Result<R::Response, Error>
    where
        R: Action + Into<M> + Send + 'static,
        R::Response: TryFrom<M::Response, Error = M::Response> + Send,
    {
        self.call_within(request, None).await
    }

    /// [`call`](Caller::call), with `timeout` for this call alone.
    pub async fn call_with_timeout<R>(
        &self,
        request: R,
        timeout: Duration,
    ) -> Result<R::Response, Error>
    where
        R: Action + Into<M> + Send + 'static,
        R::Response: TryFrom<M::Response, Error = M::Response> + Send,
    {
        self.call_within(request, Some(timeout)).await
    }

    async fn call_within<R>(
        &self,
        request: R,
        timeout: Option<Duration>,
    ) -> Result<R::Response, Error>
    where
        R: Action + Into<M> + Send + 'static,
        R::Response: TryFrom<M::Response, Error = M::Response> + Send,
    {
        let (answer, outcome) = oneshot::channel();
        let make: Make<M> = Box::new(move |session| {
            let call = match timeout {
                Some(timeout) => session.call_with_timeout(request, timeout),
                None => session.call(request),
            };
            let call = match call {
                Ok(call) => call,
                Err(rejected) => {
                    let _ = answer.send(Err(Error::Rejected(rejected)));
                    return None;
                }
            };
            let message_id = call.message_id().clone();
            let complete: Complete<M> = Box::new(move |answered| {
                // The session reads an answer as its call's response, so
                // the outcome is always this call's.
                if let Ok(outcome) = call.outcome(answered) {
                    let _ = answer.send(outcome.map_err(Error::Failed));
                }
            });
            Some((message_id, complete))
        });
        self.commands
            .send(Command::Call(make))
            .await
            .map_err(|_| Error::Closed)?;
        outcome.await.map_err(|_| Error::Closed)?
    }

    /// Closes the connection (a client does not connect again).
    pub async fn close(&self) {
        let _ = self.commands.send(Command::Close).await;
    }
}

/// How a connection ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ended {
    /// The other side closed it, with the WebSocket's closing handshake.
    ClosedByPeer,
    /// This side closed it: the program asked ([`Caller::close`]).
    ClosedHere,
    /// It broke, or was dropped: why.
    Lost(String),
}

impl fmt::Display for Ended {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ended::ClosedByPeer => f.write_str("closed by the other side"),
            Ended::ClosedHere => f.write_str("closed by this side"),
            Ended::Lost(why) => f.write_str(why),
        }
    }
}

/// A session, its handlers and its callers' calls: what lives as long as a
/// connection (a client's, across its reconnections).
pub(crate) struct Driver<M: Messages, S> {
    pub(crate) charge_point: Arc<str>,
    pub(crate) session: Session<M>,
    handlers: Handlers<M, S>,
    state: S,
    commands: mpsc::Receiver<Command<M>>,
    /// Kept, so that the commands never end while the task runs.
    sender: mpsc::Sender<Command<M>>,
    waiting: HashMap<MessageId, Complete<M>>,
    pub(crate) config: Arc<LinkConfig>,
    pub(crate) observer: Option<Observer>,
}

impl<M: Messages, S: Send> Driver<M, S> {
    pub(crate) fn new(
        charge_point: Arc<str>,
        session: Session<M>,
        handlers: Handlers<M, S>,
        state: S,
        (sender, commands): Channel<M>,
        config: Arc<LinkConfig>,
        observer: Option<Observer>,
    ) -> Driver<M, S> {
        Driver {
            charge_point,
            session,
            handlers,
            state,
            commands,
            sender,
            waiting: HashMap::new(),
            config,
            observer,
        }
    }

    pub(crate) fn caller(&self) -> Caller<M> {
        Caller::new(self.charge_point.clone(), self.sender.clone())
    }

    /// Drives the session on `socket` until the connection ends.
    pub(crate) async fn run_on(&mut self, socket: &mut Socket) -> Ended {
        let mut heard = Instant::now();
        let mut next_ping = heard + self.config.ping_interval;
        loop {
            self.dispatch();
            let now = Instant::now();
            // A charge point sends heartbeats when due (a CSMS's session
            // never has one due).
            if self.session.heartbeat_due(now) {
                if let Err(rejected) = self.session.heartbeat() {
                    self.note(format_args!("no heartbeat: {rejected}"));
                }
            }
            while let Some(text) = self.session.poll_transmit(now) {
                if let Some(observer) = &self.observer {
                    observer(&Trace::Sent {
                        charge_point: &self.charge_point,
                        text: &text,
                    });
                }
                if let Err(why) = send(socket, Message::text(text), self.config.dead_after).await {
                    return Ended::Lost(why);
                }
            }
            let dead = heard + self.config.dead_after;
            let wake = [self.session.poll_timeout(), Some(next_ping), Some(dead)]
                .into_iter()
                .flatten()
                .min()
                .unwrap_or(dead);
            tokio::select! {
                message = socket.next() => {
                    let now = Instant::now();
                    heard = now;
                    match message {
                        Some(Ok(Message::Text(text))) => self.receive(&text, now),
                        Some(Ok(Message::Binary(_))) => {
                            self.note(format_args!("skipped a binary message (OCPP-J is text)"));
                        }
                        Some(Ok(Message::Close(_))) | None => return Ended::ClosedByPeer,
                        // Pings are answered by the WebSocket; pongs and
                        // pings show the link is alive.
                        Some(Ok(_)) => {}
                        Some(Err(error)) => return Ended::Lost(error.to_string()),
                    }
                }
                command = self.commands.recv() => match command {
                    Some(Command::Call(make)) => self.call(make),
                    Some(Command::Close) | None => {
                        close(socket).await;
                        return Ended::ClosedHere;
                    }
                },
                () = tokio::time::sleep_until(wake.into()) => {
                    let now = Instant::now();
                    self.session.handle_timeout(now);
                    if now >= dead {
                        close(socket).await;
                        return Ended::Lost(format!(
                            "nothing came for {:?}: dropped",
                            self.config.dead_after
                        ));
                    }
                    if now >= next_ping {
                        next_ping = now + self.config.ping_interval;
                        if let Err(why) = send(socket, Message::Ping(Default::default()), self.config.dead_after).await {
                            return Ended::Lost(why);
                        }
                    }
                }
            }
        }
    }

    /// Runs a caller's call.
    pub(crate) fn call(&mut self, make: Make<M>) {
        if let Some((message_id, complete)) = make(&mut self.session) {
            self.waiting.insert(message_id, complete);
        }
    }

    /// Takes the next command while the connection is down: calls (only
    /// transaction messages are taken); `false` when the program closes.
    pub(crate) async fn command_while_down(&mut self) -> bool {
        match self.commands.recv().await {
            Some(Command::Call(make)) => {
                self.call(make);
                self.dispatch();
                true
            }
            Some(Command::Close) | None => false,
        }
    }

    /// Reads a frame that came in.
    fn receive(&mut self, text: &str, now: Instant) {
        if let Some(observer) = &self.observer {
            observer(&Trace::Received {
                charge_point: &self.charge_point,
                text,
            });
        }
        self.session.receive(text, now);
        if let Some(observer) = &self.observer {
            for deviation in self.session.deviations().0 {
                observer(&Trace::Deviation {
                    charge_point: &self.charge_point,
                    deviation,
                });
            }
        }
    }

    /// Acts on what happened: a CALL to the handlers, an outcome to its
    /// caller, anything else to the observer.
    pub(crate) fn dispatch(&mut self) {
        while let Some(event) = self.session.poll_event() {
            match event {
                Event::Request(incoming) => {
                    let session = &mut self.session;
                    if let Err(error) = self.handlers.handle(session, &mut self.state, incoming) {
                        self.note(format_args!("a response broke its schema: {error}"));
                    }
                }
                Event::Answered(answered) => match self.waiting.remove(&answered.message_id) {
                    Some(complete) => complete(answered),
                    None => {
                        if let Err(failure) = &answered.outcome {
                            self.note(format_args!("{} failed: {failure}", answered.action));
                        }
                    }
                },
                Event::Send(call) => self.note(format_args!("a SEND of {}", call.action())),
                Event::Late(frame) => {
                    let id = Escaped::quoted(frame.message_id().as_str());
                    self.note(format_args!("an answer after its deadline: {id}"))
                }
                Event::Stray(frame) => {
                    let id = Escaped::quoted(frame.message_id().as_str());
                    self.note(format_args!("an answer to no call: {id}"))
                }
                Event::ResultRefused(error) => {
                    self.note(format_args!("the other side refused a CALLRESULT: {error}"))
                }
                Event::Broken(error) => self.note(format_args!("a broken frame: {error}")),
            }
        }
    }

    fn note(&self, message: fmt::Arguments<'_>) {
        note(&self.observer, &self.charge_point, message);
    }
}

/// Sends `message` within `limit`: a peer that reads nothing (its buffers
/// full) is dropped, not waited for.
async fn send(socket: &mut Socket, message: Message, limit: Duration) -> Result<(), String> {
    match tokio::time::timeout(limit, socket.send(message)).await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(error)) => Err(format!("sending failed: {error}")),
        Err(_) => Err(format!(
            "the other side read nothing for {limit:?}: dropped"
        )),
    }
}

/// How long closing a connection may wait for its close frame to go out.
const CLOSE_TIME: Duration = Duration::from_secs(1);

/// Closes the connection, without waiting on a peer that reads nothing.
async fn close(socket: &mut Socket) {
    let _ = tokio::time::timeout(CLOSE_TIME, socket.close(None)).await;
}
