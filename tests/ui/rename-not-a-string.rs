use ocpp_types::ocpp_type;

#[ocpp_type]
pub struct Request {
    #[ocpp(rename = vendorId)]
    pub vendor_id: String,
}

fn main() {}
