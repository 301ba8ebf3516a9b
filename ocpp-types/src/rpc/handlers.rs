//! Handlers per action: the other side's CALLs answered by the function
//! registered for their action, each typed by its request.

use std::fmt;

use super::{Action, ErrorCode, Incoming, Messages, Session};

/// A handler, as kept: it takes the call as its request type and answers it
/// through the session.
type Handler<M, S> =
    Box<dyn FnMut(&mut S, &mut Session<M>, Incoming<M>) -> Result<(), serde_json::Error> + Send>;

/// The other side's CALLs, each answered by the handler registered for its
/// action, with `S`, the program's state, at hand (Python `ocpp`'s
/// `@on(Action.boot_notification)`, in Rust).
///
/// A handler takes its action's request type and returns that action's
/// response type, or a [`Refusal`]: a handler that returns another
/// action's response does not compile. [`handle`](Handlers::handle) answers
/// a call whose action has no handler with the CALLERROR `NotImplemented`;
/// a program that routes some calls itself, by `match`, asks
/// [`handles`](Handlers::handles) first.
///
/// ```
/// # #[cfg(feature = "v201")] {
/// use ocpp_types::rpc::{Config, ErrorCode, Event, Handlers, Refusal, Session};
/// use ocpp_types::v201::*;
/// use ocpp_types::DateTime;
/// use std::time::Instant;
///
/// /// What the CSMS knows.
/// #[derive(Default)]
/// struct Csms {
///     booted: Vec<String>,
/// }
///
/// let mut handlers = Handlers::<Request, Csms>::new()
///     .on(|csms, boot: BootNotificationRequest| {
///         csms.booted.push(boot.charging_station.serial_number.unwrap_or_default());
///         BootNotificationResponse::new(DateTime::now(), 300, RegistrationStatusEnumType::Accepted)
///     })
///     .on(|_, _: HeartbeatRequest| HeartbeatResponse::new(DateTime::now()))
///     .try_on(|_, authorize: AuthorizeRequest| match authorize.id_token.id_token.as_str() {
///         "" => Err(Refusal::new(ErrorCode::PropertyConstraintViolation, "an empty id token")),
///         _ => Ok(AuthorizeResponse::new(IdTokenInfoType::new(AuthorizationStatusEnumType::Accepted))),
///     });
///
/// let (mut session, mut csms) = (Session::<Request>::csms(Config::default()), Csms::default());
/// let now = Instant::now();
/// session.receive(
///     r#"[2,"1","BootNotification",{"chargingStation":{"model":"BelayBox","vendorName":"Pionix","serialNumber":"B-17"},"reason":"PowerUp"}]"#,
///     now,
/// );
/// session.receive(r#"[2,"2","DataTransfer",{"vendorId":"com.acme"}]"#, now);
/// while let Some(event) = session.poll_event() {
///     if let Event::Request(incoming) = event {
///         handlers.handle(&mut session, &mut csms, incoming)?;
///     }
/// }
/// assert_eq!(csms.booted, ["B-17"]);
/// assert!(session.poll_transmit(now).unwrap().starts_with(r#"[3,"1",{"currentTime":"#));
/// assert!(session.poll_transmit(now).unwrap().starts_with(r#"[4,"2","NotImplemented","#));
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Handlers<M: Messages, S = ()> {
    /// The handlers, by action: few, so a list.
    handlers: Vec<(&'static str, Handler<M, S>)>,
}

impl<M: Messages, S> Default for Handlers<M, S> {
    fn default() -> Self {
        Handlers {
            handlers: Vec::new(),
        }
    }
}

impl<M: Messages, S> fmt::Debug for Handlers<M, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let actions = self.handlers.iter().map(|(action, _)| action);
        f.debug_set().entries(actions).finish()
    }
}

impl<M: Messages, S> Handlers<M, S> {
    /// No handlers.
    pub fn new() -> Handlers<M, S> {
        Handlers::default()
    }

    /// With `handler` for `R`'s action, in place of the one it had: it
    /// answers every CALL of `R` with the response it returns.
    pub fn on<R>(self, mut handler: impl FnMut(&mut S, R) -> R::Response + Send + 'static) -> Self
    where
        R: Action + TryFrom<M, Error = M>,
        R::Response: Into<M::Response>,
    {
        self.try_on(move |state, request: R| Ok(handler(state, request)))
    }

    /// With `handler` for `R`'s action, in place of the one it had: it
    /// answers every CALL of `R` with the response it returns, or with the
    /// CALLERROR of its [`Refusal`].
    pub fn try_on<R>(
        mut self,
        mut handler: impl FnMut(&mut S, R) -> Result<R::Response, Refusal> + Send + 'static,
    ) -> Self
    where
        R: Action + TryFrom<M, Error = M>,
        R::Response: Into<M::Response>,
    {
        let handler: Handler<M, S> = Box::new(move |state, session, incoming| {
            let (request, reply) = match incoming.take::<R>() {
                Ok(taken) => taken,
                // Only `R`'s calls come here.
                Err(incoming) => return session.refuse(incoming, ErrorCode::InternalError, ""),
            };
            match handler(state, request) {
                Ok(response) => session.reply(reply, response),
                Err(refusal) => session.reply_error(reply, refusal.code, &refusal.description),
            }
        });
        self.handlers.retain(|(action, _)| *action != R::ACTION);
        self.handlers.push((R::ACTION, handler));
        self
    }

    /// Whether a handler is registered for `action`.
    pub fn handles(&self, action: &str) -> bool {
        self.handlers.iter().any(|(name, _)| *name == action)
    }

    /// Answers `incoming` through `session`, with the handler of its
    /// action and the program's `state`: with the handler's response, or
    /// its refusal's CALLERROR; with `NotImplemented` when its action has
    /// no handler. Fails when the handler's response breaks its schema:
    /// the call is then answered with `InternalError`.
    pub fn handle(
        &mut self,
        session: &mut Session<M>,
        state: &mut S,
        incoming: Incoming<M>,
    ) -> Result<(), serde_json::Error> {
        let action = incoming.action();
        match self.handlers.iter_mut().find(|(name, _)| *name == action) {
            Some((_, handler)) => handler(state, session, incoming),
            None => {
                let description = format!("no handler for `{action}`");
                session.refuse(incoming, ErrorCode::NotImplemented, &description)
            }
        }
    }
}

/// A handler's refusal of a call: the CALLERROR it is answered with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    code: ErrorCode,
    description: String,
}

impl Refusal {
    /// A CALLERROR of `code`, with `description` (as given).
    pub fn new(code: ErrorCode, description: impl Into<String>) -> Refusal {
        Refusal {
            code,
            description: description.into(),
        }
    }

    /// Its error code.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// Its description.
    pub fn description(&self) -> &str {
        &self.description
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}",
            self.code,
            crate::Escaped::quoted(&self.description)
        )
    }
}

impl std::error::Error for Refusal {}
