//! The cues attribution looks for and the bounds it looks within: verbs of
//! speech, source phrases (`according to`), and the sentence around a
//! quotation (never more than [`WINDOW`] tokens either way).

use super::super::chars::ToLowercase;
use super::super::lexicon::{PhraseList, VerbForm};
use super::super::phrases::Phrase;
use super::super::tokens::{ends_sentence, is_capitalised, SpeechVerbAt, Tokens};

/// The speech verb at token `i`. Only lowercase words count: `States` in
/// `the United States` is not the verb `state`. A gerund after a form of
/// `be` (`he is claiming`, `He’s saying`) is finite.
pub(super) fn speech_verb(tokens: Tokens, i: usize) -> Option<SpeechVerb> {
    let at = match tokens.known_speech_verb(i) {
        Some(at) => at,
        None => speech_verb_at(tokens, i),
    };
    match at {
        SpeechVerbAt::No => None,
        SpeechVerbAt::Verb => Some(SpeechVerb { gerund: false }),
        SpeechVerbAt::Gerund => Some(SpeechVerb { gerund: true }),
    }
}

/// A verb of speech as the readers use it: whether it is a gerund
/// (`adding`), whose speaker is the subject of the main clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct SpeechVerb {
    pub gerund: bool,
}

/// What each of one paragraph's tokens is as a verb of speech, appended to
/// `out`: worked out once, asked many times.
pub fn speech_verbs(tokens: Tokens, out: &mut Vec<SpeechVerbAt>) {
    out.extend((0..tokens.len()).map(|i| speech_verb_at(tokens, i)));
}

fn speech_verb_at(tokens: Tokens, i: usize) -> SpeechVerbAt {
    match works_out_speech_verb(tokens, i) {
        None => SpeechVerbAt::No,
        Some(form) if form.gerund => SpeechVerbAt::Gerund,
        Some(_) => SpeechVerbAt::Verb,
    }
}

fn works_out_speech_verb(tokens: Tokens, i: usize) -> Option<VerbForm> {
    let w = tokens.word(i)?;
    // Nearly every word has no verb of speech's shape: out without a lookup.
    if !tokens.lex.may_be_speech_verb(w) {
        return None;
    }
    if !w.chars().all(|c| c.is_lowercase() || c == '-') {
        return None;
    }
    let mut form = match tokens.lex.speech_verb(w) {
        Some(form) => form,
        None => {
            let form = tokens.lex.phrasal_speech_verb(w)?;
            tokens
                .word(i + 1)
                .filter(|&next| Some(next) == form.particle)?;
            form
        }
    };
    // The bare form is often a noun (`call centres`, `the report`, `a
    // claim`); it is a verb after a plural subject, a modal or `to`.
    if form.base {
        let prev = tokens.word(i.wrapping_sub(1)).unwrap_or("");
        let verb_context = matches!(
            prev.lowercase().as_str(),
            "i" | "we"
                | "you"
                | "they"
                | "to"
                | "will"
                | "would"
                | "shall"
                | "should"
                | "can"
                | "could"
                | "may"
                | "might"
                | "must"
                | "did"
                | "do"
                | "does"
                | "not"
                | "never"
                | "also"
                | "often"
                | "always"
                | "still"
                | "now"
                | "who"
        ) || is_capitalised(prev)
            || (prev.ends_with('s') && !prev.ends_with("ss") && prev.len() > 3)
            // `…”, say residents`: inverted after a quotation
            || (i > 0 && tokens[i - 1].quote().is_some())
            || (i > 1
                && tokens.punct_in(i - 1, &[","])
                && tokens[i - 2].quote().is_some());
        if !verb_context {
            return None;
        }
    }
    // `ministers would be notified`: a passive is not its subject speaking.
    let past_participle = !form.gerund && !form.base && !w.ends_with('s');
    if past_participle
        && tokens
            .word(i.wrapping_sub(1))
            .is_some_and(|p| matches!(p, "be" | "been" | "being" | "is" | "are" | "was" | "were"))
    {
        return None;
    }
    if form.gerund && i > 0 {
        let prev = tokens.word(i - 1).unwrap_or("");
        let be = matches!(prev, "is" | "was" | "are" | "were" | "been" | "be")
            || prev.ends_with("’s")
            || prev.ends_with("'s")
            || prev.ends_with("’re")
            || prev.ends_with("'re");
        if be {
            form.gerund = false;
        }
    }
    Some(form)
}

