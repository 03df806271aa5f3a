//! Reading a speaker phrase forwards from a position: `said the defence
//! secretary, Ben Wallace`, `“…,” Mr Wallace said`.

use super::super::chars::ToLowercase;
use super::super::names::{is_possessive, name_at, NameSpan};
use super::super::tokens::{is_capitalised, TokenKind, Tokens};
use super::phrase::*;

/// Reads a phrase that starts at token `k`, not reading past `hi`.
pub fn phrase_at(tokens: Tokens, k: usize, hi: usize) -> Option<Phrase> {
    phrase_at_inner(tokens, k, hi, false)
}

/// As [`phrase_at`], but a determiner phrase counts whatever its noun (`the
/// New York businessman`): for positions where the grammar already says the
/// phrase is the speaker, as in `“…,” the New York businessman said`.
pub fn phrase_at_any_noun(tokens: Tokens, k: usize, hi: usize) -> Option<Phrase> {
    phrase_at_inner(tokens, k, hi, true)
}

fn phrase_at_inner(tokens: Tokens, k: usize, hi: usize, any_noun: bool) -> Option<Phrase> {
    let hi = hi.min(tokens.len());
    if k >= hi {
        return None;
    }
    if let Some(phrase) = premodified_name(tokens, k, hi) {
        return Some(phrase);
    }
    let w = tokens.word(k)?;
    if let Some(kind) = pronoun(tokens.lex, w) {
        return Some(Phrase::new(k..k + 1, kind));
    }
    let mut unknown_noun = false;
    // `that` before a name is a conjunction (`said that Phoenix…`), not a determiner.
    let determiner = lower_is(w, DETERMINERS) && !w.eq_ignore_ascii_case("that");
    let mut phrase = if determiner && capitalised_name_after(tokens, k + 1, hi).is_some() {
        // `the Rev. Peter Wherry`, `The New York Post`, `the White House`
        let end = capitalised_name_after(tokens, k + 1, hi).unwrap_or(k + 1);
        Phrase::new(k..end, PhraseKind::Name)
    } else if determiner {
        match description_from(tokens, k, k + 1, hi) {
            Some(p) => p,
            None => {
                unknown_noun = true;
                description_reading(tokens, k, k + 1, hi, true)?
            }
        }
    } else if is_capitalised(w) {
        name_phrase_at(tokens, k, hi)?
    } else {
        bare_noun_phrase_at(tokens, k, hi)?
    };
    add_apposition(tokens, &mut phrase, hi);
    // `her Russian equal, Sergei Lavrov`: an unlisted noun is a speaker only
    // with the name beside it.
    if unknown_noun && phrase.appositive_name.is_none() && !any_noun {
        return None;
    }
    Some(phrase)
}

/// A name starting at `k`, with the leading adjectives that are never
/// names (`European Council President Donald Tusk`); or, for a possessive
/// name, the description it owns (`Mr Blair's official spokesman`).
fn name_phrase_at(tokens: Tokens, k: usize, hi: usize) -> Option<Phrase> {
    let mut first = k;
    while first < k + 3
        && first + 1 < hi
        && tokens
            .word(first)
            .is_some_and(|w| tokens.lex.is_not_name(w) && !is_pronoun(tokens.lex, w))
    {
        first += 1;
    }
    let name = name_at(tokens, first, hi)?;
    let name = NameSpan {
        tokens: k..name.tokens.end,
        ..name
    };
    let end = name.tokens.end;
    if name.possessive && tokens.word(end).is_some_and(|n| !is_capitalised(n)) {
        description_from(tokens, k, end, hi)
    } else {
        Some(Phrase::new(name.tokens.clone(), PhraseKind::Name))
    }
}

