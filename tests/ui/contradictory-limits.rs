use ocpp_types::ocpp_type;

#[ocpp_type]
pub struct Meter {
    #[ocpp(min_length = 5, max_length = 2)]
    pub serial: String,
    #[ocpp(minimum = 10, maximum = -1.5)]
    pub power: f64,
}

fn main() {}
