//! Whether a draft is plain text or Markdown.

/// How the draft is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SourceFormat {
    #[default]
    PlainText,
    Markdown,
}

impl SourceFormat {
    /// The format a file name implies: `.md`/`.markdown` are Markdown,
    /// anything else plain text.
    pub fn from_path(path: &str) -> SourceFormat {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".md") || lower.ends_with(".markdown") {
            SourceFormat::Markdown
        } else {
            SourceFormat::PlainText
        }
    }
}
