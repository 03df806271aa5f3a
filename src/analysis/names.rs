//! Recognising a run of tokens as a name: `Mr Wallace`, `Foreign Secretary Liz
//! Truss`, `Martin Luther King Jr.`, `Ursula von der Leyen`, `J. K. Rowling`.
//!
//! This module only finds the extent of a name and splits off its title; the
//! people module decides whether the name is a person.

use std::borrow::Cow;
use std::ops::Range;

use super::chars::{count_words_up_to, is_one_char};
use super::gender::Gender;
use super::tokens::{is_capitalised, TokenKind, Tokens};

/// Lowercase words that may stand inside a name between capitalised words.
const PARTICLES: &[&str] = &[
    "de", "da", "di", "du", "del", "della", "der", "den", "van", "von", "bin", "bint", "ibn", "al",
    "el", "la", "le", "dos", "das", "ter", "ten", "y",
];

/// A name found in a paragraph's tokens (token index ranges).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameSpan {
    /// All tokens: title and name.
    pub tokens: Range<usize>,
    /// The courtesy title or office before the name (`Mr`, `Foreign
    /// Secretary`), if any; a prefix of `tokens`.
    pub title: Option<Range<usize>>,
    /// Gender the title implies.
    pub title_gender: Gender,
    /// Whether the last word is possessive (`Wallace’s`).
    pub possessive: bool,
}

impl NameSpan {
    /// Tokens of the name without its title.
    pub fn name_tokens(&self) -> Range<usize> {
        self.title.as_ref().map_or(self.tokens.start, |t| t.end)..self.tokens.end
    }
}

/// Strips a possessive `’s` / `'s` / trailing `’`.
pub fn strip_possessive(word: &str) -> &str {
    // Every suffix ends in `s`, `S`, `'` or the last byte of `’`: most
    // words are out at once.
    if !matches!(word.as_bytes().last(), Some(b's' | b'S' | b'\'' | 0x99)) {
        return word;
    }
    for suffix in ["’s", "'s", "’S", "'S", "’", "'"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            return stem;
        }
    }
    word
}

pub fn is_possessive(word: &str) -> bool {
    strip_possessive(word).len() != word.len()
}

