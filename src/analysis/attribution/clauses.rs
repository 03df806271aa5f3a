//! The attribution clause around one quotation in its paragraph: after it
//! (`“…,” Mr Wallace said.`), before it (`Mr Wallace said: “…”`), passive
//! (`dismissed as “deaf” by X`), in a headline or a transcript label.

use std::ops::Range;

use super::super::chars::{count_words_up_to, ToLowercase};
use super::super::phrases::{
    is_article, is_auxiliary, phrase_at, phrase_at_any_noun, phrase_before, Phrase, PhraseKind,
};
use super::super::tokens::{quote_ends_sentence, TokenKind, Tokens};
use super::found::{Attribution, Finder, How, ParagraphTokens};
use super::sentence::{can_be_subject, phrase_match, sentence_end, sentence_start, speech_verb};

/// The clause finders, in their order of trust.
pub const FINDERS: [Finder; 8] = [
    Finder::Headline,
    Finder::Label,
    Finder::After,
    Finder::DashAfter,
    Finder::Passive,
    Finder::Colon,
    Finder::Before,
    Finder::Later,
];

/// What one clause finder reads as the attribution of the quote at token
/// `q` of `para` (headlines have theirs, other paragraphs the rest).
pub fn find(para: &ParagraphTokens, q: usize, finder: Finder) -> Option<Attribution> {
    let tokens = para.tokens;
    let make = |phrase: Phrase, cue: Option<Range<usize>>, how: How| {
        Attribution::from_phrase(tokens, &phrase, cue, how)
    };
    if para.display != (finder == Finder::Headline) {
        return None;
    }
    match finder {
        Finder::Headline => super::headline::headline(tokens, q),
        Finder::Label => label_inside(tokens, q),
        Finder::After => after(tokens, q).map(|(phrase, cue)| make(phrase, Some(cue), How::After)),
        Finder::DashAfter => {
            dash_after(tokens, q).map(|(phrase, cue)| make(phrase, Some(cue), How::After))
        }
        Finder::Passive => {
            passive_by(tokens, q).map(|(phrase, cue)| make(phrase, Some(cue), How::Passive))
        }
        Finder::Colon => colon_before(tokens, q).map(|phrase| make(phrase, None, How::Colon)),
        Finder::Before => before(para, q).map(|(phrase, cue, how)| make(phrase, Some(cue), how)),
        Finder::Later => {
            later_in_sentence(tokens, q).map(|(phrase, cue, how)| make(phrase, Some(cue), how))
        }
        _ => None,
    }
}

/// A transcript line: `"PENCE: Well, look..."`: the speaker's name in capitals
/// and a colon, just inside the opening mark.
fn label_inside(tokens: Tokens, q: usize) -> Option<Attribution> {
    let prose = tokens.prose;
    let t = tokens[q];
    let text = t.text(prose);
    let mark = text.chars().next()?.len_utf8();
    let inner = &text[mark..];
    let colon = inner.find(':')?;
    let label = &inner[..colon];
    let words = count_words_up_to(label, usize::MAX);
    let shouting = label.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && label
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '-' | '\'' | '’'));
    if !(1..=3).contains(&words) || !shouting || label.starts_with(' ') {
        return None;
    }
    let start = t.start + mark;
    Some(Attribution {
        naming: start..start + label.len(),
        antecedent: None,
        kind: PhraseKind::Name,
        role: None,
        cue: Some(start + colon..start + colon + 1),
        how: How::Colon,
    })
}

/// `“…” ― Carlos Ruiz` / `“…” — Jane Doe, a teacher`: a dash and a name with
/// no verb, ending the paragraph or sentence.
fn dash_after(tokens: Tokens, q: usize) -> Option<(Phrase, Range<usize>)> {
    if !tokens.punct_in(q + 1, &["—", "―", "–", "-"]) {
        return None;
    }
    let hi = sentence_end(tokens, q + 2);
    let phrase = phrase_at(tokens, q + 2, hi)?;
    if phrase.kind != PhraseKind::Name {
        return None;
    }
    let end = phrase.tokens.end;
    let closes = end >= tokens.len()
        || tokens.punct_in(end, &[",", ".", ";", "("])
        || tokens[end].quote().is_some();
    closes.then(|| (phrase, tokens[q + 1].range()))
}

