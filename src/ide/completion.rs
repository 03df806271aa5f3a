//! Completing the names of people already in the story, in the form the
//! house style wants at that point: the full name if the person has not been
//! introduced before the cursor, then `Mr Wallace` or `Wallace` as the story
//! does. After a courtesy title (`Ms `) only surnames are offered, of people
//! the title suits. Nothing is offered inside a quotation: those are the
//! speaker's words.

use std::collections::HashMap;
use std::ops::Range;

use crate::analysis::references::{story_style, title_for};
use crate::analysis::{Analysis, Gender, Lexicon, Mention, MentionForm, Person, Style, TitleKind};
use crate::config::Config;

/// What a completion inserts for which person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    pub person: usize,
    /// What the list shows, and what is inserted.
    pub label: String,
    /// The person's full name.
    pub detail: String,
    /// Why this form: `first reference`, `house style`, `after Ms`.
    pub note: &'static str,
    /// The typed prefix the insertion replaces.
    pub replace: Range<usize>,
    /// The text the editor matches the typed prefix against.
    pub filter: String,
    /// Rank: people named nearest before the cursor first.
    pub sort: usize,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '\'' | '’')
}

/// Whether `offset` is inside a quotation (between its marks, or anywhere
/// after the opening mark of one left open).
pub fn in_quotation(analysis: &Analysis, offset: usize) -> bool {
    let prose = &analysis.document.prose;
    analysis.quotes.iter().any(|q| {
        q.span.segments.iter().any(|seg| {
            let text = &prose[seg.clone()];
            let closes = text.chars().count() > 1
                && text
                    .chars()
                    .last()
                    .is_some_and(|c| matches!(c, '”' | '’' | '"' | '\'' | '»' | '›'));
            // An open segment runs on over the spaces after it, where the
            // writer is still typing.
            let open_end = seg.end + prose[seg.end..].len()
                - prose[seg.end..].trim_start_matches([' ', '\t']).len();
            seg.start < offset && (offset < seg.end || (!closes && offset <= open_end))
        })
    })
}

/// The title that ends right before `at` (`Mr ` or `Dr. `), when it is one
/// a surname follows (a courtesy or academic title), and whom it suits.
fn title_before(lex: &Lexicon, prose: &str, at: usize) -> Option<Gender> {
    let before = prose[..at].strip_suffix(' ')?;
    let before = before.strip_suffix('.').unwrap_or(before);
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map_or(before.len(), |(i, _)| i);
    let title = lex.title(&before[word_start..])?;
    matches!(title.kind, TitleKind::Courtesy | TitleKind::Academic).then_some(title.gender)
}

/// The form a later reference to this person takes under the story's style.
fn later_form(analysis: &Analysis, person: &Person, style: Option<Style>) -> String {
    let mentions = || {
        person
            .mentions
            .iter()
            .map(|&m| &analysis.people.mentions[m])
    };
    // Someone the story knows by one name only (`Kevin`).
    if person.given.is_none() && mentions().all(|m| m.form == MentionForm::Given) {
        return person.name.clone();
    }
    let title = title_for(
        analysis,
        person,
        mentions().filter(|m| m.form == MentionForm::Title && !m.misspelt),
    );
    let titled = match style {
        Some(Style::Honorific) => true,
        Some(Style::Surname) => false,
        // No style to go by: as the story already refers to them.
        _ => mentions().any(|m| m.form == MentionForm::Title),
    };
    match title {
        Some(title) if titled => format!("{title} {}", person.surname),
        _ => person.surname.clone(),
    }
}

/// The filter text for `insert` given the typed `prefix`: from the first
/// word of `insert` that starts with the prefix, so that `Wa` keeps
/// `Mr Wallace`. None when no word does.
fn filter_for(insert: &str, prefix: &str) -> Option<String> {
    let lower = prefix.to_lowercase();
    let mut at = 0;
    for word in insert.split(' ') {
        if word.to_lowercase().starts_with(&lower) {
            return Some(insert[at..].to_owned());
        }
        at += word.len() + 1;
    }
    None
}

