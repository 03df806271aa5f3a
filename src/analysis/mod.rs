//! The pure analysis core: text in, an [`Analysis`] out.
//!
//! No I/O, no LSP types; every offset is a UTF-8 byte offset into the text
//! that was analysed. The passes run in order: document model (paragraphs,
//! Markdown masking), quotation marks, tokens, people, attribution, and last
//! the resolution of each speaker phrase to a person, role or organisation.

pub mod attribution;
pub mod directives;
pub mod document;
pub mod lexicon;
pub mod line_index;
pub mod names;
pub mod people;
pub mod phrases;
pub mod quote_words;
pub mod quotes;
mod speakers;
pub mod tokens;

use std::ops::Range;
use std::sync::Arc;

pub use attribution::How;
pub use document::{Document, Paragraph, ParagraphKind, SourceFormat};
pub use lexicon::LexiconExtra;
pub use people::{Mention, MentionForm, People, Person, RegisteredPerson};
pub use quotes::{MarkFamily, QuoteSpan};

use attribution::ParagraphTokens;
use tokens::Token;

/// What the caller tells the analysis about the text.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub format: SourceFormat,
}

/// What kind of speaker a quote has (the JSON `speaker.kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeakerKind {
    Person,
    Role,
    Organisation,
}

impl SpeakerKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerKind::Person => "person",
            SpeakerKind::Role => "role",
            SpeakerKind::Organisation => "organisation",
        }
    }
}

/// Who said a quote, and how the analysis knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The canonical name of the person, or the description as written.
    pub name: String,
    pub kind: SpeakerKind,
    /// The words in the text that name the speaker (the mention, pronoun or
    /// description).
    pub range: Range<usize>,
    /// The person, when the speaker is one the people model knows.
    pub person: Option<usize>,
    /// The cue (`said`, `according to`), if any.
    pub cue: Option<Range<usize>>,
    pub how: How,
    /// The pronoun as written, when the speaker was named by one.
    pub pronoun: Option<String>,
    /// For a role speaker not bound to anyone, the person the role most
    /// likely is: `the defence secretary has said` in the opening paragraph,
    /// followed by `Ben Wallace` introduced next. A guess, kept apart from
    /// `person` (which is certain).
    pub guess: Option<usize>,
}

/// A quotation and what the analysis found out about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub span: QuoteSpan,
    /// In a headline or crosshead.
    pub display: bool,
    /// A quoted term, title or scare quote rather than speech.
    pub term: bool,
    pub speaker: Option<Speaker>,
}

impl Quote {
    /// Whether this is speech the story reports (not a term), outside display
    /// text unless the display text itself attributes it.
    pub fn is_reported(&self) -> bool {
        !self.term && (!self.display || self.speaker.is_some())
    }
}

#[derive(Debug, Clone)]
pub struct Analysis {
    pub document: Document,
    pub quotes: Vec<Quote>,
    pub people: People,
    /// Every paragraph's tokens, one after another.
    pub tokens: Vec<Token>,
    /// For each paragraph, its range in `tokens`.
    pub paragraph_tokens: Vec<Range<usize>>,
    /// The format the text was read as.
    pub format: SourceFormat,
    /// Where the draft's ignore comments switch rules off ([`directives`]).
    pub disabled: Vec<directives::Region>,
    /// The quotations' normalised words, made when a rule first asks.
    quote_words: std::sync::OnceLock<quote_words::QuoteWords>,
}

impl Analysis {
    /// Every quotation's words, normalised and numbered for comparing
    /// quotations ([`quote_words`]); indexed like [`Analysis::quotes`].
    pub fn quote_words(&self) -> &quote_words::QuoteWords {
        self.quote_words
            .get_or_init(|| quote_words::QuoteWords::new(&self.document.prose, &self.quotes))
    }

    /// Frees the quotations' words (made again if asked for).
    pub fn forget_quote_words(&mut self) {
        self.quote_words.take();
    }

    /// The quotations a reader would call reported speech.
    pub fn reported_quotes(&self) -> impl Iterator<Item = &Quote> {
        self.quotes.iter().filter(|q| q.is_reported())
    }

    /// Whether the draft's ignore comments switch `code` off at byte `at`.
    pub fn is_disabled(&self, code: &str, at: usize) -> bool {
        directives::is_disabled(&self.disabled, code, at, self.document.prose.len())
    }

    pub(crate) fn paragraph(&self, index: usize) -> ParagraphTokens<'_> {
        ParagraphTokens {
            index,
            tokens: &self.tokens[self.paragraph_tokens[index].clone()],
            display: self.document.paragraphs[index].kind.is_display(),
        }
    }
}

/// Analyses a draft with the built-in lexicon only.
pub fn analyze(text: &str, options: &Options) -> Analysis {
    analyze_with(text, options, None)
}

/// Analyses a draft, consulting a project's extra words (speech verbs,
/// titles, people register from `copydesk.toml`) besides the built-in
/// lexicon.
///
/// The extra words are a separate argument rather than a field of
/// [`Options`] so that every `Options { format }` written so far keeps
/// compiling; `None` is exactly [`analyze`].
pub fn analyze_with(text: &str, options: &Options, extra: Option<&Arc<LexiconExtra>>) -> Analysis {
    let _extra_words = lexicon::scope(extra.cloned());
    let document = Document::new(text, options.format);
    let disabled = directives::regions(text, &document.directives);
    let spans = quotes::find_quotes(&document);
    let prose = document.prose.as_str();

    // Tokens, with each quote segment as one token.
    let mut segments: Vec<(Range<usize>, usize)> = spans
        .iter()
        .enumerate()
        .flat_map(|(qi, q)| q.segments.iter().map(move |s| (s.clone(), qi)))
        .collect();
    segments.sort_by_key(|(r, _)| r.start);
    let mut all_tokens = Vec::new();
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
            prose,
            para.range.clone(),
            &segments[first..seg_at],
            &mut all_tokens,
        );
        paragraph_tokens.push(start..all_tokens.len());
    }
    // Kept for the life of the analysis (the server keeps one per open
    // draft): no room to spare.
    all_tokens.shrink_to_fit();

    let mut analysis = Analysis {
        quotes: spans
            .into_iter()
            .map(|span| Quote {
                display: document.paragraphs[span.paragraph()].kind.is_display(),
                span,
                term: false,
                speaker: None,
            })
            .collect(),
        document,
        people: People::default(),
        tokens: all_tokens,
        paragraph_tokens,
        format: options.format,
        disabled,
        quote_words: std::sync::OnceLock::new(),
    };

    let inputs: Vec<people::ParagraphInput> = (0..analysis.document.paragraphs.len())
        .map(|i| people::ParagraphInput {
            index: i,
            kind: analysis.document.paragraphs[i].kind,
            tokens: &analysis.tokens[analysis.paragraph_tokens[i].clone()],
        })
        .collect();
    let mut found_people = People::find(&inputs, &analysis.document.prose);
    drop(inputs);
    if let Some(extra) = extra {
        found_people.apply_register(&extra.people);
    }
    analysis.people = found_people;

    let attributions = speakers::attribute_all(&mut analysis);
    for (qi, attribution) in attributions.into_iter().enumerate() {
        if let Some((attribution, inherited)) = attribution {
            analysis.quotes[qi].speaker =
                Some(speakers::resolve(&analysis, &attribution, inherited));
        }
    }
    analysis
}
