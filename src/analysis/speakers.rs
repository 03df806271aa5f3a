//! Who said each quotation, as the analysis reports it: the attribution
//! found around each quote (or carried from the quote or speaker before it),
//! quoted terms set aside, and each speaker phrase resolved to a person, a
//! role or an organisation.

use std::ops::Range;

use super::attribution::{self, Attribution, How, QuoteReading, TermSignals};
use super::candidates::{self, Found, QuoteCandidates};
use super::chars::ToLowercase;
use super::document::ParagraphKind;
use super::learned::Chooser;
use super::model::Analysis;
use super::phrases::PhraseKind;
use super::quote::{Speaker, SpeakerKind};
use super::quote_features;
use super::speaker_features::{self, QuoteContext};

/// Finds each quote's attribution, in steps: quoted terms set aside, each
/// quote's own attribution clause, short quotes inside noun phrases set
/// aside, speakers inherited from earlier in the text, and last the scare
/// quotes among what is left. Returns each quote's candidates too.
pub(super) fn attribute_all(
    analysis: &mut Analysis,
    chooser: &Chooser,
    record: bool,
) -> (Vec<Found>, Vec<Weighed>) {
    let segs = candidates::segment_tokens(analysis);
    // Read once: the quotation model uses them too.
    let signals: Vec<TermSignals> = (segs.iter())
        .map(|places| match places.first() {
            Some(&(pi, k)) => attribution::term_signals(analysis.tokens_of(pi), k),
            None => TermSignals::default(),
        })
        .collect();
    let readings: Vec<QuoteReading> = (analysis.quotes.iter().zip(&segs))
        .map(|(q, places)| {
            let text = &analysis.document.prose[q.span.range.clone()];
            let first = places.first().map(|&(pi, k)| (analysis.tokens_of(pi), k));
            QuoteReading::new(text, first)
        })
        .collect();
    mark_terms(analysis, &segs, &signals);
    let mut proposed: Vec<Weighed> = (0..analysis.quotes.len())
        .map(|qi| {
            let mut candidates = candidates::own(analysis, &segs[qi]);
            if analysis.quotes[qi].term {
                candidates.rule_pick = None;
            }
            Weighed {
                candidates,
                ..Weighed::default()
            }
        })
        .collect();
    let mut found: Vec<Found> = proposed
        .iter()
        .map(|w| chosen(&w.candidates, w.candidates.rule_pick))
        .collect();
    mark_noun_phrase_terms(analysis, (&segs, &readings), &found);
    // In text order, so that chains work.
    let terms: Vec<bool> = analysis.quotes.iter().map(|q| q.term).collect();
    let mut quoted = vec![false; analysis.people.persons.len()];
    let mut active = Vec::new();
    let mut nearby = candidates::NearbyCache::default();
    let mut persons = PersonCache::default();
    // The latest quote before this one with a speaker: kept as the loop
    // goes, since looking back from each quote would be quadratic.
    let mut latest: Option<usize> = None;
    for qi in 0..analysis.quotes.len() {
        let previous = latest.and_then(|o| found[o].as_ref());
        let q = &analysis.quotes[qi];
        if q.display || segs[qi].is_empty() {
            if found[qi].is_some() {
                latest = Some(qi);
            }
            continue;
        }
        let term = q.term;
        let qc = &mut proposed[qi].candidates;
        candidates::add_carried(qc, analysis, &segs, &found, qi, |o| terms[o], &mut nearby);
        if term {
            qc.rule_pick = None;
        }
        let place = (segs[qi][0], readings[qi]);
        let context = QuoteContext::new(analysis, qi, qc, place, previous, &quoted);
        let choice = weigh(
            analysis,
            chooser,
            &mut proposed[qi],
            &context,
            record,
            (&mut active, &mut persons),
        );
        // The rules never give a term a speaker; a model may (the subject
        // of `X calls it “a betrayal”` uses the words).
        found[qi] = if term && matches!(chooser, Chooser::Rules) {
            None
        } else {
            proposed[qi].chosen = choice;
            chosen(&proposed[qi].candidates, choice)
        };
        if let Some((a, _)) = &found[qi] {
            latest = Some(qi);
            if let Some(p) = persons.person_of(analysis, a) {
                quoted[p] = true;
            }
        }
    }
    mark_scare_quotes(analysis, (&segs, &signals, &readings), &found);
    let read = (&segs[..], &signals[..], &readings[..], &mut persons);
    decide_quotations(analysis, chooser, read, &mut proposed, record);
    (found, proposed)
}

