//! The project's configuration file, `copydesk.toml`: where it is found and
//! what it may say.
//!
//! ```toml
//! # House style for later references: auto | honorific | surname
//! style = "honorific"
//!
//! # Per-rule level by diagnostic code: off | hint | info | warning | error
//! [severity]
//! headline-quote = "off"
//! quote-style = "warning"
//!
//! [words]
//! # Extra verbs of speech: the base form alone (`harrumph`: the regular
//! # -s, -ed and -ing forms are added) or every form, base first
//! # ("spake spakes spoke spoken spaking").
//! speech_verbs = ["harrumph", "opine"]
//! # Extra titles placed before a name. kind is office (the default: an
//! # office its holder is named by, `Provost Gray`) or a courtesy title:
//! # courtesy, address, academic, knight, peer, clergy (see
//! # src/analysis/lexicon/honorifics.txt); gender is m, f or - (unknown).
//! # A bare string is an office of unknown gender.
//! titles = [{ title = "Provost", gender = "-" }, { title = "Dato", kind = "knight", gender = "m" }, "Bailie"]
//!
//! # The people register: people the newsroom writes about often.
//! [[people]]
//! name = "Ben Wallace"
//! roles = ["defence secretary"]
//! pronoun = "he"                 # he | she | they
//! ```
//!
//! **Finding it.** From the draft's folder upward, stopping at the first
//! folder that holds `.git` (inclusive) or at the filesystem root; the first
//! `copydesk.toml` found wins. A `copydesk.toml` that is a symbolic link is
//! followed only when its target lies inside the repository (the folder with
//! `.git`) or, outside any repository, in one of the folders searched; any
//! other link is reported and skipped, so a draft folder cannot make
//! copydesk read an arbitrary file.
//!
//! **Reading it.** At most [`MAX_BYTES`] (1 MB) are read; a bigger file is
//! refused whole. A file that is not valid TOML is reported with its line
//! and column and the defaults are used. Otherwise each setting stands on its
//! own: an unknown key is a warning (and ignored), a value of the wrong type
//! or out of range is an error naming its line and column, and that setting
//! keeps its default while the rest of the file applies.
//!
//! The file is walked through toml's spanned document (`DeTable`) rather
//! than a `serde` derive so that every problem can name its own line and one
//! bad value does not throw away the rest of the file.

use std::collections::BTreeMap;
use std::fmt;
use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::{Config, Level, Style};
use crate::analysis::line_index::LineIndex;
use crate::analysis::{Gender, TitleKind};
use crate::analysis::{Lexicon, LexiconExtra, RegisteredPerson};
use crate::diagnostic::Severity;
use crate::rules::all_rules;

/// The name of the configuration file.
pub const FILE_NAME: &str = "copydesk.toml";

/// The largest configuration file copydesk reads, in bytes (1 MB).
pub const MAX_BYTES: u64 = 1024 * 1024;

/// Something wrong with a configuration file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// An error (a setting could not be used) rather than a warning (a key
    /// copydesk does not know, ignored).
    pub error: bool,
    /// 1-based line and column (in characters) of the offending text.
    pub line_col: Option<(usize, usize)>,
    pub message: String,
}

impl Problem {
    /// The problem as one line naming the file as `shown`:
    /// `copydesk.toml:3:9: style must be one of …; using auto`.
    pub fn render(&self, shown: &str) -> String {
        match self.line_col {
            Some((line, col)) => format!("{shown}:{line}:{col}: {}", self.message),
            None => format!("{shown}: {}", self.message),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(FILE_NAME))
    }
}

/// A configuration file as read: the configuration it asks for (defaults
/// where it could not be used) and what was wrong with it.
#[derive(Debug, Clone, Default)]
pub struct FileConfig {
    pub config: Config,
    pub problems: Vec<Problem>,
}

/// The most problems reported one by one for a file; the rest are counted.
/// A generated file with a hundred thousand bad entries must not become a
/// hundred-thousand-line message in the editor.
pub const MAX_REPORTED: usize = 20;

impl FileConfig {
    /// The problems as lines naming the file as `shown`, in the order of the
    /// file: the first [`MAX_REPORTED`], then one line counting the rest.
    pub fn report(&self, shown: &str) -> Vec<String> {
        let mut lines: Vec<String> = self
            .problems
            .iter()
            .take(MAX_REPORTED)
            .map(|p| p.render(shown))
            .collect();
        let rest = self.problems.len().saturating_sub(MAX_REPORTED);
        if rest > 0 {
            lines.push(format!(
                "{shown}: and {} more problem{} after these; mend the ones above first",
                thousands(rest),
                if rest == 1 { "" } else { "s" }
            ));
        }
        lines
    }
}

/// `99980` as `99,980`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// Reads and parses the configuration file at `path`, refusing anything but
/// a regular file of at most [`MAX_BYTES`].
pub fn load(path: &Path) -> FileConfig {
    let refused = |message: String| FileConfig {
        config: Config::default(),
        problems: vec![Problem {
            error: true,
            line_col: None,
            message,
        }],
    };
    // Metadata first: opening a FIFO or a device could block or never end.
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) => return refused(format!("cannot read it ({e}); using the defaults")),
    };
    if !meta.is_file() {
        return refused("not a regular file; using the defaults".to_owned());
    }
    let too_big = |size: u64| {
        format!(
            "the file is {}, more than the {} a configuration file may be; using the defaults",
            human_size(size),
            human_size(MAX_BYTES)
        )
    };
    if meta.len() > MAX_BYTES {
        return refused(too_big(meta.len()));
    }
    let mut bytes = Vec::new();
    let read =
        std::fs::File::open(path).and_then(|f| f.take(MAX_BYTES + 1).read_to_end(&mut bytes));
    if let Err(e) = read {
        return refused(format!("cannot read it ({e}); using the defaults"));
    }
    if bytes.len() as u64 > MAX_BYTES {
        // It grew between the size check and the read.
        return refused(too_big(bytes.len() as u64));
    }
    match String::from_utf8(bytes) {
        Ok(text) => parse(&text),
        Err(e) => refused(format!(
            "not UTF-8 text (invalid byte at offset {}); save it as UTF-8; using the defaults",
            e.utf8_error().valid_up_to()
        )),
    }
}

