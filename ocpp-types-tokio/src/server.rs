//! The server: a CSMS's side. It accepts connections, negotiates the
//! version by subprotocol, authenticates the charge point at the handshake
//! (OCPP's security profiles), and runs a session per connection.

use std::any::Any;
use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ocpp_types::rpc::{Handlers, Messages, Session, Version};
use ocpp_types::{Escaped, Policy};
use tokio::net::{TcpListener, TcpStream, ToSocketAddrs};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio_rustls::rustls::pki_types::CertificateDer;
use tokio_rustls::rustls::ServerConfig as TlsConfig;
use tokio_rustls::TlsAcceptor;
use tokio_tungstenite::tungstenite::handshake::server::{ErrorResponse, Request, Response};
use tokio_tungstenite::tungstenite::http::{HeaderValue, StatusCode};

use crate::auth;
use crate::link::{self, Caller, Driver, Ended, LinkConfig, Observer, Socket, Trace};
use crate::stream::Stream;

/// A server's settings.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ServerConfig {
    /// The versions served, each by its subprotocol; a charge point's
    /// connection goes with the first one it offers that is here.
    pub versions: Vec<Version>,
    /// The most connections open at once, handshakes included (10,000 by
    /// default): past it, the server accepts no more until one ends, so
    /// that peers opening connections they never use cost bounded memory.
    pub max_connections: usize,
    /// How each connection is kept honest.
    pub link: LinkConfig,
}

impl Default for ServerConfig {
    /// Every version this crate was built with, at most 10,000
    /// connections, and the default [`LinkConfig`].
    fn default() -> Self {
        ServerConfig {
            versions: crate::VERSIONS.to_vec(),
            max_connections: 10_000,
            link: LinkConfig::default(),
        }
    }
}

impl ServerConfig {
    /// With only `versions` served.
    pub fn with_versions(self, versions: &[Version]) -> ServerConfig {
        ServerConfig {
            versions: versions.to_vec(),
            ..self
        }
    }

    /// With at most `connections` open at once.
    pub fn with_max_connections(self, connections: usize) -> ServerConfig {
        ServerConfig {
            max_connections: connections,
            ..self
        }
    }

    /// With `link` for every connection.
    pub fn with_link(self, link: LinkConfig) -> ServerConfig {
        ServerConfig { link, ..self }
    }
}

/// What a charge point showed at its handshake, for the program to decide
/// whether it is let in ([`Server::with_admission`]).
#[derive(Debug)]
#[non_exhaustive]
pub struct Handshake<'a> {
    /// Its id: the last segment of the URL's path, percent-decoded.
    pub charge_point: &'a str,
    /// The version negotiated.
    pub version: Version,
    /// The password of its HTTP Basic authentication (security profiles 1
    /// and 2), whose user name was its id; `None` without one.
    pub password: Option<&'a [u8]>,
    /// Its TLS client certificate chain (security profile 3), verified by
    /// the TLS configuration's client verifier; empty without one.
    pub certificates: &'a [CertificateDer<'static>],
    /// Whether the connection is over TLS.
    pub tls: bool,
    /// Its address.
    pub remote: SocketAddr,
}

/// The program's decision on a handshake: `Some(policy)` lets the charge
/// point in, its frames read under `policy`; `None` refuses it with HTTP
/// 401.
type Admit = dyn Fn(&Handshake<'_>) -> Option<Policy> + Send + Sync;

/// A server: a CSMS's listening socket, with its TLS configuration and its
/// admission rule.
///
/// ```no_run
/// use ocpp_types::rpc::Handlers;
/// use ocpp_types::{v201, DateTime};
/// use ocpp_types_tokio::{Accepted, Server, ServerConfig};
///
/// # async fn run() -> std::io::Result<()> {
/// let server = Server::bind("0.0.0.0:9000", ServerConfig::default()).await?;
/// server
///     .serve(|accepted| async move {
///         if let Accepted::V201(connection) = accepted {
///             let handlers = Handlers::new().on(|_, _: v201::HeartbeatRequest| {
///                 v201::HeartbeatResponse::new(DateTime::now())
///             });
///             connection.run(handlers, ()).await;
///         }
///     })
///     .await
/// # }
/// ```
pub struct Server {
    listener: TcpListener,
    shared: Arc<Shared>,
}

/// What every connection of a server needs.
#[derive(Clone)]
struct Shared {
    /// A permit per connection open, of `config.max_connections`.
    slots: Arc<Semaphore>,
    config: ServerConfig,
    tls: Option<TlsAcceptor>,
    admit: Option<Arc<Admit>>,
    observer: Option<Observer>,
    callers: Callers,
}

impl fmt::Debug for Server {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Server")
            .field("listener", &self.listener)
            .field("config", &self.shared.config)
            .field("tls", &self.shared.tls.is_some())
            .finish_non_exhaustive()
    }
}

