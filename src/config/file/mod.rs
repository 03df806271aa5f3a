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
//!
//! # Interview transcripts to check quotations against: globs relative
//! # to this file (WebVTT, SubRip, Whisper JSON, Otter/Trint text, notes).
//! [transcripts]
//! paths = ["interviews/**/*.vtt", "notes/*.txt"]
//!
//! # Speaker labels that are not the person's name.
//! [transcripts.speakers]
//! "Speaker 1" = "Ben Wallace"
//!
//! # The source count: gender from what the text states only, and a hint
//! # (`source-balance`) when women have less than 30% of the quoted words.
//! [sources]
//! gender = "text-only"            # names (the default) | text-only
//! min_women_share = 0.3
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
//!
//! Where the parts are: [`discover`] finds the file, [`load`] and [`parse`]
//! read it (walking its keys in `walk.rs`), and what was wrong with it is a
//! list of [`Problem`]s.

mod discover;
mod problem;
mod projects;
mod read;
mod sources;
mod transcripts;
mod walk;

pub use discover::{discover, Discovery};
pub use problem::{FileConfig, Problem, FILE_NAME, MAX_BYTES, MAX_REPORTED};
pub use projects::{Project, Projects};
pub use read::{load, parse};

#[cfg(test)]
mod tests;
