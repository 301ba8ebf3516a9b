use ocpp_types::ocpp_type;

#[ocpp_type]
pub struct Reading(u32, String);

fn main() {}
