//! What a source's quotes say of them, gathered quote by quote before
//! their gender is decided.

use std::ops::Range;

use super::super::gender::Gender;
use super::super::model::Analysis;
use super::super::quote::{Speaker, SpeakerKind};

/// What a source's quotes say of their gender: the pronouns and
/// descriptions that name them.
#[derive(Debug, Default)]
pub struct Heard {
    /// `he said`, `she added`, with the pronoun's bytes.
    pub(super) pronouns: Vec<(Gender, Range<usize>)>,
    /// `a spokeswoman said`: the description, and the bytes that name the
    /// speaker (`who` in `a spokeswoman, who said`).
    pub(super) descriptions: Vec<(String, Range<usize>)>,
}

impl Heard {
    pub(super) fn note(&mut self, analysis: &Analysis, speaker: &Speaker) {
        let lex = &analysis.lexicon;
        if let Some(gender) = speaker.pronoun.as_deref().and_then(|p| lex.pronoun(p)) {
            if gender.is_binary() && !self.pronouns.iter().any(|(_, r)| *r == speaker.range) {
                self.pronouns.push((gender, speaker.range.clone()));
            }
        } else if speaker.kind == SpeakerKind::Role
            && !self.descriptions.iter().any(|(_, r)| *r == speaker.range)
        {
            // Named by `who`, the speaker's name is the description before
            // it; otherwise the words that name them are.
            let text = match speaker.pronoun {
                Some(_) => speaker.name.clone(),
                None => analysis.document.prose[speaker.range.clone()].to_owned(),
            };
            self.descriptions.push((text, speaker.range.clone()));
        }
    }
}
