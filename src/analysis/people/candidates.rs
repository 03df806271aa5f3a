//! Reading the names in a story's paragraphs, with what surrounds each one:
//! the office or role given with it (`Foreign Secretary Liz Truss`, `his
//! Russian counterpart Sergei Shoigu`, `Ben Wallace, the defence secretary,`),
//! whether it is the subject of its sentence, and whether it is used as a
//! modifier (`the Clinton campaign`).

use std::ops::Range;

use super::super::chars::ToLowercase;
use super::super::document::ParagraphKind;
use super::super::gender::Gender;
use super::super::names::{name_at, strip_possessive, NameSpan};
use super::super::tokens::{ends_sentence, is_capitalised, TokenKind, Tokens};
use super::person::ParagraphInput;
use super::roles::{
    acting_for_before, apposition_after, apposition_before, is_not_subject_after, is_preposition,
    office, premodifier, relative_clause_after,
};

/// A name found in the text, before it is assigned to a person.
pub(super) struct Candidate<'t> {
    pub span: NameSpan,
    pub paragraph: usize,
    /// Headline, crosshead: display text, not the story's references.
    pub display: bool,
    pub range: Range<usize>,
    pub name_range: Range<usize>,
    pub title_range: Option<Range<usize>>,
    /// Name words, possessive stripped (as written in the text).
    pub words: NameWords<'t>,
    /// The first plain name in its sentence, or a name before a verb of
    /// speech: the likely subject.
    pub subject: bool,
    /// Neither possessive, nor after a preposition, nor a modifier: a name
    /// that could be its sentence's subject.
    pub plain: bool,
    /// Which sentence of its paragraph it is in.
    pub sentence: usize,
    /// Followed directly by a verb of speech (`Dainis Ivans said`).
    pub speaks: bool,
    /// The verb of speech this name is the subject of, directly after it
    /// or after a comma (`One adviser, Tad Devine, told…`): its token.
    pub speech_verb: Option<usize>,
    /// The subject of a verb of speech before or after it (`Hale said`,
    /// `said Hale`), with no article of its own (`the Times said` is a
    /// paper's name) and no preposition (`in Virginia, said he`).
    pub named_as_speaker: bool,
    /// Used as a modifier: `the Clinton campaign`, `a Trump supporter`.
    pub attributive: bool,
    /// A role given with the name, as written, and the bytes it came from.
    pub role: Option<(String, Range<usize>)>,
    /// Pronouns that point back at this name, with their gender and bytes:
    /// `Ms Kyi said she…`, or `He`/`She` opening the next sentence when
    /// this name is the only one in its sentence. Evidence of gender when
    /// the name and title give none.
    pub pronouns: Vec<(Gender, Range<usize>)>,
}

/// The words of a name, kept in the candidate itself up to
/// [`NameWords::INLINE`] (nearly every name): a story has a name in every
/// few sentences, and a vector each cost an allocation.
pub(super) struct NameWords<'t> {
    inline: [&'t str; NameWords::INLINE],
    len: usize,
    /// All the words, when there are more than fit inline.
    spilled: Vec<&'t str>,
}

impl NameWords<'_> {
    const INLINE: usize = 4;
}

