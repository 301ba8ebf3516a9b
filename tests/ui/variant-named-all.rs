use ocpp_types::ocpp_type;

#[ocpp_type]
pub enum Scope {
    One,
    ALL,
}

fn main() {}
