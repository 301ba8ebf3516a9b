use ocpp_types::ocpp_type;

#[ocpp_type]
pub struct Wrapper<T> {
    pub value: T,
}

fn main() {}
