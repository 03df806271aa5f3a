//! A Markdown draft's front matter, read for the keys copydesk uses:
//! `transcripts:`, the transcripts this draft is checked against beside any
//! the project's `copydesk.toml` names, and `date:`, when the story is
//! dated (for the source count's months).
//!
//! ```markdown
//! ---
//! title: Harbour closure
//! date: 2026-03-14
//! transcripts: [interviews/wallace.vtt, notes/harbour.txt]
//! ---
//! ```
//!
//! YAML front matter (`---`) is read key by key, in the forms people write
//! them: a flow list (`[a, b]`), a block list (`- a` lines under the key)
//! or a single value, each item plain or quoted. TOML front matter (`+++`)
//! is read with the toml crate. Anything else in the block is left to
//! other tools.

/// The transcript paths a draft's front matter names (as written: relative
/// to the draft), or none.
pub fn transcript_paths(text: &str) -> Vec<String> {
    values(text, "transcripts")
}

/// The story's date as its front matter writes it (`2026-03-14`,
/// `2026-03-14T09:30:00Z`), or none: the first value of `date:`.
pub fn date(text: &str) -> Option<String> {
    values(text, "date").into_iter().next()
}

/// The values of `key` in the draft's front matter: a list's items, or a
/// single value as a list of one; none without front matter or the key.
pub fn values(text: &str, key: &str) -> Vec<String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines();
    match lines.next().map(str::trim_end) {
        Some("---") => yaml_values(
            lines.take_while(|l| !matches!(l.trim_end(), "---" | "...")),
            key,
        ),
        Some("+++") => {
            let block: Vec<&str> = lines.take_while(|l| l.trim_end() != "+++").collect();
            toml_values(&block.join("\n"), key)
        }
        _ => Vec::new(),
    }
}

fn yaml_values<'a>(lines: impl Iterator<Item = &'a str>, key: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_list = false;
    for line in lines {
        if in_list {
            match line.trim_start().strip_prefix("- ") {
                Some(item) if line.starts_with([' ', '-']) => {
                    out.extend(scalar(item));
                    continue;
                }
                _ if line.trim().is_empty() => continue,
                _ => in_list = false,
            }
        }
        let Some(value) = line
            .strip_prefix(key)
            .and_then(|rest| rest.strip_prefix(':'))
        else {
            continue;
        };
        let value = value.trim();
        if value.is_empty() {
            in_list = true;
        } else if let Some(inner) = value.strip_prefix('[') {
            let inner = inner.trim_end().strip_suffix(']').unwrap_or(inner);
            out.extend(split_flow(inner).into_iter().filter_map(scalar));
        } else {
            out.extend(scalar(value));
        }
    }
    out
}

/// The items of a flow list's inside, split at commas outside quotes.
fn split_flow(inner: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let mut quote: Option<char> = None;
    let mut start = 0;
    for (i, c) in inner.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, ',') => {
                items.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&inner[start..]);
    items
}

/// A YAML scalar's text: quotes taken off, a trailing comment dropped.
fn scalar(item: &str) -> Option<String> {
    let item = item.trim();
    let unquoted = match item.chars().next() {
        Some(q @ ('"' | '\'')) => item[1..].split(q).next().unwrap_or_default(),
        _ => item.split(" #").next().unwrap_or_default().trim(),
    };
    (!unquoted.is_empty()).then(|| unquoted.to_owned())
}

fn toml_values(block: &str, key: &str) -> Vec<String> {
    let Ok(table) = block.parse::<toml::Table>() else {
        return Vec::new();
    };
    // `date = 2026-03-14` is a TOML date, written back as it was
    let text = |v: &toml::Value| match v {
        toml::Value::String(s) => Some(s.clone()),
        toml::Value::Datetime(d) => Some(d.to_string()),
        _ => None,
    };
    match table.get(key) {
        Some(toml::Value::Array(items)) => items.iter().filter_map(text).collect(),
        Some(value) => text(value).into_iter().collect(),
        None => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn flow_block_and_single_forms_are_read() {
        let flow = "---\ntitle: Harbour\ntranscripts: [a.vtt, \"b c.srt\", 'd.json']\n---\nBody\n";
        assert_eq!(transcript_paths(flow), ["a.vtt", "b c.srt", "d.json"]);
        let block =
            "---\ntranscripts:\n  - interviews/a.vtt\n  - \"notes/b.txt\" \n\nauthor: x\n---\n";
        assert_eq!(transcript_paths(block), ["interviews/a.vtt", "notes/b.txt"]);
        let single = "---\ntranscripts: a.vtt # the main one\n---\n";
        assert_eq!(transcript_paths(single), ["a.vtt"]);
        let toml = "+++\ntitle = \"x\"\ntranscripts = [\"a.vtt\", \"b.srt\"]\n+++\n";
        assert_eq!(transcript_paths(toml), ["a.vtt", "b.srt"]);
    }

    #[test]
    fn drafts_without_the_key_or_front_matter_name_none() {
        assert!(transcript_paths("Body\ntranscripts: [a.vtt]\n").is_empty());
        assert!(transcript_paths("---\ntitle: x\n---\ntranscripts: [a.vtt]\n").is_empty());
        assert!(transcript_paths("+++\nnot toml [\n+++\n").is_empty());
    }

    #[test]
    fn the_date_is_read_from_yaml_and_toml() {
        let yaml = "---\ntitle: Harbour\ndate: 2026-03-14 # filed late\n---\nBody\n";
        assert_eq!(date(yaml).as_deref(), Some("2026-03-14"));
        let quoted = "---\ndate: \"2026-04-01T09:30:00Z\"\n---\n";
        assert_eq!(date(quoted).as_deref(), Some("2026-04-01T09:30:00Z"));
        let toml = "+++\ntitle = \"x\"\ndate = 2026-03-14\n+++\n";
        assert_eq!(date(toml).as_deref(), Some("2026-03-14"));
        let toml_string = "+++\ndate = \"14 March 2026\"\n+++\n";
        assert_eq!(date(toml_string).as_deref(), Some("14 March 2026"));
        // another key that starts with the same word is not the date
        assert_eq!(date("---\ndateline: Felbury\n---\n"), None);
        assert_eq!(date("Body\ndate: 2026-03-14\n"), None);
    }

    proptest! {
        #[test]
        fn any_text_is_read_without_panicking(text in "(---\n|\\+\\+\\+\n)?[\\PC\n\"'\\[\\],#-]{0,200}") {
            let paths = transcript_paths(&text);
            prop_assert!(paths.iter().all(|p| !p.is_empty()));
        }

        #[test]
        fn written_lists_read_back(paths in proptest::collection::vec("[a-z0-9/_.]{1,12}", 1..5)) {
            let flow = format!("---\ntranscripts: [{}]\n---\n", paths.join(", "));
            prop_assert_eq!(transcript_paths(&flow), paths.clone());
            let block: String = paths.iter().map(|p| format!("  - {p}\n")).collect();
            prop_assert_eq!(transcript_paths(&format!("---\ntranscripts:\n{block}---\n")), paths);
        }
    }
}
