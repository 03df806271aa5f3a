//! The document model: which parts of a draft are prose, how the prose falls
//! into paragraphs, and what kind of paragraph each one is.
//!
//! Markdown is parsed with pulldown-cmark; everything that is not prose (code,
//! HTML, front matter, link targets, markup characters) is blanked to spaces in
//! [`Document::prose`], so the later passes can work on one string whose byte
//! offsets are the original file's.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use regex::Regex;
use std::sync::LazyLock;

use super::chars::count_words_up_to;
use super::directives::Directive;
use super::line_index::LineIndex;
use super::source_format::SourceFormat;

/// What a paragraph is, as a sub-editor would label it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParagraphKind {
    /// The first line of a plain-text draft, or a Markdown level-1 heading.
    Headline,
    /// Any other Markdown heading (a crosshead).
    Heading,
    /// A picture caption or a `Credit:` line.
    Caption,
    /// The line under the headline that sums up the story, written like a
    /// headline (no closing full stop): `Trump and Clinton court veterans;`.
    Standfirst,
    Body,
}

impl ParagraphKind {
    /// Headlines and crossheads: display text whose quotes are attributed in
    /// the body.
    pub fn is_display(self) -> bool {
        matches!(self, ParagraphKind::Headline | ParagraphKind::Heading)
    }

    /// Headline, crosshead or standfirst: text around the story rather than
    /// the story itself, exempt from the rules on references to people.
    pub fn is_furniture(self) -> bool {
        matches!(
            self,
            ParagraphKind::Headline | ParagraphKind::Heading | ParagraphKind::Standfirst
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Byte range of the paragraph's text, without the line break.
    pub range: Range<usize>,
    pub kind: ParagraphKind,
}

#[derive(Debug, Clone)]
pub struct Document {
    /// The draft with non-prose blanked to spaces; same length and line
    /// breaks as the original.
    pub prose: String,
    pub paragraphs: Vec<Paragraph>,
    /// Byte ranges that were blanked (Markdown code, HTML, front matter, ...).
    pub masked: Vec<Range<usize>>,
    /// The ignore comments in the draft, in text order (blanked in
    /// `prose`, listed in `masked`).
    pub directives: Vec<Directive>,
    /// Where the lines of the draft (as written, before blanking) begin.
    pub lines: LineIndex,
}

impl Document {
    pub fn new(text: &str, format: SourceFormat) -> Document {
        let original = text;
        // Ignore comments are notes to copydesk, never prose.
        let directives = super::directives::find(text, format);
        let blanked = super::directives::blank(text, &directives);
        let text = blanked.as_deref().unwrap_or(text);
        let mut document = match format {
            SourceFormat::PlainText => plain_text(text),
            SourceFormat::Markdown => markdown(text),
        };
        if !directives.is_empty() {
            document
                .masked
                .extend(directives.iter().map(|d| d.range.clone()));
            document.masked.sort_by_key(|r| r.start);
            document.masked.dedup();
        }
        document.directives = directives;
        document.lines = LineIndex::new(original);
        document
    }
}

/// A plain-text draft: every non-blank line is a paragraph, the first is the
/// headline.
fn plain_text(text: &str) -> Document {
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let end = start + line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let range = trim_range(text, start..start + content.len());
        if !range.is_empty() {
            // A line that starts in lowercase after one that stops mid-sentence
            // is the same paragraph, broken by a stray line break (a
            // hard-wrapped draft, or copy pasted from a narrow column).
            if let Some(prev) = paragraphs.last_mut() {
                if continues(&text[prev.range.clone()], &text[range.clone()])
                    && matches!(prev.kind, ParagraphKind::Body | ParagraphKind::Standfirst)
                {
                    prev.range.end = range.end;
                    prev.kind = classify_body(&text[prev.range.clone()]);
                    start = end;
                    continue;
                }
            }
            let kind = if paragraphs.is_empty() {
                ParagraphKind::Headline
            } else if paragraphs.len() == 1
                && (is_standfirst(&text[range.clone()])
                    || text[paragraphs[0].range.clone()].trim_end().ends_with(';'))
            {
                ParagraphKind::Standfirst
            } else {
                classify_body(&text[range.clone()])
            };
            paragraphs.push(Paragraph { range, kind });
        }
        start = end;
    }
    Document {
        prose: text.to_owned(),
        paragraphs,
        masked: Vec::new(),
        directives: Vec::new(),
        lines: LineIndex::default(),
    }
}

/// A short line right under the headline that does not end like a
/// sentence is a standfirst (or second headline).
fn is_standfirst(line: &str) -> bool {
    let ended = line
        .trim_end()
        .ends_with(['.', '!', '?', '”', '"', '’', '\'']);
    !ended && count_words_up_to(line, 36) <= 35 && classify_body(line) == ParagraphKind::Body
}

/// Whether `next` continues the sentence `prev` broke off: `prev` does not end
/// a sentence or clause and `next` starts with a lowercase letter.
fn continues(prev: &str, next: &str) -> bool {
    let ended = prev.ends_with(['.', '!', '?', ':', ';', '”', '"', '’', '\'', ')', '…']);
    !ended && next.chars().next().is_some_and(char::is_lowercase)
}

/// Shrinks a range to exclude leading and trailing whitespace.
fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead == slice.len() {
        return range.start..range.start;
    }
    range.start + lead..range.end - trail
}

