//! What the analysis of a draft holds: the document model, its quotations
//! and who said them, the people in it, the tokens every pass read, and the
//! words it was read by.

use std::ops::Range;

use super::attribution::{Attribution, ParagraphTokens, VerbSubjects};
use super::directives;
use super::document::{Document, ParagraphKind};
use super::lexicon::Lexicon;
use super::people::People;
use super::phrases::PhraseKind;
use super::quote::Quote;
use super::quote_words::QuoteWords;
use super::source_format::SourceFormat;
use super::tokens::{Token, Tokens};

#[derive(Debug, Clone)]
pub struct Analysis {
    pub document: Document,
    pub quotes: Vec<Quote>,
    pub people: People,
    /// Every paragraph's tokens, one after another.
    pub tokens: Vec<Token>,
    /// For each paragraph, its range in `tokens`.
    pub paragraph_tokens: Vec<Range<usize>>,
    /// Whether each token ends a sentence; indexed like `tokens`.
    pub(super) sentence_ends: Vec<bool>,
    /// What each token is as a verb of speech; indexed like `tokens`.
    pub(super) speech_verbs: Vec<super::tokens::SpeechVerbAt>,
    /// The subject before each verb of speech, read when first asked for.
    pub(super) verb_subjects: VerbSubjects,
    /// The format the text was read as.
    pub format: SourceFormat,
    /// Where the draft's ignore comments switch rules off ([`directives`]).
    pub disabled: Vec<directives::Region>,
    /// The words the draft was read by (the project's included), for the
    /// rules and the editor to read it by too.
    pub lexicon: Lexicon,
    /// The quotations' normalised words, made when a rule first asks.
    pub(super) quote_words: std::sync::OnceLock<QuoteWords>,
    /// The quotations held against the interview transcripts, when the
    /// draft has any ([`super::sources`]).
    pub sources: super::quote_source::Sources,
}

impl Analysis {
    /// Every quotation's words, normalised and numbered for comparing
    /// quotations ([`super::quote_words`]); indexed like
    /// [`Analysis::quotes`].
    pub fn quote_words(&self) -> &QuoteWords {
        self.quote_words.get_or_init(|| {
            QuoteWords::new(&self.document.prose, self.quotes.iter().map(|q| &q.span))
        })
    }

    /// Frees the quotations' words (made again if asked for).
    pub fn forget_quote_words(&mut self) {
        self.quote_words.take();
    }

    /// The quotations a reader would call reported speech.
    pub fn reported_quotes(&self) -> impl Iterator<Item = &Quote> {
        self.quotes.iter().filter(|q| q.is_reported())
    }

    /// Whether the draft's ignore comments switch `code` off at byte `at`.
    pub fn is_disabled(&self, code: &str, at: usize) -> bool {
        directives::is_disabled(&self.disabled, code, at, self.document.prose.len())
    }

    /// Where each sentence of the body's paragraphs is, in bytes (headlines,
    /// crossheads and captions left out).
    pub fn body_sentences(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        let paragraphs = self.document.paragraphs.iter().enumerate();
        paragraphs
            .filter(|(_, p)| p.kind == ParagraphKind::Body)
            .flat_map(|(i, _)| {
                let tokens = self.tokens_of(i);
                super::tokens::sentences(tokens)
                    .into_iter()
                    .map(move |s| tokens.bytes(s))
            })
    }

    /// The tokens of paragraph `index`, as the readers take them.
    pub(crate) fn tokens_of(&self, index: usize) -> Tokens<'_> {
        let range = self.paragraph_tokens[index].clone();
        let tokens = Tokens::new(
            &self.tokens[range.clone()],
            &self.document.prose,
            &self.lexicon,
        );
        let tokens = match self.sentence_ends.get(range.clone()) {
            Some(ends) if ends.len() == tokens.len() => tokens.with_sentence_ends(ends),
            _ => tokens,
        };
        match self.speech_verbs.get(range) {
            Some(verbs) if verbs.len() == tokens.len() => tokens.with_speech_verbs(verbs),
            _ => tokens,
        }
    }

    /// The person an attribution names, through a pronoun's antecedent or
    /// a role's holder; none for organisations. Leaves out the strings
    /// [`super::speakers`] builds to describe a speaker: the speaker model
    /// asks this of every candidate.
    pub(crate) fn person_of(&self, attribution: &Attribution) -> Option<usize> {
        if let Some(antecedent) = &attribution.antecedent {
            let stand_in = Attribution {
                naming: antecedent.clone(),
                antecedent: None,
                ..attribution.clone()
            };
            return self.person_of(&stand_in);
        }
        let range = attribution.naming.clone();
        let written = &self.document.prose[range.clone()];
        match attribution.kind {
            PhraseKind::Pronoun(gender) => {
                let sentence_start = self.sentence_start_byte(range.start);
                self.people
                    .resolve_pronoun(range.start, sentence_start, gender)
            }
            PhraseKind::Name => self.people.person_named(written, range.start),
            PhraseKind::Role => self.people.person_with_role(written),
            PhraseKind::OtherPronoun | PhraseKind::Organisation => None,
        }
    }

    /// The byte where the sentence holding the token at byte `at` begins.
    pub(crate) fn sentence_start_byte(&self, at: usize) -> usize {
        let paragraphs = &self.document.paragraphs;
        let pi = paragraphs
            .partition_point(|p| p.range.start <= at)
            .saturating_sub(1);
        if pi >= self.paragraph_tokens.len() {
            return at;
        }
        let tokens = self.tokens_of(pi);
        let at_token = tokens.tokens.partition_point(|t| t.start < at);
        let mut k = at_token;
        // Bounded like attribution's own look-back.
        while k > 0 && at_token - k < 60 && !super::tokens::ends_sentence(tokens, k - 1) {
            k -= 1;
        }
        tokens.get(k).map_or(at, |t| t.start)
    }

    pub(crate) fn paragraph(&self, index: usize) -> ParagraphTokens<'_> {
        ParagraphTokens {
            tokens: self.tokens_of(index),
            display: self.document.paragraphs[index].kind.is_display(),
            subjects: self.verb_subjects.of(index),
        }
    }
}
