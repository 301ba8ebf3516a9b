use ocpp_types::ocpp_type;

#[ocpp_type]
pub struct Heartbeat;

fn main() {}