/// Names to offer at `offset`.
pub fn completions(analysis: &Analysis, offset: usize, config: &Config) -> Vec<Completion> {
    let prose = analysis.document.prose.as_str();
    if offset > prose.len() || !prose.is_char_boundary(offset) || in_quotation(analysis, offset) {
        return Vec::new();
    }
    let start = prose[..offset]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map_or(offset, |(i, _)| i);
    let prefix = &prose[start..offset];
    let title = title_before(&analysis.lexicon, prose, start);
    let capital = prefix.chars().next().is_some_and(char::is_uppercase);
    if title.is_none() && !capital {
        return Vec::new();
    }
    // Mentions being typed right now (`Ms Ach`) are not people to offer.
    let typing = |r: &Range<usize>| r.start <= offset && r.end >= start;
    let style = story_style(analysis, config.style);
    let mut out = Vec::new();
    for (pi, person) in analysis.people.persons.iter().enumerate() {
        let mentions: Vec<_> = person
            .mentions
            .iter()
            .map(|&m| &analysis.people.mentions[m])
            .filter(|m| !typing(&m.range))
            .collect();
        if mentions.is_empty() {
            continue;
        }
        // Nearest mention before the cursor ranks first; people named only
        // after it come next, in order of appearance.
        let sort = match mentions.iter().rev().find(|m| m.range.end <= start) {
            Some(m) => start - m.range.end,
            None => prose.len() + mentions[0].range.start,
        };
        let Some((label, note)) = form_to_offer(analysis, person, &mentions, title, start, style)
        else {
            continue;
        };
        if label == prefix {
            continue;
        }
        let Some(filter) = filter_for(&label, prefix) else {
            continue;
        };
        out.push(Completion {
            person: pi,
            detail: person.name.clone(),
            label,
            note,
            replace: start..offset,
            filter,
            sort,
        });
    }
    out.sort_by_key(|c| (c.sort, c.person));
    merge_namesakes(out)
}

/// The form of a person's name to offer before byte `start`, and why:
/// after a title (`title` is whom it suits), the surname of a person it
/// suits; else the full name before they are introduced, and the story's
/// later form after.
fn form_to_offer(
    analysis: &Analysis,
    person: &Person,
    mentions: &[&Mention],
    title: Option<Gender>,
    start: usize,
    style: Option<Style>,
) -> Option<(String, &'static str)> {
    if let Some(gender) = title {
        let given_only =
            person.given.is_none() && mentions.iter().all(|m| m.form == MentionForm::Given);
        if given_only || !person.gender.compatible(gender) {
            return None;
        }
        return Some((person.surname.clone(), "surname"));
    }
    let introduced = mentions.iter().any(|m| {
        m.range.end <= start
            && !m.display
            && matches!(m.form, MentionForm::Full | MentionForm::Role)
    });
    Some(if introduced {
        (later_form(analysis, person, style), "later reference")
    } else {
        (person.name.clone(), "first reference: full name")
    })
}

