//! Walking a parsed `copydesk.toml` key by key: each setting read on its
//! own, every problem with its own line and column.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::super::{Config, Level, Style};
use super::problem::Problem;
use crate::analysis::line_index::LineIndex;
use crate::analysis::{Gender, Lexicon, LexiconExtra, RegisteredPerson, TitleKind};
use crate::diagnostic::Severity;
use crate::rules::all_rules;

pub(super) type Value<'i> = Spanned<DeValue<'i>>;

pub(super) struct Reader<'t> {
    text: &'t str,
    /// Built once: each problem's line and column is a lookup, not a scan
    /// from the top of the file.
    lines: LineIndex,
    pub(super) problems: Vec<Problem>,
}

pub(super) fn type_name(value: &DeValue) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "a number",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "true/false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

const TOP_KEYS: &[&str] = &[
    "style",
    "severity",
    "words",
    "people",
    "transcripts",
    "sources",
];
const WORDS_KEYS: &[&str] = &["speech_verbs", "titles"];
const TITLE_KEYS: &[&str] = &["title", "kind", "gender"];
const PERSON_KEYS: &[&str] = &["name", "roles", "pronoun"];

impl<'t> Reader<'t> {
    pub(super) fn new(text: &'t str) -> Reader<'t> {
        Reader {
            text,
            lines: LineIndex::new(text),
            problems: Vec::new(),
        }
    }

    fn push(&mut self, error: bool, span: Range<usize>, message: String) {
        self.problems.push(Problem {
            error,
            line_col: Some(self.lines.line_col(self.text, span.start)),
            message,
        });
    }

    pub(super) fn error(&mut self, span: Range<usize>, message: String) {
        self.push(true, span, message);
    }

    /// An unknown key: a warning, with the nearest known key when one is
    /// close (a typo).
    pub(super) fn unknown(
        &mut self,
        key: &Spanned<std::borrow::Cow<str>>,
        section: &str,
        known: &[&str],
    ) {
        let name = key.get_ref().as_ref();
        let nearest = known
            .iter()
            .map(|k| (strsim::damerau_levenshtein(name, k), *k))
            .filter(|(d, _)| *d <= 2)
            .min();
        let hint = match nearest {
            Some((_, k)) => format!("; did you mean “{k}”?"),
            None => format!("; the keys here are {}", known.join(", ")),
        };
        let place = if section.is_empty() {
            String::new()
        } else {
            format!(" in {section}")
        };
        self.push(
            false,
            key.span(),
            format!("unknown key “{name}”{place}, ignored{hint}"),
        );
    }

    pub(super) fn config(&mut self, table: &DeTable) -> Config {
        let mut config = Config::default();
        let mut extra = LexiconExtra::default();
        for (key, value) in table.iter() {
            match key.get_ref().as_ref() {
                "style" => {
                    if let Some(style) = self.style(value) {
                        config.style = style;
                    }
                }
                "severity" => self.severity(value, &mut config.levels),
                "words" => self.words(value, &mut extra),
                "people" => self.people(value, &mut extra),
                "transcripts" => self.transcripts(value, &mut config),
                "sources" => self.sources(value, &mut config),
                _ => self.unknown(key, "", TOP_KEYS),
            }
        }
        if !extra.is_empty() {
            config.lexicon = Lexicon::with_extra(Arc::new(extra));
        }
        config
    }

    fn style(&mut self, value: &Value) -> Option<Style> {
        let found = match value.get_ref() {
            DeValue::String(s) => match Style::parse(s) {
                Some(style) => return Some(style),
                None => format!("“{s}”"),
            },
            other => type_name(other).to_owned(),
        };
        self.error(
            value.span(),
            format!("style must be one of auto, honorific, surname (found {found}); using auto"),
        );
        None
    }

    fn severity(&mut self, value: &Value, levels: &mut BTreeMap<String, Level>) {
        let DeValue::Table(table) = value.get_ref() else {
            self.error(
                value.span(),
                format!(
                    "severity must be a table of rule = level (found {}); ignored",
                    type_name(value.get_ref())
                ),
            );
            return;
        };
        for (key, level) in table.iter() {
            let code = key.get_ref().as_ref();
            let Some(rule) = all_rules().iter().find(|r| r.code() == code) else {
                let known: Vec<&str> = all_rules().iter().map(|r| r.code()).collect();
                self.unknown(key, "[severity]", &known);
                continue;
            };
            let default = rule.default_severity().as_str();
            let parsed = match level.get_ref() {
                DeValue::String(s) => match s.as_ref() {
                    "off" | "none" => Some(Level::Off),
                    other => Severity::parse(other).map(Level::On),
                },
                _ => None,
            };
            match parsed {
                Some(parsed) => {
                    levels.insert(code.to_owned(), parsed);
                }
                None => {
                    let found = match level.get_ref() {
                        DeValue::String(s) => format!("“{s}”"),
                        other => type_name(other).to_owned(),
                    };
                    self.error(
                        level.span(),
                        format!(
                            "severity.{code} must be one of off, hint, info, warning, error (found {found}); using {default}"
                        ),
                    );
                }
            }
        }
    }

    /// The strings of a list, reporting anything else in it.
    pub(super) fn strings<'v>(
        &mut self,
        value: &'v Value,
        what: &str,
    ) -> Vec<(&'v str, Range<usize>)> {
        let DeValue::Array(items) = value.get_ref() else {
            self.error(
                value.span(),
                format!(
                    "{what} must be a list of strings (found {}); ignored",
                    type_name(value.get_ref())
                ),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => out.push((s.as_ref(), item.span())),
                other => self.error(
                    item.span(),
                    format!(
                        "{what} must hold strings (found {}); this one is ignored",
                        type_name(other)
                    ),
                ),
            }
        }
        out
    }

