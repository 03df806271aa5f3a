use super::rule::{Rule, Severity};
use crate::analysis::{Analysis, MarkFamily, ParagraphKind, Quote};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Edit, Fix};

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
                let edits = mark_edits(prose, q, curly_story);
                let fix = (!edits.is_empty()).then(|| Fix {
                    title: format!("Use {ours} quotation marks ({example})"),
                    edits,
                });
                Diagnostic::new(self, offending_mark(prose, q, curly_story), message)
                    .with_help(format!("use {ours} marks {example} throughout"))
                    .with_fixes(fix)
            })
            .collect()
    }
}

/// Edits turning a quotation's own outer marks curly (`to_curly`) or
/// straight: each segment's opening mark, and its closing mark where the
/// segment closes (a paragraph of a multi-paragraph quote that runs on has
/// none).
fn mark_edits(text: &str, q: &Quote, to_curly: bool) -> Vec<Edit> {
    let (straight, open, close) = match q.span.family {
        MarkFamily::Double => ('"', '“', '”'),
        MarkFamily::Single => ('\'', '‘', '’'),
    };
    let curly_open = ['“', '‘', '„', '«'];
    let curly_close = ['”', '’', '»'];
    let segments = &q.span.segments;
    let mut edits = Vec::new();
    let mut swap = |at: usize, c: char, want: char| {
        if c != want {
            edits.push(Edit {
                range: at..at + c.len_utf8(),
                insert: want.to_string(),
            });
        }
    };
    for (i, seg) in segments.iter().enumerate() {
        let Some(s) = text.get(seg.clone()) else {
            continue;
        };
        let mut chars = s.chars();
        let first = chars.next();
        let last = chars.next_back();
        if let Some(c) = first {
            if c == straight || curly_open.contains(&c) {
                swap(seg.start, c, if to_curly { open } else { straight });
            }
        }
        let closes = match segments.get(i + 1) {
            Some(_) => q.span.segment_paragraphs[i] == q.span.segment_paragraphs[i + 1],
            None => q.span.closed,
        };
        if let Some(c) = last.filter(|_| closes) {
            if c == straight || curly_close.contains(&c) {
                swap(
                    seg.end - c.len_utf8(),
                    c,
                    if to_curly { close } else { straight },
                );
            }
        }
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, Options, SourceFormat};
    use crate::diagnostic::apply;
    use crate::rules::{test_codes, test_fixed};

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

    #[test]
    fn quote_style_makes_only_the_outer_marks_curly() {
        let text = "Ferry cut\n\n“It is a blow,” said Ann Moss.\n\n“We will fight,” she said.\n\n\"Tom told me 'no comment',\" said Tom Reed's aide.\n";
        let after = test_fixed(
            text,
            SourceFormat::PlainText,
            "\"Tom",
            "Use curly quotation marks (“…”)",
        );
        assert_eq!(
            after,
            text.replace(
                "\"Tom told me 'no comment',\"",
                "“Tom told me 'no comment',”"
            )
        );
        assert!(!test_codes(&after, SourceFormat::PlainText).contains(&"quote-style"));
        // Single marks get single curly marks; a mixed quote keeps its good
        // mark.
        let text = "Ferry cut\n\n“It is a blow,” said Ann Moss.\n\n\"We will fight,” she said.\n";
        assert_eq!(
            test_fixed(text, SourceFormat::PlainText, "\"We", "Use curly"),
            text.replace("\"We", "“We")
        );
    }

    #[test]
    fn quote_style_in_a_straight_story_straightens() {
        let text = "Ferry cut\n\n\"It is a blow,\" said Ann Moss.\n\n\"We will fight,\" she said.\n\n“No comment,” said Tom Reed.\n";
        assert_eq!(
            test_fixed(
                text,
                SourceFormat::PlainText,
                "“No",
                "Use straight quotation marks"
            ),
            text.replace("“No comment,”", "\"No comment,\"")
        );
    }

    #[test]
    fn quote_style_in_a_multi_paragraph_quote_leaves_open_ends_alone() {
        let text = "Ferry cut\n\n“It is a blow,” said Ann Moss. “We have lost.”\n\nAnn Moss said: \"We will fight.\n\n\"We will win.\"\n";
        let analysis = analyze(text, &Options::default());
        let q = analysis
            .quotes
            .iter()
            .find(|q| q.span.segments.len() == 2 && text[q.span.range.clone()].contains("win"))
            .expect("a two-paragraph quote");
        assert_eq!(
            apply(text, &mark_edits(text, q, true)),
            text.replace(
                "\"We will fight.\n\n\"We will win.\"",
                "“We will fight.\n\n“We will win.”"
            )
        );
    }
}
