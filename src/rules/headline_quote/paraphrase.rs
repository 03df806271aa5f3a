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

use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

use crate::analysis::quote_words::{for_each_word, push_normalised};
use crate::analysis::Analysis;

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
    sentences: Vec<Vec<Word>>,
}

impl BodySentences {
    pub fn read(analysis: &Analysis) -> BodySentences {
        let prose = &analysis.document.prose;
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
                spoken.then_some(words)
            })
            .collect();
        BodySentences { sentences }
    }

    /// Whether a sentence of speech holds all but one of the words of
    /// meaning in `quote` and every word that changes its claim, with the quote's
    /// polarity. A quote with an ellipsis claims to be the body's words
    /// with some left out, so it is no paraphrase.
    pub fn paraphrased_by(&self, analysis: &Analysis, quote: &str) -> bool {
        let lex = &analysis.lexicon;
        // Each word of meaning's stem, and whether it changes the claim.
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
        if ellipsis || stems.is_empty() {
            return false;
        }
        self.sentences.iter().any(|words| {
            let has = |stem: &String, denied: bool| {
                (words.iter()).any(|w| w.denied == denied && w.stem == *stem)
            };
            let found = stems.iter().filter(|(stem, _)| has(stem, denies)).count();
            let claims_kept = stems
                .iter()
                .all(|(stem, claim)| !claim || has(stem, denies));
            // `fee factor` over `fees were not a factor`: the sentence denies
            // what the quote asserts.
            let contradicted = stems
                .iter()
                .any(|(stem, _)| has(stem, !denies) && !has(stem, denies));
            found >= stems.len().saturating_sub(1).max(1) && claims_kept && !contradicted
        })
    }
}

/// Whether a lowercase word denies (`not`, `never`, `won't`).
fn is_negation(lower: &str) -> bool {
    matches!(
        lower,
        "not" | "no" | "never" | "cannot" | "nobody" | "nothing"
    ) || lower.ends_with("n't")
}