impl Server {
    /// Listens on `address`.
    pub async fn bind(address: impl ToSocketAddrs, config: ServerConfig) -> io::Result<Server> {
        Ok(Server {
            listener: TcpListener::bind(address).await?,
            shared: Arc::new(Shared {
                slots: Arc::new(Semaphore::new(config.max_connections)),
                config,
                tls: None,
                admit: None,
                observer: None,
                callers: Callers::default(),
            }),
        })
    }

    /// The settings to change: connections accepted already keep the ones
    /// they had.
    fn shared_mut(&mut self) -> &mut Shared {
        Arc::make_mut(&mut self.shared)
    }

    /// Serves over TLS (`wss://`, security profiles 2 and 3) with `tls`: its
    /// certificate, and for profile 3 its client certificate verifier
    /// (rustls' `WebPkiClientVerifier`), which refuses a missing or
    /// untrusted client certificate at the TLS handshake.
    pub fn with_tls(mut self, tls: Arc<TlsConfig>) -> Server {
        self.shared_mut().tls = Some(TlsAcceptor::from(tls));
        self
    }

    /// Lets in only the charge points `admit` accepts, each with the
    /// policy it gives (see [`Handshake`]). Without it, every charge point
    /// is let in, read under the session's policy: security profile 0,
    /// for a closed network only.
    pub fn with_admission(
        mut self,
        admit: impl Fn(&Handshake<'_>) -> Option<Policy> + Send + Sync + 'static,
    ) -> Server {
        self.shared_mut().admit = Some(Arc::new(admit));
        self
    }

    /// Tells `observer` each frame in and out, with the charge point's id,
    /// the deviations of lenient reads, and what else happens.
    pub fn with_observer(
        mut self,
        observer: impl Fn(&Trace<'_>) + Send + Sync + 'static,
    ) -> Server {
        self.shared_mut().observer = Some(Arc::new(observer));
        self
    }

    /// The address it listens on.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// The connected charge points' callers, to call any of them from
    /// elsewhere.
    pub fn callers(&self) -> Callers {
        self.shared.callers.clone()
    }

    /// The next connection, before its handshakes: run
    /// [`handshake`](Pending::handshake) in a task of its own.
    ///
    /// While [`ServerConfig::max_connections`] are open, it waits for one
    /// to end.
    pub async fn accept(&self) -> io::Result<Pending> {
        let slot = self.shared.slots.clone().acquire_owned().await;
        let slot = slot.map_err(|_| io::Error::other("the server is closed"))?;
        let (stream, remote) = self.listener.accept().await?;
        Ok(Pending {
            stream,
            remote,
            shared: self.shared.clone(),
            slot,
        })
    }

    /// Accepts connections for ever, each in a task of its own: its
    /// handshakes, then `serve` with the connection (a refused one is only
    /// told to the observer).
    pub async fn serve<F, Fut>(self, serve: F) -> io::Result<()>
    where
        F: Fn(Accepted) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let serve = Arc::new(serve);
        loop {
            let pending = self.accept().await?;
            let serve = serve.clone();
            tokio::spawn(async move {
                if let Ok(accepted) = pending.handshake().await {
                    serve(accepted).await;
                }
            });
        }
    }
}

/// A connection accepted, before its handshakes.
pub struct Pending {
    stream: TcpStream,
    remote: SocketAddr,
    shared: Arc<Shared>,
    /// Its place among the connections open, given back when it ends.
    slot: OwnedSemaphorePermit,
}

impl fmt::Debug for Pending {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pending")
            .field("remote", &self.remote)
            .finish_non_exhaustive()
    }
}

