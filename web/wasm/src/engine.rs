//! The browser's questions answered by the same engine the language server
//! and `copydesk check` use, as JSON values. Plain Rust, so it is tested on
//! the host; `lib.rs` only hands it to JavaScript.
//!
//! Every `start`/`end` pair in a reply is a UTF-8 byte offset, exactly as in
//! `copydesk check --format json`; each also gets `startUtf16`/`endUtf16`,
//! the offsets JavaScript strings (and CodeMirror) count in.

use std::ops::Range;

use copydesk::config::file;
use copydesk::ide::actions::{actions, ActionKind};
use copydesk::ide::hover::hover;
use copydesk::ide::outline::{outline, NodeKind, OutlineNode};
use copydesk::{check_draft, CheckedDraft, SourceFormat};
use serde_json::{json, Map, Value};

use crate::utf16::Utf16Map;

/// The name a draft goes by in the report (`file` in the JSON contract).
pub const FILE_NAME: &str = "draft";

/// A draft checked once, under the options it was given.
pub struct Session {
    text: String,
    checked: CheckedDraft,
    utf16: Utf16Map,
    problems: Vec<String>,
}

impl Session {
    /// Checks `text` under `options`, a JSON object: `format` (`"plain"`, the
    /// default, or `"markdown"`) and the settings of `copydesk.toml` under
    /// the same names (`style`, `severity`, `words`, `people`). Settings that
    /// cannot be used are reported by [`Session::problems`] and left at their
    /// defaults, as `copydesk.toml`'s are; options that are not an object at
    /// all are an error.
    pub fn new(text: String, options: &str) -> Result<Session, String> {
        let (format, settings) = read_options(options)?;
        let (config, problems) = settings_to_config(settings)?;
        let checked = check_draft(&text, format, &config);
        let utf16 = Utf16Map::new(&text);
        Ok(Session {
            text,
            checked,
            utf16,
            problems,
        })
    }

    /// What was wrong with the options' settings, one line each.
    pub fn problems(&self) -> Value {
        json!(self.problems)
    }

    /// The report, as `copydesk check --format json` prints it for this
    /// draft (`file` is `"draft"`), with UTF-16 offsets beside the bytes.
    pub fn report(&self) -> Value {
        let mut value = copydesk::report::json_value(
            FILE_NAME,
            &self.text,
            &self.checked.analysis,
            &self.checked.diagnostics,
        );
        self.add_utf16(&mut value);
        value
    }

    /// What to show for the words at UTF-16 offset `at`: `null`, or the range
    /// it is about and Markdown.
    pub fn hover(&self, at: u32) -> Value {
        let Some(info) = hover(&self.checked.analysis, self.utf16.to_byte(at)) else {
            return Value::Null;
        };
        let mut value = json!({
            "start": info.range.start,
            "end": info.range.end,
            "markdown": info.markdown,
        });
        self.add_utf16(&mut value);
        value
    }

    /// The speakers outline, as the language server's document symbols.
    pub fn outline(&self) -> Value {
        let mut value = Value::Array(outline(&self.checked.analysis).iter().map(node).collect());
        self.add_utf16(&mut value);
        value
    }

    /// The fixes and "ignore" actions for the findings touching the UTF-16
    /// range `start..end` (a cursor when equal).
    pub fn actions(&self, start: u32, end: u32) -> Value {
        let range = self.utf16.to_byte(start)..self.utf16.to_byte(end.max(start));
        let found = actions(
            &self.text,
            &self.checked.analysis,
            &self.checked.diagnostics,
            range,
        );
        let mut value = Value::Array(
            found
                .iter()
                .map(|a| {
                    json!({
                        "title": a.title,
                        "kind": match a.kind {
                            ActionKind::QuickFix => "quickfix",
                            ActionKind::Ignore => "ignore",
                        },
                        "diagnostics": a.diagnostics,
                        "preferred": a.preferred,
                        "edits": a.edits.iter().map(|e| json!({
                            "start": e.range.start, "end": e.range.end, "insert": e.insert,
                        })).collect::<Vec<_>>(),
                    })
                })
                .collect(),
        );
        self.add_utf16(&mut value);
        value
    }

    /// Adds `startUtf16`/`endUtf16` beside every byte `start`/`end` pair.
    fn add_utf16(&self, value: &mut Value) {
        match value {
            Value::Array(items) => items.iter_mut().for_each(|v| self.add_utf16(v)),
            Value::Object(map) => {
                for v in map.values_mut() {
                    self.add_utf16(v);
                }
                let offsets = [("start", "startUtf16"), ("end", "endUtf16")]
                    .map(|(bytes, units)| (map.get(bytes).and_then(Value::as_u64), units));
                if offsets.iter().all(|(b, _)| b.is_some()) {
                    for (b, units) in offsets {
                        let b = b.expect("checked") as usize;
                        map.insert(units.into(), json!(self.utf16.to_utf16(b)));
                    }
                }
            }
            _ => {}
        }
    }
}

fn node(n: &OutlineNode) -> Value {
    json!({
        "name": n.name,
        "detail": n.detail,
        "kind": match n.kind {
            NodeKind::Person => "person",
            NodeKind::Role => "role",
            NodeKind::Organisation => "organisation",
            NodeKind::Group => "group",
            NodeKind::Quote => "quote",
        },
        "start": n.range.start,
        "end": n.range.end,
        "selection": span(&n.selection),
        "children": n.children.iter().map(node).collect::<Vec<_>>(),
    })
}

fn span(range: &Range<usize>) -> Value {
    json!({ "start": range.start, "end": range.end })
}

/// The format and the `copydesk.toml`-shaped settings of an options object.
fn read_options(options: &str) -> Result<(SourceFormat, Map<String, Value>), String> {
    let options = if options.trim().is_empty() {
        "{}"
    } else {
        options
    };
    let value: Value = serde_json::from_str(options)
        .map_err(|e| format!("copydesk: the options are not JSON ({e})"))?;
    let Value::Object(mut settings) = value else {
        return Err(
            "copydesk: the options must be an object, like { format: \"markdown\" }".into(),
        );
    };
    let format = match settings.remove("format") {
        None | Some(Value::Null) => SourceFormat::PlainText,
        Some(Value::String(f)) if f == "plain" => SourceFormat::PlainText,
        Some(Value::String(f)) if f == "markdown" => SourceFormat::Markdown,
        Some(other) => {
            return Err(format!(
                "copydesk: options.format is {other}; it must be \"plain\" or \"markdown\""
            ))
        }
    };
    // Absent and null mean "the default", at any depth; TOML has no null.
    drop_nulls(&mut settings);
    Ok((format, settings))
}

fn drop_nulls(map: &mut Map<String, Value>) {
    map.retain(|_, v| !v.is_null());
    for v in map.values_mut() {
        match v {
            Value::Object(inner) => drop_nulls(inner),
            Value::Array(items) => {
                items.retain(|item| !item.is_null());
                for item in items.iter_mut() {
                    if let Value::Object(inner) = item {
                        drop_nulls(inner);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Reads the settings through the `copydesk.toml` reader, so they are
/// checked and explained exactly as the file's are.
fn settings_to_config(
    settings: Map<String, Value>,
) -> Result<(copydesk::Config, Vec<String>), String> {
    let as_toml = toml::to_string(&Value::Object(settings)).map_err(|e| {
        format!("copydesk: the options cannot be read as copydesk.toml settings ({e})")
    })?;
    let read = file::parse(&as_toml);
    let problems = read
        .problems
        .iter()
        .map(|p| format!("options: {}", p.message))
        .collect();
    Ok((read.config, problems))
}

#[cfg(test)]
mod tests;
