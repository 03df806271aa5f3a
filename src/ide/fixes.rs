//! Quick fixes for findings, and "ignore this kind of finding in this
//! document": each is a title and a set of byte-range edits to the text.
//!
//! The fixes are computed from the analysis, not read back from the
//! messages, and each asks for what its rule asks for:
//!
//! - `inconsistent-reference`, `title-mismatch`, `name-spelling`: the
//!   mention becomes the form the rule prefers (`Mr Wallace`, `Ms Truss`,
//!   `Shoigu`).
//! - `first-reference`: the first mention becomes the full name the story
//!   gives later (`Mr Wallace` → `Ben Wallace`), when it gives one.
//! - `quote-style`: the quotation's own outer marks take the story's style
//!   (curly `“ ”`/`‘ ’`, or straight), nested quotes left alone.
//! - `unattributed-quote`: a `[who] said` placeholder after the quotation for
//!   the writer to fill (see [`attribution_edits`] for where it goes).
//! - every finding: "Ignore CODE in this document", which writes an ignore
//!   comment ([`crate::analysis::directives`]) or adds the code to the one
//!   already there ([`ignore_edit`]); and in Markdown "Ignore CODE on this
//!   line", a `copydesk-disable-next-line` comment above the finding's line
//!   ([`ignore_line_edit`]).

use std::ops::Range;

use crate::analysis::directives::{self, Directive, Kind};
use crate::analysis::{Analysis, MarkFamily, MentionForm, Quote, SourceFormat};
use crate::rules::Diagnostic;

/// Replace `range` with `insert` (an empty range inserts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub insert: String,
}

/// What a fix is for: mending the text, or silencing the finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixKind {
    QuickFix,
    Ignore,
}

/// One action the editor can offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub kind: FixKind,
    /// The findings it resolves: indexes into the diagnostics given to
    /// [`fixes`].
    pub diagnostics: Vec<usize>,
    /// Non-overlapping edits, in text order.
    pub edits: Vec<Edit>,
    /// The fix that properly addresses the finding (editors apply it on
    /// "auto fix").
    pub preferred: bool,
}

/// The placeholder the attribution fix inserts for the writer to fill.
pub const WHO: &str = "[who]";

/// The fixes for every finding in `diagnostics` that touches `range` (a
/// cursor or a selection, bytes): first each finding's own fix, then per
/// diagnostic code the "ignore" actions: in Markdown one "on this line" per
/// line with such a finding, then one "in this document".
pub fn fixes(
    text: &str,
    analysis: &Analysis,
    diagnostics: &[Diagnostic],
    range: Range<usize>,
) -> Vec<Fix> {
    let mut out = Vec::new();
    // Per code, in the order of its first finding: the "on this line"
    // actions (Markdown), one per line, then "in this document".
    let mut ignores: Vec<(Vec<(usize, Fix)>, Fix)> = Vec::new();
    for (i, d) in diagnostics.iter().enumerate() {
        let touches = d.range.start <= range.end && range.start <= d.range.end;
        if !touches {
            continue;
        }
        if let Some((title, edits)) = fix_for(text, analysis, d) {
            out.push(Fix {
                title,
                kind: FixKind::QuickFix,
                diagnostics: vec![i],
                edits,
                preferred: true,
            });
        }
        let at = ignores
            .iter()
            .position(|(_, f)| diagnostics[f.diagnostics[0]].code == d.code)
            .unwrap_or_else(|| {
                ignores.push((
                    Vec::new(),
                    Fix {
                        title: format!("Ignore {} in this document", d.code),
                        kind: FixKind::Ignore,
                        diagnostics: Vec::new(),
                        edits: vec![ignore_edit(text, analysis, d.code)],
                        preferred: false,
                    },
                ));
                ignores.len() - 1
            });
        let (lines, document) = &mut ignores[at];
        document.diagnostics.push(i);
        if analysis.format != SourceFormat::Markdown {
            continue;
        }
        let line = line_start(text, d.range.start);
        match lines.iter_mut().find(|(l, _)| *l == line) {
            Some((_, f)) => f.diagnostics.push(i),
            None => {
                if let Some(edit) = ignore_line_edit(text, analysis, d.range.start, d.code) {
                    lines.push((
                        line,
                        Fix {
                            title: String::new(),
                            kind: FixKind::Ignore,
                            diagnostics: vec![i],
                            edits: vec![edit],
                            preferred: false,
                        },
                    ));
                }
            }
        }
    }
    for (lines, document) in ignores {
        let several = lines.len() > 1;
        for (line, mut fix) in lines {
            let code = diagnostics[fix.diagnostics[0]].code;
            fix.title = if several {
                let number = analysis.document.lines.line(line);
                format!("Ignore {code} on line {number}")
            } else {
                format!("Ignore {code} on this line")
            };
            out.push(fix);
        }
        out.push(document);
    }
    out
}

