use ocpp_types::ocpp_type;

#[ocpp_type]
pub union Number {
    int: u32,
    float: f32,
}

fn main() {}
