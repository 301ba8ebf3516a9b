//! OCPP's security profiles, on the loopback interface, with certificates
//! made by the test: each lets in the right credentials and refuses the
//! wrong ones at the handshake, with nothing in a session.

use std::sync::{Arc, Mutex};

use ocpp_types::rpc::{Handlers, Version};
use ocpp_types::{v201, DateTime, Policy};
use ocpp_types_tokio::rustls::crypto::{ring, CryptoProvider};
use ocpp_types_tokio::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use ocpp_types_tokio::rustls::server::WebPkiClientVerifier;
use ocpp_types_tokio::rustls::{
    ClientConfig as TlsClient, RootCertStore, ServerConfig as TlsServer,
};
use ocpp_types_tokio::{Accepted, Client, ClientConfig, Handshake, Server, ServerConfig, Trace};
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair};

const PASSWORD: &[u8] = b"0123456789abcdef0123";

/// rustls' ring provider: deprecated for its lack of post-quantum key
/// exchange, which these tests do not need; it builds faster than
/// aws-lc-rs.
#[allow(deprecated)]
fn provider() -> Arc<CryptoProvider> {
    Arc::new(ring::default_provider())
}

/// A certificate authority, or a certificate it signed, with its key.
struct Issued {
    cert: rcgen::Certificate,
    key: KeyPair,
}

impl Issued {
    fn authority(name: &str) -> Issued {
        let key = KeyPair::generate().unwrap();
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.distinguished_name.push(DnType::CommonName, name);
        let cert = params.self_signed(&key).unwrap();
        Issued { cert, key }
    }

    /// A certificate for `names` (DNS names or IP addresses), signed by
    /// `self`, with `common_name`.
    fn issue(&self, common_name: &str, names: &[&str]) -> Issued {
        let key = KeyPair::generate().unwrap();
        let names: Vec<String> = names.iter().map(|name| name.to_string()).collect();
        let mut params = CertificateParams::new(names).unwrap();
        params
            .distinguished_name
            .push(DnType::CommonName, common_name);
        let cert = params.signed_by(&key, &self.cert, &self.key).unwrap();
        Issued { cert, key }
    }

    fn der(&self) -> CertificateDer<'static> {
        self.cert.der().clone()
    }

    fn private_key(&self) -> PrivateKeyDer<'static> {
        PrivatePkcs8KeyDer::from(self.key.serialize_der()).into()
    }

    fn roots(&self) -> Arc<RootCertStore> {
        let mut roots = RootCertStore::empty();
        roots.add(self.der()).unwrap();
        Arc::new(roots)
    }
}

/// The certificates of one test: the CSMS's authority and its server
/// certificate, and the charge points' authority with CP001's and CP002's.
struct Pki {
    csms_ca: Issued,
    server: Issued,
    station_ca: Issued,
    cp001: Issued,
    cp002: Issued,
}

fn pki() -> Pki {
    let csms_ca = Issued::authority("CSMS root");
    let server = csms_ca.issue("csms", &["localhost", "127.0.0.1"]);
    let station_ca = Issued::authority("Charging station root");
    let cp001 = station_ca.issue("CP001", &[]);
    let cp002 = station_ca.issue("CP002", &[]);
    Pki {
        csms_ca,
        server,
        station_ca,
        cp001,
        cp002,
    }
}

fn tls_server(pki: &Pki, client_certificates: bool) -> Arc<TlsServer> {
    let builder = TlsServer::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .unwrap();
    let builder = if client_certificates {
        let verifier =
            WebPkiClientVerifier::builder_with_provider(pki.station_ca.roots(), provider())
                .build()
                .unwrap();
        builder.with_client_cert_verifier(verifier)
    } else {
        builder.with_no_client_auth()
    };
    let chain = vec![pki.server.der(), pki.csms_ca.der()];
    Arc::new(
        builder
            .with_single_cert(chain, pki.server.private_key())
            .unwrap(),
    )
}