/// Where a quote's segments are: (paragraph, token) each.
type Places = Vec<(usize, usize)>;

/// A quote's candidates, and how they were weighed.
#[derive(Debug, Clone, Default)]
pub struct Weighed {
    pub candidates: QuoteCandidates,
    /// Each candidate's features that are on (indexed like
    /// `candidates.list`), when they were recorded.
    pub features: Vec<Vec<u16>>,
    /// Each candidate's probability, when a model weighed them.
    pub probabilities: Vec<f32>,
    /// The quote's features for the quotation model that are on, when
    /// recorded.
    pub quotation_features: Vec<u16>,
    /// The candidate chosen, if any.
    pub chosen: Option<usize>,
}

/// Which quoted spans are quotations the story reports: by the rules, all
/// but terms; by a model, those its quotation model weighs likely enough.
fn decide_quotations(
    analysis: &mut Analysis,
    chooser: &Chooser,
    (segs, signals, readings, persons): (
        &[Places],
        &[TermSignals],
        &[QuoteReading],
        &mut PersonCache,
    ),
    proposed: &mut [Weighed],
    record: bool,
) {
    let mut active = Vec::new();
    for qi in 0..analysis.quotes.len() {
        // A headline's quotes are read by rule: the quotation model is
        // trained on body text, and a sub-editor wants every headline quote
        // checked against the body.
        let model = match chooser {
            Chooser::Model(learned) if !analysis.quotes[qi].display => Some(learned),
            _ => None,
        };
        if model.is_none() && !record {
            analysis.quotes[qi].quotation = !analysis.quotes[qi].term;
            continue;
        }
        let qc = &proposed[qi].candidates;
        let rule_pick = qc
            .rule_pick
            .map(|i| persons.person(analysis, &qc.list[i]).is_some());
        let place = segs[qi].first().copied();
        let placed = (place, signals[qi], readings[qi]);
        quote_features::features(analysis, qi, placed, qc, rule_pick, &mut active);
        analysis.quotes[qi].quotation = match model {
            Some(learned) => {
                learned.quotation.probability_of_active(&active) >= learned.quotation.threshold()
            }
            None => !analysis.quotes[qi].term,
        };
        if record {
            proposed[qi].quotation_features = active.clone();
        }
    }
}

/// The candidate `chooser` takes for a quote, after recording each
/// candidate's probability in `weighed` (and, with `record`, its features).
/// The rules need no features: unless recording, they are not computed.
fn weigh(
    analysis: &Analysis,
    chooser: &Chooser,
    weighed: &mut Weighed,
    context: &QuoteContext,
    record: bool,
    (active, persons): (&mut Vec<u16>, &mut PersonCache),
) -> Option<usize> {
    let model = match chooser {
        Chooser::Model(learned) => Some(&learned.speaker),
        Chooser::Rules if record => None,
        Chooser::Rules => return weighed.candidates.rule_pick,
    };
    let qc = &weighed.candidates;
    weighed.probabilities.reserve(qc.list.len());
    for (ci, c) in qc.list.iter().enumerate() {
        let person = persons.person(analysis, c);
        speaker_features::features(analysis, context, qc, ci, person, active);
        if let Some(model) = model {
            weighed
                .probabilities
                .push(model.probability_of_active(active));
        }
        if record {
            weighed.features.push(active.clone());
        }
    }
    match model {
        Some(model) => model.choose(&weighed.probabilities),
        None => qc.rule_pick,
    }
}

/// The person each candidate's words resolve to, by the words: a quote's
/// candidates are often the last quote's too.
#[derive(Default)]
struct PersonCache {
    resolved: rustc_hash::FxHashMap<PersonKey, Option<usize>>,
}

/// What a candidate's person depends on: the words naming it, what kind of
/// words they are, and the antecedent of a `who`.
type PersonKey = (Range<usize>, PhraseKind, Option<Range<usize>>);

impl PersonCache {
    fn person(&mut self, analysis: &Analysis, c: &candidates::Candidate) -> Option<usize> {
        self.person_of(analysis, &c.attribution)
    }