/// Why a connection was not let in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(String);

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refused {}

/// What the WebSocket handshake found.
#[derive(Default)]
struct Found {
    charge_point: String,
    version: Option<Version>,
    policy: Option<Policy>,
    refusal: Option<String>,
}

impl Pending {
    /// Its TLS handshake (when the server has TLS) and WebSocket handshake,
    /// within the server's handshake timeout: the version negotiated, the
    /// charge point let in or refused. A charge point that offers no
    /// version served gets OCPP-J's answer: the handshake completes without
    /// a subprotocol, and the connection is closed.
    pub async fn handshake(self) -> Result<Accepted, Refused> {
        let shared = self.shared.clone();
        let remote = self.remote;
        let timeout = shared.config.link.handshake_timeout;
        let refused = |message: String| {
            link::note(
                &shared.observer,
                "",
                format_args!("{remote}: refused: {message}"),
            );
            Refused(message)
        };
        match tokio::time::timeout(timeout, self.handshakes()).await {
            Ok(Ok(accepted)) => Ok(accepted),
            Ok(Err(message)) => Err(refused(message)),
            Err(_) => Err(refused(format!("no handshake within {timeout:?}"))),
        }
    }

    async fn handshakes(self) -> Result<Accepted, String> {
        let shared = self.shared;
        let (stream, certificates) = match &shared.tls {
            Some(tls) => {
                let tls = tls
                    .accept(self.stream)
                    .await
                    .map_err(|error| format!("TLS: {error}"))?;
                let chain = tls.get_ref().1.peer_certificates().unwrap_or_default();
                let chain: Vec<CertificateDer<'static>> =
                    chain.iter().map(|cert| cert.clone().into_owned()).collect();
                (Stream::Server(Box::new(tls)), chain)
            }
            None => (Stream::Plain(self.stream), Vec::new()),
        };
        let mut found = Found::default();
        #[allow(clippy::result_large_err)] // the error type is tungstenite's
        let callback = |request: &Request, response: Response| {
            let tls = shared.tls.is_some();
            let context = (&*shared, &certificates[..], tls, self.remote);
            admit(context, request, response, &mut found)
        };
        let config = shared.config.link.websocket();
        let mut socket =
            tokio_tungstenite::accept_hdr_async_with_config(stream, callback, Some(config))
                .await
                .map_err(|error| match found.refusal.take() {
                    Some(refusal) => refusal,
                    None => format!("WebSocket: {error}"),
                })?;
        let Some(version) = found.version else {
            let _ = tokio::time::timeout(Duration::from_secs(5), socket.close(None)).await;
            return Err(format!(
                "{}: offers no subprotocol of {:?}",
                Escaped::quoted(&found.charge_point),
                shared.config.versions
            ));
        };
        let charge_point: Arc<str> = found.charge_point.into();
        let policy = found.policy.unwrap_or(shared.config.link.session.policy);
        link::note(
            &shared.observer,
            &charge_point,
            format_args!(
                "connected from {} with {}",
                self.remote,
                version.subprotocol()
            ),
        );
        let parts = Parts {
            charge_point,
            socket,
            policy,
            shared: shared.clone(),
            _slot: self.slot,
        };
        Accepted::new(version, parts).ok_or_else(|| format!("{version} is not built in"))
    }
}

