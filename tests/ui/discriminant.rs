use ocpp_types::ocpp_type;

#[ocpp_type]
pub enum Status {
    Accepted = 1,
    Rejected,
}

fn main() {}
