use ocpp_types::ocpp_type;

#[ocpp_type(rename_all = "camelcase")]
pub struct Meter {
    #[ocpp(format = "datetime")]
    pub at: String,
    #[ocpp(format = "email")]
    pub owner: String,
}

fn main() {}
