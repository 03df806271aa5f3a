//! The pure analysis core: text in, an [`Analysis`] out.
//!
//! No I/O, no LSP types; every offset is a UTF-8 byte offset into the text
//! that was analysed. This file is the pipeline; each pass is a module of
//! its own, run in this order:
//!
//! 1. [`document`]: paragraphs and their kind, Markdown masked, the draft's
//!    ignore comments ([`directives`]);
//! 2. [`quotes`]: which marks open and close quotations;
//! 3. [`tokens`]: each paragraph as words, punctuation and quotation tokens;
//! 4. [`people`]: the names in the story made into people;
//! 5. [`speakers`]: each quotation's attribution ([`attribution`], reading
//!    speaker phrases with [`phrases`]) resolved to a person, a role or an
//!    organisation.
//!
//! Every pass reads words through the [`Lexicon`] the caller passes in
//! [`Options`] (the built-in lists and a project's own), which stays on the
//! analysis for the rules.

mod attribution;
pub mod balance;
mod candidates;
pub(crate) mod chars;
pub mod directives;
mod document;
mod gender;
mod learned;
mod lexicon;
pub mod line_index;
mod model;
mod names;
mod people;
mod phrases;
mod quote;
mod quote_features;
mod quote_source;
pub mod quote_words;
mod quotes;
pub mod references;
mod register;
mod source_format;
pub mod sources;
mod speaker_features;
mod speakers;
mod tokens;
mod word_filters;

use std::ops::Range;

pub use attribution::{Finder, How};
pub use candidates::{Candidate, Finders, QuoteCandidates};
pub use document::{Document, Paragraph, ParagraphKind};
pub use gender::Gender;
pub use learned::{Chooser, Learned};
pub use lexicon::{Lexicon, LexiconExtra, Title, TitleKind};
pub use model::Analysis;
pub use names::strip_possessive;
pub use people::{Mention, MentionForm, People, Person, Role};
pub use quote::{Quote, Speaker, SpeakerKind};
pub use quotes::{MarkFamily, QuoteSpan};
pub use references::Style;
pub use register::{role_key, RegisteredPerson};
pub use source_format::SourceFormat;
pub use speakers::Weighed;

use tokens::Token;

/// What the caller tells the analysis about the text.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub format: SourceFormat,
    /// The words to read the draft by: the built-in lexicon, with a
    /// project's own words when it has a `copydesk.toml`.
    pub lexicon: Lexicon,
    /// How each quote's speaker is chosen among its candidates: the
    /// compiled-in speaker model unless told otherwise.
    pub speakers: Chooser,
    /// The interview transcripts the draft's quotations are held against
    /// ([`sources`]); none by default.
    pub transcripts: crate::transcript::Transcripts,
}

impl Options {
    /// Options for a draft in `format`, read with the built-in words.
    pub fn new(format: SourceFormat) -> Options {
        Options {
            format,
            lexicon: Lexicon::builtin(),
            speakers: Chooser::default(),
            transcripts: Default::default(),
        }
    }
}

/// Analyses a draft.
pub fn analyze(text: &str, options: &Options) -> Analysis {
    run(text, options, false).0
}

/// Analyses a draft, and returns with it every quote's candidate speakers
/// (indexed like [`Analysis::quotes`]), each resolved as the chosen one is:
/// what the speaker model is trained on, and what `copydesk candidates`
/// prints.
pub fn explain(text: &str, options: &Options) -> (Analysis, Vec<Explained>) {
    let (analysis, proposed) = run(text, options, true);
    let explained = proposed
        .into_iter()
        .map(|weighed| Explained {
            speakers: (weighed.candidates.list)
                .iter()
                .map(|c| speakers::resolve(&analysis, &c.attribution, c.inherited.clone()))
                .collect(),
            weighed,
        })
        .collect();
    (analysis, explained)
}

