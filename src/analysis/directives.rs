//! Ignore comments: a writer's note to copydesk that some findings are not
//! wanted here.
//!
//! In Markdown, HTML comments (renderers hide them) switch rules off and on
//! by position:
//!
//! ```text
//! <!-- copydesk-disable quote-style, first-reference -->   off from here on
//! <!-- copydesk-enable quote-style -->                     on again from here
//! <!-- copydesk-disable-next-line unattributed-quote -->   off on the next line
//! ```
//!
//! A comment naming no rule means every rule (`<!-- copydesk-disable -->`,
//! `<!-- copydesk-enable -->`); rules are separated by commas or spaces;
//! names are case-insensitive, and a name that is not a rule is kept but
//! does nothing. `disable` lasts until an `enable` that names the rule (or
//! names none) or the end of the draft, so a `disable` at the top — before
//! any prose, after any front matter — covers the whole document. `enable
//! RULE` after a bare `disable` switches just that rule back on.
//! `disable-next-line` covers the next line that is not blank (lines holding
//! nothing but ignore comments count as blank, so these can be stacked).
//! Comments inside code spans, code blocks and front matter are examples,
//! not directives.
//!
//! Plain text has no comment syntax, so it has no regions: a line of its own
//! reading `[copydesk: ignore quote-style, first-reference]` switches those
//! rules off in the whole document, wherever the line is (`[copydesk:
//! ignore]` with no rule: every rule). The bracketed form is also honoured
//! in Markdown, with the same whole-document meaning.
//!
//! A directive is never prose: [`super::document`] blanks it before the
//! other passes read the text, so no headline, quotation or name is found
//! inside it. [`regions`] turns the directives into the byte ranges where
//! each rule is off, and [`crate::rules::check`] drops a finding that
//! starts inside a range switching off its code.

use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use regex::Regex;

use super::source_format::SourceFormat;

/// What a directive does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `<!-- copydesk-disable … -->`: off from here on.
    Disable,
    /// `<!-- copydesk-enable … -->`: on again from here.
    Enable,
    /// `<!-- copydesk-disable-next-line … -->`: off on the next non-blank line.
    DisableNextLine,
    /// `[copydesk: ignore …]`: off in the whole document.
    Ignore,
}

/// One directive as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub kind: Kind,
    /// The whole directive, from `<!--` or `[` to `-->` or `]`.
    pub range: Range<usize>,
    /// The rules it names, lowercased, in order; empty means every rule.
    pub rules: Vec<String>,
    /// Where another rule can be added: just after the last rule (or after
    /// the keyword when none is named).
    pub append_at: usize,
}

/// A stretch of the text where a rule (or every rule) is off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// The rule switched off; `None` for every rule.
    pub rule: Option<String>,
    /// For an every-rule region, the rules switched back on inside it by an
    /// `enable RULE`.
    pub except: Vec<String>,
    /// Bytes of the analysed text.
    pub range: Range<usize>,
}

impl Region {
    /// Whether this region switches off `code`.
    pub fn disables(&self, code: &str) -> bool {
        match &self.rule {
            Some(rule) => rule == code,
            None => !self.except.iter().any(|e| e == code),
        }
    }
}

static COMMENT_DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    // One line only; the rule list ends at the first `-->`.
    Regex::new(
        r"(?i)<!--[ \t]*copydesk-(?P<kind>disable-next-line|disable|enable)(?P<list>(?:[ \t][^\n]*?)?)[ \t]*-->",
    )
    .expect("comment directive pattern is valid")
});

static BRACKET_DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    // A line of its own: only spaces or tabs around the brackets.
    Regex::new(
        r"(?im)^[ \t]*(?P<whole>\[[ \t]*copydesk[ \t]*:[ \t]*ignore(?P<list>(?:[ \t,][^\n\]]*)?)\])[ \t]*\r?$",
    )
    .expect("bracket directive pattern is valid")
});

/// The rule names in `list` (which starts at byte `at` of the text),
/// lowercased, and where another could be appended (`fallback` when there
/// are none).
fn rules(list: &str, at: usize, fallback: usize) -> (Vec<String>, usize) {
    let mut out = Vec::new();
    let mut append_at = fallback;
    let mut start = None;
    for (i, c) in list.char_indices().chain([(list.len(), ',')]) {
        let separator = c == ',' || c.is_whitespace();
        match (start, separator) {
            (None, false) => start = Some(i),
            (Some(s), true) => {
                out.push(list[s..i].to_lowercase());
                append_at = at + i;
                start = None;
            }
            _ => {}
        }
    }
    (out, append_at)
}

