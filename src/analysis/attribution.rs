//! Who said each quotation: the attribution clause around it (`“…,” Mr
//! Wallace said.`, `said Mr Wallace`, `Mr Wallace said: “…”`, `according to
//! X`, `dismissed as “deaf” by X`), or, failing that, the speaker it inherits
//! from the quote before it.
//!
//! Works on one paragraph's tokens at a time, in which every quotation segment
//! is a single token. Pronouns are left as pronouns here; `people` resolves
//! them to the person they refer to.

use std::ops::Range;

use super::lexicon::lexicon;
use super::phrases::{
    is_auxiliary, phrase_at, phrase_at_any_noun, phrase_before, Phrase, PhraseKind,
};
use super::tokens::{
    ends_sentence, punct_in, quote_ends_sentence, word_at as word, Token, TokenKind,
};

/// How an attribution was found, for hovers and for the reader of the code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum How {
    /// `“…,” Mr Wallace said.` / `“…,” said Mr Wallace.`
    After,
    /// `Mr Wallace said: “…”`, `He noted “…”`, `what he described as “…”`.
    Before,
    /// `according to X`, `heard from X that …`.
    Source,
    /// `dismissed as “deaf” by X`.
    Passive,
    /// `X: “…”` (a name and a colon, as in headlines and transcripts).
    Colon,
    /// The quote continues an attributed quote in the same paragraph.
    SameParagraph { quote: usize },
    /// A quote-only paragraph that follows the same speaker's quote.
    PreviousParagraph { quote: usize },
    /// `Caddell continued:` closing the paragraph before.
    IntroducedBefore,
    /// A quote that opens a sentence after `X said …` in the same paragraph.
    EarlierSentence,
}

/// A quote's attribution as written in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    /// Bytes of the words that name the speaker (for an apposition, the name).
    pub naming: Range<usize>,
    pub kind: PhraseKind,
    /// Bytes of a role given beside the name (`the defence secretary`).
    pub role: Option<Range<usize>>,
    /// The cue's byte range (`said`, `according to`), if there is one.
    pub cue: Option<Range<usize>>,
    pub how: How,
}

impl Attribution {
    fn from_phrase(
        tokens: &[Token],
        phrase: &Phrase,
        cue: Option<Range<usize>>,
        how: How,
    ) -> Attribution {
        let bytes = |r: Range<usize>| tokens[r.start].start..tokens[r.end - 1].end;
        Attribution {
            naming: bytes(phrase.naming_tokens()),
            kind: if phrase.appositive_name.is_some() {
                PhraseKind::Name
            } else {
                phrase.kind
            },
            role: phrase.role.clone().map(bytes),
            cue,
            how,
        }
    }
}

/// One paragraph's tokens, with where they sit in the whole token list.
pub struct ParagraphTokens<'a> {
    pub index: usize,
    pub tokens: &'a [Token],
    /// A headline or crosshead, written in title case.
    pub display: bool,
}

