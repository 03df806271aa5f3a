//! What to show when the cursor rests on a person or a quotation: the
//! questions a sub-editor asks at that point (who is this, how does the story
//! refer to them, who said this and how do we know), answered as Markdown.
//!
//! Everything is read from the [`Analysis`]; the text rendered is the prose
//! (Markdown markup blanked), so `**Mr Wallace** said` reads `Mr Wallace
//! said`. Lines are 1-based, as people count them.

use std::ops::Range;

use crate::analysis::line_index::LineIndex;
use crate::analysis::{Analysis, How, MentionForm, Quote, Speaker, SpeakerKind};

/// A hover: the words it is about (bytes) and what to say about them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoverInfo {
    pub range: Range<usize>,
    pub markdown: String,
}

/// The hover at byte `offset`: a person's mention first, then a quotation.
pub fn hover(analysis: &Analysis, offset: usize) -> Option<HoverInfo> {
    let lines = &analysis.document.lines;
    if let Some((mention, range)) = mention_at(analysis, offset) {
        let person = analysis.people.mentions[mention].person;
        return Some(HoverInfo {
            range,
            markdown: person_hover(analysis, lines, person),
        });
    }
    if let Some(qi) = quote_at(analysis, offset) {
        return Some(HoverInfo {
            range: analysis.quotes[qi].span.range.clone(),
            markdown: quote_hover(analysis, lines, qi, offset),
        });
    }
    // The words that name a speaker without naming a person (`she said`,
    // `a spokeswoman said`): what they were read as, and for which quote.
    let qi = speaker_at(analysis, offset)?;
    let quote = &analysis.quotes[qi];
    Some(HoverInfo {
        range: quote.speaker.as_ref()?.range.clone(),
        markdown: quote_hover(analysis, lines, qi, quote.span.range.start),
    })
}

/// The quote whose own attribution clause names its speaker with the words
/// at byte `offset`. A clause sits next to its quote, so only the quotes
/// around `offset` are looked at.
fn speaker_at(analysis: &Analysis, offset: usize) -> Option<usize> {
    let quotes = &analysis.quotes;
    let i = quotes.partition_point(|q| q.span.range.start <= offset);
    let near = i.saturating_sub(3)..(i + 3).min(quotes.len());
    near.into_iter().find(|&qi| {
        quotes[qi].speaker.as_ref().is_some_and(|s| {
            s.range.contains(&offset)
                && !matches!(
                    s.how,
                    How::SameParagraph { .. } | How::PreviousParagraph { .. }
                )
        })
    })
}

/// The mention under byte `offset` (a possessive `’s` after it counts as part
/// of it), and the range it covers. Mentions are in text order and do not
/// overlap, so a binary search finds it.
pub fn mention_at(analysis: &Analysis, offset: usize) -> Option<(usize, Range<usize>)> {
    let prose = analysis.document.prose.as_str();
    let mentions = &analysis.people.mentions;
    let i = mentions
        .partition_point(|m| m.range.start <= offset)
        .checked_sub(1)?;
    let m = &mentions[i];
    let rest = prose.get(m.range.end..).unwrap_or("");
    let possessive = ["’s", "'s"]
        .iter()
        .find(|p| rest.starts_with(**p))
        .map_or(0, |p| p.len());
    let range = m.range.start..m.range.end + possessive;
    range.contains(&offset).then_some((i, range))
}

/// The quotation whose range holds byte `offset`. Quotes are sorted by
/// start and do not overlap (a nested quote is part of its outer one).
pub fn quote_at(analysis: &Analysis, offset: usize) -> Option<usize> {
    let quotes = &analysis.quotes;
    let i = quotes
        .partition_point(|q| q.span.range.start <= offset)
        .checked_sub(1)?;
    quotes[i].span.range.contains(&offset).then_some(i)
}

