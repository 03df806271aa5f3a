//! Whether a headline quote paraphrases what the body reports someone
//! saying: one sentence of the body's quotations or reported speech (a
//! sentence with a quotation, a verb or noun of speech or `according to`:
//! `the industry warns`, `Ms Diemont says`, `in a statement`) holds all but
//! one of the quote's words of meaning (function words aside), and every
//! word in it that changes a claim (`must`, `might`, `only`, and loaded
//! words such as `lied` or `kill`: `lexicon/claim_words.txt`). Words are
//! compared by their Snowball (Porter 2) stem, so `evicted` meets
//! `eviction` and `fees` meets `fee` while `protest` does not meet
//! `protect`; and with the same polarity: a word a negation reaches (`no
//! plans to close`, up to the next punctuation mark) counts only for a
//! quote that denies too.
//!
//! A headline shortens and rewords (`Singer 'facing eviction'` over `she
//! may be evicted, her lawyer said`): house style in many newsrooms, and no
//! sub-editor wants it flagged. What it must not do is say more than anyone
//! in the body is reported to say: change a claim's strength, drop a
//! denial, or put words in a mouth that said nothing of the kind.

use std::ops::Range;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

use crate::analysis::quote_words::{for_each_word, push_normalised};
use crate::analysis::{Analysis, ParagraphKind};

static ENGLISH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// One word as the check reads it: its stem, and whether a negation
/// reaches it.
struct Word {
    stem: String,
    denied: bool,
}

/// The words of the body's sentences of speech, stemmed: read once per
/// check, and only when some headline quote is not among the body's words
/// verbatim.
pub struct BodySentences {
    sentences: Vec<Sentence>,
}

/// A sentence of speech, and whether it is in the body's first paragraph
/// (the intro a headline is written from).
struct Sentence {
    words: Vec<Word>,
    intro: bool,
}

impl BodySentences {
    pub fn read(analysis: &Analysis) -> BodySentences {
        let prose = &analysis.document.prose;
        let intro_end = (analysis.document.paragraphs.iter())
            .find(|p| p.kind == ParagraphKind::Body)
            .map_or(0, |p| p.range.end);
        let mut lower = String::new();
        // Body quotations in text order, met in step with the sentences.
        let mut quotes = analysis
            .quotes
            .iter()
            .filter(|q| !q.display)
            .map(|q| q.span.range.clone())
            .peekable();
        let sentences = analysis
            .body_sentences()
            .filter_map(|sentence| {
                while quotes.next_if(|q| q.end <= sentence.start).is_some() {}
                let quoted = quotes.peek().is_some_and(|q| q.start < sentence.end);
                let intro = sentence.start < intro_end;
                let text = &prose[sentence];
                let mut spoken = quoted;
                let mut according = false;
                let mut words = Vec::new();
                let mut denied = false;
                let mut last_end = 0;
                for_each_word(text, |range, _| {
                    // a comma or any other mark ends what a negation is about
                    if !text[last_end..range.start].trim().is_empty() {
                        denied = false;
                    }
                    last_end = range.end;
                    lower.clear();
                    push_normalised(&text[range], &mut lower);
                    if is_negation(&lower) {
                        denied = true;
                    } else {
                        // `according to her lawyer`, `in a statement`
                        let lex = &analysis.lexicon;
                        spoken |= lex.speech_verb(&lower).is_some()
                            || lex.is_speech_noun(&lower)
                            || (lower == "to" && according);
                        according = lower == "according";
                        let stem = ENGLISH.stem(&lower).into_owned();
                        words.push(Word { stem, denied });
                    }
                });
                spoken.then_some(Sentence { words, intro })
            })
            .collect();
        BodySentences { sentences }
    }

    /// Whether a sentence of speech holds all but one of the words of
    /// meaning in `quote` and every word that changes its claim, with the quote's
    /// polarity. A quote with an ellipsis claims to be the body's words
    /// with some left out, so it is no paraphrase.
    pub fn paraphrased_by(&self, analysis: &Analysis, quote: &str) -> bool {
        let Some(quote) = QuoteStems::read(analysis, quote) else {
            return false;
        };
        let least = quote.stems.len().saturating_sub(1).max(1);
        self.sentences.iter().any(|Sentence { words, .. }| {
            quote.found_in(words) >= least && quote.claims_kept(words)
        })
    }

