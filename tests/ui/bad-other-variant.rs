use ocpp_types::ocpp_type;

#[ocpp_type]
pub enum Status {
    Accepted,
    #[ocpp(other)]
    Unknown,
}

#[ocpp_type]
pub enum Twice {
    Accepted,
    #[ocpp(other)]
    First(String),
    #[ocpp(other)]
    Second(String),
}

fn main() {}
