//! A CSMS of OCPP 2.0.1 on ws://127.0.0.1:9000 (security profile 1), whole.
use ocpp_types::rpc::Handlers;
use ocpp_types::v201::*;
use ocpp_types::{DateTime, Policy};
use ocpp_types_tokio::{Accepted, Server, ServerConfig};

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let server = Server::bind("127.0.0.1:9000", ServerConfig::default())
        .await?
        // A charge point with its password is let in, its frames read strictly.
        .with_admission(|cp| {
            (cp.password == Some(&b"0123456789abcdef"[..])).then_some(Policy::STRICT)
        })
        .with_observer(|trace| eprintln!("{trace:?}"));
    // Elsewhere (an HTTP handler, say): a typed call to a connected charge point.
    let callers = server.callers();
    tokio::spawn(async move {
        tokio::time::sleep(std::time::Duration::from_secs(60)).await;
        let cp = callers.get::<Request>("CP001")?;
        let trigger = TriggerMessageRequest::new(MessageTriggerEnumType::StatusNotification);
        cp.call(trigger).await.ok()
    });
    let handlers = || {
        Handlers::new()
            .on(|_, _: BootNotificationRequest| {
                let accepted = RegistrationStatusEnumType::Accepted;
                BootNotificationResponse::new(DateTime::now(), 300, accepted)
            })
            .on(|_, _: HeartbeatRequest| HeartbeatResponse::new(DateTime::now()))
            .on(|_, _: StatusNotificationRequest| StatusNotificationResponse::new())
            .on(|_, _: TransactionEventRequest| TransactionEventResponse::new())
    };
    let serve = move |accepted| async move {
        if let Accepted::V201(connection) = accepted {
            println!("ended: {}", connection.run(handlers(), ()).await);
        }
    };
    server.serve(serve).await
}
