//! How a story refers to people once they are introduced: the house style
//! (`Mr Wallace` or `Wallace`), which references are held to it, and the
//! title a person takes. The `inconsistent-reference` rule (and its fix)
//! and the editor's name completion both read the story's style from here.

use super::gender::Gender;
use super::lexicon::TitleKind;
use super::model::Analysis;
use super::people::{Mention, MentionForm, Person};

/// How the story refers to people after their first mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    /// Infer the story's own convention from the majority of its references.
    #[default]
    Auto,
    /// Courtesy titles: `Mr Wallace` (BBC, The Times, NYT).
    Honorific,
    /// Bare surnames: `Wallace` (AP, Reuters, The Guardian).
    Surname,
}

impl Style {
    pub fn as_str(self) -> &'static str {
        match self {
            Style::Auto => "auto",
            Style::Honorific => "honorific",
            Style::Surname => "surname",
        }
    }

    pub fn parse(s: &str) -> Option<Style> {
        Some(match s {
            "auto" => Style::Auto,
            "honorific" => Style::Honorific,
            "surname" => Style::Surname,
            _ => return None,
        })
    }
}

/// The references to a person the house style applies to: body text, not a
/// modifier (`the Clinton campaign`), not a misspelling, and not their
/// first mention (which introduces them).
pub fn later_references<'a>(
    analysis: &'a Analysis,
    person: &'a Person,
) -> impl Iterator<Item = &'a Mention> + 'a {
    person
        .mentions
        .iter()
        .map(|&m| &analysis.people.mentions[m])
        .filter(|m| !m.display && !m.attributive && !m.misspelt)
        .skip(1)
}

/// Whether a mention's title is one house styles add or drop (`Mr`, `Ms`:
/// the `courtesy` kind). `Dr`, `Sir` and `Lord` are kept by surname styles
/// too.
pub fn has_house_style_title(analysis: &Analysis, m: &Mention) -> bool {
    m.title_range.as_ref().is_some_and(|r| {
        analysis.lexicon.is_title_of_kind(
            analysis.document.prose[r.clone()].trim_end_matches('.'),
            TitleKind::Courtesy,
        )
    })
}

/// The house style the story is held to: the configured one, or with
/// `auto` the majority of its later references (none on a tie).
pub fn story_style(analysis: &Analysis, configured: Style) -> Option<Style> {
    match configured {
        Style::Honorific => return Some(Style::Honorific),
        Style::Surname => return Some(Style::Surname),
        Style::Auto => {}
    }
    let (mut titled, mut bare) = (0, 0);
    for person in &analysis.people.persons {
        for m in later_references(analysis, person) {
            match m.form {
                MentionForm::Title if has_house_style_title(analysis, m) => titled += 1,
                MentionForm::Surname => bare += 1,
                _ => {}
            }
        }
    }
    match titled.cmp(&bare) {
        std::cmp::Ordering::Greater => Some(Style::Honorific),
        std::cmp::Ordering::Less => Some(Style::Surname),
        std::cmp::Ordering::Equal => None,
    }
}

/// The title to write before a person's surname: the courtesy title used
/// most among `mentions` (as written: `Mr`, `Mr.`, `Dr`), else the one their
/// gender suggests; none for someone of unknown gender with no title.
pub fn title_for<'a>(
    analysis: &'a Analysis,
    person: &Person,
    mentions: impl Iterator<Item = &'a Mention>,
) -> Option<String> {
    let prose = &analysis.document.prose;
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for m in mentions {
        let Some(r) = &m.title_range else { continue };
        let title = &prose[r.clone()];
        if !analysis
            .lexicon
            .is_courtesy_title(title.trim_end_matches('.'))
        {
            continue;
        }
        match counts.iter_mut().find(|(t, _)| *t == title) {
            Some((_, n)) => *n += 1,
            None => counts.push((title, 1)),
        }
    }
    let used = counts.into_iter().max_by_key(|&(_, n)| n).map(|(t, _)| t);
    used.map(str::to_owned)
        .or_else(|| default_title(person.gender).map(str::to_owned))
}

/// The courtesy title a house style gives a person the story never titles:
/// `Mr` or `Ms` (never `Mrs` or `Miss`, which say more than the story does).
fn default_title(gender: Gender) -> Option<&'static str> {
    match gender {
        Gender::Male => Some("Mr"),
        Gender::Female => Some("Ms"),
        Gender::Nonbinary | Gender::Unknown => None,
    }
}
