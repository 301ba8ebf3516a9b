// A handler that returns another action's response does not compile.
use ocpp_types::rpc::Handlers;
use ocpp_types::v201::{
    ClearCacheResponse, ClearCacheStatusEnumType, HeartbeatRequest, Request,
};

fn main() {
    let _handlers = Handlers::<Request>::new().on(|_, _: HeartbeatRequest| {
        ClearCacheResponse::new(ClearCacheStatusEnumType::Accepted)
    });
}
