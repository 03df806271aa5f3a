//! Lines and columns of a text, for every place that names a position: the
//! command line (`draft.txt:4:13`), messages (`on line 12`), hovers, the
//! configuration file's problems and the language server's positions.
//!
//! Built once per text in linear time; each lookup is a binary search over
//! the line starts plus a scan of one line. Lines end at `\n`, `\r\n` or a
//! lone `\r`, as LSP counts them, so the command line and the editor agree.

/// How a column counts the characters before it within its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// Bytes of UTF-8.
    Utf8,
    /// Code units of UTF-16 (LSP's default).
    #[default]
    Utf16,
}

/// The line starts of one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        let bytes = text.as_bytes();
        if !bytes.contains(&b'\r') {
            // Only `\n` ends lines: found by the standard library's fast search.
            starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        } else {
            for (i, &b) in bytes.iter().enumerate() {
                match b {
                    b'\n' => starts.push(i + 1),
                    b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                    _ => {}
                }
            }
        }
        starts.shrink_to_fit();
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    /// The 1-based line holding byte `offset` (as people count lines).
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset.min(self.len))
    }

    /// The 1-based line and 1-based column, in characters, of byte `offset`
    /// (`draft.txt:4:13`). An offset inside a character counts as that
    /// character's start.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(self.len));
        let line = self.line(offset);
        let start = self.starts[line - 1];
        // Inside a `\r\n` the line's content has ended: its end it is.
        let offset = offset.min(self.line_end(text, line - 1));
        (line, text[start..offset].chars().count() + 1)
    }

    /// The text of 1-based `line`, without its line break.
    pub fn line_text<'t>(&self, text: &'t str, line: usize) -> &'t str {
        let index = line.clamp(1, self.starts.len()) - 1;
        let start = self.starts[index];
        &text[start..self.line_end(text, index)]
    }

    /// The 0-based line and the column in `encoding` units of byte
    /// `offset` (an LSP position).
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> (u32, u32) {
        let offset = floor_char_boundary(text, offset.min(self.len));
        let line = self.line(offset) - 1;
        let start = self.starts[line];
        let character = match encoding {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 => text[start..offset].encode_utf16().count(),
        };
        (saturate(line), saturate(character))
    }

    /// The byte offset of a 0-based line and a column in `encoding` units,
    /// clamped into the text: a line past the end is the end, a column past
    /// the line's end is the line's end, and a column inside a character
    /// (half a surrogate pair, the middle of a UTF-8 sequence) is that
    /// character's start.
    pub fn offset(&self, text: &str, line: u32, character: u32, encoding: Encoding) -> usize {
        let line = line as usize;
        if line >= self.starts.len() {
            return self.len;
        }
        let start = self.starts[line];
        let end = self.line_end(text, line);
        let content = &text[start..end];
        let wanted = character as usize;
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

    /// End of a 0-based line's content (before its line break).
    fn line_end(&self, text: &str, line: usize) -> usize {
        let end = self.starts.get(line + 1).copied().unwrap_or(self.len);
        let content = &text[self.starts[line]..end];
        self.starts[line] + content.trim_end_matches(['\n', '\r']).len()
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_as_people_count_them() {
        let text = "“Hi,” she said.\nNext “line”\r\nthird\rfourth";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 0), (1, 1));
        assert_eq!(index.line_col(text, text.find("she").unwrap()), (1, 7));
        assert_eq!(index.line_col(text, text.find("line").unwrap()), (2, 7));
        assert_eq!(index.line_col(text, text.find("fourth").unwrap()), (4, 1));
        assert_eq!(index.line_col(text, 1), (1, 1), "inside “ is its start");
        let lf = text.find("\r\n").unwrap() + 1;
        assert_eq!(
            index.line_col(text, lf),
            (2, 12),
            "inside \\r\\n is the line's end"
        );
        assert_eq!(index.line_text(text, 2), "Next “line”");
        assert_eq!(index.line_text(text, 3), "third");
        assert_eq!(index.line(text.len() + 10), 4);
    }

    #[test]
    fn utf16_counts_surrogate_pairs_and_utf8_counts_bytes() {
        let text = "“Hi” 😀 — é\r\nnext";
        let index = LineIndex::new(text);
        let e = text.find('é').unwrap();
        assert_eq!(index.position(text, e, Encoding::Utf16), (0, 10));
        assert_eq!(index.position(text, e, Encoding::Utf8), (0, e as u32));
        assert_eq!(index.offset(text, 0, 10, Encoding::Utf16), e);
        // the middle of the emoji's surrogate pair is the emoji's start
        let emoji = text.find('😀').unwrap();
        assert_eq!(index.offset(text, 0, 6, Encoding::Utf16), emoji);
        let next = text.find("next").unwrap();
        assert_eq!(index.position(text, next, Encoding::Utf16), (1, 0));
        // past the end of a line or of the text clamps
        assert_eq!(
            index.offset(text, 0, 99, Encoding::Utf16),
            text.find('\r').unwrap()
        );
        assert_eq!(index.offset(text, 9, 0, Encoding::Utf16), text.len());
    }
}