/// How far, in tokens, attribution looks from a quotation. Attribution is
/// local; the bound keeps the work per quote constant, so a pathological
/// sentence of a hundred thousand quotes still costs linear time.
pub(super) const WINDOW: usize = 60;

/// Index of the first token of the sentence holding token `i` (or of the
/// window's edge).
pub(super) fn sentence_start(tokens: Tokens, i: usize) -> usize {
    // With the sentence ends worked out, one scan of a slice: asked many
    // times per quote.
    if let Some(ends) = tokens.known_sentence_ends() {
        let lo = i.saturating_sub(WINDOW);
        return (ends[lo..i].iter().rposition(|&end| end)).map_or(lo, |j| lo + j + 1);
    }
    let mut k = i;
    while k > 0 && i - k < WINDOW {
        if ends_sentence(tokens, k - 1) {
            break;
        }
        k -= 1;
    }
    k
}

/// Index just past the sentence holding token `i` (or the window's edge).
pub(super) fn sentence_end(tokens: Tokens, i: usize) -> usize {
    if let Some(ends) = tokens.known_sentence_ends() {
        if i >= tokens.len() {
            return tokens.len();
        }
        // As the loop below: the window's last token is not asked, its
        // edge being returned either way.
        let hi = (i + WINDOW).min(tokens.len());
        return (ends[i..hi - 1].iter().position(|&end| end)).map_or(hi, |j| i + j + 1);
    }
    let mut k = i;
    while k < tokens.len() && k - i < WINDOW {
        if k > i && ends_sentence(tokens, k - 1) {
            return k;
        }
        k += 1;
    }
    k.min(tokens.len())
}

/// Multi-word phrase (from a list) starting at token `i`, returning its end.
pub(super) fn phrase_match(tokens: Tokens, i: usize, phrases: &PhraseList) -> Option<usize> {
    // Asked at every word: the first word rules out nearly every phrase,
    // and its first byte most.
    let first = tokens.word(i).filter(|w| phrases.may_start(w))?;
    phrases.phrases.iter().find_map(|p| {
        let (head, rest) = p.split_first()?;
        let matches = head.eq_ignore_ascii_case(first) && words_match(tokens, i + 1, rest);
        matches.then_some(i + p.len())
    })
}

/// Whether the tokens from `i` on are the words of `phrase`, compared
/// ASCII-case-blind.
pub(super) fn words_match(tokens: Tokens, i: usize, phrase: &[&str]) -> bool {
    phrase.iter().enumerate().all(|(k, w)| {
        tokens
            .word(i + k)
            .is_some_and(|t| t.eq_ignore_ascii_case(w))
    })
}

/// Whether the sentence holding token `q` has a verb of speech or a source
/// phrase anywhere in it.
pub fn sentence_has_cue(tokens: Tokens, q: usize) -> bool {
    let lex = tokens.lex;
    let start = sentence_start(tokens, q);
    let end = sentence_end(tokens, q);
    (start..end).any(|i| {
        speech_verb(tokens, i).is_some() || phrase_match(tokens, i, lex.source_phrases()).is_some()
    })
}

/// Whether token `q` is in the first sentence of its paragraph.
pub fn in_first_sentence(tokens: Tokens, q: usize) -> bool {
    sentence_start(tokens, q) == 0
}

/// Whether the quote token at `q` begins a sentence of its own (so it can
/// inherit the speaker of the quote before it).
pub fn starts_sentence(tokens: Tokens, q: usize) -> bool {
    sentence_start(tokens, q) == q
}

/// Whether a phrase found before a verb can be its subject: not the object
/// of a preposition (`in the past described`, `During the Paris visit,
/// Trump released`) and not a possessive that modifies a noun after it
/// (`Clinton’s attacks were echoed`).
pub(super) fn can_be_subject(tokens: Tokens, phrase: &Phrase) -> bool {
    // Not `after`, `before`, `since` or `until`, which also open clauses:
    // `the day after Boris Johnson insisted`.
    const PREPOSITIONS: &[&str] = &[
        "about", "across", "against", "amid", "among", "at", "between", "despite", "during", "for",
        "from", "in", "into", "of", "on", "over", "through", "toward", "towards", "under", "upon",
        "with", "within", "without",
    ];
    let start = phrase.tokens.start;
    let after_preposition = start > 0
        && tokens
            .word(start - 1)
            .is_some_and(|w| PREPOSITIONS.iter().any(|p| p.eq_ignore_ascii_case(w)));
    let possessive = phrase.tokens.end > start
        && tokens
            .word(phrase.tokens.end - 1)
            .is_some_and(super::super::names::is_possessive);
    !after_preposition && !possessive
}
