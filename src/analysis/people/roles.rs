//! The roles a story gives with a name: an office in its title (`Foreign
//! Secretary Liz Truss`), a noun before it (`campaign spokeswoman Jo
//! Hale`), an apposition before or after it (`the trust's chairwoman, Jo
//! Hale,`), a relative clause (`Jo Hale, who chairs the trust,`), and
//! `Prosecuting for the council, Jo Hale`.

use std::ops::Range;

use super::super::chars::ToLowercase;
use super::super::names::{is_possessive, NameSpan};
use super::super::tokens::{ends_sentence, is_capitalised, TokenKind, Tokens};

/// Prepositions after which a name is an object, not a subject (with
/// [`PLACE_PREPOSITIONS`]: see [`is_preposition`]).
const OBJECT_PREPOSITIONS: &[&str] = &[
    "about", "with", "of", "by", "to", "for", "against", "between", "toward", "towards", "under",
    "over", "among", "amid", "via",
];

/// Other words after which a name is an object or opens a clause of its
/// own (with the prepositions: see [`is_not_subject_after`]).
const NOT_SUBJECT_AFTER: &[&str] = &[
    "and", "than", "like", "as", "after", "before",
    // subordinating words: `Asked if Mr Blunkett…`, `said that Mr Blair…`
    "if", "whether", "that", "because", "although", "while", "when", "since", "unless", "until",
];

/// Prepositions before a place far more often than before a person: a
/// name after one (`the vote in Tower Hamlets, chair of…`) takes no office
/// without an article (`joined by Jo Hale, president of…` does).
const PLACE_PREPOSITIONS: &[&str] = &[
    "in",
    "at",
    "on",
    "from",
    "near",
    "outside",
    "inside",
    "across",
    "around",
    "through",
    "throughout",
    "within",
    "into",
    "onto",
    "along",
    "beyond",
    "behind",
    "beside",
];

/// Whether a name after this lowercase word is an object, not a subject.
pub(super) fn is_not_subject_after(lower: &str) -> bool {
    is_preposition(lower) || NOT_SUBJECT_AFTER.contains(&lower)
}

/// Whether this lowercase word is a preposition, whose object a name after
/// it is (`Anna Kowal from Riverside Trust told`): not the subject of the
/// verb that follows, as a subordinate clause's is (`Although Weiner
/// admitted`).
pub(super) fn is_preposition(lower: &str) -> bool {
    OBJECT_PREPOSITIONS.contains(&lower) || PLACE_PREPOSITIONS.contains(&lower)
}

const DETERMINERS: &[&str] = &["the", "a", "an", "his", "her", "its", "their", "our"];

fn is_determiner(w: &str) -> bool {
    DETERMINERS.iter().any(|d| d.eq_ignore_ascii_case(w))
}

/// The office in a capitalised title: `Foreign Secretary` in `Foreign
/// Secretary Liz Truss` (courtesy titles such as `Mr` are not roles).
pub(super) fn office(tokens: Tokens, span: &NameSpan) -> Option<(String, Range<usize>)> {
    let prose = tokens.prose;
    let title = span.title.as_ref()?;
    let range = tokens[title.start].start..tokens[title.end - 1].end;
    let text = prose[range.clone()].trim_end_matches('.');
    (!tokens.lex.is_courtesy_title(text)).then(|| (sentence_case(tokens, title.start, text), range))
}

/// A role written before the name: `his Russian counterpart Sergei Shoigu`,
/// `Tory leader Michael Howard`, `longtime Democratic pollster Pat Caddell`.
/// The word right before the name must be a role noun.
pub(super) fn premodifier(tokens: Tokens, start: usize) -> Option<(String, Range<usize>)> {
    let prose = tokens.prose;
    let lex = tokens.lex;
    let head = tokens.word(start.wrapping_sub(1))?;
    if is_capitalised(head) || !lex.is_singular_role(head) {
        return None;
    }
    let mut first = start - 1;
    while first > 0 && start - first < 4 {
        let Some(w) = tokens.word(first - 1) else {
            break;
        };
        if is_determiner(w) || is_possessive(w) || lex.speech_verb(&w.lowercase()).is_some() {
            break;
        }
        let modifier = is_capitalised(w) || lex.is_role_noun(w) || lex.is_role_modifier(w);
        if !modifier {
            break;
        }
        // a capitalised word opening a sentence could be a verb-less heading;
        // keep it only when it is not a known non-name word (`However`)
        // (`Former` opening one is a modifier all the same)
        let modifier_word = lex.is_role_modifier(&w.lowercase());
        if is_capitalised(w) && lex.is_not_name(w) && !is_demonym_like(w) && !modifier_word {
            break;
        }
        first -= 1;
    }
    let range = tokens[first].start..tokens[start - 1].end;
    Some((sentence_case(tokens, first, &prose[range.clone()]), range))
}