fn person_hover(analysis: &Analysis, lines: &LineIndex, p: usize) -> String {
    let prose = analysis.document.prose.as_str();
    let people = &analysis.people;
    let person = &people.persons[p];
    let mut out = format!("### {}\n", md(&person.name));

    if !person.roles.is_empty() {
        let roles: Vec<String> = person
            .roles
            .iter()
            .map(|r| format!("{} — line {}", md(&r.text), lines.line(r.range.start)))
            .collect();
        let label = if roles.len() == 1 { "Role" } else { "Roles" };
        out += &format!("\n**{label}:** {}\n", roles.join("; "));
    }
    if !person.register_roles.is_empty() {
        let roles: Vec<String> = person.register_roles.iter().map(|r| md(r)).collect();
        out += &format!("\nFrom the people register: {}\n", roles.join("; "));
    }

    // Each form as written, in order of first use, with how often.
    let mut forms: Vec<(String, usize)> = Vec::new();
    for &mi in &person.mentions {
        let written = collapse(&prose[people.mentions[mi].range.clone()]);
        match forms.iter_mut().find(|(f, _)| *f == written) {
            Some((_, n)) => *n += 1,
            None => forms.push((written, 1)),
        }
    }
    if !forms.is_empty() {
        let forms: Vec<String> = forms
            .iter()
            .map(|(f, n)| format!("{} ×{n}", md(f)))
            .collect();
        out += &format!("\n**Referred to as:** {}\n", forms.join(", "));
    }

    // The first mention in the body (a headline names people in short).
    let first = person
        .mentions
        .iter()
        .map(|&mi| &people.mentions[mi])
        .find(|m| !m.display)
        .or_else(|| person.mentions.first().map(|&mi| &people.mentions[mi]));
    if let Some(m) = first {
        let name = collapse(&prose[m.name_range.clone()]);
        let full = m.form == MentionForm::Full
            || (m.form == MentionForm::Role && name == person.name && person.given.is_some());
        let how = if full {
            "full name".to_owned()
        } else {
            format!(
                "as “{}”, not the full name",
                md(&collapse(&prose[m.range.clone()]))
            )
        };
        let place = if m.display { ", in the headline" } else { "" };
        out += &format!(
            "\n**First mention:** line {}{place}, {how}\n",
            lines.line(m.range.start)
        );
    }

    let quotes: Vec<&Quote> = analysis
        .reported_quotes()
        .filter(|q| q.speaker.as_ref().and_then(|s| s.person) == Some(p))
        .collect();
    match quotes.first() {
        None => out += "\n**Quotes:** none\n",
        Some(q) => {
            let where_ = if quotes.len() == 1 {
                "on"
            } else {
                "the first on"
            };
            out += &format!(
                "\n**Quotes:** {} — {where_} line {}: {}\n",
                quotes.len(),
                lines.line(q.span.range.start),
                md(&opening_words(&prose[q.span.range.clone()], 8))
            );
        }
    }

    let guesses: Vec<String> = analysis
        .reported_quotes()
        .filter_map(|q| q.speaker.as_ref())
        .filter(|s| s.person.is_none() && s.guess == Some(p))
        .map(|s| {
            format!(
                "{} (line {})",
                md(&collapse(&prose[s.range.clone()])),
                lines.line(s.range.start)
            )
        })
        .collect();
    if !guesses.is_empty() {
        out += &format!("\n**Probably also:** {} — a guess\n", guesses.join("; "));
    }
    out
}

const FIX_HINT: &str = "name the speaker next to it, e.g. “…,” she said. — or, if it is a term rather than speech, introduce it as one (so-called, known as)";

