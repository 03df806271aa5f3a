//! The CSV form, for spreadsheets: one row per source of every story, with
//! a header, quoted as RFC 4180 says (a field holding a comma, a quotation
//! mark or a line break is put in double quotes, its quotation marks
//! doubled; rows end with CRLF).

use std::borrow::Cow;

use super::StoryCount;

const HEADER: [&str; 9] = [
    "story",
    "date",
    "name",
    "kind",
    "gender",
    "decided_by",
    "quotes",
    "words",
    "share",
];

/// Every story's sources, one row each, after the header.
pub fn rows(stories: &[StoryCount]) -> String {
    let mut out = String::new();
    push_row(&mut out, HEADER);
    for story in stories {
        for source in &story.sources {
            push_row(
                &mut out,
                [
                    story.id.as_str(),
                    story.date.as_deref().unwrap_or(""),
                    &source.name,
                    &source.kind,
                    &source.gender,
                    source.decided_by.as_deref().unwrap_or(""),
                    &source.quotes.to_string(),
                    &source.words.to_string(),
                    &source.share.to_string(),
                ],
            );
        }
    }
    out
}

fn push_row<'a>(out: &mut String, fields: impl IntoIterator<Item = &'a str>) {
    for (i, value) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&field(value));
    }
    out.push_str("\r\n");
}

/// One field as RFC 4180 writes it: as it is, or quoted when it holds a
/// comma, a double quotation mark, a line break (or starts or ends with
/// a space, which some readers would trim).
pub fn field(value: &str) -> Cow<'_, str> {
    let needs_quotes =
        value.contains([',', '"', '\n', '\r']) || value.starts_with(' ') || value.ends_with(' ');
    if needs_quotes {
        Cow::Owned(format!("\"{}\"", value.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(value)
    }
}
