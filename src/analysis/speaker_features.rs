//! What the speaker model knows about a candidate speaker of a quote: a
//! fixed-length vector of features, each with a name (the model file names
//! its weights by them).
//!
//! Three groups, and their products:
//! - facts about the quote ([`QuoteFlag`]): does it open its sentence, is
//!   it a short fragment, does its sentence have a verb of speech, …;
//! - which finders read the candidate ([`Finder`]);
//! - facts about the candidate ([`CandidateFact`]): its kind (name,
//!   pronoun, role, organisation), how far it is from the quote, whether it
//!   names a person in the story, whether it spoke the quote before;
//! - every finder and every kind crossed with every quote flag, since a
//!   linear model cannot see that `said X` after a quote that opens its
//!   sentence means more than it does inside a long one.
//!
//! Nothing here depends on the model's own choices for other quotes except
//! through the candidates carried from them, so the training data can be
//! made by the rules alone.

use super::attribution::{self, Finder, QuoteReading};
use super::candidates::{Candidate, QuoteCandidates};
use super::chars::ToLowercase;
use super::model::Analysis;
use super::phrases::PhraseKind;
use super::quote::Quote;

/// Facts about a quote, the same for all its candidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteFlag {
    StartsSentence,
    EndsSentence,
    ShortFragment,
    FirstSentence,
    OpensParagraph,
    SentenceHasCue,
    SeveralParagraphs,
    CommaInside,
    AfterColon,
    Term,
    Long,
    OneCandidate,
}

impl QuoteFlag {
    pub const ALL: [QuoteFlag; 12] = [
        QuoteFlag::StartsSentence,
        QuoteFlag::EndsSentence,
        QuoteFlag::ShortFragment,
        QuoteFlag::FirstSentence,
        QuoteFlag::OpensParagraph,
        QuoteFlag::SentenceHasCue,
        QuoteFlag::SeveralParagraphs,
        QuoteFlag::CommaInside,
        QuoteFlag::AfterColon,
        QuoteFlag::Term,
        QuoteFlag::Long,
        QuoteFlag::OneCandidate,
    ];

    fn name(self) -> &'static str {
        match self {
            QuoteFlag::StartsSentence => "starts_sentence",
            QuoteFlag::EndsSentence => "ends_sentence",
            QuoteFlag::ShortFragment => "short_fragment",
            QuoteFlag::FirstSentence => "first_sentence",
            QuoteFlag::OpensParagraph => "opens_paragraph",
            QuoteFlag::SentenceHasCue => "sentence_has_cue",
            QuoteFlag::SeveralParagraphs => "several_paragraphs",
            QuoteFlag::CommaInside => "comma_inside",
            QuoteFlag::AfterColon => "after_colon",
            QuoteFlag::Term => "term",
            QuoteFlag::Long => "long",
            QuoteFlag::OneCandidate => "one_candidate",
        }
    }
}

/// The kinds of words a candidate names its speaker with.
const KINDS: [&str; 5] = ["name", "pronoun", "other_pronoun", "role", "organisation"];

fn kind_index(kind: PhraseKind) -> usize {
    match kind {
        PhraseKind::Name => 0,
        PhraseKind::Pronoun(_) => 1,
        PhraseKind::OtherPronoun => 2,
        PhraseKind::Role => 3,
        PhraseKind::Organisation => 4,
    }
}

/// Facts about a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CandidateFact {
    RulePick,
    SeveralFinders,
    ManyFinders,
    Person,
    PersonNamedBefore,
    PersonQuotedBefore,
    PreviousSpeaker,
    BeforeQuote,
    SameSentence,
    OtherParagraph,
    Adjacent,
    Near,
    Middle,
    Far,
    HasCue,
    CueSay,
    Carried,
    UnlinkedName,
    UnresolvedPronoun,
    SourceCue,
    FirstSpeakerInSentence,
    Nearest,
    UnknownNoun,
}

impl CandidateFact {
    pub const ALL: [CandidateFact; 23] = [
        CandidateFact::RulePick,
        CandidateFact::SeveralFinders,
        CandidateFact::ManyFinders,
        CandidateFact::Person,
        CandidateFact::PersonNamedBefore,
        CandidateFact::PersonQuotedBefore,
        CandidateFact::PreviousSpeaker,
        CandidateFact::BeforeQuote,
        CandidateFact::SameSentence,
        CandidateFact::OtherParagraph,
        CandidateFact::Adjacent,
        CandidateFact::Near,
        CandidateFact::Middle,
        CandidateFact::Far,
        CandidateFact::HasCue,
        CandidateFact::CueSay,
        CandidateFact::Carried,
        CandidateFact::UnlinkedName,
        CandidateFact::UnresolvedPronoun,
        CandidateFact::SourceCue,
        CandidateFact::FirstSpeakerInSentence,
        CandidateFact::Nearest,
        CandidateFact::UnknownNoun,
    ];

