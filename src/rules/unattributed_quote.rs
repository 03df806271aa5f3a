use super::rule::{excerpt, Rule, Severity};
use crate::analysis::Analysis;
use crate::analysis::Quote;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Edit, Fix};

/// A quotation with no speaker the reader can identify. Headline quotes are
/// exempt: the body attributes them (the `headline-quote` rule checks that it
/// does); quoted terms and titles are not speech.
pub struct UnattributedQuote;

/// The placeholder the fix inserts for the writer to fill.
pub const WHO: &str = "[who]";

impl Rule for UnattributedQuote {
    fn code(&self) -> &'static str {
        "unattributed-quote"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn description(&self) -> &'static str {
        "a quotation with no speaker the reader can identify"
    }

    fn check(&self, analysis: &Analysis, _config: &Config) -> Vec<Diagnostic> {
        let prose = &analysis.document.prose;
        analysis
            .quotes
            .iter()
            .filter(|q| !q.term && !q.display && q.speaker.is_none())
            .map(|q| {
                let first = q.span.segments[0].clone();
                let message = format!(
                    "Quotation {} has no speaker: add who said it",
                    excerpt(&prose[first.clone()], 48)
                );
                let fix = attribution_edits(prose, q).map(|edits| Fix {
                    title: format!("Add “{WHO} said” after the quotation"),
                    edits,
                });
                Diagnostic::new(self, first, message)
                    .with_help(
                        "name the speaker next to it, e.g. “…,” she said. — or, if it is a term rather than speech, introduce it as one (so-called, known as)",
                    )
                    .with_fixes(fix)
            })
            .collect()
    }
}

/// Where the attribution placeholder goes, after the quotation's closing
/// mark, so that the sentence reads as a sub-editor would write it:
///
/// - `“We will fight,” the…` (a comma inside the marks): ` [who] said` after
///   the mark → `“We will fight,” [who] said the…`.
/// - `“Look at it now.”` ending its sentence: the full stop becomes a comma
///   and ` [who] said.` follows → `“Look at it now,” [who] said.`
/// - `“Why?”` / `“Never!”` / `“So…”` ending its sentence: ` [who] said.`
///   follows, the mark kept → `“Why?” [who] said.`
/// - anything else (`a “betrayal”.`, `“…”, and`): `, [who] said` after the
///   mark → `a “betrayal”, [who] said.`
///
/// None for a quotation that is not closed (the unclosed mark is the first
/// thing to fix).
pub fn attribution_edits(text: &str, q: &Quote) -> Option<Vec<Edit>> {
    if !q.span.closed {
        return None;
    }
    let end = q.span.segments.last()?.end;
    let body = text.get(..end)?;
    let mut back = body.char_indices().rev();
    let (_, _close) = back.next()?;
    let (inner_at, inner) = back.next()?;
    let before_inner = back.next().map(|(_, c)| c);
    let after = text[end..].chars().next();
    let ends_sentence = after.is_none_or(char::is_whitespace);
    let insert = |s: String| Edit {
        range: end..end,
        insert: s,
    };
    Some(match inner {
        ',' => vec![insert(format!(" {WHO} said"))],
        '.' if ends_sentence && before_inner != Some('.') => vec![
            Edit {
                range: inner_at..inner_at + 1,
                insert: ",".to_owned(),
            },
            insert(format!(" {WHO} said.")),
        ],
        '?' | '!' | '…' | '.' if ends_sentence => vec![insert(format!(" {WHO} said."))],
        _ => vec![insert(format!(", {WHO} said"))],
    })
}

#[cfg(test)]
mod tests {
    use crate::analysis::SourceFormat;
    use crate::rules::test_fixed;

    #[test]
    fn unattributed_quote_gets_a_placeholder_that_reads_well() {
        let head = "Ferry cut\n\nThe ferry stops in May.\n\n";
        let cases = [
            // a full stop inside the marks becomes a comma
            ("“Look at it now.”\n", "“Look at it now,” [who] said.\n"),
            ("“Look at it now.”", "“Look at it now,” [who] said."),
            // a question or exclamation keeps its mark
            ("“Why now?”\n", "“Why now?” [who] said.\n"),
            // a comma inside the marks
            (
                "“We are done with all of it,” was the message.\n",
                "“We are done with all of it,” [who] said was the message.\n",
            ),
            // punctuation outside the marks
            (
                "“We are done and the town is done with us”.\n",
                "“We are done and the town is done with us”, [who] said.\n",
            ),
        ];
        for (quote, want) in cases {
            let text = format!("{head}{quote}");
            let after = test_fixed(
                &text,
                SourceFormat::PlainText,
                quote.trim_end(),
                "Add “[who] said”",
            );
            assert_eq!(after, format!("{head}{want}"), "for {quote:?}");
        }
    }
}