/// The speech verb at token `i`. Only lowercase words count: `States` in
/// `the United States` is not the verb `state`. A gerund after a form of
/// `be` (`he is claiming`, `He’s saying`) is finite.
fn speech_verb(tokens: &[Token], i: usize, prose: &str) -> Option<super::lexicon::VerbForm> {
    let w = word(tokens, i, prose)?;
    if !w.chars().all(|c| c.is_lowercase() || c == '-') {
        return None;
    }
    let mut form = lexicon().speech_verb(w)?;
    // The bare form is often a noun (`call centres`, `the report`, `a
    // claim`); it is a verb after a plural subject, a modal or `to`.
    if w == form.base {
        let prev = word(tokens, i.wrapping_sub(1), prose).unwrap_or("");
        let verb_context = matches!(
            prev.to_lowercase().as_str(),
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
        ) || super::tokens::is_capitalised(prev)
            || (prev.ends_with('s') && !prev.ends_with("ss") && prev.len() > 3);
        if !verb_context {
            return None;
        }
    }
    // `ministers would be notified`: a passive is not its subject speaking.
    let past_participle = !form.gerund && w != form.base && !w.ends_with('s');
    if past_participle
        && word(tokens, i.wrapping_sub(1), prose)
            .is_some_and(|p| matches!(p, "be" | "been" | "being" | "is" | "are" | "was" | "were"))
    {
        return None;
    }
    if form.gerund && i > 0 {
        let prev = word(tokens, i - 1, prose).unwrap_or("");
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
const WINDOW: usize = 60;

/// Index of the first token of the sentence holding token `i` (or of the
/// window's edge).
fn sentence_start(tokens: &[Token], i: usize, prose: &str) -> usize {
    let mut k = i;
    while k > 0 && i - k < WINDOW {
        if ends_sentence(tokens, k - 1, prose) {
            break;
        }
        k -= 1;
    }
    k
}

/// Index just past the sentence holding token `i` (or the window's edge).
fn sentence_end(tokens: &[Token], i: usize, prose: &str) -> usize {
    let mut k = i;
    while k < tokens.len() && k - i < WINDOW {
        if k > i && ends_sentence(tokens, k - 1, prose) {
            return k;
        }
        k += 1;
    }
    k.min(tokens.len())
}

/// Multi-word phrase (from a list) starting at token `i`, returning its end.
fn phrase_match(tokens: &[Token], i: usize, prose: &str, phrases: &[Vec<&str>]) -> Option<usize> {
    phrases.iter().find_map(|p| {
        let matches = p
            .iter()
            .enumerate()
            .all(|(k, w)| word(tokens, i + k, prose).is_some_and(|t| t.eq_ignore_ascii_case(w)));
        matches.then_some(i + p.len())
    })
}

/// Whether the quote token at `q` is a quoted term rather than speech: it
/// follows `so-called`, `known as`, `the word`, a title of a work, or is
/// a short title-case phrase.
pub fn is_term(tokens: &[Token], q: usize, prose: &str) -> bool {
    let lex = lexicon();
    let text = tokens[q].text(prose);
    // `the slogan: “…”`, `the old maxim: “…”`
    let before_colon = if punct_in(tokens, q.wrapping_sub(1), prose, &[":"]) {
        q - 1
    } else {
        q
    };
    for cue in &lex.term_cues {
        let n = cue.len();
        if before_colon >= n
            && phrase_match(tokens, before_colon - n, prose, std::slice::from_ref(cue))
                == Some(before_colon)
        {
            return true;
        }
        // so-called is one token
        if n == 1
            && before_colon >= 1
            && word(tokens, before_colon - 1, prose).is_some_and(|w| w.eq_ignore_ascii_case(cue[0]))
        {
            return true;
        }
    }
    let inner = text.trim_matches(|c: char| !c.is_alphanumeric());
    let words: Vec<&str> = inner.split_whitespace().collect();
    let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    // A name or title given in quotes: `a group called “Friends of the Earth”`
    let called_before = q >= 1
        && word(tokens, q - 1, prose).is_some_and(|w| matches!(w, "called" | "named"))
        && words.first().is_some_and(capitalised);
    // `the film “Fire and Ice”`, `on “Face the Nation”`: a short run of
    // capitalised words without a sentence's punctuation. Not when a verb of
    // speech governs it: `called her “Miss Piggy”` reports what was said.
    let long_words: Vec<&&str> = words.iter().filter(|w| w.chars().count() > 3).collect();
    let ends_with_comma = text
        .trim_end_matches(|c: char| !c.is_alphanumeric() && c != ',')
        .ends_with(',');
    let title_case = (2..=8).contains(&words.len())
        && !long_words.is_empty()
        && long_words.iter().all(|w| capitalised(w))
        && !quote_ends_sentence(text)
        && !(ends_with_comma && after(tokens, q, prose).is_some());
    let spoken = (q.saturating_sub(3)..q).any(|i| speech_verb(tokens, i, prose).is_some());
    // `“New” Labour`: a quoted capitalised word that is part of a name.
    let inside_name = words.len() == 1
        && words.first().is_some_and(capitalised)
        && word(tokens, q + 1, prose).is_some_and(super::tokens::is_capitalised);
    (title_case && !spoken) || called_before || inside_name
}

/// Whether unattributed quoted words read as a scare quote rather than
/// speech: at most three words, not a sentence of their own.
pub fn is_scare_quote(text: &str) -> bool {
    let inner = text.trim_matches(|c: char| !c.is_alphanumeric());
    let words = inner.split_whitespace().count();
    let sentence =
        inner.chars().next().is_some_and(char::is_uppercase) && quote_ends_sentence(text);
    words <= 3 && !sentence
}

/// Whether the quote at `q` is used as part of a noun phrase: after a
/// determiner, possessive or preposition (`a high “churn rate”`, `their
/// business “core function”`, `for “voter identification” calls`).
pub fn inside_noun_phrase(tokens: &[Token], q: usize, prose: &str) -> bool {
    const BEFORE: &[&str] = &[
        "a", "an", "the", "their", "its", "his", "her", "our", "this", "these", "those", "such",
        "for", "of", "in", "on", "with", "into", "from", "about", "by",
    ];
    // `“welcome back” schemes`: used as a modifier of the noun after it
    let lex = lexicon();
    let modifies_next = word(tokens, q + 1, prose).is_some_and(|n| {
        !super::tokens::is_capitalised(n)
            && !is_auxiliary(n)
            && lex.speech_verb(n).is_none()
            && !matches!(
                n,
                "and"
                    | "or"
                    | "but"
                    | "in"
                    | "on"
                    | "at"
                    | "to"
                    | "for"
                    | "of"
                    | "by"
                    | "with"
                    | "from"
                    | "as"
                    | "that"
                    | "which"
                    | "who"
                    | "than"
                    | "after"
                    | "before"
                    | "over"
                    | "about"
                    | "into"
                    | "because"
                    | "if"
                    | "when"
                    | "while"
            )
    });
    if modifies_next {
        return true;
    }
    let Some(prev) = word(tokens, q.wrapping_sub(1), prose) else {
        return false;
    };
    let lower = prev.to_lowercase();
    BEFORE.contains(&lower.as_str())
        || super::names::is_possessive(prev)
        || (q >= 2
            && word(tokens, q - 2, prose)
                .is_some_and(|w| BEFORE.contains(&w.to_lowercase().as_str()))
            && !super::tokens::is_capitalised(prev)
            && lexicon().speech_verb(&lower).is_none())
}

/// Whether the sentence holding token `q` has a verb of speech or a source
/// phrase anywhere in it.
pub fn sentence_has_cue(tokens: &[Token], q: usize, prose: &str) -> bool {
    let lex = lexicon();
    let start = sentence_start(tokens, q, prose);
    let end = sentence_end(tokens, q, prose);
    (start..end).any(|i| {
        speech_verb(tokens, i, prose).is_some()
            || phrase_match(tokens, i, prose, &lex.source_phrases).is_some()
    })
}

/// Finds the attribution of the quote whose segment is token `q` of
/// `para`, looking only inside the paragraph.
pub fn attribute_in_paragraph(
    para: &ParagraphTokens,
    q: usize,
    prose: &str,
) -> Option<Attribution> {
    let tokens = para.tokens;
    let make = |phrase: Phrase, cue: Option<Range<usize>>, how: How| {
        Attribution::from_phrase(tokens, &phrase, cue, how)
    };
    if para.display {
        return headline(tokens, q, prose);
    }
    if let Some(a) = label_inside(tokens, q, prose) {
        return Some(a);
    }
    if let Some((phrase, cue)) = after(tokens, q, prose) {
        return Some(make(phrase, Some(cue), How::After));
    }
    if let Some((phrase, cue)) = dash_after(tokens, q, prose) {
        return Some(make(phrase, Some(cue), How::After));
    }
    if let Some((phrase, cue)) = passive_by(tokens, q, prose) {
        return Some(make(phrase, Some(cue), How::Passive));
    }
    if let Some(phrase) = colon_before(tokens, q, prose) {
        return Some(make(phrase, None, How::Colon));
    }
    if let Some((phrase, cue, how)) = before(tokens, q, prose) {
        return Some(make(phrase, Some(cue), how));
    }
    if let Some((phrase, cue, how)) = later_in_sentence(tokens, q, prose) {
        return Some(make(phrase, Some(cue), how));
    }
    None
}

/// A headline names its speaker with a colon (`Pat Caddell: Voters Are
/// ‘Worried’`) or a verb in title case (`Christie Calls Plan ‘A Disgrace’`).
fn headline(tokens: &[Token], q: usize, prose: &str) -> Option<Attribution> {
    let lex = lexicon();
    // Any case (headlines are in title case), but not the bare form, which in
    // a headline is a noun (`Golden Rule`) far more often than a verb.
    let verb_at = |i: usize| {
        word(tokens, i, prose).is_some_and(|w| {
            let lower = w.to_lowercase();
            lex.speech_verb(&lower).is_some_and(|v| v.base != lower)
        })
    };
    if let Some(colon) = (0..q).find(|&i| punct_in(tokens, i, prose, &[":"])) {
        if let Some(phrase) = phrase_before(tokens, colon, 0, prose) {
            if phrase.kind == PhraseKind::Name && phrase.tokens.start == 0 {
                return Some(Attribution::from_phrase(tokens, &phrase, None, How::Colon));
            }
        }
    }
    // `Harbour plan ‘a disaster’, says union`
    let after = if punct_in(tokens, q + 1, prose, &[","]) {
        q + 2
    } else {
        q + 1
    };
    if verb_at(after) {
        if let Some(phrase) = phrase_at_any_noun(tokens, after + 1, tokens.len(), prose)
            .or_else(|| bare_noun_phrase(tokens, after + 1, prose))
        {
            return Some(Attribution::from_phrase(
                tokens,
                &phrase,
                Some(tokens[after].range()),
                How::After,
            ));
        }
    }
    let verb = (0..q).rev().find(|&i| verb_at(i))?;
    let name = super::names::name_ending_at(tokens, verb, 0, prose)?;
    let phrase = Phrase {
        tokens: name.tokens.clone(),
        kind: PhraseKind::Name,
        appositive_name: None,
        role: None,
    };
    Some(Attribution::from_phrase(
        tokens,
        &phrase,
        Some(tokens[verb].range()),
        How::Before,
    ))
}

/// Headlines drop articles: `says union`, `claims minister`.
fn bare_noun_phrase(tokens: &[Token], k: usize, prose: &str) -> Option<Phrase> {
    let w = word(tokens, k, prose)?.to_lowercase();
    // `ex-aide`, `co-founder`: the role after the prefix
    let w = w.rsplit('-').next().unwrap_or(&w).to_owned();
    let lex = lexicon();
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
    })
}

