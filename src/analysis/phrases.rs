//! Noun phrases that can name a speaker, read forwards or backwards from a
//! position in a paragraph's tokens: pronouns (`he`), names (`Mr Wallace`),
//! descriptions (`the defence secretary`, `a spokeswoman for the ministry`)
//! and appositions (`her Russian equal, Sergei Lavrov`).

use std::ops::Range;

use super::lexicon::{lexicon, Gender};
use super::names::{is_possessive, name_at, name_ending_at, NameSpan};
use super::tokens::{is_capitalised, punct_in, word_at as word, Token, TokenKind};

/// What kind of words name the speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhraseKind {
    Pronoun(Gender),
    /// A plural or impersonal pronoun (`they`, `it`, `we`).
    OtherPronoun,
    /// A capitalised name: a person or an organisation.
    Name,
    /// A description of a person by role (`the defence secretary`).
    Role,
    /// A description of an organisation (`the Russian government`).
    Organisation,
}

/// A noun phrase in token indexes of one paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    /// All its tokens.
    pub tokens: Range<usize>,
    pub kind: PhraseKind,
    /// For an apposition (`the defence secretary, Ben Wallace`), the tokens of
    /// the name; the phrase's other half is the role.
    pub appositive_name: Option<Range<usize>>,
    /// The role half of an apposition or a pre-modifier (`pollster Pat Caddell`).
    pub role: Option<Range<usize>>,
}

impl Phrase {
    fn new(tokens: Range<usize>, kind: PhraseKind) -> Phrase {
        Phrase {
            tokens,
            kind,
            appositive_name: None,
            role: None,
        }
    }

    /// The tokens that name the speaker most precisely.
    pub fn naming_tokens(&self) -> Range<usize> {
        self.appositive_name.clone().unwrap_or(self.tokens.clone())
    }
}

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that", "these",
    "those", "some", "many", "several", "both", "one", "two", "three", "four", "five", "another",
    "other", "each", "every", "any", "no", "most", "all",
];

/// Auxiliaries and adverbs that stand between a subject and its speech verb.
const AUXILIARIES: &[&str] = &[
    "has",
    "have",
    "had",
    "is",
    "was",
    "were",
    "are",
    "will",
    "would",
    "could",
    "should",
    "can",
    "may",
    "might",
    "must",
    "did",
    "does",
    "do",
    "be",
    "been",
    "being",
    "also",
    "later",
    "then",
    "earlier",
    "previously",
    "again",
    "once",
    "further",
    "recently",
    "not",
    "never",
    "already",
    "still",
    "just",
    "only",
    "often",
    "always",
    "even",
    "now",
    "today",
    "yesterday",
    "reportedly",
    "allegedly",
    "herself",
    "himself",
    "themselves",
    "itself",
    "first",
    "last",
    "had",
];

/// Words that end a noun phrase.
const STOPS: &[&str] = &[
    "and", "or", "but", "that", "which", "who", "whom", "whose", "if", "when", "while", "as",
    "because", "after", "before", "since", "than", "so", "to", "by", "about", "into", "over",
    "under", "not", "there", "here", "what", "where", "how", "why", "said", "says",
];

const PREPOSITIONS_IN_PHRASE: &[&str] = &["for", "of", "at", "from", "with", "in", "on"];

