//! The actions an editor offers for findings: each finding's own fixes
//! (made by the rule that raised it, see [`crate::diagnostic::Fix`]), and
//! "ignore this kind of finding": in the document (an ignore comment,
//! [`crate::analysis::directives`], or the code added to the one already
//! there, [`ignore_edit`]) and, in Markdown, on this line (a
//! `copydesk-disable-next-line` comment above the finding's line,
//! [`ignore_line_edit`]). Each is a title and byte-range edits.

use std::ops::Range;

use crate::analysis::directives::{self, Directive, Kind};
use crate::analysis::{Analysis, SourceFormat};
use crate::diagnostic::{Diagnostic, Edit};

/// What an action is for: mending the text, or silencing the finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionKind {
    QuickFix,
    Ignore,
}

/// One action the editor can offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub title: String,
    pub kind: ActionKind,
    /// The findings it resolves: indexes into the diagnostics given to
    /// [`actions`].
    pub diagnostics: Vec<usize>,
    /// Non-overlapping edits, in text order.
    pub edits: Vec<Edit>,
    /// The fix that properly addresses the finding (editors apply it on
    /// "auto fix").
    pub preferred: bool,
}

/// The actions for every finding in `diagnostics` that touches `range` (a
/// cursor or a selection, bytes): first each finding's own fixes (the
/// rule's first one preferred), then per diagnostic code the "ignore"
/// actions: in Markdown one "on this line" per line with such a finding,
/// then one "in this document".
pub fn actions(
    text: &str,
    analysis: &Analysis,
    diagnostics: &[Diagnostic],
    range: Range<usize>,
) -> Vec<Action> {
    let mut out = Vec::new();
    let mut ignores = Ignores::default();
    for (i, d) in diagnostics.iter().enumerate() {
        let touches = d.range.start <= range.end && range.start <= d.range.end;
        if !touches {
            continue;
        }
        out.extend(d.fixes.iter().enumerate().map(|(n, fix)| Action {
            title: fix.title.clone(),
            kind: ActionKind::QuickFix,
            diagnostics: vec![i],
            edits: fix.edits.clone(),
            preferred: n == 0,
        }));
        ignores.add(text, analysis, diagnostics, i);
    }
    out.extend(ignores.into_actions(analysis, diagnostics));
    out
}

/// The ignore actions being gathered: per code, in the order of its first
/// finding, the "on this line" actions (Markdown), one per line (by the
/// byte the line starts at), then "in this document".
#[derive(Default)]
struct Ignores {
    by_code: Vec<(Vec<(usize, Action)>, Action)>,
}

impl Ignores {
    fn add(&mut self, text: &str, analysis: &Analysis, diagnostics: &[Diagnostic], i: usize) {
        let d = &diagnostics[i];
        let at = self
            .by_code
            .iter()
            .position(|(_, a)| diagnostics[a.diagnostics[0]].code == d.code)
            .unwrap_or_else(|| {
                self.by_code.push((
                    Vec::new(),
                    Action {
                        title: format!("Ignore {} in this document", d.code),
                        kind: ActionKind::Ignore,
                        diagnostics: Vec::new(),
                        edits: vec![ignore_edit(text, analysis, d.code)],
                        preferred: false,
                    },
                ));
                self.by_code.len() - 1
            });
        let (lines, document) = &mut self.by_code[at];
        document.diagnostics.push(i);
        if analysis.format != SourceFormat::Markdown {
            return;
        }
        let line = line_start(text, d.range.start);
        match lines.iter_mut().find(|(l, _)| *l == line) {
            Some((_, a)) => a.diagnostics.push(i),
            None => {
                if let Some(edit) = ignore_line_edit(text, analysis, d.range.start, d.code) {
                    lines.push((
                        line,
                        Action {
                            title: String::new(),
                            kind: ActionKind::Ignore,
                            diagnostics: vec![i],
                            edits: vec![edit],
                            preferred: false,
                        },
                    ));
                }
            }
        }
    }

    /// The actions, each line's titled by its line number when a code has
    /// several.
    fn into_actions(self, analysis: &Analysis, diagnostics: &[Diagnostic]) -> Vec<Action> {
        let mut out = Vec::new();
        for (lines, document) in self.by_code {
            let several = lines.len() > 1;
            for (line, mut action) in lines {
                let code = diagnostics[action.diagnostics[0]].code;
                action.title = if several {
                    let number = analysis.document.lines.line(line);
                    format!("Ignore {code} on line {number}")
                } else {
                    format!("Ignore {code} on this line")
                };
                out.push(action);
            }
            out.push(document);
        }
        out
    }
}

