//! The client: a charge point's side. It connects (with TLS and Basic
//! authentication as its security profile asks), runs its session in a
//! task of its own, connects again after a drop, and sends heartbeats when
//! due.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ocpp_types::rpc::{Action, Handlers, Messages, Session, StoredMessage};
use tokio::net::TcpStream;
use tokio::task::JoinHandle;
use tokio_rustls::rustls::pki_types::ServerName;
use tokio_rustls::rustls::ClientConfig as TlsConfig;
use tokio_rustls::TlsConnector;
use tokio_tungstenite::tungstenite::http::Uri;
use tokio_tungstenite::tungstenite::ClientRequestBuilder;

use crate::auth;
use crate::link::{self, Caller, Driver, Ended, Error, LinkConfig, Observer, Socket, Trace};
use crate::stream::Stream;

/// A client's settings.
#[derive(Clone)]
pub struct ClientConfig {
    url: Uri,
    charge_point: Arc<str>,
    password: Option<Vec<u8>>,
    tls: Option<Arc<TlsConfig>>,
    reconnect: (Duration, Duration),
    link: LinkConfig,
    observer: Option<Observer>,
    restore: Vec<StoredMessage>,
}

impl fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientConfig")
            .field("url", &self.url)
            .field("password", &self.password.as_ref().map(|_| "…"))
            .field("tls", &self.tls.is_some())
            .field("reconnect", &self.reconnect)
            .field("link", &self.link)
            .finish_non_exhaustive()
    }
}

/// Why a client did not connect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectError(String);

impl fmt::Display for ConnectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConnectError {}

impl ClientConfig {
    /// A charge point connecting to `url`: `ws://` or `wss://`, whose
    /// path's last segment is the charge point's id
    /// (`wss://csms.example.com/ocpp/CP-17`). Without TLS or a password
    /// (security profile 0); it connects again after a drop after 0.5 s,
    /// then twice as long each time, up to 60 s.
    pub fn new(url: &str) -> Result<ClientConfig, ConnectError> {
        let url: Uri = url
            .parse()
            .map_err(|error| ConnectError(format!("not a URL: {error}")))?;
        if !matches!(url.scheme_str(), Some("ws" | "wss")) || url.host().is_none() {
            return Err(ConnectError(
                "the URL must be ws:// or wss://, with a host".into(),
            ));
        }
        let charge_point = auth::charge_point_of(url.path()).ok_or_else(|| {
            ConnectError("the URL's path must end with the charge point's id".into())
        })?;
        Ok(ClientConfig {
            url,
            charge_point: charge_point.into(),
            password: None,
            tls: None,
            reconnect: (Duration::from_millis(500), Duration::from_secs(60)),
            link: LinkConfig::default(),
            observer: None,
            restore: Vec::new(),
        })
    }

    /// With HTTP Basic authentication: the charge point's id and
    /// `password` (security profiles 1 and 2).
    pub fn with_password(self, password: impl Into<Vec<u8>>) -> ClientConfig {
        ClientConfig {
            password: Some(password.into()),
            ..self
        }
    }

    /// With `tls` for a `wss://` URL: the roots it trusts, and for
    /// security profile 3 its client certificate.
    pub fn with_tls(self, tls: Arc<TlsConfig>) -> ClientConfig {
        ClientConfig {
            tls: Some(tls),
            ..self
        }
    }

    /// With the wait before connecting again after a drop: `first`, then
    /// twice as long each time, up to `max`.
    pub fn with_reconnect(self, first: Duration, max: Duration) -> ClientConfig {
        ClientConfig {
            reconnect: (first, max),
            ..self
        }
    }

    /// With `link` for the connection.
    pub fn with_link(self, link: LinkConfig) -> ClientConfig {
        ClientConfig { link, ..self }
    }