fn quote_hover(analysis: &Analysis, lines: &LineIndex, qi: usize, offset: usize) -> String {
    let prose = analysis.document.prose.as_str();
    let quote = &analysis.quotes[qi];
    if quote.term {
        return "### Quoted term\n\nRead as a quoted term (a title, a nickname or scare quotes), \
                not speech: it needs no speaker.\n"
            .to_owned();
    }
    let mut out = String::new();
    let heading = match &quote.speaker {
        Some(s) if quote.display => format!("Headline quote: {}", md(&s.name)),
        Some(s) => format!("Quote: {}", md(&s.name)),
        None if quote.display => "Headline quote".to_owned(),
        None => "Quote: no speaker found".to_owned(),
    };
    out += &format!("### {heading}\n");

    // Inside a later paragraph of a quote that runs over several.
    let span = &quote.span;
    let segment = span
        .segments
        .iter()
        .position(|s| s.start <= offset && offset < s.end)
        .unwrap_or(0);
    if segment > 0 && span.segment_paragraphs[segment] != span.segment_paragraphs[0] {
        let paragraphs = span.segment_paragraphs.last().unwrap_or(&0) + 1 - span.paragraph();
        out += &format!(
            "\nContinues the quote begun on line {} (one quotation over {paragraphs} paragraphs).\n",
            lines.line(span.range.start)
        );
    }

    let Some(speaker) = &quote.speaker else {
        if quote.display {
            out += "\nHeadlines quote what the body attributes; the speaker is named there.\n";
            match body_source(analysis, qi) {
                Some(b) => {
                    let body = &analysis.quotes[b];
                    let who = body
                        .speaker
                        .as_ref()
                        .map_or("no speaker yet".to_owned(), |s| md(&s.name));
                    out += &format!(
                        "\nIn the body on line {}: {} — {who}\n",
                        lines.line(body.span.range.start),
                        md(&opening_words(&prose[body.span.range.clone()], 8))
                    );
                }
                None => out +=
                    "\nNot found in the body: quote it there, word for word, with its speaker.\n",
            }
        } else {
            out += &format!("\nNo speaker found.\n\n*Fix:* {}\n", md(FIX_HINT));
        }
        return out;
    };

    out += &format!(
        "\n**Speaker:** {}\n",
        speaker_line(analysis, lines, speaker)
    );
    out += &format!("\n{}\n", how_line(analysis, lines, qi, speaker));
    out
}

/// Who the speaker is and, for pronouns and roles, how that was worked out.
fn speaker_line(analysis: &Analysis, lines: &LineIndex, s: &Speaker) -> String {
    let prose = analysis.document.prose.as_str();
    let written = collapse(&prose[s.range.clone()]);
    let persons = &analysis.people.persons;
    if let Some(pronoun) = &s.pronoun {
        return match s.person {
            Some(p) => format!(
                "{} — pronoun “{}” → {}",
                md(&persons[p].name),
                md(pronoun),
                md(&persons[p].name)
            ),
            None => format!(
                "“{}” — a pronoun with no one named before it to refer to",
                md(pronoun)
            ),
        };
    }
    match (s.kind, s.person) {
        (SpeakerKind::Role, Some(p)) => {
            let role = persons[p]
                .roles
                .iter()
                .find(|r| crate::analysis::role_key(&r.text) == crate::analysis::role_key(&written))
                .map(|r| {
                    format!(
                        " (given as {} on line {})",
                        md(&r.text),
                        lines.line(r.range.start)
                    )
                })
                .unwrap_or_default();
            format!(
                "{} — role “{}” → {}{role}",
                md(&persons[p].name),
                md(&written),
                md(&persons[p].name)
            )
        }
        (SpeakerKind::Role, None) => match s.guess {
            Some(g) => format!(
                "{} — role “{}” — probably {} (a guess)",
                md(&s.name),
                md(&written),
                md(&persons[g].name)
            ),
            None => format!("{} — a role, not a named person", md(&s.name)),
        },
        (SpeakerKind::Organisation, _) => format!("{} — an organisation", md(&s.name)),
        (SpeakerKind::Person, Some(p)) if written != persons[p].name => {
            format!(
                "{} — named here as “{}”",
                md(&persons[p].name),
                md(&written)
            )
        }
        (SpeakerKind::Person, _) => md(&s.name),
    }
}