/// A role as written, its first letter lowered when only the sentence
/// gave it (`Local MSP Jane Orr` at a sentence's start is a `local MSP`);
/// a title (`Councillor`) or a word capitalised anywhere (`Tory`) keeps it.
fn sentence_case(tokens: Tokens, first: usize, text: &str) -> String {
    let opens_sentence = first == 0 || ends_sentence(tokens, first - 1);
    let lex = tokens.lex;
    let word = tokens.word(first).unwrap_or_default();
    let lower = word.lowercase();
    // a modifier (`local`, `former`), not a title (`Councillor Ann Bell`)
    let modifier = lex.is_role_modifier(&lower) && !lex.starts_honorific(word);
    // `Shadow Chancellor`, `Finance Minister`: a title capitalised through
    // (an acronym such as `MSP` is capitalised anywhere)
    let title_case = (text.split_whitespace().skip(1))
        .any(|w| is_capitalised(w) && w.chars().any(char::is_lowercase));
    if !(opens_sentence && modifier && word != lower.as_str() && is_capitalised(word)) || title_case
    {
        return text.to_owned();
    }
    with_initial(text, char::to_lowercase)
}

/// `text` with its first letter changed by `case` (`Local MSP` → `local
/// MSP`, `always` → `Always`).
fn with_initial<I: Iterator<Item = char>>(text: &str, case: impl Fn(char) -> I) -> String {
    let mut chars = text.chars();
    let initial: String = chars.next().into_iter().flat_map(case).collect();
    initial + chars.as_str()
}

/// `Russian`, `Democratic`, `Tory`: capitalised adjectives that belong in a
/// role (`Russian counterpart`) although they are never names.
fn is_demonym_like(w: &str) -> bool {
    w.ends_with("an")
        || w.ends_with("ic")
        || w.ends_with("ish")
        || w.ends_with("ese")
        || w == "Tory"
}

/// `her Russian equal, Sergei Lavrov`: a determiner phrase set off before
/// the name by a comma.
pub(super) fn apposition_before(tokens: Tokens, start: usize) -> Option<(String, Range<usize>)> {
    let prose = tokens.prose;
    if start < 3 || !tokens.punct_in(start - 1, &[","]) {
        return None;
    }
    let lex = tokens.lex;
    let end = start - 1;
    let mut k = end;
    while k > 0 && end - k < 5 {
        let w = tokens.word(k - 1)?;
        // `Mr Ashworth’s solicitor, Daniel Frome`: a name's possessive is
        // the determiner, and the name (with its title) belongs to the role
        let owner = is_possessive(w) && is_capitalised(w);
        if is_determiner(w) || owner {
            let noun = tokens.word(end - 1)?;
            let possessive_determiner =
                !owner && !matches!(w.lowercase().as_str(), "the" | "a" | "an");
            if k == end || !(lex.is_singular_role(noun) || possessive_determiner) {
                return None;
            }
            let mut from = k - 1;
            // the owner's name and title, not a sentence opener (`But`, `On
            // Monday`)
            while owner
                && from > 0
                && tokens.word(from - 1).is_some_and(|w| {
                    is_capitalised(w) && (lex.starts_honorific(w) || !lex.is_not_name(w))
                })
            {
                from -= 1;
            }
            let first = if owner { from } else { k };
            let range = tokens[first].start..tokens[end - 1].end;
            return Some((sentence_case(tokens, first, &prose[range.clone()]), range));
        }
        if lex.speech_verb(&w.lowercase()).is_some() || is_not_subject_after(&w.lowercase()) {
            return None;
        }
        k -= 1;
    }
    None
}

/// `Margaret Dunn, who chairs the community council, said`: a relative
/// clause set off after the name whose verb says what the person does
/// (`who chairs`, `who runs`) or is (`who is the club’s treasurer`). Its
/// verb must be in the present or be `is`/`was`, so that a story told
/// about them (`who has sold fruit there since 1987`) is no role.
pub(super) fn relative_clause_after(tokens: Tokens, end: usize) -> Option<(String, Range<usize>)> {
    let prose = tokens.prose;
    if !tokens.punct_in(end, &[","]) || !tokens.word(end + 1)?.eq_ignore_ascii_case("who") {
        return None;
    }
    let lex = tokens.lex;
    let verb = tokens.word(end + 2)?;
    let lower = verb.lowercase();
    let copula = matches!(lower.as_str(), "is" | "was");
    let present = lower.len() > 3
        && lower.ends_with('s')
        && !lower.ends_with("ss")
        && !matches!(lower.as_str(), "does" | "says")
        && lex.speech_verb(&lower).is_none();
    if !(copula || present) {
        return None;
    }
    let start = if copula { end + 3 } else { end + 2 };
    // `who is the club’s treasurer`, not `who is 45` or `who was injured`
    if copula
        && !tokens
            .word(start)
            .is_some_and(|w| is_determiner(w) || is_possessive(w))
    {
        return None;
    }
    let mut k = start;
    while k < tokens.len() && k - start < 10 {
        let t = tokens[k];
        // `the Ferry Users’ Group`: an apostrophe or a hyphen is in the role
        let inside_word = tokens.punct_in(k, &["’", "'", "-"]);
        if (t.kind == TokenKind::Punct && !inside_word) || t.quote().is_some() {
            break;
        }
        if t.is_word() && lex.speech_verb(&t.text(prose).lowercase()).is_some() && k > start {
            return None;
        }
        k += 1;
    }
    let closes = k >= tokens.len() || matches!(tokens.text(k), "," | "." | ";" | ")");
    if !closes || k <= start + usize::from(!copula) {
        return None;
    }
    // Some word must say what the role is about: a role or a body
    // (`chairs the community council`), or a name (`runs Mill Street
    // Books`); `who always votes Labour` has one too, `who lives nearby` not.
    let about = (start + 1..k).any(|i| {
        tokens.word(i).is_some_and(|w| {
            let lower = w.lowercase();
            lex.is_role_noun(&lower) || lex.is_organisation_noun(&lower) || is_capitalised(w)
        })
    });
    // (`Always` is listed as a sentence opener: never a name, nor a verb)
    let adverb = lex.is_not_name(&with_initial(verb, char::to_uppercase));
    if !about || (!copula && adverb) {
        return None;
    }
    let range = tokens[start].start..tokens[k - 1].end;
    Some((prose[range.clone()].to_owned(), range))
}

