use ocpp_types::ocpp_type;

#[ocpp_type]
pub struct Request {
    // Items of a field that is not an array.
    #[ocpp(items(max_length = 5))]
    pub name: String,
    // A constraint items can't take, and one that does not fit the items.
    #[ocpp(items(min_items = 1))]
    pub tags: Vec<String>,
    #[ocpp(items(minimum = 0))]
    pub labels: Vec<String>,
}

fn main() {}
