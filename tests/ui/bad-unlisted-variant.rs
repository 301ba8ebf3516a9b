use ocpp_types::{ocpp_type, Unlisted};

#[ocpp_type]
pub enum UnitUnlisted {
    On,
    #[ocpp(unlisted)]
    Unlisted,
}

#[ocpp_type]
pub enum HoldsAString {
    On,
    #[ocpp(unlisted)]
    Unlisted(String),
}

#[ocpp_type]
pub enum TwoKinds {
    On,
    #[ocpp(other)]
    Other(String),
    #[ocpp(unlisted)]
    Unlisted(Unlisted),
}

#[ocpp_type]
pub enum Twice {
    On,
    #[ocpp(unlisted)]
    First(Unlisted),
    #[ocpp(unlisted)]
    Second(Unlisted),
}

#[ocpp_type]
pub struct OnAField {
    #[ocpp(unlisted)]
    pub on: String,
}

fn main() {}