/// `“…,” Mr Wallace said.` / `“…,” said Mr Wallace.` / `“…,” he told reporters.`
pub(super) fn after(tokens: Tokens, q: usize) -> Option<(Phrase, Range<usize>)> {
    let quote_text = tokens.text(q);
    let mut k = q + 1;
    if tokens.punct_in(k, &[",", "—", "–", "-"]) {
        k += 1;
    }
    let hi = sentence_end(tokens, k).max(k + 1).min(tokens.len());
    // said Mr Wallace
    if speech_verb(tokens, k).is_some_and(|v| !v.gerund) {
        let phrase = match phrase_at(tokens, k + 1, hi) {
            Some(phrase) => phrase,
            None => inverted_subject(tokens, (q, k), hi)?,
        };
        if matches!(phrase.kind, PhraseKind::OtherPronoun)
            && tokens.word(k + 1).is_none_or(|w| w != "I")
        {
            // `“…,” said it` is not English; `says it all` is not attribution.
            return None;
        }
        return Some((phrase, tokens[k].range()));
    }
    // Mr Wallace said / the defence secretary has said
    let comma_inside = quote_text
        .trim_end_matches(['”', '"', '’', '\''])
        .ends_with(',');
    // The verb is read after the phrase, at `hi` at the latest: with none
    // up to there, only a name after a comma-closed quote (below) is the
    // speaker, and the phrase is not worth reading for any other.
    let verb_ahead = (k..=hi).any(|v| speech_verb(tokens, v).is_some_and(|v| !v.gerund));
    let name_after_comma = comma_inside && k == q + 1;
    if !(verb_ahead || name_after_comma) {
        return None;
    }
    let phrase = phrase_at_any_noun(tokens, k, hi)?;
    let mut v = phrase.tokens.end;
    for _ in 0..3 {
        let next = skip_aside(tokens, v, hi);
        if next == v {
            break;
        }
        v = next;
    }
    while v < hi && tokens.word(v).is_some_and(is_auxiliary) {
        v += 1;
    }
    let Some(_) = speech_verb(tokens, v).filter(|v| !v.gerund) else {
        // `“…,” Rep. Jane Roe (D-Ohio), a member of the panel, who …`: a
        // quote closed on a comma and followed by a name is that person's,
        // however long the aside before the verb.
        let person = phrase.kind == PhraseKind::Name
            && tokens.word(k).is_some_and(|w| {
                tokens.lex.honorific(w.trim_end_matches('.')).is_some()
                    || tokens.lex.given_name(w).is_some()
            });
        return (comma_inside && k == q + 1 && person).then(|| (phrase, tokens[k].range()));
    };
    // A quote closed on a full stop ends its sentence: `“It is bad.” Mr Pike
    // said the council was fine.` is Mr Pike's next sentence, not this
    // quote's attribution. Only a bare `“…bad.” Mr Pike said.` (a slip of
    // punctuation) still attributes it.
    if quote_ends_sentence(quote_text)
        && !quote_text
            .trim_end_matches(['”', '"', '’', '\''])
            .ends_with(['!', '?'])
    {
        let bare = v + 1 >= tokens.len() || tokens.punct_in(v + 1, &["."]);
        if !bare {
            return None;
        }
    }
    Some((phrase, tokens[v].range()))
}

/// `“…,” said a fisherman.`: after a quote set off by a comma and its
/// verb of speech, a phrase that opens on an article and closes the clause
/// is the speaker, whatever its noun; not `"…" echoed the mood of the
/// town`, where the quote is the subject.
fn inverted_subject(tokens: Tokens, (q, verb): (usize, usize), hi: usize) -> Option<Phrase> {
    let quote = tokens.text(q).trim_end_matches(['”', '"', '’', '\'']);
    let set_off = quote.ends_with(',') || tokens.punct_in(q + 1, &[","]);
    let article = tokens.word(verb + 1).is_some_and(is_article);
    if !set_off || !article {
        return None;
    }
    let phrase = phrase_at_any_noun(tokens, verb + 1, hi)?;
    let end = phrase.tokens.end;
    let closes = end >= hi
        || tokens.punct_in(end, &[",", ".", ";"])
        || tokens
            .word(end)
            .is_some_and(|w| w.eq_ignore_ascii_case("who"));
    closes.then_some(phrase)
}

