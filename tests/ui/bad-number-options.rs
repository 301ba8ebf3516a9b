use ocpp_types::ocpp_type;

#[ocpp_type(draft = "draft-05")]
pub struct UnknownDraft {
    pub a: i64,
}

#[ocpp_type(draft = "draft-04")]
pub struct Draft04 {
    // Integers inside a Vec can't follow draft-04's rule.
    pub readings: Vec<i64>,
    #[ocpp(multiple_of = 0)]
    pub step: f64,
    #[ocpp(multiple_of = -0.5)]
    pub half: f64,
    #[ocpp(multiple_of = 2)]
    pub name: String,
    #[ocpp(format = "url")]
    pub address: String,
}

fn main() {}