/// A finding's own fix: a title and its edits.
fn fix_for(text: &str, analysis: &Analysis, d: &Diagnostic) -> Option<(String, Vec<Edit>)> {
    let people = &analysis.people;
    let replace = |range: Range<usize>, with: String| {
        let title = format!("Change to “{with}”");
        Some((
            title,
            vec![Edit {
                range,
                insert: with,
            }],
        ))
    };
    match d.code {
        "inconsistent-reference" => {
            let m = people.mentions.iter().find(|m| m.range == d.range)?;
            replace(
                m.range.clone(),
                crate::rules::inconsistent_reference::preferred_form(analysis, m)?,
            )
        }
        "title-mismatch" => {
            let m = people.mentions.iter().find(|m| m.range == d.range)?;
            replace(
                m.range.clone(),
                crate::rules::title_mismatch::preferred_form(analysis, m)?,
            )
        }
        "name-spelling" => {
            let m = people
                .mentions
                .iter()
                .find(|m| m.name_range == d.range && m.misspelt)?;
            replace(
                m.name_range.clone(),
                people.persons[m.person].surname.clone(),
            )
        }
        "first-reference" => {
            let m = people.mentions.iter().find(|m| m.range == d.range)?;
            let full = full_name(analysis, m.person)?;
            let (title, edits) = replace(m.range.clone(), full)?;
            Some((title.replacen("Change to", "Use the full name", 1), edits))
        }
        "quote-style" => {
            let q = analysis.quotes.iter().find(|q| {
                q.span
                    .segments
                    .iter()
                    .any(|s| s.start <= d.range.start && d.range.end <= s.end)
            })?;
            let mark = text.get(d.range.clone())?.chars().next()?;
            let to_curly = matches!(mark, '"' | '\'');
            let edits = mark_edits(text, q, to_curly);
            if edits.is_empty() {
                return None;
            }
            let title = match (to_curly, q.span.family) {
                (true, MarkFamily::Double) => "Use curly quotation marks (“…”)",
                (true, MarkFamily::Single) => "Use curly quotation marks (‘…’)",
                (false, MarkFamily::Double) => "Use straight quotation marks (\"…\")",
                (false, MarkFamily::Single) => "Use straight quotation marks ('…')",
            };
            Some((title.to_owned(), edits))
        }
        "unattributed-quote" => {
            let q = analysis
                .quotes
                .iter()
                .find(|q| q.span.segments.first() == Some(&d.range))?;
            let edits = attribution_edits(text, q)?;
            Some((format!("Add “{WHO} said” after the quotation"), edits))
        }
        _ => None,
    }
}

