//! `rename_all`: the serde spellings of a Rust name on the wire. Fields are
//! written in snake_case in Rust and variants in PascalCase; each rule turns
//! those into the wanted case.

/// A case from `#[ocpp_type(rename_all = "...")]`.
#[derive(Clone, Copy)]
pub enum RenameRule {
    Lower,
    Upper,
    Pascal,
    Camel,
    Snake,
    ScreamingSnake,
    Kebab,
    ScreamingKebab,
}

impl RenameRule {
    /// The names, as serde spells them.
    pub const NAMES: &'static [&'static str] = &[
        "lowercase",
        "UPPERCASE",
        "PascalCase",
        "camelCase",
        "snake_case",
        "SCREAMING_SNAKE_CASE",
        "kebab-case",
        "SCREAMING-KEBAB-CASE",
    ];
    const RULES: [RenameRule; 8] = [
        RenameRule::Lower,
        RenameRule::Upper,
        RenameRule::Pascal,
        RenameRule::Camel,
        RenameRule::Snake,
        RenameRule::ScreamingSnake,
        RenameRule::Kebab,
        RenameRule::ScreamingKebab,
    ];

    pub fn from_name(name: &str) -> Option<RenameRule> {
        let index = Self::NAMES.iter().position(|n| *n == name)?;
        Some(Self::RULES[index])
    }

    /// The wire name of a field written `snake_case` in Rust.
    pub fn field(self, name: &str) -> String {
        match self {
            RenameRule::Lower | RenameRule::Snake => name.to_owned(),
            RenameRule::Upper | RenameRule::ScreamingSnake => name.to_uppercase(),
            RenameRule::Pascal => name.split('_').map(capitalize).collect(),
            RenameRule::Camel => lower_first(&RenameRule::Pascal.field(name)),
            RenameRule::Kebab => name.replace('_', "-"),
            RenameRule::ScreamingKebab => name.to_uppercase().replace('_', "-"),
        }
    }

    /// The wire name of a variant written `PascalCase` in Rust.
    pub fn variant(self, name: &str) -> String {
        match self {
            RenameRule::Lower => name.to_lowercase(),
            RenameRule::Upper => name.to_uppercase(),
            RenameRule::Pascal => name.to_owned(),
            RenameRule::Camel => lower_first(name),
            RenameRule::Snake => words(name).join("_").to_lowercase(),
            RenameRule::ScreamingSnake => words(name).join("_").to_uppercase(),
            RenameRule::Kebab => words(name).join("-").to_lowercase(),
            RenameRule::ScreamingKebab => words(name).join("-").to_uppercase(),
        }
    }
}

/// The words of a PascalCase name: each upper-case letter starts one.
fn words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for c in name.chars() {
        match words.last_mut() {
            Some(word) if !c.is_uppercase() => word.push(c),
            _ => words.push(c.to_string()),
        }
    }
    words
}

/// `word` with its first letter upper case.
fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `word` with its first letter lower case.
fn lower_first(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::RenameRule;

    #[test]
    fn fields_follow_serde_spellings() {
        let cases = [
            ("lowercase", "charge_point_vendor"),
            ("UPPERCASE", "CHARGE_POINT_VENDOR"),
            ("PascalCase", "ChargePointVendor"),
            ("camelCase", "chargePointVendor"),
            ("snake_case", "charge_point_vendor"),
            ("SCREAMING_SNAKE_CASE", "CHARGE_POINT_VENDOR"),
            ("kebab-case", "charge-point-vendor"),
            ("SCREAMING-KEBAB-CASE", "CHARGE-POINT-VENDOR"),
        ];
        for (rule, expected) in cases {
            assert_eq!(
                RenameRule::from_name(rule)
                    .unwrap()
                    .field("charge_point_vendor"),
                expected,
                "{rule}"
            );
        }
    }

    #[test]
    fn variants_follow_serde_spellings() {
        let cases = [
            ("lowercase", "currentimport"),
            ("UPPERCASE", "CURRENTIMPORT"),
            ("PascalCase", "CurrentImport"),
            ("camelCase", "currentImport"),
            ("snake_case", "current_import"),
            ("SCREAMING_SNAKE_CASE", "CURRENT_IMPORT"),
            ("kebab-case", "current-import"),
            ("SCREAMING-KEBAB-CASE", "CURRENT-IMPORT"),
        ];
        for (rule, expected) in cases {
            assert_eq!(
                RenameRule::from_name(rule)
                    .unwrap()
                    .variant("CurrentImport"),
                expected,
                "{rule}"
            );
        }
    }

    #[test]
    fn unknown_case_names_are_not_rules() {
        assert!(RenameRule::from_name("camelcase").is_none());
    }
}
