//! Hover on people and quotations: [`crate::ide::hover`] answers, this
//! converts its byte range to the negotiated encoding.

use tower_lsp_server::ls_types::*;

use super::super::convert::Encoding;
use super::super::store::Snapshot;
use crate::analysis::balance::GenderPolicy;
use crate::ide;

/// The hover at `at`; a person's gender is said as decided under `policy`.
pub fn hover(
    s: &Snapshot,
    at: Position,
    encoding: Encoding,
    policy: GenderPolicy,
) -> Option<Hover> {
    let offset = s.offset(at, encoding);
    let info = ide::hover::hover_with(&s.analysis, offset, policy)?;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: info.markdown,
        }),
        range: Some(s.range(info.range, encoding)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::SourceFormat;
    use crate::Config;

    fn snapshot(text: &str) -> Snapshot {
        Snapshot::new(
            1,
            text.to_owned(),
            SourceFormat::PlainText,
            &Config::default(),
        )
    }

    fn markdown(h: &Hover) -> &str {
        match &h.contents {
            HoverContents::Markup(m) => &m.value,
            _ => panic!("hover is not Markdown"),
        }
    }

    const DRAFT: &str = "Harbour 😀 to close\n\n\
        Rosalind Achterberg 🚢, who leads the dockers’ union, said the plan was “a betrayal” of families.\n\n\
        “We will fight this 💪 on every quay,” Ms Achterberg said.\n";

    #[test]
    fn ranges_are_utf16_past_emoji_and_curly_quotes() {
        let s = snapshot(DRAFT);
        // `Ms Achterberg` on line 4, after an emoji (2 UTF-16 units) and
        // curly marks (1 unit each).
        let line = "“We will fight this 💪 on every quay,” Ms Achterberg said.";
        let col16 = |needle: &str| line[..line.find(needle).unwrap()].encode_utf16().count() as u32;
        let at = Position::new(4, col16("Achterberg said") + 2);
        let h =
            hover(&s, at, Encoding::Utf16, GenderPolicy::default()).expect("a hover on the name");
        assert!(markdown(&h).starts_with("### Rosalind Achterberg"));
        let r = h.range.unwrap();
        assert_eq!(r.start, Position::new(4, col16("Ms Achterberg")));
        assert_eq!(r.end, Position::new(4, col16(" said.")));
        assert!(r.start <= at && at < r.end);

        // The same place in UTF-8 bytes.
        let at8 = Position::new(4, line.find("Achterberg said").unwrap() as u32 + 2);
        let h8 = hover(&s, at8, Encoding::Utf8, GenderPolicy::default()).unwrap();
        assert_eq!(
            h8.range.unwrap().start,
            Position::new(4, line.find("Ms Achterberg").unwrap() as u32)
        );

        // The quote: its range runs from the opening mark to the closing one.
        let at = Position::new(4, col16("fight"));
        let h =
            hover(&s, at, Encoding::Utf16, GenderPolicy::default()).expect("a hover on the quote");
        assert!(
            markdown(&h).contains("Rosalind Achterberg"),
            "{}",
            markdown(&h)
        );
        let r = h.range.unwrap();
        assert_eq!(r.start, Position::new(4, 0));
        assert_eq!(r.end, Position::new(4, col16(" Ms Achterberg")));
        assert!(r.start <= at && at < r.end);
    }

    #[test]
    fn nothing_to_say_off_people_and_quotes() {
        let s = snapshot(DRAFT);
        assert!(hover(
            &s,
            Position::new(0, 0),
            Encoding::Utf16,
            GenderPolicy::default()
        )
        .is_none());
        assert!(hover(
            &s,
            Position::new(99, 99),
            Encoding::Utf16,
            GenderPolicy::default()
        )
        .is_none());
    }
}
