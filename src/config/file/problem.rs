//! What the configuration file is called, how much of it is read, and what
//! can be wrong with it.

use std::fmt;

use super::super::Config;

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