    fn words(&mut self, value: &Value, extra: &mut LexiconExtra) {
        let DeValue::Table(table) = value.get_ref() else {
            self.error(
                value.span(),
                format!(
                    "words must be a table with speech_verbs and titles (found {}); ignored",
                    type_name(value.get_ref())
                ),
            );
            return;
        };
        for (key, value) in table.iter() {
            match key.get_ref().as_ref() {
                "speech_verbs" => {
                    for (verb, span) in self.strings(value, "words.speech_verbs") {
                        if verb
                            .split_whitespace()
                            .all(|w| w.chars().all(char::is_alphabetic))
                            && !verb.trim().is_empty()
                        {
                            extra.add_speech_verb(verb);
                        } else {
                            self.error(
                                span,
                                format!("words.speech_verbs: “{verb}” is not a verb (letters only, forms separated by spaces); ignored"),
                            );
                        }
                    }
                }
                "titles" => self.titles(value, extra),
                _ => self.unknown(key, "[words]", WORDS_KEYS),
            }
        }
    }

    fn titles(&mut self, value: &Value, extra: &mut LexiconExtra) {
        let DeValue::Array(items) = value.get_ref() else {
            self.error(
                value.span(),
                format!(
                    "words.titles must be a list like [{{ title = \"Cllr\", kind = \"office\", gender = \"-\" }}] (found {}); ignored",
                    type_name(value.get_ref())
                ),
            );
            return;
        };
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(title) if !title.trim().is_empty() => {
                    extra.add_title(title, TitleKind::Office, Gender::Unknown)
                }
                DeValue::Table(entry) => match self.title_entry(entry) {
                    Some((title, kind, gender)) => extra.add_title(title, kind, gender),
                    None => self.error(
                        item.span(),
                        "this title has no `title = \"…\"`; ignored".to_owned(),
                    ),
                },
                other => self.error(
                    item.span(),
                    format!(
                        "words.titles must hold titles like {{ title = \"Cllr\", kind = \"office\", gender = \"-\" }} (found {}); ignored",
                        describe(other)
                    ),
                ),
            }
        }
    }

    /// One `{ title = "…", kind = "…", gender = "…" }`: an office of
    /// unknown gender unless it says otherwise; none without a title.
    fn title_entry<'v>(&mut self, entry: &'v DeTable) -> Option<(&'v str, TitleKind, Gender)> {
        let mut title = None;
        let mut kind = TitleKind::Office;
        let mut gender = Gender::Unknown;
        for (key, value) in entry.iter() {
            match (key.get_ref().as_ref(), value.get_ref()) {
                ("title", DeValue::String(s)) if !s.trim().is_empty() => title = Some(s.as_ref()),
                ("gender", DeValue::String(s)) if matches!(s.as_ref(), "m" | "f" | "-") => {
                    gender = Gender::from_code(s);
                }
                ("kind", DeValue::String(s)) if TitleKind::parse(s).is_some() => {
                    kind = TitleKind::parse(s).unwrap_or(TitleKind::Office);
                }
                ("gender", other) => self.error(
                    value.span(),
                    format!(
                        "a title's gender must be “m”, “f” or “-” (found {}); using “-”",
                        describe(other)
                    ),
                ),
                ("kind", other) => self.error(
                    value.span(),
                    format!(
                        "a title's kind must be one of {} (found {}); using office",
                        TitleKind::NAMES,
                        describe(other)
                    ),
                ),
                ("title", other) => self.error(
                    value.span(),
                    format!(
                        "a title must be a non-empty string (found {})",
                        describe(other)
                    ),
                ),
                _ => self.unknown(key, "a title", TITLE_KEYS),
            }
        }
        Some((title?, kind, gender))
    }

    fn people(&mut self, value: &Value, extra: &mut LexiconExtra) {
        let DeValue::Array(items) = value.get_ref() else {
            self.error(
                value.span(),
                format!(
                    "people must be a list of [[people]] tables (found {}); ignored",
                    type_name(value.get_ref())
                ),
            );
            return;
        };
        for item in items.iter() {
            let DeValue::Table(entry) = item.get_ref() else {
                self.error(
                    item.span(),
                    format!(
                        "each [[people]] entry must be a table with name, roles and pronoun (found {}); ignored",
                        type_name(item.get_ref())
                    ),
                );
                continue;
            };
            match self.person(entry) {
                Some(person) => extra.add_person(person),
                None => self.error(
                    item.span(),
                    "this [[people]] entry has no name; ignored".to_owned(),
                ),
            }
        }
    }

    /// One `[[people]]` entry; none without a name.
    fn person(&mut self, entry: &DeTable) -> Option<RegisteredPerson> {
        let mut name = None;
        let mut roles = Vec::new();
        let mut gender = None;
        for (key, value) in entry.iter() {
            match key.get_ref().as_ref() {
                "name" => match value.get_ref() {
                    DeValue::String(s) if !s.trim().is_empty() => {
                        name = Some(s.split_whitespace().collect::<Vec<_>>().join(" "))
                    }
                    other => self.error(
                        value.span(),
                        format!(
                            "a person's name must be a non-empty string (found {})",
                            describe(other)
                        ),
                    ),
                },
                "roles" => {
                    roles = self
                        .strings(value, "roles")
                        .into_iter()
                        .map(|(r, _)| r.trim().to_owned())
                        .filter(|r| !r.is_empty())
                        .collect();
                }
                "pronoun" => gender = self.pronoun(value),
                _ => self.unknown(key, "[[people]]", PERSON_KEYS),
            }
        }
        Some(RegisteredPerson {
            name: name?,
            roles,
            gender,
        })
    }

    /// A person's `pronoun`: the gender of `he`, `she` or `they` (none for
    /// anything else, reported).
    fn pronoun(&mut self, value: &Value) -> Option<Gender> {
        match value.get_ref() {
            DeValue::String(s) if s.eq_ignore_ascii_case("he") => Some(Gender::Male),
            DeValue::String(s) if s.eq_ignore_ascii_case("she") => Some(Gender::Female),
            DeValue::String(s) if s.eq_ignore_ascii_case("they") => Some(Gender::Nonbinary),
            other => {
                self.error(
                    value.span(),
                    format!(
                        "pronoun must be one of he, she, they (found {}); ignored",
                        describe(other)
                    ),
                );
                None
            }
        }
    }
}

/// A value for a message: a string quoted, anything else by its type.
pub(super) fn describe(value: &DeValue) -> String {
    match value {
        DeValue::String(s) => format!("“{s}”"),
        other => type_name(other).to_owned(),
    }
}