/// The WebSocket handshake's checks, in tungstenite's callback: the charge
/// point's id from the path, the version from the subprotocols, the Basic
/// credentials, and the program's admission.
#[allow(clippy::result_large_err)] // the error type is tungstenite's
fn admit(
    (shared, certificates, tls, remote): (&Shared, &[CertificateDer<'static>], bool, SocketAddr),
    request: &Request,
    mut response: Response,
    found: &mut Found,
) -> Result<Response, ErrorResponse> {
    let refuse = |found: &mut Found, status: StatusCode, why: String| {
        let mut refusal = ErrorResponse::new(Some(why.clone()));
        *refusal.status_mut() = status;
        if status == StatusCode::UNAUTHORIZED {
            let challenge = HeaderValue::from_static("Basic realm=\"OCPP\"");
            refusal.headers_mut().insert("WWW-Authenticate", challenge);
        }
        found.refusal = Some(why);
        Err(refusal)
    };
    let Some(charge_point) = auth::charge_point_of(request.uri().path()) else {
        let path = Escaped::quoted(request.uri().path()).cut_at(64).to_string();
        return refuse(
            found,
            StatusCode::NOT_FOUND,
            format!("no charge point id in {path}"),
        );
    };
    found.charge_point = charge_point;
    let offered: Vec<&str> = request
        .headers()
        .get_all("Sec-WebSocket-Protocol")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .collect();
    let Some(version) = Version::negotiate(&offered.join(","), &shared.config.versions) else {
        // OCPP-J: complete the handshake without the header, then close.
        return Ok(response);
    };
    let id = Escaped::quoted(&found.charge_point).to_string();
    let password = match request.headers().get("Authorization") {
        Some(header) => match auth::basic(header.as_bytes()) {
            Some((user, password)) if user == found.charge_point.as_bytes() => Some(password),
            Some(_) => {
                let why = format!("{id}: Basic credentials of another charge point");
                return refuse(found, StatusCode::UNAUTHORIZED, why);
            }
            None => {
                let why = format!("{id}: an Authorization header that is not Basic");
                return refuse(found, StatusCode::UNAUTHORIZED, why);
            }
        },
        None => None,
    };
    let handshake = Handshake {
        charge_point: &found.charge_point,
        version,
        password: password.as_deref(),
        certificates,
        tls,
        remote,
    };
    let policy = match &shared.admit {
        Some(admit) => match admit(&handshake) {
            Some(policy) => policy,
            None => return refuse(found, StatusCode::UNAUTHORIZED, format!("{id}: not let in")),
        },
        None => shared.config.link.session.policy,
    };
    found.version = Some(version);
    found.policy = Some(policy);
    response.headers_mut().insert(
        "Sec-WebSocket-Protocol",
        HeaderValue::from_static(version.subprotocol()),
    );
    Ok(response)
}

/// A connection let in, before its session runs.
struct Parts {
    charge_point: Arc<str>,
    socket: Socket,
    policy: Policy,
    shared: Arc<Shared>,
    /// Held while the connection is open.
    _slot: OwnedSemaphorePermit,
}

/// A charge point's connection let in, in the version it negotiated: run
/// it with [`Connection::run`] and the handlers of that version.
#[derive(Debug)]
#[non_exhaustive]
pub enum Accepted {
    /// OCPP 1.6.
    #[cfg(feature = "v16")]
    V16(Connection<ocpp_types::v16::Request>),
    /// OCPP 2.0.1.
    #[cfg(feature = "v201")]
    V201(Connection<ocpp_types::v201::Request>),
    /// OCPP 2.1.
    #[cfg(feature = "v21")]
    V21(Connection<ocpp_types::v21::Request>),
}

impl Accepted {
    fn new(version: Version, parts: Parts) -> Option<Accepted> {
        Some(match version {
            #[cfg(feature = "v16")]
            Version::V16 => Accepted::V16(Connection::new(parts)),
            #[cfg(feature = "v201")]
            Version::V201 => Accepted::V201(Connection::new(parts)),
            #[cfg(feature = "v21")]
            Version::V21 => Accepted::V21(Connection::new(parts)),
            _ => return None,
        })
    }

    /// The charge point's id.
    pub fn charge_point(&self) -> &str {
        match self {
            #[cfg(feature = "v16")]
            Accepted::V16(connection) => connection.charge_point(),
            #[cfg(feature = "v201")]
            Accepted::V201(connection) => connection.charge_point(),
            #[cfg(feature = "v21")]
            Accepted::V21(connection) => connection.charge_point(),
        }
    }
}

/// One charge point's connection, in version `M`.
pub struct Connection<M: Messages> {
    parts: Parts,
    channel: link::Channel<M>,
}

impl<M: Messages> fmt::Debug for Connection<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Connection")
            .field("charge_point", &self.parts.charge_point)
            .field("version", &M::VERSION)
            .finish_non_exhaustive()
    }
}

