//! A user's crate whose Cargo.toml renames the dependency,
//! `ocpp = { package = "ocpp-types", ... }`: there is no `::ocpp_types`, and
//! every `#[ocpp_type]` says where the crate is with `crate = "ocpp"`.
//!
//! Without the option, the generated `::ocpp_types::...` paths fail to
//! resolve: "cannot find `ocpp_types` in the crate root".

use ocpp::{ocpp_type, DataTransferStatus};

/// A vendor's reply, with a spec type as a field
#[ocpp_type(crate = "ocpp", rename_all = "camelCase")]
pub struct VendorReply {
    pub status: DataTransferStatus,
    #[ocpp(max_length = 8)]
    pub vendor_id: String,
    #[ocpp(minimum = 1, maximum = 9)]
    pub connector_id: Option<u8>,
    #[ocpp(min_items = 1)]
    pub kinds: Vec<Kind>,
    pub measurand: Option<Measurand>,
    pub next: Option<Box<VendorReply>>,
    #[ocpp(flatten)]
    pub extra: ocpp::Properties,
}

#[doc = concat!("Kinds of ", "reply")]
#[ocpp::ocpp_type(crate = "ocpp")]
pub enum Kind {
    Final,
    #[ocpp(rename = "partial-result")]
    Partial,
}

/// What was measured, open to later values
#[ocpp_type(crate = "ocpp")]
pub enum Measurand {
    #[ocpp(rename = "Current.Import")]
    CurrentImport,
    #[ocpp(other)]
    Unknown(String),
}

/// Without the prelude, the crate is found by its absolute path.
#[no_implicit_prelude]
pub mod bare {
    /// A closed object
    #[::ocpp::ocpp_type(crate = "::ocpp", deny_unknown_fields)]
    pub struct Closed {
        pub kind: super::Kind,
        pub note: ::core::option::Option<::std::string::String>,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ocpp::OcppType;
    use serde_json::json;

    #[test]
    fn types_of_a_renamed_crate_work() {
        let reply = VendorReply::new(DataTransferStatus::Accepted, "Pionix", [Kind::Partial])
            .with_connector_id(2)
            .with_measurand(Measurand::Unknown("Voltage".into()))
            .with_next(VendorReply::new(
                DataTransferStatus::Rejected,
                "Other",
                [Kind::Final],
            ));
        let text = serde_json::to_string(&reply).unwrap();
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&text).unwrap(),
            json!({
                "status": "Accepted",
                "vendorId": "Pionix",
                "connectorId": 2,
                "kinds": ["partial-result"],
                "measurand": "Voltage",
                "next": {"status": "Rejected", "vendorId": "Other", "kinds": ["Final"]},
            })
        );
        assert_eq!(ocpp::from_str::<VendorReply>(&text).unwrap(), reply);

        let kept: VendorReply = serde_json::from_value(
            json!({"status": "Accepted", "vendorId": "v", "kinds": ["Final"], "more": 1}),
        )
        .unwrap();
        assert_eq!(kept.extra["more"], 1);

        let error = ocpp::from_str::<VendorReply>(
            r#"{"status": "Accepted", "vendorId": "far too long", "kinds": []}"#,
        )
        .unwrap_err();
        assert!(
            error.message().starts_with("VendorReply.vendorId: "),
            "{error}"
        );
    }

    #[test]
    fn names_descriptions_and_schemas_of_a_renamed_crate() {
        assert_eq!(VendorReply::NAME, "VendorReply");
        assert_eq!(Kind::DESCRIPTION, "Kinds of reply");
        assert_eq!(Kind::ALL, [Kind::Final, Kind::Partial]);
        assert_eq!("Current.Import".parse(), Ok(Measurand::CurrentImport));
        let schema = VendorReply::json_schema();
        assert_eq!(
            schema["properties"]["status"]["$ref"],
            "#/$defs/DataTransferStatus"
        );
        assert_eq!(schema["properties"]["vendorId"]["maxLength"], 8);
        let closed: bare::Closed = ocpp::from_str(r#"{"kind": "Final"}"#).unwrap();
        assert_eq!(closed, bare::Closed::new(Kind::Final));
    }
}
