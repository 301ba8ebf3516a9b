use ocpp_types::ocpp_type;

#[ocpp_type]
pub struct Request {
    #[ocpp(renam = "vendorId")]
    pub vendor_id: String,
    #[ocpp(flatten_everything)]
    pub data: Option<String>,
}

fn main() {}