    /// The person an attribution resolves to: how it was found or carried
    /// ([`How`]) changes the speaker's description, never their person.
    fn person_of(&mut self, analysis: &Analysis, a: &Attribution) -> Option<usize> {
        let key = (a.naming.clone(), a.kind, a.antecedent.clone());
        *self
            .resolved
            .entry(key)
            .or_insert_with(|| analysis.person_of(a))
    }
}

/// Which of a quote's candidates to report for chosen candidate `choice`:
/// the chosen one, unless it is the role set off after a name whose verb
/// of speech follows (`Fiona Castellane, the headteacher, said:` read as
/// `the headteacher`): then the name and its verb, which tell the reader
/// how the analysis knows. Only what is shown changes: the chain of
/// speakers the models read, and so their choices, stay as they were.
pub(super) fn shown_reading(analysis: &Analysis, qc: &QuoteCandidates, choice: usize) -> usize {
    let chosen = &qc.list[choice].attribution;
    if chosen.cue.is_some() || chosen.kind != PhraseKind::Role {
        return choice;
    }
    let Some(person) = analysis.person_of(chosen) else {
        return choice;
    };
    let apposed_to = |a: &Attribution| {
        a.kind == PhraseKind::Name
            && a.cue.as_ref().is_some_and(|cue| {
                a.naming.end <= chosen.naming.start && chosen.naming.end <= cue.start
            })
    };
    (qc.list.iter().enumerate())
        .find(|(_, c)| {
            c.inherited.is_none()
                && apposed_to(&c.attribution)
                && analysis.person_of(&c.attribution) == Some(person)
        })
        .map_or(choice, |(i, _)| i)
}

/// Candidate `choice` of a quote, as its attribution.
fn chosen(qc: &QuoteCandidates, choice: Option<usize>) -> Found {
    let c = &qc.list[choice?];
    Some((c.attribution.clone(), c.inherited.clone()))
}

/// Quoted terms (`so-called “Brexit bus”`, a title in quotes): they are
/// neither attributed nor inherited from.
fn mark_terms(analysis: &mut Analysis, segs: &[Vec<(usize, usize)>], signals: &[TermSignals]) {
    for (qi, places) in segs.iter().enumerate() {
        let q = &analysis.quotes[qi];
        if places.len() == 1 && q.span.closed && !q.display && signals[qi].is_term() {
            analysis.quotes[qi].term = true;
        }
    }
}

/// A short quote with no attribution of its own, used inside a noun phrase
/// (`a high “churn rate”`, `“welcome back” schemes`), is a term: it is not
/// inherited from whoever spoke last.
fn mark_noun_phrase_terms(
    analysis: &mut Analysis,
    (segs, readings): (&[Places], &[QuoteReading]),
    found: &[Found],
) {
    for qi in 0..analysis.quotes.len() {
        let q = &analysis.quotes[qi];
        if found[qi].is_some() || q.term || q.display || segs[qi].len() != 1 {
            continue;
        }
        let (pi, k) = segs[qi][0];
        if readings[qi].scare_quote && attribution::inside_noun_phrase(analysis.tokens_of(pi), k) {
            analysis.quotes[qi].term = true;
        }
    }
}

/// A short phrase in quotes that nobody is said to have said is a scare
/// quote (`the “magic” pill`, `a high “churn rate”`), not an unattributed
/// quotation; so are words nobody says that are the subject of `is`
/// (`“Fair shares for all” is the slogan`).
fn mark_scare_quotes(
    analysis: &mut Analysis,
    (segs, signals, readings): (&[Places], &[TermSignals], &[QuoteReading]),
    found: &[Found],
) {
    for qi in 0..analysis.quotes.len() {
        let q = &analysis.quotes[qi];
        if found[qi].is_some() || q.display || segs[qi].len() != 1 {
            continue;
        }
        let (pi, k) = segs[qi][0];
        let tokens = analysis.tokens_of(pi);
        let scare = readings[qi].scare_quote
            && (!readings[qi].sentence_has_cue || attribution::inside_noun_phrase(tokens, k));
        if scare || (signals[qi].copula_after && !signals[qi].spoken) {
            analysis.quotes[qi].term = true;
        }
    }
}