impl<'t> NameWords<'t> {
    fn new(words: impl Iterator<Item = &'t str>) -> NameWords<'t> {
        let mut out = NameWords {
            inline: [""; NameWords::INLINE],
            len: 0,
            spilled: Vec::new(),
        };
        for word in words {
            match out.inline.get_mut(out.len) {
                Some(slot) if out.spilled.is_empty() => *slot = word,
                _ => {
                    if out.spilled.is_empty() {
                        out.spilled.extend_from_slice(&out.inline);
                    }
                    out.spilled.push(word);
                }
            }
            out.len += 1;
        }
        out
    }
}

impl<'t> std::ops::Deref for NameWords<'t> {
    type Target = [&'t str];

    fn deref(&self) -> &[&'t str] {
        if self.spilled.is_empty() {
            &self.inline[..self.len.min(NameWords::INLINE)]
        } else {
            &self.spilled
        }
    }
}

/// Token `i` of `tokens` as a vote for a gender, when it is `he` or `she`.
fn gendered_pronoun(tokens: Tokens, i: usize) -> Option<(Gender, Range<usize>)> {
    let gender = tokens.lex.pronoun(tokens.word(i)?)?;
    matches!(gender, Gender::Male | Gender::Female).then(|| (gender, tokens.bytes(i..i + 1)))
}

/// Every name in the story outside quotations and captions.
pub(super) fn collect<'t>(paragraphs: &[ParagraphInput<'t>]) -> Vec<Candidate<'t>> {
    // Room for about one name in thirty tokens, a news story's share: the
    // candidates are large, and copied each time the vector grows.
    let tokens: usize = paragraphs.iter().map(|p| p.tokens.len()).sum();
    let mut candidates = Vec::with_capacity(tokens / 30);
    // Reused from paragraph to paragraph.
    let (mut sentence_starts, mut names_in) = (Vec::new(), Vec::new());
    for para in paragraphs {
        if para.kind == ParagraphKind::Caption {
            continue;
        }
        starts_of_sentences(para.tokens, &mut sentence_starts);
        let first = candidates.len();
        read_names(para, &sentence_starts, &mut candidates);
        let votes = &mut candidates[first..];
        vote_pronouns(para.tokens, &sentence_starts, votes, &mut names_in);
    }
    candidates
}

/// Where each sentence of a paragraph starts (the starts of
/// [`super::super::tokens::sentences`]), into `out`.
fn starts_of_sentences(tokens: Tokens, out: &mut Vec<usize>) {
    out.clear();
    let mut start = 0;
    for i in 0..tokens.len() {
        if ends_sentence(tokens, i) {
            out.push(start);
            start = i + 1;
        }
    }
    if start < tokens.len() {
        out.push(start);
    }
}

/// The names in one paragraph, each with whether it is its sentence's
/// subject and whether a verb of speech follows it.
fn read_names<'t>(
    para: &ParagraphInput<'t>,
    sentence_starts: &[usize],
    out: &mut Vec<Candidate<'t>>,
) {
    let tokens = para.tokens;
    let lex = tokens.lex;
    let mut sentence = usize::MAX;
    let mut i = 0;
    while i < tokens.len() {
        // Every name opens on a capital: a word whose first byte is any
        // other ASCII character is out before the call (most words).
        let ascii_uncapitalised = (tokens.prose.as_bytes().get(tokens[i].start))
            .is_some_and(|b| b.is_ascii() && !b.is_ascii_uppercase());
        if tokens[i].kind != TokenKind::Word || ascii_uncapitalised {
            i += 1;
            continue;
        }
        let Some(span) = name_at(tokens, i, tokens.len()) else {
            i += 1;
            continue;
        };
        // `the Ministry of Maritime Affairs`, `University of East Anglia`:
        // the rest of an organisation's name, not a person.
        let of_organisation = tokens.word(i.wrapping_sub(1)) == Some("of")
            && tokens
                .word(i.wrapping_sub(2))
                .is_some_and(|w| is_capitalised(w) && lex.is_organisation_noun_as_written(w));
        if of_organisation {
            i = span.tokens.end;
            continue;
        }
        let this_sentence = sentence_starts.partition_point(|&s| s <= i);
        let after_preposition = tokens
            .word(i.wrapping_sub(1))
            .is_some_and(|w| is_not_subject_after(&w.lowercase()));
        let plain = !span.possessive && !after_preposition;
        let speaks = tokens
            .word(span.tokens.end)
            .is_some_and(|w| lex.speech_verb(w).is_some());
        let previous = tokens.word(i.wrapping_sub(1)).unwrap_or_default();
        let previous_lower = previous.lowercase();
        // A preposition's object, but not after a preposition opening the
        // sentence: in `In Leeds Tom Byrne said`, the name read runs on
        // into the subject's.
        let sentence_start = (sentence_starts.get(this_sentence.wrapping_sub(1)))
            .copied()
            .unwrap_or(0);
        let object_of_preposition = i > sentence_start + 1 && is_preposition(&previous_lower);
        let after_article = matches!(&*previous_lower, "the" | "a" | "an");
        let end = span.tokens.end;
        let speech_verb = if speaks {
            Some(end)
        } else {
            verb_after_comma(tokens, end)
        };
        i = span.tokens.end;
        let mut found = candidate(para, span, speaks);
        // A name used as a modifier (`Clinton spokeswoman Jo Hale`) is not
        // the sentence's subject, and leaves the place to the name after it;
        // nor is a preposition's object, verb or not (`Anna Kowal from
        // Riverside Trust told`), though a subordinate clause's subject is
        // (`Although Weiner admitted`).
        let plain = plain && !found.attributive;
        found.subject = (plain && this_sentence != sentence) || (speaks && !object_of_preposition);
        if plain {
            sentence = this_sentence;
        }
        found.plain = plain;
        found.sentence = this_sentence;
        found.speech_verb = speech_verb;
        // `Keeps saying she…` opens on a verb: a name says in a finite verb.
        let finite = speech_verb
            .and_then(|v| lex.speech_verb(tokens.word(v)?))
            .is_some_and(|form| !form.gerund);
        // `said Hale`, not `told Hale` (whose Hale is the one told).
        let inverted = matches!(
            previous,
            "said" | "says" | "added" | "adds" | "wrote" | "writes" | "explained" | "continued"
        );
        found.named_as_speaker = plain && !after_article && (finite || inverted);
        out.push(found);
    }
}