fn human_size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else if bytes >= 1024 {
        format!("{:.1} kB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} bytes")
    }
}

/// Parses the text of a configuration file.
pub fn parse(text: &str) -> FileConfig {
    let mut reader = Reader {
        text,
        lines: LineIndex::new(text),
        problems: Vec::new(),
    };
    let table = match DeTable::parse(text) {
        Ok(table) => table.into_inner(),
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let what = e.message().trim().trim_end_matches('.').to_owned();
            reader.error(span, format!("not valid TOML: {what}; using the defaults"));
            return FileConfig {
                config: Config::default(),
                problems: reader.problems,
            };
        }
    };
    let config = reader.config(&table);
    // In the order of the file, not of the keys.
    reader.problems.sort_by_key(|p| p.line_col);
    FileConfig {
        config,
        problems: reader.problems,
    }
}

type Value<'i> = Spanned<DeValue<'i>>;

struct Reader<'t> {
    text: &'t str,
    /// Built once: each problem's line and column is a lookup, not a scan
    /// from the top of the file.
    lines: LineIndex,
    problems: Vec<Problem>,
}

fn type_name(value: &DeValue) -> &'static str {
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

const TOP_KEYS: &[&str] = &["style", "severity", "words", "people"];
const WORDS_KEYS: &[&str] = &["speech_verbs", "titles"];
const TITLE_KEYS: &[&str] = &["title", "kind", "gender"];
const PERSON_KEYS: &[&str] = &["name", "roles", "pronoun"];

impl Reader<'_> {
    fn push(&mut self, error: bool, span: Range<usize>, message: String) {
        self.problems.push(Problem {
            error,
            line_col: Some(self.lines.line_col(self.text, span.start)),
            message,
        });
    }

    fn error(&mut self, span: Range<usize>, message: String) {
        self.push(true, span, message);
    }

    /// An unknown key: a warning, with the nearest known key when one is
    /// close (a typo).
    fn unknown(&mut self, key: &Spanned<std::borrow::Cow<str>>, section: &str, known: &[&str]) {
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

    fn config(&mut self, table: &DeTable) -> Config {
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
    fn strings<'v>(&mut self, value: &'v Value, what: &str) -> Vec<(&'v str, Range<usize>)> {
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

    /// A person's `pronoun`: the gender of `he` or `she`; none for `they`
    /// (and for anything else, reported).
    fn pronoun(&mut self, value: &Value) -> Option<Gender> {
        match value.get_ref() {
            DeValue::String(s) if s.eq_ignore_ascii_case("he") => Some(Gender::Male),
            DeValue::String(s) if s.eq_ignore_ascii_case("she") => Some(Gender::Female),
            DeValue::String(s) if s.eq_ignore_ascii_case("they") => None,
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
fn describe(value: &DeValue) -> String {
    match value {
        DeValue::String(s) => format!("“{s}”"),
        other => type_name(other).to_owned(),
    }
}

/// Where the configuration for a draft is, and any `copydesk.toml` passed
/// over on the way (with why).
#[derive(Debug, Clone, Default)]
pub struct Discovery {
    pub path: Option<PathBuf>,
    pub skipped: Vec<(PathBuf, Problem)>,
}

/// Finds the configuration file for a draft in `dir` (the draft's folder;
/// the current folder for standard input). See the module documentation for
/// the rules. Only file metadata and symbolic links are looked at; nothing
/// is read.
pub fn discover(dir: &Path) -> Discovery {
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    // Real folders, so that `..` and links in the draft's own path cannot
    // make the walk or the containment test lie.
    let start = absolute.canonicalize().unwrap_or(absolute);
    let ancestors: Vec<&Path> = start.ancestors().collect();
    let repository = ancestors
        .iter()
        .position(|d| std::fs::symlink_metadata(d.join(".git")).is_ok());
    let searched = match repository {
        Some(i) => &ancestors[..=i],
        None => &ancestors[..],
    };
    let mut found = Discovery::default();
    for dir in searched {
        let candidate = dir.join(FILE_NAME);
        let Ok(meta) = std::fs::symlink_metadata(&candidate) else {
            continue;
        };
        if meta.is_dir() {
            continue;
        }
        if meta.file_type().is_symlink() {
            let skip = |message: String| {
                (
                    candidate.clone(),
                    Problem {
                        error: true,
                        line_col: None,
                        message,
                    },
                )
            };
            match candidate.canonicalize() {
                Err(e) => {
                    found.skipped.push(skip(format!(
                        "a symbolic link to nothing readable ({e}); ignored"
                    )));
                    continue;
                }
                Ok(target) => {
                    let inside = match repository {
                        Some(i) => target.starts_with(ancestors[i]),
                        None => target.parent().is_some_and(|p| searched.contains(&p)),
                    };
                    if !inside {
                        let area = match repository {
                            Some(i) => format!("the repository {}", ancestors[i].display()),
                            None => "the draft's folder and the folders above it".to_owned(),
                        };
                        found.skipped.push(skip(format!(
                            "a symbolic link to {}, outside {area}; not followed, ignored",
                            target.display()
                        )));
                        continue;
                    }
                }
            }
        }
        found.path = Some(candidate);
        return found;
    }
    found
}

#[cfg(test)]
mod tests;