    /// Tells `observer` each frame in and out, the deviations of lenient
    /// reads, and each drop and reconnection.
    pub fn with_observer(
        self,
        observer: impl Fn(&Trace<'_>) + Send + Sync + 'static,
    ) -> ClientConfig {
        ClientConfig {
            observer: Some(Arc::new(observer)),
            ..self
        }
    }

    /// With the transaction messages a [`Client::close`] gave before a
    /// restart: sent first, in order.
    pub fn with_transaction_messages(self, stored: Vec<StoredMessage>) -> ClientConfig {
        ClientConfig {
            restore: stored,
            ..self
        }
    }

    /// A WebSocket to the URL, with `M`'s subprotocol, its TLS and its
    /// credentials, within the handshake timeout.
    async fn open<M: Messages>(&self) -> Result<Socket, ConnectError> {
        let timeout = self.link.handshake_timeout;
        match tokio::time::timeout(timeout, self.handshakes::<M>()).await {
            Ok(opened) => opened,
            Err(_) => Err(ConnectError(format!("no handshake within {timeout:?}"))),
        }
    }

    async fn handshakes<M: Messages>(&self) -> Result<Socket, ConnectError> {
        let failed =
            |what: &str, error: &dyn fmt::Display| ConnectError(format!("{what}: {error}"));
        let host = self.url.host().unwrap_or_default();
        let secure = self.url.scheme_str() == Some("wss");
        let port = self.url.port_u16().unwrap_or(if secure { 443 } else { 80 });
        let tcp = TcpStream::connect((host.trim_matches(['[', ']']), port))
            .await
            .map_err(|error| failed("TCP", &error))?;
        let stream = match (secure, &self.tls) {
            (false, _) => Stream::Plain(tcp),
            (true, Some(tls)) => {
                let name = ServerName::try_from(host.trim_matches(['[', ']']).to_owned())
                    .map_err(|error| failed("TLS", &error))?;
                let tls = TlsConnector::from(tls.clone())
                    .connect(name, tcp)
                    .await
                    .map_err(|error| failed("TLS", &error))?;
                Stream::Client(Box::new(tls))
            }
            (true, None) => return Err(ConnectError("a wss:// URL needs with_tls".into())),
        };
        let mut request =
            ClientRequestBuilder::new(self.url.clone()).with_sub_protocol(M::VERSION.subprotocol());
        if let Some(password) = &self.password {
            request = request.with_header(
                "Authorization",
                auth::basic_header(&self.charge_point, password),
            );
        }
        // tungstenite fails the handshake unless the server chooses the
        // subprotocol.
        let websocket = Some(self.link.websocket());
        let (socket, _) = tokio_tungstenite::client_async_with_config(request, stream, websocket)
            .await
            .map_err(|error| failed("WebSocket", &error))?;
        Ok(socket)
    }
}

/// A charge point's connection to its CSMS, run by a task of its own:
/// calls go through it (or its [`Caller`]s), the CSMS's calls are answered
/// by its handlers.
///
/// ```no_run
/// use ocpp_types::rpc::Handlers;
/// use ocpp_types::v201::*;
/// use ocpp_types_tokio::{Client, ClientConfig};
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let config = ClientConfig::new("ws://127.0.0.1:9000/CP-17")?;
/// let handlers = Handlers::new().on(|_, _: ClearCacheRequest| {
///     ClearCacheResponse::new(ClearCacheStatusEnumType::Accepted)
/// });
/// let client = Client::<Request>::connect(config, handlers, ()).await?;
/// let station = ChargingStationType::new("BelayBox", "Pionix");
/// let booted = client
///     .call(BootNotificationRequest::new(station, BootReasonEnumType::PowerUp))
///     .await?;
/// println!("{}", booted.status);
/// # Ok(())
/// # }
/// ```
pub struct Client<M: Messages> {
    caller: Caller<M>,
    task: JoinHandle<Vec<StoredMessage>>,
}

impl<M: Messages> fmt::Debug for Client<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Client").field(&self.caller).finish()
    }
}

