//! Reading a configuration file: refused unread when it is not a small
//! regular UTF-8 file, then parsed as TOML and its settings walked.

use std::io::Read;
use std::path::Path;

use toml::de::DeTable;

use super::super::Config;
use super::problem::{FileConfig, Problem, MAX_BYTES};
use super::walk::Reader;

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
        Ok(text) => {
            let mut read = parse(&text);
            read.config.transcript_base = path.parent().map(Path::to_path_buf);
            read
        }
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
    let mut reader = Reader::new(text);
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
