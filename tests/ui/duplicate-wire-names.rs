use ocpp_types::ocpp_type;

#[ocpp_type]
pub struct Request {
    pub vendor_id: String,
    #[ocpp(rename = "vendor_id")]
    pub vendor: String,
}

#[ocpp_type]
pub enum Unit {
    #[ocpp(rename = "W")]
    Watt,
    W,
}

fn main() {}
