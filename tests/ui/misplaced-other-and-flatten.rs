use ocpp_types::ocpp_type;

#[ocpp_type]
pub struct Meter {
    #[ocpp(other)]
    pub at: String,
}

#[ocpp_type]
pub enum Status {
    #[ocpp(flatten, max_length = 3)]
    Accepted,
}

fn main() {}
