//! The form for a terminal: each story's sources as a table, and a desk's
//! totals and months.

use crate::analysis::balance::Tally;

use super::{Desk, Shares, StoryCount};

/// One story: a line naming it, its sources' table and a summary line.
pub fn story(story: &StoryCount) -> String {
    let mut out = title(story);
    out.push('\n');
    if story.sources.is_empty() {
        out.push_str("no one is quoted\n");
        return out;
    }
    let mut rows = vec![cells([
        "source", "kind", "gender", "quotes", "words", "share",
    ])];
    for s in &story.sources {
        rows.push(vec![
            s.name.clone(),
            s.kind.clone(),
            // an organisation has no gender to decide
            if s.kind == "organisation" {
                "—".to_owned()
            } else {
                s.because.clone()
            },
            s.quotes.to_string(),
            s.words.to_string(),
            percent(Some(s.share)),
        ]);
    }
    out.push_str(&table(&rows, &[false, false, false, true, true, true]));
    out.push_str(&summary(&story.totals));
    out.push('\n');
    out
}

/// A desk: every story's table (none when the rows were not kept), then
/// the totals and the months.
pub fn desk(desk: &Desk) -> String {
    let mut out = String::new();
    for s in &desk.stories {
        out.push_str(&story(s));
        out.push('\n');
    }
    out.push_str(&totals(&desk.totals));
    if !desk.months.is_empty() {
        out.push('\n');
        out.push_str(&months(desk));
    }
    out
}

/// `id — headline (date)`.
fn title(story: &StoryCount) -> String {
    let mut line = story.id.clone();
    if let Some(headline) = &story.headline {
        line.push_str(" — ");
        line.push_str(headline);
    }
    if let Some(date) = &story.date {
        line.push_str(&format!(" ({date})"));
    }
    line
}

/// `4 sources: 1 woman, 2 men, 1 unknown among named people · women 18%
/// of quoted words`.
pub fn summary(t: &Tally) -> String {
    let shares = Shares::of(t);
    let mut line = format!("{}: {}", plural(t.sources, "source"), people(t));
    if let Some(words) = shares.women_of_words {
        line.push_str(&format!(
            " · women {} of quoted words",
            percent(Some(words))
        ));
    }
    line
}

/// The named people by gender: `1 woman, 2 men, 1 unknown among named
/// people`, nonbinary and unknown left out when there are none.
fn people(t: &Tally) -> String {
    if t.people == 0 {
        return "no named people".to_owned();
    }
    let mut parts = vec![
        plural_word(t.women, "woman", "women"),
        plural_word(t.men, "man", "men"),
    ];
    if t.nonbinary > 0 {
        parts.push(format!("{} nonbinary", t.nonbinary));
    }
    if t.unknown > 0 {
        parts.push(format!("{} unknown", t.unknown));
    }
    format!("{} among named people", parts.join(", "))
}

/// The desk's totals, a few lines.
fn totals(t: &Tally) -> String {
    let shares = Shares::of(t);
    let mut out = format!(
        "{}, {}: {}, {}, {}, {} anonymous\n",
        plural(t.stories, "story"),
        plural(t.sources, "source"),
        plural_word(t.people, "named person", "named people"),
        plural(t.roles, "role"),
        plural(t.organisations, "organisation"),
        t.anonymous
    );
    if t.people > 0 {
        let groups = [
            (plural_word(t.women, "woman", "women"), shares.women),
            (plural_word(t.men, "man", "men"), shares.men),
            (format!("{} nonbinary", t.nonbinary), shares.nonbinary),
            (format!("{} unknown", t.unknown), shares.unknown),
        ];
        let groups: Vec<String> = (groups.into_iter())
            .map(|(n, share)| format!("{n} ({})", percent(share)))
            .collect();
        out.push_str(&format!("named people: {}\n", groups.join(", ")));
    }
    out.push_str(&format!(
        "quoted words: women {} of the {} quoted from individuals\n",
        percent(shares.women_of_words),
        plural(t.individual_words(), "word")
    ));
    out
}

/// The totals by month, a table.
fn months(desk: &Desk) -> String {
    let mut rows = vec![cells([
        "month",
        "stories",
        "named people",
        "women",
        "men",
        "nonbinary",
        "unknown",
        "women's words",
    ])];
    for (month, t) in &desk.months {
        rows.push(vec![
            month.clone(),
            t.stories.to_string(),
            t.people.to_string(),
            t.women.to_string(),
            t.men.to_string(),
            t.nonbinary.to_string(),
            t.unknown.to_string(),
            percent(t.women_share_of_words()),
        ]);
    }
    let mut align = [true; 8];
    align[0] = false;
    table(&rows, &align)
}

fn cells<const N: usize>(words: [&str; N]) -> Vec<String> {
    words.iter().map(|w| (*w).to_owned()).collect()
}

/// A share as a percentage with one decimal (`42.9%`), `—` for none.
pub fn percent(share: Option<f64>) -> String {
    match share {
        Some(s) => format!("{:.1}%", s * 100.0),
        None => "—".to_owned(),
    }
}

/// `1 story`, `2 stories`, `3 sources`.
fn plural(n: usize, word: &str) -> String {
    match (n, word.strip_suffix('y')) {
        (1, _) => format!("1 {word}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        _ => format!("{n} {word}s"),
    }
}

fn plural_word(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Rows as columns padded to their widest cell (counted in characters),
/// numbers right-aligned, a rule under the header.
fn table(rows: &[Vec<String>], right: &[bool]) -> String {
    let columns = right.len();
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            (rows.iter())
                .map(|r| r.get(c).map_or(0, |s| s.chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    let mut line = |cells: Vec<String>| {
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    };
    for (i, row) in rows.iter().enumerate() {
        line(
            (row.iter().zip(&widths).zip(right))
                .map(|((cell, &width), &right)| pad(cell, width, right))
                .collect(),
        );
        if i == 0 {
            line(widths.iter().map(|&w| "-".repeat(w)).collect());
        }
    }
    out
}

fn pad(cell: &str, width: usize, right: bool) -> String {
    let fill = " ".repeat(width.saturating_sub(cell.chars().count()));
    if right {
        format!("{fill}{cell}")
    } else {
        format!("{cell}{fill}")
    }
}