/// The edit that makes the draft ignore `code` in the whole document
/// ([`crate::analysis::directives`]).
///
/// Markdown: the code added to a `<!-- copydesk-disable … -->` that lists
/// rules and stands before any prose (after any front matter), else a new
/// one on its own line there. Plain text: the code added to the first
/// `[copydesk: ignore …]` line that lists rules, else a new line at the very
/// end, after a blank line.
pub fn ignore_edit(text: &str, analysis: &Analysis, code: &str) -> Edit {
    let found = &analysis.document.directives;
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let append = |d: &Directive| Edit {
        range: d.append_at..d.append_at,
        insert: format!(", {code}"),
    };
    match analysis.format {
        SourceFormat::Markdown => {
            let top = front_matter_end(text).unwrap_or(0);
            let prose = analysis
                .document
                .paragraphs
                .first()
                .map_or(text.len(), |p| p.range.start);
            let existing = found.iter().find(|d| {
                d.kind == Kind::Disable
                    && !d.rules.is_empty()
                    && (top..prose).contains(&d.range.start)
            });
            match existing {
                Some(d) => append(d),
                None => Edit {
                    range: top..top,
                    insert: format!("<!-- copydesk-disable {code} -->{nl}{nl}"),
                },
            }
        }
        SourceFormat::PlainText => {
            if let Some(d) = found
                .iter()
                .find(|d| d.kind == Kind::Ignore && !d.rules.is_empty())
            {
                return append(d);
            }
            // A blank line before it, like any paragraph of the draft.
            let trailing = text.len() - text.trim_end_matches(['\n', '\r']).len();
            let breaks = text[text.len() - trailing..].matches('\n').count();
            let lead = if text.trim().is_empty() {
                String::new()
            } else {
                nl.repeat(2usize.saturating_sub(breaks))
            };
            Edit {
                range: text.len()..text.len(),
                insert: format!("{lead}[copydesk: ignore {code}]{nl}"),
            }
        }
    }
}

/// The edit that makes a Markdown draft ignore `code` on the line holding
/// byte `at`: the code added to a `<!-- copydesk-disable-next-line … -->`
/// already aimed at that line, else a new one on its own line just above it
/// (with the line's blockquote markers, and its line ending). None on a
/// table row, which a line of its own would cut in two.
pub fn ignore_line_edit(text: &str, analysis: &Analysis, at: usize, code: &str) -> Option<Edit> {
    let found = &analysis.document.directives;
    let start = line_start(text, at);
    let aimed = found.iter().find(|d| {
        d.kind == Kind::DisableNextLine
            && !d.rules.is_empty()
            && directives::next_line(text, d.range.end, found).is_some_and(|l| l.start == start)
    });
    if let Some(d) = aimed {
        return Some(Edit {
            range: d.append_at..d.append_at,
            insert: format!(", {code}"),
        });
    }
    let line = &text[start
        ..text[start..]
            .find('\n')
            .map_or(text.len(), |i| start + i + 1)];
    if line.trim_start().starts_with('|') {
        return None;
    }
    let nl = if line.ends_with("\r\n") || (!line.ends_with('\n') && text.contains("\r\n")) {
        "\r\n"
    } else {
        "\n"
    };
    Some(Edit {
        range: start..start,
        insert: format!(
            "{}<!-- copydesk-disable-next-line {code} -->{nl}",
            blockquote_prefix(line)
        ),
    })
}

/// The byte where the line holding byte `at` starts.
fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The blockquote markers a line starts with (`> `, `  > > `), or nothing.
fn blockquote_prefix(line: &str) -> &str {
    let lead = line.len() - line.trim_start_matches([' ', '\t', '>']).len();
    let markers = &line[..lead];
    match markers.rfind('>') {
        Some(last) => &line[..last + 1 + usize::from(markers[last + 1..].starts_with(' '))],
        None => "",
    }
}

