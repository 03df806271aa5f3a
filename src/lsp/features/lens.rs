//! The code lens on the headline: the story's source count
//! ([`crate::ide::source_lens`]) as a command that opens the source
//! balance (`copydesk.sourceBalance` for the story).

use serde_json::json;
use tower_lsp_server::ls_types::*;

use super::super::convert::Encoding;
use super::super::store::Snapshot;
use crate::analysis::balance::GenderPolicy;
use crate::ide::source_lens::source_lens;

/// The command the lens runs, and the server executes
/// (`workspace/executeCommand`).
pub const SOURCE_BALANCE: &str = "copydesk.sourceBalance";

/// The lens of a draft at `uri`: one, on its first line.
pub fn code_lenses(
    s: &Snapshot,
    uri: &Uri,
    encoding: Encoding,
    policy: GenderPolicy,
) -> Option<Vec<CodeLens>> {
    let lens = source_lens(&s.analysis, policy);
    let mut range = s.range(lens.range, encoding);
    // A lens belongs to one line: the headline's first.
    if range.end.line != range.start.line {
        range.end = Position::new(range.start.line, range.start.character);
    }
    Some(vec![CodeLens {
        range,
        command: Some(Command {
            title: lens.title,
            command: SOURCE_BALANCE.to_owned(),
            arguments: Some(vec![json!({"uri": uri.as_str(), "scope": "story"})]),
        }),
        data: None,
    }])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::SourceFormat;
    use crate::Config;

    #[test]
    fn one_lens_on_the_headline_running_the_source_balance_for_the_story() {
        let text = "Ferry 🚢 fares rise\n\nCaptain Ada Morrow said: “Fuel costs more.”\n";
        let s = Snapshot::new(
            1,
            text.to_owned(),
            SourceFormat::PlainText,
            &Config::default(),
        );
        let uri: Uri = "file:///news/ferry.txt".parse().unwrap();
        let lenses = code_lenses(&s, &uri, Encoding::Utf16, GenderPolicy::WithNames).unwrap();
        assert_eq!(lenses.len(), 1);
        let lens = &lenses[0];
        assert_eq!(lens.range.start, Position::new(0, 0));
        // the ship is two UTF-16 units
        assert_eq!(lens.range.end, Position::new(0, 19));
        let command = lens.command.as_ref().unwrap();
        assert_eq!(
            command.title,
            "Sources: 1 — 1 woman, 0 men · women 100% of quoted words"
        );
        assert_eq!(command.command, "copydesk.sourceBalance");
        assert_eq!(
            command.arguments,
            Some(vec![
                json!({"uri": "file:///news/ferry.txt", "scope": "story"})
            ])
        );
    }
}