/// How the attribution was found, in the sub-editor's words.
fn how_line(analysis: &Analysis, lines: &LineIndex, qi: usize, s: &Speaker) -> String {
    let quotes = &analysis.quotes;
    // Follow carried speakers back to the quote whose clause names them.
    let origin = |mut o: usize| {
        while let Some(How::SameParagraph { quote } | How::PreviousParagraph { quote }) =
            quotes[o].speaker.as_ref().map(|s| &s.how)
        {
            if *quote >= o {
                break;
            }
            o = *quote;
        }
        o
    };
    let clause_at = |q: usize| {
        let (text, line) = clause(analysis, lines, q, s);
        format!("{} on line {line}", code(&text))
    };
    let cue_only = || {
        let (text, line) = naming(analysis, lines, s);
        (code(&text), line)
    };
    match &s.how {
        How::After | How::Before | How::Colon => format!("Attributed by {}.", clause_at(qi)),
        How::Source => format!("Attributed to a source: {}.", clause_at(qi)),
        How::Passive => format!("Attributed in the passive: {}.", clause_at(qi)),
        How::SameParagraph { quote } | How::PreviousParagraph { quote } if *quote != qi => {
            let o = *quote;
            format!(
                "Continues the quote begun on line {}, attributed by {}.",
                lines.line(quotes[o].span.range.start),
                clause_at(origin(o))
            )
        }
        How::SameParagraph { .. } => {
            let (text, line) = cue_only();
            format!(
                "No attribution of its own: carries on from {text} earlier in the paragraph (line {line})."
            )
        }
        How::PreviousParagraph { .. } => {
            let (text, line) = cue_only();
            format!(
                "No attribution of its own: carries on from {text} in the paragraph before (line {line})."
            )
        }
        How::IntroducedBefore => {
            let (text, line) = cue_only();
            format!("Introduced by {text} at the end of the paragraph before (line {line}).")
        }
        How::EarlierSentence => {
            let (text, line) = cue_only();
            format!(
                "No attribution of its own: follows {text} earlier in the paragraph (line {line})."
            )
        }
    }
}

/// The speaker's words and cue as written (`Ms Cole says`), and their line.
fn naming(analysis: &Analysis, lines: &LineIndex, s: &Speaker) -> (String, usize) {
    let mut pieces = vec![(s.range.clone(), None)];
    if let Some(cue) = &s.cue {
        if cue.end <= s.range.start || s.range.end <= cue.start {
            pieces.push((cue.clone(), None));
        }
    }
    pieces.sort_by_key(|(r, _)| r.start);
    let line = lines.line(pieces[0].0.start);
    (join_pieces(&analysis.document.prose, &pieces), line)
}

/// The attribution clause around quote `qi` as a sub-editor would quote it:
/// the quotation abbreviated to its marks (`“…,”`), the speaker and the cue,
/// with the words between them when there are few, `…` when there are many.
fn clause(analysis: &Analysis, lines: &LineIndex, qi: usize, s: &Speaker) -> (String, usize) {
    let span = &analysis.quotes[qi].span;
    let distance = |seg: &Range<usize>| {
        if seg.end <= s.range.start {
            s.range.start - seg.end
        } else {
            seg.start.saturating_sub(s.range.end)
        }
    };
    let segment = span
        .segments
        .iter()
        .min_by_key(|seg| distance(seg))
        .unwrap_or(&span.range)
        .clone();
    let disjoint = |r: &Range<usize>, o: &Range<usize>| r.end <= o.start || o.end <= r.start;
    let mut pieces: Vec<(Range<usize>, Option<bool>)> = vec![(segment.clone(), Some(true))];
    if disjoint(&s.range, &segment) {
        pieces.push((s.range.clone(), None));
    }
    if let Some(cue) = &s.cue {
        if disjoint(cue, &segment) && disjoint(cue, &s.range) {
            pieces.push((cue.clone(), None));
        }
    }
    pieces.sort_by_key(|(r, _)| r.start);
    let line = lines.line(pieces[0].0.start);
    (join_pieces(&analysis.document.prose, &pieces), line)
}