/// Every directive in `text` read as `format`, in text order: in Markdown
/// the comment forms (outside code and front matter) and bracketed lines; in
/// plain text bracketed lines only.
pub fn find(text: &str, format: SourceFormat) -> Vec<Directive> {
    let mut found: Vec<Directive> = BRACKET_DIRECTIVE
        .captures_iter(text)
        .filter_map(|caps| {
            let whole = caps.name("whole")?;
            let list = caps.name("list")?;
            let (rules, append_at) = rules(list.as_str(), list.start(), list.start());
            Some(Directive {
                kind: Kind::Ignore,
                range: whole.range(),
                rules,
                append_at,
            })
        })
        .collect();
    if format == SourceFormat::Markdown {
        found.extend(COMMENT_DIRECTIVE.captures_iter(text).filter_map(|caps| {
            let whole = caps.get(0)?;
            let keyword = caps.name("kind")?;
            let list = caps.name("list")?;
            let kind = match keyword.as_str().to_ascii_lowercase().as_str() {
                "disable" => Kind::Disable,
                "enable" => Kind::Enable,
                _ => Kind::DisableNextLine,
            };
            let (rules, append_at) = rules(list.as_str(), list.start(), keyword.end());
            Some(Directive {
                kind,
                range: whole.range(),
                rules,
                append_at,
            })
        }));
        if !found.is_empty() {
            let code = code_ranges(text);
            found.retain(|d| !code.iter().any(|c| c.contains(&d.range.start)));
        }
        found.sort_by_key(|d| d.range.start);
    }
    found
}

/// The bytes of a Markdown text that are code or front matter, where
/// directive-like text is an example rather than a directive.
fn code_ranges(text: &str) -> Vec<Range<usize>> {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);
    options.insert(Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS);
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_FOOTNOTES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Code(_) => out.push(range),
            Event::Start(Tag::CodeBlock(_) | Tag::MetadataBlock(_)) => {
                open.get_or_insert(range.start);
            }
            Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_)) => {
                if let Some(start) = open.take() {
                    out.push(start..range.end);
                }
            }
            _ => {}
        }
    }
    out
}

/// `text` with every directive blanked to spaces (line breaks kept, so byte
/// offsets and line numbers stay true); none when there is no directive.
pub fn blank(text: &str, directives: &[Directive]) -> Option<String> {
    if directives.is_empty() {
        return None;
    }
    let mut bytes = text.as_bytes().to_vec();
    for d in directives {
        for b in &mut bytes[d.range.clone()] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    }
    // Whole characters were replaced by ASCII spaces, so this is still UTF-8.
    String::from_utf8(bytes).ok()
}

/// Where the directives (found in `text`) switch rules off, in the order the
/// regions close.
pub fn regions(text: &str, directives: &[Directive]) -> Vec<Region> {
    let mut out = Vec::new();
    // The open every-rule region: where it starts, and its exceptions.
    let mut all: Option<(usize, Vec<String>)> = None;
    // The open one-rule regions.
    let mut open: Vec<(String, usize)> = Vec::new();
    for d in directives {
        let at = d.range.end;
        match d.kind {
            Kind::Ignore => out.extend(whole_regions(&d.rules, 0..text.len())),
            Kind::DisableNextLine => {
                if let Some(line) = next_line(text, d.range.end, directives) {
                    out.extend(whole_regions(&d.rules, line));
                }
            }
            Kind::Disable if d.rules.is_empty() => {
                // Already off for every rule: nothing changes.
                if !all.as_ref().is_some_and(|(_, except)| except.is_empty()) {
                    close_all(&mut all, at, &mut out);
                    all = Some((at, Vec::new()));
                }
            }
            Kind::Disable => {
                for rule in &d.rules {
                    if !open.iter().any(|(r, _)| r == rule) {
                        open.push((rule.clone(), at));
                    }
                }
            }
            Kind::Enable if d.rules.is_empty() => {
                close_all(&mut all, at, &mut out);
                for (rule, start) in open.drain(..) {
                    out.push(Region {
                        rule: Some(rule),
                        except: Vec::new(),
                        range: start..at,
                    });
                }
            }
            Kind::Enable => {
                for rule in &d.rules {
                    if let Some(i) = open.iter().position(|(r, _)| r == rule) {
                        let (rule, start) = open.remove(i);
                        out.push(Region {
                            rule: Some(rule),
                            except: Vec::new(),
                            range: start..at,
                        });
                    }
                }
                if let Some((_, except)) = &all {
                    let mut except = except.clone();
                    for rule in &d.rules {
                        if !except.contains(rule) {
                            except.push(rule.clone());
                        }
                    }
                    close_all(&mut all, at, &mut out);
                    all = Some((at, except));
                }
            }
        }
    }
    close_all(&mut all, text.len(), &mut out);
    for (rule, start) in open {
        out.push(Region {
            rule: Some(rule),
            except: Vec::new(),
            range: start..text.len(),
        });
    }
    out
}