impl<M: Messages + Send> Client<M> {
    /// Connects, and runs the session in a task of its own: `handlers`
    /// answer the CSMS's calls, with `state`. Fails when the first
    /// connection fails; after that, a drop is followed by attempts to
    /// connect again, for as long as the client is not closed.
    pub async fn connect<S: Send + 'static>(
        config: ClientConfig,
        handlers: Handlers<M, S>,
        state: S,
    ) -> Result<Client<M>, ConnectError>
    where
        M::Response: Send,
    {
        let socket = config.open::<M>().await?;
        let mut session = Session::charge_point(config.link.session);
        session
            .restore_transaction_messages(config.restore.clone())
            .map_err(|error| ConnectError(format!("restoring: {error}")))?;
        let observer = config.observer.clone();
        link::note(
            &observer,
            &config.charge_point,
            format_args!(
                "connected to {} with {}",
                config.url,
                M::VERSION.subprotocol()
            ),
        );
        let driver = Driver::new(
            config.charge_point.clone(),
            session,
            handlers,
            state,
            link::channel(),
            Arc::new(config.link.clone()),
            observer,
        );
        let caller = driver.caller();
        let task = tokio::spawn(keep(driver, socket, config));
        Ok(Client { caller, task })
    }

    /// A caller, to call the CSMS from another task.
    pub fn caller(&self) -> Caller<M> {
        self.caller.clone()
    }

    /// Calls `request` and waits for its response (see [`Caller::call`]).
    pub async fn call<R>(&self, request: R) -> Result<R::Response, Error>
    where
        R: Action + Into<M> + Send + 'static,
        R::Response: TryFrom<M::Response, Error = M::Response> + Send,
    {
        self.caller.call(request).await
    }

    /// Closes the connection, and returns the transaction messages not
    /// yet answered, to keep across a restart
    /// ([`ClientConfig::with_transaction_messages`]).
    pub async fn close(self) -> Vec<StoredMessage> {
        self.caller.close().await;
        self.task.await.unwrap_or_default()
    }
}

/// The client's task: runs the session on `socket`, and after each drop
/// connects again, until the program closes it. Returns the transaction
/// messages not yet answered.
async fn keep<M: Messages, S: Send>(
    mut driver: Driver<M, S>,
    mut socket: Socket,
    config: ClientConfig,
) -> Vec<StoredMessage> {
    loop {
        match driver.run_on(&mut socket).await {
            Ended::ClosedHere => break,
            why => {
                link::note(
                    &driver.observer,
                    &driver.charge_point,
                    format_args!("lost: {why}"),
                );
                driver.session.disconnected();
                driver.dispatch();
                match reconnect(&mut driver, &config).await {
                    Some(again) => {
                        socket = again;
                        driver.session.connected();
                    }
                    None => break,
                }
            }
        }
    }
    driver.session.transaction_messages()
}

/// Connects again, waiting longer before each attempt, and taking calls
/// meanwhile (only transaction messages wait for the connection); `None`
/// when the program closes the client.
async fn reconnect<M: Messages, S: Send>(
    driver: &mut Driver<M, S>,
    config: &ClientConfig,
) -> Option<Socket> {
    let (mut wait, max) = config.reconnect;
    loop {
        let until = Instant::now() + wait;
        while_down(driver, tokio::time::sleep_until(until.into())).await?;
        let opened = while_down(driver, config.open::<M>()).await?;
        match opened {
            Ok(socket) => {
                link::note(
                    &driver.observer,
                    &driver.charge_point,
                    format_args!("connected again"),
                );
                return Some(socket);
            }
            Err(error) => link::note(
                &driver.observer,
                &driver.charge_point,
                format_args!("connecting again failed: {error}"),
            ),
        }
        wait = (wait * 2).min(max);
    }
}

/// Runs `work` (a wait, an attempt to connect) while taking the calls that
/// come meanwhile; `None` when the program closes the client first.
async fn while_down<M: Messages, S: Send, T>(
    driver: &mut Driver<M, S>,
    work: impl std::future::Future<Output = T>,
) -> Option<T> {
    tokio::pin!(work);
    loop {
        tokio::select! {
            done = &mut work => return Some(done),
            open = driver.command_while_down() => if !open {
                return None;
            },
        }
    }
}