/// Renders ranges of the prose in order: a quotation (`Some(_)`) as its
/// marks around `…`, other pieces as written; short gaps between pieces
/// are kept, long ones become ` … `.
fn join_pieces(prose: &str, pieces: &[(Range<usize>, Option<bool>)]) -> String {
    let mut out = String::new();
    for (k, (range, quote)) in pieces.iter().enumerate() {
        if k > 0 {
            let gap = &prose[pieces[k - 1].0.end..range.start];
            let collapsed = collapse(gap);
            if gap.contains("\n\n") || collapsed.chars().count() > 24 {
                out += " … ";
            } else if gap.chars().next().is_some_and(char::is_whitespace) {
                out += " ";
                out += collapsed.trim_start();
                if gap.ends_with(char::is_whitespace) && !collapsed.is_empty() {
                    out += " ";
                }
            } else {
                out += &collapsed;
                if gap.ends_with(char::is_whitespace) && !collapsed.is_empty() {
                    out += " ";
                }
            }
        }
        match quote {
            Some(_) => out += &abbreviate_quote(&prose[range.clone()]),
            None => out += &collapse(&prose[range.clone()]),
        }
    }
    out
}

/// `“No minister wants…,” she said` → `“…,”`: a quotation reduced to its
/// marks and its last punctuation (a full stop is lost in the `…`).
fn abbreviate_quote(text: &str) -> String {
    let mut chars = text.trim().chars();
    let open = chars.next().filter(|c| is_mark(*c));
    let mut rest: Vec<char> = chars.collect();
    let close = rest.last().copied().filter(|c| is_mark(*c));
    if close.is_some() {
        rest.pop();
    }
    let punct = rest
        .last()
        .copied()
        .filter(|c| matches!(c, ',' | '?' | '!'));
    let mut out = String::new();
    out.extend(open);
    out.push('…');
    out.extend(punct);
    out.extend(close);
    out
}

fn is_mark(c: char) -> bool {
    matches!(c, '“' | '”' | '‘' | '’' | '"' | '\'' | '«' | '»')
}

