//! Who might have said each quotation: every speaker the clause finders
//! read around it, the subject of its sentence, and the speakers carried
//! from earlier in the text, each marked with the finders that read it; and
//! which of them the hand-written rules pick.
//!
//! The finders propose; [`super::speakers`] decides among the proposals.

use super::attribution::{self, Attribution, Earlier, Finder, How, ParagraphTokens, FINDERS};
use super::document::ParagraphKind;
use super::model::Analysis;
use super::phrases::PhraseKind;

/// One candidate speaker of a quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub attribution: Attribution,
    /// For a speaker carried from another quote, how (naming that quote).
    pub inherited: Option<How>,
    /// The finders that read it: two that agree make one candidate.
    pub finders: Finders,
}

/// The finders that read a candidate, in the order they read it, each at
/// most once: kept inline, as a quote's many candidates would each cost an
/// allocation in a vector. Reads as a slice.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Finders {
    /// The first `len` are the finders; the rest stay `Headline`.
    list: [Finder; Finder::ALL.len()],
    len: u8,
}

impl Finders {
    fn one(finder: Finder) -> Finders {
        let mut finders = Finders {
            list: [Finder::Headline; Finder::ALL.len()],
            len: 0,
        };
        finders.push(finder);
        finders
    }

    /// Adds `finder` (not read before): there is room for every kind.
    fn push(&mut self, finder: Finder) {
        if let Some(slot) = self.list.get_mut(usize::from(self.len)) {
            *slot = finder;
            self.len += 1;
        }
    }
}

impl std::ops::Deref for Finders {
    type Target = [Finder];

    fn deref(&self) -> &[Finder] {
        &self.list[..usize::from(self.len)]
    }
}