/// `Prosecuting for the council, Sarah Lidd said`: a participle opening the
/// sentence with `for` or `on behalf of` says whom the person acts for.
pub(super) fn acting_for_before(tokens: Tokens, start: usize) -> Option<(String, Range<usize>)> {
    let prose = tokens.prose;
    if start < 4 || !tokens.punct_in(start - 1, &[","]) {
        return None;
    }
    let end = start - 1;
    // the sentence's first token, at most ten before the comma
    let mut first = end;
    while first > 0 && end - first < 10 && !ends_sentence(tokens, first - 1) {
        first -= 1;
    }
    let participle = tokens.word(first)?;
    let acts_for = matches!(tokens.word(first + 1), Some("for"))
        || (tokens.word(first + 1) == Some("on") && tokens.word(first + 2) == Some("behalf"));
    let opens = first == 0 || ends_sentence(tokens, first - 1);
    if !(opens && participle.ends_with("ing") && is_capitalised(participle) && acts_for) {
        return None;
    }
    if (first..end).any(|i| tokens[i].kind == TokenKind::Punct || tokens[i].quote().is_some()) {
        return None;
    }
    let range = tokens[first].start..tokens[end - 1].end;
    Some((
        with_initial(&prose[range.clone()], char::to_lowercase),
        range,
    ))
}

/// Whether an apposition with no article opens at `i` on an office: a role
/// noun, after at most two modifiers (`executive director of`, `senior
/// policy adviser to`), followed by `of`, `to`, `at` or `for` — so that
/// `Hale, chief of staff` is an office and `Hale, Chair Lane` is not.
fn bare_role_at(tokens: Tokens, i: usize) -> bool {
    let lex = tokens.lex;
    (i..i + 3).any(|k| {
        let Some(word) = tokens.word(k) else {
            return false;
        };
        let lower = word.lowercase();
        let modifiers_before = (i..k).all(|m| {
            tokens
                .word(m)
                .is_some_and(|w| w.chars().all(char::is_lowercase) && lex.is_role_modifier(w))
        });
        word.chars().all(char::is_lowercase)
            && modifiers_before
            && lex.is_singular_role(&lower)
            && tokens
                .word(k + 1)
                .is_some_and(|w| matches!(w, "of" | "to" | "at" | "for"))
    })
}

/// `Ben Wallace, the defence secretary, said`: a determiner phrase set off
/// after the name by commas (or ending the sentence), headed by a role noun;
/// or an office with no article (`Jo Hale, president of the trust,`) after a
/// name that is no place (`the vote in Tower Hamlets, chair of…`).
pub(super) fn apposition_after(
    tokens: Tokens,
    start: usize,
    end: usize,
) -> Option<(String, Range<usize>)> {
    let prose = tokens.prose;
    if !tokens.punct_in(end, &[","]) {
        return None;
    }
    let det = tokens.word(end + 1)?;
    let lex = tokens.lex;
    let start = if matches!(
        det.lowercase().as_str(),
        "the" | "a" | "an" | "its" | "their"
    ) {
        end + 2
    } else if bare_role_at(tokens, end + 1)
        && !tokens
            .word(start.wrapping_sub(1))
            .is_some_and(|w| PLACE_PREPOSITIONS.contains(&w.lowercase().as_str()))
    {
        // `Jo Hale, president of the trust,`: an office without an article.
        end + 1
    } else {
        return None;
    };
    let mut k = start;
    let mut head = None;
    while k < tokens.len() && k - start < 8 {
        let t = tokens[k];
        if t.kind == TokenKind::Punct {
            break;
        }
        let w = t.text(prose);
        if t.is_word() && lex.speech_verb(&w.lowercase()).is_some() {
            return None;
        }
        if t.is_word() && head.is_none() && lex.is_singular_role(&w.lowercase()) {
            head = Some(k);
        }
        k += 1;
    }
    let closes = k >= tokens.len() || matches!(tokens.text(k), "," | "." | ";" | ")");
    head?;
    if !closes || k == start {
        return None;
    }
    let range = tokens[start].start..tokens[k - 1].end;
    Some((prose[range.clone()].to_owned(), range))
}
