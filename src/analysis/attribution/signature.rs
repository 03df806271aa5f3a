//! A signature line: a paragraph that is only a dash and a name, under a
//! paragraph of quotation (`“I will look into it.”` then `— Jane Morrow.`),
//! as in round-ups of what candidates said.

use super::super::phrases::{phrase_at, PhraseKind};
use super::found::{Attribution, How, ParagraphTokens};

/// The speaker a signature paragraph names, if `next` is one.
pub fn signature(next: &ParagraphTokens) -> Option<Attribution> {
    let tokens = next.tokens;
    if next.display || !tokens.punct_in(0, &["—", "―", "–", "-"]) {
        return None;
    }
    let phrase = phrase_at(tokens, 1, tokens.len())?;
    if !matches!(
        phrase.kind,
        PhraseKind::Name | PhraseKind::Role | PhraseKind::Organisation
    ) {
        return None;
    }
    // The name ends the paragraph, or a role after a comma does
    // (`— Jane Morrow, a voter in Ames.`); a sentence after it is prose.
    let end = phrase.tokens.end;
    let alone = end >= tokens.len()
        || (tokens.punct_in(end, &["."]) && end + 1 == tokens.len())
        || (tokens.punct_in(end, &[","])
            && (end..tokens.len()).all(|i| !tokens.punct_in(i, &["."]) || i + 1 == tokens.len()));
    alone.then(|| Attribution::from_phrase(tokens, &phrase, Some(tokens[0].range()), How::After))
}
