// Answering a CALL with another action's response does not compile.
use ocpp_types::rpc::{Config, Event, Session};
use ocpp_types::v16::{
    CancelReservationResponseStatus, ClearCacheResponse, HeartbeatRequest, Request,
};
use std::time::Instant;

fn main() {
    let mut csms = Session::<Request>::csms(Config::default());
    csms.receive(r#"[2,"1","Heartbeat",{}]"#, Instant::now());
    if let Some(Event::Request(incoming)) = csms.poll_event() {
        if let Ok((_, reply)) = incoming.take::<HeartbeatRequest>() {
            let wrong = ClearCacheResponse::new(CancelReservationResponseStatus::Accepted);
            let _ = csms.reply(reply, wrong);
        }
    }
}
