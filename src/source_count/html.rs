//! The page for editors: one self-contained HTML file (inline CSS, no
//! scripts, no fonts or images from anywhere) with the desk's totals, a
//! bar chart per month — who the named people quoted are, and women's
//! share of the quoted words — and every story's row. All text from the
//! stories is escaped.

use std::fmt::Write;

use crate::analysis::balance::Tally;

use super::human::percent;
use super::{Desk, Shares, StoryCount};

/// The page's style: system fonts, CSS bars, readable printed.
const STYLE: &str = r#"
:root { --women: #c2410c; --men: #0f766e; --nonbinary: #7c3aed; --unknown: #a8a29e;
        --rest: #e7e5e4; --ink: #1c1917; --muted: #57534e; --rule: #d6d3d1; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fafaf9;
       font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.25rem 3rem; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 2.25rem 0 .75rem; border-bottom: 1px solid var(--rule); padding-bottom: .3rem; }
.lede, .note, footer { color: var(--muted); }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(8rem, 1fr)); gap: .75rem; margin: 1.25rem 0 0; }
.figure { background: #fff; border: 1px solid var(--rule); border-radius: 6px; padding: .6rem .8rem; }
.figure b { display: block; font-size: 1.6rem; font-variant-numeric: tabular-nums; }
.figure span { color: var(--muted); font-size: .85rem; }
.legend { display: flex; flex-wrap: wrap; gap: .4rem 1.1rem; margin: 0 0 .9rem; font-size: .85rem; }
.legend span::before { content: ""; display: inline-block; width: .8rem; height: .8rem;
                       margin-right: .35rem; vertical-align: -.1rem; border-radius: 2px; background: var(--c); }
.chart { display: grid; grid-template-columns: 7rem 1fr 11rem; gap: .35rem .75rem; align-items: center; }
.chart .month { font-weight: 600; line-height: 1.2; }
.chart .month small { display: block; font-weight: 400; color: var(--muted); font-size: .75rem; }
.chart .words-label { color: var(--muted); font-size: .8rem; text-align: right; }
.chart .value { font-size: .85rem; color: var(--muted); font-variant-numeric: tabular-nums; }
.bar { display: flex; height: 1.15rem; background: var(--rest); border-radius: 3px; overflow: hidden; }
.bar.thin { height: .6rem; }
.chart .w { margin-bottom: 1rem; }
.bar span { display: block; height: 100%; }
.women { background: var(--women); } .men { background: var(--men); }
.nonbinary { background: var(--nonbinary); } .unknown { background: var(--unknown); }
table { width: 100%; border-collapse: collapse; background: #fff; font-size: .9rem; }
th, td { padding: .45rem .55rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
th { font-size: .8rem; color: var(--muted); font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.date { white-space: nowrap; }
td .id { display: block; color: var(--muted); font-size: .78rem; }
td .share { display: inline-block; width: 4rem; height: .5rem; margin-left: .4rem; background: var(--rest); border-radius: 2px; overflow: hidden; }
td .share span { display: block; height: 100%; background: var(--women); }
@media print { body { background: #fff; } .figure, table { border-color: #999; } }
"#;

/// The whole page: `gender` is how gender was decided (`names`,
/// `text-only`, `mixed`).
pub fn page(desk: &Desk, gender: &str) -> String {
    let t = &desk.totals;
    let mut out = String::with_capacity(8_192 + desk.stories.len() * 600);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let stories = count(t.stories, "story", "stories");
    let _ = writeln!(out, "<title>Source balance — {stories}</title>");
    let _ = writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>\n<main>");
    out.push_str("<h1>Source balance</h1>\n");
    let _ = writeln!(
        out,
        "<p class=\"lede\">{stories} · {} · gender {}</p>",
        count(t.sources, "source", "sources"),
        escape(policy_words(gender)),
    );
    out.push_str(&figures(t));
    out.push_str(&chart(desk));
    if desk.stories.is_empty() && t.stories > 0 {
        out.push_str(
            "<p class=\"note\">Each story’s row was left out (<code>--totals</code>); \
             the figures above count every story.</p>\n",
        );
    } else {
        out.push_str(&stories_table(&desk.stories));
    }
    let _ = writeln!(
        out,
        "<footer><p>Counted by copydesk {}. A source is a speaker with at least one quotation in \
         the body; named people are those the story names.</p></footer>",
        escape(crate::VERSION)
    );
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// What the policy word means, for the page's first line.
fn policy_words(gender: &str) -> &str {
    match gender {
        "names" => "from what the story says, and given names (weak) when it says nothing",
        "text-only" => "from what the story says only",
        "mixed" => "by each project's setting (names or text only)",
        other => other,
    }
}

/// The desk's totals as figures.
fn figures(t: &Tally) -> String {
    let shares = Shares::of(t);
    let mut out = String::from("<section class=\"figures\" aria-label=\"Totals\">\n");
    let mut figure = |value: String, label: &str| {
        let _ = writeln!(
            out,
            "<div class=\"figure\"><b>{}</b><span>{}</span></div>",
            escape(&value),
            escape(label)
        );
    };
    figure(
        t.sources.to_string(),
        plural(t.sources, "source", "sources"),
    );
    figure(
        t.people.to_string(),
        plural(t.people, "named person", "named people"),
    );
    figure(percent(shares.women), "of named people are women");
    figure(percent(shares.men), "of named people are men");
    if t.nonbinary > 0 {
        figure(percent(shares.nonbinary), "of named people are nonbinary");
    }
    figure(percent(shares.unknown), "of named people: gender unknown");
    figure(
        percent(shares.women_of_words),
        "of quoted words are women’s",
    );
    out.push_str("</section>\n");
    out
}

/// The chart: all stories, then each month, a bar of the named people by
/// gender and a thin one of women's share of the quoted words.
fn chart(desk: &Desk) -> String {
    let mut out = String::from("<section>\n<h2>Who is quoted, by month</h2>\n");
    out.push_str(
        "<div class=\"legend\"><span style=\"--c: var(--women)\">women</span>\
         <span style=\"--c: var(--men)\">men</span>\
         <span style=\"--c: var(--nonbinary)\">nonbinary</span>\
         <span style=\"--c: var(--unknown)\">unknown</span>\
         <span style=\"--c: var(--rest)\">thin bar: women’s share of quoted words</span></div>\n",
    );
    out.push_str("<div class=\"chart\">\n");
    out.push_str(&chart_rows("All stories", &desk.totals));
    for (month, tally) in &desk.months {
        out.push_str(&chart_rows(&month_name(month), tally));
    }
    out.push_str("</div>\n");
    let undated = desk.totals.stories - desk.months.values().map(|t| t.stories).sum::<usize>();
    if desk.months.is_empty() {
        out.push_str("<p class=\"note\">No story has a date (front matter <code>date:</code>), so there are no months.</p>\n");
    } else if undated > 0 {
        let _ = writeln!(
            out,
            "<p class=\"note\">{} without a date {} counted in the totals only.</p>",
            count(undated, "story", "stories"),
            if undated == 1 { "is" } else { "are" }
        );
    }
    out.push_str("</section>\n");
    out
}

/// One period's two bars.
fn chart_rows(label: &str, t: &Tally) -> String {
    let label = escape(label);
    let groups = [
        (t.women, "women", "woman"),
        (t.men, "men", "man"),
        (t.nonbinary, "nonbinary", "nonbinary"),
        (t.unknown, "unknown", "unknown"),
    ];
    let mut people = String::new();
    let mut said = Vec::new();
    for (n, class, one) in groups {
        if n == 0 {
            continue;
        }
        let _ = write!(
            people,
            "<span class=\"{class}\" style=\"width: {:.2}%\" title=\"{}\"></span>",
            n as f64 * 100.0 / t.people as f64,
            count(n, one, class)
        );
        said.push(count(n, one, class));
    }
    let said = if said.is_empty() {
        "no named people".to_owned()
    } else {
        said.join(" · ")
    };
    let words = percent(t.women_share_of_words());
    format!(
        "<div class=\"month\">{label}<small>{}</small></div>\
         <div class=\"bar\" role=\"img\" aria-label=\"{label}, named people: {said}\">{people}</div>\
         <div class=\"value\">{said}</div>\n\
         <div class=\"words-label w\">quoted words</div>\
         <div class=\"bar thin w\" role=\"img\" aria-label=\"{label}: women {words} of quoted words\">\
         <span class=\"women\" style=\"width: {:.2}%\"></span></div>\
         <div class=\"value w\">women {words}</div>\n",
        count(t.stories, "story", "stories"),
        t.women_share_of_words().unwrap_or(0.0) * 100.0,
    )
}

/// The table of stories.
fn stories_table(stories: &[StoryCount]) -> String {
    let mut out = String::from(
        "<section>\n<h2>Stories</h2>\n<table>\n<thead><tr><th>story</th><th>date</th>\
         <th class=\"n\">sources</th><th class=\"n\">women</th><th class=\"n\">men</th>\
         <th class=\"n\">nonbinary</th><th class=\"n\">unknown</th>\
         <th class=\"n\">women’s share of words</th></tr></thead>\n<tbody>\n",
    );
    for s in stories {
        let t = &s.totals;
        let words = t.women_share_of_words();
        let headline = match &s.headline {
            Some(h) => format!("{}<span class=\"id\">{}</span>", escape(h), escape(&s.id)),
            None => escape(&s.id),
        };
        let _ = writeln!(
            out,
            "<tr><td>{headline}</td><td class=\"date\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}<span class=\"share\"><span style=\"width: {:.2}%\"></span></span></td></tr>",
            escape(s.date.as_deref().unwrap_or("")),
            t.sources,
            t.women,
            t.men,
            t.nonbinary,
            t.unknown,
            percent(words),
            words.unwrap_or(0.0) * 100.0,
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
    out
}

/// `March 2026` for `2026-03`; anything else as it is.
fn month_name(month: &str) -> String {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let name = (month.split_once('-'))
        .and_then(|(year, m)| Some((year, NAMES.get(m.parse::<usize>().ok()?.checked_sub(1)?)?)));
    match name {
        Some((year, name)) => format!("{name} {year}"),
        None => month.to_owned(),
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", plural(n, one, many))
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// Text made safe for HTML, in elements and in quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