/// Matches a courtesy title at token `i`, returning the token index after it
/// (after its period, if any) and the gender it implies.
pub fn honorific_at(tokens: Tokens, i: usize) -> Option<(usize, Gender)> {
    let prose = tokens.prose;
    let lex = tokens.lex;
    // No title opening on this word has more words than this.
    let most_words = tokens.word(i).map_or(0, |w| lex.honorific_words_from(w));
    if most_words == 0 {
        return None;
    }
    let mut best = None;
    let mut j = i;
    // Whether the words so far are one space apart in the prose: then the
    // title they might be is the prose itself, with nothing to build.
    let mut one_space_apart = true;
    for _ in 0..most_words {
        let Some(w) = tokens.word(j) else {
            break;
        };
        // `Secretary of State`: a lowercase joining word inside a title
        if !(is_capitalised(w) || (j > i && matches!(w, "of" | "for" | "the"))) {
            break;
        }
        one_space_apart &= j == i || &prose[tokens[j - 1].end..tokens[j].start] == " ";
        let title = if one_space_apart {
            Cow::Borrowed(&prose[tokens[i].start..tokens[j].end])
        } else {
            Cow::Owned(
                (i..=j)
                    .map(|k| tokens.text(k))
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        };
        j += 1;
        if let Some(g) = lex.honorific(&title) {
            // `Mr.` takes its period with it
            let after = match tokens.get(j) {
                Some(t)
                    if t.kind == TokenKind::Punct
                        && t.text(prose) == "."
                        && t.start == tokens[j - 1].end =>
                {
                    j + 1
                }
                _ => j,
            };
            best = Some((after, g));
        }
    }
    best
}

/// Whether token `i` can be a word of a name (not its first, for particles).
fn name_word(tokens: Tokens, i: usize) -> bool {
    let Some(w) = tokens.word(i) else {
        return false;
    };
    let lex = tokens.lex;
    let w = strip_possessive(w);
    is_capitalised(w) && (!lex.is_not_name(w) || demonym_surname(tokens, i))
}

/// A nationality that is someone's surname: right after a given name and
/// before no other capitalised word (`Mark Cuban said`, not `Maria Cuban
/// Airlines`), or alone as what says something (`Cuban said`, `said
/// Cuban,`).
fn demonym_surname(tokens: Tokens, i: usize) -> bool {
    let lex = tokens.lex;
    if !tokens
        .word(i)
        .is_some_and(|w| lex.is_demonym(strip_possessive(w)))
    {
        return false;
    }
    let next_capitalised = tokens.word(i + 1).is_some_and(is_capitalised);
    let after_given_name = tokens
        .word(i.wrapping_sub(1))
        .is_some_and(|w| lex.given_name(w).is_some());
    let says = |w: Option<&str>| {
        w.and_then(|w| lex.speech_verb(w))
            .is_some_and(|form| !form.gerund && !form.base)
    };
    let said_by = says(tokens.word(i + 1))
        || (says(tokens.word(i.wrapping_sub(1))) && tokens.word(i + 1).is_none());
    (after_given_name && !next_capitalised) || said_by
}

/// An initial: a single capital letter followed directly by a period.
fn initial_at(tokens: Tokens, i: usize) -> bool {
    let prose = tokens.prose;
    let Some(w) = tokens.word(i) else {
        return false;
    };
    let single = is_one_char(w) && is_capitalised(w)
        || (w.bytes().any(|b| b == b'.') && w.split('.').all(is_one_char));
    single
        && tokens.get(i + 1).is_some_and(|t| {
            t.kind == TokenKind::Punct && t.text(prose) == "." && t.start == tokens[i].end
        })
}

/// Reads a name starting at token `i`. `stop` bounds the search.
pub fn name_at(tokens: Tokens, i: usize, stop: usize) -> Option<NameSpan> {
    // Every name and every title opens on a capital: most words are out at
    // once (this is asked of every word in the story).
    if !tokens
        .word(i)
        .is_some_and(|w| w.starts_with(char::is_uppercase))
    {
        return None;
    }
    let prose = tokens.prose;
    let stop = stop.min(tokens.len());
    let (title, title_gender) = match titles_at(tokens, i, stop) {
        Some((title, gender)) => (Some(title), gender),
        None => (None, Gender::Unknown),
    };
    let name_start = title.as_ref().map_or(i, |t| t.end);
    // Names are short; a longer capitalised run is read a dozen words at a time.
    let stop = stop.min(name_start + 12);
    let (j, possessive) = name_words(tokens, name_start, stop);
    if title.is_none() && j == name_start + 1 && opening_participle(tokens, name_start) {
        return None;
    }
    // A run of three or more words in capitals is a heading or a shout, not a name.
    if j - name_start >= 3
        && tokens[name_start..j]
            .iter()
            .filter(|t| t.is_word())
            .all(|t| t.text(prose).chars().all(|c| !c.is_lowercase()))
    {
        return None;
    }
    // Nothing after a title: read the words themselves as the name
    // (`President` alone is not a name, but `Pence` in `Governor Pence` is).
    if j == name_start {
        if title.is_some() && name_start > i {
            return name_without_title(tokens, i, stop);
        }
        return None;
    }
    let mut span = NameSpan {
        tokens: i..j,
        title,
        title_gender,
        possessive,
    };
    if span.title.is_none() {
        split_leading_office(tokens, &mut span);
    }
    Some(span)
}

/// `Reprising one of her lines, …`, `Speaking to reporters, …`: a
/// capitalised word in -ing opening its sentence, before a lowercase word,
/// is a participle, not a name (`Fleming said` is a name: a verb of speech
/// follows).
fn opening_participle(tokens: Tokens, i: usize) -> bool {
    let Some(w) = tokens.word(i) else {
        return false;
    };
    let opens = i == 0 || super::tokens::ends_sentence(tokens, i - 1);
    let next_lowercase = tokens
        .word(i + 1)
        .is_some_and(|n| !is_capitalised(n) && tokens.lex.speech_verb(n).is_none());
    opens
        && w.len() > 5
        && w.ends_with("ing")
        && next_lowercase
        && tokens.lex.given_name(w).is_none()
}

/// The titles at token `i` before a name (`Mr`, `Chairman Rep.`, `Retired
/// Lt. Gen.`): their tokens, and the gender the first that implies one
/// gives. None when no title is there or nothing follows it before `stop`.
fn titles_at(tokens: Tokens, i: usize, stop: usize) -> Option<(Range<usize>, Gender)> {
    let (mut after, mut gender) = honorific_at(tokens, i)?;
    while let Some((next, g)) = honorific_at(tokens, after) {
        // only when a name follows: `Mr. King said` is Mr King
        if next >= stop || !name_word(tokens, next) {
            break;
        }
        after = next;
        if gender == Gender::Unknown {
            gender = g;
        }
    }
    (after < stop).then_some((i..after, gender))
}

/// Where the words of a name that start at `j` end (before `stop`), and
/// whether the last is possessive: capitalised words, initials, `Jr.`, a
/// short number (`Channel 4`), a nickname in quotes (`Jimmy “the
/// Whirlwind” White`) and particles between capitalised words (`de`, `van`).
fn name_words(tokens: Tokens, mut j: usize, stop: usize) -> (usize, bool) {
    let prose = tokens.prose;
    let name_start = j;
    while j < stop {
        let t = tokens[j];
        // `Number 10`, `Channel 4`: a short number after a capitalised word
        if t.kind == TokenKind::Number && j > name_start && t.end - t.start <= 3 {
            return (j + 1, false);
        }
        // `Robert C. "Bobby" Scott`: after a middle initial too. Asked
        // only of a quote.
        let after_given_name = || {
            tokens
                .word(j.wrapping_sub(1))
                .is_some_and(|w| tokens.lex.given_name(w).is_some())
                || (j >= name_start + 2 && initial_at(tokens, j - 2))
        };
        if matches!(t.kind, TokenKind::Quote(_))
            && j > name_start
            && after_given_name()
            && count_words_up_to(t.text(prose), 4) <= 3
            && name_word(tokens, j + 1)
        {
            j += 1;
            continue;
        }
        if t.kind != TokenKind::Word {
            break;
        }
        let w = t.text(prose);
        if initial_at(tokens, j) {
            j += 2;
            continue;
        }
        if name_word(tokens, j) {
            j += 1;
            if is_possessive(w) {
                return (j, true);
            }
            // Jr. / Sr.
            if matches!(w, "Jr" | "Sr") && tokens.word(j).is_none() {
                if tokens
                    .get(j)
                    .is_some_and(|t| t.text(prose) == "." && t.start == tokens[j - 1].end)
                {
                    j += 1;
                }
                break;
            }
            continue;
        }
        // de, van, bin: only between capitalised words
        if j > name_start && PARTICLES.contains(&w) {
            let mut k = j;
            while k < stop && tokens.word(k).is_some_and(|w| PARTICLES.contains(&w)) {
                k += 1;
            }
            if k < stop && name_word(tokens, k) {
                j = k;
                continue;
            }
        }
        break;
    }
    (j, false)
}

/// Reads a name at `i` ignoring any title there (`Chase` in `Chase said`,
/// where `Chase` might also be a title).
fn name_without_title(tokens: Tokens, i: usize, stop: usize) -> Option<NameSpan> {
    let mut j = i;
    while j < stop && name_word(tokens, j) {
        j += 1;
        if is_possessive(tokens.text(j - 1)) {
            break;
        }
    }
    (j > i).then(|| NameSpan {
        tokens: i..j,
        title: None,
        title_gender: Gender::Unknown,
        possessive: is_possessive(tokens.text(j - 1)),
    })
}

/// In a capitalised run such as `European Council President Donald Tusk` or
/// `Oversight Chairman Jason Chaffetz`, the person starts at the first
/// courtesy title or office, or at the first given name followed by a
/// surname; the words before it describe them and become part of the title.
fn split_leading_office(tokens: Tokens, span: &mut NameSpan) {
    let lex = tokens.lex;
    let end = span.tokens.end;
    // `Martin Luther King`: a run that opens with a given name is all name.
    if tokens
        .word(span.tokens.start)
        .is_some_and(|w| lex.given_name(w).is_some())
    {
        return;
    }
    for p in span.tokens.start + 1..end {
        if let Some((after, gender)) = honorific_at(tokens, p) {
            if after < end {
                span.title = Some(span.tokens.start..after);
                span.title_gender = gender;
                return;
            }
        }
        let given = tokens.word(p).is_some_and(|w| lex.given_name(w).is_some());
        if given && p + 1 < end && p > span.tokens.start {
            // `Democrat Hillary Clinton`: only when what precedes is not
            // itself a given name (`Mary Jane Smith`).
            let prev_given = tokens
                .word(p - 1)
                .is_some_and(|w| lex.given_name(w).is_some());
            let first_given = tokens
                .word(span.tokens.start)
                .is_some_and(|w| lex.given_name(w).is_some());
            if !prev_given && !first_given {
                span.title = Some(span.tokens.start..p);
                return;
            }
        }
    }
}

/// Reads a name that ends at token `end - 1` (exclusive `end`), not starting
/// before `lo`.
pub fn name_ending_at(tokens: Tokens, end: usize, lo: usize) -> Option<NameSpan> {
    let prose = tokens.prose;
    if end == 0 || end <= lo {
        return None;
    }
    // Walk back over anything that can be inside a name, then read forward
    // from each candidate start and keep the longest reading ending at `end`.
    let mut start = end;
    // Names are short: look back a dozen tokens at most.
    while start > lo && end - start < 12 {
        let k = start - 1;
        let t = tokens[k];
        let ok = match t.kind {
            TokenKind::Number => k + 1 == end && t.end - t.start <= 3,
            TokenKind::Word => {
                let w = t.text(prose);
                (is_capitalised(w) && (k + 1 == end || !is_possessive(w))) || PARTICLES.contains(&w)
            }
            TokenKind::Punct => {
                t.text(prose) == "."
                    && k > lo
                    && tokens[k - 1].end == t.start
                    && tokens[k - 1].is_word()
            }
            _ => false,
        };
        if !ok {
            break;
        }
        start = k;
    }
    (start..end).find_map(|s| name_at(tokens, s, end).filter(|n| n.tokens.end == end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::lexicon::Lexicon;
    use crate::analysis::tokens::{tokenize, Token};
    use crate::analysis::TitleKind;

    fn read(text: &str) -> (Vec<Token>, Option<NameSpan>) {
        let mut toks = Vec::new();
        tokenize(text, 0..text.len(), &[], &mut toks);
        let n = name_at(Tokens::new(&toks, text, &Lexicon::builtin()), 0, toks.len());
        (toks, n)
    }

    fn span_text(text: &str, toks: &[Token], r: Range<usize>) -> String {
        text[toks[r.start].start..toks[r.end - 1].end].to_owned()
    }

    #[test]
    fn names_with_titles_particles_initials_and_suffixes() {
        for (input, title, name) in [
            ("Mr Wallace said", Some("Mr"), "Wallace"),
            ("Mr. Trump said", Some("Mr."), "Trump"),
            (
                "Foreign Secretary Liz Truss said",
                Some("Foreign Secretary"),
                "Liz Truss",
            ),
            ("Ursula von der Leyen said", None, "Ursula von der Leyen"),
            ("J. K. Rowling wrote", None, "J. K. Rowling"),
            (
                "Martin Luther King Jr. said",
                None,
                "Martin Luther King Jr.",
            ),
            ("Mr Lavrov’s remarks", Some("Mr"), "Lavrov’s"),
            ("Seán O'Brien said", None, "Seán O'Brien"),
        ] {
            let (toks, n) = read(input);
            let n = n.unwrap_or_else(|| panic!("no name in {input}"));
            assert_eq!(
                n.title
                    .clone()
                    .map(|t| span_text(input, &toks, t))
                    .as_deref(),
                title,
                "{input}"
            );
            assert_eq!(span_text(input, &toks, n.name_tokens()), name, "{input}");
        }
    }

    #[test]
    fn a_title_is_read_as_far_as_the_longest_that_opens_on_its_word() {
        let builtin = Lexicon::builtin();
        assert_eq!(builtin.honorific_words_from("Deputy"), 3);
        assert_eq!(builtin.honorific_words_from("Wallace"), 0);
        // A project's title reaches past the built-in ones on its word.
        let mut extra = crate::analysis::LexiconExtra::default();
        extra.add_title(
            "Deputy Chief Whip Emeritus",
            TitleKind::Office,
            Gender::Unknown,
        );
        let lex = Lexicon::with_extra(std::sync::Arc::new(extra));
        assert_eq!(lex.honorific_words_from("Deputy"), 4);
        let text = "Deputy Chief Whip Emeritus Jo Bell said";
        let mut toks = Vec::new();
        tokenize(text, 0..text.len(), &[], &mut toks);
        let n = name_at(Tokens::new(&toks, text, &lex), 0, toks.len()).expect("a name");
        let title = n.title.clone().map(|t| span_text(text, &toks, t));
        assert_eq!(title.as_deref(), Some("Deputy Chief Whip Emeritus"));
        assert_eq!(span_text(text, &toks, n.name_tokens()), "Jo Bell");
    }

    #[test]
    fn name_ending_at_stops_at_possessive_owner() {
        let text = "talks with Russia’s Sergei Shoigu said";
        let mut toks = Vec::new();
        tokenize(text, 0..text.len(), &[], &mut toks);
        let lex = Lexicon::builtin();
        let n = name_ending_at(Tokens::new(&toks, text, &lex), 5, 0).expect("a name");
        assert_eq!(span_text(text, &toks, n.tokens), "Sergei Shoigu");
    }
}