/// The person's full name as the story writes it (a later full mention, or
/// one in the headline), whitespace-normalised; none if the story never
/// gives it.
fn full_name(analysis: &Analysis, person: usize) -> Option<String> {
    let people = &analysis.people;
    let mentions = people.persons.get(person)?.mentions.iter();
    let full = mentions
        .map(|&i| &people.mentions[i])
        .filter(|m| matches!(m.form, MentionForm::Full | MentionForm::Role))
        .min_by_key(|m| m.display)?;
    let name = &analysis.document.prose[full.name_range.clone()];
    Some(name.split_whitespace().collect::<Vec<_>>().join(" "))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, Options};
    use crate::config::Config;
    use crate::rules::check;

    /// The document's findings and fixes at the first occurrence of `at`.
    fn fixes_at(text: &str, format: SourceFormat, at: &str) -> (Vec<Diagnostic>, Vec<Fix>) {
        let analysis = analyze(text, &Options::new(format));
        let diagnostics = check(&analysis, &Config::default());
        let start = text.find(at).expect("marker in text");
        let found = fixes(text, &analysis, &diagnostics, start..start);
        (diagnostics, found)
    }

    /// The text after applying the fix titled `title` at `at`.
    fn fixed(text: &str, format: SourceFormat, at: &str, title: &str) -> String {
        let (diagnostics, found) = fixes_at(text, format, at);
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
    fn inconsistent_reference_takes_the_story_form() {
        let text = "Pier reopens\n\nThe harbour master, Robin Teague, opened the pier on Monday.\n\nMr Teague said it was safe. Mr Teague added that repairs were done.\n\nTeague left at noon.\n";
        assert_eq!(
            fixed(text, PLAIN, "Teague left", "Change to"),
            text.replace("Teague left", "Mr Teague left")
        );
        let text = "Pier reopens\n\nThe harbour master, Robin Teague, opened the pier on Monday.\n\nTeague said it was safe. Teague added that repairs were done.\n\nMr Teague left at noon.\n";
        let after = fixed(text, PLAIN, "Mr Teague left", "Change to “Teague”");
        assert_eq!(after, text.replace("Mr Teague left", "Teague left"));
        assert!(
            codes(&after, PLAIN).is_empty(),
            "{:?}",
            codes(&after, PLAIN)
        );
    }

    #[test]
    fn title_mismatch_takes_the_majority_title() {
        let text = "Budget row\n\nThe chancellor, Priya Halden, spoke on Monday.\n\nMs Halden said the plan was fair. Mr Halden added that cuts were over.\n\nMs Halden left early.\n";
        let (_, found) = fixes_at(text, PLAIN, "Mr Halden");
        assert_eq!(found[0].title, "Change to “Ms Halden”");
        assert!(found[0].preferred);
        assert_eq!(
            apply(text, &found[0].edits),
            text.replace("Mr Halden", "Ms Halden")
        );
    }

    #[test]
    fn name_spelling_takes_the_story_spelling() {
        let text = "Talks resume\n\nThe defence minister, Sergei Shoigu, arrived on Tuesday.\n\nMr Shoygu said the talks would go on.\n";
        assert_eq!(
            fixed(text, PLAIN, "Shoygu", "Change to “Shoigu”"),
            text.replace("Shoygu", "Shoigu")
        );
    }

    #[test]
    fn first_reference_takes_the_full_name() {
        let text = "Pier reopens\n\nMr Teague opened the pier on Monday.\n\nThe harbour master, Robin Teague, said it was safe.\n";
        assert_eq!(
            fixed(
                text,
                PLAIN,
                "Mr Teague opened",
                "Use the full name “Robin Teague”"
            ),
            text.replacen("Mr Teague opened", "Robin Teague opened", 1)
        );
        // Without a full name anywhere there is nothing to write: only the
        // ignore action is offered.
        let text =
            "Pier reopens\n\nMr Teague opened the pier on Monday. Mr Teague said it was safe.\n";
        let (diagnostics, found) = fixes_at(text, PLAIN, "Mr Teague opened");
        assert_eq!(diagnostics[0].code, "first-reference");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].kind, FixKind::Ignore);
    }

    #[test]
    fn quote_style_makes_only_the_outer_marks_curly() {
        let text = "Ferry cut\n\n“It is a blow,” said Ann Moss.\n\n“We will fight,” she said.\n\n\"Tom told me 'no comment',\" said Tom Reed's aide.\n";
        let after = fixed(text, PLAIN, "\"Tom", "Use curly quotation marks (“…”)");
        assert_eq!(
            after,
            text.replace(
                "\"Tom told me 'no comment',\"",
                "“Tom told me 'no comment',”"
            )
        );
        assert!(!codes(&after, PLAIN).contains(&"quote-style"));
        // Single marks get single curly marks; a mixed quote keeps its good
        // mark.
        let text = "Ferry cut\n\n“It is a blow,” said Ann Moss.\n\n\"We will fight,” she said.\n";
        assert_eq!(
            fixed(text, PLAIN, "\"We", "Use curly"),
            text.replace("\"We", "“We")
        );
    }

    #[test]
    fn quote_style_in_a_straight_story_straightens() {
        let text = "Ferry cut\n\n\"It is a blow,\" said Ann Moss.\n\n\"We will fight,\" she said.\n\n“No comment,” said Tom Reed.\n";
        assert_eq!(
            fixed(text, PLAIN, "“No", "Use straight quotation marks"),
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
            let after = fixed(&text, PLAIN, quote.trim_end(), "Add “[who] said”");
            assert_eq!(after, format!("{head}{want}"), "for {quote:?}");
        }
    }

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
        // Plain text has no "on this line": only the document action.
        let (_, found) = fixes_at(text, PLAIN, "“Look");
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
        let (_, found) = fixes_at(text, MD, "“Look");
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
        let all = fixes(text, &analysis, &diagnostics, 0..text.len());
        let titles: Vec<&str> = all
            .iter()
            .filter(|f| f.kind == FixKind::Ignore)
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
        let all = fixes(text, &analysis, &diagnostics, 0..text.len());
        let ignores: Vec<&Fix> = all.iter().filter(|f| f.kind == FixKind::Ignore).collect();
        assert_eq!(ignores.len(), 1);
        assert_eq!(ignores[0].diagnostics, vec![0, 1]);
        assert_eq!(all.len(), 3, "two placeholders and one ignore: {all:#?}");
        let far = text.find("May").unwrap();
        assert!(fixes(text, &analysis, &diagnostics, far..far).is_empty());
    }
}