    /// Whether the headline around `quote` restates the body's intro: one
    /// sentence of speech in the first paragraph holds every word of meaning
    /// the headline has outside the quote and its attribution (two at
    /// least), one of the quote's words if it has more than one, every word
    /// of the quote that changes a claim, and nothing the quote denies. A headline is written from its intro (`Games firms
    /// 'face tough future'` over `UK video game firms face a testing time,
    /// the industry warns`): its quotation marks say the claim is the
    /// source's, in the fewer words a headline has room for.
    pub fn restates_intro(&self, analysis: &Analysis, headline: &str, quote: Range<usize>) -> bool {
        let Some(quoted) = QuoteStems::read(analysis, &headline[quote.clone()]) else {
            return false;
        };
        let lex = &analysis.lexicon;
        let mut framing: Vec<String> = Vec::new();
        let mut lower = String::new();
        // `… says ex-aide`: who said it is named in the body in other words.
        let mut attribution = false;
        for_each_word(headline, |range, _| {
            if attribution || (range.start < quote.end && range.end > quote.start) {
                return;
            }
            lower.clear();
            push_normalised(&headline[range.clone()], &mut lower);
            if range.start >= quote.end && lex.speech_verb(&lower).is_some() {
                attribution = true;
            } else if !lex.is_function_word(&lower) {
                framing.push(ENGLISH.stem(&lower).into_owned());
            }
        });
        // A word in quotation marks sums the claim up (`'intact'`); a phrase
        // reads as the source's wording, so it keeps one of the intro's words.
        let least = usize::from(quoted.stems.len() > 1);
        framing.len() >= 2
            && (self.sentences.iter()).any(|Sentence { words, intro }| {
                *intro
                    && framing.iter().all(|stem| has(words, stem, false))
                    && quoted.found_in(words) >= least
                    && quoted.claims_kept(words)
            })
    }
}

/// The words of meaning of a headline quote, stemmed.
struct QuoteStems {
    /// Each word's stem, and whether it changes the claim.
    stems: Vec<(String, bool)>,
    /// Whether the quote denies (`will not close`).
    denies: bool,
}

impl QuoteStems {
    /// `None` for a quote with no word of meaning, or with an ellipsis.
    fn read(analysis: &Analysis, quote: &str) -> Option<QuoteStems> {
        let lex = &analysis.lexicon;
        let mut stems: Vec<(String, bool)> = Vec::new();
        let mut lower = String::new();
        let mut denies = false;
        let mut ellipsis = false;
        for_each_word(quote, |range, gap| {
            ellipsis |= gap;
            lower.clear();
            push_normalised(&quote[range], &mut lower);
            if is_negation(&lower) {
                denies = true;
            } else if !lex.is_function_word(&lower) {
                let claim = lex.is_claim_word(&lower);
                stems.push((ENGLISH.stem(&lower).into_owned(), claim));
            }
        });
        (!ellipsis && !stems.is_empty()).then_some(QuoteStems { stems, denies })
    }

    /// How many of the quote's words the sentence holds, with its polarity.
    fn found_in(&self, words: &[Word]) -> usize {
        (self.stems.iter())
            .filter(|(stem, _)| has(words, stem, self.denies))
            .count()
    }

    /// Whether the sentence holds every word that changes the quote's claim
    /// and denies none of its words (`fee factor` over `fees were not a
    /// factor`).
    fn claims_kept(&self, words: &[Word]) -> bool {
        let denies = self.denies;
        (self.stems.iter()).all(|(stem, claim)| {
            // held as the quote holds it, or else neither a claim word nor
            // held the other way
            has(words, stem, denies) || (!claim && !has(words, stem, !denies))
        })
    }
}

/// Whether `words` hold `stem` with the polarity `denied`.
fn has(words: &[Word], stem: &str, denied: bool) -> bool {
    words.iter().any(|w| w.denied == denied && w.stem == stem)
}

/// Whether a lowercase word denies (`not`, `never`, `won't`).
fn is_negation(lower: &str) -> bool {
    matches!(
        lower,
        "not" | "no" | "never" | "cannot" | "nobody" | "nothing"
    ) || lower.ends_with("n't")
}
