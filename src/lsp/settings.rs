//! The settings a client may send (`initializationOptions`, or the
//! `copydesk` section of `workspace/didChangeConfiguration`), and how they
//! become the checker's [`Config`].

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::config::{Config, Level, Style};
use crate::rules::{all_rules, Severity};

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// Milliseconds to wait after an edit before re-checking.
    pub debounce_ms: u64,
    /// `auto`, `honorific` or `surname`.
    pub style: String,
    /// Per-rule level by code: `off`, `hint`, `info`, `warning`, `error`.
    pub severity: BTreeMap<String, String>,
    /// Show the speaker after quotations attributed by pronoun or
    /// continuation (`— Sergei Lavrov`).
    pub inlay_hints: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            debounce_ms: 150,
            style: "auto".to_owned(),
            severity: BTreeMap::new(),
            inlay_hints: false,
        }
    }
}

impl Settings {
    /// Reads settings from a JSON value: either the settings object itself
    /// or one with a `copydesk` key. Unknown keys are ignored; a value of the
    /// wrong type is reported and the defaults used.
    pub fn from_json(value: &serde_json::Value) -> Result<Settings, String> {
        let value = value.get("copydesk").unwrap_or(value);
        if value.is_null() {
            return Ok(Settings::default());
        }
        serde_json::from_value(value.clone())
            .map_err(|e| format!("copydesk settings: {e}; using the defaults"))
    }

    /// The checker configuration these settings ask for, and a message for
    /// each value that could not be used.
    pub fn config(&self) -> (Config, Vec<String>) {
        let mut problems = Vec::new();
        let style = Style::parse(&self.style).unwrap_or_else(|| {
            problems.push(format!(
                "copydesk.style “{}” is not one of auto, honorific, surname; using auto",
                self.style
            ));
            Style::Auto
        });
        let mut levels = BTreeMap::new();
        for (code, level) in &self.severity {
            if !all_rules().iter().any(|r| r.code() == code) {
                problems.push(format!("copydesk.severity: no rule called “{code}”"));
                continue;
            }
            let level = match level.as_str() {
                "off" | "none" => Level::Off,
                other => match Severity::parse(other) {
                    Some(s) => Level::On(s),
                    None => {
                        problems.push(format!(
                            "copydesk.severity.{code}: “{other}” is not one of off, hint, info, warning, error"
                        ));
                        continue;
                    }
                },
            };
            levels.insert(code.clone(), level);
        }
        (Config { levels, style }, problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_read_with_or_without_the_section_and_report_bad_values() {
        let s = Settings::from_json(&serde_json::json!({"copydesk": {"debounceMs": 0, "style": "surname", "severity": {"quote-style": "off", "misquote": "loud"}}})).unwrap();
        assert_eq!(s.debounce_ms, 0);
        let (config, problems) = s.config();
        assert_eq!(config.style, Style::Surname);
        assert_eq!(config.levels.get("quote-style"), Some(&Level::Off));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(Settings::from_json(&serde_json::json!({"debounceMs": "soon"})).is_err());
        assert_eq!(
            Settings::from_json(&serde_json::Value::Null).unwrap(),
            Settings::default()
        );
    }
}
