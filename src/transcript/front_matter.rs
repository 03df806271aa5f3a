//! `transcripts:` in a Markdown draft's front matter: the transcripts this
//! draft is checked against, beside any the project's `copydesk.toml`
//! names.
//!
//! ```markdown
//! ---
//! title: Harbour closure
//! transcripts: [interviews/wallace.vtt, notes/harbour.txt]
//! ---
//! ```
//!
//! YAML front matter (`---`) is read for this one key only, in the forms
//! people write it: a flow list (`[a, b]`), a block list (`- a` lines under
//! the key) or a single path, each item plain or quoted. TOML front matter
//! (`+++`) is read with the toml crate. Anything else in the block is left
//! to other tools.

/// The transcript paths a draft's front matter names (as written: relative
/// to the draft), or none.
pub fn transcript_paths(text: &str) -> Vec<String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines();
    match lines.next().map(str::trim_end) {
        Some("---") => yaml_paths(lines.take_while(|l| !matches!(l.trim_end(), "---" | "..."))),
        Some("+++") => {
            let block: Vec<&str> = lines.take_while(|l| l.trim_end() != "+++").collect();
            toml_paths(&block.join("\n"))
        }
        _ => Vec::new(),
    }
}

fn yaml_paths<'a>(lines: impl Iterator<Item = &'a str>) -> Vec<String> {
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
        let Some(value) = line.strip_prefix("transcripts:") else {
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

fn toml_paths(block: &str) -> Vec<String> {
    let Ok(table) = block.parse::<toml::Table>() else {
        return Vec::new();
    };
    match table.get("transcripts") {
        Some(toml::Value::String(s)) => vec![s.clone()],
        Some(toml::Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
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
