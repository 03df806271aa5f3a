//! The card for a quotation: who said it, how the analysis knows (the
//! clause that attributes it, or the quote it inherits its speaker from),
//! or why it needs a speaker.

use std::ops::Range;

use super::source;
use super::text::{abbreviate_quote, code, collapse, md, opening_words};
use crate::analysis::line_index::LineIndex;
use crate::analysis::{Analysis, How, Speaker, SpeakerKind};

const FIX_HINT: &str = "name the speaker next to it, e.g. “…,” she said. — or, if it is a term rather than speech, introduce it as one (so-called, known as)";

pub(super) fn quote_hover(
    analysis: &Analysis,
    lines: &LineIndex,
    qi: usize,
    offset: usize,
) -> String {
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
            out += &source::section(analysis, qi).unwrap_or_default();
        }
        return out;
    };

    out += &format!(
        "\n**Speaker:** {}\n",
        speaker_line(analysis, lines, speaker)
    );
    out += &format!("\n{}\n", how_line(analysis, lines, qi, speaker));
    out += &source::section(analysis, qi).unwrap_or_default();
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
        // A candidate no verb of speech names: the speaker model weighed it
        // from who is near the quote; say so, and how sure it is.
        How::After | How::Before if s.cue.is_none() && s.likelihood.is_some() => {
            let (text, line) = cue_only();
            let likely = s.likelihood.unwrap_or_default();
            format!(
                "No verb of speech names the speaker: {text} (line {line}) is the likeliest \
                 reading of who is near the quote ({likely}% likely)."
            )
        }
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