/// Bare plurals and mass nouns: `officials`, `police`, `sources`.
fn bare_noun_phrase_at(tokens: Tokens, k: usize, hi: usize) -> Option<Phrase> {
    let mut end = k;
    let lex = tokens.lex;
    while end < hi
        && end - k < 4
        && tokens.word(end).is_some_and(|w| {
            !is_capitalised(w)
                && (lex.is_role_noun(w) || lex.is_organisation_noun(w) || lex.is_anonymous_noun(w))
        })
    {
        end += 1;
    }
    if end == k {
        return None;
    }
    let kind = description_kind(tokens, k..end)?;
    Some(Phrase::new(k..end, kind))
}

/// Extends `phrase` with an apposition set off by commas after it: `the
/// defence secretary, Ben Wallace,` (the name is the speaker) or `Ben
/// Wallace, the defence secretary,` (the role is theirs).
fn add_apposition(tokens: Tokens, phrase: &mut Phrase, hi: usize) {
    let after = phrase.tokens.end;
    if !tokens.punct_in(after, &[","]) {
        return;
    }
    match phrase.kind {
        PhraseKind::Role | PhraseKind::Organisation => {
            if let Some(name) = tokens
                .word(after + 1)
                .filter(|w| is_capitalised(w))
                .and_then(|_| name_at(tokens, after + 1, hi))
            {
                let closes = name.tokens.end >= hi
                    || !tokens.word(name.tokens.end).is_some_and(|w| {
                        !is_capitalised(w)
                            && !is_auxiliary(w)
                            && tokens.lex.speech_verb(w).is_none()
                    });
                if closes && !name.possessive {
                    let whole = phrase.tokens.start..name.tokens.end;
                    *phrase = Phrase::apposition(whole, phrase.tokens.clone(), name.tokens);
                }
            }
        }
        PhraseKind::Name
            if tokens
                .word(after + 1)
                .is_some_and(|w| lower_is(w, DETERMINERS)) =>
        {
            if let Some(desc) = description_from(tokens, after + 1, after + 2, hi) {
                if desc.kind == PhraseKind::Role && tokens.punct_in(desc.tokens.end, &[","]) {
                    phrase.appositive_name = Some(phrase.tokens.clone());
                    phrase.role = Some(desc.tokens.clone());
                    phrase.tokens = phrase.tokens.start..desc.tokens.end + 1;
                }
            }
        }
        _ => {}
    }
}

/// A name after a role that describes it: `9/11 widow Terry Strada`,
/// `MSNBC host Chris Matthews`, `the Democratic nominee Hillary Clinton`.
fn premodified_name(tokens: Tokens, k: usize, hi: usize) -> Option<Phrase> {
    let prose = tokens.prose;
    let lex = tokens.lex;
    let mut j = k;
    let mut last_role = false;
    while j < hi && j < k + 7 {
        let t = tokens[j];
        match t.kind {
            TokenKind::Word => {
                let w = t.text(prose);
                if is_capitalised(w) && last_role && j > k {
                    let name = name_at(tokens, j, hi)?;
                    return Some(Phrase::apposition(k..name.tokens.end, k..j, name.tokens));
                }
                if (j > k && lower_is(w, DETERMINERS))
                    || lower_is(w, STOPS)
                    || is_auxiliary(w)
                    || pronoun(tokens.lex, w).is_some()
                    || lex.speech_verb(w).is_some()
                {
                    return None;
                }
                // `city planner Ann Bell`: a role noun, or any lowercase noun
                // after a modifier, right before the name.
                last_role = !is_capitalised(w)
                    && !lower_is(w, PREPOSITIONS_IN_PHRASE)
                    && (lex.is_role_noun(w) || j > k);
            }
            TokenKind::Number => last_role = false,
            TokenKind::Punct if matches!(t.text(prose), "/" | "-") => last_role = false,
            _ => return None,
        }
        j += 1;
    }
    None
}