/// A caption's label or an agency credit at the start of a line.
static CAPTION_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:photo(?:graph)?|picture|image|caption|credit|illustration)s?\s*:|(?:getty images|pa media|reuters|ap photo)\b)",
    )
    .expect("caption lead pattern is valid")
});

/// A credit at the end of a line (`… Picture: Jane Roe`). The word boundary
/// is ASCII-only: a Unicode `\b` keeps the regex crate from its DFAs and
/// made this pattern a fifth of the whole analysis.
static CAPTION_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:credit|photo(?:graph)?|picture|image)s?\s*:\s*[^.!?:]{1,60}$")
        .expect("caption credit pattern is valid")
});

/// A body line is a caption when it is a credit or labelled as a picture.
/// Captions are short: a long paragraph is body text without running the
/// patterns over it, and a line without a colon has no credit.
fn classify_body(paragraph: &str) -> ParagraphKind {
    if paragraph.len() <= 600
        && ((may_open_caption(paragraph) && CAPTION_LEAD.is_match(paragraph))
            || (may_end_in_credit(paragraph) && CAPTION_CREDIT.is_match(paragraph)))
    {
        ParagraphKind::Caption
    } else {
        ParagraphKind::Body
    }
}

/// Whether [`CAPTION_LEAD`] could match: every word it opens on starts
/// with one of these letters. A paragraph opening on another character than
/// an ASCII letter is left to the pattern (Unicode case folding has its
/// surprises: `K` is the Kelvin sign's lowercase).
fn may_open_caption(paragraph: &str) -> bool {
    paragraph.chars().next().is_none_or(|c| {
        !c.is_ascii_alphabetic()
            || matches!(c.to_ascii_lowercase(), 'p' | 'i' | 'c' | 'g' | 'r' | 'a')
    })
}

/// Whether [`CAPTION_CREDIT`] could match: its colon is the paragraph's
/// last, and no `.`, `!` or `?` follows it. A body paragraph's colon is
/// nearly always followed by a sentence's end.
fn may_end_in_credit(paragraph: &str) -> bool {
    paragraph
        .rsplit_once(':')
        .is_some_and(|(_, credit)| !credit.contains(['.', '!', '?']))
}

/// A Markdown draft: prose is the text events of pulldown-cmark; blocks are
/// paragraphs; the first level-1 heading (or, lacking one, the first heading
/// before any body text) is the headline.
fn markdown(text: &str) -> Document {
    let (keep, paragraphs) = markdown_blocks(text);
    let (prose, masked) = blank_all_but(text, keep);
    Document {
        prose,
        paragraphs,
        masked,
        directives: Vec::new(),
        lines: LineIndex::default(),
    }
}

/// The prose of a Markdown draft (the byte ranges of its text events
/// outside code, metadata and images) and its blocks as paragraphs.
fn markdown_blocks(text: &str) -> (Vec<Range<usize>>, Vec<Paragraph>) {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);
    options.insert(Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS);
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_FOOTNOTES);
    options.insert(Options::ENABLE_STRIKETHROUGH);

    let mut keep: Vec<Range<usize>> = Vec::new();
    let mut blocks = Blocks {
        text,
        paragraphs: Vec::new(),
        open: None,
        seen_body: false,
    };
    // Depth inside a construct whose text is not prose.
    let mut hidden = 0usize;
    let mut seen_headline = false;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::Image { .. }) => {
                hidden += 1
            }
            Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::Image) => {
                hidden = hidden.saturating_sub(1)
            }
            Event::Start(Tag::Heading { level, .. }) => {
                blocks.close();
                let kind = if !seen_headline && (level == HeadingLevel::H1 || !blocks.seen_body) {
                    seen_headline = true;
                    ParagraphKind::Headline
                } else {
                    ParagraphKind::Heading
                };
                blocks.open = Some((kind, None));
            }
            Event::Start(Tag::Paragraph | Tag::Item | Tag::TableCell) => {
                blocks.close();
                blocks.open = Some((ParagraphKind::Body, None));
            }
            Event::End(
                TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell,
            ) => blocks.close(),
            Event::Text(_) if hidden == 0 => {
                keep.push(range.clone());
                blocks.extend(range);
            }
            Event::SoftBreak | Event::HardBreak if hidden == 0 => keep.push(range),
            _ => {}
        }
    }
    blocks.close();
    let mut paragraphs = blocks.paragraphs;
    paragraphs.sort_by_key(|p| p.range.start);
    keep.sort_by_key(|r| r.start);
    (keep, paragraphs)
}

