use ocpp_types::ocpp_type;

#[ocpp_type]
pub struct Meter {
    #[ocpp(max_length = 20)]
    pub connector: u32,
    #[ocpp(minimum = 0)]
    pub serial: String,
    #[ocpp(max_items = 3, format = "date-time")]
    pub ok: Option<bool>,
}

fn main() {}
