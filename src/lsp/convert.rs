//! Positions: LSP line/character pairs to and from UTF-8 byte offsets, in
//! the encoding the client negotiated (UTF-16 unless it offers UTF-8).
//!
//! Each analysed text has its [`LineIndex`] (built by the analysis, shared
//! with the command line); [`rope_char`] converts positions against the
//! live rope when edits arrive. LSP lines end at
//! `\n`, `\r\n` or a lone `\r`, and so do both (ropey is built with only
//! those line breaks).

use ropey::Rope;
use tower_lsp_server::ls_types::{Position, Range};

pub use crate::analysis::line_index::{Encoding, LineIndex};

/// The LSP position of byte `offset` of `text`.
pub fn position(lines: &LineIndex, text: &str, offset: usize, encoding: Encoding) -> Position {
    let (line, character) = lines.position(text, offset, encoding);
    Position::new(line, character)
}

/// The LSP range of a byte range of `text`.
pub fn range(
    lines: &LineIndex,
    text: &str,
    range: std::ops::Range<usize>,
    encoding: Encoding,
) -> Range {
    Range::new(
        position(lines, text, range.start, encoding),
        position(lines, text, range.end, encoding),
    )
}

/// The byte offset of an LSP position in `text`, clamped into it (see
/// [`LineIndex::offset`]).
pub fn offset(lines: &LineIndex, text: &str, at: Position, encoding: Encoding) -> usize {
    lines.offset(text, at.line, at.character, encoding)
}

/// The char index in `rope` of an LSP position, clamped like
/// [`offset`].
pub fn rope_char(rope: &Rope, position: Position, encoding: Encoding) -> usize {
    let line = position.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let start = rope.line_to_char(line);
    let slice = rope.line(line);
    // the line's content without its break
    let mut content_chars = slice.len_chars();
    while content_chars > 0 && matches!(slice.char(content_chars - 1), '\n' | '\r') {
        content_chars -= 1;
    }
    let content = slice.slice(..content_chars);
    let wanted = position.character as usize;
    let within = match encoding {
        Encoding::Utf8 => {
            let byte = wanted.min(content.len_bytes());
            content.byte_to_char(byte)
        }
        Encoding::Utf16 => {
            let units = wanted.min(content.len_utf16_cu());
            let c = content.utf16_cu_to_char(units);
            // the middle of a surrogate pair snaps to the pair's start
            if content.char_to_utf16_cu(c) > units {
                c.saturating_sub(1)
            } else {
                c
            }
        }
    };
    start + within
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rope_positions_agree_with_the_line_index() {
        let text = "a😀b\rc\nd€e\r\nf";
        let rope = Rope::from_str(text);
        let index = LineIndex::new(text);
        for line in 0..5u32 {
            for character in 0..6u32 {
                for enc in [Encoding::Utf8, Encoding::Utf16] {
                    let p = Position::new(line, character);
                    let byte = offset(&index, text, p, enc);
                    assert_eq!(
                        rope.char_to_byte(rope_char(&rope, p, enc)),
                        byte,
                        "{p:?} {enc:?}"
                    );
                }
            }
        }
    }
}
