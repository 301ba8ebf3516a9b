use ocpp_types::ocpp_type;

#[ocpp_type]
pub enum Status {
    Accepted,
    Rejected(String),
    Pending { since: u32 },
}

fn main() {}