/// Namesakes (`Ed Miliband`, `David Miliband`) share a later form: one
/// item, naming both.
fn merge_namesakes(completions: Vec<Completion>) -> Vec<Completion> {
    let mut merged: Vec<Completion> = Vec::with_capacity(completions.len());
    let mut by_label: HashMap<String, usize> = HashMap::new();
    for c in completions {
        match by_label.get(&c.label) {
            Some(&at) => {
                let m = &mut merged[at];
                m.detail.push_str(" / ");
                m.detail.push_str(&c.detail);
            }
            None => {
                by_label.insert(c.label.clone(), merged.len());
                merged.push(c);
            }
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use super::*;
    use crate::analysis::{analyze, Options};

    /// Completions at `|` in the draft, one per line.
    fn check_with(draft: &str, config: &Config, expect: Expect) {
        let offset = draft.find('|').expect("cursor");
        let text = draft.replacen('|', "", 1);
        let a = analyze(&text, &Options::default());
        let lines: Vec<String> = completions(&a, offset, config)
            .iter()
            .map(|c| {
                format!(
                    "{:?} → {:?} ({}; filter {:?}; {})",
                    &text[c.replace.clone()],
                    c.label,
                    c.detail,
                    c.filter,
                    c.note
                )
            })
            .collect();
        expect.assert_eq(&lines.join("\n"));
    }

    fn check(draft: &str, expect: Expect) {
        check_with(draft, &Config::default(), expect)
    }

    const STORY: &str = "Harbour to close\n\
        \n\
        Rosalind Achterberg, the union leader, said the plan was “a betrayal”.\n\
        \n\
        The minister, Helen Quarrie, defended it. Ms Quarrie said it was over.\n\
        \n\
        Council leader Owen Pritchard disagreed. Mr Pritchard said no.\n\
        \n";

    #[test]
    fn after_ms_offers_the_surnames_of_women() {
        check(
            &format!("{STORY}Ms |"),
            expect![[r#"
                "" → "Quarrie" (Helen Quarrie; filter "Quarrie"; surname)
                "" → "Achterberg" (Rosalind Achterberg; filter "Achterberg"; surname)"#]],
        );
        // within a partial surname, only those it begins
        check(
            &format!("{STORY}He met Ms Ach| at noon."),
            expect![[r#"
                "Ach" → "Achterberg" (Rosalind Achterberg; filter "Achterberg"; surname)"#]],
        );
        check(
            &format!("{STORY}Mr. |"),
            expect![[r#"
                "" → "Pritchard" (Owen Pritchard; filter "Pritchard"; surname)"#]],
        );
    }

    #[test]
    fn after_a_capital_offers_the_house_style_form() {
        // The story titles people, so later references are `Ms Achterberg`.
        check(&format!("{STORY}|"), expect![""]);
        check(
            &format!("{STORY}A|"),
            expect![[r#"
                "A" → "Ms Achterberg" (Rosalind Achterberg; filter "Achterberg"; later reference)"#]],
        );
        check(
            &format!("{STORY}M|"),
            expect![[r#"
                "M" → "Mr Pritchard" (Owen Pritchard; filter "Mr Pritchard"; later reference)
                "M" → "Ms Quarrie" (Helen Quarrie; filter "Ms Quarrie"; later reference)
                "M" → "Ms Achterberg" (Rosalind Achterberg; filter "Ms Achterberg"; later reference)"#]],
        );
        // A surname house style drops the title.
        let surname = Config {
            style: Style::Surname,
            ..Config::default()
        };
        check_with(
            &format!("{STORY}Qu|"),
            &surname,
            expect![[r#"
                "Qu" → "Quarrie" (Helen Quarrie; filter "Quarrie"; later reference)"#]],
        );
    }

    #[test]
    fn namesakes_share_one_item_and_titles_follow_gender() {
        let story = "Brothers at odds\n\n\
            Ed Miliband and David Miliband spoke. Mr Miliband left. \
            Dr Ruth Okafor watched.\n\n";
        check(
            &format!("{story}Mr |"),
            expect![[r#"
                "" → "Miliband" (David Miliband / Ed Miliband; filter "Miliband"; surname)"#]],
        );
        check(
            &format!("{story}Dr |"),
            expect![[r#"
                "" → "Okafor" (Ruth Okafor; filter "Okafor"; surname)
                "" → "Miliband" (David Miliband / Ed Miliband; filter "Miliband"; surname)"#]],
        );
    }

    #[test]
    fn a_person_not_yet_introduced_gets_the_full_name() {
        check(
            &format!(
                "Harbour to close\n\nP| said the harbour was done.\n\n{}",
                &STORY[18..]
            ),
            expect![[r#"
                "P" → "Owen Pritchard" (Owen Pritchard; filter "Pritchard"; first reference: full name)"#]],
        );
    }

    #[test]
    fn nothing_inside_quotations_or_after_lower_case() {
        check(&format!("{STORY}“We told Ms |"), expect![""]);
        check(&format!("{STORY}“We told Ms Q|,” she said."), expect![""]);
        check(&format!("{STORY}the q|"), expect![""]);
        // right after a closing mark is outside again
        check(
            &format!("{STORY}“No,” Q|"),
            expect![[r#"
                "Q" → "Ms Quarrie" (Helen Quarrie; filter "Quarrie"; later reference)"#]],
        );
    }
}