/// A headline quote's words, found in a body quote: the quote the headline
/// borrows from.
fn body_source(analysis: &Analysis, qi: usize) -> Option<usize> {
    let prose = analysis.document.prose.as_str();
    let words = |r: &Range<usize>| {
        prose[r.clone()]
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let wanted = words(&analysis.quotes[qi].span.range);
    if wanted.is_empty() {
        return None;
    }
    analysis
        .quotes
        .iter()
        .position(|q| !q.display && !q.term && words(&q.span.range).contains(&wanted))
}

/// The opening words of a quotation with its marks: `“Nobody from the
/// ministry has set foot on…”`.
pub fn opening_words(text: &str, max_words: usize) -> String {
    let text = collapse(text);
    let words: Vec<&str> = text.split(' ').collect();
    if words.len() <= max_words {
        return text;
    }
    let last = text.chars().last().filter(|c| is_mark(*c));
    let mut cut = words[..max_words].join(" ");
    while cut.ends_with([',', ';', ':', '—', '–', '-']) {
        cut.pop();
    }
    cut.push('…');
    cut.extend(last);
    cut
}

/// Runs of whitespace (line breaks included) as one space, trimmed.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Escapes the characters Markdown would read as markup.
pub fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A Markdown code span around `text`, fenced so a backtick inside is safe.
fn code(text: &str) -> String {
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use super::*;
    use crate::analysis::{analyze, Options, SourceFormat};

    /// The draft every hover test reads.
    const DRAFT: &str = "\
Minister: ‘We will not back down’

The minister has said the army will “stay the course” in the region.

Ben Wallace, the Defence Secretary, told MPs on Monday: “We will not back down. Our troops know their job.

“They have the support of this House.”

Mr Wallace’s critics were unmoved. “He has no plan,” said Sergei Lavrov, Russia’s foreign minister.

Mr Lavrov said he was disappointed. “It was a conversation between the deaf and the dumb,” he said. “Nothing changed.”

The so-called “Brexit bus” was parked outside. “Nobody believes this any more.”

A spokesman for the Kremlin said: “We have nothing to add.”

According to the harbour authority, it was “the worst in years”.

Wallace met Olena Petrenko, the Ukrainian ambassador, later.
";

    /// The hover where `$0` stands in `at`, a piece of the draft: the words
    /// it covers, then its Markdown.
    fn check(at: &str, expected: Expect) {
        let cursor = at.find("$0").expect("a $0 cursor");
        let offset = DRAFT
            .find(&at.replace("$0", ""))
            .expect("the marked text is in the draft")
            + cursor;
        let text = DRAFT.to_owned();
        let analysis = analyze(&text, &Options::default());
        let actual = match hover(&analysis, offset) {
            Some(h) => format!("[{}]\n{}", &text[h.range], h.markdown),
            None => "no hover\n".to_owned(),
        };
        expected.assert_eq(&actual);
    }

    #[test]
    fn person_with_register_roles() {
        let file = crate::config::file::parse(
            "[[people]]\nname = \"Ben Wallace\"\nroles = [\"defence secretary\", \"MP for Wyre\"]\n",
        );
        let analysis = analyze(DRAFT, &file.config.options(SourceFormat::PlainText));
        let offset = DRAFT.find("Mr Wallace’s").unwrap() + 4;
        let markdown = hover(&analysis, offset).unwrap().markdown;
        assert!(
            markdown.contains("**Role:** Defence Secretary — line 5\n\nFrom the people register: defence secretary; MP for Wyre\n"),
            "{markdown}"
        );
    }

    #[test]
    fn person_with_role_forms_possessive_and_a_guess() {
        check(
            "Mr Wa$0llace’s",
            expect![[r#"
                [Mr Wallace’s]
                ### Ben Wallace

                **Role:** Defence Secretary — line 5

                **Referred to as:** Ben Wallace ×1, Mr Wallace ×1, Wallace ×1

                **First mention:** line 5, full name

                **Quotes:** 1 — on line 5: “We will not back down. Our troops know…”

                **Probably also:** The minister (line 3) — a guess
            "#]],
        );
        check(
            "Wallace’$0s",
            expect![[r#"
            [Mr Wallace’s]
            ### Ben Wallace

            **Role:** Defence Secretary — line 5

            **Referred to as:** Ben Wallace ×1, Mr Wallace ×1, Wallace ×1

            **First mention:** line 5, full name

            **Quotes:** 1 — on line 5: “We will not back down. Our troops know…”

            **Probably also:** The minister (line 3) — a guess
        "#]],
        );
    }

    #[test]
    fn person_named_but_never_quoted() {
        check(
            "Olena$0",
            expect![[r#"
            [Olena Petrenko]
            ### Olena Petrenko

            **Role:** Ukrainian ambassador — line 19

            **Referred to as:** Olena Petrenko ×1

            **First mention:** line 19, full name

            **Quotes:** none
        "#]],
        );
    }

    #[test]
    fn person_whose_quotes_are_carried_by_a_pronoun() {
        check(
            "Mr Lav$0rov said",
            expect![[r#"
            [Mr Lavrov]
            ### Sergei Lavrov

            **Referred to as:** Sergei Lavrov ×1, Mr Lavrov ×1

            **First mention:** line 9, full name

            **Quotes:** 3 — the first on line 9: “He has no plan,”
        "#]],
        );
    }

    #[test]
    fn quote_attributed_after() {
        check(
            "no plan$0",
            expect![[r#"
            [“He has no plan,”]
            ### Quote: Sergei Lavrov

            **Speaker:** Sergei Lavrov

            Attributed by `“…,” said Sergei Lavrov` on line 9.
        "#]],
        );
    }

    #[test]
    fn quote_attributed_by_pronoun() {
        check(
            "deaf$0 and",
            expect![[r#"
            [“It was a conversation between the deaf and the dumb,”]
            ### Quote: Sergei Lavrov

            **Speaker:** Sergei Lavrov — pronoun “he” → Sergei Lavrov

            Attributed by `“…,” he said` on line 11.
        "#]],
        );
    }

    #[test]
    fn quote_continued_in_the_same_paragraph() {
        check(
            "Nothing$0 changed",
            expect![[r#"
            [“Nothing changed.”]
            ### Quote: Sergei Lavrov

            **Speaker:** Sergei Lavrov — pronoun “he” → Sergei Lavrov

            No attribution of its own: follows `he said` earlier in the paragraph (line 11).
        "#]],
        );
    }

    #[test]
    fn quote_continued_over_paragraphs() {
        check(
            "They$0 have",
            expect![[r#"
            [“We will not back down. Our troops know their job.

            “They have the support of this House.”]
            ### Quote: Ben Wallace

            Continues the quote begun on line 5 (one quotation over 2 paragraphs).

            **Speaker:** Ben Wallace

            Attributed by `Ben Wallace, the Defence Secretary, told MPs on Monday: “…` on line 5.
        "#]],
        );
    }

    #[test]
    fn quote_by_role_guessed() {
        check(
            "stay$0 the",
            expect![[r#"
            [“stay the course”]
            ### Quote: The minister

            **Speaker:** The minister — role “The minister” — probably Ben Wallace (a guess)

            Attributed by `The minister has said the army will “…”` on line 3.
        "#]],
        );
    }

    #[test]
    fn quote_from_a_source() {
        check(
            "worst$0 in",
            expect![[r#"
            [“the worst in years”]
            ### Quote: the harbour authority

            **Speaker:** the harbour authority — an organisation

            Attributed to a source: `According to the harbour authority, it was “…”` on line 17.
        "#]],
        );
    }

    #[test]
    fn term_unattributed_and_headline() {
        check(
            "Brexit$0",
            expect![[r#"
            [“Brexit bus”]
            ### Quoted term

            Read as a quoted term (a title, a nickname or scare quotes), not speech: it needs no speaker.
        "#]],
        );
        check(
            "Nobody$0",
            expect![[r#"
            [“Nobody believes this any more.”]
            ### Quote: no speaker found

            No speaker found.

            *Fix:* name the speaker next to it, e.g. “…,” she said. — or, if it is a term rather than speech, introduce it as one (so-called, known as)
        "#]],
        );
        check(
            "back$0 down’",
            expect![[r#"
            [‘We will not back down’]
            ### Headline quote

            Headlines quote what the body attributes; the speaker is named there.

            In the body on line 5: “We will not back down. Our troops know…” — Ben Wallace
        "#]],
        );
    }

    #[test]
    fn speaker_words_that_are_not_a_name() {
        check(
            "dumb,” h$0e said",
            expect![[r#"
            [he]
            ### Quote: Sergei Lavrov

            **Speaker:** Sergei Lavrov — pronoun “he” → Sergei Lavrov

            Attributed by `“…,” he said` on line 11.
        "#]],
        );
        check(
            "harbour auth$0ority,",
            expect![[r#"
            [the harbour authority]
            ### Quote: the harbour authority

            **Speaker:** the harbour authority — an organisation

            Attributed to a source: `According to the harbour authority, it was “…”` on line 17.
        "#]],
        );
    }

    #[test]
    fn nothing_between_people_and_quotes() {
        check(
            "critics$0",
            expect![[r#"
            no hover
        "#]],
        );
    }

    #[test]
    fn opening_words_keep_the_marks() {
        assert_eq!(
            opening_words("“One two three, four five six seven eight nine ten.”", 4),
            "“One two three, four…”"
        );
        assert_eq!(opening_words("“Short\n one.”", 8), "“Short one.”");
        assert_eq!(abbreviate_quote("“Yes, we will,”"), "“…,”");
        assert_eq!(abbreviate_quote("“Yes.”"), "“…”");
        assert_eq!(abbreviate_quote("“Unclosed"), "“…");
    }

    #[test]
    fn markdown_is_escaped() {
        assert_eq!(md("a *b* [c] `d`"), "a \\*b\\* \\[c\\] \\`d\\`");
    }
}