/// Skips an aside starting at `i`: `(R-Utah)`, `, R-Ky.,`, `, 25,` — when
/// what follows it is an auxiliary or a speech verb.
fn skip_aside(tokens: Tokens, i: usize, hi: usize) -> usize {
    let prose = tokens.prose;
    let close = if tokens.punct_in(i, &["("]) {
        ")"
    } else if tokens.punct_in(i, &[","]) {
        ","
    } else {
        return i;
    };
    let mut k = i + 1;
    while k < hi && k - i < 14 {
        let t = tokens[k];
        if t.quote().is_some() {
            return i;
        }
        if t.kind == TokenKind::Punct && t.text(prose) == close {
            let after = k + 1;
            let mut v = after;
            while v < hi && tokens.word(v).is_some_and(is_auxiliary) {
                v += 1;
            }
            let verb_follows = speech_verb(tokens, v).is_some();
            let another_aside = tokens.punct_in(after, &[",", "("]);
            return if verb_follows || another_aside {
                after
            } else {
                i
            };
        }
        if speech_verb(tokens, k).is_some() {
            return i;
        }
        k += 1;
    }
    i
}

/// `dismissed as “deaf” by her Russian equal, Sergei Lavrov`
fn passive_by(tokens: Tokens, q: usize) -> Option<(Phrase, Range<usize>)> {
    if tokens.word(q + 1).is_none_or(|w| w != "by") {
        return None;
    }
    let start = sentence_start(tokens, q);
    let cue = (start..q)
        .rev()
        .take(4)
        // the passive itself: `has been dismissed as “…” by X`
        .find(|&i| {
            tokens
                .word(i)
                .is_some_and(|w| tokens.lex.speech_verb(w).is_some())
        })?;
    let hi = sentence_end(tokens, q);
    let phrase = phrase_at(tokens, q + 2, hi)?;
    Some((phrase, tokens[cue].range()))
}

/// `Pat Caddell: “…”` — a name, a colon and the quote, with no verb.
fn colon_before(tokens: Tokens, q: usize) -> Option<Phrase> {
    if q < 2 || !tokens.punct_in(q - 1, &[":"]) {
        return None;
    }
    let start = sentence_start(tokens, q - 1);
    let phrase = phrase_before(tokens, q - 1, start)?;
    // `Pat Caddell: “…”`, the agent of `the question posed by Ann Bell:
    // “…”`, or the source of `From the report: “…”`
    let before = (phrase.tokens.start > start)
        .then(|| tokens.word(phrase.tokens.start - 1))
        .flatten()
        .map(str::to_lowercase);
    let speaker = match before.as_deref() {
        None => phrase.tokens.start == start && phrase.kind == PhraseKind::Name,
        Some("by") => phrase.kind == PhraseKind::Name,
        Some("from") => {
            phrase.tokens.start == start + 1
                && matches!(
                    phrase.kind,
                    PhraseKind::Name | PhraseKind::Role | PhraseKind::Organisation
                )
        }
        Some(_) => false,
    };
    speaker.then_some(phrase)
}

