//! What to show when the cursor rests on a person or a quotation: the
//! questions a sub-editor asks at that point (who is this, how does the story
//! refer to them, who said this and how do we know), answered as Markdown.
//!
//! Everything is read from the [`Analysis`]; the text rendered is the prose
//! (Markdown markup blanked), so `**Mr Wallace** said` reads `Mr Wallace
//! said`. Lines are 1-based, as people count them. A quotation held
//! against interview transcripts shows the passage it was found in
//! ([`source`]).

mod person;
mod quote;
mod source;
mod text;

use std::ops::Range;

use crate::analysis::balance::GenderPolicy;
use crate::analysis::{Analysis, How};
pub use text::{collapse, opening_words};

/// A hover: the words it is about (bytes) and what to say about them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoverInfo {
    pub range: Range<usize>,
    pub markdown: String,
}

/// The hover at byte `offset` ([`hover_with`]), genders decided by the
/// default policy.
pub fn hover(analysis: &Analysis, offset: usize) -> Option<HoverInfo> {
    hover_with(analysis, offset, GenderPolicy::default())
}

/// The hover at byte `offset`: a person's mention first (with how their
/// gender was decided under `policy`, if they are quoted), then a
/// quotation.
pub fn hover_with(analysis: &Analysis, offset: usize, policy: GenderPolicy) -> Option<HoverInfo> {
    let lines = &analysis.document.lines;
    if let Some((mention, range)) = mention_at(analysis, offset) {
        let person = analysis.people.mentions[mention].person;
        return Some(HoverInfo {
            range,
            markdown: person::person_hover(analysis, lines, person, policy),
        });
    }
    if let Some(qi) = quote_at(analysis, offset) {
        return Some(HoverInfo {
            range: analysis.quotes[qi].span.range.clone(),
            markdown: quote::quote_hover(analysis, lines, qi, offset),
        });
    }
    // The words that name a speaker without naming a person (`she said`,
    // `a spokeswoman said`): what they were read as, and for which quote.
    let qi = speaker_at(analysis, offset)?;
    let quote = &analysis.quotes[qi];
    Some(HoverInfo {
        range: quote.speaker.as_ref()?.range.clone(),
        markdown: quote::quote_hover(analysis, lines, qi, quote.span.range.start),
    })
}

/// The quote whose own attribution clause names its speaker with the words
/// at byte `offset`. A clause sits next to its quote, so only the quotes
/// around `offset` are looked at.
fn speaker_at(analysis: &Analysis, offset: usize) -> Option<usize> {
    let quotes = &analysis.quotes;
    let i = quotes.partition_point(|q| q.span.range.start <= offset);
    let near = i.saturating_sub(3)..(i + 3).min(quotes.len());
    near.into_iter().find(|&qi| {
        quotes[qi].speaker.as_ref().is_some_and(|s| {
            s.range.contains(&offset)
                && !matches!(
                    s.how,
                    How::SameParagraph { .. } | How::PreviousParagraph { .. }
                )
        })
    })
}

/// The mention under byte `offset` (a possessive `’s` after it counts as part
/// of it), and the range it covers. Mentions are in text order and do not
/// overlap, so a binary search finds it.
pub fn mention_at(analysis: &Analysis, offset: usize) -> Option<(usize, Range<usize>)> {
    let prose = analysis.document.prose.as_str();
    let mentions = &analysis.people.mentions;
    let i = mentions
        .partition_point(|m| m.range.start <= offset)
        .checked_sub(1)?;
    let m = &mentions[i];
    let rest = prose.get(m.range.end..).unwrap_or("");
    let possessive = ["’s", "'s"]
        .iter()
        .find(|p| rest.starts_with(**p))
        .map_or(0, |p| p.len());
    let range = m.range.start..m.range.end + possessive;
    range.contains(&offset).then_some((i, range))
}

/// The quotation whose range holds byte `offset`. Quotes are sorted by
/// start and do not overlap (a nested quote is part of its outer one).
pub fn quote_at(analysis: &Analysis, offset: usize) -> Option<usize> {
    let quotes = &analysis.quotes;
    let i = quotes
        .partition_point(|q| q.span.range.start <= offset)
        .checked_sub(1)?;
    quotes[i].span.range.contains(&offset).then_some(i)
}

#[cfg(test)]
mod tests;
