//! A story's sources as counted: each one, and all of them with the quotes
//! nobody is named for.

use std::ops::Range;

use super::evidence::GenderCall;
use super::kind::SourceKind;

/// One source of the story.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// The person's name, or the description or organisation as written.
    pub name: String,
    pub kind: SourceKind,
    /// The person in [`Analysis::people`], for a named person.
    pub person: Option<usize>,
    pub gender: GenderCall,
    /// The quotes they are given, indexes into [`Analysis::quotes`], in
    /// text order.
    pub quotes: Vec<usize>,
    /// Words inside their quotation marks.
    pub words: usize,
    /// Where they are first quoted: that quotation's bytes.
    pub first_quote: Range<usize>,
}

/// A story's sources, in the order they are first quoted, and the quotes
/// nobody is named for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Balance {
    pub sources: Vec<Source>,
    /// Reported quotes in the body with no speaker.
    pub unattributed_quotes: usize,
    pub unattributed_words: usize,
}