impl<'a> IntoIterator for &'a Finders {
    type Item = &'a Finder;
    type IntoIter = std::slice::Iter<'a, Finder>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// As a vector of finders prints.
impl std::fmt::Debug for Finders {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// The candidates for one quote.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QuoteCandidates {
    pub list: Vec<Candidate>,
    /// The candidate the hand-written rules pick, if any.
    pub rule_pick: Option<usize>,
}

impl QuoteCandidates {
    /// Adds what `finder` read (merged with a candidate naming the same
    /// words); returns its index.
    fn add(&mut self, finder: Finder, attribution: Attribution, inherited: Option<How>) -> usize {
        if let Some(i) = self
            .list
            .iter()
            .position(|c| c.attribution.naming == attribution.naming)
        {
            let c = &mut self.list[i];
            if !c.finders.contains(&finder) {
                c.finders.push(finder);
            }
            // A reading with a cue says more than one without: keep it
            // (`Cruz` read as a sentence's subject, then as `Cruz said`).
            if c.attribution.cue.is_none() && attribution.cue.is_some() && c.inherited.is_none() {
                c.attribution = attribution;
            }
            return i;
        }
        self.list.push(Candidate {
            attribution,
            inherited,
            finders: Finders::one(finder),
        });
        self.list.len() - 1
    }
}

/// A quote's attribution, and how it was inherited when it was (its `How`
/// says from which quote).
pub type Found = Option<(Attribution, Option<How>)>;

/// Where each quote's segments are, as (paragraph, index in that paragraph's
/// tokens).
pub fn segment_tokens(analysis: &Analysis) -> Vec<Vec<(usize, usize)>> {
    // A token per segment.
    let mut out: Vec<Vec<(usize, usize)>> = (analysis.quotes.iter())
        .map(|q| Vec::with_capacity(q.span.segments.len()))
        .collect();
    for (pi, range) in analysis.paragraph_tokens.iter().enumerate() {
        for (k, t) in analysis.tokens[range.clone()].iter().enumerate() {
            if let Some(q) = t.quote() {
                out[q].push((pi, k));
            }
        }
    }
    out
}

/// What every clause finder reads around a quote whose segments are at
/// `places`: in its first segment's paragraph, then its last's (`…,” he
/// said.` closing a multi-paragraph quote), then the others'; in each, the
/// finders in their order of trust. The rules pick the first.
pub fn own(analysis: &Analysis, places: &[(usize, usize)]) -> QuoteCandidates {
    let mut qc = QuoteCandidates::default();
    if places.is_empty() {
        return qc;
    }
    let mut order: Vec<(usize, usize)> = vec![places[0]];
    if places.len() > 1 {
        order.push(places[places.len() - 1]);
        order.extend_from_slice(&places[1..places.len() - 1]);
    }
    for (pi, k) in order {
        let para = analysis.paragraph(pi);
        for finder in FINDERS {
            if let Some(a) = attribution::find(&para, k, finder) {
                let i = qc.add(finder, a, None);
                qc.rule_pick.get_or_insert(i);
            }
        }
    }
    let (pi, _) = places[0];
    if qc.list.is_empty() && analysis.document.paragraphs[pi].kind.is_display() {
        if let Some(a) = headline_subject(analysis, pi) {
            let i = qc.add(Finder::Headline, a, None);
            qc.rule_pick = Some(i);
        }
    }
    qc
}

/// With no verb of speech, the person a headline opens on, when the story
/// names them: `Rivera to put housing plan to ‘a fair vote’`.
fn headline_subject(analysis: &Analysis, pi: usize) -> Option<Attribution> {
    let start = analysis.document.paragraphs[pi].range.start;
    let mentions = &analysis.people.mentions;
    let m = &mentions[mentions.partition_point(|m| m.range.start < start)..]
        .first()
        .filter(|m| m.range.start == start)?;
    Some(Attribution::of_name(m.range.clone()))
}

/// Adds to `qc` the speakers quote `qi` could carry from earlier in the
/// text, and the subject of its sentence; and, when the rules pick none of
/// its own, the one they carry.
pub fn add_carried(
    qc: &mut QuoteCandidates,
    analysis: &Analysis,
    segs: &[Vec<(usize, usize)>],
    found: &[Found],
    qi: usize,
    is_term: impl Fn(usize) -> bool + Copy,
    nearby: &mut NearbyCache,
) {
    let Some(&(pi, k)) = segs[qi].first() else {
        return;
    };
    let para = analysis.paragraph(pi);
    if let Some(a) = attribution::sentence_subject(&para, k) {
        qc.add(Finder::Subject, a, None);
    }
    add_nearby(qc, analysis, &para, pi, k, nearby);
    let latest_cue = attribution::latest_cue(&para, k);
    let latest_quote = attribution::latest_quote(&para, k, is_term);
    let quiet_before = latest_cue.is_none() && latest_quote.is_none();
    if let Some(a) = latest_cue {
        qc.add(Finder::EarlierCue, a, None);
    }
    let quoted = |o: usize, how: How| found[o].as_ref().map(|(a, _)| (a.clone(), Some(how)));
    if let Some(o) = latest_quote {
        if let Some((a, how)) = quoted(o, How::SameParagraph { quote: o }) {
            qc.add(Finder::EarlierQuote, a, how);
        }
    }
    if let Some(prev) = previous_body(analysis, pi) {
        let previous_quote = || {
            last_quote_of(segs, qi, pi - 1, is_term)
                .and_then(|o| quoted(o, How::PreviousParagraph { quote: o }))
        };
        if k == 0 || attribution::in_first_sentence(para.tokens, k) {
            if let Some(a) = attribution::introduced_by_previous(&prev) {
                qc.add(Finder::IntroducedBefore, a, None);
            }
            if let Some(a) = attribution::latest_cue(&prev, prev.tokens.len()) {
                qc.add(Finder::PreviousCue, a, None);
            }
            if let Some((a, how)) = previous_quote() {
                qc.add(Finder::PreviousQuote, a, how);
            }
        } else if quiet_before && !attribution::sentence_has_cue(para.tokens, k) {
            if let Some((a, how)) = previous_quote() {
                if voice_resumes(qc, analysis, &para, k, &a, is_term) {
                    qc.add(Finder::PreviousQuote, a, how);
                }
            }
        }
    }
    if let Some(next) = next_body(analysis, pi).filter(|_| ends_paragraph(&para, k)) {
        if let Some(a) = attribution::signature(&next) {
            qc.add(Finder::Signature, a, None);
        }
    }
    if qc.rule_pick.is_none() {
        if let Some((finder, a, how)) = inherited(analysis, segs, found, qi, is_term) {
            // The rules' reading wins where another finder named the same
            // words: its cue, and the quote it carries from.
            let i = qc.add(finder, a.clone(), how.clone());
            qc.list[i].attribution = a;
            qc.list[i].inherited = how;
            qc.rule_pick = Some(i);
        }
    }
}

/// Whether the quote at token `k`, later in its paragraph with no speaker
/// of its own, carries on the voice of `previous`, the speaker of the last
/// quote in the paragraph before: that same person speaks again after it
/// in the paragraph (`Ms Keir's quote. ¶ Narrative. “…” Ms Keir says
/// more.`), and nobody else is named or referred to near it (`Councillor
/// Priya Lal sees it differently. “…” Ms Keir says…` is the councillor's).
/// Organisations never resume: they resolve to no person.
fn voice_resumes(
    qc: &QuoteCandidates,
    analysis: &Analysis,
    para: &ParagraphTokens,
    k: usize,
    previous: &Attribution,
    is_term: impl Fn(usize) -> bool,
) -> bool {
    let Some(person) = analysis.person_of(previous) else {
        return false;
    };
    let someone_else = qc.list.iter().any(|c| {
        let a = &c.attribution;
        match analysis.person_of(a) {
            Some(p) => p != person,
            None => matches!(a.kind, PhraseKind::Name | PhraseKind::Pronoun(_)),
        }
    });
    !someone_else
        && attribution::next_cue(para, k, is_term)
            .is_some_and(|next| analysis.person_of(&next) == Some(person))
}

/// Adds the people named, the pronouns and the clause subjects near the
/// quote at token `k` of paragraph `pi`.
fn add_nearby(
    qc: &mut QuoteCandidates,
    analysis: &Analysis,
    para: &ParagraphTokens,
    pi: usize,
    k: usize,
    nearby: &mut NearbyCache,
) {
    let window = attribution::window(para, k);
    let tokens = para.tokens;
    if window.is_empty() {
        return;
    }
    let (from, to) = (tokens[window.start].start, tokens[window.end - 1].end);
    let mentions = &analysis.people.mentions;
    let first = mentions.partition_point(|m| m.range.start < from);
    for m in mentions[first..].iter().take_while(|m| m.range.end <= to) {
        if m.paragraph != pi || m.display {
            continue;
        }
        qc.add(Finder::Mention, Attribution::of_name(m.range.clone()), None);
    }
    // The sentence before ends where the quote's begins; the quote's own
    // ends where its window does (measured from the quote, not from the
    // sentence's start: a long sentence's window edge is past the quote).
    let (before, own) = attribution::window_sentences(para, k);
    let spans = before
        .map(|b| (b, own))
        .into_iter()
        .chain([(own, window.end)]);
    for span in spans {
        let read = nearby
            .sentences
            .entry((pi, span))
            .or_insert_with(|| attribution::nearby_in_sentence(para, span));
        for (finder, a) in read.iter() {
            qc.add(*finder, a.clone(), None);
        }
    }
}

/// The nearby candidates of each sentence read so far, by paragraph and
/// token span: the quotes of a paragraph share their sentences.
#[derive(Default)]
pub struct NearbyCache {
    sentences: rustc_hash::FxHashMap<(usize, (usize, usize)), Readings>,
}

/// What the finders read, each reading with its finder.
type Readings = Vec<(Finder, Attribution)>;

/// The paragraph before `pi`, when it is body text.
fn previous_body(analysis: &Analysis, pi: usize) -> Option<ParagraphTokens<'_>> {
    let prev = pi.checked_sub(1)?;
    (analysis.document.paragraphs[prev].kind == ParagraphKind::Body)
        .then(|| analysis.paragraph(prev))
}

