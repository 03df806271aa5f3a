//! The grammatical gender a word implies about a person: a title (`Mr`), a
//! given name (`Jane`), a pronoun (`she`), the people register's `pronoun`.

/// The gender a title, given name, pronoun or noun implies, used to resolve
/// `he`/`she` and to count who is quoted. `Nonbinary` comes only from what
/// says so: `Mx`, or the people register's `pronoun = "they"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    Male,
    Female,
    Nonbinary,
    Unknown,
}

impl Gender {
    /// The data files' code: `m`, `f`, `n` (nonbinary); anything else is
    /// unknown.
    pub fn from_code(code: &str) -> Gender {
        match code {
            "m" => Gender::Male,
            "f" => Gender::Female,
            "n" => Gender::Nonbinary,
            _ => Gender::Unknown,
        }
    }

    /// The pronoun for one person of this gender (`they` when unknown).
    pub fn pronoun(self) -> &'static str {
        match self {
            Gender::Male => "he",
            Gender::Female => "she",
            Gender::Nonbinary | Gender::Unknown => "they",
        }
    }

    /// How the source count names it (the JSON `gender`): `woman`, `man`,
    /// `nonbinary`, `unknown`.
    pub fn as_str(self) -> &'static str {
        match self {
            Gender::Male => "man",
            Gender::Female => "woman",
            Gender::Nonbinary => "nonbinary",
            Gender::Unknown => "unknown",
        }
    }

    /// Man or woman: what a given name or a pronoun can say.
    pub fn is_binary(self) -> bool {
        matches!(self, Gender::Male | Gender::Female)
    }

    /// Whether a person of gender `self` can be referred to by a pronoun of
    /// gender `pronoun`.
    pub fn compatible(self, pronoun: Gender) -> bool {
        self == Gender::Unknown || pronoun == Gender::Unknown || self == pronoun
    }
}
