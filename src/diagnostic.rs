//! What a check reports: a finding ([`Diagnostic`]) at a [`Severity`], with
//! the edits that would mend it ([`Fix`]), all located by byte ranges in the
//! text that was analysed. A rule proposes the fixes for its own findings
//! (as harper's lints carry their suggestions); the editor layer only adds
//! the generic "ignore" actions and converts.
//!
//! The ground floor: configuration (which severity a rule reports at), the
//! rules (which make findings), the `ide` layer and the renderers all use
//! these types, and they use nothing of the crate. Rules make findings with
//! `Diagnostic::new` (in [`crate::rules`], beside the `Rule` trait whose code
//! and severity it takes).

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "info",
            Severity::Hint => "hint",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        Some(match s {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            "info" | "information" => Severity::Information,
            "hint" => Severity::Hint,
            _ => return None,
        })
    }
}

/// A finding, located by a byte range in the analysed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub range: Range<usize>,
    /// One line on how to fix it.
    pub help: Option<String>,
    /// The edits that would mend it, best first; none when only the writer
    /// can (a quotation with no speaker but a placeholder, say, still has
    /// one: `[who] said`).
    pub fixes: Vec<Fix>,
}

/// Replace `range` with `insert` (an empty range inserts), in bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub insert: String,
}

/// A way to mend a finding: what the editor's menu calls it, and its
/// edits (non-overlapping, in text order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
}

impl Fix {
    /// Writing `with` in place of `range`: “Change to “Ms Truss””.
    pub fn replace(range: Range<usize>, with: String) -> Fix {
        Fix {
            title: format!("Change to “{with}”"),
            edits: vec![Edit {
                range,
                insert: with,
            }],
        }
    }
}

/// `text` with `edits` applied (non-overlapping, any order).
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut edits: Vec<&Edit> = edits.iter().collect();
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in edits {
        out.push_str(&text[at..e.range.start]);
        out.push_str(&e.insert);
        at = e.range.end;
    }
    out.push_str(&text[at..]);
    out
}
