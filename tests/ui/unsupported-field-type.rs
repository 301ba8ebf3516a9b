use ocpp_types::ocpp_type;

#[ocpp_type]
pub struct Request {
    pub vendor_id: std::path::PathBuf,
}

fn main() {}
