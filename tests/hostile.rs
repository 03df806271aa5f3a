//! Property tests: the analysis and every rule take any text without
//! panicking, and every range they return lies inside the text on character
//! boundaries — plain text and Markdown alike.

use proptest::prelude::*;

use copydesk::analysis::SourceFormat;
use copydesk::Config;
use copydesk::{check_draft, CheckedDraft};

/// Pieces that stress the scanners: every kind of quotation mark, apostrophes,
/// line breaks of all kinds, NUL, combining marks, astral-plane characters,
/// Markdown syntax, titles and speech verbs.
const PIECES: &[&str] = &[
    "“",
    "”",
    "‘",
    "’",
    "\"",
    "'",
    "«",
    "»",
    "„",
    "‹",
    "›",
    "\r\n",
    "\r",
    "\n",
    "\n\n",
    "\0",
    "e\u{301}",
    "😀",
    "中",
    "—",
    "…",
    " ",
    ".",
    ",",
    ":",
    ";",
    "?",
    "(",
    ")",
    "Mr",
    "Mr.",
    "Ms",
    "Dr",
    "said",
    "says",
    "told",
    "according to",
    "he",
    "she",
    "they",
    "the",
    "a",
    "Ben",
    "Wallace",
    "Sergei",
    "Shoigu",
    "Shoygu",
    "Lord",
    "Sir",
    "minister",
    "spokeswoman",
    "so-called",
    "#",
    "```",
    "`",
    "<!--",
    "-->",
    "[",
    "](",
    "---",
    "*",
    "_",
    ">",
    "|",
    "<!-- copydesk-disable -->",
    "<!-- copydesk-disable quote-style",
    "<!-- copydesk-enable misquote -->",
    "<!-- copydesk-disable-next-line",
    "[copydesk: ignore",
    "[copydesk: ignore]",
    "R-Ky.",
    "(D-Ohio)",
    "U.S.",
    "'90s",
    "rock 'n' roll",
];

fn draft() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(prop::sample::select(PIECES), 0..120).prop_map(|v| v.join(" ")),
        prop::collection::vec(prop::sample::select(PIECES), 0..120).prop_map(|v| v.concat()),
        ".{0,400}",
    ]
}

fn check_ranges(text: &str, format: SourceFormat) -> Result<(), TestCaseError> {
    let CheckedDraft {
        analysis,
        diagnostics,
    } = check_draft(text, format, &Config::default());
    let ok = |r: &std::ops::Range<usize>| {
        r.start <= r.end
            && r.end <= text.len()
            && text.is_char_boundary(r.start)
            && text.is_char_boundary(r.end)
    };
    for q in &analysis.quotes {
        prop_assert!(ok(&q.span.range), "quote {:?}", q.span.range);
        for s in &q.span.segments {
            prop_assert!(ok(s));
        }
        if let Some(sp) = &q.speaker {
            prop_assert!(ok(&sp.range));
        }
    }
    for m in &analysis.people.mentions {
        prop_assert!(ok(&m.range) && ok(&m.name_range));
    }
    for p in &analysis.people.persons {
        for r in &p.roles {
            prop_assert!(ok(&r.range));
        }
    }
    for d in &diagnostics {
        prop_assert!(ok(&d.range), "{} {:?}", d.code, d.range);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn any_plain_text_is_analysed_without_panic(text in draft()) {
        check_ranges(&text, SourceFormat::PlainText)?;
    }

    #[test]
    fn any_markdown_is_analysed_without_panic(text in draft()) {
        check_ranges(&text, SourceFormat::Markdown)?;
    }
}

#[test]
fn pathological_inputs_finish() {
    let cases = [
        "\"".repeat(100_000),
        "“".repeat(50_000),
        "x".repeat(1_000_000),
        "Mr ".repeat(50_000),
        format!("H\n\n{}", "“a” ".repeat(20_000)),
        "\r".repeat(10_000),
        "\0".repeat(10_000),
    ];
    for text in &cases {
        for format in [SourceFormat::PlainText, SourceFormat::Markdown] {
            let _ = check_draft(text, format, &Config::default());
        }
    }
}