impl<M: Messages> Connection<M> {
    fn new(parts: Parts) -> Connection<M> {
        Connection {
            parts,
            channel: link::channel(),
        }
    }

    /// The charge point's id.
    pub fn charge_point(&self) -> &str {
        &self.parts.charge_point
    }

    /// Its caller, to call the charge point from elsewhere once it runs
    /// (also in [`Server::callers`] while it runs).
    pub fn caller(&self) -> Caller<M> {
        Caller::new(self.parts.charge_point.clone(), self.channel.0.clone())
    }

    /// Runs the connection's session until the connection ends, and says
    /// how it ended: each CALL of the charge point answered by `handlers`,
    /// with `state`, each call of a [`Caller`] sent.
    pub async fn run<S: Send>(self, handlers: Handlers<M, S>, state: S) -> Ended {
        let Parts {
            charge_point,
            mut socket,
            policy,
            shared,
            _slot,
        } = self.parts;
        let link = Arc::new(shared.config.link.clone());
        let session = Session::csms(link.session.with_policy(policy));
        let mut driver = Driver::new(
            charge_point.clone(),
            session,
            handlers,
            state,
            self.channel,
            link,
            shared.observer.clone(),
        );
        let serial = shared.callers.insert(&charge_point, driver.caller());
        let ended = driver.run_on(&mut socket).await;
        shared.callers.remove(&charge_point, serial);
        link::note(
            &shared.observer,
            &charge_point,
            format_args!("disconnected: {ended}"),
        );
        ended
    }
}

/// The callers of the charge points connected to a server, by id: to call
/// any of them from elsewhere (an HTTP handler, say).
#[derive(Clone, Default)]
pub struct Callers {
    inner: Arc<Mutex<HashMap<Arc<str>, Entry>>>,
}

/// A connection's serial and its `Caller<M>`, of its version's `M`.
type Entry = (u64, Box<dyn Any + Send>);

impl fmt::Debug for Callers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let map = self
            .inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        f.debug_set().entries(map.keys()).finish()
    }
}

impl Callers {
    /// The caller of `charge_point`, if it is connected in version `M`.
    pub fn get<M: Messages>(&self, charge_point: &str) -> Option<Caller<M>> {
        let map = self
            .inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let (_, caller) = map.get(charge_point)?;
        caller.downcast_ref::<Caller<M>>().cloned()
    }

    /// The ids of the charge points connected.
    pub fn charge_points(&self) -> Vec<String> {
        let map = self
            .inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        map.keys().map(|id| id.to_string()).collect()
    }

    /// Puts `caller` under `charge_point` (a newer connection of the same
    /// charge point replaces an older one); its serial, to remove it.
    fn insert<M: Messages>(&self, charge_point: &Arc<str>, caller: Caller<M>) -> u64 {
        static SERIAL: AtomicU64 = AtomicU64::new(0);
        let serial = SERIAL.fetch_add(1, Ordering::Relaxed);
        let mut map = self
            .inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        map.insert(charge_point.clone(), (serial, Box::new(caller)));
        serial
    }

    /// Removes `charge_point`'s caller, if it is still the one of `serial`.
    fn remove(&self, charge_point: &str, serial: u64) {
        let mut map = self
            .inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if map
            .get(charge_point)
            .is_some_and(|(kept, _)| *kept == serial)
        {
            map.remove(charge_point);
        }
    }
}
