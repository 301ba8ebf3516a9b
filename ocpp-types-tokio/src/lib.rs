//! A ready OCPP-J server (a CSMS) and charge-point client on tokio, over
//! [`ocpp_types`]' sans-IO [`Session`](ocpp_types::rpc::Session): the
//! WebSocket code every CSMS and charge point otherwise writes itself.
//!
//! - [`Server`]: binds, accepts, negotiates the version by subprotocol
//!   (1.6, 2.0.1 and 2.1 on one port), reads the charge point's id from the
//!   URL's path, lets it in or refuses it at the handshake (OCPP's security
//!   profiles: HTTP Basic authentication, TLS, TLS client certificates), and
//!   runs a session per connection with the program's
//!   [`Handlers`](ocpp_types::rpc::Handlers). [`Callers`] calls any connected
//!   charge point from elsewhere, typed.
//! - [`Client`]: connects, connects again with backoff after a drop (the
//!   session sends its transaction messages again, in order), and sends
//!   heartbeats when due.
//! - Both keep the link honest ([`LinkConfig`]): WebSocket pings, a
//!   dead-link timeout, a cap on message size and on calls queued, a
//!   handshake timeout (and a server, a cap on connections open); and tell
//!   an observer each frame ([`Trace`]).
//!
//! TLS is rustls, never OpenSSL; the program builds its TLS configurations
//! with the crypto provider it picks (this crate turns none on).

mod auth;
mod client;
mod link;
mod server;
mod stream;

pub use client::{Client, ClientConfig, ConnectError};
pub use link::{Caller, Ended, Error, LinkConfig, Observer, Trace};
pub use server::{
    Accepted, Callers, Connection, Handshake, Pending, Refused, Server, ServerConfig,
};
/// The rustls this crate's TLS configurations are made with.
pub use tokio_rustls::rustls;

use ocpp_types::rpc::Version;

/// The versions this crate was built with.
const VERSIONS: &[Version] = &[
    #[cfg(feature = "v16")]
    Version::V16,
    #[cfg(feature = "v201")]
    Version::V201,
    #[cfg(feature = "v21")]
    Version::V21,
];