/// The nearest cue before the quote in its sentence: `Mr Wallace said: “…”`,
/// `He noted “…”`, `according to X, “…”`, `heard from X that it has “…”`.
fn before(para: &ParagraphTokens, q: usize) -> Option<(Phrase, Range<usize>, How)> {
    let tokens = para.tokens;
    let start = sentence_start(tokens, q);
    let mut gerund_cue: Option<Range<usize>> = None;
    // For a gerund, the main clause's (leftmost) cue with a subject.
    let mut main_clause: Option<(Phrase, Range<usize>)> = None;
    let mut i = q;
    while i > start {
        i -= 1;
        if tokens[i].kind != TokenKind::Word {
            continue;
        }
        if gerund_cue.is_none() {
            if let Some(found) = source_or_owner_at(tokens, i, start, q) {
                return Some(found);
            }
        }
        let Some(verb) = speech_verb(tokens, i) else {
            continue;
        };
        if verb.gerund {
            // `…, adding “…”`: the speaker is the subject of the main clause
            gerund_cue.get_or_insert(tokens[i].range());
            continue;
        }
        if let Some(phrase) = para
            .subject_before(i, start)
            .filter(|p| can_be_subject(tokens, p))
        {
            match &gerund_cue {
                None => {
                    // `Mr Straw said the US had agreed … after “…”`: a cue
                    // inside what an earlier cue reports belongs to that
                    // report; the quote is the outer speaker's.
                    if let Some(outer) = outer_reporter(para, start, phrase.tokens.start) {
                        return Some(outer);
                    }
                    return Some((phrase, tokens[i].range(), How::Before));
                }
                // `He said Mr Blair had spoken…, adding “…”`: keep looking
                // left for the main clause.
                Some(_) => main_clause = Some((phrase, tokens[i].range())),
            }
        }
    }
    let cue = gerund_cue?;
    if let Some((phrase, _)) = main_clause {
        return Some((phrase, cue, How::Before));
    }
    gerund_subject(tokens, start, q).map(|phrase| (phrase, cue, How::Before))
}

/// A cue at word `i` before the quote at `q` that names its own speaker: a
/// source phrase (`according to X`), a relative clause (`Mr Pike, who wants
/// a move from “…”`: the person it describes), or a speech noun with an
/// owner (`Ms Lane's description of him as an “…”`, `Mr Pike's warning
/// that …`).
fn source_or_owner_at(
    tokens: Tokens,
    i: usize,
    start: usize,
    q: usize,
) -> Option<(Phrase, Range<usize>, How)> {
    let lex = tokens.lex;
    if let Some(end) = phrase_match(tokens, i, lex.source_phrases()) {
        if let Some(phrase) = phrase_at(tokens, end, q) {
            let cue = tokens[i].start..tokens[end - 1].end;
            return Some((phrase, cue, How::Source));
        }
    }
    if tokens.text(i) == "who" && tokens.punct_in(i.wrapping_sub(1), &[","]) {
        if let Some(mut phrase) = phrase_before(tokens, i - 1, start) {
            phrase.relative = Some(i);
            if matches!(phrase.kind, PhraseKind::Name | PhraseKind::Role) {
                return Some((phrase, tokens[i].range(), How::Before));
            }
        }
    }
    if i > start && lex.is_speech_noun(&tokens.text(i).lowercase()) {
        let owner = super::super::names::name_ending_at(tokens, i, start)?;
        if owner.possessive {
            let phrase = Phrase::new(owner.tokens.clone(), PhraseKind::Name);
            return Some((phrase, tokens[i].range(), How::Before));
        }
    }
    None
}

/// The speaker of a gerund cue with no main-clause cue: the sentence's
/// subject (`He then defended the remark, saying “…”`), or the subject
/// after the clause (`After saying it was “…”, she left`).
fn gerund_subject(tokens: Tokens, start: usize, q: usize) -> Option<Phrase> {
    let personal = |p: &Phrase| matches!(p.kind, PhraseKind::Name | PhraseKind::Pronoun(_));
    if let Some(phrase) = clause_subject(tokens, start, q).filter(personal) {
        return Some(phrase);
    }
    let end = sentence_end(tokens, q);
    let comma_inside = tokens
        .text(q)
        .trim_end_matches(['”', '"', '’', '\''])
        .ends_with(',');
    let after_clause = if comma_inside {
        q + 1
    } else {
        (q + 1..end).find(|&i| tokens.punct_in(i, &[","]))? + 1
    };
    phrase_at(tokens, after_clause, end).filter(personal)
}

