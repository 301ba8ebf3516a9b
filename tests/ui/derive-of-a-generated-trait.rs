use ocpp_types::ocpp_type;

// #[ocpp_type] implements Debug, Clone and PartialEq itself: a derive of one
// of them is refused, below the attribute by the macro...
#[ocpp_type]
#[derive(Debug, Default)]
pub struct Below {
    pub a: u32,
}

// ... and above it by the compiler, as the two impls conflict.
#[derive(Clone)]
#[ocpp_type]
pub struct Above {
    pub a: u32,
}

// An open enum compares by its strings: deriving PartialEq is refused too.
#[ocpp_type]
#[derive(PartialEq, Hash)]
pub enum Open {
    Known,
    #[ocpp(other)]
    Other(String),
}

fn main() {}