/// A name found in a paragraph, with its ranges, its words, and the role
/// the text gives it.
fn candidate<'t>(para: &ParagraphInput<'t>, span: NameSpan, speaks: bool) -> Candidate<'t> {
    let tokens = para.tokens;
    let prose = tokens.prose;
    let name_tokens = span.name_tokens();
    let words = NameWords::new(
        tokens[name_tokens.clone()]
            .iter()
            .filter(|t| t.is_word())
            .map(|t| strip_possessive(t.text(prose))),
    );
    let first = tokens[span.tokens.start].start;
    let last_tok = tokens[span.tokens.end - 1];
    let last_end = if span.possessive {
        last_tok.start + strip_possessive(last_tok.text(prose)).len()
    } else {
        last_tok.end
    };
    let name_start = tokens[name_tokens.start].start;
    let title_range = span.title.clone().map(|t| tokens.bytes(t));
    let attributive = words.len() == 1 && span.title.is_none() && attributive(tokens, &span);
    let role = office(tokens, &span)
        .or_else(|| premodifier(tokens, span.tokens.start))
        .or_else(|| apposition_before(tokens, span.tokens.start))
        .or_else(|| apposition_after(tokens, span.tokens.start, span.tokens.end))
        .or_else(|| relative_clause_after(tokens, span.tokens.end))
        .or_else(|| acting_for_before(tokens, span.tokens.start));
    Candidate {
        range: first..last_end,
        name_range: name_start..last_end,
        title_range,
        paragraph: para.index,
        display: para.kind.is_furniture(),
        span,
        words,
        subject: false,
        plain: false,
        sentence: 0,
        speaks,
        speech_verb: None,
        named_as_speaker: false,
        attributive,
        role,
        pronouns: Vec::new(),
    }
}

/// Gender evidence from pronouns, for one paragraph's names: `Ms Kyi said
/// she…`, and a name alone in its sentence whose next sentence opens with
/// `He` or `She`.
fn vote_pronouns(
    tokens: Tokens,
    sentence_starts: &[usize],
    candidates: &mut [Candidate],
    names_in: &mut Vec<usize>,
) {
    let sentence_of =
        |c: &Candidate| sentence_starts.partition_point(|&s| s <= c.span.tokens.start);
    // Names per sentence, counted once (not once per name).
    names_in.clear();
    names_in.resize(sentence_starts.len() + 1, 0);
    // A name used as a modifier (`Clinton campaign manager Robby Mook`)
    // is nobody a pronoun points back at.
    for c in candidates.iter().filter(|c| !c.attributive) {
        names_in[sentence_of(c)] += 1;
    }
    for c in candidates.iter_mut() {
        let mut pronouns = Vec::new();
        if let Some(verb) = c.speech_verb {
            pronouns.extend(clause_pronoun(tokens, verb));
        }
        let s = sentence_of(c);
        if names_in[s] == 1 && c.subject && !c.span.possessive {
            if let Some(&next) = sentence_starts.get(s) {
                pronouns.extend(gendered_pronoun(tokens, next));
            }
        }
        c.pronouns = pronouns;
    }
}

