//! Candidate speakers near a quotation that no clause finder vouches for:
//! the pronouns around it, the subject of every verb of speech (`Beck on
//! Wednesday called X “…”`), the noun phrase that opens each clause (`One
//! man wrote, “…”`) and each source named (`according to X`). Many are
//! wrong; the speaker model weighs them, and one is often the annotators'
//! speaker where the finders read none.

use super::super::chars::ToLowercase;
use super::super::gender::Gender;
use super::super::phrases::{phrase_at, phrase_at_any_noun, phrase_before, Phrase, PhraseKind};
use super::found::{Attribution, Finder, How, ParagraphTokens};
use super::sentence::{can_be_subject, phrase_match, sentence_end, sentence_start, speech_verb};

/// The token range the nearby finders read for the quote at token `q`: its
/// sentence and the one before it (within the paragraph).
pub fn window(para: &ParagraphTokens, q: usize) -> std::ops::Range<usize> {
    let (before, own) = window_sentences(para, q);
    before.unwrap_or(own)..sentence_end(para.tokens, q)
}

/// Where the sentences of the quote at token `q`'s window start: the one
/// before it (if it is in the paragraph) and its own.
pub fn window_sentences(para: &ParagraphTokens, q: usize) -> (Option<usize>, usize) {
    let tokens = para.tokens;
    let start = sentence_start(tokens, q);
    let before = (start > 0).then(|| sentence_start(tokens, start - 1));
    (before, start)
}

/// The nearby candidates in tokens `start..end` of `para`, a sentence (or
/// the part of a long one the quote's window reaches); a quote's are those
/// of the sentences of its [`window_sentences`], in order. Read by
/// sentence so that the quotes of one paragraph share the reading.
pub fn nearby_in_sentence(
    para: &ParagraphTokens,
    (start, end): (usize, usize),
) -> Vec<(Finder, Attribution)> {
    let tokens = para.tokens;
    let make = |phrase: &Phrase, cue: Option<std::ops::Range<usize>>| {
        Attribution::from_phrase(tokens, phrase, cue, How::Before)
    };
    let mut out = Vec::new();
    for i in start..end {
        if tokens[i].quote().is_some() {
            continue;
        }
        let Some(w) = tokens.word(i) else {
            // each clause's opening noun phrase: after a comma or a colon
            if tokens.punct_in(i, &[",", ":", ";", "—", "–"]) && i + 1 < end {
                if let Some(p) = clause_opening(para, i + 1, end) {
                    out.push((Finder::ClauseStart, make(&p, None)));
                }
            }
            continue;
        };
        if i == start || super::super::tokens::ends_sentence(tokens, i - 1) {
            if let Some(p) = clause_opening(para, i, end) {
                out.push((Finder::ClauseStart, make(&p, None)));
            }
        }
        // `…,” Welch said, according to Vermont Edition.`: the source
        if let Some(after) = phrase_match(tokens, i, tokens.lex.source_phrases()) {
            if let Some(p) = phrase_at(tokens, after, end) {
                let cue = tokens[i].start..tokens[after - 1].end;
                let a = Attribution::from_phrase(tokens, &p, Some(cue), How::Source);
                out.push((Finder::Source, a));
            }
        }
        let lower_who = w.eq_ignore_ascii_case("who");
        // `“…,” [who] said.`: the placeholder a quick fix types is nobody
        let bracketed = i > start && tokens.punct_in(i - 1, &["["]);
        if (tokens.lex.pronoun(w).is_some() || lower_who) && !bracketed {
            // `said one Republican, who spoke…`: a `who` is whoever it
            // follows, and nobody when nothing before it can be.
            let (kind, antecedent) = if lower_who {
                let before = match tokens.punct_in(i.wrapping_sub(1), &[","]) {
                    true => i - 1,
                    false => i,
                };
                match phrase_before(tokens, before, start) {
                    Some(p) => (p.kind, Some(tokens.bytes(p.naming_tokens()))),
                    None => match description_after_verb(tokens, start, before) {
                        Some(described) => (PhraseKind::Role, Some(tokens.bytes(described))),
                        None => continue,
                    },
                }
            } else {
                match phrase_at(tokens, i, i + 1) {
                    Some(p) => (p.kind, None),
                    None => continue,
                }
            };
            out.push((
                Finder::Pronoun,
                Attribution {
                    naming: tokens[i].range(),
                    antecedent,
                    kind,
                    role: None,
                    cue: None,
                    how: How::Before,
                },
            ));
        }
        if let Some((gender, noun)) = possessive_of_speech(tokens, i, end) {
            out.push((
                Finder::Possessive,
                Attribution {
                    naming: tokens[i].range(),
                    antecedent: None,
                    kind: PhraseKind::Pronoun(gender),
                    role: None,
                    cue: Some(tokens[noun].range()),
                    how: How::Before,
                },
            ));
        }
        if speech_verb(tokens, i).is_some() {
            if let Some(p) = para
                .subject_before(i, start)
                .filter(|p| can_be_subject(tokens, p))
            {
                out.push((Finder::VerbSubject, make(&p, Some(tokens[i].range()))));
            }
        }
    }
    out
}

