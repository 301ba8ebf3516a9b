use ocpp_types::ocpp_type;

#[ocpp_type(deny_unknown_fields, deny_unknown_fields)]
pub struct Request {
    #[ocpp(rename = "a", rename = "b")]
    pub vendor_id: String,
}

fn main() {}
