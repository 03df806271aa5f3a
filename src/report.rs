//! Rendering findings: JSON for tools (the contract in DESIGN.md) and a
//! rustc-style listing for people.

use serde::Serialize;

use crate::analysis::line_index::LineIndex;
use crate::analysis::sources::QuoteSource;
use crate::analysis::{Analysis, Explained};
use crate::diagnostic::{Diagnostic, Severity};

#[derive(Serialize)]
struct JsonSpeaker<'a> {
    name: &'a str,
    kind: &'a str,
    start: usize,
    end: usize,
    /// A low-confidence guess at who a role speaker is (`the defence
    /// secretary` in the lede, the person introduced next).
    #[serde(skip_serializing_if = "Option::is_none")]
    guess: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonQuote<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    speaker: Option<JsonSpeaker<'a>>,
    /// Where the transcripts have it; `null` when no transcript applies.
    source: Option<JsonSource<'a>>,
}

/// A quotation's passage in the transcripts (README, "Transcripts").
#[derive(Serialize)]
struct JsonSource<'a> {
    /// The transcript (for a quotation found nowhere: its speaker's).
    file: &'a str,
    /// The passage's bytes in the transcript file and its first line.
    start: Option<usize>,
    end: Option<usize>,
    line: Option<usize>,
    /// When it was said, `00:12:34`.
    time: Option<String>,
    /// Who said it: the person the label is, else the label.
    speaker: Option<&'a str>,
    #[serde(rename = "match")]
    fit: &'static str,
    differences: Vec<JsonDifference>,
}

#[derive(Serialize)]
struct JsonDifference {
    draft: String,
    transcript: String,
    /// The draft's bytes (empty where it leaves words out).
    start: usize,
    end: usize,
    /// Not words but a join: the draft runs on, with no ellipsis, into
    /// words said elsewhere (`start` is where they begin).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    joined: bool,
}

#[derive(Serialize)]
struct JsonMention<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    form: &'a str,
}

#[derive(Serialize)]
struct JsonPerson<'a> {
    name: &'a str,
    roles: Vec<&'a str>,
    mentions: Vec<JsonMention<'a>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    severity: &'a str,
    message: &'a str,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    /// The edits the rule proposes, best first; absent when it has none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    title: &'a str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    start: usize,
    end: usize,
    insert: &'a str,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    file: &'a str,
    quotes: Vec<JsonQuote<'a>>,
    people: Vec<JsonPerson<'a>>,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

/// One line of JSON for one file, as DESIGN.md's contract describes.
pub fn json_line(
    file: &str,
    text: &str,
    analysis: &Analysis,
    diagnostics: &[Diagnostic],
) -> String {
    let file = json_file(file, text, analysis, diagnostics);
    serde_json::to_string(&file).expect("JSON of strings and numbers always serialises")
}

/// The same object as [`json_line`], as a value to add to or walk (the
/// WebAssembly build adds UTF-16 offsets) without printing and re-reading it.
pub fn json_value(
    file: &str,
    text: &str,
    analysis: &Analysis,
    diagnostics: &[Diagnostic],
) -> serde_json::Value {
    let file = json_file(file, text, analysis, diagnostics);
    serde_json::to_value(&file).expect("JSON of strings and numbers always serialises")
}

fn json_source<'a>(
    text: &str,
    analysis: &'a Analysis,
    source: &'a QuoteSource,
) -> Option<JsonSource<'a>> {
    let Some(passage) = &source.passage else {
        return Some(JsonSource {
            file: &source.speaker_transcripts.first()?.name,
            start: None,
            end: None,
            line: None,
            time: None,
            speaker: None,
            fit: source.fit.as_str(),
            differences: Vec::new(),
        });
    };
    Some(JsonSource {
        file: &passage.transcript.name,
        start: Some(passage.range.start),
        end: Some(passage.range.end),
        line: Some(passage.line()),
        time: passage.time().map(crate::transcript::clock),
        speaker: passage.speaker_name(&analysis.people),
        fit: source.fit.as_str(),
        differences: source
            .differences
            .iter()
            .map(|d| JsonDifference {
                draft: text.get(d.draft.clone()).unwrap_or_default().to_owned(),
                // a join's range spans what lies between: not words of it
                transcript: if d.joined {
                    String::new()
                } else {
                    passage.transcript.spoken(d.transcript.clone())
                },
                start: d.draft.start,
                end: d.draft.end,
                joined: d.joined,
            })
            .collect(),
    })
}

