//! The grammatical gender a word implies about a person: a title (`Mr`), a
//! given name (`Jane`), a pronoun (`she`), the people register's `pronoun`.

/// Grammatical gender a title or given name implies, used to resolve `he`/`she`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    Male,
    Female,
    Unknown,
}

impl Gender {
    pub fn from_code(code: &str) -> Gender {
        match code {
            "m" => Gender::Male,
            "f" => Gender::Female,
            _ => Gender::Unknown,
        }
    }

    /// Whether a person of gender `self` can be referred to by a pronoun of
    /// gender `pronoun`.
    pub fn compatible(self, pronoun: Gender) -> bool {
        self == Gender::Unknown || pronoun == Gender::Unknown || self == pronoun
    }
}
