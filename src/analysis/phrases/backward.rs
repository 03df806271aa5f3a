//! Reading a speaker phrase backwards from a verb: `Mr Lavrov said`, `the
//! Russian government said`, `Jason Chaffetz (R-Utah) said`.

use super::super::chars::ToLowercase;
use super::super::names::{is_possessive, name_ending_at, NameSpan};
use super::super::tokens::{is_capitalised, TokenKind, Tokens};
use super::phrase::*;

/// Reads a phrase that ends just before token `end` (skipping auxiliaries and
/// adverbs between it and `end`), not starting before `lo`.
pub fn phrase_before(tokens: Tokens, end: usize, lo: usize) -> Option<Phrase> {
    phrase_before_inner(tokens, end, lo, true)
}

/// As [`phrase_before`], without looking past an aside.
fn phrase_before_plain(tokens: Tokens, end: usize, lo: usize) -> Option<Phrase> {
    phrase_before_inner(tokens, end, lo, false)
}

/// Where an aside that ends at token `last` (`)` or `,`) begins: the `(` or
/// the comma before it, within a dozen tokens and with no verb of speech,
/// quotation or sentence end inside.
fn aside_start(tokens: Tokens, last: usize, lo: usize) -> Option<usize> {
    let prose = tokens.prose;
    let close = tokens
        .get(last)
        .filter(|t| t.kind == TokenKind::Punct)?
        .text(prose);
    let open = match close {
        ")" => "(",
        "," => ",",
        _ => return None,
    };
    let lex = tokens.lex;
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

/// Where the run of asides ending with the one opened by comma `open`
/// begins, reading back over up to four before it that give an age or
/// open on one of [`ASIDE_OPENERS`], and a state after a place (`of
/// Dunmore, Pa., at a meeting`): in `Cory James, 22, of Flint, Mich.,
/// said` and `Clinton, during a town hall in Columbus, Ohio, said`, the
/// subject is before the first comma, not the place before the last.
fn first_aside_start(tokens: Tokens, open: usize, lo: usize) -> usize {
    let mut open = open;
    for _ in 0..4 {
        let Some(earlier) = aside_start(tokens, open, lo) else {
            break;
        };
        if joins_run(tokens, earlier, open) {
            open = earlier;
            continue;
        }
        // One capitalised word (`Pa.`) joins only with the place before it:
        // in `Still, Petrilli, at the institute, said` it is the subject.
        let one_word = aside_words(tokens, earlier, open) == 1;
        let state = one_word && tokens.word(earlier + 1).is_some_and(is_capitalised);
        let place = aside_start(tokens, earlier, lo)
            .filter(|&before| state && joins_run(tokens, before, earlier));
        match place {
            Some(before) => open = before,
            None => break,
        }
    }
    open
}

/// Whether the aside between commas `earlier` and `open` joins a run of
/// asides: an age (`22`) or a phrase opening on one of [`ASIDE_OPENERS`].
fn joins_run(tokens: Tokens, earlier: usize, open: usize) -> bool {
    let first = earlier + 1;
    let age = aside_words(tokens, earlier, open) == 1 && tokens[first].kind == TokenKind::Number;
    age || tokens
        .word(first)
        .is_some_and(|w| lower_is(w, ASIDE_OPENERS))
}

/// How many tokens the aside between commas `earlier` and `open` holds,
/// an abbreviation's period not counted (`Mich.` is one).
fn aside_words(tokens: Tokens, earlier: usize, open: usize) -> usize {
    let n = open - earlier - 1;
    if n == 2 && tokens.punct_in(open - 1, &["."]) {
        1
    } else {
        n
    }
}

fn phrase_before_inner(tokens: Tokens, end: usize, lo: usize, past_asides: bool) -> Option<Phrase> {
    let (last, j) = subject_end(tokens, end, lo)?;
    // `Ben Wallace, the defence secretary, said`
    if tokens.punct_in(last, &[","]) {
        if let Some(inner) = phrase_before(tokens, last, lo) {
            if inner.appositive_name.is_some() {
                return Some(inner);
            }
        }
    }
    // `Jason Chaffetz (R-Utah) said`, `Mitch McConnell, R-Ky., said`,
    // `Quina Jones, 25, said`, `Hillary Clinton, at a briefing, said`:
    // the subject is before the aside.
    if let Some(open) = aside_start(tokens, last, lo).filter(|_| past_asides) {
        let run_start = first_aside_start(tokens, open, lo);
        let inner = phrase_before_plain(tokens, run_start, lo)?;
        // Read back past several asides, the phrase is the subject only
        // when it, or the name set off in it, opens its clause (or follows
        // the quote it attributes): in `Police arrested Tom Quill, 22, of
        // Flint, Mich., said Sheriff Ann Pike` it is what was arrested.
        let opens = |s: usize| {
            opens_clause(tokens, s, lo)
                || (s > lo && matches!(tokens[s - 1].kind, TokenKind::Quote(_)))
        };
        if run_start != open && !opens(inner.tokens.start) && !opens(inner.naming_tokens().start) {
            return None;
        }
        return (!matches!(inner.kind, PhraseKind::OtherPronoun)).then_some(inner);
    }
    // `Number 10 said`
    if tokens[last].kind == TokenKind::Number {
        let name = name_ending_at(tokens, j, lo)?;
        return Some(Phrase::new(name.tokens, PhraseKind::Name));
    }
    let phrase = word_phrase_before(tokens, last, j, lo)?;
    Some(affiliated_person(tokens, &phrase, lo).unwrap_or(phrase))
}

/// When `phrase` is where a person is from, the person: in `Sam Rhee of
/// Nevada said`, `Dr Jane Hull from the university said` and `Anna Kowal
/// at the trust told`, the subject is the name before the preposition.
fn affiliated_person(tokens: Tokens, phrase: &Phrase, lo: usize) -> Option<Phrase> {
    if !matches!(
        phrase.kind,
        PhraseKind::Name | PhraseKind::Organisation | PhraseKind::Role
    ) {
        return None;
    }
    let s = phrase.tokens.start;
    let preposition = s.checked_sub(1).filter(|&p| p > lo)?;
    let w = tokens.word(preposition)?;
    if !["of", "from", "at", "with"].contains(&w) {
        return None;
    }
    // A person's name: a title, or a first name and more (`Nevada` or `the
    // Manchester Rotary Club at the Grille` are no one); and the subject,
    // opening its clause: in `The judge who sentenced Sam Rhee of Eastfield
    // said` or `Lawyers for Sam Rhee of Eastfield said`, someone else speaks.
    let name = name_ending_at(tokens, preposition, lo)?;
    if !opens_clause(tokens, name.tokens.start, lo) {
        return None;
    }
    let mut words = name.name_tokens().filter(|&i| tokens[i].is_word());
    let first_name = words
        .next()
        .and_then(|i| tokens.word(i))
        .is_some_and(|w| tokens.lex.given_name(w).is_some());
    let personal =
        !name.possessive && (name.title.is_some() || (first_name && words.next().is_some()));
    personal.then(|| Phrase::new(name.tokens, PhraseKind::Name))
}

/// Where a subject before `end` ends, as (its last token, the token after
/// it): past the auxiliaries and adverbs before the verb (`has also
/// said`), and past the verb that governs a `to` (`He went on to reflect`,
/// `She wanted to stress`).
fn subject_end(tokens: Tokens, end: usize, lo: usize) -> Option<(usize, usize)> {
    let mut j = end;
    while j > lo
        && end - j < 6
        && tokens
            .word(j - 1)
            .is_some_and(|w| is_auxiliary(w) && pronoun(tokens.lex, w).is_none())
    {
        j -= 1;
    }
    if j <= lo {
        return None;
    }
    let mut last = j - 1;
    if tokens.word(last) == Some("to") && last > lo {
        let mut k = last;
        while k > lo
            && last - k < 3
            && tokens.word(k - 1).is_some_and(|w| {
                !is_capitalised(w) && pronoun(tokens.lex, w).is_none() && !is_auxiliary(w)
            })
        {
            k -= 1;
        }
        // Only a pronoun or a name opening the sentence: in `Trump took to
        // Twitter overnight to accuse…` the word before is not the subject.
        let subject_like = k > lo
            && tokens.word(k - 1).is_some_and(|w| {
                pronoun(tokens.lex, w).is_some() || (k - 1 == lo && is_capitalised(w))
            });
        if subject_like && k < last {
            last = k - 1;
            j = k;
        }
    }
    Some((last, j))
}

/// The phrase whose last word is token `last` (`j` is the token after it):
/// a pronoun, a role or body noun, the subject of a relative clause, a
/// name, or a description.
fn word_phrase_before(tokens: Tokens, last: usize, j: usize, lo: usize) -> Option<Phrase> {
    let lex = tokens.lex;
    let w = tokens.word(last)?;
    if let Some(kind) = pronoun(lex, w) {
        return Some(Phrase::new(last..j, kind));
    }
    // `Another said`, `Most say`, `21 percent said`: some of a group that
    // the story does not name further
    if let Some(start) = quantity_before(tokens, last, lo) {
        return Some(Phrase::new(start..j, PhraseKind::Role));
    }
    // `They both said`, `the traders have all said`: a quantity after its
    // subject is the subject's
    if last > lo && lower_is(w, FLOATING_QUANTITIES) && !opens_clause(tokens, last, lo) {
        return word_phrase_before(tokens, last - 1, last, lo);
    }
    // `Voters may recall`, `Police say`: a role or body noun opening the
    // sentence is a description, not a name.
    if last == lo && is_capitalised(w) {
        let lower = w.lowercase();
        if lex.is_role_noun(&lower) {
            return Some(Phrase::new(last..j, PhraseKind::Role));
        }
        if lex.is_organisation_noun(&lower) {
            return Some(Phrase::new(last..j, PhraseKind::Organisation));
        }
    }
    if w.eq_ignore_ascii_case("who") {
        // `Mr Smith, who ..., said` is out of reach; `Mr Smith, who said`
        let before = if tokens.punct_in(last.saturating_sub(1), &[","]) {
            last - 1
        } else {
            last
        };
        let mut phrase = phrase_before(tokens, before, lo)?;
        phrase.relative = Some(last);
        return Some(phrase);
    }
    // `The MP, who…, told`: a capitalised role noun after `the` is a description.
    if is_capitalised(w)
        && last > lo
        && tokens
            .word(last - 1)
            .is_some_and(|d| d.eq_ignore_ascii_case("the"))
        && lex.is_role_noun(&w.lowercase())
    {
        return Some(Phrase::new(last - 1..j, PhraseKind::Role));
    }
    if is_capitalised(w) && !is_possessive(w) {
        return name_phrase_before(tokens, w, last, j, lo);
    }
    description_phrase_before(tokens, j, lo)
}

/// Where a subject that counts people without naming them starts, when
/// it opens its clause and ends at `last`: a word (`Another said`, `Most
/// say`, but not `the one said` or `They both said`) or a share (`21
/// percent said`, `21 per cent said`); `no one` is nobody.
fn quantity_before(tokens: Tokens, last: usize, lo: usize) -> Option<usize> {
    let w = tokens.word(last)?;
    let number_at =
        |k: usize| k >= lo && tokens.get(k).is_some_and(|t| t.kind == TokenKind::Number);
    let start = if lower_is(w, QUANTITIES) {
        last
    } else if w.eq_ignore_ascii_case("percent") && last > lo && number_at(last - 1) {
        last - 1
    } else if w.eq_ignore_ascii_case("cent")
        && last > lo + 1
        && tokens
            .word(last - 1)
            .is_some_and(|p| p.eq_ignore_ascii_case("per"))
        && number_at(last - 2)
    {
        last - 2
    } else {
        return None;
    };
    let no_one = start > lo
        && w.eq_ignore_ascii_case("one")
        && tokens
            .word(start - 1)
            .is_some_and(|b| b.eq_ignore_ascii_case("no"));
    (!no_one && opens_clause(tokens, start, lo)).then_some(start)
}

/// Whether token `k` opens a clause: the sentence's first, or after a
/// mark or a conjunction (`, most said`, `and another said`).
fn opens_clause(tokens: Tokens, k: usize, lo: usize) -> bool {
    k == lo
        || tokens.punct_in(k - 1, &[",", ";", ":", "—", "–", "("])
        || tokens
            .word(k - 1)
            .is_some_and(|w| lower_is(w, CLAUSE_CONJUNCTIONS))
}

/// A name ending at token `last` (whose word is `w`), with a role set off
/// before it (`the defence secretary, Ben Wallace said`); failing a name,
/// a body noun opening the sentence (`Police say`) or a party (`the
/// Liberal Democrats`).
fn name_phrase_before(tokens: Tokens, w: &str, last: usize, j: usize, lo: usize) -> Option<Phrase> {
    let lex = tokens.lex;
    let Some(name) = name_ending_at(tokens, j, lo) else {
        // `Police say`, `Officials said` at the start of a sentence
        let lower = w.lowercase();
        if last == lo && (lex.is_role_noun(&lower) || lex.is_organisation_noun(&lower)) {
            let kind = if lex.is_role_noun(&lower) {
                PhraseKind::Role
            } else {
                PhraseKind::Organisation
            };
            return Some(Phrase::new(last..j, kind));
        }
        return capitalised_body_before(tokens, j, lo);
    };
    let mut phrase = Phrase::new(name.tokens.clone(), PhraseKind::Name);
    let s = name.tokens.start;
    if s >= 2 && tokens.punct_in(s - 1, &[","]) {
        if let Some(desc) = description_ending_at(tokens, s - 1, lo) {
            if desc.kind == PhraseKind::Role {
                let whole = desc.tokens.start..name.tokens.end;
                phrase = Phrase::apposition(whole, desc.tokens, name.tokens);
            }
        }
    }
    Some(phrase)
}

/// A description ending before `j`, with a person's name set off before it
/// when the second comma is missing (`Ben Wallace, the defence secretary
/// said`).
fn description_phrase_before(tokens: Tokens, j: usize, lo: usize) -> Option<Phrase> {
    let mut phrase = description_ending_at(tokens, j, lo)?;
    let s = phrase.tokens.start;
    if s >= 2 && tokens.punct_in(s - 1, &[","]) && phrase.kind == PhraseKind::Role {
        // Only a person's name: not `a lawyer or MP, the courts minister`.
        let personal = |n: &NameSpan| {
            n.title.is_some() || n.name_tokens().filter(|&i| tokens[i].is_word()).count() >= 2
        };
        if let Some(name) = name_ending_at(tokens, s - 1, lo).filter(personal) {
            let whole = name.tokens.start..phrase.tokens.end;
            phrase = Phrase::apposition(whole, phrase.tokens, name.tokens);
        }
    }
    Some(phrase)
}

/// A party or body named by capitalised words that are not names on their
/// own, after `the` or opening the sentence: `the Liberal Democrats`,
/// `The Conservatives`, `Democrats`.
fn capitalised_body_before(tokens: Tokens, end: usize, lo: usize) -> Option<Phrase> {
    let mut k = end;
    while k > lo
        && end - k < 5
        && tokens.word(k - 1).is_some_and(|w| {
            is_capitalised(w) && pronoun(tokens.lex, w).is_none() && !lower_is(w, DETERMINERS)
        })
    {
        k -= 1;
    }
    if k == end {
        return None;
    }
    let plural = tokens.word(end - 1).is_some_and(|w| w.ends_with('s'));
    let the = k > lo
        && tokens
            .word(k - 1)
            .is_some_and(|w| w.eq_ignore_ascii_case("the"));
    if the {
        return Some(Phrase::new(k - 1..end, PhraseKind::Organisation));
    }
    // Without `the`, only a plural at the start of the sentence.
    (k == lo && plural && !lower_is(tokens.word(k)?, DETERMINERS))
        .then(|| Phrase::new(k..end, PhraseKind::Organisation))
}

/// A description (`the defence secretary`, `a spokeswoman for the ministry`)
/// ending just before `end`.
fn description_ending_at(tokens: Tokens, end: usize, lo: usize) -> Option<Phrase> {
    let start = description_start(tokens, end, lo);
    if start.at == end {
        return None;
    }
    let k = start.at;
    let kind = match description_kind(tokens, k..end) {
        Some(kind) => kind,
        None if start.owner => PhraseKind::Role,
        // `The harbour master said`: an article and a noun right before the
        // verb of speech is its subject, listed noun or not. (`end` is the
        // verb: callers read descriptions backwards from verbs.)
        None if start.determiner
            && end - k >= 2
            && tokens.word(k).is_some_and(is_article)
            && tokens.word(end - 1).is_some_and(|w| !is_capitalised(w))
            && tokens.word(end).is_some_and(|v| {
                let v = v.lowercase();
                tokens.lex.speech_verb(&v).is_some() || is_auxiliary(&v)
            }) =>
        {
            PhraseKind::Role
        }
        None => return None,
    };
    // Without a determiner only a bare role or organisation noun phrase
    // (`officials`, `police`, `Labour sources`) is a speaker.
    if !start.determiner {
        let head = tokens.word(end - 1)?;
        if is_capitalised(head) {
            return None;
        }
    }
    Some(Phrase::new(k..end, kind))
}

/// Where a description ending before `end` starts, reading back.
struct DescriptionStart {
    at: usize,
    /// It opens with a determiner (`the`, `a spokeswoman for the ministry`).
    determiner: bool,
    /// It opens with an owner's name (`Ivana Trump's brief`,
    /// `Clinton's campaign`), which makes it a speaker whatever the noun.
    owner: bool,
}

fn description_start(tokens: Tokens, end: usize, lo: usize) -> DescriptionStart {
    let lex = tokens.lex;
    let mut k = end;
    let mut determiner = false;
    let mut owner = false;
    while k > lo && end - k < 10 {
        let Some(w) = tokens.word(k - 1) else {
            break;
        };
        // `that` before a noun here is a conjunction: `said that more customers…`
        if lower_is(w, DETERMINERS) && !w.eq_ignore_ascii_case("that") {
            k -= 1;
            determiner = true;
            // `a spokeswoman for the ministry`: keep reading past `for`
            if k > lo + 1
                && tokens
                    .word(k - 1)
                    .is_some_and(|p| lower_is(p, PREPOSITIONS_IN_PHRASE))
                && tokens.word(k - 2).is_some_and(|n| {
                    let n = n.lowercase();
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
            match name_ending_at(tokens, k, lo) {
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
            || lex.speech_verb(&w.lowercase()).is_some()
            || lower_is(w, PREPOSITIONS_IN_PHRASE)
        {
            break;
        }
        k -= 1;
    }
    DescriptionStart {
        at: k,
        determiner,
        owner,
    }
}