/// How far after a possessive its noun of speech may be, in words: the
/// third at most (`her often repeated claim`).
const POSSESSIVE_REACH: usize = 3;

/// When token `i` is `his` or `her` and a noun of speech follows within a
/// few words (`his promise to be “neutral”`, `her repeated claim that
/// “…”`): the gender it stands for and the noun's token. Whose remark it
/// is, is whose words they are; `their` and `its` are left to the other
/// finders (a group or a firm, seldom the annotators' speaker).
fn possessive_of_speech(
    tokens: super::super::tokens::Tokens,
    i: usize,
    end: usize,
) -> Option<(Gender, usize)> {
    let w = tokens.word(i)?;
    let gender = if w.eq_ignore_ascii_case("his") {
        Gender::Male
    } else if w.eq_ignore_ascii_case("her") {
        Gender::Female
    } else {
        return None;
    };
    // Only adjectives and adverbs stand between: in `told her the
    // statement` or `sent her their statement`, `her` is an object.
    for k in i + 1..end.min(i + 1 + POSSESSIVE_REACH) {
        let lower = tokens.word(k)?.lowercase();
        if tokens.lex.is_speech_noun(&lower) {
            return Some((gender, k));
        }
        if tokens.lex.is_function_word(&lower) {
            return None;
        }
    }
    None
}

/// The words between a verb of speech and `end` when they describe
/// someone: `said [one Republican involved in the planning], who…`, a short
/// run opening on an article or `one`, with no other verb of speech.
fn description_after_verb(
    tokens: super::super::tokens::Tokens,
    start: usize,
    end: usize,
) -> Option<std::ops::Range<usize>> {
    let verb = (start..end)
        .rev()
        .take(10)
        .find(|&k| speech_verb(tokens, k).is_some())?;
    let first = tokens.word(verb + 1)?;
    let opens = matches!(
        first.lowercase().as_str(),
        "a" | "an" | "the" | "one" | "another"
    );
    let words = (verb + 1..end).all(|k| tokens.word(k).is_some());
    (opens && words && end > verb + 2).then_some(verb + 1..end)
}

/// The noun phrase opening a clause at token `i`, any noun heading it
/// (`One man`, `The Blaze’s Matt Walsh`, `A 1996 FEC advisory opinion`).
fn clause_opening(para: &ParagraphTokens, i: usize, hi: usize) -> Option<Phrase> {
    let tokens = para.tokens;
    tokens.word(i)?;
    phrase_at_any_noun(tokens, i, sentence_end(tokens, i).min(hi).max(i + 1))
        .filter(|p| p.kind != PhraseKind::OtherPronoun || tokens.word(i) != Some("It"))
        // `The so-called “Brexit bus”`: words before a quoted noun modify it
        .filter(|p| tokens.get(p.tokens.end).is_none_or(|t| t.quote().is_none()))
        // `An hour before opening, …`: a time opens clauses but never speaks
        .filter(|p| !headed_by_time_noun(para, p))
}

/// Whether `phrase` is a description whose last word is a noun of time
/// (`Last week`, `an hour`); a name ending in one (`Larry Summers`, `USA
/// Today`) is still a name.
fn headed_by_time_noun(para: &ParagraphTokens, phrase: &Phrase) -> bool {
    let tokens = para.tokens;
    let description = matches!(phrase.kind, PhraseKind::Role | PhraseKind::OtherPronoun);
    description
        && (phrase.tokens.clone())
            .rev()
            .find_map(|i| tokens.word(i))
            .is_some_and(|w| tokens.lex.is_time_noun(&w.to_ascii_lowercase()))
}
