//! What kind of source a speaker is.

/// What kind of source a speaker is (the JSON `kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceKind {
    /// Someone the story names: `Ben Wallace`.
    Person,
    /// Someone described by job or office alone: `a spokeswoman`.
    Role,
    Organisation,
    /// Someone neither named nor given a role: `one resident`, `a source`,
    /// a pronoun the story never ties to anyone.
    Anonymous,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Person => "person",
            SourceKind::Role => "role",
            SourceKind::Organisation => "organisation",
            SourceKind::Anonymous => "anonymous",
        }
    }

    /// A person of some kind (gendered or not), rather than a body.
    pub fn is_individual(self) -> bool {
        self != SourceKind::Organisation
    }
}
