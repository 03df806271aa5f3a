//! Ignore directives: a writer's note to copydesk that a kind of finding is
//! not wanted in this document.
//!
//! Two spellings, one per format, each naming one or more diagnostic codes
//! separated by commas:
//!
//! ```text
//! <!-- copydesk-ignore: quote-style, first-reference -->     (Markdown)
//! [copydesk-ignore: quote-style, first-reference]            (plain text)
//! ```
//!
//! The Markdown one is an HTML comment, so renderers hide it; the plain-text
//! one is a bracketed line, the usual way of leaving a note in copy. Both are
//! recognised anywhere in either format (a note pasted from one draft to the
//! other still works), repeated directives add up, and the editor's "Ignore
//! … in this document" action writes the one that fits the format: in
//! Markdown on its own line at the top (after any front matter), in plain
//! text on its own line at the very end.
//!
//! A directive is never prose: [`super::document`] blanks it before the
//! other passes read the text, so no headline, quotation or name is found
//! inside it, and [`crate::rules::check`] drops the codes it names.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

/// One ignore directive as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// The whole directive, from `<!--` or `[` to `-->` or `]`.
    pub range: Range<usize>,
    /// The codes it names, in order.
    pub codes: Vec<String>,
    /// Where another code can be added: just after the last code (or after
    /// the colon when the list is empty).
    pub append_at: usize,
}

fn pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        // The code list may not run past the end of its line, nor contain the
        // closing bracket or comment end.
        Regex::new(
            r"(?i)<!--[ \t]*copydesk-ignore[ \t]*:(?P<html>[^\n>]*?)-->|\[[ \t]*copydesk-ignore[ \t]*:(?P<plain>[^\n\]]*)\]",
        )
        .expect("directive pattern is valid")
    })
}

/// Every ignore directive in `text`, in text order.
pub fn find(text: &str) -> Vec<Directive> {
    pattern()
        .captures_iter(text)
        .filter_map(|caps| {
            let whole = caps.get(0)?;
            let list = caps.name("html").or_else(|| caps.name("plain"))?;
            let mut codes = Vec::new();
            let mut append_at = list.start();
            let mut at = list.start();
            for piece in list.as_str().split(',') {
                let code = piece.trim();
                if !code.is_empty() {
                    let lead = piece.len() - piece.trim_start().len();
                    codes.push(code.to_ascii_lowercase());
                    append_at = at + lead + code.len();
                }
                at += piece.len() + 1;
            }
            Some(Directive {
                range: whole.range(),
                codes,
                append_at,
            })
        })
        .collect()
}

/// The codes the directives in `text` ignore, without repeats.
pub fn ignored_codes(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for code in find(text).into_iter().flat_map(|d| d.codes) {
        if !out.contains(&code) {
            out.push(code);
        }
    }
    out
}

