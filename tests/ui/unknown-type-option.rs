use ocpp_types::ocpp_type;

#[ocpp_type(deny_unknown_field)]
pub struct Closed {
    pub a: String,
}

#[ocpp_type(strict)]
pub struct Strict {
    pub a: String,
}

fn main() {}
