//! The card for a person: who they are, in what role, how the story
//! refers to them, and what they say.

use super::text::{collapse, md, opening_words};
use crate::analysis::balance::{self, GenderPolicy};
use crate::analysis::line_index::LineIndex;
use crate::analysis::{Analysis, MentionForm, Person, Quote};
use crate::ide::source_lens::source_of_person;

/// A person's card: their name, roles (the story's and the register's),
/// how their gender was decided (for a source), how the story refers to
/// them, their first mention, their quotes, and the role speakers that
/// are probably them.
pub(super) fn person_hover(
    analysis: &Analysis,
    lines: &LineIndex,
    p: usize,
    policy: GenderPolicy,
) -> String {
    let person = &analysis.people.persons[p];
    let mut out = format!("### {}\n", md(&person.name));
    out += &roles_section(person, lines);
    out += &gender_section(analysis, p, policy);
    out += &forms_section(analysis, person);
    out += &first_mention_section(analysis, lines, person);
    out += &quotes_section(analysis, lines, p);
    out += &guesses_section(analysis, lines, p);
    out
}

fn roles_section(person: &Person, lines: &LineIndex) -> String {
    let mut out = String::new();
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
    out
}

/// How the source count decided their gender, on what evidence: `man —
/// title “Mr” (4×)`, a given name's labelled weak. Only for a source: the
/// count decides for the people it counts.
fn gender_section(analysis: &Analysis, p: usize, policy: GenderPolicy) -> String {
    let found = balance::count(analysis, policy);
    match source_of_person(&found, p) {
        Some(source) => format!("\n**Gender:** {}\n", md(&source.gender.explain())),
        None => String::new(),
    }
}

/// Each form as written, in order of first use, with how often.
fn forms_section(analysis: &Analysis, person: &Person) -> String {
    let prose = analysis.document.prose.as_str();
    let mut forms: Vec<(String, usize)> = Vec::new();
    for &mi in &person.mentions {
        let written = collapse(&prose[analysis.people.mentions[mi].range.clone()]);
        match forms.iter_mut().find(|(f, _)| *f == written) {
            Some((_, n)) => *n += 1,
            None => forms.push((written, 1)),
        }
    }
    if forms.is_empty() {
        return String::new();
    }
    let forms: Vec<String> = forms
        .iter()
        .map(|(f, n)| format!("{} ×{n}", md(f)))
        .collect();
    format!("\n**Referred to as:** {}\n", forms.join(", "))
}

/// The first mention in the body (a headline names people in short).
fn first_mention_section(analysis: &Analysis, lines: &LineIndex, person: &Person) -> String {
    let prose = analysis.document.prose.as_str();
    let people = &analysis.people;
    let first = person
        .mentions
        .iter()
        .map(|&mi| &people.mentions[mi])
        .find(|m| !m.display)
        .or_else(|| person.mentions.first().map(|&mi| &people.mentions[mi]));
    let Some(m) = first else {
        return String::new();
    };
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
    format!(
        "\n**First mention:** line {}{place}, {how}\n",
        lines.line(m.range.start)
    )
}

fn quotes_section(analysis: &Analysis, lines: &LineIndex, p: usize) -> String {
    let prose = analysis.document.prose.as_str();
    let quotes: Vec<&Quote> = analysis
        .reported_quotes()
        .filter(|q| q.speaker.as_ref().and_then(|s| s.person) == Some(p))
        .collect();
    let Some(q) = quotes.first() else {
        return "\n**Quotes:** none\n".to_owned();
    };
    let where_ = if quotes.len() == 1 {
        "on"
    } else {
        "the first on"
    };
    format!(
        "\n**Quotes:** {} — {where_} line {}: {}\n",
        quotes.len(),
        lines.line(q.span.range.start),
        md(&opening_words(&prose[q.span.range.clone()], 8))
    )
}

/// Role speakers that are probably this person (`the defence secretary`
/// in the lede, before anyone is named).
fn guesses_section(analysis: &Analysis, lines: &LineIndex, p: usize) -> String {
    let prose = analysis.document.prose.as_str();
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
    if guesses.is_empty() {
        return String::new();
    }
    format!("\n**Probably also:** {} — a guess\n", guesses.join("; "))
}
