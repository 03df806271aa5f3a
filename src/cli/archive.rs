//! JSON Lines archives: one story a line, `{"id": …, "text": …, "date": …}`
//! (`id` and `date` optional), read a line at a time so an archive of any
//! size streams through. A line that is not such an object is reported
//! with its number and skipped.

use std::fs::File;
use std::io::{BufRead, BufReader};

use serde::Deserialize;
use serde_json::Value;

use copydesk::source_count::stories::Story;
use copydesk::{Config, SourceFormat};

use super::drafts::unreadable;

/// One line of an archive.
#[derive(Deserialize)]
struct ArchiveLine {
    #[serde(default)]
    id: Value,
    text: String,
    #[serde(default)]
    date: Option<String>,
}

/// Whether a file is a JSON Lines archive by its name: `.jsonl`,
/// `.ndjson`.
pub(super) fn is_archive_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".jsonl") || lower.ends_with(".ndjson")
}

/// Reads the archive `name` (standard input for `-`) and hands each story
/// to `each`, read under `config`. A line that is no story is reported on
/// stderr and skipped. Returns how many lines were skipped so, or what to
/// tell the user when the archive cannot be read at all.
pub(super) fn each_story(
    name: &str,
    is_stdin: bool,
    config: &Config,
    mut each: impl FnMut(Story),
) -> Result<usize, String> {
    let reader: Box<dyn BufRead> = if is_stdin {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(BufReader::new(
            File::open(name).map_err(|e| unreadable(name, &e))?,
        ))
    };
    let shown = if is_stdin { "standard input" } else { name };
    let mut bad = 0;
    let mut line = Vec::new();
    let mut reader = reader;
    for number in 1.. {
        line.clear();
        let read = reader
            .read_until(b'\n', &mut line)
            .map_err(|e| format!("{shown}: cannot read line {number}: {e}"))?;
        if read == 0 {
            break;
        }
        match story(&line, number, config) {
            Ok(Some(story)) => each(story),
            Ok(None) => {}
            Err(message) => {
                eprintln!("copydesk: {shown} line {number}: {message}");
                bad += 1;
            }
        }
    }
    Ok(bad)
}

/// The story on line `number` (1-based), none for a blank line, or what is
/// wrong with it.
fn story(line: &[u8], number: usize, config: &Config) -> Result<Option<Story>, String> {
    let text = std::str::from_utf8(line).map_err(|e| {
        format!(
            "not UTF-8 text (invalid byte at offset {} of the line); skipped",
            e.valid_up_to()
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text).trim();
    if text.is_empty() {
        return Ok(None);
    }
    let parsed: ArchiveLine = serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        let at = format!(" at line {} column {}", e.line(), e.column());
        let message = message.strip_suffix(&at).unwrap_or(&message);
        format!(
            "not a story: {message} (column {}); each line must be one JSON object \
             {{\"id\", \"text\", \"date\"}}, id and date optional; skipped",
            e.column()
        )
    })?;
    let id = match parsed.id {
        Value::Null => format!("line {number}"),
        Value::String(id) => id,
        Value::Number(id) => id.to_string(),
        Value::Bool(_) => return Err(bad_id("true or false")),
        Value::Array(_) => return Err(bad_id("a list")),
        Value::Object(_) => return Err(bad_id("an object")),
    };
    let mut story = Story::draft(id, parsed.text, SourceFormat::PlainText, config);
    story.date = parsed.date;
    Ok(Some(story))
}

fn bad_id(found: &str) -> String {
    format!("the id must be a string or a number (found {found}); skipped")
}
