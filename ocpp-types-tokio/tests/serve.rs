//! A server and clients on the loopback interface: every version on one
//! port, typed calls both ways, the callers of connected charge points, the
//! observer.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use ocpp_types::rpc::{Handlers, Version};
use ocpp_types::{v16, v201, v21, DateTime};
use ocpp_types_tokio::{
    Accepted, Callers, Client, ClientConfig, Error, Server, ServerConfig, Trace,
};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::Message;

/// The CSMS's handlers of a 2.x version: boots accepted, heartbeats.
macro_rules! csms_2x {
    ($v:ident) => {
        Handlers::new()
            .on(|_, _: $v::BootNotificationRequest| {
                let accepted = $v::RegistrationStatusEnumType::Accepted;
                $v::BootNotificationResponse::new(DateTime::now(), 300, accepted)
            })
            .on(|_, _: $v::HeartbeatRequest| $v::HeartbeatResponse::new(DateTime::now()))
    };
}

/// A server on a free port serving every version; its URL for `id`, its
/// callers, and what its observer saw.
async fn server() -> (String, Callers, Arc<Mutex<Vec<String>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let server = Server::bind("127.0.0.1:0", ServerConfig::default())
        .await
        .unwrap()
        .with_observer(move |trace| {
            let line = match trace {
                Trace::Received { charge_point, text } => format!("{charge_point} < {text}"),
                Trace::Sent { charge_point, text } => format!("{charge_point} > {text}"),
                Trace::Note {
                    charge_point,
                    message,
                } => format!("{charge_point} : {message}"),
                other => format!("{other:?}"),
            };
            log.lock().unwrap().push(line);
        });
    let url = format!("ws://{}", server.local_addr().unwrap());
    let callers = server.callers();
    tokio::spawn(server.serve(|accepted| async move {
        match accepted {
            Accepted::V16(connection) => {
                let handlers = Handlers::new()
                    .on(|_, _: v16::BootNotificationRequest| {
                        let accepted = v16::BootNotificationResponseStatus::Accepted;
                        v16::BootNotificationResponse::new(accepted, DateTime::now(), 300)
                    })
                    .on(|_, _: v16::HeartbeatRequest| v16::HeartbeatResponse::new(DateTime::now()));
                connection.run(handlers, ()).await;
            }
            Accepted::V201(connection) => {
                connection.run(csms_2x!(v201), ()).await;
            }
            Accepted::V21(connection) => {
                connection.run(csms_2x!(v21), ()).await;
            }
            _ => {}
        }
    }));
    (url, callers, seen)
}