/// The Markdown blocks read so far, and the one being read.
struct Blocks<'t> {
    text: &'t str,
    paragraphs: Vec<Paragraph>,
    /// The block the current text belongs to, and its range so far.
    open: Option<(ParagraphKind, Option<Range<usize>>)>,
    /// Whether a body paragraph has been closed (a heading before any is
    /// the headline).
    seen_body: bool,
}

impl Blocks<'_> {
    /// Text at `range` belongs to the open block (or opens a body one).
    fn extend(&mut self, range: Range<usize>) {
        match &mut self.open {
            Some((_, Some(r))) => r.end = range.end,
            Some((_, r @ None)) => *r = Some(range),
            None => self.open = Some((ParagraphKind::Body, Some(range))),
        }
    }

    /// Ends the open block: a paragraph, if it had text.
    fn close(&mut self) {
        if let Some((kind, Some(range))) = self.open.take() {
            let kind = if kind == ParagraphKind::Body {
                classify_body(&self.text[range.clone()])
            } else {
                kind
            };
            self.seen_body |= kind == ParagraphKind::Body;
            self.paragraphs.push(Paragraph { range, kind });
        }
    }
}

/// `text` with everything outside the `keep` ranges (sorted) blanked to
/// spaces, line breaks kept so that line numbers stay true; and the ranges
/// blanked that a reader would call "not prose".
fn blank_all_but(text: &str, keep: Vec<Range<usize>>) -> (String, Vec<Range<usize>>) {
    let mut prose = Vec::with_capacity(text.len());
    let mut masked = Vec::new();
    let mut at = 0;
    let bytes = text.as_bytes();
    let mut blank = |from: usize, to: usize, prose: &mut Vec<u8>| {
        if from < to {
            masked.push(from..to);
            prose.extend(
                bytes[from..to]
                    .iter()
                    .map(|&b| if b == b'\n' { b'\n' } else { b' ' }),
            );
        }
    };
    for r in keep {
        if r.start < at {
            continue;
        }
        blank(at, r.start, &mut prose);
        prose.extend_from_slice(&bytes[r.clone()]);
        at = r.end;
    }
    blank(at, text.len(), &mut prose);
    // Markup between text events (`**`, `[`, `](url)`) is blanked too; keep the
    // list of masked ranges to what a reader would call "not prose".
    masked.retain(|r| text[r.clone()].trim().len() > 2);
    let prose = String::from_utf8(prose).unwrap_or_else(|_| {
        // Only whole text events are kept and only ASCII written elsewhere, so
        // this cannot happen; fall back to the raw text rather than panic.
        text.to_owned()
    });
    (prose, masked)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(doc: &Document, text: &str) -> Vec<(ParagraphKind, String)> {
        doc.paragraphs
            .iter()
            .map(|p| (p.kind, text[p.range.clone()].to_owned()))
            .collect()
    }

    #[test]
    fn plain_text_lines_are_paragraphs_and_first_is_headline() {
        let text = "Mayor quits\r\n\r\nThe mayor resigned.\nShe left at noon.\r\nA photo of her. Credit: Staff\n";
        let doc = Document::new(text, SourceFormat::PlainText);
        assert_eq!(
            kinds(&doc, text),
            vec![
                (ParagraphKind::Headline, "Mayor quits".into()),
                (ParagraphKind::Body, "The mayor resigned.".into()),
                (ParagraphKind::Body, "She left at noon.".into()),
                (
                    ParagraphKind::Caption,
                    "A photo of her. Credit: Staff".into()
                ),
            ]
        );
    }

    #[test]
    fn a_line_broken_mid_sentence_joins_its_paragraph() {
        let text = "Headline\n\nHe said he was\n\nnot leaving. \"Never.\"\nNext paragraph.\n";
        let doc = Document::new(text, SourceFormat::PlainText);
        let k = kinds(&doc, text);
        assert_eq!(k[1].1, "He said he was\n\nnot leaving. \"Never.\"");
        assert_eq!(k[2].1, "Next paragraph.");
    }

    #[test]
    fn markdown_masks_code_front_matter_links_and_comments() {
        let text = "---\ntitle: \"Draft\"\n---\n\n# Council row\n\nShe said \"yes\" to [the plan](https://example.com/\"x\").\n\n```\n\"not a quote\"\n```\n\n<!-- \"note\" -->\nUse `\"code\"` here.\n";
        let doc = Document::new(text, SourceFormat::Markdown);
        assert_eq!(doc.prose.len(), text.len());
        assert!(!doc.prose.contains("not a quote"));
        assert!(!doc.prose.contains("example.com"));
        assert!(!doc.prose.contains("note"));
        assert!(!doc.prose.contains("code"));
        assert!(!doc.prose.contains("Draft"));
        assert!(doc.prose.contains("She said \"yes\" to  the plan"));
        let k = kinds(&doc, text);
        assert_eq!(k[0], (ParagraphKind::Headline, "Council row".into()));
        assert_eq!(k[1].0, ParagraphKind::Body);
        assert_eq!(
            doc.prose.matches('\n').count(),
            text.matches('\n').count(),
            "line breaks are preserved"
        );
    }
}
