//! Noun phrases that can name a speaker, read forwards or backwards from a
//! position in a paragraph's tokens: pronouns (`he`), names (`Mr Wallace`),
//! descriptions (`the defence secretary`, `a spokeswoman for the ministry`)
//! and appositions (`her Russian equal, Sergei Lavrov`).

mod backward;
mod forward;
mod phrase;

pub use backward::phrase_before;
pub use forward::{phrase_at, phrase_at_any_noun};
pub use phrase::{is_article, is_auxiliary, Phrase, PhraseKind};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::gender::Gender;
    use crate::analysis::lexicon::Lexicon;
    use crate::analysis::tokens::Tokens;
    use crate::analysis::tokens::{tokenize, Token};
    use std::ops::Range;

    fn toks(text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        tokenize(text, 0..text.len(), &[], &mut out);
        out
    }

    fn show(text: &str, t: &[Token], r: Range<usize>) -> String {
        text[t[r.start].start..t[r.end - 1].end].to_owned()
    }

    #[test]
    fn phrases_before_a_verb() {
        for (text, expect, kind) in [
            (
                "the defence secretary has said",
                "the defence secretary",
                PhraseKind::Role,
            ),
            (
                "a spokeswoman for the ministry said",
                "a spokeswoman for the ministry",
                PhraseKind::Role,
            ),
            (
                "the Russian government said",
                "the Russian government",
                PhraseKind::Organisation,
            ),
            (
                "At a briefing, Mr Lavrov said",
                "Mr Lavrov",
                PhraseKind::Name,
            ),
            ("what he described", "he", PhraseKind::Pronoun(Gender::Male)),
            (
                "Ben Wallace, the defence secretary, said",
                "Ben Wallace",
                PhraseKind::Name,
            ),
            ("officials said", "officials", PhraseKind::Role),
        ] {
            let t = toks(text);
            let verb = t.len() - 1;
            let lex = Lexicon::builtin();
            let p = phrase_before(Tokens::new(&t, text, &lex), verb, 0)
                .unwrap_or_else(|| panic!("no phrase in {text}"));
            assert_eq!(show(text, &t, p.naming_tokens()), expect, "{text}");
            assert_eq!(p.kind, kind, "{text}");
        }
    }

    #[test]
    fn phrases_after_a_verb() {
        for (text, expect) in [
            (
                "her Russian equal, Sergei Lavrov, on Thursday",
                "Sergei Lavrov",
            ),
            ("the defence secretary.", "the defence secretary"),
            ("Mr Wallace.", "Mr Wallace"),
        ] {
            let t = toks(text);
            let lex = Lexicon::builtin();
            let p = phrase_at(Tokens::new(&t, text, &lex), 0, t.len())
                .unwrap_or_else(|| panic!("no phrase in {text}"));
            assert_eq!(show(text, &t, p.naming_tokens()), expect, "{text}");
        }
    }
}
