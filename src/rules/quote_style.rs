use super::rule::{Rule, Severity};
use crate::analysis::{Analysis, MarkFamily, ParagraphKind, Quote};
use crate::config::Config;
use crate::diagnostic::Diagnostic;

/// Straight and curly quotation marks mixed in body text.
///
/// The story's own style is the majority of its body quotations, quoted
/// terms included (they are marks on the page); headlines, crossheads and
/// captions are left out, as are apostrophes, which are not quotation marks.
/// Attribute values in pasted markup (`author="..."`) are not prose and do
/// not count. A tie counts as curly. Quotations in the other style are flagged, and so
/// is any quotation whose own marks mix the two (`"like this”`).
pub struct QuoteStyle;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Curly,
    Straight,
    Mixed,
}

fn style(q: &Quote) -> Style {
    match (q.span.curly_marks, q.span.straight_marks) {
        (true, true) => Style::Mixed,
        (false, true) => Style::Straight,
        _ => Style::Curly,
    }
}

fn is_straight(c: char) -> bool {
    matches!(c, '"' | '\'')
}

fn is_curly(c: char) -> bool {
    matches!(c, '“' | '”' | '‘' | '’' | '„' | '«' | '»')
}

/// The byte range of the first of the quote's own marks that is in the
/// wrong style (straight when `want_curly`), else of its opening mark.
fn offending_mark(prose: &str, q: &Quote, want_curly: bool) -> std::ops::Range<usize> {
    let wrong = |c: char| {
        if want_curly {
            is_straight(c)
        } else {
            is_curly(c)
        }
    };
    let mut marks = Vec::new();
    for seg in &q.span.segments {
        let text = &prose[seg.clone()];
        if let Some(c) = text.chars().next() {
            marks.push((seg.start, c));
        }
        if let Some(c) = text.chars().next_back() {
            if text.chars().count() > 1 {
                marks.push((seg.end - c.len_utf8(), c));
            }
        }
    }
    let (at, c) = marks
        .iter()
        .copied()
        .find(|&(_, c)| wrong(c) && (is_straight(c) || is_curly(c)))
        .or_else(|| marks.first().copied())
        .unwrap_or((q.span.range.start, ' '));
    at..at + c.len_utf8().max(1)
}

impl Rule for QuoteStyle {
    fn code(&self) -> &'static str {
        "quote-style"
    }

    fn default_severity(&self) -> Severity {
        Severity::Hint
    }

    fn description(&self) -> &'static str {
        "straight and curly quotation marks mixed in body text"
    }

    fn check(&self, analysis: &Analysis, _config: &Config) -> Vec<Diagnostic> {
        let prose = &analysis.document.prose;
        let paragraphs = &analysis.document.paragraphs;
        let body: Vec<&Quote> = analysis
            .quotes
            .iter()
            .filter(|q| !q.display && paragraphs[q.span.paragraph()].kind == ParagraphKind::Body)
            // `author="..."`: an attribute value in pasted markup, not prose.
            .filter(|q| !prose[..q.span.range.start].ends_with('='))
            .collect();
        let count = |s: Style| body.iter().filter(|q| style(q) == s).count();
        let (curly, straight) = (count(Style::Curly), count(Style::Straight));
        let curly_story = curly >= straight;
        let house = if curly_story {
            Style::Curly
        } else {
            Style::Straight
        };
        body.iter()
            .filter(|q| style(q) != house)
            .map(|q| {
                let example = match (curly_story, q.span.family) {
                    (true, MarkFamily::Double) => "“…”",
                    (true, MarkFamily::Single) => "‘…’",
                    (false, MarkFamily::Double) => "\"…\"",
                    (false, MarkFamily::Single) => "'…'",
                };
                let (ours, theirs) = if curly_story {
                    ("curly", "Straight")
                } else {
                    ("straight", "Curly")
                };
                let message = if style(q) == Style::Mixed {
                    format!(
                        "This quotation mixes straight and curly marks; the story uses {ours} ones ({example})"
                    )
                } else {
                    format!(
                        "{theirs} quotation marks here; the rest of the story uses {ours} ones ({example})"
                    )
                };
                Diagnostic::new(self, offending_mark(prose, q, curly_story), message)
                    .with_help(format!("use {ours} marks {example} throughout"))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings(text: &str) -> Vec<(String, String)> {
        super::super::test_findings(&QuoteStyle, text)
    }

    #[test]
    fn a_straight_quote_in_a_curly_story_is_flagged() {
        let found = findings(
            "Ferry cut\n\n“It is a blow,” said Ann Moss.\n\n“We will fight,” she said.\n\n\"No comment,\" said Tom Reed.\n",
        );
        assert_eq!(
            found,
            vec![(
                "\"".to_owned(),
                "Straight quotation marks here; the rest of the story uses curly ones (“…”)"
                    .to_owned()
            )]
        );
    }

    #[test]
    fn a_tie_counts_as_curly() {
        let found = findings(
            "Ferry cut\n\n“It is a blow,” said Ann Moss.\n\n\"No comment,\" said Tom Reed.\n",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "\"");
    }

    #[test]
    fn a_quote_with_both_kinds_of_mark_is_flagged() {
        let found = findings(
            "Ferry cut\n\n“It is a blow,” said Ann Moss.\n\n\"We will fight,” she said.\n",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "\"");
        assert!(found[0].1.starts_with("This quotation mixes"), "{found:?}");
    }

    #[test]
    fn one_style_throughout_is_silent() {
        let found = findings(
            "Ferry cut\n\n\"It is a blow,\" said Ann Moss.\n\n\"We won't fight,\" she said.\n",
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
