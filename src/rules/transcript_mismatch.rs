use std::ops::Range;

use super::rule::{excerpt, Rule, Severity};
use crate::analysis::sources::{Passage, QuoteSource};
use crate::analysis::Analysis;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::transcript::align::{is_amount, Difference, Fit};

/// A quotation whose passage is in a transcript, but with words changed,
/// added or left out: *Transcript (wallace.vtt, 00:12:34, Ben Wallace) says
/// “shut”, the draft says “close”.* One finding per place the words part,
/// each with a fix that puts the transcript's words back.
///
/// The tidying a sub-editor allows is not a difference (case, punctuation,
/// curly or straight marks, hyphens, fillers, false starts), nor are words
/// left out at an ellipsis or stood for by `[words in brackets]`; see
/// [`crate::transcript::align`].
pub struct TranscriptMismatch;

/// Draft words beyond this many are not offered a fix that deletes them:
/// a whole paragraph missing from the transcript wants reading, not a
/// click.
const MAX_FIX_WORDS: usize = 8;

impl Rule for TranscriptMismatch {
    fn code(&self) -> &'static str {
        "transcript-mismatch"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn description(&self) -> &'static str {
        "a quote whose words differ from the transcript passage it matches"
    }

    fn check(&self, analysis: &Analysis, _config: &Config) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for source in analysis.sources.quotes.iter().flatten() {
            let QuoteSource {
                fit: Fit::Close,
                passage: Some(passage),
                differences,
                ..
            } = source
            else {
                continue;
            };
            for difference in differences {
                out.push(self.finding(analysis, passage, difference));
            }
        }
        out
    }
}

impl TranscriptMismatch {
    fn finding(
        &self,
        analysis: &Analysis,
        passage: &Passage,
        difference: &Difference,
    ) -> Diagnostic {
        let text = &analysis.document.prose;
        if difference.joined {
            return self.joined(analysis, passage, difference);
        }
        let draft = excerpt(text.get(difference.draft.clone()).unwrap_or_default(), 60);
        let said_whole = matching_case(
            &passage.transcript.spoken(difference.transcript.clone()),
            starts_sentence(text, difference.draft.start),
        );
        let said = excerpt(&said_whole, 60);
        let place = passage.place_at(&analysis.people, difference.transcript.start);
        let (message, fix) = match (draft.is_empty(), said.is_empty()) {
            (false, false) => (
                format!("Transcript ({place}) says “{said}”, the draft says “{draft}”"),
                // a figure (`£48m`) is not mended by putting the spoken
                // words in its place, nor is a reworded run: that wants
                // reading
                (!is_amount(&draft) && !is_amount(&said_whole) && !rewritten(&draft, &said_whole))
                    .then(|| {
                        let edit = Edit {
                            range: difference.draft.clone(),
                            insert: said_whole.clone(),
                        };
                        fix(format!("Use the transcript's words: “{said}”"), edit)
                    }),
            ),
            (true, false) => (
                format!("Transcript ({place}) says “{said}” here; the draft leaves it out"),
                Some(fix(
                    format!("Put back the transcript's “{said}”"),
                    insertion(text, difference.draft.start, &said_whole),
                )),
            ),
            _ => (
                format!("Transcript ({place}) does not have “{draft}”"),
                (draft.split_whitespace().count() <= MAX_FIX_WORDS).then(|| {
                    fix(
                        format!("Remove “{draft}”"),
                        removal(text, difference.draft.clone()),
                    )
                }),
            ),
        };
        Diagnostic::new(self, visible(text, difference.draft.clone()), message)
            .with_help(
                "use the transcript's words, or mark your own: […] for words you add, … where words are left out",
            )
            .with_fixes(fix)
    }
}

/// The transcript's words with a capital first letter where the draft's
/// words open the quotation or a sentence of it, as the draft would write
/// them; elsewhere as the transcript has them (`The Council` is not a
/// reason to write `The Committee`).
fn matching_case(said: &str, sentence_start: bool) -> String {
    let mut chars = said.chars();
    match chars.next() {
        Some(first) if sentence_start && first.is_lowercase() => {
            first.to_uppercase().chain(chars).collect()
        }
        _ => said.to_owned(),
    }
}

/// Whether both sides are three words or more: a passage reworded rather
/// than a word changed.
fn rewritten(draft: &str, said: &str) -> bool {
    draft.split_whitespace().count() >= 3 && said.split_whitespace().count() >= 3
}

/// Whether the draft word at `at` opens a quotation or a sentence: only
/// spaces and opening marks between it and a quotation mark or a full stop.
fn starts_sentence(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches([' ', '\t', '\n', '\r']);
    before.is_empty() || before.ends_with(['“', '"', '‘', '.', '?', '!', ':', '…', '(', '['])
}

impl TranscriptMismatch {
    /// Two passages run together without an ellipsis: the words from here
    /// were said elsewhere in the interview.
    fn joined(
        &self,
        analysis: &Analysis,
        passage: &Passage,
        difference: &Difference,
    ) -> Diagnostic {
        let text = &analysis.document.prose;
        let transcript = &passage.transcript;
        let when = |offset: usize| match transcript.time_at(offset) {
            Some(ms) => crate::transcript::clock(ms),
            None => format!("line {}", transcript.line_of(offset)),
        };
        let message = format!(
            "The draft runs two passages together here: the words before were said at {}, these at {} ({}), with no ellipsis between them",
            when(difference.transcript.start),
            when(difference.transcript.end),
            transcript.name
        );
        let at = difference.draft.start;
        Diagnostic::new(self, visible(text, difference.draft.clone()), message)
            .with_help(
                "mark the words left out with an ellipsis (…), or quote the two passages apart",
            )
            .with_fixes([fix(
                "Mark the gap with an ellipsis".to_owned(),
                Edit {
                    range: at..at,
                    insert: "… ".to_owned(),
                },
            )])
    }
}

fn fix(title: String, edit: Edit) -> Fix {
    Fix {
        title,
        edits: vec![edit],
    }
}

/// Words put in at `at`, the start of the draft word they go before (or
/// the end of the last, when they go after it).
fn insertion(text: &str, at: usize, words: &str) -> Edit {
    let before_word = text[at..].chars().next().is_some_and(char::is_alphanumeric);
    let insert = if before_word {
        format!("{words} ")
    } else {
        format!(" {words}")
    };
    Edit {
        range: at..at,
        insert,
    }
}

/// The draft's words at `range` taken out, with the space after them (or
/// before them, at the end of the quotation).
fn removal(text: &str, range: Range<usize>) -> Edit {
    let after = text[range.end..].starts_with(' ');
    let before = range.start > 0 && text[..range.start].ends_with(' ');
    let range = if after {
        range.start..range.end + 1
    } else if before {
        range.start - 1..range.end
    } else {
        range
    };
    Edit {
        range,
        insert: String::new(),
    }
}

/// Where to draw the finding: the draft's words, or for words left out the
/// draft word beside the gap, so an editor has something to underline.
fn visible(text: &str, range: Range<usize>) -> Range<usize> {
    if !range.is_empty() {
        return range;
    }
    let at = range.start;
    let word_after = text[at..]
        .char_indices()
        .find(|(_, c)| !c.is_alphanumeric() && *c != '\'' && *c != '’')
        .map_or(text.len(), |(i, _)| at + i);
    if word_after > at {
        return at..word_after;
    }
    let before = text[..at].trim_end_matches(|c: char| !c.is_alphanumeric());
    let start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    start..before.len()
}
