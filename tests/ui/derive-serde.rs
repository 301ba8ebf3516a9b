use ocpp_types::ocpp_type;

#[ocpp_type]
#[derive(Clone, serde::Serialize)]
pub struct Request {
    pub vendor_id: String,
}

fn main() {}
