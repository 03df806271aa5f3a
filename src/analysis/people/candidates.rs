//! Reading the names in a story's paragraphs, with what surrounds each one:
//! the office or role given with it (`Foreign Secretary Liz Truss`, `his
//! Russian counterpart Sergei Shoigu`, `Ben Wallace, the defence secretary,`),
//! whether it is the subject of its sentence, and whether it is used as a
//! modifier (`the Clinton campaign`).

use std::ops::Range;

use super::super::document::ParagraphKind;
use super::super::gender::Gender;
use super::super::names::{is_possessive, name_at, strip_possessive, NameSpan};
use super::super::tokens::{ends_sentence, is_capitalised, sentences, TokenKind, Tokens};
use super::person::ParagraphInput;

/// Words after which a name is an object, not a subject.
const NOT_SUBJECT_AFTER: &[&str] = &[
    "about", "with", "of", "by", "to", "for", "from", "in", "on", "at", "against", "between",
    "and", "than", "like", "as", "toward", "towards", "under", "over", "after", "before",
    // subordinating words: `Asked if Mr Blunkett…`, `said that Mr Blair…`
    "if", "whether", "that", "because", "although", "while", "when", "since", "unless", "until",
];

const DETERMINERS: &[&str] = &["the", "a", "an", "his", "her", "its", "their", "our"];

/// A name found in the text, before it is assigned to a person.
pub(super) struct Candidate {
    pub span: NameSpan,
    pub paragraph: usize,
    /// Headline, crosshead: display text, not the story's references.
    pub display: bool,
    pub range: Range<usize>,
    pub name_range: Range<usize>,
    pub title_range: Option<Range<usize>>,
    /// Name words, possessive stripped.
    pub words: Vec<String>,
    /// The first plain name in its sentence, or a name before a verb of
    /// speech: the likely subject.
    pub subject: bool,
    /// Followed directly by a verb of speech (`Dainis Ivans said`).
    pub speaks: bool,
    /// The verb of speech this name is the subject of, directly after it
    /// or after a comma (`One adviser, Tad Devine, told…`): its token.
    pub speech_verb: Option<usize>,
    /// Right after a verb of speech: `said Morton Blackwell`.
    pub spoken_of: bool,
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

/// Token `i` of `tokens` as a vote for a gender, when it is `he` or `she`.
fn gendered_pronoun(tokens: Tokens, i: usize) -> Option<(Gender, Range<usize>)> {
    let gender = tokens.lex.pronoun(tokens.word(i)?)?;
    matches!(gender, Gender::Male | Gender::Female).then(|| (gender, tokens.bytes(i..i + 1)))
}

fn is_determiner(w: &str) -> bool {
    DETERMINERS.iter().any(|d| d.eq_ignore_ascii_case(w))
}

/// Every name in the story outside quotations and captions.
pub(super) fn collect(paragraphs: &[ParagraphInput]) -> Vec<Candidate> {
    let mut candidates = Vec::new();
    for para in paragraphs {
        if para.kind == ParagraphKind::Caption {
            continue;
        }
        let sentence_starts: Vec<usize> = sentences(para.tokens)
            .into_iter()
            .map(|r| r.start)
            .collect();
        let first = candidates.len();
        read_names(para, &sentence_starts, &mut candidates);
        vote_pronouns(para.tokens, &sentence_starts, &mut candidates[first..]);
    }
    candidates
}

/// The names in one paragraph, each with whether it is its sentence's
/// subject and whether a verb of speech follows it.
fn read_names(para: &ParagraphInput, sentence_starts: &[usize], out: &mut Vec<Candidate>) {
    let tokens = para.tokens;
    let lex = tokens.lex;
    let mut sentence = usize::MAX;
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i].kind != TokenKind::Word {
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
                .is_some_and(|w| is_capitalised(w) && lex.is_organisation_noun(&w.to_lowercase()));
        if of_organisation {
            i = span.tokens.end;
            continue;
        }
        let this_sentence = sentence_starts.partition_point(|&s| s <= i);
        let after_preposition = tokens
            .word(i.wrapping_sub(1))
            .is_some_and(|w| NOT_SUBJECT_AFTER.contains(&w.to_lowercase().as_str()));
        let plain = !span.possessive && !after_preposition;
        let speaks = tokens
            .word(span.tokens.end)
            .is_some_and(|w| lex.speech_verb(w).is_some());
        let subject = (plain && this_sentence != sentence) || speaks;
        let end = span.tokens.end;
        let speech_verb = if speaks {
            Some(end)
        } else {
            verb_after_comma(tokens, end)
        };
        let spoken_of = tokens
            .word(i.wrapping_sub(1))
            .is_some_and(|w| lex.speech_verb(&w.to_lowercase()).is_some());
        if plain {
            sentence = this_sentence;
        }
        i = span.tokens.end;
        let mut found = candidate(para, span, subject, speaks);
        found.speech_verb = speech_verb;
        found.spoken_of = spoken_of;
        out.push(found);
    }
}

/// A name found in a paragraph, with its ranges, its words, and the role
/// the text gives it.
fn candidate(para: &ParagraphInput, span: NameSpan, subject: bool, speaks: bool) -> Candidate {
    let tokens = para.tokens;
    let prose = tokens.prose;
    let name_tokens = span.name_tokens();
    let words: Vec<String> = tokens[name_tokens.clone()]
        .iter()
        .filter(|t| t.is_word())
        .map(|t| strip_possessive(t.text(prose)).to_owned())
        .collect();
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
        .or_else(|| apposition_after(tokens, span.tokens.end))
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
        subject,
        speaks,
        speech_verb: None,
        spoken_of: false,
        attributive,
        role,
        pronouns: Vec::new(),
    }
}