/// `text` with every directive blanked to spaces (line breaks kept, so byte
/// offsets and line numbers stay true), and the ranges that were blanked.
pub fn blank(text: &str) -> Option<(String, Vec<Range<usize>>)> {
    let found = find(text);
    if found.is_empty() {
        return None;
    }
    let mut bytes = text.as_bytes().to_vec();
    for d in &found {
        for b in &mut bytes[d.range.clone()] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    }
    // Whole characters were replaced by ASCII spaces, so this is still UTF-8.
    let blanked = String::from_utf8(bytes).ok()?;
    Some((blanked, found.into_iter().map(|d| d.range).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, Options, SourceFormat};
    use crate::config::Config;
    use crate::rules::check;

    #[test]
    fn both_spellings_are_found_with_their_codes() {
        let text = "<!-- copydesk-ignore: quote-style, First-Reference -->\nBody.\n[copydesk-ignore:misquote]\n";
        let found = find(text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].codes, vec!["quote-style", "first-reference"]);
        assert_eq!(found[0].range, 0..text.find('\n').unwrap());
        assert_eq!(
            &text[..found[0].append_at],
            "<!-- copydesk-ignore: quote-style, First-Reference"
        );
        assert_eq!(found[1].codes, vec!["misquote"]);
        assert_eq!(&text[found[1].range.clone()], "[copydesk-ignore:misquote]");
        assert_eq!(&text[found[1].append_at..], "]\n");
    }

    #[test]
    fn repeated_directives_accumulate_without_repeats() {
        let text = "[copydesk-ignore: misquote]\n[copydesk-ignore: quote-style, misquote]\n";
        assert_eq!(ignored_codes(text), vec!["misquote", "quote-style"]);
        assert!(ignored_codes("[copydesk: ignore misquote]\n").is_empty());
    }

    #[test]
    fn blanking_keeps_length_and_line_breaks() {
        let text = "A “quote”.\r\n[copydesk-ignore: misquote]\r\nEnd é\n";
        let (blanked, ranges) = blank(text).unwrap();
        assert_eq!(blanked.len(), text.len());
        assert_eq!(ranges.len(), 1);
        assert_eq!(
            blanked,
            format!("A “quote”.\r\n{}\r\nEnd é\n", " ".repeat(27))
        );
        assert!(blank("no directive here").is_none());
    }

    const STRAIGHT: &str = "Ferry cut\n\n“It is a blow,” said Ann Moss.\n\n“We will fight,” she said.\n\n\"No comment,\" said Tom Reed.\n";

    fn codes(text: &str, format: SourceFormat) -> Vec<&'static str> {
        let analysis = analyze(text, &Options { format });
        check(&analysis, &Config::default())
            .into_iter()
            .map(|d| d.code)
            .collect()
    }

    #[test]
    fn a_directive_suppresses_its_codes_and_only_those() {
        assert_eq!(
            codes(STRAIGHT, SourceFormat::PlainText),
            vec!["quote-style"]
        );
        let ignored = format!("{STRAIGHT}\n[copydesk-ignore: quote-style]\n");
        assert!(codes(&ignored, SourceFormat::PlainText).is_empty());
        let other = format!("{STRAIGHT}\n[copydesk-ignore: misquote]\n");
        assert_eq!(codes(&other, SourceFormat::PlainText), vec!["quote-style"]);
        let md = format!("<!-- copydesk-ignore: quote-style -->\n\n# {STRAIGHT}");
        assert_eq!(
            analyze(
                &md,
                &Options {
                    format: SourceFormat::Markdown
                }
            )
            .ignored,
            vec!["quote-style"]
        );
        assert!(codes(&md, SourceFormat::Markdown).is_empty());
    }

    #[test]
    fn directive_text_is_never_a_headline_quote_or_name() {
        // A plain-text directive on the first line is not the headline, and
        // nothing in it (a would-be quote, a capitalised name) is read.
        let text = "[copydesk-ignore: misquote, \"Ben Wallace said\"]\nFerry cut\n\nThe ferry will stop, said Ann Moss.\n";
        let a = analyze(text, &Options::default());
        assert!(a.quotes.is_empty(), "{:?}", a.quotes);
        let names: Vec<&str> = a.people.persons.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, vec!["Ann Moss"]);
        let headline = &a.document.paragraphs[0];
        assert_eq!(&text[headline.range.clone()], "Ferry cut");
        assert!(a.document.masked.contains(&(0..text.find('\n').unwrap())));

        let md = "<!-- copydesk-ignore: quote-style -->\n# Ferry cut\n\nAnn Moss said: “It is a blow.” <!-- copydesk-ignore: misquote, 'Tom Reed' -->\n";
        let a = analyze(
            md,
            &Options {
                format: SourceFormat::Markdown,
            },
        );
        assert_eq!(a.quotes.len(), 1);
        assert_eq!(a.ignored, vec!["quote-style", "misquote", "'tom reed'"]);
        let names: Vec<&str> = a.people.persons.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, vec!["Ann Moss"]);
        assert_eq!(&md[a.document.paragraphs[0].range.clone()], "Ferry cut");
    }
}
