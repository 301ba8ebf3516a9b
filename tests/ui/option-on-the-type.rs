use ocpp_types::ocpp_type;

#[ocpp_type]
#[ocpp(deny_unknown_fields)]
pub struct Request {
    pub vendor_id: String,
}

#[ocpp_type(deny_unknown_fields)]
pub enum Status {
    Accepted,
}

fn main() {}