/// Turns a speaker phrase into a [`Speaker`]: pronouns resolved, names
/// linked to people, descriptions kept as written.
pub(super) fn resolve(
    analysis: &Analysis,
    attribution: &Attribution,
    inherited: Option<How>,
) -> Speaker {
    let prose = analysis.document.prose.as_str();
    // `Weaver, who said …`: the speaker is Weaver, named here by `who`.
    if let Some(antecedent) = &attribution.antecedent {
        let stand_in = Attribution {
            naming: antecedent.clone(),
            antecedent: None,
            ..attribution.clone()
        };
        let mut speaker = resolve(analysis, &stand_in, inherited);
        speaker.pronoun = Some(prose[attribution.naming.clone()].to_owned());
        speaker.range = attribution.naming.clone();
        return speaker;
    }
    let range = attribution.naming.clone();
    let written = &prose[range.clone()];
    let how = inherited.unwrap_or(attribution.how.clone());
    // The name as written unless a person's replaces it: made once, at
    // the end.
    let mut name = None;
    let mut speaker = Speaker {
        name: String::new(),
        kind: SpeakerKind::Person,
        range: range.clone(),
        person: None,
        cue: attribution.cue.clone(),
        how,
        pronoun: None,
        guess: None,
        likelihood: None,
    };
    match attribution.kind {
        PhraseKind::Pronoun(gender) => {
            speaker.pronoun = Some(written.to_owned());
            let sentence_start = analysis.sentence_start_byte(range.start);
            if let Some(p) = analysis
                .people
                .resolve_pronoun(range.start, sentence_start, gender)
            {
                speaker.person = Some(p);
                name = Some(analysis.people.persons[p].name.clone());
            }
        }
        PhraseKind::OtherPronoun => {
            speaker.kind = match written.lowercase().as_str() {
                "it" => SpeakerKind::Organisation,
                "they" => SpeakerKind::Role,
                _ => SpeakerKind::Person,
            };
        }
        PhraseKind::Name => match analysis.people.person_named(written, range.start) {
            Some(p) => {
                speaker.person = Some(p);
                name = Some(analysis.people.persons[p].name.clone());
            }
            None => {
                let first = written.split_whitespace().next().unwrap_or("");
                // `Vance, who hosts a show`: a firm is `which`, so a name
                // `who` follows is someone's, known or not.
                let who_follows = prose[range.end..]
                    .trim_start_matches([',', ' '])
                    .starts_with("who ")
                    && !(written.split_whitespace())
                        .any(|w| analysis.lexicon.is_organisation_noun(&w.lowercase()));
                if analysis.lexicon.given_name(first).is_none() && !who_follows {
                    speaker.kind = SpeakerKind::Organisation;
                }
            }
        },
        PhraseKind::Role => {
            speaker.kind = SpeakerKind::Role;
            // `Foreign Secretary Liz Truss` … `the foreign secretary said`:
            // the story binds the role to her.
            if let Some(p) = analysis.people.person_with_role(written) {
                speaker.person = Some(p);
                name = Some(analysis.people.persons[p].name.clone());
            } else if let Some(registered) = analysis.lexicon.registered_with_role(written) {
                // The people register says who holds the role, though the
                // story never names them.
                speaker.kind = SpeakerKind::Person;
                name = Some(registered);
            } else if let Some(p) = lede_guess(analysis, written, range.clone()) {
                speaker.guess = Some(p);
            }
        }
        PhraseKind::Organisation => speaker.kind = SpeakerKind::Organisation,
    }
    speaker.name = name.unwrap_or_else(|| written.to_owned());
    speaker
}

/// `the defence secretary has said` in the opening paragraph of the body,
/// before anyone is named: the person the story introduces next is probably
/// who the role means.
fn lede_guess(analysis: &Analysis, written: &str, range: Range<usize>) -> Option<usize> {
    let definite = written
        .split_whitespace()
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("the"));
    let lede = analysis
        .document
        .paragraphs
        .iter()
        .position(|p| p.kind == ParagraphKind::Body)?;
    let in_lede = analysis.document.paragraphs[lede]
        .range
        .contains(&range.start);
    let named_before = analysis
        .people
        .mentions
        .iter()
        .any(|m| !m.display && m.range.start < range.start);
    if !definite || !in_lede || named_before {
        return None;
    }
    analysis.people.next_introduced_after(range.end)
}