    fn name(self) -> &'static str {
        match self {
            CandidateFact::RulePick => "rule_pick",
            CandidateFact::SeveralFinders => "several_finders",
            CandidateFact::ManyFinders => "many_finders",
            CandidateFact::Person => "person",
            CandidateFact::PersonNamedBefore => "person_named_before",
            CandidateFact::PersonQuotedBefore => "person_quoted_before",
            CandidateFact::PreviousSpeaker => "previous_speaker",
            CandidateFact::BeforeQuote => "before_quote",
            CandidateFact::SameSentence => "same_sentence",
            CandidateFact::OtherParagraph => "other_paragraph",
            CandidateFact::Adjacent => "adjacent",
            CandidateFact::Near => "near",
            CandidateFact::Middle => "middle",
            CandidateFact::Far => "far",
            CandidateFact::HasCue => "has_cue",
            CandidateFact::CueSay => "cue_say",
            CandidateFact::Carried => "carried",
            CandidateFact::UnlinkedName => "unlinked_name",
            CandidateFact::UnresolvedPronoun => "unresolved_pronoun",
            CandidateFact::SourceCue => "source_cue",
            CandidateFact::FirstSpeakerInSentence => "first_speaker_in_sentence",
            CandidateFact::Nearest => "nearest",
            CandidateFact::UnknownNoun => "unknown_noun",
        }
    }
}

const Q: usize = QuoteFlag::ALL.len();
const F: usize = Finder::ALL.len();
const K: usize = KINDS.len();
const C: usize = CandidateFact::ALL.len();

const QUOTE_AT: usize = 0;
const FINDER_AT: usize = QUOTE_AT + Q;
const KIND_AT: usize = FINDER_AT + F;
const FACT_AT: usize = KIND_AT + K;
const FINDER_X_QUOTE_AT: usize = FACT_AT + C;
const KIND_X_QUOTE_AT: usize = FINDER_X_QUOTE_AT + F * Q;

/// How many features a candidate has.
pub const N: usize = KIND_X_QUOTE_AT + K * Q;

const _: () = assert!(N <= u16::MAX as usize, "feature indexes are u16");

/// The features' names, by index: what the model file names its weights
/// by.
pub fn names() -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(N);
    out.extend(QuoteFlag::ALL.iter().map(|q| format!("quote:{}", q.name())));
    out.extend(Finder::ALL.iter().map(|f| format!("finder:{}", f.name())));
    out.extend(KINDS.iter().map(|k| format!("kind:{k}")));
    out.extend(
        CandidateFact::ALL
            .iter()
            .map(|c| format!("fact:{}", c.name())),
    );
    for f in Finder::ALL {
        for q in QuoteFlag::ALL {
            out.push(format!("finder:{}*quote:{}", f.name(), q.name()));
        }
    }
    for k in KINDS {
        for q in QuoteFlag::ALL {
            out.push(format!("kind:{k}*quote:{}", q.name()));
        }
    }
    out.into_iter().map(|n| format!("speaker:{n}")).collect()
}

/// What is known about one quote before its candidates are weighed: its
/// flags, where it is, and who spoke the quote before it.
pub struct QuoteContext<'a> {
    flags: [bool; Q],
    /// Paragraph and token index of the quote's first segment.
    place: (usize, usize),
    /// Byte range of the quote.
    range: std::ops::Range<usize>,
    /// The speaker chosen for the nearest earlier quote, if any.
    previous: Option<&'a (
        super::attribution::Attribution,
        Option<super::attribution::How>,
    )>,
    /// Persons who were speakers of earlier quotes.
    quoted: &'a [bool],
}

