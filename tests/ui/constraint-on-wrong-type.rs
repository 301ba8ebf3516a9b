use ocpp_types::{ocpp_type, DateTime};

#[ocpp_type]
pub struct Meter {
    #[ocpp(max_length = 20)]
    pub connector: u32,
    #[ocpp(minimum = 0)]
    pub serial: String,
    #[ocpp(max_items = 3, format = "date-time")]
    pub ok: Option<bool>,
    #[ocpp(format = "date-time", max_length = 30)]
    pub at: DateTime,
}

fn main() {}