/// The end of a name starting at `i` that is not the first half of a
/// description (`the UK defence minister` is a description).
fn capitalised_name_after(tokens: Tokens, i: usize, hi: usize) -> Option<usize> {
    let w = tokens.word(i)?;
    if !is_capitalised(w) || tokens.lex.is_not_name(w) {
        return None;
    }
    let name = name_at(tokens, i, hi)?;
    let end = name.tokens.end;
    let continues = tokens.word(end).is_some_and(|n| {
        !is_capitalised(n)
            && !is_auxiliary(n)
            && !lower_is(n, STOPS)
            && tokens.lex.speech_verb(n).is_none()
    });
    (!continues && !name.possessive).then_some(end)
}

/// Whether the word at `k`, which can be a verb of speech, is a noun here:
/// a document or a body's noun (`report`, `tweet`, `press`) with a verb of
/// speech after it (`the new report said`, but `the council reports
/// that`).
fn noun_before_verb(tokens: Tokens, k: usize) -> bool {
    let lex = tokens.lex;
    let noun = tokens.word(k).is_some_and(|w| {
        let lower = w.lowercase();
        lex.is_organisation_noun(&lower) || lex.is_role_noun(&lower)
    });
    noun && tokens
        .word(k + 1)
        .is_some_and(|n| lex.speech_verb(n).is_some())
}

/// Reads the rest of a description that began at `start`, continuing from
/// `from`: adjectives and nouns, and up to two `for the ministry` phrases.
fn description_from(tokens: Tokens, start: usize, from: usize, hi: usize) -> Option<Phrase> {
    description_reading(tokens, start, from, hi, false)
}

/// As [`description_from`]; with `any_noun`, a phrase whose noun is not in
/// the role or organisation lists is read too (as a role), for the caller to
/// accept only with further evidence such as an apposed name.
fn description_reading(
    tokens: Tokens,
    start: usize,
    from: usize,
    hi: usize,
    any_noun: bool,
) -> Option<Phrase> {
    let lex = tokens.lex;
    let mut end = from;
    let mut prepositions = 0;
    while end < hi && end - start < 10 {
        let Some(w) = tokens.word(end) else {
            break;
        };
        // read as any noun, a past tense ends the subject (`The lights went
        // out`); otherwise one may be an adjective (`a lay preacher`)
        let verb = (lex.speech_verb(w).is_some() && !noun_before_verb(tokens, end))
            || (any_noun && lex.is_irregular_past(w));
        if lower_is(w, STOPS) || is_auxiliary(w) || (end > from && verb) {
            break;
        }
        if lower_is(w, PREPOSITIONS_IN_PHRASE) {
            let prev_noun = tokens.word(end - 1).is_some_and(|p| {
                let p = p.lowercase();
                lex.is_role_noun(&p) || lex.is_organisation_noun(&p)
            });
            if !prev_noun || prepositions == 2 {
                break;
            }
            prepositions += 1;
        } else if lower_is(w, DETERMINERS)
            && end > from
            && !lower_is(tokens.word(end - 1).unwrap_or(""), PREPOSITIONS_IN_PHRASE)
        {
            break;
        }
        end += 1;
    }
    // Do not end on a preposition or determiner.
    while end > from
        && tokens
            .word(end - 1)
            .is_some_and(|w| lower_is(w, PREPOSITIONS_IN_PHRASE) || lower_is(w, DETERMINERS))
    {
        end -= 1;
    }
    // Read as any noun, a description does not end on a past tense: `the
    // doors opened`, `both men issued` are a subject and its verb.
    while any_noun
        && end > from + 1
        && tokens
            .word(end - 1)
            .is_some_and(|w| w.ends_with("ed") && w.chars().all(|c| c.is_lowercase()))
    {
        end -= 1;
    }
    if end == from && !tokens.word(start).is_some_and(is_possessive) {
        return None;
    }
    let kind = match description_kind(tokens, start..end) {
        Some(kind) => kind,
        None if any_noun => PhraseKind::Role,
        None => return None,
    };
    Some(Phrase::new(start..end, kind))
}