impl<'a> QuoteContext<'a> {
    pub fn new(
        analysis: &Analysis,
        qi: usize,
        qc: &QuoteCandidates,
        (place, reading): ((usize, usize), QuoteReading),
        previous: Option<&'a (
            super::attribution::Attribution,
            Option<super::attribution::How>,
        )>,
        quoted: &'a [bool],
    ) -> QuoteContext<'a> {
        let quote: &Quote = &analysis.quotes[qi];
        let (pi, k) = place;
        let tokens = analysis.tokens_of(pi);
        let text = &analysis.document.prose[quote.span.range.clone()];
        let inner = text.trim_end_matches(['”', '"', '’', '\'', '»']);
        // Counted only as far as `Long` tells counts apart.
        let words = super::chars::count_words_up_to(text, 8);
        let mut flags = [false; Q];
        let mut set = |flag: QuoteFlag, on: bool| flags[flag as usize] = on;
        set(
            QuoteFlag::StartsSentence,
            attribution::starts_sentence(tokens, k),
        );
        set(QuoteFlag::EndsSentence, inner.ends_with(['.', '!', '?']));
        set(QuoteFlag::ShortFragment, reading.scare_quote);
        set(
            QuoteFlag::FirstSentence,
            attribution::in_first_sentence(tokens, k),
        );
        set(QuoteFlag::OpensParagraph, k == 0);
        set(QuoteFlag::SentenceHasCue, reading.sentence_has_cue);
        set(
            QuoteFlag::SeveralParagraphs,
            quote.span.segment_paragraphs.first() != quote.span.segment_paragraphs.last(),
        );
        set(QuoteFlag::CommaInside, inner.ends_with(','));
        set(
            QuoteFlag::AfterColon,
            k > 0 && tokens.punct_in(k - 1, &[":"]),
        );
        set(QuoteFlag::Term, quote.term);
        set(QuoteFlag::Long, words >= 8);
        // The model weighs each candidate against "nobody": a lone
        // candidate has no rival to lose to, only that.
        set(QuoteFlag::OneCandidate, qc.list.len() == 1);
        QuoteContext {
            flags,
            place,
            range: quote.span.range.clone(),
            previous,
            quoted,
        }
    }
}

/// The features of candidate `ci` of a quote that are on, as indexes,
/// written to `active` (cleared first).
pub fn features(
    analysis: &Analysis,
    context: &QuoteContext,
    qc: &QuoteCandidates,
    ci: usize,
    person: Option<usize>,
    active: &mut Vec<u16>,
) {
    active.clear();
    let mut on = |i: usize| active.push(i as u16);
    let c: &Candidate = &qc.list[ci];
    let flags = || (0..Q).filter(|&q| context.flags[q]);
    for q in flags() {
        on(QUOTE_AT + q);
    }
    for finder in &c.finders {
        on(FINDER_AT + *finder as usize);
    }
    let kind = kind_index(c.attribution.kind);
    on(KIND_AT + kind);
    for (fact, is) in facts(analysis, context, qc, ci, person) {
        if is {
            on(FACT_AT + fact as usize);
        }
    }
    for q in flags() {
        for finder in &c.finders {
            on(FINDER_X_QUOTE_AT + *finder as usize * Q + q);
        }
        on(KIND_X_QUOTE_AT + kind * Q + q);
    }
}

/// The candidate facts, each on or off.
fn facts(
    analysis: &Analysis,
    context: &QuoteContext,
    qc: &QuoteCandidates,
    ci: usize,
    person: Option<usize>,
) -> [(CandidateFact, bool); C] {
    let c = &qc.list[ci];
    let a = &c.attribution;
    let prose = analysis.document.prose.as_str();
    let before = a.naming.end <= context.range.start;
    let (distance, same_sentence) = token_distance(analysis, context, a);
    let same_paragraph = distance != usize::MAX;
    let cue_say = (a.cue.as_ref()).is_some_and(|cue| is_plain_speech_verb(&prose[cue.clone()]));
    let named_before = person.is_some_and(|p| {
        analysis.people.persons[p]
            .mentions
            .first()
            .is_some_and(|&m| analysis.people.mentions[m].range.start < context.range.start)
    });
    let (first_speaker, nearest) = rivals(analysis, context, qc, ci);
    let previous_speaker = context
        .previous
        .is_some_and(|(prev, _)| prev.naming == a.naming || same_words(prose, prev, a));
    [
        (CandidateFact::RulePick, qc.rule_pick == Some(ci)),
        (CandidateFact::SeveralFinders, c.finders.len() >= 2),
        (CandidateFact::ManyFinders, c.finders.len() >= 3),
        (CandidateFact::Person, person.is_some()),
        (CandidateFact::PersonNamedBefore, named_before),
        (
            CandidateFact::PersonQuotedBefore,
            person.is_some_and(|p| context.quoted.get(p).copied().unwrap_or(false)),
        ),
        (CandidateFact::PreviousSpeaker, previous_speaker),
        (CandidateFact::BeforeQuote, before),
        (CandidateFact::SameSentence, same_sentence),
        (CandidateFact::OtherParagraph, !same_paragraph),
        (CandidateFact::Adjacent, distance <= 2),
        (CandidateFact::Near, (3..=6).contains(&distance)),
        (CandidateFact::Middle, (7..=15).contains(&distance)),
        (CandidateFact::Far, distance > 15 && distance != usize::MAX),
        (CandidateFact::HasCue, a.cue.is_some()),
        (CandidateFact::CueSay, cue_say),
        (CandidateFact::Carried, c.inherited.is_some()),
        (
            CandidateFact::UnlinkedName,
            a.kind == PhraseKind::Name && person.is_none(),
        ),
        (
            CandidateFact::UnresolvedPronoun,
            matches!(a.kind, PhraseKind::Pronoun(_)) && person.is_none(),
        ),
        (
            CandidateFact::SourceCue,
            a.how == super::attribution::How::Source,
        ),
        (CandidateFact::FirstSpeakerInSentence, first_speaker),
        (CandidateFact::Nearest, nearest),
        (CandidateFact::UnknownNoun, unknown_noun(analysis, a)),
    ]
}