#[tokio::test]
async fn every_version_on_one_port_with_typed_calls_both_ways() {
    let (url, callers, seen) = server().await;

    // A 1.6 charge point boots, and answers the CSMS's GetConfiguration.
    let handlers = Handlers::new().on(|_, request: v16::GetConfigurationRequest| {
        let keys = request.key.unwrap_or_default();
        v16::GetConfigurationResponse::new().with_unknown_key(keys)
    });
    let config = ClientConfig::new(&format!("{url}/CP-16")).unwrap();
    let cp16 = Client::<v16::Request>::connect(config, handlers, ())
        .await
        .unwrap();
    let booted = cp16
        .call(v16::BootNotificationRequest::new("Pionix", "BelayBox"))
        .await
        .unwrap();
    assert_eq!(booted.status, v16::BootNotificationResponseStatus::Accepted);
    assert_eq!(booted.interval, 300);

    // 2.0.1 and 2.1 on the same port.
    let station = v201::ChargingStationType::new("BelayBox", "Pionix");
    let config = ClientConfig::new(&format!("{url}/CP-201")).unwrap();
    let cp201 = Client::<v201::Request>::connect(config, Handlers::new(), ())
        .await
        .unwrap();
    let boot = v201::BootNotificationRequest::new(station, v201::BootReasonEnumType::PowerUp);
    assert_eq!(cp201.call(boot).await.unwrap().interval, 300);
    let config = ClientConfig::new(&format!("{url}/CP-21")).unwrap();
    let cp21 = Client::<v21::Request>::connect(config, Handlers::new(), ())
        .await
        .unwrap();
    let station = v21::ChargingStationType::new("BelayBox", "Pionix");
    let boot = v21::BootNotificationRequest::new(station, v21::BootReasonEnumType::PowerUp);
    assert_eq!(cp21.call(boot).await.unwrap().interval, 300);
    cp21.call(v21::HeartbeatRequest::new()).await.unwrap();

    // The CSMS calls a charge point from elsewhere, by id, typed.
    let mut ids = callers.charge_points();
    ids.sort();
    assert_eq!(ids, ["CP-16", "CP-201", "CP-21"]);
    assert!(
        callers.get::<v201::Request>("CP-16").is_none(),
        "CP-16 speaks 1.6"
    );
    let caller = callers.get::<v16::Request>("CP-16").unwrap();
    let keys = vec!["HeartbeatInterval".to_owned()];
    let configuration = caller
        .call(v16::GetConfigurationRequest::new().with_key(keys.clone()))
        .await
        .unwrap();
    assert_eq!(configuration.unknown_key, Some(keys));
    // A call the charge point has no handler for is a CALLERROR.
    let caller = callers.get::<v201::Request>("CP-201").unwrap();
    let refused = caller
        .call(v201::ClearCacheRequest::new())
        .await
        .unwrap_err();
    let Error::Failed(failure) = refused else {
        panic!("{refused}")
    };
    assert_eq!(
        failure.to_string(),
        "CALLERROR NotImplemented: \"no handler for `ClearCache`\""
    );

    // Closed, a charge point leaves the callers.
    assert!(cp201.close().await.is_empty());
    for _ in 0..100 {
        if callers.get::<v201::Request>("CP-201").is_none() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(callers.get::<v201::Request>("CP-201").is_none());
    cp16.close().await;
    cp21.close().await;

    let seen = seen.lock().unwrap();
    let has = |line: &str| seen.iter().any(|seen| seen.contains(line));
    assert!(has("CP-16 : connected from 127.0.0.1:"), "{seen:#?}");
    assert!(has("CP-21 : connected from 127.0.0.1:"), "{seen:#?}");
    assert!(has(r#"CP-16 < [2,"#) && has(r#""BootNotification",{"chargePointVendor":"Pionix""#));
    assert!(has(r#"CP-201 > [2,"#) && has(r#""ClearCache",{}]"#));
    assert!(has("CP-201 : disconnected"), "{seen:#?}");
}

#[tokio::test]
async fn a_server_of_some_versions_refuses_the_others() {
    let config = ServerConfig::default().with_versions(&[Version::V201]);
    let server = Server::bind("127.0.0.1:0", config).await.unwrap();
    let url = format!("ws://{}", server.local_addr().unwrap());
    tokio::spawn(server.serve(|accepted| async move {
        if let Accepted::V201(connection) = accepted {
            connection.run(csms_2x!(v201), ()).await;
        }
    }));
    let config = ClientConfig::new(&format!("{url}/CP-16")).unwrap();
    let error = Client::<v16::Request>::connect(config, Handlers::new(), ())
        .await
        .unwrap_err();
    assert!(error.to_string().contains("no subprotocol"), "{error}");
    let config = ClientConfig::new(&format!("{url}/CP-201")).unwrap();
    let cp = Client::<v201::Request>::connect(config, Handlers::new(), ())
        .await
        .unwrap();
    // Nothing but a BootNotification goes before the boot is accepted.
    let heartbeat = cp.call(v201::HeartbeatRequest::new());
    assert!(tokio::time::timeout(Duration::from_millis(200), heartbeat)
        .await
        .is_err());
}

#[tokio::test]
async fn each_charge_point_has_its_policy_and_its_deviations_are_observed() {
    let deviations = Arc::new(Mutex::new(Vec::new()));
    let seen = deviations.clone();
    let config = ServerConfig::default().with_versions(&[Version::V201]);
    let server = Server::bind("127.0.0.1:0", config)
        .await
        .unwrap()
        // A known quirky charge point is read leniently; the others strictly.
        .with_admission(|handshake| {
            Some(match handshake.charge_point {
                "QUIRKY" => ocpp_types::Policy::TOLERANT,
                _ => ocpp_types::Policy::STRICT,
            })
        })
        .with_observer(move |trace| {
            if let Trace::Deviation {
                charge_point,
                deviation,
            } = trace
            {
                let line = format!("{charge_point} {} {deviation}", deviation.pointer());
                seen.lock().unwrap().push(line);
            }
        });
    let url = format!("ws://{}", server.local_addr().unwrap());
    tokio::spawn(server.serve(|accepted| async move {
        if let Accepted::V201(connection) = accepted {
            connection.run(csms_2x!(v201), ()).await;
        }
    }));
    // The same BootNotification, with a property 2.0.1 does not have.
    let boot = r#"[2,"1","BootNotification",{"chargingStation":{"model":"BelayBox","vendorName":"Pionix","firmware":"1.2"},"reason":"PowerUp"}]"#;
    let mut answers = Vec::new();
    for id in ["QUIRKY", "STRICT"] {
        let mut request = format!("{url}/{id}").into_client_request().unwrap();
        let subprotocol = HeaderValue::from_static("ocpp2.0.1");
        request
            .headers_mut()
            .insert("Sec-WebSocket-Protocol", subprotocol);
        let stream = TcpStream::connect(url.trim_start_matches("ws://"))
            .await
            .unwrap();
        let (mut socket, _) = tokio_tungstenite::client_async(request, stream)
            .await
            .unwrap();
        socket.send(Message::text(boot)).await.unwrap();
        let answer = socket.next().await.unwrap().unwrap();
        answers.push(answer.to_text().unwrap()[..16].to_owned());
    }
    assert_eq!(answers, [r#"[3,"1",{"current"#, r#"[4,"1","FormatVi"#]);
    assert_eq!(
        *deviations.lock().unwrap(),
        ["QUIRKY /3/chargingStation/firmware BootNotificationRequest.chargingStation (ChargingStationType): unknown field `firmware` dropped"]
    );
}

#[tokio::test]
async fn a_client_sends_heartbeats_when_they_are_due() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let heartbeats = Arc::new(AtomicUsize::new(0));
    let counted = heartbeats.clone();
    let server = Server::bind("127.0.0.1:0", ServerConfig::default())
        .await
        .unwrap();
    let url = format!("ws://{}/CP001", server.local_addr().unwrap());
    tokio::spawn(server.serve(move |accepted| {
        let counted = counted.clone();
        async move {
            let Accepted::V201(connection) = accepted else {
                return;
            };
            // Accepted with a heartbeat every second.
            let handlers = Handlers::new()
                .on(|_, _: v201::BootNotificationRequest| {
                    let accepted = v201::RegistrationStatusEnumType::Accepted;
                    v201::BootNotificationResponse::new(DateTime::now(), 1, accepted)
                })
                .on(move |_, _: v201::HeartbeatRequest| {
                    counted.fetch_add(1, Ordering::Relaxed);
                    v201::HeartbeatResponse::new(DateTime::now())
                });
            connection.run(handlers, ()).await;
        }
    }));
    let config = ClientConfig::new(&url).unwrap();
    let cp = Client::<v201::Request>::connect(config, Handlers::new(), ())
        .await
        .unwrap();
    let station = v201::ChargingStationType::new("BelayBox", "Pionix");
    let boot = v201::BootNotificationRequest::new(station, v201::BootReasonEnumType::PowerUp);
    cp.call(boot).await.unwrap();
    assert_eq!(heartbeats.load(Ordering::Relaxed), 0);
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let sent = heartbeats.load(Ordering::Relaxed);
    assert!(
        (1..=3).contains(&sent),
        "{sent} heartbeats in 2.5 s, one due each second"
    );
    cp.close().await;
}
