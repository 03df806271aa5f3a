//! The `[transcripts]` section: where a project's interview transcripts
//! are, and which person each speaker label is.

use toml::de::DeValue;

use super::super::Config;
use super::walk::{type_name, Reader, Value};

const TRANSCRIPT_KEYS: &[&str] = &["paths", "speakers"];

impl Reader<'_> {
    pub(super) fn transcripts(&mut self, value: &Value, config: &mut Config) {
        let DeValue::Table(table) = value.get_ref() else {
            self.error(
                value.span(),
                format!(
                    "transcripts must be a table with paths and speakers (found {}); ignored",
                    type_name(value.get_ref())
                ),
            );
            return;
        };
        for (key, value) in table.iter() {
            match key.get_ref().as_ref() {
                "paths" => {
                    for (glob, span) in self.strings(value, "transcripts.paths") {
                        if glob.trim().is_empty() {
                            self.error(
                                span,
                                "transcripts.paths: an empty path; ignored".to_owned(),
                            );
                        } else {
                            config.transcript_paths.push(glob.to_owned());
                        }
                    }
                }
                "speakers" => self.speakers(value, config),
                _ => self.unknown(key, "[transcripts]", TRANSCRIPT_KEYS),
            }
        }
    }

    /// `"Speaker 1" = "Ben Wallace"`: a label, and the name of the person it
    /// is.
    fn speakers(&mut self, value: &Value, config: &mut Config) {
        let DeValue::Table(table) = value.get_ref() else {
            self.error(
                value.span(),
                format!(
                    "transcripts.speakers must be a table of label = \"person's name\" (found {}); ignored",
                    type_name(value.get_ref())
                ),
            );
            return;
        };
        for (label, name) in table.iter() {
            let label = label.get_ref().as_ref();
            match name.get_ref() {
                DeValue::String(name) if !name.trim().is_empty() => config
                    .transcripts
                    .speakers
                    .push((label.to_owned(), name.trim().to_owned())),
                other => self.error(
                    name.span(),
                    format!(
                        "transcripts.speakers.“{label}” must be the person's name as a string (found {}); ignored",
                        match other {
                            DeValue::String(_) => "an empty string",
                            other => type_name(other),
                        }
                    ),
                ),
            }
        }
    }
}