/// The paragraph after `pi`, when it is body text.
fn next_body(analysis: &Analysis, pi: usize) -> Option<ParagraphTokens<'_>> {
    let next = pi + 1;
    (analysis.document.paragraphs.get(next)?.kind == ParagraphKind::Body)
        .then(|| analysis.paragraph(next))
}

/// Whether only punctuation follows token `k` in its paragraph.
fn ends_paragraph(para: &ParagraphTokens, k: usize) -> bool {
    (k + 1..para.tokens.len()).all(|i| para.tokens[i].kind == super::tokens::TokenKind::Punct)
}

/// The last quotation (not a term) ending in paragraph `paragraph`, before
/// quote `qi`. Quotes are in text order and do not overlap, so the search
/// stops at the first quote that ends before that paragraph.
fn last_quote_of(
    segs: &[Vec<(usize, usize)>],
    qi: usize,
    paragraph: usize,
    is_term: impl Fn(usize) -> bool,
) -> Option<usize> {
    (0..qi)
        .rev()
        .take_while(|&o| segs[o].last().is_none_or(|&(p, _)| p >= paragraph))
        .find(|&o| !is_term(o) && segs[o].last().is_some_and(|&(p, _)| p == paragraph))
}

/// The speaker the rules carry to quote `qi` from earlier in the text, if
/// any, and the finder that reads it: the latest speaker before it in its
/// paragraph, or, for a quote opening a paragraph's first sentence, a cue
/// ending the paragraph before (`Caddell continued:`), the latest speaker
/// there, or that paragraph's last quote.
fn inherited(
    analysis: &Analysis,
    segs: &[Vec<(usize, usize)>],
    found: &[Found],
    qi: usize,
    is_term: impl Fn(usize) -> bool + Copy,
) -> Option<(Finder, Attribution, Option<How>)> {
    let (pi, k) = segs[qi][0];
    let para = analysis.paragraph(pi);
    let has_cue = attribution::sentence_has_cue(para.tokens, k);
    let inherit =
        |earlier: Earlier, cue: Finder, quote: Finder, how: fn(usize) -> How| match earlier {
            Earlier::Cue(a) => Some((cue, a, None)),
            Earlier::Quote(o) => found[o]
                .as_ref()
                .map(|(a, _)| (quote, a.clone(), Some(how(o)))),
        };
    // `“A,” he said. “B.”`; `Schiff said. “The other factor…”`; `Ms Cole
    // says the plan is sound. There are “no big gaps” in it.`: a quote that
    // opens its sentence, or sits in a sentence with no cue of its own,
    // belongs to the latest speaker before it in the paragraph.
    if attribution::starts_sentence(para.tokens, k) || !has_cue {
        if let Some(earlier) = attribution::earlier_cue(&para, k, is_term) {
            return inherit(earlier, Finder::EarlierCue, Finder::EarlierQuote, |quote| {
                How::SameParagraph { quote }
            });
        }
    }
    // Across the paragraph break, for a quote in the paragraph's first
    // sentence with no cue of its own.
    let first_sentence = k == 0 || (attribution::in_first_sentence(para.tokens, k) && !has_cue);
    if !first_sentence {
        return None;
    }
    let prev = previous_body(analysis, pi)?;
    // `Caddell continued:` ending the paragraph before.
    if k == 0 {
        if let Some(a) = attribution::introduced_by_previous(&prev) {
            return Some((Finder::IntroducedBefore, a, None));
        }
    }
    // `Ms Cole says the plan is sound.` closing the paragraph before, or the
    // same speaker's quote there.
    if let Some(earlier) = attribution::earlier_cue(&prev, prev.tokens.len(), is_term) {
        return inherit(
            earlier,
            Finder::PreviousCue,
            Finder::PreviousQuote,
            |quote| How::PreviousParagraph { quote },
        );
    }
    // A long narrative paragraph after the speaker's last quote: that
    // quote's speaker, however far back in the paragraph.
    let last = last_quote_of(segs, qi, pi - 1, is_term)?;
    let (a, _) = found[last].as_ref()?;
    Some((
        Finder::PreviousQuote,
        a.clone(),
        Some(How::PreviousParagraph { quote: last }),
    ))
}