/// A transcript line: `"PENCE: Well, look..."`: the speaker's name in capitals
/// and a colon, just inside the opening mark.
fn label_inside(tokens: &[Token], q: usize, prose: &str) -> Option<Attribution> {
    let t = tokens[q];
    let text = t.text(prose);
    let mark = text.chars().next()?.len_utf8();
    let inner = &text[mark..];
    let colon = inner.find(':')?;
    let label = &inner[..colon];
    let words = label.split_whitespace().count();
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
        kind: PhraseKind::Name,
        role: None,
        cue: Some(start + colon..start + colon + 1),
        how: How::Colon,
    })
}

/// `“…” ― Carlos Ruiz` / `“…” — Jane Doe, a teacher`: a dash and a name with
/// no verb, ending the paragraph or sentence.
fn dash_after(tokens: &[Token], q: usize, prose: &str) -> Option<(Phrase, Range<usize>)> {
    if !punct_in(tokens, q + 1, prose, &["—", "―", "–", "-"]) {
        return None;
    }
    let hi = sentence_end(tokens, q + 2, prose);
    let phrase = phrase_at(tokens, q + 2, hi, prose)?;
    if phrase.kind != PhraseKind::Name {
        return None;
    }
    let end = phrase.tokens.end;
    let closes = end >= tokens.len()
        || punct_in(tokens, end, prose, &[",", ".", ";", "("])
        || tokens[end].quote().is_some();
    closes.then(|| (phrase, tokens[q + 1].range()))
}

