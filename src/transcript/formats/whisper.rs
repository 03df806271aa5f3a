//! Whisper/OpenAI-style JSON: `{"segments": [{"start": 1.5, "end": 3.0,
//! "text": " Words.", "speaker": "SPEAKER_00"}, …]}` (start and end in
//! seconds; `speaker` as WhisperX and diarising services add it), or a
//! bare list of such segments. Other keys (`words`, `id`, `tokens`, a
//! top-level `text`) are ignored.
//!
//! A segment's `text` range is the raw contents of its JSON string, between
//! the quotes, escapes and all: the word reader decodes them, and a quick
//! fix replaces bytes of the file. serde_json validates the file and gives
//! the values, but not where a string lies in the text (its `raw_value`
//! feature is not enabled here, and a borrowed `&str` only exists for
//! strings without escapes). So a small [`Walker`] goes over the text that
//! serde_json has just accepted, following the same structure (top level →
//! `segments` → each element's own `text` member) and recording where each
//! of those strings lies. Following the structure, not searching for
//! `"text"`, is what keeps a top-level `text` (the whole transcript, in
//! OpenAI's output), a `text` inside `words`, or `"text"` written inside
//! another string from being taken for a segment's words.

use std::ops::Range;

use serde_json::Value;

use super::scan;
use crate::transcript::segment::{Problem, Segment};

const EXPECTED: &str =
    "expected a Whisper-style object with `segments` (a list of `{start, end, text}`)";

pub(super) fn parse(text: &str) -> Result<Vec<Segment>, Problem> {
    let (bom, body) = scan::without_bom(text);
    let value: Value = serde_json::from_str(body).map_err(|e| Problem {
        line: e.line().max(1),
        message: format!("not valid JSON: {e}; {EXPECTED}"),
    })?;
    let list = segment_list(&value)?;
    let spans = Walker::new(body).text_spans().unwrap_or_default();
    let mut segments = Vec::with_capacity(list.len());
    for (item, span) in list.iter().zip(spans) {
        let (Some(fields), Some(span)) = (item.as_object(), span) else {
            continue;
        };
        if !fields.get("text").is_some_and(Value::is_string) {
            continue; // the walker and serde_json disagree: trust neither
        }
        let range = scan::trimmed(text, bom + span.start..bom + span.end);
        if range.is_empty() {
            continue;
        }
        let (start_ms, end_ms) =
            scan::ordered(millis(fields.get("start")), millis(fields.get("end")));
        segments.push(Segment {
            start_ms,
            end_ms,
            speaker: speaker(fields.get("speaker")),
            text: range,
        });
    }
    Ok(segments)
}

