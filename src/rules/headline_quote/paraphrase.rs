//! Whether a headline quote paraphrases one sentence of the body: every
//! word of meaning in it (function words aside) is in that sentence, each
//! compared by its Snowball (Porter 2) stem, so `truanted` meets `truant`
//! and `fees` meets `fee` while `protest` does not meet `protect`; and with
//! the same polarity: a word a negation reaches (`no plans to close`, up to
//! the next punctuation mark) counts only for a quote that denies too.

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

/// The body's sentences, stemmed: read once per check, and only when some
/// headline quote is not among the body's words verbatim.
pub struct BodySentences {
    sentences: Vec<Vec<Word>>,
}

impl BodySentences {
    pub fn read(analysis: &Analysis) -> BodySentences {
        let prose = &analysis.document.prose;
        let mut lower = String::new();
        let sentences = analysis
            .body_sentences()
            .map(|sentence| {
                let text = &prose[sentence];
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
                        let stem = ENGLISH.stem(&lower).into_owned();
                        words.push(Word { stem, denied });
                    }
                });
                words
            })
            .collect();
        BodySentences { sentences }
    }

    /// Whether one sentence holds every word of meaning in `quote` with the
    /// quote's polarity. A quote with an ellipsis claims to be the body's
    /// words with some left out, so it is no paraphrase; nor is a quote of
    /// one word of meaning (too little to know a paraphrase by).
    pub fn paraphrased_by(&self, analysis: &Analysis, quote: &str) -> bool {
        let mut stems: Vec<String> = Vec::new();
        let mut lower = String::new();
        let mut denies = false;
        let mut ellipsis = false;
        for_each_word(quote, |range, gap| {
            ellipsis |= gap;
            lower.clear();
            push_normalised(&quote[range], &mut lower);
            if is_negation(&lower) {
                denies = true;
            } else if !analysis.lexicon.is_function_word(&lower) {
                stems.push(ENGLISH.stem(&lower).into_owned());
            }
        });
        if ellipsis || stems.len() < 2 {
            return false;
        }
        self.sentences.iter().any(|words| {
            stems
                .iter()
                .all(|stem| (words.iter()).any(|w| w.denied == denies && w.stem == *stem))
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