/// How many tokens lie between a candidate and the quote (`usize::MAX`
/// when it is in another paragraph), and whether they share a sentence.
fn token_distance(
    analysis: &Analysis,
    context: &QuoteContext,
    a: &super::attribution::Attribution,
) -> (usize, bool) {
    let (pi, k) = context.place;
    if !analysis.document.paragraphs[pi]
        .range
        .contains(&a.naming.start)
    {
        return (usize::MAX, false);
    }
    let tokens = analysis.tokens_of(pi);
    let at = tokens.tokens.partition_point(|t| t.start < a.naming.start);
    let (lo, hi) = if at < k { (at, k) } else { (k, at) };
    let same_sentence = (lo..hi).all(|i| !super::tokens::ends_sentence(tokens, i));
    (at.abs_diff(k), same_sentence)
}

/// `said`, `told`, `added`, `asked`: the verbs that only report speech, as
/// against those that also judge it (`claimed`, `admitted`).
fn is_plain_speech_verb(word: &str) -> bool {
    const PLAIN: [&str; 13] = [
        "say", "says", "said", "saying", "tell", "tells", "told", "add", "adds", "added", "ask",
        "asks", "asked",
    ];
    PLAIN.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Among the candidates in the quote's paragraph: is candidate `ci`'s cue
/// the first before the quote (`Cruz said he is sure Rubio will continue to
/// be “…”`), and is it the candidate nearest the quote?
fn rivals(
    analysis: &Analysis,
    context: &QuoteContext,
    qc: &QuoteCandidates,
    ci: usize,
) -> (bool, bool) {
    let paragraph = &analysis.document.paragraphs[context.place.0].range;
    let in_paragraph = |x: &&Candidate| paragraph.contains(&x.attribution.naming.start);
    let a = &qc.list[ci].attribution;
    let first_cue = (qc.list.iter().filter(in_paragraph))
        .filter_map(|x| x.attribution.cue.as_ref().map(|cue| cue.start))
        .filter(|&start| start < context.range.start)
        .min();
    let first_speaker = a
        .cue
        .as_ref()
        .is_some_and(|cue| Some(cue.start) == first_cue);
    let gap = |x: &Candidate| {
        let n = &x.attribution.naming;
        if n.end <= context.range.start {
            context.range.start - n.end
        } else {
            n.start.saturating_sub(context.range.end)
        }
    };
    let nearest = paragraph.contains(&a.naming.start)
        && (qc.list.iter().filter(in_paragraph)).all(|x| gap(x) >= gap(&qc.list[ci]));
    (first_speaker, nearest)
}

/// A description whose words are no role, body, person or name copydesk
/// knows (`the doors`, `Queues`): a noun phrase, but rarely a speaker.
pub(super) fn unknown_noun(analysis: &Analysis, a: &super::attribution::Attribution) -> bool {
    if !matches!(a.kind, PhraseKind::Role | PhraseKind::Organisation) {
        return false;
    }
    let lex = &analysis.lexicon;
    let words = analysis.document.prose[a.naming.clone()]
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty());
    // A capital on the first word may only open the sentence.
    !words.enumerate().any(|(i, w)| {
        let lower = w.lowercase();
        lex.is_role_noun(&lower)
            || lex.is_organisation_noun(&lower)
            || lex.is_person_noun(&lower)
            || lex.given_name(w).is_some()
            || (i > 0 && w.chars().next().is_some_and(char::is_uppercase) && !lex.is_not_name(w))
    })
}

/// Whether two attributions name their speaker with the same words.
fn same_words(
    prose: &str,
    a: &super::attribution::Attribution,
    b: &super::attribution::Attribution,
) -> bool {
    prose[a.naming.clone()].eq_ignore_ascii_case(&prose[b.naming.clone()])
}
