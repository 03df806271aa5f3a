//! What alignment works on and gives: the parts of a quotation, and a
//! quotation's passage with where the words differ. A leaf, shared by the
//! search ([`super`]) and the table ([`super::table`]).

use std::ops::Range;

/// The most transcript words one `[editorial group]` may stand for.
pub const BRACKET_SPAN: usize = 5;
/// A part of a quotation as it is compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuotePart {
    /// A word: its key and bytes in the draft, and whether it is a filler;
    /// for the first half of a hyphenated word, the key of both halves as
    /// one (`words::Folded::joined`), else 0.
    Word {
        key: u64,
        joined: u64,
        range: Range<usize>,
        filler: bool,
    },
    /// Words in square brackets: the writer's, standing for the speaker's.
    Bracket { range: Range<usize> },
    /// An ellipsis: words left out here.
    Gap,
    /// The end of a sentence (`.`, `?` or `!` before a space).
    Stop,
}

/// Where a quotation's words and a transcript's part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// The draft's words (bytes); empty where the draft leaves out the
    /// transcript's words, placed where they would go.
    pub draft: Range<usize>,
    /// The transcript's words (bytes in its file); empty where the draft
    /// has words the transcript does not, placed where they would go.
    pub transcript: Range<usize>,
    /// Not words but a join: the draft runs on into a sentence the speaker
    /// said elsewhere, without an ellipsis. `draft` is empty, at the second
    /// sentence's first word; `transcript` runs from the start of the last
    /// word before the join to the start of the first after it, and runs
    /// backwards (`start > end`) when the second sentence was said first.
    pub joined: bool,
}

/// How well a quotation matches the passage found for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Word for word, within the tidying allowed.
    Exact,
    /// The same passage, with words changed, added or left out.
    Close,
    /// Not said in the transcripts.
    None,
}

impl Fit {
    pub fn as_str(self) -> &'static str {
        match self {
            Fit::Exact => "exact",
            Fit::Close => "close",
            Fit::None => "none",
        }
    }
}

/// A quotation's best passage in one transcript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alignment {
    /// The transcript, by index in the slice searched.
    pub file: usize,
    /// The transcript words the quotation spans, first to last (indices
    /// into its `words.list`).
    pub words: Range<usize>,
    /// Quotation words equal to the transcript's.
    pub matched: usize,
    /// Words changed, added or left out.
    pub cost: usize,
    pub differences: Vec<Difference>,
}

impl Alignment {
    /// Exact with no cost; close when most words agree: at least three,
    /// and at least twice as many as differ. A one- or two-word quotation
    /// is exact or not found.
    pub fn fit(&self) -> Fit {
        if self.cost == 0 && self.matched > 0 {
            Fit::Exact
        } else if self.matched >= 3 && 2 * self.cost <= self.matched {
            Fit::Close
        } else {
            Fit::None
        }
    }
}
