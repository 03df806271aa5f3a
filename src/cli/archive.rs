//! JSON Lines archives: one story a line, `{"id": …, "text": …, "date": …}`
//! (`id` and `date` optional), read a line at a time so an archive of any
//! size streams through. A line that is not such an object (or is longer
//! than a draft may be, 16 MB) is reported with its number and skipped.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};

use serde::Deserialize;
use serde_json::Value;

use copydesk::drafts::{ReadError, MAX_DRAFT_BYTES};
use copydesk::source_count::stories::Story;
use copydesk::{Config, SourceFormat};

use super::drafts::unreadable;

/// What to name instead of an archive that is not there.
const NAME_AN_ARCHIVE: &str = "name a JSON Lines archive or - for standard input";

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
        Box::new(BufReader::new(File::open(name).map_err(|e| {
            unreadable(name, &ReadError::from(e), Some(NAME_AN_ARCHIVE))
        })?))
    };
    let shown = if is_stdin { "standard input" } else { name };
    let mut bad = 0;
    let mut line = Vec::new();
    let mut reader = reader;
    for number in 1.. {
        line.clear();
        let cannot = |e: std::io::Error| format!("{shown}: cannot read line {number}: {e}");
        let read = (reader.by_ref().take(MAX_DRAFT_BYTES + 1))
            .read_until(b'\n', &mut line)
            .map_err(cannot)?;
        if read == 0 {
            break;
        }
        let story = if line.len() as u64 > MAX_DRAFT_BYTES {
            // the rest of the line, not kept
            reader.skip_until(b'\n').map_err(cannot)?;
            Err(format!(
                "longer than {} MB, the most a story may hold; skipped",
                MAX_DRAFT_BYTES >> 20
            ))
        } else {
            story(&line, number, config)
        };
        match story {
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
    if !text.starts_with('{') {
        return Err(format!(
            "not a story: a line must be a JSON object with \"text\", not {}; skipped",
            json_kind(text)
        ));
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

/// What a line that is no JSON object holds, by its first character.
fn json_kind(text: &str) -> &'static str {
    match text.as_bytes().first() {
        Some(b'[') => "a list",
        Some(b'"') => "a string",
        Some(b'-' | b'0'..=b'9') => "a number",
        Some(b't' | b'f') if text == "true" || text == "false" => "true or false",
        Some(b'n') if text == "null" => "null",
        _ => "JSON",
    }
}

fn bad_id(found: &str) -> String {
    format!("the id must be a string or a number (found {found}); skipped")
}