/// Gender evidence from pronouns, for one paragraph's names: `Ms Kyi said
/// she…`, and a name alone in its sentence whose next sentence opens with
/// `He` or `She`.
fn vote_pronouns(tokens: Tokens, sentence_starts: &[usize], candidates: &mut [Candidate]) {
    let sentence_of =
        |c: &Candidate| sentence_starts.partition_point(|&s| s <= c.span.tokens.start);
    // Names per sentence, counted once (not once per name).
    let mut names_in = vec![0usize; sentence_starts.len() + 1];
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
        .is_some_and(|v| NO_LISTENER.contains(&v.to_lowercase().as_str()));
    for i in verb + 1..(verb + 9).min(tokens.len()) {
        let word = tokens.word(i)?;
        let gender = match word.to_lowercase().as_str() {
            "his" => Some(Gender::Male),
            "her" if no_listener => Some(Gender::Female),
            "her" | "him" | "the" | "a" | "an" | "this" | "these" | "those" | "who" => return None,
            _ => lex.pronoun(word).filter(|g| g.is_binary()),
        };
        if let Some(gender) = gender {
            return Some((gender, tokens.bytes(i..i + 1)));
        }
        // Another name, or a noun for someone, could be the antecedent.
        let lower = word.to_lowercase();
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
        .is_some_and(|w| matches!(w.to_lowercase().as_str(), "the" | "a" | "an"));
    let before_noun = !span.possessive
        && tokens.word(span.tokens.end).is_some_and(|w| {
            !is_capitalised(w) && (lex.is_role_noun(w) || lex.is_organisation_noun(w))
        });
    after_article || before_noun
}

/// The office in a capitalised title: `Foreign Secretary` in `Foreign
/// Secretary Liz Truss` (courtesy titles such as `Mr` are not roles).
fn office(tokens: Tokens, span: &NameSpan) -> Option<(String, Range<usize>)> {
    let prose = tokens.prose;
    let title = span.title.as_ref()?;
    let range = tokens[title.start].start..tokens[title.end - 1].end;
    let text = prose[range.clone()].trim_end_matches('.');
    (!tokens.lex.is_courtesy_title(text)).then(|| (sentence_case(tokens, title.start, text), range))
}

/// A role written before the name: `his Russian counterpart Sergei Shoigu`,
/// `Tory leader Michael Howard`, `longtime Democratic pollster Pat Caddell`.
/// The word right before the name must be a role noun.
fn premodifier(tokens: Tokens, start: usize) -> Option<(String, Range<usize>)> {
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
        if is_determiner(w) || is_possessive(w) || lex.speech_verb(&w.to_lowercase()).is_some() {
            break;
        }
        let modifier = is_capitalised(w) || lex.is_role_noun(w) || lex.is_role_modifier(w);
        if !modifier {
            break;
        }
        // a capitalised word opening a sentence could be a verb-less heading;
        // keep it only when it is not a known non-name word (`However`)
        // (`Former` opening one is a modifier all the same)
        let modifier_word = lex.is_role_modifier(&w.to_lowercase());
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
    let lower = word.to_lowercase();
    // a modifier (`local`, `former`), not a title (`Councillor Ann Bell`)
    let modifier = lex.is_role_modifier(&lower) && !lex.starts_honorific(word);
    // `Shadow Chancellor`, `Finance Minister`: a title capitalised through
    // (an acronym such as `MSP` is capitalised anywhere)
    let title_case = (text.split_whitespace().skip(1))
        .any(|w| is_capitalised(w) && w.chars().any(char::is_lowercase));
    if !(opens_sentence && modifier && word != lower && is_capitalised(word)) || title_case {
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
fn apposition_before(tokens: Tokens, start: usize) -> Option<(String, Range<usize>)> {
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
                !owner && !matches!(w.to_lowercase().as_str(), "the" | "a" | "an");
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
        if lex.speech_verb(&w.to_lowercase()).is_some()
            || NOT_SUBJECT_AFTER.contains(&w.to_lowercase().as_str())
        {
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
fn relative_clause_after(tokens: Tokens, end: usize) -> Option<(String, Range<usize>)> {
    let prose = tokens.prose;
    if !tokens.punct_in(end, &[","]) || !tokens.word(end + 1)?.eq_ignore_ascii_case("who") {
        return None;
    }
    let lex = tokens.lex;
    let verb = tokens.word(end + 2)?;
    let lower = verb.to_lowercase();
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
        if t.is_word() && lex.speech_verb(&t.text(prose).to_lowercase()).is_some() && k > start {
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
            let lower = w.to_lowercase();
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
fn acting_for_before(tokens: Tokens, start: usize) -> Option<(String, Range<usize>)> {
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

/// `Ben Wallace, the defence secretary, said`: a determiner phrase set off
/// after the name by commas (or ending the sentence), headed by a role noun.
fn apposition_after(tokens: Tokens, end: usize) -> Option<(String, Range<usize>)> {
    let prose = tokens.prose;
    if !tokens.punct_in(end, &[","]) {
        return None;
    }
    let det = tokens.word(end + 1)?;
    if !matches!(
        det.to_lowercase().as_str(),
        "the" | "a" | "an" | "its" | "their"
    ) {
        return None;
    }
    let lex = tokens.lex;
    let start = end + 2;
    let mut k = start;
    let mut head = None;
    while k < tokens.len() && k - start < 8 {
        let t = tokens[k];
        if t.kind == TokenKind::Punct {
            break;
        }
        let w = t.text(prose);
        if t.is_word() && lex.speech_verb(&w.to_lowercase()).is_some() {
            return None;
        }
        if t.is_word() && head.is_none() && lex.is_singular_role(&w.to_lowercase()) {
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