/// The pipeline: the analysis, and every quote's candidate speakers (with
/// their features when `record` is set).
fn run(text: &str, options: &Options, record: bool) -> (Analysis, Vec<Weighed>) {
    let document = Document::new(text, options.format);
    let disabled = directives::regions(text, &document.directives);
    let spans = quotes::find_quotes(&document);
    let (tokens, paragraph_tokens) = tokenize_paragraphs(&document, &spans);
    let mut analysis = Analysis {
        quotes: spans
            .into_iter()
            .map(|span| Quote {
                display: document.paragraphs[span.paragraph()].kind.is_display(),
                span,
                term: false,
                quotation: true,
                speaker: None,
            })
            .collect(),
        document,
        people: People::default(),
        tokens,
        paragraph_tokens,
        sentence_ends: Vec::new(),
        speech_verbs: Vec::new(),
        verb_subjects: attribution::VerbSubjects::default(),
        format: options.format,
        disabled,
        lexicon: options.lexicon.clone(),
        quote_words: std::sync::OnceLock::new(),
        sources: sources::Sources::default(),
    };
    let mut sentence_ends = Vec::with_capacity(analysis.tokens.len());
    for i in 0..analysis.paragraph_tokens.len() {
        tokens::sentence_ends(analysis.tokens_of(i), &mut sentence_ends);
    }
    analysis.sentence_ends = sentence_ends;
    let mut speech_verbs = Vec::with_capacity(analysis.tokens.len());
    for i in 0..analysis.paragraph_tokens.len() {
        attribution::speech_verbs(analysis.tokens_of(i), &mut speech_verbs);
    }
    analysis.speech_verbs = speech_verbs;
    analysis.verb_subjects =
        attribution::VerbSubjects::new(&analysis.speech_verbs, &analysis.paragraph_tokens);
    analysis.people = find_people(&analysis);
    let (attributions, proposed) =
        speakers::attribute_all(&mut analysis, &options.speakers, record);
    for (qi, attribution) in attributions.into_iter().enumerate() {
        if let Some((attribution, inherited)) = attribution {
            let weighed = &proposed[qi];
            let shown = (weighed.chosen)
                .map(|i| speakers::shown_reading(&analysis, &weighed.candidates, i))
                .filter(|&i| Some(i) != weighed.chosen)
                .map(|i| &weighed.candidates.list[i]);
            let mut speaker = match shown {
                Some(c) => speakers::resolve(&analysis, &c.attribution, c.inherited.clone()),
                None => speakers::resolve(&analysis, &attribution, inherited),
            };
            speaker.likelihood = (weighed.chosen)
                .and_then(|i| weighed.probabilities.get(i))
                .map(|p| (p * 100.0).round().clamp(0.0, 100.0) as u8);
            analysis.quotes[qi].speaker = Some(speaker);
        }
    }
    if !options.transcripts.is_empty() {
        analysis.sources = sources::find(&analysis, &options.transcripts);
    }
    (analysis, proposed)
}

/// The names of the speaker model's features, by index, then the
/// quotation model's.
pub fn feature_names() -> (Vec<String>, Vec<String>) {
    (speaker_features::names(), quote_features::names())
}

/// A quote's candidate speakers, and each resolved to a [`Speaker`].
#[derive(Debug, Clone)]
pub struct Explained {
    pub weighed: Weighed,
    /// Indexed like `weighed.candidates.list`.
    pub speakers: Vec<Speaker>,
}

/// Every paragraph's tokens, one after another, with each quotation segment
/// as one token; and each paragraph's range in them.
fn tokenize_paragraphs(
    document: &Document,
    spans: &[QuoteSpan],
) -> (Vec<Token>, Vec<Range<usize>>) {
    let mut segments: Vec<(Range<usize>, usize)> = spans
        .iter()
        .enumerate()
        .flat_map(|(qi, q)| q.segments.iter().map(move |s| (s.clone(), qi)))
        .collect();
    segments.sort_by_key(|(r, _)| r.start);
    // About one token per four bytes of a story: room for them at once,
    // rather than growing (and copying) the vector a dozen times.
    let mut all_tokens = Vec::with_capacity(document.prose.len() / 4);
    let mut paragraph_tokens = Vec::with_capacity(document.paragraphs.len());
    let mut seg_at = 0;
    for para in &document.paragraphs {
        while seg_at < segments.len() && segments[seg_at].0.start < para.range.start {
            seg_at += 1;
        }
        let first = seg_at;
        while seg_at < segments.len() && segments[seg_at].0.start < para.range.end {
            seg_at += 1;
        }
        let start = all_tokens.len();
        tokens::tokenize(
            &document.prose,
            para.range.clone(),
            &segments[first..seg_at],
            &mut all_tokens,
        );
        paragraph_tokens.push(start..all_tokens.len());
    }
    // Kept for the life of the analysis (the server keeps one per open
    // draft): no room to spare.
    all_tokens.shrink_to_fit();
    (all_tokens, paragraph_tokens)
}

/// The people in the story, with the project's register applied.
fn find_people(analysis: &Analysis) -> People {
    let inputs: Vec<people::ParagraphInput> = (0..analysis.document.paragraphs.len())
        .map(|i| people::ParagraphInput {
            index: i,
            kind: analysis.document.paragraphs[i].kind,
            tokens: analysis.tokens_of(i),
        })
        .collect();
    let mut found = people::find(&inputs, &analysis.document.prose, &analysis.lexicon);
    if let Some(extra) = analysis.lexicon.extra_words() {
        found.apply_register(&extra.people);
    }
    found
}