/// Ends the open every-rule region, if any, at `at`.
fn close_all(all: &mut Option<(usize, Vec<String>)>, at: usize, out: &mut Vec<Region>) {
    if let Some((start, except)) = all.take() {
        if start < at {
            out.push(Region {
                rule: None,
                except,
                range: start..at,
            });
        }
    }
}

/// One region per rule named (or one every-rule region) over `range`.
fn whole_regions(rules: &[String], range: Range<usize>) -> Vec<Region> {
    if rules.is_empty() {
        return vec![Region {
            rule: None,
            except: Vec::new(),
            range,
        }];
    }
    rules
        .iter()
        .map(|rule| Region {
            rule: Some(rule.clone()),
            except: Vec::new(),
            range: range.clone(),
        })
        .collect()
}

/// The first line after the one holding byte `after` with something on it
/// besides whitespace and directives, without its line break.
pub fn next_line(text: &str, after: usize, directives: &[Directive]) -> Option<Range<usize>> {
    let mut start = after + text[after..].find('\n')? + 1;
    while start < text.len() {
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let content = text[start..end].trim_end_matches('\r');
        let blank = content.bytes().enumerate().all(|(i, b)| {
            b.is_ascii_whitespace() || directives.iter().any(|d| d.range.contains(&(start + i)))
        });
        if !blank {
            return Some(start..start + content.len());
        }
        start = end + 1;
    }
    None
}