/// `“…,” Mr Wallace said.` / `“…,” said Mr Wallace.` / `“…,” he told reporters.`
fn after(tokens: &[Token], q: usize, prose: &str) -> Option<(Phrase, Range<usize>)> {
    let quote_text = tokens[q].text(prose);
    let mut k = q + 1;
    if punct_in(tokens, k, prose, &[",", "—", "–", "-"]) {
        k += 1;
    }
    let hi = sentence_end(tokens, k, prose).max(k + 1).min(tokens.len());
    // said Mr Wallace
    if speech_verb(tokens, k, prose).is_some_and(|v| !v.gerund) {
        let phrase = phrase_at(tokens, k + 1, hi, prose)?;
        if matches!(phrase.kind, PhraseKind::OtherPronoun)
            && !word(tokens, k + 1, prose).is_some_and(|w| w == "I")
        {
            // `“…,” said it` is not English; `says it all` is not attribution.
            return None;
        }
        return Some((phrase, tokens[k].range()));
    }
    // Mr Wallace said / the defence secretary has said
    let phrase = phrase_at_any_noun(tokens, k, hi, prose)?;
    let mut v = phrase.tokens.end;
    for _ in 0..3 {
        let next = skip_aside(tokens, v, hi, prose);
        if next == v {
            break;
        }
        v = next;
    }
    while v < hi && word(tokens, v, prose).is_some_and(is_auxiliary) {
        v += 1;
    }
    let Some(_) = speech_verb(tokens, v, prose).filter(|v| !v.gerund) else {
        // `“…,” Rep. Jane Roe (D-Ohio), a member of the panel, who …`: a
        // quote closed on a comma and followed by a name is that person's,
        // however long the aside before the verb.
        let comma_inside = quote_text
            .trim_end_matches(['”', '"', '’', '\''])
            .ends_with(',');
        let person = phrase.kind == PhraseKind::Name
            && word(tokens, k, prose).is_some_and(|w| {
                lexicon().honorific(w.trim_end_matches('.')).is_some()
                    || lexicon().given_name(w).is_some()
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
        let bare = v + 1 >= tokens.len() || punct_in(tokens, v + 1, prose, &["."]);
        if !bare {
            return None;
        }
    }
    Some((phrase, tokens[v].range()))
}

/// Skips an aside starting at `i`: `(R-Utah)`, `, R-Ky.,`, `, 25,` — when
/// what follows it is an auxiliary or a speech verb.
fn skip_aside(tokens: &[Token], i: usize, hi: usize, prose: &str) -> usize {
    let close = if punct_in(tokens, i, prose, &["("]) {
        ")"
    } else if punct_in(tokens, i, prose, &[","]) {
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
            while v < hi && word(tokens, v, prose).is_some_and(is_auxiliary) {
                v += 1;
            }
            let verb_follows = speech_verb(tokens, v, prose).is_some();
            let another_aside = punct_in(tokens, after, prose, &[",", "("]);
            return if verb_follows || another_aside {
                after
            } else {
                i
            };
        }
        if speech_verb(tokens, k, prose).is_some() {
            return i;
        }
        k += 1;
    }
    i
}

/// `dismissed as “deaf” by her Russian equal, Sergei Lavrov`
fn passive_by(tokens: &[Token], q: usize, prose: &str) -> Option<(Phrase, Range<usize>)> {
    if !word(tokens, q + 1, prose).is_some_and(|w| w == "by") {
        return None;
    }
    let start = sentence_start(tokens, q, prose);
    let cue = (start..q)
        .rev()
        .take(4)
        // the passive itself: `has been dismissed as “…” by X`
        .find(|&i| word(tokens, i, prose).is_some_and(|w| lexicon().speech_verb(w).is_some()))?;
    let hi = sentence_end(tokens, q, prose);
    let phrase = phrase_at(tokens, q + 2, hi, prose)?;
    Some((phrase, tokens[cue].range()))
}

/// `Pat Caddell: “…”` — a name, a colon and the quote, with no verb.
fn colon_before(tokens: &[Token], q: usize, prose: &str) -> Option<Phrase> {
    if q < 2 || !punct_in(tokens, q - 1, prose, &[":"]) {
        return None;
    }
    let start = sentence_start(tokens, q - 1, prose);
    let phrase = phrase_before(tokens, q - 1, start, prose)?;
    // `Pat Caddell: “…”`, or the agent of `the question posed by Ann Bell: “…”`
    let by = phrase.tokens.start > 0
        && word(tokens, phrase.tokens.start - 1, prose).is_some_and(|w| w == "by");
    ((phrase.tokens.start == start || by) && phrase.kind == PhraseKind::Name).then_some(phrase)
}

/// The nearest cue before the quote in its sentence: `Mr Wallace said: “…”`,
/// `He noted “…”`, `according to X, “…”`, `heard from X that it has “…”`.
fn before(tokens: &[Token], q: usize, prose: &str) -> Option<(Phrase, Range<usize>, How)> {
    let lex = lexicon();
    let start = sentence_start(tokens, q, prose);
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
            if let Some(end) = phrase_match(tokens, i, prose, &lex.source_phrases) {
                if let Some(phrase) = phrase_at(tokens, end, q, prose) {
                    let cue = tokens[i].start..tokens[end - 1].end;
                    return Some((phrase, cue, How::Source));
                }
            }
            // `Mr Pike, who wants a move from “…”`: the quote belongs to the
            // person the relative clause describes.
            if tokens[i].text(prose) == "who" && punct_in(tokens, i.wrapping_sub(1), prose, &[","])
            {
                if let Some(phrase) = phrase_before(tokens, i - 1, start, prose) {
                    if matches!(phrase.kind, PhraseKind::Name | PhraseKind::Role) {
                        return Some((phrase, tokens[i].range(), How::Before));
                    }
                }
            }
        }
        // `Ms Lane's description of him as an “…”`, `Mr Pike's warning that …`
        if gerund_cue.is_none()
            && i > start
            && lex.is_speech_noun(&tokens[i].text(prose).to_lowercase())
        {
            let owner = super::names::name_ending_at(tokens, i, start, prose);
            if let Some(owner) = owner.filter(|n| n.possessive) {
                let phrase = Phrase {
                    tokens: owner.tokens.clone(),
                    kind: PhraseKind::Name,
                    appositive_name: None,
                    role: None,
                };
                return Some((phrase, tokens[i].range(), How::Before));
            }
        }
        let Some(verb) = speech_verb(tokens, i, prose) else {
            continue;
        };
        if verb.gerund {
            // `…, adding “…”`: the speaker is the subject of the main clause
            gerund_cue.get_or_insert(tokens[i].range());
            continue;
        }
        if let Some(phrase) = phrase_before(tokens, i, start, prose) {
            match &gerund_cue {
                None => {
                    // `Mr Straw said the US had agreed … after “…”`: a cue
                    // inside what an earlier cue reports belongs to that
                    // report; the quote is the outer speaker's.
                    if let Some(outer) = outer_reporter(tokens, start, phrase.tokens.start, prose) {
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
    // `He then defended the remark, saying “…”`: the sentence's subject;
    // `After saying it was “…”, she left`: the subject after the clause.
    let personal = |p: &Phrase| matches!(p.kind, PhraseKind::Name | PhraseKind::Pronoun(_));
    if let Some(phrase) = clause_subject(tokens, start, q, prose).filter(personal) {
        return Some((phrase, cue, How::Before));
    }
    let end = sentence_end(tokens, q, prose);
    let comma_inside = tokens[q]
        .text(prose)
        .trim_end_matches(['”', '"', '’', '\''])
        .ends_with(',');
    let after_clause = if comma_inside {
        q + 1
    } else {
        (q + 1..end).find(|&i| punct_in(tokens, i, prose, &[","]))? + 1
    };
    let phrase = phrase_at(tokens, after_clause, end, prose).filter(personal)?;
    Some((phrase, cue, How::Before))
}

/// The reporting clause that a clause starting at `inner` sits in: the
/// leftmost finite speech verb of the sentence before `inner`, with its
/// subject, when that subject is a name or pronoun and nothing but the
/// reported clause stands between the verb and `inner`.
fn outer_reporter(
    tokens: &[Token],
    start: usize,
    inner: usize,
    prose: &str,
) -> Option<(Phrase, Range<usize>, How)> {
    let verb =
        (start..inner).find(|&i| speech_verb(tokens, i, prose).is_some_and(|v| !v.gerund))?;
    // the reported clause follows the verb directly (`said the US…`,
    // `said that the US…`), with no quotation between
    let only_that_or_article = (verb + 1..inner).all(|k| {
        word(tokens, k, prose).is_some_and(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "that" | "the" | "a" | "an" | "his" | "her" | "its" | "their"
            )
        })
    });
    if !only_that_or_article || inner - verb > 3 {
        return None;
    }
    let phrase = phrase_before(tokens, verb, start, prose)?;
    matches!(phrase.kind, PhraseKind::Name | PhraseKind::Pronoun(_))
        .then(|| (phrase, tokens[verb].range(), How::Before))
}

/// The subject of a sentence: the first name or pronoun at its start or
/// after an opening phrase set off by a comma (`But in an interview with the
/// Times, Mr Pike refused…`), followed by a lowercase word (its verb).
fn clause_subject(tokens: &[Token], start: usize, hi: usize, prose: &str) -> Option<Phrase> {
    (start..hi.min(start + 20)).find_map(|i| {
        let boundary = i == start || punct_in(tokens, i - 1, prose, &[","]);
        if !boundary || !tokens[i].is_word() {
            return None;
        }
        phrase_at(tokens, i, hi, prose)
            .filter(|p| matches!(p.kind, PhraseKind::Name | PhraseKind::Pronoun(_)))
            .filter(|p| {
                word(tokens, p.tokens.end, prose).is_some_and(|w| !super::tokens::is_capitalised(w))
            })
    })
}

/// A cue after the quote later in the same sentence: `He would never “bow” to
/// pressure, Mr Smith said.`, `…, according to X.`
fn later_in_sentence(
    tokens: &[Token],
    q: usize,
    prose: &str,
) -> Option<(Phrase, Range<usize>, How)> {
    let lex = lexicon();
    if quote_ends_sentence(tokens[q].text(prose)) {
        return None;
    }
    let end = sentence_end(tokens, q, prose);
    for i in q + 1..end {
        if let Some(e) = phrase_match(tokens, i, prose, &lex.source_phrases) {
            if let Some(phrase) = phrase_at(tokens, e, end, prose) {
                return Some((phrase, tokens[i].start..tokens[e - 1].end, How::Source));
            }
        }
        if speech_verb(tokens, i, prose).is_some_and(|v| !v.gerund) {
            // `Despite this “trick”, the bill had “no hope”, he added.`:
            // the subject before the verb, after the quote.
            // The subject must open its clause right after the quote or a
            // comma: not `…, and managers describe the work as hard`.
            if let Some(phrase) = phrase_before(tokens, i, q + 1, prose) {
                let s = phrase.tokens.start;
                if s == q + 1 || punct_in(tokens, s - 1, prose, &[",", "—", "–"]) {
                    return Some((phrase, tokens[i].range(), How::After));
                }
            }
            // `…, says a club spokesman.` / `“…” is what he said`
            let inverted = i == q + 1 || punct_in(tokens, i - 1, prose, &[","]);
            if let Some(phrase) = phrase_at_any_noun(tokens, i + 1, end, prose) {
                let closes = phrase.tokens.end >= end
                    || punct_in(tokens, phrase.tokens.end, prose, &[".", ",", ";"]);
                if inverted && closes && !matches!(phrase.kind, PhraseKind::OtherPronoun) {
                    return Some((phrase, tokens[i].range(), How::After));
                }
            }
        }
    }
    None
}

/// For a quote at the start of a paragraph, a cue ending the paragraph before
/// it with a colon: `Caddell continued:` / `He said:`.
pub fn introduced_by_previous(prev: &ParagraphTokens, prose: &str) -> Option<Attribution> {
    let tokens = prev.tokens;
    let last = tokens.len().checked_sub(1)?;
    if !punct_in(tokens, last, prose, &[":"]) {
        return None;
    }
    let start = sentence_start(tokens, last, prose);
    let mut i = last;
    while i > start {
        i -= 1;
        if speech_verb(tokens, i, prose).is_some_and(|v| !v.gerund) {
            // `made the following comment:` has a cue word without a subject
            // before it; keep looking.
            if let Some(phrase) = phrase_before(tokens, i, start, prose) {
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
    if let Some(phrase) = phrase_before(tokens, last, start, prose) {
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
    let subject = clause_subject(tokens, start, last, prose)?;
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
    prose: &str,
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
        if speech_verb(tokens, i, prose).is_some_and(|v| !v.gerund) {
            let start = sentence_start(tokens, i, prose);
            if let Some(phrase) = phrase_before(tokens, i, start, prose) {
                return Some(Earlier::Cue(Attribution::from_phrase(
                    tokens,
                    &phrase,
                    Some(tokens[i].range()),
                    How::EarlierSentence,
                )));
            }
        }
    }
    None
}

/// The latest speaker before a position: a reported-speech cue, or a quote
/// (whose own speaker, if it has one, is the latest).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Earlier {
    Cue(Attribution),
    Quote(usize),
}

/// Whether token `q` is in the first sentence of its paragraph.
pub fn in_first_sentence(tokens: &[Token], q: usize, prose: &str) -> bool {
    sentence_start(tokens, q, prose) == 0
}

/// Whether the quote token at `q` begins a sentence of its own (so it can
/// inherit the speaker of the quote before it).
pub fn starts_sentence(tokens: &[Token], q: usize, prose: &str) -> bool {
    sentence_start(tokens, q, prose) == q
}