/// The byte just after a Markdown front-matter block (`---` … `---` or
/// `...`, or `+++` … `+++`) at the very start of the text, line break
/// included.
fn front_matter_end(text: &str) -> Option<usize> {
    let mut lines = text.split_inclusive('\n');
    let fence = lines.next()?.trim_end();
    let closers: &[&str] = match fence {
        "---" => &["---", "..."],
        "+++" => &["+++"],
        _ => return None,
    };
    let mut at = text.split_inclusive('\n').next()?.len();
    for line in lines {
        at += line.len();
        if closers.contains(&line.trim_end()) {
            return Some(at);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, Options};
    use crate::config::Config;
    use crate::diagnostic::apply;
    use crate::rules::check;

    /// The document's findings and actions at the first occurrence of `at`.
    fn actions_at(text: &str, format: SourceFormat, at: &str) -> (Vec<Diagnostic>, Vec<Action>) {
        let analysis = analyze(text, &Options::new(format));
        let diagnostics = check(&analysis, &Config::default());
        let start = text.find(at).expect("marker in text");
        let found = actions(text, &analysis, &diagnostics, start..start);
        (diagnostics, found)
    }

    /// The text after applying the fix titled `title` at `at`.
    fn fixed(text: &str, format: SourceFormat, at: &str, title: &str) -> String {
        let (diagnostics, found) = actions_at(text, format, at);
        let fix = found
            .iter()
            .find(|f| f.title.starts_with(title))
            .unwrap_or_else(|| panic!("no fix {title:?} in {found:#?}\n{diagnostics:#?}"));
        apply(text, &fix.edits)
    }

    fn codes(text: &str, format: SourceFormat) -> Vec<&'static str> {
        let analysis = analyze(text, &Options::new(format));
        check(&analysis, &Config::default())
            .into_iter()
            .map(|d| d.code)
            .collect()
    }

    const PLAIN: SourceFormat = SourceFormat::PlainText;
    const MD: SourceFormat = SourceFormat::Markdown;

    #[test]
    fn ignore_in_plain_text_goes_on_a_line_at_the_end() {
        let text = "Ferry cut\n\nThe ferry stops in May.\n\n“Look at it now.”\n";
        assert_eq!(
            fixed(
                text,
                PLAIN,
                "“Look",
                "Ignore unattributed-quote in this document"
            ),
            format!("{text}\n[copydesk: ignore unattributed-quote]\n")
        );
        let after = fixed(text.trim_end(), PLAIN, "“Look", "Ignore unattributed-quote");
        assert_eq!(
            after,
            format!(
                "{}\n\n[copydesk: ignore unattributed-quote]\n",
                text.trim_end()
            )
        );
        assert!(codes(&after, PLAIN).is_empty());
        // CRLF drafts get CRLF.
        let crlf = text.replace('\n', "\r\n");
        let after = fixed(&crlf, PLAIN, "“Look", "Ignore");
        assert_eq!(
            after,
            format!("{crlf}\r\n[copydesk: ignore unattributed-quote]\r\n")
        );
        assert!(codes(&after, PLAIN).is_empty());
        // Plain text has no "on this line": only the document action. The
        // rule's own fix comes first, and is the one editors apply on "auto
        // fix".
        let (_, found) = actions_at(text, PLAIN, "“Look");
        assert_eq!(
            found
                .iter()
                .map(|a| (a.kind, a.preferred))
                .collect::<Vec<_>>(),
            vec![(ActionKind::QuickFix, true), (ActionKind::Ignore, false)]
        );
        let titles: Vec<&str> = found.iter().map(|f| f.title.as_str()).collect();
        assert_eq!(
            titles,
            vec![
                "Add “[who] said” after the quotation",
                "Ignore unattributed-quote in this document"
            ]
        );
    }

    #[test]
    fn ignore_in_plain_text_extends_an_ignore_line() {
        let text = "Ferry cut\n\n[copydesk: ignore quote-style]\n\n“Look at it now.”\n";
        let after = fixed(text, PLAIN, "“Look", "Ignore unattributed-quote");
        assert_eq!(
            after,
            text.replace("quote-style]", "quote-style, unattributed-quote]")
        );
        assert!(codes(&after, PLAIN).is_empty());
    }

    #[test]
    fn ignore_in_markdown_goes_at_the_top_after_front_matter() {
        let body = "# Ferry cut\n\nThe ferry stops in May.\n\n“Look at it now.”\n";
        let after = fixed(
            body,
            MD,
            "“Look",
            "Ignore unattributed-quote in this document",
        );
        assert_eq!(
            after,
            format!("<!-- copydesk-disable unattributed-quote -->\n\n{body}")
        );
        assert!(codes(&after, MD).is_empty());

        let text = format!("---\ntitle: \"Ferry\"\n---\n{body}");
        let after = fixed(&text, MD, "“Look", "Ignore unattributed-quote in this");
        assert_eq!(
            after,
            format!("---\ntitle: \"Ferry\"\n---\n<!-- copydesk-disable unattributed-quote -->\n\n{body}")
        );
        let analysis = analyze(&after, &Options::new(MD));
        assert_eq!(
            &after[analysis.document.paragraphs[0].range.clone()],
            "Ferry cut"
        );
        assert!(codes(&after, MD).is_empty());

        let crlf = body.replace('\n', "\r\n");
        assert_eq!(
            fixed(&crlf, MD, "“Look", "Ignore unattributed-quote in this"),
            format!("<!-- copydesk-disable unattributed-quote -->\r\n\r\n{crlf}")
        );
    }

    #[test]
    fn ignore_in_markdown_extends_a_disable_at_the_top_only() {
        let text = "<!-- copydesk-disable quote-style -->\n\n# Ferry cut\n\nThe ferry stops in May.\n\n“Look at it now.”\n";
        let after = fixed(text, MD, "“Look", "Ignore unattributed-quote in this");
        assert_eq!(
            after,
            text.replace("quote-style -->", "quote-style, unattributed-quote -->")
        );
        assert!(codes(&after, MD).is_empty());
        // One further down the draft is a region, not the document's: a new
        // comment goes at the top.
        let text = "# Ferry cut\n\nThe ferry stops in May.\n\n<!-- copydesk-disable quote-style -->\n\n“Look at it now.”\n";
        let after = fixed(text, MD, "“Look", "Ignore unattributed-quote in this");
        assert_eq!(
            after,
            format!("<!-- copydesk-disable unattributed-quote -->\n\n{text}")
        );
        assert!(codes(&after, MD).is_empty());
    }

    #[test]
    fn ignore_on_this_line_goes_just_above_it_in_markdown() {
        let text =
            "# Ferry cut\n\nThe ferry stops in May.\n\n“Look at it now.”\n\n“Then look again.”\n";
        let (_, found) = actions_at(text, MD, "“Look");
        let titles: Vec<&str> = found.iter().map(|f| f.title.as_str()).collect();
        assert_eq!(
            titles,
            vec![
                "Add “[who] said” after the quotation",
                "Ignore unattributed-quote on this line",
                "Ignore unattributed-quote in this document"
            ]
        );
        let after = fixed(text, MD, "“Look", "Ignore unattributed-quote on this line");
        assert_eq!(
            after,
            text.replace(
                "“Look",
                "<!-- copydesk-disable-next-line unattributed-quote -->\n“Look"
            )
        );
        // Only that line: the other quotation is still flagged.
        assert_eq!(codes(&after, MD), vec!["unattributed-quote"]);
        let analysis = analyze(&after, &Options::new(MD));
        assert!(!analysis.document.prose.contains("copydesk"));

        // CRLF kept; a blockquote keeps its marker.
        let crlf = text.replace('\n', "\r\n");
        assert_eq!(
            fixed(&crlf, MD, "“Look", "Ignore unattributed-quote on this line"),
            crlf.replace(
                "“Look",
                "<!-- copydesk-disable-next-line unattributed-quote -->\r\n“Look"
            )
        );
        let quoted = text.replace("“Look", "> “Look");
        let after = fixed(
            &quoted,
            MD,
            "“Look",
            "Ignore unattributed-quote on this line",
        );
        assert_eq!(
            after,
            quoted.replace(
                "> “Look",
                "> <!-- copydesk-disable-next-line unattributed-quote -->\n> “Look"
            )
        );
        assert_eq!(codes(&after, MD), vec!["unattributed-quote"]);
    }

    #[test]
    fn ignore_on_this_line_extends_the_comment_aimed_at_it() {
        let text = "# Ferry cut\n\nThe ferry stops in May.\n\n<!-- copydesk-disable-next-line quote-style -->\n\n\"Look at it now.\"\n";
        let after = fixed(text, MD, "\"Look", "Ignore unattributed-quote on this line");
        assert_eq!(
            after,
            text.replace("quote-style -->", "quote-style, unattributed-quote -->")
        );
        assert!(codes(&after, MD).is_empty(), "{:?}", codes(&after, MD));
    }

    #[test]
    fn ignore_on_line_names_the_line_when_a_selection_spans_several() {
        let text = "# Ferry cut\n\n“Look at it now.”\n\n“Then look again.”\n";
        let analysis = analyze(text, &Options::new(MD));
        let diagnostics = check(&analysis, &Config::default());
        let all = actions(text, &analysis, &diagnostics, 0..text.len());
        let titles: Vec<&str> = all
            .iter()
            .filter(|f| f.kind == ActionKind::Ignore)
            .map(|f| f.title.as_str())
            .collect();
        assert_eq!(
            titles,
            vec![
                "Ignore unattributed-quote on line 3",
                "Ignore unattributed-quote on line 5",
                "Ignore unattributed-quote in this document"
            ]
        );
    }

    #[test]
    fn one_ignore_action_per_code_and_only_for_touched_findings() {
        let text = "Ferry cut\n\n“Look at it now.” “Then look again.”\n\nThe ferry stops in May.\n";
        let analysis = analyze(text, &Options::default());
        let diagnostics = check(&analysis, &Config::default());
        assert_eq!(diagnostics.len(), 2, "{diagnostics:?}");
        let all = actions(text, &analysis, &diagnostics, 0..text.len());
        let ignores: Vec<&Action> = all
            .iter()
            .filter(|f| f.kind == ActionKind::Ignore)
            .collect();
        assert_eq!(ignores.len(), 1);
        assert_eq!(ignores[0].diagnostics, vec![0, 1]);
        assert_eq!(all.len(), 3, "two placeholders and one ignore: {all:#?}");
        let far = text.find("May").unwrap();
        assert!(actions(text, &analysis, &diagnostics, far..far).is_empty());
    }
}