fn json_file<'a>(
    file: &'a str,
    text: &'a str,
    analysis: &'a Analysis,
    diagnostics: &'a [Diagnostic],
) -> JsonFile<'a> {
    let lines = &analysis.document.lines;
    let quotes = analysis
        .quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| q.is_reported())
        .map(|(qi, q)| JsonQuote {
            start: q.span.range.start,
            end: q.span.range.end,
            text: &text[q.span.range.clone()],
            speaker: q.speaker.as_ref().map(|s| JsonSpeaker {
                name: &s.name,
                kind: s.kind.as_str(),
                start: s.range.start,
                end: s.range.end,
                guess: s.guess.map(|p| analysis.people.persons[p].name.as_str()),
            }),
            source: analysis
                .sources
                .quotes
                .get(qi)
                .and_then(Option::as_ref)
                .and_then(|source| json_source(text, analysis, source)),
        })
        .collect();
    let people = analysis
        .people
        .persons
        .iter()
        .filter(|p| !p.mentions.is_empty())
        .map(|p| JsonPerson {
            name: &p.name,
            roles: p.roles.iter().map(|r| r.text.as_str()).collect(),
            mentions: p
                .mentions
                .iter()
                .map(|&m| {
                    let m = &analysis.people.mentions[m];
                    JsonMention {
                        start: m.range.start,
                        end: m.range.end,
                        text: &text[m.range.clone()],
                        form: m.form.as_str(),
                    }
                })
                .collect(),
        })
        .collect();
    let diagnostics = diagnostics
        .iter()
        .map(|d| {
            let (line, column) = lines.line_col(text, d.range.start);
            JsonDiagnostic {
                code: d.code,
                severity: d.severity.as_str(),
                message: &d.message,
                start: d.range.start,
                end: d.range.end,
                line,
                column,
                help: d.help.as_deref(),
                fixes: d
                    .fixes
                    .iter()
                    .map(|f| JsonFix {
                        title: &f.title,
                        edits: f
                            .edits
                            .iter()
                            .map(|e| JsonEdit {
                                start: e.range.start,
                                end: e.range.end,
                                insert: &e.insert,
                            })
                            .collect(),
                    })
                    .collect(),
            }
        })
        .collect();
    JsonFile {
        file,
        quotes,
        people,
        diagnostics,
    }
}

#[derive(Serialize)]
struct JsonCandidate<'a> {
    start: usize,
    end: usize,
    name: &'a str,
    kind: &'a str,
    finders: Vec<&'static str>,
    /// The indexes of its features that are on (they are all 0 or 1).
    features: Vec<usize>,
    /// The model's probability, when a model weighed it.
    #[serde(skip_serializing_if = "Option::is_none")]
    probability: Option<f32>,
}

#[derive(Serialize)]
struct JsonQuoteCandidates<'a> {
    start: usize,
    end: usize,
    term: bool,
    display: bool,
    /// Read as a quotation the story reports.
    quotation: bool,
    /// The indexes of its quotation features that are on.
    features: Vec<usize>,
    /// The candidate the analysis chose, by index.
    chosen: Option<usize>,
    /// The candidate the hand-written rules pick, by index.
    rule_pick: Option<usize>,
    candidates: Vec<JsonCandidate<'a>>,
}

/// One line of JSON for one file: every quote (terms and headline quotes
/// included) with its candidate speakers, for training and inspecting the
/// speaker model (`copydesk candidates`).
pub fn candidates_line(file: &str, analysis: &Analysis, explained: &[Explained]) -> String {
    let quotes: Vec<JsonQuoteCandidates> = analysis
        .quotes
        .iter()
        .zip(explained)
        .map(|(q, e)| JsonQuoteCandidates {
            start: q.span.range.start,
            end: q.span.range.end,
            term: q.term,
            display: q.display,
            quotation: q.quotation,
            features: (e.weighed.quotation_features.iter())
                .map(|&i| usize::from(i))
                .collect(),
            chosen: q.speaker.as_ref().and_then(|s| {
                e.speakers
                    .iter()
                    .position(|c| c.range == s.range && c.name == s.name)
            }),
            rule_pick: e.weighed.candidates.rule_pick,
            candidates: e
                .weighed
                .candidates
                .list
                .iter()
                .zip(&e.speakers)
                .enumerate()
                .map(|(i, (c, s))| JsonCandidate {
                    start: s.range.start,
                    end: s.range.end,
                    name: &s.name,
                    kind: s.kind.as_str(),
                    finders: c.finders.iter().map(|f| f.name()).collect(),
                    features: e.weighed.features.get(i).map_or_else(Vec::new, |x| {
                        let mut on: Vec<usize> = x.iter().map(|&f| usize::from(f)).collect();
                        on.sort_unstable();
                        on
                    }),
                    probability: e.weighed.probabilities.get(i).copied(),
                })
                .collect(),
        })
        .collect();
    let line = serde_json::json!({ "file": file, "quotes": quotes });
    line.to_string()
}

