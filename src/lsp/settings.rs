//! The settings a client may send (`initializationOptions`, or the
//! `copydesk` section of `workspace/didChangeConfiguration`), and how they
//! become the checker's [`Config`].
//!
//! Every field is optional so that layers can be told apart: a setting the
//! client did not send leaves the one beneath it alone. The layers, weakest
//! first: defaults, the document's `copydesk.toml`, `initializationOptions`,
//! `didChangeConfiguration` ([`Settings::layered_over`], [`Settings::apply`]).

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::analysis::balance::GenderPolicy;
use crate::config::{Config, Level, Style};
use crate::rules::{all_rules, Severity};

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// Milliseconds to wait after an edit before re-checking (default 150).
    pub debounce_ms: Option<u64>,
    /// `auto`, `honorific` or `surname`; unset keeps the config file's.
    pub style: Option<String>,
    /// Per-rule level by code: `off`, `hint`, `info`, `warning`, `error`;
    /// each entry overrides the config file's for that rule.
    pub severity: BTreeMap<String, String>,
    /// Show the speaker after quotations attributed by pronoun or
    /// continuation (`— Sergei Lavrov`); default off.
    pub inlay_hints: Option<bool>,
    /// Show `✓ 00:12:34` after a quotation found word for word in an
    /// interview transcript; default off.
    pub transcript_hints: Option<bool>,
    /// Show the source count on the headline (`Sources: 5 — 1 woman, 3
    /// men, 1 unknown · women 18% of quoted words`); default on.
    pub source_lens: Option<bool>,
    /// `names` (a given name's usual gender may decide, labelled weak) or
    /// `text-only`; unset, or `project` (as VS Code's setting says it),
    /// keeps the config file's `[sources] gender`.
    pub source_gender: Option<String>,
    /// The share of quoted words (0 to 1) below which `source-balance`
    /// speaks; unset keeps the config file's `[sources] min_women_share`.
    pub min_women_share: Option<f64>,
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

    pub fn debounce_ms(&self) -> u64 {
        self.debounce_ms.unwrap_or(150)
    }

    pub fn inlay_hints(&self) -> bool {
        self.inlay_hints.unwrap_or(false)
    }

    pub fn transcript_hints(&self) -> bool {
        self.transcript_hints.unwrap_or(false)
    }

    pub fn source_lens(&self) -> bool {
        self.source_lens.unwrap_or(true)
    }

    /// These settings on top of `base`: each setting sent here wins, key by
    /// key (each severity entry on its own).
    pub fn layered_over(&self, base: &Settings) -> Settings {
        let mut severity = base.severity.clone();
        severity.extend(self.severity.iter().map(|(k, v)| (k.clone(), v.clone())));
        Settings {
            debounce_ms: self.debounce_ms.or(base.debounce_ms),
            style: self.style.clone().or_else(|| base.style.clone()),
            severity,
            inlay_hints: self.inlay_hints.or(base.inlay_hints),
            transcript_hints: self.transcript_hints.or(base.transcript_hints),
            source_lens: self.source_lens.or(base.source_lens),
            source_gender: (self.source_gender.clone()).or_else(|| base.source_gender.clone()),
            min_women_share: self.min_women_share.or(base.min_women_share),
        }
    }

    /// The checker configuration these settings ask for, and a message for
    /// each value that could not be used.
    pub fn config(&self) -> (Config, Vec<String>) {
        self.apply(Config::default())
    }

    /// `base` (a config file's configuration, or the defaults) with these
    /// settings on top, and a message for each value that could not be used
    /// (which then leaves `base`'s value in place).
    pub fn apply(&self, base: Config) -> (Config, Vec<String>) {
        let mut problems = Vec::new();
        let mut config = base;
        if let Some(style) = &self.style {
            match Style::parse(style) {
                Some(style) => config.style = style,
                None => problems.push(format!(
                    "copydesk.style “{style}” is not one of auto, honorific, surname; using {}",
                    config.style.as_str()
                )),
            }
        }
        let levels = &mut config.levels;
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
        self.apply_sources(&mut config, &mut problems);
        (config, problems)
    }

    /// `sourceGender` and `minWomenShare` over the config file's
    /// `[sources]`; a bad value is reported and leaves the file's.
    fn apply_sources(&self, config: &mut Config, problems: &mut Vec<String>) {
        let sources = &mut config.sources;
        if let Some(word) = self.source_gender.as_deref().filter(|w| *w != "project") {
            match GenderPolicy::parse(word) {
                Some(policy) => sources.gender = policy,
                None => problems.push(format!(
                    "copydesk.sourceGender “{word}” is not one of names, text-only; using {}",
                    sources.gender.as_str()
                )),
            }
        }
        if let Some(share) = self.min_women_share {
            if (0.0..=1.0).contains(&share) {
                sources.min_women_share = Some(share);
            } else {
                problems.push(format!(
                    "copydesk.minWomenShare {share} is not a share from 0 to 1 (0.3 for 30%); ignored"
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_read_with_or_without_the_section_and_report_bad_values() {
        let s = Settings::from_json(&serde_json::json!({"copydesk": {"debounceMs": 0, "style": "surname", "severity": {"quote-style": "off", "misquote": "loud"}}})).unwrap();
        assert_eq!(s.debounce_ms(), 0);
        let (config, problems) = s.config();
        assert_eq!(config.style, Style::Surname);
        assert_eq!(config.levels.get("quote-style"), Some(&Level::Off));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(Settings::from_json(&serde_json::json!({"debounceMs": "soon"})).is_err());
        assert!(!s.transcript_hints());
        let hints = Settings::from_json(&serde_json::json!({"transcriptHints": true})).unwrap();
        assert!(hints.transcript_hints() && !hints.inlay_hints());
        assert!(s.layered_over(&hints).transcript_hints(), "kept from below");
        assert_eq!(
            Settings::from_json(&serde_json::Value::Null).unwrap(),
            Settings::default()
        );
    }

    #[test]
    fn client_settings_override_the_config_file_key_by_key() {
        // copydesk.toml: honorific, headline-quote off, misquote error
        let mut file = Config {
            style: Style::Honorific,
            ..Config::default()
        };
        file.levels.insert("headline-quote".into(), Level::Off);
        file.levels
            .insert("misquote".into(), Level::On(Severity::Error));
        let init = Settings::from_json(&serde_json::json!({
            "style": "surname", "severity": {"misquote": "hint", "quote-style": "off"}
        }))
        .unwrap();
        let changed = Settings::from_json(&serde_json::json!({
            "copydesk": {"severity": {"quote-style": "error"}}
        }))
        .unwrap();
        let client = changed.layered_over(&init);
        let (config, problems) = client.apply(file);
        assert!(problems.is_empty(), "{problems:?}");
        // init's style beats the file's; didChangeConfiguration left it alone
        assert_eq!(config.style, Style::Surname);
        // the file's entry nobody overrode
        assert_eq!(config.levels.get("headline-quote"), Some(&Level::Off));
        // init beats the file
        assert_eq!(
            config.levels.get("misquote"),
            Some(&Level::On(Severity::Hint))
        );
        // didChangeConfiguration beats init
        assert_eq!(
            config.levels.get("quote-style"),
            Some(&Level::On(Severity::Error))
        );
        // a bad client value keeps the file's
        let bad = Settings::from_json(&serde_json::json!({"style": "loud"})).unwrap();
        let (config, problems) = bad.apply(Config {
            style: Style::Honorific,
            ..Config::default()
        });
        assert_eq!(config.style, Style::Honorific);
        assert!(problems[0].contains("using honorific"), "{problems:?}");
    }

    #[test]
    fn source_settings_layer_over_the_config_files_sources() {
        use crate::config::SourcesConfig;
        let file = Config {
            sources: SourcesConfig {
                gender: GenderPolicy::TextOnly,
                min_women_share: Some(0.3),
            },
            ..Config::default()
        };
        // nothing sent, or `project`: the file's, and the lens on
        let (config, problems) = Settings::default().apply(file.clone());
        assert!(problems.is_empty());
        assert_eq!(config.sources, file.sources);
        let project = Settings::from_json(
            &serde_json::json!({"sourceGender": "project", "minWomenShare": null}),
        )
        .unwrap();
        let (config, problems) = project.apply(file.clone());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config.sources, file.sources);
        assert!(Settings::default().source_lens());
        // sent: the client's win
        let sent = Settings::from_json(&serde_json::json!({
            "sourceGender": "names", "minWomenShare": 0.5, "sourceLens": false
        }))
        .unwrap();
        assert!(!sent.source_lens());
        let (config, problems) = sent.apply(file.clone());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config.sources.gender, GenderPolicy::WithNames);
        assert_eq!(config.sources.min_women_share, Some(0.5));
        // a later change keeps what it does not send
        let later = Settings::from_json(&serde_json::json!({"minWomenShare": 0.4})).unwrap();
        let layered = later.layered_over(&sent);
        assert_eq!(layered.source_gender.as_deref(), Some("names"));
        assert_eq!(layered.min_women_share, Some(0.4));
        assert!(!layered.source_lens());
        // bad values are said and leave the file's
        let bad = Settings::from_json(&serde_json::json!({
            "sourceGender": "guess", "minWomenShare": 30
        }))
        .unwrap();
        let (config, problems) = bad.apply(file.clone());
        assert_eq!(config.sources, file.sources);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("“guess” is not one of names, text-only; using text-only"));
        assert!(problems[1].contains("minWomenShare 30 is not a share from 0 to 1"));
        assert!(Settings::from_json(&serde_json::json!({"minWomenShare": "a third"})).is_err());
    }
}
