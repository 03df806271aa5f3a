//! The people in a story: every mention of a person outside quotations, its
//! form (`Ben Wallace`, `Mr Wallace`, `Wallace`), the roles the story gives
//! them, and the clusters that make one person of the mentions; and pronoun
//! resolution against those mentions.
//!
//! A capitalised run of words is a person when the text gives evidence: a
//! courtesy title or office before it, a given name from the lexicon as its
//! first word, a middle initial, or a verb of speech after it. A lone surname
//! is a mention of a person already introduced with that surname.

mod candidates;
mod clusters;
mod person;
mod roles;
mod surnames;

pub use person::{Mention, MentionForm, ParagraphInput, People, Person, Role};

use super::lexicon::Lexicon;

/// The people in the story's paragraphs: every name read, then made into
/// people.
pub fn find(paragraphs: &[ParagraphInput], prose: &str, lex: &Lexicon) -> People {
    clusters::build(candidates::collect(paragraphs), prose, lex)
}