/// The list of segments: the top-level array, or the object's `segments`.
fn segment_list(value: &Value) -> Result<&Vec<Value>, Problem> {
    let found = match value {
        Value::Array(list) => return Ok(list),
        Value::Object(fields) => match fields.get("segments") {
            Some(Value::Array(list)) => return Ok(list),
            Some(other) => format!("`segments` holding {}", kind(other)),
            None => {
                let keys: Vec<String> = fields.keys().take(6).map(|k| format!("`{k}`")).collect();
                if keys.is_empty() {
                    "an empty object".to_owned()
                } else {
                    format!("an object with {}", keys.join(", "))
                }
            }
        },
        other => kind(other).to_owned(),
    };
    Err(Problem {
        line: 1,
        message: format!("{EXPECTED}, found {found}"),
    })
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a true/false value",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Seconds (a number, or a string holding one) as milliseconds; `None` when
/// missing, negative or not a number.
fn millis(value: Option<&Value>) -> Option<u64> {
    let seconds = match value? {
        Value::Number(n) => n.as_f64()?,
        Value::String(s) => s.trim().parse::<f64>().ok()?,
        _ => return None,
    };
    if !seconds.is_finite() || seconds < 0.0 {
        return None;
    }
    // `as` saturates: a time past u64::MAX ms is u64::MAX, not a panic
    Some((seconds * 1000.0).round() as u64)
}

/// The `speaker` as written (`SPEAKER_01`, `Ben Wallace`), or a number's
/// digits; `None` when missing or blank.
fn speaker(value: Option<&Value>) -> Option<String> {
    let name = match value? {
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    (!name.is_empty()).then_some(name)
}

/// Goes over JSON text that serde_json has accepted, recording where
/// strings lie. Every step checks its bounds and gives up with `None`
/// rather than trusting that the text is valid; containers are skipped
/// with a depth count, not recursion.
struct Walker<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Walker<'a> {
    fn new(text: &'a str) -> Walker<'a> {
        Walker { text, at: 0 }
    }

    /// The contents of each segment's own `text` string, in the order of
    /// the segment list (`None` for an element without one).
    fn text_spans(&mut self) -> Option<Vec<Option<Range<usize>>>> {
        self.spaces();
        if self.peek()? == b'{' {
            let mut list_at = None;
            self.members(|w, key| {
                if w.key_is(&key, "segments") {
                    list_at = Some(w.at); // a repeated key: the last wins, as in serde_json
                }
                w.skip_value()
            })?;
            self.at = list_at?;
        }
        let mut spans = Vec::new();
        self.elements(|w| {
            let mut words = None;
            if w.peek() == Some(b'{') {
                w.members(|w, key| {
                    if !w.key_is(&key, "text") {
                        return w.skip_value();
                    }
                    words = if w.peek() == Some(b'"') {
                        Some(w.string()?)
                    } else {
                        w.skip_value()?;
                        None // not a string: no words
                    };
                    Some(())
                })?;
            } else {
                w.skip_value()?;
            }
            spans.push(words);
            Some(())
        })?;
        Some(spans)
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn spaces(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// At a `"`: the string's contents between the quotes; moves past it.
    fn string(&mut self) -> Option<Range<usize>> {
        if self.peek()? != b'"' {
            return None;
        }
        let bytes = self.text.as_bytes();
        let start = self.at + 1;
        let mut i = start;
        loop {
            match bytes.get(i)? {
                b'"' => {
                    self.at = i + 1;
                    return Some(start..i);
                }
                b'\\' => i += 2,
                _ => i += 1,
            }
        }
    }

    /// Whether the key at `key` (a string's contents) is `name`, escapes
    /// decoded (`"te\u0078t"` is `text`).
    fn key_is(&self, key: &Range<usize>, name: &str) -> bool {
        let Some(raw) = self.text.get(key.clone()) else {
            return false;
        };
        if !raw.contains('\\') {
            return raw == name;
        }
        self.text
            .get(key.start.saturating_sub(1)..key.end + 1)
            .and_then(|quoted| serde_json::from_str::<String>(quoted).ok())
            .is_some_and(|decoded| decoded == name)
    }

    /// Skips one value of any kind, and the spaces before it.
    fn skip_value(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            self.spaces();
            match self.peek()? {
                b'"' => {
                    self.string()?;
                }
                b'{' | b'[' => {
                    depth += 1;
                    self.at += 1;
                }
                b'}' | b']' => {
                    depth = depth.checked_sub(1)?;
                    self.at += 1;
                }
                b',' | b':' if depth > 0 => self.at += 1,
                b',' | b':' => return None,
                _ => self.scalar(),
            }
            if depth == 0 {
                return Some(());
            }
        }
    }

    /// Moves past a number, `true`, `false` or `null` (at least one byte).
    fn scalar(&mut self) {
        self.at += 1;
        while self.peek().is_some_and(|b| {
            !matches!(
                b,
                b',' | b':' | b'{' | b'}' | b'[' | b']' | b'"' | b' ' | b'\t' | b'\n' | b'\r'
            )
        }) {
            self.at += 1;
        }
    }

    /// At a `{`: `member(walker, key)` for each member, the walker at the
    /// value, which `member` must move past.
    fn members(
        &mut self,
        mut member: impl FnMut(&mut Self, Range<usize>) -> Option<()>,
    ) -> Option<()> {
        self.enter(b'{')?;
        loop {
            self.spaces();
            match self.peek()? {
                b'}' => break,
                b',' => self.at += 1,
                b'"' => {
                    let key = self.string()?;
                    self.spaces();
                    self.enter(b':')?;
                    self.spaces();
                    member(self, key)?;
                }
                _ => return None,
            }
        }
        self.at += 1;
        Some(())
    }

    /// At a `[`: `element(walker)` for each element, the walker at it.
    fn elements(&mut self, mut element: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.enter(b'[')?;
        loop {
            self.spaces();
            match self.peek()? {
                b']' => break,
                b',' => self.at += 1,
                _ => element(self)?,
            }
        }
        self.at += 1;
        Some(())
    }

    /// Moves past `byte`, which must be next.
    fn enter(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.at += 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (start, end, speaker, raw words) of a segment.
    type Read<'a> = (Option<u64>, Option<u64>, Option<String>, &'a str);

    fn read(text: &str) -> Vec<Read<'_>> {
        parse(text)
            .unwrap_or_else(|p| panic!("{p:?}"))
            .into_iter()
            .map(|s| (s.start_ms, s.end_ms, s.speaker, &text[s.text]))
            .collect()
    }

    #[test]
    fn segments_with_speakers_words_and_other_keys() {
        let text = r#"{
  "text": " The whole thing, with \"text\": in it.",
  "segments": [
    {"id": 0, "start": 0.0, "end": 2.48, "text": " The quay \"flooded\" twice.",
     "speaker": "SPEAKER_00", "words": [{"word": "The", "text": "no"}]},
    {"id": 1, "start": 2.5, "end": 4, "text": "Caf\u00e9 \\ owner’s view.", "speaker": " "}
  ],
  "language": "en"
}"#;
        assert_eq!(
            read(text),
            [
                (
                    Some(0),
                    Some(2_480),
                    Some("SPEAKER_00".to_owned()),
                    r#"The quay \"flooded\" twice."#
                ),
                (
                    Some(2_500),
                    Some(4_000),
                    None,
                    r"Caf\u00e9 \\ owner’s view."
                ),
            ]
        );
    }

    #[test]
    fn a_bare_list_and_a_byte_order_mark() {
        let text = "\u{feff}[{\"start\": \"1.5\", \"end\": 1.0, \"text\": \"Yes.\", \"speaker\": 2}, 7, {\"text\": \"No time.\"}]";
        assert_eq!(
            read(text),
            [
                (Some(1_500), Some(1_500), Some("2".to_owned()), "Yes."),
                (None, None, None, "No time."),
            ]
        );
    }

    #[test]
    fn escaped_keys_repeated_keys_and_segments_without_words() {
        let text = r#"{"segments": [], "segments": [
            {"te\u0078t": "Escaped key.", "start": -1},
            {"text": "first", "text": "Second wins."},
            {"text": 5}, {"start": 1}, {"text": "   "}
        ]}"#;
        assert_eq!(
            read(text),
            [
                (None, None, None, "Escaped key."),
                (None, None, None, "Second wins.")
            ]
        );
    }

    #[test]
    fn huge_times_saturate() {
        let text = r#"[{"start": 1e300, "end": 1e301, "text": "Later."}]"#;
        assert_eq!(
            read(text),
            [(Some(u64::MAX), Some(u64::MAX), None, "Later.")]
        );
    }

    #[test]
    fn invalid_json_names_serde_json_line() {
        let problem = parse("{\n  \"segments\": [\n    {\"text\": \"a\",}\n  ]\n}").unwrap_err();
        assert_eq!(problem.line, 3, "{problem:?}");
        assert!(
            problem.message.starts_with("not valid JSON: "),
            "{problem:?}"
        );
        assert!(problem.message.contains("`segments`"), "{problem:?}");
        assert_eq!(parse("").unwrap_err().line, 1);
    }

    #[test]
    fn no_segments_is_an_error_on_line_1() {
        let problem = parse("{\n\"text\": \"all\",\n\"lang\": \"en\"}").unwrap_err();
        assert_eq!(problem.line, 1);
        assert!(
            problem
                .message
                .ends_with("found an object with `text`, `lang`"),
            "{problem:?}"
        );
        assert!(parse(r#"{"segments": {}}"#)
            .unwrap_err()
            .message
            .contains("holding an object"));
        assert!(parse("\"words\"")
            .unwrap_err()
            .message
            .ends_with("found a string"));
        assert!(parse("{}")
            .unwrap_err()
            .message
            .ends_with("found an empty object"));
    }
}