fn lower_is(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

pub fn is_auxiliary(word: &str) -> bool {
    lower_is(word, AUXILIARIES) || (word.len() > 4 && word.ends_with("ly") && !is_capitalised(word))
}

fn pronoun(word: &str) -> Option<PhraseKind> {
    // He’s, she'd, they’ll: the pronoun with a contracted auxiliary
    let bare = [
        "’s", "'s", "’d", "'d", "’ll", "'ll", "’ve", "'ve", "’re", "'re",
    ]
    .iter()
    .find_map(|suffix| word.strip_suffix(suffix))
    .unwrap_or(word);
    Some(match bare {
        "he" | "He" => PhraseKind::Pronoun(Gender::Male),
        "she" | "She" => PhraseKind::Pronoun(Gender::Female),
        "they" | "They" | "it" | "It" | "we" | "We" | "I" | "you" | "You" => {
            PhraseKind::OtherPronoun
        }
        _ => return None,
    })
}

/// Whether a word is a pronoun that can be a subject (`he`, `She’s`, `they`).
pub fn is_pronoun(word: &str) -> bool {
    pronoun(word).is_some()
}

/// Role or organisation, from the nouns of a description.
fn description_kind(tokens: &[Token], range: Range<usize>, prose: &str) -> Option<PhraseKind> {
    let lex = lexicon();
    let mut org = false;
    let mut role = false;
    let mut previous = String::new();
    let mut pair = String::new();
    for i in range {
        let Some(w) = word(tokens, i, prose) else {
            continue;
        };
        if lower_is(w, PREPOSITIONS_IN_PHRASE) {
            break; // nouns after `for the ministry` modify, they do not head
        }
        let lower = w.to_lowercase();
        // two-word entries: `chief executive`, `harbour master`
        pair.clear();
        pair.push_str(&previous);
        pair.push(' ');
        pair.push_str(&lower);
        if lex.is_role_noun(&lower) || lex.is_role_noun(&pair) {
            role = true;
        } else if lex.is_organisation_noun(&lower) || lex.is_organisation_noun(&pair) {
            org = true;
        }
        previous = lower;
    }
    if role {
        Some(PhraseKind::Role)
    } else if org {
        Some(PhraseKind::Organisation)
    } else {
        None
    }
}

/// Reads a phrase that starts at token `k`, not reading past `hi`.
pub fn phrase_at(tokens: &[Token], k: usize, hi: usize, prose: &str) -> Option<Phrase> {
    phrase_at_inner(tokens, k, hi, prose, false)
}

/// As [`phrase_at`], but a determiner phrase counts whatever its noun (`the
/// New York businessman`): for positions where the grammar already says the
/// phrase is the speaker, as in `“…,” the New York businessman said`.
pub fn phrase_at_any_noun(tokens: &[Token], k: usize, hi: usize, prose: &str) -> Option<Phrase> {
    phrase_at_inner(tokens, k, hi, prose, true)
}

fn phrase_at_inner(
    tokens: &[Token],
    k: usize,
    hi: usize,
    prose: &str,
    any_noun: bool,
) -> Option<Phrase> {
    let hi = hi.min(tokens.len());
    if k >= hi {
        return None;
    }
    if let Some(phrase) = premodified_name(tokens, k, hi, prose) {
        return Some(phrase);
    }
    let w = word(tokens, k, prose)?;
    if let Some(kind) = pronoun(w) {
        return Some(Phrase::new(k..k + 1, kind));
    }
    let mut unknown_noun = false;
    // `that` before a name is a conjunction (`said that Phoenix…`), not a determiner.
    let determiner = lower_is(w, DETERMINERS) && !w.eq_ignore_ascii_case("that");
    let mut phrase = if determiner && capitalised_name_after(tokens, k + 1, hi, prose).is_some() {
        // `the Rev. Peter Wherry`, `The New York Post`, `the White House`
        let end = capitalised_name_after(tokens, k + 1, hi, prose).unwrap_or(k + 1);
        Phrase::new(k..end, PhraseKind::Name)
    } else if determiner {
        match description_from(tokens, k, k + 1, hi, prose) {
            Some(p) => p,
            None => {
                unknown_noun = true;
                description_reading(tokens, k, k + 1, hi, prose, true)?
            }
        }
    } else if is_capitalised(w) {
        // `European Council President Donald Tusk`: leading adjectives that
        // are never names (`European`, `Democratic`) belong to the phrase.
        let mut first = k;
        while first < k + 3
            && first + 1 < hi
            && word(tokens, first, prose)
                .is_some_and(|w| lexicon().is_not_name(w) && !is_pronoun(w))
        {
            first += 1;
        }
        let name = name_at(tokens, first, hi, prose)?;
        let name = NameSpan {
            tokens: k..name.tokens.end,
            ..name
        };
        let end = name.tokens.end;
        if name.possessive && word(tokens, end, prose).is_some_and(|n| !is_capitalised(n)) {
            // Mr Blair's official spokesman
            description_from(tokens, k, end, hi, prose)?
        } else {
            Phrase::new(name.tokens.clone(), PhraseKind::Name)
        }
    } else {
        // bare plurals and mass nouns: officials, police, sources
        let mut end = k;
        let lex = lexicon();
        while end < hi
            && end - k < 4
            && word(tokens, end, prose).is_some_and(|w| {
                !is_capitalised(w) && (lex.is_role_noun(w) || lex.is_organisation_noun(w))
            })
        {
            end += 1;
        }
        if end == k {
            return None;
        }
        let kind = description_kind(tokens, k..end, prose)?;
        Phrase::new(k..end, kind)
    };
    // Apposition: `the defence secretary, Ben Wallace,` / `Ben Wallace, the
    // defence secretary,`.
    let after = phrase.tokens.end;
    if punct_in(tokens, after, prose, &[","]) {
        match phrase.kind {
            PhraseKind::Role | PhraseKind::Organisation => {
                if let Some(name) = word(tokens, after + 1, prose)
                    .filter(|w| is_capitalised(w))
                    .and_then(|_| name_at(tokens, after + 1, hi, prose))
                {
                    let closes = name.tokens.end >= hi
                        || !word(tokens, name.tokens.end, prose).is_some_and(|w| {
                            !is_capitalised(w)
                                && !is_auxiliary(w)
                                && lexicon().speech_verb(w).is_none()
                        });
                    if closes && !name.possessive {
                        phrase.role = Some(phrase.tokens.clone());
                        phrase.appositive_name = Some(name.tokens.clone());
                        phrase.kind = PhraseKind::Name;
                        phrase.tokens = phrase.tokens.start..name.tokens.end;
                    }
                }
            }
            PhraseKind::Name
                if word(tokens, after + 1, prose).is_some_and(|w| lower_is(w, DETERMINERS)) =>
            {
                if let Some(desc) = description_from(tokens, after + 1, after + 2, hi, prose) {
                    if desc.kind == PhraseKind::Role
                        && punct_in(tokens, desc.tokens.end, prose, &[","])
                    {
                        phrase.appositive_name = Some(phrase.tokens.clone());
                        phrase.role = Some(desc.tokens.clone());
                        phrase.tokens = phrase.tokens.start..desc.tokens.end + 1;
                    }
                }
            }
            _ => {}
        }
    }
    // `her Russian equal, Sergei Lavrov`: an unlisted noun is a speaker only
    // with the name beside it.
    if unknown_noun && phrase.appositive_name.is_none() && !any_noun {
        return None;
    }
    Some(phrase)
}

/// A name after a role that describes it: `9/11 widow Terry Strada`,
/// `MSNBC host Chris Matthews`, `the Democratic nominee Hillary Clinton`.
fn premodified_name(tokens: &[Token], k: usize, hi: usize, prose: &str) -> Option<Phrase> {
    let lex = lexicon();
    let mut j = k;
    let mut last_role = false;
    while j < hi && j < k + 7 {
        let t = tokens[j];
        match t.kind {
            TokenKind::Word => {
                let w = t.text(prose);
                if is_capitalised(w) && last_role && j > k {
                    let name = name_at(tokens, j, hi, prose)?;
                    let mut phrase = Phrase::new(k..name.tokens.end, PhraseKind::Name);
                    phrase.appositive_name = Some(name.tokens.clone());
                    phrase.kind = PhraseKind::Name;
                    phrase.role = Some(k..j);
                    return Some(phrase);
                }
                if (j > k && lower_is(w, DETERMINERS))
                    || lower_is(w, STOPS)
                    || is_auxiliary(w)
                    || pronoun(w).is_some()
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
fn capitalised_name_after(tokens: &[Token], i: usize, hi: usize, prose: &str) -> Option<usize> {
    let w = word(tokens, i, prose)?;
    if !is_capitalised(w) || lexicon().is_not_name(w) {
        return None;
    }
    let name = name_at(tokens, i, hi, prose)?;
    let end = name.tokens.end;
    let continues = word(tokens, end, prose).is_some_and(|n| {
        !is_capitalised(n)
            && !is_auxiliary(n)
            && !lower_is(n, STOPS)
            && lexicon().speech_verb(n).is_none()
    });
    (!continues && !name.possessive).then_some(end)
}

/// Reads the rest of a description that began at `start`, continuing from
/// `from`: adjectives and nouns, and up to two `for the ministry` phrases.
fn description_from(
    tokens: &[Token],
    start: usize,
    from: usize,
    hi: usize,
    prose: &str,
) -> Option<Phrase> {
    description_reading(tokens, start, from, hi, prose, false)
}

/// As [`description_from`]; with `any_noun`, a phrase whose noun is not in
/// the role or organisation lists is read too (as a role), for the caller to
/// accept only with further evidence such as an apposed name.
fn description_reading(
    tokens: &[Token],
    start: usize,
    from: usize,
    hi: usize,
    prose: &str,
    any_noun: bool,
) -> Option<Phrase> {
    let lex = lexicon();
    let mut end = from;
    let mut prepositions = 0;
    while end < hi && end - start < 10 {
        let Some(w) = word(tokens, end, prose) else {
            break;
        };
        if lower_is(w, STOPS) || is_auxiliary(w) || (end > from && lex.speech_verb(w).is_some()) {
            break;
        }
        if lower_is(w, PREPOSITIONS_IN_PHRASE) {
            let prev_noun = word(tokens, end - 1, prose).is_some_and(|p| {
                let p = p.to_lowercase();
                lex.is_role_noun(&p) || lex.is_organisation_noun(&p)
            });
            if !prev_noun || prepositions == 2 {
                break;
            }
            prepositions += 1;
        } else if lower_is(w, DETERMINERS)
            && end > from
            && !lower_is(
                word(tokens, end - 1, prose).unwrap_or(""),
                PREPOSITIONS_IN_PHRASE,
            )
        {
            break;
        }
        end += 1;
    }
    // Do not end on a preposition or determiner.
    while end > from
        && word(tokens, end - 1, prose)
            .is_some_and(|w| lower_is(w, PREPOSITIONS_IN_PHRASE) || lower_is(w, DETERMINERS))
    {
        end -= 1;
    }
    if end == from && !word(tokens, start, prose).is_some_and(is_possessive) {
        return None;
    }
    let kind = match description_kind(tokens, start..end, prose) {
        Some(kind) => kind,
        None if any_noun => PhraseKind::Role,
        None => return None,
    };
    Some(Phrase::new(start..end, kind))
}

/// Reads a phrase that ends just before token `end` (skipping auxiliaries and
/// adverbs between it and `end`), not starting before `lo`.
pub fn phrase_before(tokens: &[Token], end: usize, lo: usize, prose: &str) -> Option<Phrase> {
    phrase_before_inner(tokens, end, lo, prose, true)
}

/// As [`phrase_before`], without looking past an aside.
fn phrase_before_plain(tokens: &[Token], end: usize, lo: usize, prose: &str) -> Option<Phrase> {
    phrase_before_inner(tokens, end, lo, prose, false)
}

/// Where an aside that ends at token `last` (`)` or `,`) begins: the `(` or
/// the comma before it, within a dozen tokens and with no verb of speech,
/// quotation or sentence end inside.
pub fn aside_start(tokens: &[Token], last: usize, lo: usize, prose: &str) -> Option<usize> {
    let close = tokens
        .get(last)
        .filter(|t| t.kind == TokenKind::Punct)?
        .text(prose);
    let open = match close {
        ")" => "(",
        "," => ",",
        _ => return None,
    };
    let lex = lexicon();
    let mut k = last;
    while k > lo && last - k < 14 {
        k -= 1;
        let t = tokens[k];
        match t.kind {
            TokenKind::Quote(_) => return None,
            TokenKind::Punct if t.text(prose) == open => return (k > lo).then_some(k),
            // `R-Ky.`: a period right after a word is an abbreviation
            TokenKind::Punct
                if matches!(t.text(prose), "." | ";" | ":" | "!" | "?")
                    && !(t.text(prose) == "." && k > 0 && tokens[k - 1].end == t.start) =>
            {
                return None;
            }
            TokenKind::Word if lex.speech_verb(t.text(prose)).is_some() => return None,
            _ => {}
        }
    }
    None
}

fn phrase_before_inner(
    tokens: &[Token],
    end: usize,
    lo: usize,
    prose: &str,
    past_asides: bool,
) -> Option<Phrase> {
    let mut j = end;
    while j > lo
        && end - j < 6
        && word(tokens, j - 1, prose).is_some_and(|w| is_auxiliary(w) && !pronoun_like(w))
    {
        j -= 1;
    }
    if j <= lo {
        return None;
    }
    let mut last = j - 1;
    // `He went on to reflect`, `She wanted to stress`: the subject of the
    // verb that governs `to`.
    if word(tokens, last, prose) == Some("to") && last > lo {
        let mut k = last;
        while k > lo
            && last - k < 3
            && word(tokens, k - 1, prose)
                .is_some_and(|w| !is_capitalised(w) && pronoun(w).is_none() && !is_auxiliary(w))
        {
            k -= 1;
        }
        // Only a pronoun or a name opening the sentence: in `Trump took to
        // Twitter overnight to accuse…` the word before is not the subject.
        let subject_like = k > lo
            && word(tokens, k - 1, prose)
                .is_some_and(|w| pronoun(w).is_some() || (k - 1 == lo && is_capitalised(w)));
        if subject_like && k < last {
            last = k - 1;
            j = k;
        }
    }
    // `Ben Wallace, the defence secretary, said`
    if punct_in(tokens, last, prose, &[","]) {
        if let Some(inner) = phrase_before(tokens, last, lo, prose) {
            if inner.appositive_name.is_some() {
                return Some(inner);
            }
        }
    }
    // `Jason Chaffetz (R-Utah) said`, `Mitch McConnell, R-Ky., said`,
    // `Quina Jones, 25, said`, `Hillary Clinton, at a briefing, said`:
    // the subject is before the aside.
    if let Some(open) = aside_start(tokens, last, lo, prose).filter(|_| past_asides) {
        let inner = phrase_before_plain(tokens, open, lo, prose)?;
        return (!matches!(inner.kind, PhraseKind::OtherPronoun)).then_some(inner);
    }
    // `Number 10 said`
    if tokens[last].kind == TokenKind::Number {
        let name = name_ending_at(tokens, j, lo, prose)?;
        return Some(Phrase::new(name.tokens, PhraseKind::Name));
    }
    let w = word(tokens, last, prose)?;
    if let Some(kind) = pronoun(w) {
        return Some(Phrase::new(last..j, kind));
    }
    // `Voters may recall`, `Police say`: a role or body noun opening the
    // sentence is a description, not a name.
    if last == lo && is_capitalised(w) {
        let lower = w.to_lowercase();
        let lex = lexicon();
        if lex.is_role_noun(&lower) {
            return Some(Phrase::new(last..j, PhraseKind::Role));
        }
        if lex.is_organisation_noun(&lower) {
            return Some(Phrase::new(last..j, PhraseKind::Organisation));
        }
    }
    if w.eq_ignore_ascii_case("who") {
        // `Mr Smith, who ..., said` is out of reach; `Mr Smith, who said`
        let before = if punct_in(tokens, last.saturating_sub(1), prose, &[","]) {
            last - 1
        } else {
            last
        };
        return phrase_before(tokens, before, lo, prose);
    }
    // `The MP, who…, told`: a capitalised role noun after `the` is a description.
    if is_capitalised(w)
        && last > lo
        && word(tokens, last - 1, prose).is_some_and(|d| d.eq_ignore_ascii_case("the"))
        && lexicon().is_role_noun(&w.to_lowercase())
    {
        return Some(Phrase::new(last - 1..j, PhraseKind::Role));
    }
    if is_capitalised(w) && !is_possessive(w) {
        let Some(name) = name_ending_at(tokens, j, lo, prose) else {
            // `Police say`, `Officials said` at the start of a sentence
            let lower = w.to_lowercase();
            let lex = lexicon();
            if last == lo && (lex.is_role_noun(&lower) || lex.is_organisation_noun(&lower)) {
                let kind = if lex.is_role_noun(&lower) {
                    PhraseKind::Role
                } else {
                    PhraseKind::Organisation
                };
                return Some(Phrase::new(last..j, kind));
            }
            return capitalised_body_before(tokens, j, lo, prose);
        };
        let mut phrase = Phrase::new(name.tokens.clone(), PhraseKind::Name);
        // `the defence secretary, Ben Wallace said`
        let s = name.tokens.start;
        if s >= 2 && punct_in(tokens, s - 1, prose, &[","]) {
            if let Some(desc) = description_ending_at(tokens, s - 1, lo, prose) {
                if desc.kind == PhraseKind::Role {
                    phrase.role = Some(desc.tokens.clone());
                    phrase.appositive_name = Some(name.tokens.clone());
                    phrase.kind = PhraseKind::Name;
                    phrase.tokens = desc.tokens.start..name.tokens.end;
                }
            }
        }
        return Some(phrase);
    }
    let mut phrase = description_ending_at(tokens, j, lo, prose)?;
    // `Ben Wallace, the defence secretary said` (second comma missing)
    let s = phrase.tokens.start;
    if s >= 2 && punct_in(tokens, s - 1, prose, &[","]) && phrase.kind == PhraseKind::Role {
        // Only a person's name: not `a lawyer or MP, the courts minister`.
        let personal = |n: &super::names::NameSpan| {
            n.title.is_some() || n.name_tokens().filter(|&i| tokens[i].is_word()).count() >= 2
        };
        if let Some(name) = name_ending_at(tokens, s - 1, lo, prose).filter(personal) {
            phrase.role = Some(phrase.tokens.clone());
            phrase.appositive_name = Some(name.tokens.clone());
            phrase.kind = PhraseKind::Name;
            phrase.tokens = name.tokens.start..phrase.tokens.end;
        }
    }
    Some(phrase)
}

fn pronoun_like(w: &str) -> bool {
    pronoun(w).is_some()
}

/// A party or body named by capitalised words that are not names on their
/// own, after `the` or opening the sentence: `the Liberal Democrats`,
/// `The Conservatives`, `Democrats`.
fn capitalised_body_before(tokens: &[Token], end: usize, lo: usize, prose: &str) -> Option<Phrase> {
    let mut k = end;
    while k > lo
        && end - k < 5
        && word(tokens, k - 1, prose)
            .is_some_and(|w| is_capitalised(w) && pronoun(w).is_none() && !lower_is(w, DETERMINERS))
    {
        k -= 1;
    }
    if k == end {
        return None;
    }
    let plural = word(tokens, end - 1, prose).is_some_and(|w| w.ends_with('s'));
    let the = k > lo && word(tokens, k - 1, prose).is_some_and(|w| w.eq_ignore_ascii_case("the"));
    if the {
        return Some(Phrase::new(k - 1..end, PhraseKind::Organisation));
    }
    // Without `the`, only a plural at the start of the sentence.
    (k == lo && plural && !lower_is(word(tokens, k, prose)?, DETERMINERS))
        .then(|| Phrase::new(k..end, PhraseKind::Organisation))
}

/// A description (`the defence secretary`, `a spokeswoman for the ministry`)
/// ending just before `end`.
fn description_ending_at(tokens: &[Token], end: usize, lo: usize, prose: &str) -> Option<Phrase> {
    let lex = lexicon();
    let mut k = end;
    let mut determiner = false;
    // `Ivana Trump's brief`, `Clinton's campaign`: an owner named before the
    // noun makes it a speaker whatever the noun.
    let mut owner = false;
    while k > lo && end - k < 10 {
        let Some(w) = word(tokens, k - 1, prose) else {
            break;
        };
        // `that` before a noun here is a conjunction: `said that more customers…`
        if lower_is(w, DETERMINERS) && !w.eq_ignore_ascii_case("that") {
            k -= 1;
            determiner = true;
            // `a spokeswoman for the ministry`: keep reading past `for`
            if k > lo + 1
                && word(tokens, k - 1, prose).is_some_and(|p| lower_is(p, PREPOSITIONS_IN_PHRASE))
                && word(tokens, k - 2, prose).is_some_and(|n| {
                    let n = n.to_lowercase();
                    lex.is_role_noun(&n) || lex.is_organisation_noun(&n)
                })
            {
                k -= 1;
                determiner = false;
                continue;
            }
            break;
        }
        if is_possessive(w) && is_capitalised(w) {
            // Mr Blair's official spokesman
            match name_ending_at(tokens, k, lo, prose) {
                Some(name) => k = name.tokens.start,
                None => k -= 1,
            }
            determiner = true;
            owner = true;
            break;
        }
        // Verbs end a description: `The prime minister shrugged off…`
        let verb_like = (w.ends_with("ed") && !lex.is_role_noun(w))
            || matches!(w, "off" | "up" | "out" | "down" | "away" | "back" | "that");
        if lower_is(w, STOPS)
            || is_auxiliary(w)
            || verb_like
            || lex.speech_verb(&w.to_lowercase()).is_some()
            || lower_is(w, PREPOSITIONS_IN_PHRASE)
        {
            break;
        }
        k -= 1;
    }
    if k == end {
        return None;
    }
    let kind = match description_kind(tokens, k..end, prose) {
        Some(kind) => kind,
        None if owner => PhraseKind::Role,
        // `The harbour master said`: an article and a noun right before the
        // verb of speech is its subject, listed noun or not. (`end` is the
        // verb: callers read descriptions backwards from verbs.)
        None if determiner
            && end - k >= 2
            && word(tokens, k, prose)
                .is_some_and(|w| matches!(w.to_lowercase().as_str(), "the" | "a" | "an"))
            && word(tokens, end - 1, prose).is_some_and(|w| !is_capitalised(w))
            && word(tokens, end, prose).is_some_and(|v| {
                let v = v.to_lowercase();
                lexicon().speech_verb(&v).is_some() || is_auxiliary(&v)
            }) =>
        {
            PhraseKind::Role
        }
        None => return None,
    };
    // Without a determiner only a bare role or organisation noun phrase
    // (`officials`, `police`, `Labour sources`) is a speaker.
    if !determiner {
        let head = word(tokens, end - 1, prose)?;
        if is_capitalised(head) {
            return None;
        }
    }
    Some(Phrase::new(k..end, kind))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tokens::tokenize;

    fn toks(text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        tokenize(text, 0..text.len(), &[], &mut out);
        out
    }

    fn show(text: &str, t: &[Token], r: Range<usize>) -> String {
        text[t[r.start].start..t[r.end - 1].end].to_owned()
    }

    #[test]
    fn phrases_before_a_verb() {
        for (text, expect, kind) in [
            (
                "the defence secretary has said",
                "the defence secretary",
                PhraseKind::Role,
            ),
            (
                "a spokeswoman for the ministry said",
                "a spokeswoman for the ministry",
                PhraseKind::Role,
            ),
            (
                "the Russian government said",
                "the Russian government",
                PhraseKind::Organisation,
            ),
            (
                "At a briefing, Mr Lavrov said",
                "Mr Lavrov",
                PhraseKind::Name,
            ),
            ("what he described", "he", PhraseKind::Pronoun(Gender::Male)),
            (
                "Ben Wallace, the defence secretary, said",
                "Ben Wallace",
                PhraseKind::Name,
            ),
            ("officials said", "officials", PhraseKind::Role),
        ] {
            let t = toks(text);
            let verb = t.len() - 1;
            let p =
                phrase_before(&t, verb, 0, text).unwrap_or_else(|| panic!("no phrase in {text}"));
            assert_eq!(show(text, &t, p.naming_tokens()), expect, "{text}");
            assert_eq!(p.kind, kind, "{text}");
        }
    }

    #[test]
    fn phrases_after_a_verb() {
        for (text, expect) in [
            (
                "her Russian equal, Sergei Lavrov, on Thursday",
                "Sergei Lavrov",
            ),
            ("the defence secretary.", "the defence secretary"),
            ("Mr Wallace.", "Mr Wallace"),
        ] {
            let t = toks(text);
            let p =
                phrase_at(&t, 0, t.len(), text).unwrap_or_else(|| panic!("no phrase in {text}"));
            assert_eq!(show(text, &t, p.naming_tokens()), expect, "{text}");
        }
    }
}