/// The verb of speech after a comma that follows a name, directly (`Tad
/// Devine, told`) or after an apposition (`Morton Blackwell, the party's
/// man in Virginia, told`): its token.
fn verb_after_comma(tokens: Tokens, end: usize) -> Option<usize> {
    if !tokens.punct_in(end, &[","]) {
        return None;
    }
    let is_verb = |i: usize| {
        tokens
            .word(i)
            .is_some_and(|w| tokens.lex.speech_verb(w).is_some())
    };
    if is_verb(end + 1) {
        return Some(end + 1);
    }
    let limit = (end + 12).min(tokens.len());
    let close = (end + 1..limit)
        .take_while(|&i| !ends_sentence(tokens, i) && tokens[i].quote().is_none())
        .find(|&i| tokens.punct_in(i, &[","]))?;
    is_verb(close + 1).then_some(close + 1)
}

/// Verbs of speech that take no listener: `her` after them is the
/// speaker's (`Ms Kyi said her party…`), where after `told` it is whoever
/// was told.
const NO_LISTENER: &[&str] = &[
    "said",
    "says",
    "say",
    "added",
    "adds",
    "wrote",
    "writes",
    "noted",
    "notes",
    "argued",
    "argues",
    "insisted",
    "insists",
    "stressed",
    "admitted",
    "recalled",
    "explained",
];

/// The first `he`, `she` or `his` (and `her` after a verb with no
/// listener) in the clause a name's verb of speech opens, when no other
/// word that could be its antecedent comes first: `Ms Kyi said she…`,
/// `Gen Nakatani said his country…`, `Tad Devine told reporters that he…`.
fn clause_pronoun(tokens: Tokens, verb: usize) -> Option<(Gender, Range<usize>)> {
    let lex = tokens.lex;
    let no_listener = tokens
        .word(verb)
        .is_some_and(|v| NO_LISTENER.contains(&v.lowercase().as_str()));
    for i in verb + 1..(verb + 9).min(tokens.len()) {
        let word = tokens.word(i)?;
        let gender = match word.lowercase().as_str() {
            "his" => Some(Gender::Male),
            "her" if no_listener => Some(Gender::Female),
            "her" | "him" | "the" | "a" | "an" | "this" | "these" | "those" | "who" => return None,
            _ => lex.pronoun(word).filter(|g| g.is_binary()),
        };
        if let Some(gender) = gender {
            return Some((gender, tokens.bytes(i..i + 1)));
        }
        // Another name, or a noun for someone, could be the antecedent.
        let lower = word.lowercase();
        let other_person = (is_capitalised(word) && !lex.is_time_noun(&lower))
            || lex.is_singular_role(&lower)
            || lex.is_person_noun(&lower)
            || lex.pronoun(word).is_some();
        if other_person || ends_sentence(tokens, i) {
            return None;
        }
    }
    None
}

/// `the Clinton campaign`, `a Trump supporter`, `Blair government`: a lone
/// name used as a modifier of the noun after it.
fn attributive(tokens: Tokens, span: &NameSpan) -> bool {
    let lex = tokens.lex;
    let after_article = tokens
        .word(span.tokens.start.wrapping_sub(1))
        .is_some_and(|w| matches!(w.lowercase().as_str(), "the" | "a" | "an"));
    let before_noun = !span.possessive
        && tokens.word(span.tokens.end).is_some_and(|w| {
            !is_capitalised(w) && (lex.is_role_noun(w) || lex.is_organisation_noun(w))
        });
    after_article || before_noun
}