/// A charge point's TLS, trusting `roots`, with `certificate` if any.
fn tls_client(roots: Arc<RootCertStore>, certificate: Option<&Issued>) -> Arc<TlsClient> {
    let builder = TlsClient::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots);
    Arc::new(match certificate {
        Some(issued) => builder
            .with_client_auth_cert(vec![issued.der()], issued.private_key())
            .unwrap(),
        None => builder.with_no_client_auth(),
    })
}

/// A server of 2.0.1, with `tls` if any, letting in what `admit` lets in;
/// its address, and the lines its observer noted.
async fn serve(
    tls: Option<Arc<TlsServer>>,
    admit: impl Fn(&Handshake<'_>) -> bool + Send + Sync + 'static,
) -> (std::net::SocketAddr, Arc<Mutex<Vec<String>>>) {
    let notes = Arc::new(Mutex::new(Vec::new()));
    let seen = notes.clone();
    let config = ServerConfig::default().with_versions(&[Version::V201]);
    let mut server = Server::bind("127.0.0.1:0", config)
        .await
        .unwrap()
        .with_admission(move |handshake| admit(handshake).then_some(Policy::STRICT))
        .with_observer(move |trace| {
            if let Trace::Note { message, .. } = trace {
                seen.lock().unwrap().push(message.to_string());
            }
        });
    if let Some(tls) = tls {
        server = server.with_tls(tls);
    }
    let address = server.local_addr().unwrap();
    tokio::spawn(server.serve(|accepted| async move {
        if let Accepted::V201(connection) = accepted {
            let handlers = Handlers::new()
                .on(|_, _: v201::HeartbeatRequest| v201::HeartbeatResponse::new(DateTime::now()));
            connection.run(handlers, ()).await;
        }
    }));
    (address, notes)
}

/// Whether a charge point with `config` gets in: it connects, and its
/// BootNotification is answered.
async fn gets_in(config: ClientConfig) -> Result<(), String> {
    let client = Client::<v201::Request>::connect(config, Handlers::new(), ())
        .await
        .map_err(|error| error.to_string())?;
    // The server has no BootNotification handler: a CALLERROR is an answer.
    let station = v201::ChargingStationType::new("BelayBox", "Pionix");
    let boot = v201::BootNotificationRequest::new(station, v201::BootReasonEnumType::PowerUp);
    let answer = client.call(boot).await.unwrap_err();
    assert!(answer.to_string().contains("NotImplemented"), "{answer}");
    client.close().await;
    Ok(())
}

/// Profiles 1 and 2: the charge point's id and `PASSWORD`.
fn password_of_cp001(handshake: &Handshake<'_>) -> bool {
    handshake.charge_point == "CP001" && handshake.password == Some(PASSWORD)
}

#[tokio::test]
async fn profile_1_basic_authentication() {
    let (address, notes) = serve(None, password_of_cp001).await;
    let url = |id: &str| ClientConfig::new(&format!("ws://{address}/ocpp/{id}")).unwrap();
    gets_in(url("CP001").with_password(PASSWORD)).await.unwrap();
    for (config, what) in [
        (
            url("CP001").with_password(&b"wrong"[..]),
            "a wrong password",
        ),
        (url("CP001"), "no password"),
        (
            url("CP002").with_password(PASSWORD),
            "an unknown charge point",
        ),
    ] {
        let error = gets_in(config).await.unwrap_err();
        assert!(error.contains("401"), "{what}: {error}");
    }
    let notes = notes.lock().unwrap();
    assert_eq!(
        notes.iter().filter(|note| note.contains("refused")).count(),
        3,
        "{notes:#?}"
    );
    assert_eq!(
        notes
            .iter()
            .filter(|note| note.starts_with("connected from"))
            .count(),
        1
    );
}

#[tokio::test]
async fn profile_1_refuses_the_credentials_of_another_charge_point() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let (address, _) = serve(None, |_| true).await;
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    // CP002's credentials on CP001's URL: "CP002:pw".
    let request = format!(
        "GET /CP001 HTTP/1.1\r\nHost: {address}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\
         Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\
         Sec-WebSocket-Protocol: ocpp2.0.1\r\nAuthorization: Basic Q1AwMDI6cHc=\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.unwrap();
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 401 "), "{answer}");
    assert!(
        answer.contains("WWW-Authenticate: Basic realm=\"OCPP\"")
            || answer
                .to_lowercase()
                .contains("www-authenticate: basic realm=\"ocpp\""),
        "{answer}"
    );
}

#[tokio::test]
async fn profile_2_tls_with_basic_authentication() {
    let pki = pki();
    let (address, _) = serve(Some(tls_server(&pki, false)), |handshake| {
        handshake.tls && password_of_cp001(handshake)
    })
    .await;
    let url = |host: &str, id: &str| {
        let config = ClientConfig::new(&format!("wss://{host}:{}/{id}", address.port())).unwrap();
        config.with_tls(tls_client(pki.csms_ca.roots(), None))
    };
    gets_in(url("127.0.0.1", "CP001").with_password(PASSWORD))
        .await
        .unwrap();
    gets_in(url("localhost", "CP001").with_password(PASSWORD))
        .await
        .unwrap();
    let error = gets_in(url("127.0.0.1", "CP001").with_password(&b"wrong"[..]))
        .await
        .unwrap_err();
    assert!(error.contains("401"), "{error}");

    // A charge point that does not trust the server's authority.
    let untrusting = ClientConfig::new(&format!("wss://127.0.0.1:{}/CP001", address.port()))
        .unwrap()
        .with_tls(tls_client(pki.station_ca.roots(), None))
        .with_password(PASSWORD);
    let error = gets_in(untrusting).await.unwrap_err();
    assert!(error.starts_with("TLS:"), "{error}");
    // Plain WebSocket to a TLS port.
    let plain = ClientConfig::new(&format!("ws://{address}/CP001"))
        .unwrap()
        .with_password(PASSWORD);
    gets_in(plain).await.unwrap_err();
}

#[tokio::test]
async fn profile_3_tls_with_client_certificates() {
    let pki = pki();
    let known = [("CP001", pki.cp001.der()), ("CP002", pki.cp002.der())];
    let (address, notes) = serve(Some(tls_server(&pki, true)), move |handshake| {
        // The certificate is the one on record for the charge point.
        let on_record = known.iter().find(|(id, _)| *id == handshake.charge_point);
        on_record.is_some_and(|(_, cert)| handshake.certificates.first() == Some(cert))
    })
    .await;
    let url = |id: &str, certificate: Option<&Issued>| {
        let config =
            ClientConfig::new(&format!("wss://127.0.0.1:{}/{id}", address.port())).unwrap();
        config.with_tls(tls_client(pki.csms_ca.roots(), certificate))
    };
    gets_in(url("CP001", Some(&pki.cp001))).await.unwrap();
    gets_in(url("CP002", Some(&pki.cp002))).await.unwrap();
    // CP002's certificate on CP001's URL: the TLS is fine, the program says no.
    let error = gets_in(url("CP001", Some(&pki.cp002))).await.unwrap_err();
    assert!(error.contains("401"), "{error}");
    // No certificate, or one no trusted authority signed: refused by TLS.
    let error = gets_in(url("CP001", None)).await.unwrap_err();
    assert!(!error.contains("401"), "{error}");
    let stranger = Issued::authority("Stranger").issue("CP001", &[]);
    let error = gets_in(url("CP001", Some(&stranger))).await.unwrap_err();
    assert!(!error.contains("401"), "{error}");
    let notes = notes.lock().unwrap();
    assert!(
        notes
            .iter()
            .filter(|note| note.contains("refused: TLS"))
            .count()
            >= 2,
        "{notes:#?}"
    );
}
