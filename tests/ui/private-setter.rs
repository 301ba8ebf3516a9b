mod charger {
    use ocpp_types::ocpp_type;

    /// A charger with a secret
    #[ocpp_type]
    pub struct Charger {
        pub id: String,
        pub label: Option<String>,
        secret: Option<String>,
        pub(crate) note: Option<String>,
    }

    /// A private required field: `new` takes it, so `new` is private
    #[ocpp_type]
    pub struct Sealed {
        key: String,
        pub label: Option<String>,
    }
}

fn main() {
    // `new` and the setters of public fields are public...
    let charger = charger::Charger::new("CP1").with_label("left").with_note("n");
    // ... the setter of a private field is as private as the field.
    let _ = charger.with_secret("s");
    // `new` takes the required fields, so it is as visible as the least
    // visible of them (the optional ones start as `None`).
    let _ = charger::Sealed::new("k");
}
