use ocpp_types::ocpp_type;

#[ocpp_type(deny_unknown_fields)]
pub struct Closed {
    pub id: u32,
    #[ocpp(flatten)]
    pub extra: ocpp_types::Properties,
}

#[ocpp_type]
pub struct WrongType {
    #[ocpp(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
    #[ocpp(flatten)]
    pub more: ocpp_types::Properties,
}

fn main() {}
