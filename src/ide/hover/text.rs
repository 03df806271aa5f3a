//! Text for the cards: quotations shortened, whitespace collapsed, and
//! Markdown escaped.

/// The opening words of a quotation with its marks: `“Nobody from the
/// ministry has set foot on…”`.
pub fn opening_words(text: &str, max_words: usize) -> String {
    let text = collapse(text);
    let words: Vec<&str> = text.split(' ').collect();
    if words.len() <= max_words {
        return text;
    }
    let last = text.chars().last().filter(|c| is_mark(*c));
    let mut cut = words[..max_words].join(" ");
    while cut.ends_with([',', ';', ':', '—', '–', '-']) {
        cut.pop();
    }
    cut.push('…');
    cut.extend(last);
    cut
}

/// Runs of whitespace (line breaks included) as one space, trimmed.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Escapes the characters Markdown would read as markup.
pub fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A Markdown code span around `text`, fenced so a backtick inside is safe.
pub(super) fn code(text: &str) -> String {
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

/// Whether a character is a quotation mark.
pub(super) fn is_mark(c: char) -> bool {
    matches!(c, '“' | '”' | '‘' | '’' | '"' | '\'' | '«' | '»')
}

/// `“No minister wants…,” she said` → `“…,”`: a quotation reduced to its
/// marks and its last punctuation (a full stop is lost in the `…`).
pub(super) fn abbreviate_quote(text: &str) -> String {
    let mut chars = text.trim().chars();
    let open = chars.next().filter(|c| is_mark(*c));
    let mut rest: Vec<char> = chars.collect();
    let close = rest.last().copied().filter(|c| is_mark(*c));
    if close.is_some() {
        rest.pop();
    }
    let punct = rest
        .last()
        .copied()
        .filter(|c| matches!(c, ',' | '?' | '!'));
    let mut out = String::new();
    out.extend(open);
    out.push('…');
    out.extend(punct);
    out.extend(close);
    out
}
