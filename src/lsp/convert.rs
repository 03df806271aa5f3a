//! Positions: LSP line/character pairs to and from UTF-8 byte offsets, in
//! the encoding the client negotiated (UTF-16 unless it offers UTF-8).
//!
//! A [`LineIndex`] is built once per analysed text; [`rope_char`] converts
//! positions against the live rope when edits arrive. LSP lines end at
//! `\n`, `\r\n` or a lone `\r`, and so do both (ropey is built with only
//! those line breaks).

use ropey::Rope;
use tower_lsp_server::ls_types::{Position, Range};

/// How positions count characters within a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
}

/// Line starts of one text, for offset ⇄ position conversion.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        let bytes = text.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            match b {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
        }
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    /// The line holding byte `offset` and where that line starts.
    fn line_of(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        (line, self.starts[line])
    }

    /// End of a line's content (before its line break).
    fn line_end(&self, text: &str, line: usize) -> usize {
        let end = self.starts.get(line + 1).copied().unwrap_or(self.len);
        let content = &text[self.starts[line]..end];
        self.starts[line] + content.trim_end_matches(['\n', '\r']).len()
    }

    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let offset = floor_char_boundary(text, offset.min(self.len));
        let (line, start) = self.line_of(offset);
        let character = match encoding {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 => text[start..offset].encode_utf16().count(),
        };
        Position::new(line as u32, character as u32)
    }

    pub fn range(&self, text: &str, range: std::ops::Range<usize>, encoding: Encoding) -> Range {
        Range::new(
            self.position(text, range.start, encoding),
            self.position(text, range.end, encoding),
        )
    }

    /// The byte offset of a position, clamped into the text: a line past the
    /// end is the end, a character past the line's end is the line's end, and
    /// a position inside a character (half a surrogate pair, the middle of a
    /// UTF-8 sequence) is that character's start.
    pub fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let line = position.line as usize;
        if line >= self.starts.len() {
            return self.len;
        }
        let start = self.starts[line];
        let end = self.line_end(text, line);
        let content = &text[start..end];
        let wanted = position.character as usize;
        match encoding {
            Encoding::Utf8 => start + floor_char_boundary(content, wanted.min(content.len())),
            Encoding::Utf16 => {
                let mut units = 0;
                for (i, c) in content.char_indices() {
                    let next = units + c.len_utf16();
                    if next > wanted {
                        return start + i;
                    }
                    units = next;
                }
                end
            }
        }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The char index in `rope` of an LSP position, clamped like
/// [`LineIndex::offset`].
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
    fn utf16_counts_surrogate_pairs_and_utf8_counts_bytes() {
        let text = "“Hi” 😀 — é\r\nnext";
        let index = LineIndex::new(text);
        let e = text.find('é').unwrap();
        assert_eq!(
            index.position(text, e, Encoding::Utf16),
            Position::new(0, 10)
        );
        assert_eq!(
            index.position(text, e, Encoding::Utf8),
            Position::new(0, e as u32)
        );
        assert_eq!(index.offset(text, Position::new(0, 10), Encoding::Utf16), e);
        // the middle of the emoji's surrogate pair is the emoji's start
        let emoji = text.find('😀').unwrap();
        assert_eq!(
            index.offset(text, Position::new(0, 6), Encoding::Utf16),
            emoji
        );
        let next = text.find("next").unwrap();
        assert_eq!(
            index.position(text, next, Encoding::Utf16),
            Position::new(1, 0)
        );
        // past the end of a line or of the text clamps
        assert_eq!(
            index.offset(text, Position::new(0, 99), Encoding::Utf16),
            text.find('\r').unwrap()
        );
        assert_eq!(
            index.offset(text, Position::new(9, 0), Encoding::Utf16),
            text.len()
        );
    }

    #[test]
    fn rope_positions_agree_with_the_line_index() {
        let text = "a😀b\rc\nd€e\r\nf";
        let rope = Rope::from_str(text);
        let index = LineIndex::new(text);
        for line in 0..5u32 {
            for character in 0..6u32 {
                for enc in [Encoding::Utf8, Encoding::Utf16] {
                    let p = Position::new(line, character);
                    let byte = index.offset(text, p, enc);
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
