//! Speakers carried from earlier in the story: the last person said to
//! speak before a quote, in its paragraph or the one before.

use super::super::phrases::{phrase_before, PhraseKind};
use super::clauses::clause_subject;
use super::found::{Attribution, How, ParagraphTokens};
use super::sentence::{sentence_start, speech_verb, WINDOW};

/// For a quote at the start of a paragraph, a cue ending the paragraph before
/// it with a colon: `Caddell continued:` / `He said:`.
pub fn introduced_by_previous(prev: &ParagraphTokens) -> Option<Attribution> {
    let tokens = prev.tokens;
    let last = tokens.len().checked_sub(1)?;
    if !tokens.punct_in(last, &[":"]) {
        return None;
    }
    let start = sentence_start(tokens, last);
    let mut i = last;
    while i > start {
        i -= 1;
        if speech_verb(tokens, i).is_some_and(|v| !v.gerund) {
            // `made the following comment:` has a cue word without a subject
            // before it; keep looking.
            if let Some(phrase) = prev.subject_before(i, start) {
                return Some(Attribution::from_phrase(
                    tokens,
                    &phrase,
                    Some(tokens[i].range()),
                    How::IntroducedBefore,
                ));
            }
        }
    }
    // `Mr Smith:` alone
    if let Some(phrase) = phrase_before(tokens, last, start) {
        if phrase.kind == PhraseKind::Name && phrase.tokens.start == start {
            return Some(Attribution::from_phrase(
                tokens,
                &phrase,
                None,
                How::IntroducedBefore,
            ));
        }
    }
    // `On July 6, Sanders made the following comment:` — the sentence's
    // subject introduces the quote.
    let subject = clause_subject(tokens, start, last)?;
    Some(Attribution::from_phrase(
        tokens,
        &subject,
        None,
        How::IntroducedBefore,
    ))
}

/// The nearest speech cue with a subject before token `q` in its paragraph,
/// in an earlier sentence: `Schiff said. “The other factor…”`.
pub fn earlier_cue(
    para: &ParagraphTokens,
    q: usize,
    is_term: impl Fn(usize) -> bool,
) -> Option<Earlier> {
    let tokens = para.tokens;
    let mut i = q;
    while i > 0 && q - i < WINDOW {
        i -= 1;
        if let Some(quote) = tokens[i].quote().filter(|&o| !is_term(o)) {
            // that quote's own speaker is the latest
            return Some(Earlier::Quote(quote));
        }
        if let Some(cue) = cue_at(para, i, How::EarlierSentence) {
            return Some(Earlier::Cue(cue));
        }
    }
    None
}

/// The latest speech cue with a subject before token `q` in its paragraph
/// (within [`WINDOW`] tokens), passing over quotations.
pub fn latest_cue(para: &ParagraphTokens, q: usize) -> Option<Attribution> {
    let mut i = q;
    while i > 0 && q - i < WINDOW {
        i -= 1;
        if let Some(cue) = cue_at(para, i, How::EarlierSentence) {
            return Some(cue);
        }
    }
    None
}

/// The first speech cue with a subject after token `q` in its paragraph
/// (within [`WINDOW`] tokens), before the next quotation: `“…” Ms Cole says
/// the plan would help.`
pub fn next_cue(
    para: &ParagraphTokens,
    q: usize,
    is_term: impl Fn(usize) -> bool,
) -> Option<Attribution> {
    let tokens = para.tokens;
    for i in q + 1..tokens.len().min(q + 1 + WINDOW) {
        if tokens[i].quote().is_some_and(|o| !is_term(o)) {
            return None;
        }
        if let Some(cue) = cue_at(para, i, How::After) {
            // A cue in the quote's own sentence is not after it.
            if sentence_start(tokens, i) > q {
                return Some(cue);
            }
        }
    }
    None
}

/// The speech cue at token `i` with its subject, when the token is a verb
/// of speech (not a gerund) whose sentence names who speaks before it.
fn cue_at(para: &ParagraphTokens, i: usize, how: How) -> Option<Attribution> {
    let tokens = para.tokens;
    speech_verb(tokens, i).filter(|v| !v.gerund)?;
    let phrase = para.subject_before(i, sentence_start(tokens, i))?;
    Some(Attribution::from_phrase(
        tokens,
        &phrase,
        Some(tokens[i].range()),
        how,
    ))
}

/// The latest quotation (not a term) before token `q` in its paragraph,
/// within [`WINDOW`] tokens.
pub fn latest_quote(
    para: &ParagraphTokens,
    q: usize,
    is_term: impl Fn(usize) -> bool,
) -> Option<usize> {
    para.tokens.tokens[..q.min(para.tokens.len())]
        .iter()
        .rev()
        .take(WINDOW)
        .filter_map(|t| t.quote())
        .find(|&o| !is_term(o))
}

/// The subject of the sentence holding the quote at token `q`, before the
/// quote: `The mayor stressed the “shared goal”`.
pub fn sentence_subject(para: &ParagraphTokens, q: usize) -> Option<Attribution> {
    let tokens = para.tokens;
    let start = sentence_start(tokens, q);
    let subject = clause_subject(tokens, start, q)?;
    Some(Attribution::from_phrase(
        tokens,
        &subject,
        None,
        How::Before,
    ))
}

/// The latest speaker before a position: a reported-speech cue, or a quote
/// (whose own speaker, if it has one, is the latest).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Earlier {
    Cue(Attribution),
    Quote(usize),
}
