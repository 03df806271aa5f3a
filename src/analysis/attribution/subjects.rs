//! The subject phrase before each verb of speech (`Mr Lavrov said`), read
//! once per verb. The finders of every quote in a paragraph ask for the
//! subjects of the same verbs (the latest cue before each quote, the
//! subjects near it, the clause before it), and a phrase read backwards is
//! among the dearest steps of attribution: about one reading in three was a
//! repeat.

use std::ops::Range;
use std::sync::OnceLock;

use super::super::phrases::{phrase_before, Phrase};
use super::super::tokens::{SpeechVerbAt, Tokens};

/// A verb's subject as first read: the lower bound it was read with, and
/// the phrase.
type Reading = (usize, Option<Phrase>);

/// Every verb of speech of an analysis, paragraph by paragraph, each with
/// its subject once read.
#[derive(Debug, Clone, Default)]
pub struct VerbSubjects {
    /// Each verb's token index in its paragraph, paragraph after paragraph.
    verbs: Vec<u32>,
    /// Indexed like `verbs`. A `OnceLock` rather than a `OnceCell` so that
    /// an analysis can still be shared between threads.
    read: Vec<OnceLock<Reading>>,
    /// For each paragraph, its range in `verbs`.
    paragraphs: Vec<Range<usize>>,
}

impl VerbSubjects {
    /// The verbs among each paragraph's tokens, given what each token is as
    /// a verb of speech (`speech_verbs`, indexed like the tokens that
    /// `paragraphs` index).
    pub fn new(speech_verbs: &[SpeechVerbAt], paragraphs: &[Range<usize>]) -> VerbSubjects {
        let mut verbs = Vec::new();
        let ranges = paragraphs
            .iter()
            .map(|range| {
                let start = verbs.len();
                let of_paragraph = speech_verbs.get(range.clone()).unwrap_or_default();
                for (i, at) in of_paragraph.iter().enumerate() {
                    if *at != SpeechVerbAt::No {
                        verbs.push(u32::try_from(i).unwrap_or(u32::MAX));
                    }
                }
                start..verbs.len()
            })
            .collect();
        VerbSubjects {
            read: (0..verbs.len()).map(|_| OnceLock::new()).collect(),
            verbs,
            paragraphs: ranges,
        }
    }

    /// Paragraph `index`'s verbs.
    pub fn of(&self, index: usize) -> SubjectsOf<'_> {
        match self.paragraphs.get(index) {
            Some(range) => SubjectsOf {
                verbs: &self.verbs[range.clone()],
                read: &self.read[range.clone()],
            },
            None => SubjectsOf::default(),
        }
    }
}

/// One paragraph's verbs of speech and their subjects once read; empty for
/// tokens read outside an analysis.
#[derive(Clone, Copy, Default)]
pub struct SubjectsOf<'a> {
    verbs: &'a [u32],
    read: &'a [OnceLock<Reading>],
}

impl SubjectsOf<'_> {
    /// [`phrase_before`] the verb at token `verb` of `tokens` (this
    /// paragraph's), not starting before `lo`: kept from the first reading
    /// of that verb when it was read with the same `lo`.
    pub fn before(&self, tokens: Tokens, verb: usize, lo: usize) -> Option<Phrase> {
        let at = u32::try_from(verb)
            .ok()
            .and_then(|v| self.verbs.binary_search(&v).ok());
        let Some(at) = at else {
            return phrase_before(tokens, verb, lo);
        };
        let (read_lo, phrase) = self.read[at].get_or_init(|| (lo, phrase_before(tokens, verb, lo)));
        if *read_lo == lo {
            phrase.clone()
        } else {
            phrase_before(tokens, verb, lo)
        }
    }
}
