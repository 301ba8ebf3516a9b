use ocpp_types::ocpp_type;

// Every number in an option is used exactly or refused here: none may make
// the macro panic or quietly mean another number.
#[ocpp_type]
pub struct Meter {
    // Infinite as an f64.
    #[ocpp(maximum = 1e400)]
    pub power: f64,
    // Rounds to 0, which it does not say.
    #[ocpp(minimum = 1e-400)]
    pub current: f64,
    #[ocpp(maximum = -1e400)]
    pub voltage: f64,
    // A suffix would say a type the bound does not have.
    #[ocpp(maximum = 20u8)]
    pub phases: u8,
    #[ocpp(max_length = 20usize)]
    pub serial: String,
    #[ocpp(minimum = 0.5f32)]
    pub factor: f32,
    // Beyond any i128.
    #[ocpp(minimum = -170141183460469231731687303715884105729)]
    pub energy: i64,
    #[ocpp(maximum = 170141183460469231731687303715884105728)]
    pub count: u64,
    // Beyond the field type's own range: no value could meet it.
    #[ocpp(minimum = 256)]
    pub percent: u8,
    #[ocpp(maximum = -1)]
    pub index: u32,
    #[ocpp(minimum = 1e20)]
    pub big: i64,
    // A count is a whole number of characters or items.
    #[ocpp(max_length = 1e3)]
    pub name: String,
    #[ocpp(min_items = -1)]
    pub tags: Vec<String>,
}

fn main() {}