/// The reporting clause that a clause starting at `inner` sits in: the
/// leftmost finite speech verb of the sentence before `inner`, with its
/// subject, when that subject is a name or pronoun and nothing but the
/// reported clause stands between the verb and `inner`.
fn outer_reporter(
    para: &ParagraphTokens,
    start: usize,
    inner: usize,
) -> Option<(Phrase, Range<usize>, How)> {
    let tokens = para.tokens;
    let verb = (start..inner).find(|&i| speech_verb(tokens, i).is_some_and(|v| !v.gerund))?;
    // the reported clause follows the verb directly (`said the US…`,
    // `said that the US…`), with no quotation between
    let only_that_or_article = (verb + 1..inner).all(|k| {
        tokens.word(k).is_some_and(|w| {
            matches!(
                w.lowercase().as_str(),
                "that" | "the" | "a" | "an" | "his" | "her" | "its" | "their"
            )
        })
    });
    if !only_that_or_article || inner - verb > 3 {
        return None;
    }
    let phrase = para.subject_before(verb, start)?;
    matches!(phrase.kind, PhraseKind::Name | PhraseKind::Pronoun(_))
        .then(|| (phrase, tokens[verb].range(), How::Before))
}

/// The subject of a sentence: the first name or pronoun at its start or
/// after an opening phrase set off by a comma (`But in an interview with the
/// Times, Mr Pike refused…`), followed by a lowercase word (its verb).
pub(super) fn clause_subject(tokens: Tokens, start: usize, hi: usize) -> Option<Phrase> {
    (start..hi.min(start + 20)).find_map(|i| {
        let boundary = i == start || tokens.punct_in(i - 1, &[","]);
        if !boundary || !tokens[i].is_word() {
            return None;
        }
        phrase_at(tokens, i, hi)
            .filter(|p| matches!(p.kind, PhraseKind::Name | PhraseKind::Pronoun(_)))
            .filter(|p| {
                tokens
                    .word(p.tokens.end)
                    .is_some_and(|w| !super::super::tokens::is_capitalised(w))
            })
    })
}

/// A cue after the quote later in the same sentence: `He would never “bow” to
/// pressure, Mr Smith said.`, `…, according to X.`
fn later_in_sentence(tokens: Tokens, q: usize) -> Option<(Phrase, Range<usize>, How)> {
    let lex = tokens.lex;
    if quote_ends_sentence(tokens.text(q)) {
        return None;
    }
    let end = sentence_end(tokens, q);
    for i in q + 1..end {
        if let Some(e) = phrase_match(tokens, i, lex.source_phrases()) {
            if let Some(phrase) = phrase_at(tokens, e, end) {
                return Some((phrase, tokens[i].start..tokens[e - 1].end, How::Source));
            }
        }
        if speech_verb(tokens, i).is_some_and(|v| !v.gerund) {
            // `Despite this “trick”, the bill had “no hope”, he added.`:
            // the subject before the verb, after the quote.
            // The subject must open its clause right after the quote or a
            // comma: not `…, and managers describe the work as hard`.
            if let Some(phrase) = phrase_before(tokens, i, q + 1) {
                let s = phrase.tokens.start;
                if s == q + 1 || tokens.punct_in(s - 1, &[",", "—", "–"]) {
                    return Some((phrase, tokens[i].range(), How::After));
                }
            }
            // `…, says a club spokesman.` / `“…” is what he said`
            let inverted = i == q + 1 || tokens.punct_in(i - 1, &[","]);
            // `…”, say commuters.`: a bare plural noun closing the sentence
            let bare_plural = || {
                let w = tokens.word(i + 1)?;
                let closes =
                    i + 2 >= end || tokens.punct_in(i + 2, &[".", ",", ";", "—", "–", ")"]);
                (closes && w.len() > 3 && w.ends_with('s') && w.chars().all(|c| c.is_lowercase()))
                    .then(|| Phrase {
                        tokens: i + 1..i + 2,
                        kind: PhraseKind::Role,
                        appositive_name: None,
                        role: None,
                        relative: None,
                    })
            };
            if let Some(phrase) = phrase_at_any_noun(tokens, i + 1, end).or_else(bare_plural) {
                let closes = phrase.tokens.end >= end
                    || tokens.punct_in(phrase.tokens.end, &[".", ",", ";", "—", "–", ")"]);
                if inverted && closes && !matches!(phrase.kind, PhraseKind::OtherPronoun) {
                    return Some((phrase, tokens[i].range(), How::After));
                }
            }
        }
    }
    None
}
