//! The speaker label a line of a transcript may start with: `Ben Wallace:`,
//! `Speaker 1:`, `BEN WALLACE:`, `Q:`, `Dr van Dijk:`, and in Markdown notes
//! `**Ben Wallace:**`. One rule for every format, so a label means the same
//! in a caption file, an Otter export and a reporter's notes.
//!
//! A label is a short name (one to four words, at most 48 bytes) whose
//! words start with a capital or a digit (name particles such as `van`
//! and `de` excepted), followed by a colon and a space or the end of the
//! line. Requiring capitals is what keeps an ordinary sentence out (`He
//! said: no` is no label); requiring the space keeps times (`12:34`) and
//! addresses (`https://`) out. A few words that head a line of notes
//! without naming anybody (`Date:`, `Note:`, `Location:`) are not labels.

/// A speaker label at the start of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Label<'a> {
    /// The name as written, trimmed.
    pub name: &'a str,
    /// Where the words after the label start, in bytes from the line's
    /// start (the line's length when nothing follows it).
    pub words_at: usize,
}

/// The longest label, in bytes: a name and a title, not a sentence.
const LONGEST: usize = 48;

/// Lowercase words that may sit inside a name (`Ursula von der Leyen`).
const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "da", "del", "della", "di", "du", "la", "le", "bin", "ibn",
    "al", "el", "dos", "das", "ter", "ten", "y",
];

/// Headings of a line of notes that name no speaker.
const NOT_SPEAKERS: &[&str] = &[
    "note",
    "notes",
    "nb",
    "ps",
    "date",
    "time",
    "location",
    "place",
    "venue",
    "subject",
    "re",
    "source",
    "sources",
    "update",
    "updated",
    "title",
    "tags",
    "link",
    "url",
    "email",
    "phone",
    "tel",
    "topic",
    "summary",
    "duration",
    "recording",
    "transcript",
    "interview",
    "attendees",
    "present",
    "todo",
    "edit",
    "warning",
    "caution",
    "editor's note",
    "editor’s note",
];

/// The speaker label `line` starts with, if any.
pub(super) fn label(line: &str) -> Option<Label<'_>> {
    // Markdown bold round the label: `**Name:**` or `**Name**:`.
    let marker = ["**", "__"]
        .into_iter()
        .find(|m| line.trim_start().starts_with(m))
        .unwrap_or("");
    let body_at = if marker.is_empty() {
        0
    } else {
        line.len() - line.trim_start().len() + marker.len()
    };
    let body = line.get(body_at..)?;
    let colon = body
        .char_indices()
        .take_while(|&(i, _)| i <= LONGEST + marker.len())
        .find(|&(_, c)| c == ':')?
        .0
        + body_at;
    let mut name = &line[body_at..colon];
    let mut after = colon + 1;
    if !marker.is_empty() {
        if let Some(unmarked) = name.strip_suffix(marker) {
            name = unmarked;
        } else if line[after..].starts_with(marker) {
            after += marker.len();
        } else {
            return None;
        }
    }
    let rest = &line[after..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let name = name.trim();
    if !is_name(name) || NOT_SPEAKERS.contains(&name.to_lowercase().as_str()) {
        return None;
    }
    let words_at = after + (rest.len() - rest.trim_start_matches([' ', '\t']).len());
    Some(Label { name, words_at })
}

/// Whether `s` reads as a speaker's name: one to four words, each starting
/// with a capital or a digit (or a name particle after the first), made of
/// letters, digits and `.` `'` `’` `-`, with a letter somewhere.
pub(super) fn is_name(s: &str) -> bool {
    if s.len() > LONGEST {
        return false;
    }
    let mut count = 0;
    let mut has_letter = false;
    for word in s.split_whitespace() {
        count += 1;
        let Some(first) = word.chars().next() else {
            return false;
        };
        let starts_well = first.is_uppercase()
            || first.is_ascii_digit()
            || (count > 1 && PARTICLES.contains(&word));
        let made_well = word
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '\'' | '’' | '-'));
        if count > 4 || !starts_well || !made_well {
            return false;
        }
        has_letter |= word.chars().any(char::is_alphabetic);
    }
    has_letter
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(line: &str) -> Option<(&str, &str)> {
        label(line).map(|l| (l.name, &line[l.words_at..]))
    }

    #[test]
    fn labels_speakers_write() {
        assert_eq!(
            named("Speaker 1: We began."),
            Some(("Speaker 1", "We began."))
        );
        assert_eq!(
            named("MARGIT OKONJO:  Yes."),
            Some(("MARGIT OKONJO", "Yes."))
        );
        assert_eq!(
            named("Interviewer:\tAnd then?"),
            Some(("Interviewer", "And then?"))
        );
        assert_eq!(named("Q: Why?"), Some(("Q", "Why?")));
        assert_eq!(named("A:"), Some(("A", "")));
        assert_eq!(
            named("Dr van Hoorn: Quite."),
            Some(("Dr van Hoorn", "Quite."))
        );
        assert_eq!(named("Ms O’Hara-Bly: No."), Some(("Ms O’Hara-Bly", "No.")));
        assert_eq!(named("**Tove Lind:** Fine."), Some(("Tove Lind", "Fine.")));
        assert_eq!(named("**Tove Lind**: Fine."), Some(("Tove Lind", "Fine.")));
        assert_eq!(named("  Élodie: Oui."), Some(("Élodie", "Oui.")));
    }

    #[test]
    fn sentences_times_and_headings_are_not_labels() {
        for line in [
            "He said: no.",
            "The harbour master told us: later.",
            "At 12:30 we left.",
            "12:30",
            "See https://example.org",
            "Date: 4 May",
            "Note: check the spelling",
            "One Two Three Four Five: too long",
            "42: just a number",
            "Ben:no space",
            "**Ben: unclosed bold",
            ": nobody",
            "",
        ] {
            assert_eq!(label(line), None, "{line:?}");
        }
    }

    #[test]
    fn a_colon_far_into_the_line_is_not_looked_for() {
        let line = format!("{}: x", "A".repeat(200));
        assert_eq!(label(&line), None);
    }
}
