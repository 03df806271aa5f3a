//! A headline's own attribution: headlines name their speaker with a colon
//! or a verb in title case, and drop their articles.

use super::super::chars::ToLowercase;
use super::super::phrases::{phrase_at_any_noun, phrase_before, Phrase, PhraseKind};
use super::super::tokens::Tokens;
use super::found::{Attribution, How};

/// How many tokens before its quote a headline's attribution is read in.
const HEADLINE_TOKENS: usize = 40;

/// A headline names its speaker with a colon (`Pat Caddell: Voters Are
/// ‘Worried’`) or a verb in title case (`Christie Calls Plan ‘A Disgrace’`).
pub(super) fn headline(tokens: Tokens, q: usize) -> Option<Attribution> {
    let lex = tokens.lex;
    // Any case (headlines are in title case), but not the bare form, which in
    // a headline is a noun (`Golden Rule`) far more often than a verb.
    let verb_at = |i: usize| {
        tokens.word(i).is_some_and(|w| {
            let lower = w.lowercase();
            lex.speech_verb(&lower).is_some_and(|v| !v.base)
        })
    };
    // A headline is short: read a few dozen tokens before the quote, so
    // that a page-long line taken for one is not read once per quote in it.
    let near = q.saturating_sub(HEADLINE_TOKENS);
    if let Some(colon) = (0..q.min(HEADLINE_TOKENS)).find(|&i| tokens.punct_in(i, &[":"])) {
        if let Some(phrase) = phrase_before(tokens, colon, 0) {
            if phrase.kind == PhraseKind::Name && phrase.tokens.start == 0 {
                return Some(Attribution::from_phrase(tokens, &phrase, None, How::Colon));
            }
        }
    }
    // `Harbour plan ‘a disaster’, says union`
    let after = if tokens.punct_in(q + 1, &[","]) {
        q + 2
    } else {
        q + 1
    };
    if verb_at(after) {
        if let Some(phrase) = phrase_at_any_noun(tokens, after + 1, tokens.len())
            .or_else(|| bare_noun_phrase(tokens, after + 1))
        {
            return Some(Attribution::from_phrase(
                tokens,
                &phrase,
                Some(tokens[after].range()),
                How::After,
            ));
        }
    }
    // `Harbour plan ‘a disaster’, union says`
    if after < tokens.len() {
        let phrase = phrase_at_any_noun(tokens, after, tokens.len())
            .or_else(|| bare_noun_phrase(tokens, after));
        if let Some(phrase) = phrase.filter(|p| verb_at(p.tokens.end)) {
            let cue = tokens[phrase.tokens.end].range();
            return Some(Attribution::from_phrase(
                tokens,
                &phrase,
                Some(cue),
                How::After,
            ));
        }
    }
    // The nearest verb with a name before it: `Clinton Says Russians Hacked
    // Party, Calls Remarks ‘Troubling’` is Clinton's, past `Calls`.
    let verb_and_name = (near..q).rev().filter(|&i| verb_at(i)).find_map(|i| {
        let name = super::super::names::name_ending_at(tokens, i, 0)?;
        // `Calls` before `Remarks` is another verb, not a name.
        let verbs_in_name = name.tokens.clone().any(verb_at);
        (!verbs_in_name).then_some((i, name))
    });
    let (verb, name) = verb_and_name?;
    let phrase = Phrase::new(name.tokens.clone(), PhraseKind::Name);
    Some(Attribution::from_phrase(
        tokens,
        &phrase,
        Some(tokens[verb].range()),
        How::Before,
    ))
}

/// Headlines drop articles: `says union`, `claims minister`.
fn bare_noun_phrase(tokens: Tokens, k: usize) -> Option<Phrase> {
    let w = tokens.word(k)?.lowercase();
    // `ex-aide`, `co-founder`: the role after the prefix
    let w = w.rsplit('-').next().unwrap_or(&w).to_owned();
    let lex = tokens.lex;
    let kind = if lex.is_role_noun(&w) {
        PhraseKind::Role
    } else if lex.is_organisation_noun(&w) {
        PhraseKind::Organisation
    } else {
        return None;
    };
    Some(Phrase {
        tokens: k..k + 1,
        kind,
        appositive_name: None,
        role: None,
        relative: None,
    })
}