/// Diagnostics as rustc prints them: header, location, the line with the span
/// underlined, and a help line. `lines` is the index of `text`.
pub fn human(file: &str, text: &str, lines: &LineIndex, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let (line, column) = lines.line_col(text, d.range.start);
        let (end_line, end_column) = lines.line_col(text, d.range.end);
        let source = lines.line_text(text, line);
        let gutter = line.to_string().len();
        let pad = " ".repeat(gutter);
        let width = if end_line == line {
            end_column.saturating_sub(column).max(1)
        } else {
            source.chars().count().saturating_sub(column - 1).max(1)
        };
        out.push_str(&format!(
            "{}[{}]: {}\n{pad}--> {file}:{line}:{column}\n{pad} |\n{line} | {source}\n{pad} | {}{}\n",
            d.severity.as_str(),
            d.code,
            d.message,
            " ".repeat(column - 1),
            "^".repeat(width),
        ));
        if let Some(help) = &d.help {
            out.push_str(&format!("{pad} = help: {help}\n"));
        }
        out.push('\n');
    }
    out
}

/// The people table of `copydesk people`: each person, the roles the story
/// gives them, how it refers to them (forms with counts), and how many
/// quotations are theirs.
pub fn people_table(analysis: &Analysis) -> String {
    let people = &analysis.people;
    let mut rows: Vec<[String; 4]> = vec![[
        "person".to_owned(),
        "roles".to_owned(),
        "referred to as".to_owned(),
        "quotes".to_owned(),
    ]];
    for (pi, person) in people.persons.iter().enumerate() {
        if person.mentions.is_empty() {
            continue;
        }
        let prose = &analysis.document.prose;
        let mut forms: Vec<(String, usize)> = Vec::new();
        for &m in &person.mentions {
            // A name broken over two lines is one name in the table.
            let text = prose[people.mentions[m].range.clone()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            match forms.iter_mut().find(|(t, _)| *t == text) {
                Some((_, n)) => *n += 1,
                None => forms.push((text, 1)),
            }
        }
        let forms = forms
            .iter()
            .map(|(t, n)| format!("{t} ×{n}"))
            .collect::<Vec<_>>()
            .join(", ");
        let roles = person
            .roles
            .iter()
            .map(|r| r.text.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        let quotes = analysis
            .reported_quotes()
            .filter(|q| q.speaker.as_ref().is_some_and(|s| s.person == Some(pi)))
            .count();
        rows.push([person.name.clone(), roles, forms, quotes.to_string()]);
    }
    let widths: Vec<usize> = (0..4)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                let pad = widths[c] - cell.chars().count();
                if c == 3 {
                    format!("{}{cell}", " ".repeat(pad))
                } else {
                    format!("{cell}{}", " ".repeat(pad))
                }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
        if i == 0 {
            let rule: Vec<String> = widths.iter().map(|&w| "-".repeat(w)).collect();
            out.push_str(&rule.join("  "));
            out.push('\n');
        }
    }
    out
}

/// `2 warnings, 1 error` style summary; empty when there is nothing.
pub fn summary(diagnostics: &[Diagnostic]) -> Option<String> {
    let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let parts: Vec<String> = [
        (count(Severity::Error), "error"),
        (count(Severity::Warning), "warning"),
        (count(Severity::Information), "note"),
        (count(Severity::Hint), "hint"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, w)| plural(n, w))
    .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, Options};
    use crate::config::Config;
    use expect_test::expect;

    #[test]
    fn human_listing_shows_location_line_underline_and_help() {
        let text = "Ferry fares rise\n\nFares rose on Monday. Critics called it “a quiet robbery”.\nThe plan is “not finished yet.\n";
        let analysis = analyze(text, &Options::default());
        let diagnostics = crate::rules::check(&analysis, &Config::default());
        expect![[r#"
            error[unclosed-quote]: This quotation is never closed
             --> draft.txt:4:13
              |
            4 | The plan is “not finished yet.
              |             ^
              = help: add the closing ” where the quoted words end; if the quote runs on, open the next paragraph with a quotation mark

        "#]]
        .assert_eq(&human(
            "draft.txt",
            text,
            &analysis.document.lines,
            &diagnostics,
        ));
    }
}
