use ocpp_types::ocpp_type;

#[ocpp_type]
pub enum Nothing {}

fn main() {}
