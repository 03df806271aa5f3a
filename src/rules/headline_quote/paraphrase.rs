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
//! Also whether the headline restates its intro: the words around the
//! quote are in the first paragraph's sentence of reported speech, so the
//! quote is that claim in other words (the rule makes that a hint).
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
    /// Where the headline is in the prose, if the draft has one.
    headline: Option<Range<usize>>,
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
        // The intro: the first paragraph of body after the headline.
        let paragraphs = &analysis.document.paragraphs;
        let headline = paragraphs
            .iter()
            .position(|p| p.kind == ParagraphKind::Headline);
        let intro = (paragraphs.iter().skip(headline.map_or(0, |h| h + 1)))
            .find(|p| p.kind == ParagraphKind::Body)
            .map_or(0..0, |p| p.range.clone());
        let headline = headline.map(|h| paragraphs[h].range.clone());
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
                let intro = intro.contains(&sentence.start);
                let text = &prose[sentence];
                let mut spoken = quoted;
                let mut according = false;
                let mut words = Vec::new();
                let mut denied = false;
                let mut last_end = 0;
                for_each_word(text, |range, _| {
                    // a comma or any other mark ends what a negation is about
                    if mark_between(text, last_end, range.start) {
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
        BodySentences {
            sentences,
            headline,
        }
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

    /// Whether the headline restates the body's intro around the quote at
    /// `quote` (bytes of the prose), which must be in the headline, not a
    /// crosshead. One sentence of speech in the intro holds two at least of
    /// the words of meaning the headline has outside the quote, and all of
    /// them but its verbs of speech ([`framing_words`]); every word of the
    /// quote that changes a claim; and none of its words the other way
    /// round. A headline is written from its intro (`Games firms 'face
    /// tough future'` over `UK video game firms face a testing time, the
    /// industry warns`): its quotation marks say the claim is the source's,
    /// in fewer words. Whether the fewer words keep the sense (`'tough
    /// future'` for `a testing time`, not `'bright future'`) takes a reader.
    pub fn restates_intro(&self, analysis: &Analysis, quote: Range<usize>) -> bool {
        let Some(headline) = self.headline.clone() else {
            return false;
        };
        if quote.start < headline.start || quote.end > headline.end {
            return false;
        }
        let prose = &analysis.document.prose;
        let Some(quoted) = QuoteStems::read(analysis, &prose[quote.clone()]) else {
            return false;
        };
        let inside = quote.start - headline.start..quote.end - headline.start;
        let framing = framing_words(analysis, &prose[headline], inside);
        (self.sentences.iter()).any(|Sentence { words, intro }| {
            let held = |stem: &str| has(words, stem, false);
            *intro
                && (framing.iter()).all(|(stem, speech)| *speech || held(stem))
                && framing.iter().filter(|(stem, _)| held(stem)).count() >= 2
                && quoted.claims_kept(words)
        })
    }
}

/// The stems of a headline's words of meaning outside `quote`, each with
/// whether the intro may word it otherwise: a verb of speech (`Union says…`
/// over `the union warns`; but `rule` is a noun as often). The attribution
/// after the quote (a verb of speech and up to three words after it, to
/// the next mark: `, says ex-aide`) is left out: the body names the source
/// otherwise (`his former adviser`).
fn framing_words(analysis: &Analysis, headline: &str, quote: Range<usize>) -> Vec<(String, bool)> {
    const ATTRIBUTION_WORDS: usize = 3;
    let lex = &analysis.lexicon;
    let mut framing = Vec::new();
    let mut lower = String::new();
    let mut attribution: Option<usize> = None;
    let mut last_end = 0;
    for_each_word(headline, |range, _| {
        let marked = mark_between(headline, last_end, range.start);
        last_end = range.end;
        if range.start < quote.end && range.end > quote.start {
            return;
        }
        // a mark ends the attribution: `…', says aide, as minister quits`
        if marked || attribution == Some(0) {
            attribution = None;
        }
        lower.clear();
        push_normalised(&headline[range.clone()], &mut lower);
        let speech = lex.speech_verb(&lower).is_some();
        if speech && range.start >= quote.end {
            attribution = Some(ATTRIBUTION_WORDS);
        } else if let Some(left) = attribution.as_mut() {
            *left -= 1;
        } else if !lex.is_function_word(&lower) {
            framing.push((ENGLISH.stem(&lower).into_owned(), speech));
        }
    });
    framing
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

/// Whether a punctuation mark stands between the word that ends at `from`
/// and the one that starts at `to` in `text`.
fn mark_between(text: &str, from: usize, to: usize) -> bool {
    text[from.min(to)..to].contains(|c: char| !c.is_whitespace())
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