/// Whether `regions` switch `code` off at byte `at` of a text `len` bytes
/// long (a region that runs to the end of the text includes the end).
pub fn is_disabled(regions: &[Region], code: &str, at: usize, len: usize) -> bool {
    regions.iter().any(|r| {
        r.disables(code)
            && r.range.start <= at
            && (at < r.range.end || (at == len && r.range.end == len))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, Options};
    use crate::config::Config;
    use crate::rules::check;

    const MD: SourceFormat = SourceFormat::Markdown;
    const PLAIN: SourceFormat = SourceFormat::PlainText;

    /// The line (1-based) and code of every finding.
    fn findings(text: &str, format: SourceFormat) -> Vec<(usize, &'static str)> {
        let analysis = analyze(text, &Options::new(format));
        check(&analysis, &Config::default())
            .into_iter()
            .map(|d| (text[..d.range.start].matches('\n').count() + 1, d.code))
            .collect()
    }

    /// Each region as (rule, the text it covers).
    fn covered(text: &str, format: SourceFormat) -> Vec<(Option<String>, &str)> {
        regions(text, &find(text, format))
            .into_iter()
            .map(|r| (r.rule, &text[r.range]))
            .collect()
    }

    #[test]
    fn comments_are_found_with_their_kind_and_rules() {
        let text = "<!-- copydesk-disable quote-style, First-Reference -->\nBody.\n<!--copydesk-enable-->\n<!-- copydesk-disable-next-line misquote  headline-quote -->\n";
        let found = find(text, MD);
        let kinds: Vec<Kind> = found.iter().map(|d| d.kind).collect();
        assert_eq!(
            kinds,
            vec![Kind::Disable, Kind::Enable, Kind::DisableNextLine]
        );
        assert_eq!(found[0].rules, vec!["quote-style", "first-reference"]);
        assert_eq!(found[0].range, 0..text.find('\n').unwrap());
        assert_eq!(
            &text[..found[0].append_at],
            "<!-- copydesk-disable quote-style, First-Reference"
        );
        assert!(found[1].rules.is_empty());
        assert_eq!(&text[found[1].range.clone()], "<!--copydesk-enable-->");
        assert_eq!(
            &text[..found[1].append_at],
            &text[..text.find("-->\n<!-- c").unwrap()]
        );
        assert_eq!(found[2].rules, vec!["misquote", "headline-quote"]);
        // Not directives: a different word, and in plain text no comments.
        assert!(find("<!-- copydesk-disabled x -->\n<!-- copydesk -->", MD).is_empty());
        assert!(find(text, PLAIN).is_empty());
    }

    #[test]
    fn comments_in_code_and_front_matter_are_examples() {
        let text = "---\nnote: <!-- copydesk-disable -->\n---\n\n# Ferry\n\nWrite `<!-- copydesk-disable -->` to stop.\n\n```\n<!-- copydesk-disable -->\n```\n\n<!-- copydesk-disable misquote -->\n";
        let found = find(text, MD);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].rules, vec!["misquote"]);
    }

    #[test]
    fn disable_runs_to_the_end_or_to_an_enable() {
        let text = "# A\n\n<!-- copydesk-disable quote-style, misquote -->\nB\n<!-- copydesk-enable quote-style -->\nC\n";
        let after_disable = text.find("-->").unwrap() + 3;
        let enable = text.find("<!-- copydesk-enable").unwrap();
        let after_enable = enable + "<!-- copydesk-enable quote-style -->".len();
        assert_eq!(
            covered(text, MD),
            vec![
                (
                    Some("quote-style".into()),
                    &text[after_disable..after_enable]
                ),
                (Some("misquote".into()), &text[after_disable..]),
            ]
        );
        // A bare enable ends every region.
        let text = "<!-- copydesk-disable quote-style -->\nB\n<!-- copydesk-enable -->\nC\n";
        let regions = covered(text, MD);
        assert_eq!(regions.len(), 1);
        assert!(regions[0].1.contains('B') && !regions[0].1.contains('C'));
    }

    #[test]
    fn a_bare_disable_covers_every_rule_and_enable_can_except_one() {
        let text = "<!-- copydesk-disable -->\nB\n<!-- copydesk-enable quote-style -->\nC\n<!-- copydesk-enable -->\nD\n";
        let found = regions(text, &find(text, MD));
        assert_eq!(found.len(), 2, "{found:?}");
        let at = |s: &str| text.find(s).unwrap();
        let len = text.len();
        assert!(is_disabled(&found, "quote-style", at("B"), len));
        assert!(is_disabled(&found, "misquote", at("B"), len));
        assert!(!is_disabled(&found, "quote-style", at("C"), len));
        assert!(is_disabled(&found, "misquote", at("C"), len));
        assert!(!is_disabled(&found, "misquote", at("D"), len));
        // A second bare disable changes nothing.
        let twice = "<!-- copydesk-disable -->\nB\n<!-- copydesk-disable -->\nC\n";
        let found = regions(twice, &find(twice, MD));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].range, twice.find('\n').unwrap()..twice.len());
        // Unknown names are kept and harmless.
        let text = "<!-- copydesk-disable no-such-rule -->\nB\n";
        let found = regions(text, &find(text, MD));
        assert_eq!(found[0].rule.as_deref(), Some("no-such-rule"));
        assert!(!is_disabled(
            &found,
            "misquote",
            text.find('B').unwrap(),
            text.len()
        ));
    }

    #[test]
    fn next_line_covers_the_next_non_blank_line_only() {
        let text = "A\n<!-- copydesk-disable-next-line misquote, quote-style -->\r\n\r\n<!-- copydesk-disable-next-line unclosed-quote -->\nB “b”\r\nC\n";
        assert_eq!(
            covered(text, MD),
            vec![
                (Some("misquote".into()), "B “b”"),
                (Some("quote-style".into()), "B “b”"),
                (Some("unclosed-quote".into()), "B “b”"),
            ]
        );
        // At the end of the text there is no next line.
        assert!(covered("A\n<!-- copydesk-disable-next-line -->\n", MD).is_empty());
    }

    #[test]
    fn plain_text_ignore_lines_cover_the_whole_document() {
        let text = "Ferry cut\n\nBody.\n  [copydesk: ignore quote-style, Misquote] \r\n[copydesk:ignore]\nNot [copydesk: ignore misquote] mid-line.\n[copydesk: ignored x]\n";
        let found = find(text, PLAIN);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(
            &text[found[0].range.clone()],
            "[copydesk: ignore quote-style, Misquote]"
        );
        assert_eq!(found[0].rules, vec!["quote-style", "misquote"]);
        assert_eq!(&text[found[0].append_at..found[0].range.end], "]");
        assert!(found[1].rules.is_empty());
        assert_eq!(&text[found[1].append_at..found[1].range.end], "]");
        assert_eq!(
            covered(text, PLAIN),
            vec![
                (Some("quote-style".into()), text),
                (Some("misquote".into()), text),
                (None, text),
            ]
        );
        // Markdown honours the bracketed line too.
        assert_eq!(find("# A\n\n[copydesk: ignore misquote]\n", MD).len(), 1);
    }

    #[test]
    fn blanking_keeps_length_and_line_breaks() {
        let text = "A “quote”.\r\n[copydesk: ignore misquote]\r\nEnd é\n";
        let blanked = blank(text, &find(text, PLAIN)).unwrap();
        assert_eq!(
            blanked,
            format!("A “quote”.\r\n{}\r\nEnd é\n", " ".repeat(27))
        );
        assert!(blank("no directive here", &[]).is_none());
    }

    const STRAIGHT: &str = "Ferry cut\n\n“It is a blow,” said Ann Moss.\n\n“We will fight,” she said.\n\n\"No comment,\" said Tom Reed.\n";

    #[test]
    fn an_ignore_line_suppresses_its_codes_and_only_those() {
        assert_eq!(findings(STRAIGHT, PLAIN), vec![(7, "quote-style")]);
        let ignored = format!("{STRAIGHT}\n[copydesk: ignore quote-style]\n");
        assert!(findings(&ignored, PLAIN).is_empty());
        let ignored = format!("[copydesk: ignore]\n{STRAIGHT}");
        assert!(findings(&ignored, PLAIN).is_empty());
        let other = format!("{STRAIGHT}\n[copydesk: ignore misquote]\n");
        assert_eq!(findings(&other, PLAIN), vec![(7, "quote-style")]);
        // Comments mean nothing in plain text.
        let comment = format!("{STRAIGHT}\n<!-- copydesk-disable -->\n");
        assert_eq!(findings(&comment, PLAIN), vec![(7, "quote-style")]);
    }

    #[test]
    fn markdown_suppression_is_by_position() {
        let body = "# Ferry cut\n\n“It is a blow,” said Ann Moss.\n\n“We will fight,” she said.\n\n\"No comment,\" said Tom Reed.\n\n\"Not now,\" said Tom Reed.\n";
        assert_eq!(
            findings(body, MD),
            vec![(7, "quote-style"), (9, "quote-style")]
        );
        let top = format!("<!-- copydesk-disable quote-style -->\n\n{body}");
        assert!(findings(&top, MD).is_empty());
        let analysis = analyze(&top, &Options::new(MD));
        assert_eq!(analysis.disabled.len(), 1);
        assert_eq!(analysis.disabled[0].rule.as_deref(), Some("quote-style"));
        let next = body.replace(
            "\"No comment",
            "<!-- copydesk-disable-next-line quote-style -->\n\"No comment",
        );
        assert_eq!(findings(&next, MD), vec![(10, "quote-style")]);
        let region = body
            .replace("\"No comment", "<!-- copydesk-disable -->\n\"No comment")
            .replace("\"Not", "<!-- copydesk-enable -->\n\"Not");
        assert_eq!(findings(&region, MD), vec![(11, "quote-style")]);
    }

    #[test]
    fn directive_text_is_never_a_headline_quote_or_name() {
        // A plain-text directive on the first line is not the headline, and
        // nothing in it (a would-be quote, a capitalised name) is read.
        let text = "[copydesk: ignore misquote, \"Ben Wallace said\"]\nFerry cut\n\nThe ferry will stop, said Ann Moss.\n";
        let a = analyze(text, &Options::default());
        assert!(a.quotes.is_empty(), "{:?}", a.quotes);
        let names: Vec<&str> = a.people.persons.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, vec!["Ann Moss"]);
        assert_eq!(&text[a.document.paragraphs[0].range.clone()], "Ferry cut");
        assert!(a.document.masked.contains(&(0..text.find('\n').unwrap())));
        assert_eq!(a.document.directives.len(), 1);

        let md = "<!-- copydesk-disable quote-style -->\n# Ferry cut\n\nAnn Moss said: “It is a blow.” <!-- copydesk-disable-next-line misquote, “Tom Reed” -->\nThe end.\n";
        let a = analyze(md, &Options::new(MD));
        assert_eq!(a.quotes.len(), 1);
        let names: Vec<&str> = a.people.persons.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, vec!["Ann Moss"]);
        assert_eq!(&md[a.document.paragraphs[0].range.clone()], "Ferry cut");
        assert!(!a.document.prose.contains("copydesk"));
        let rules: Vec<Option<&str>> = a.disabled.iter().map(|r| r.rule.as_deref()).collect();
        assert_eq!(
            rules,
            vec![
                Some("misquote"),
                Some("“tom"),
                Some("reed”"),
                Some("quote-style")
            ]
        );
    }
}
