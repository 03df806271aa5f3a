//! Fixture tests: every draft in `tests/fixtures/` (`.txt` or `.md`) is
//! analysed and its findings rendered as text; the rendering must equal the
//! `.expected` file beside it. Run with `UPDATE_EXPECT=1` to rewrite the
//! expectations after a deliberate change, then read the diff.
//!
//! The rendering, one line per finding in text order:
//!
//! ```text
//! quote “Foo,” -> Mr Wallace (person)
//! quote “Bar” -> none
//! term “Brexit bus”
//! headline “above zero”
//! warning unattributed-quote 5:12
//! ```

use std::path::Path;

use copydesk::analysis::SourceFormat;
use copydesk::draft::{check_draft, CheckedDraft};
use copydesk::Config;

fn excerpt(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= 60 {
        text
    } else {
        format!("{}…", text.chars().take(60).collect::<String>())
    }
}

fn render(text: &str, format: SourceFormat) -> String {
    let CheckedDraft {
        analysis,
        diagnostics,
    } = check_draft(text, format, &Config::default());
    let mut out = String::new();
    for q in &analysis.quotes {
        let quoted = excerpt(&text[q.span.range.clone()]);
        let line = if q.term {
            format!("term {quoted}")
        } else if q.display && q.speaker.is_none() {
            format!("headline {quoted}")
        } else {
            match &q.speaker {
                Some(s) => format!("quote {quoted} -> {} ({})", s.name, s.kind.as_str()),
                None => format!("quote {quoted} -> none"),
            }
        };
        out.push_str(&line);
        out.push('\n');
    }
    let lines = &analysis.document.lines;
    for d in diagnostics {
        let (line, column) = lines.line_col(text, d.range.start);
        out.push_str(&format!(
            "{} {} {line}:{column}\n",
            d.severity.as_str(),
            d.code
        ));
    }
    out
}

#[test]
fn fixtures_match_their_expectations() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut drafts: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/fixtures exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")))
        .collect();
    drafts.sort();
    assert!(!drafts.is_empty(), "no fixtures found in {}", dir.display());
    let mut failures = Vec::new();
    for draft in &drafts {
        let text = std::fs::read_to_string(draft).expect("fixture is UTF-8");
        let format = SourceFormat::from_path(&draft.to_string_lossy());
        let actual = render(&text, format);
        let expected_path = draft.with_extension("expected");
        if update {
            std::fs::write(&expected_path, &actual).expect("can write expectation");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            failures.push(format!(
                "── {} ──\nexpected:\n{expected}actual:\n{actual}",
                draft.file_name().unwrap().to_string_lossy()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures differ (UPDATE_EXPECT=1 rewrites them):\n\n{}",
        failures.len(),
        drafts.len(),
        failures.join("\n")
    );
}
