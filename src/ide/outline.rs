//! The outline of a story as a sub-editor reads it: who is quoted, in the
//! order they first speak, each with their quotes; then the quotations
//! nobody is said to have said; then the people named but never quoted.
//!
//! Every node's `selection` lies inside its `range`, and a node's `range`
//! covers its children's, as editors expect of an outline.

use std::collections::HashMap;
use std::ops::Range;

use super::hover::{collapse, opening_words};
use super::source_lens::sources_by_quote;
use crate::analysis::balance::{self, Balance, GenderPolicy, SourceKind};
use crate::analysis::{Analysis, Quote, SpeakerKind};

/// What an outline entry stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// A person the story names.
    Person,
    /// A speaker described by role (`a spokeswoman for the ministry`).
    Role,
    /// An organisation (`the harbour authority`).
    Organisation,
    /// A group heading (`Unattributed`, `Also named`).
    Group,
    Quote,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineNode {
    pub name: String,
    pub detail: Option<String>,
    pub kind: NodeKind,
    /// Bytes the entry covers (its children included).
    pub range: Range<usize>,
    /// Bytes to select when the entry is chosen: inside `range`.
    pub selection: Range<usize>,
    pub children: Vec<OutlineNode>,
}

/// How many words of a quotation name it in the outline.
const QUOTE_WORDS: usize = 8;

/// One speaker as the outline gathers them: a person, or a role or
/// organisation keyed by its words as written (case aside).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum SpeakerKey {
    Person(usize),
    /// Whether an organisation, and the words as written, lowercased.
    Described(bool, String),
}

struct Group<'a> {
    key: SpeakerKey,
    /// The words naming the speaker at its first quote.
    first_naming: Range<usize>,
    quotes: Vec<&'a Quote>,
}

/// The outline of a draft ([`outline_with`]), genders decided by the
/// default policy.
pub fn outline(analysis: &Analysis) -> Vec<OutlineNode> {
    outline_with(analysis, GenderPolicy::default())
}

/// The outline of a draft: each speaker with their quotes, in the order of
/// their first quote, their gender (decided under `policy`) and kind of
/// source in the detail; then the quotes nobody is named for; then the
/// people named but never quoted.
pub fn outline_with(analysis: &Analysis, policy: GenderPolicy) -> Vec<OutlineNode> {
    let prose = analysis.document.prose.as_str();
    let (groups, unattributed) = speakers(analysis);
    let counted = Counted::new(analysis, policy);
    let mut quoted = vec![false; analysis.people.persons.len()];
    let mut out: Vec<OutlineNode> = groups
        .iter()
        .map(|g| {
            if let SpeakerKey::Person(p) = g.key {
                quoted[p] = true;
            }
            speaker_node(analysis, g, &counted)
        })
        .collect();
    if !unattributed.is_empty() {
        let children: Vec<OutlineNode> =
            unattributed.iter().map(|q| quote_node(prose, q)).collect();
        let selection = children[0].range.clone();
        out.push(node(
            "Unattributed".to_owned(),
            Some(count(children.len(), "quote", "quotes")),
            NodeKind::Group,
            selection,
            children,
        ));
    }
    out.extend(also_named(analysis, &quoted));
    out
}

/// The quotes grouped by speaker, in the order of each speaker's first
/// quote (quotes are in text order), and the quotes with no speaker.
fn speakers(analysis: &Analysis) -> (Vec<Group<'_>>, Vec<&Quote>) {
    let mut groups: Vec<Group> = Vec::new();
    let mut index: HashMap<SpeakerKey, usize> = HashMap::new();
    let mut unattributed: Vec<&Quote> = Vec::new();
    for q in analysis.reported_quotes() {
        let Some(s) = &q.speaker else {
            unattributed.push(q);
            continue;
        };
        let key = match s.person {
            Some(p) => SpeakerKey::Person(p),
            None => SpeakerKey::Described(
                s.kind == SpeakerKind::Organisation,
                collapse(&s.name).to_lowercase(),
            ),
        };
        let at = *index.entry(key.clone()).or_insert_with(|| {
            groups.push(Group {
                key,
                first_naming: s.range.clone(),
                quotes: Vec::new(),
            });
            groups.len() - 1
        });
        groups[at].quotes.push(q);
    }
    (groups, unattributed)
}

/// The story's sources as counted, to say each speaker's gender and kind.
struct Counted {
    balance: Balance,
    /// A counted quote's first byte → its source in `balance`.
    by_quote: HashMap<usize, usize>,
}

impl Counted {
    fn new(analysis: &Analysis, policy: GenderPolicy) -> Counted {
        let balance = balance::count(analysis, policy);
        let by_quote = sources_by_quote(analysis, &balance);
        Counted { balance, by_quote }
    }

    /// `man · person`: the gender and kind of the source a speaker's quotes
    /// are counted for. A role the count takes for a person it probably is
    /// stays a role here, as the outline lists it apart. None when no quote
    /// of theirs is counted (a headline's only).
    fn label(&self, g: &Group) -> Option<String> {
        let source = (g.quotes.iter())
            .find_map(|q| self.by_quote.get(&q.span.range.start))
            .map(|&si| &self.balance.sources[si])?;
        let kind = match (&g.key, source.kind) {
            (SpeakerKey::Described(..), SourceKind::Person) => SourceKind::Role,
            (_, kind) => kind,
        };
        Some(match kind {
            SourceKind::Organisation => kind.as_str().to_owned(),
            _ => format!("{} · {}", source.gender.gender.as_str(), kind.as_str()),
        })
    }
}

/// A speaker's entry: their name (a person's full name, or the role or
/// organisation as written); their gender and kind of source, their roles
/// or who a role probably is, and how many quotes; and their quotes.
fn speaker_node(analysis: &Analysis, g: &Group, counted: &Counted) -> OutlineNode {
    let prose = analysis.document.prose.as_str();
    let people = &analysis.people;
    let children: Vec<OutlineNode> = g.quotes.iter().map(|q| quote_node(prose, q)).collect();
    let count = count(g.quotes.len(), "quote", "quotes");
    let speaker = g.quotes[0]
        .speaker
        .as_ref()
        .expect("grouped quotes have speakers");
    let (name, kind, selection, roles) = match &g.key {
        SpeakerKey::Person(p) => {
            let person = &people.persons[*p];
            let first = first_body_mention(analysis, *p).unwrap_or(g.first_naming.clone());
            let roles = distinct_roles(person.roles.iter().map(|r| r.text.as_str()));
            (person.name.clone(), NodeKind::Person, first, roles)
        }
        SpeakerKey::Described(organisation, _) => {
            let kind = if *organisation {
                NodeKind::Organisation
            } else {
                NodeKind::Role
            };
            let guess = speaker
                .guess
                .map(|g| format!("probably {}", people.persons[g].name));
            (
                collapse(&speaker.name),
                kind,
                g.first_naming.clone(),
                guess.into_iter().collect(),
            )
        }
    };
    let detail = (counted.label(g).into_iter())
        .chain(roles)
        .chain(std::iter::once(count))
        .collect::<Vec<_>>()
        .join(" · ");
    node(name, Some(detail), kind, selection, children)
}

/// People named but never quoted, in the order they are first named, as
/// one group (none when everyone named is quoted).
fn also_named(analysis: &Analysis, quoted: &[bool]) -> Option<OutlineNode> {
    let people = &analysis.people;
    let mut named: Vec<(usize, Range<usize>)> = (0..people.persons.len())
        .filter(|&p| !quoted[p])
        .filter_map(|p| first_body_mention(analysis, p).map(|r| (p, r)))
        .collect();
    named.sort_by_key(|(_, r)| r.start);
    if named.is_empty() {
        return None;
    }
    let children: Vec<OutlineNode> = named
        .into_iter()
        .map(|(p, range)| {
            let person = &people.persons[p];
            let roles = distinct_roles(person.roles.iter().map(|r| r.text.as_str()));
            let mentions = count(person.mentions.len(), "mention", "mentions");
            let detail = roles
                .into_iter()
                .chain(std::iter::once(mentions))
                .collect::<Vec<_>>()
                .join(" · ");
            node(
                person.name.clone(),
                Some(detail),
                NodeKind::Person,
                range,
                Vec::new(),
            )
        })
        .collect();
    let selection = children[0].range.clone();
    Some(node(
        "Also named".to_owned(),
        Some(count(children.len(), "person", "people")),
        NodeKind::Group,
        selection,
        children,
    ))
}

/// A node whose range spans its selection and its children.
fn node(
    name: String,
    detail: Option<String>,
    kind: NodeKind,
    selection: Range<usize>,
    children: Vec<OutlineNode>,
) -> OutlineNode {
    let start = children
        .iter()
        .map(|c| c.range.start)
        .fold(selection.start, usize::min);
    let end = children
        .iter()
        .map(|c| c.range.end)
        .fold(selection.end, usize::max);
    OutlineNode {
        name,
        detail,
        kind,
        range: start..end,
        selection,
        children,
    }
}

fn quote_node(prose: &str, q: &Quote) -> OutlineNode {
    let span = &q.span;
    let paragraphs = span.segment_paragraphs.last().copied().unwrap_or(0) + 1 - span.paragraph();
    let detail = if q.display {
        Some("headline".to_owned())
    } else if paragraphs > 1 {
        Some(format!("{paragraphs} paragraphs"))
    } else {
        None
    };
    OutlineNode {
        name: opening_words(&prose[span.range.clone()], QUOTE_WORDS),
        detail,
        kind: NodeKind::Quote,
        range: span.range.clone(),
        selection: span.segments.first().cloned().unwrap_or(span.range.clone()),
        children: Vec::new(),
    }
}

/// Where a person is first named in the body (a headline names people in
/// short), or first named at all.
fn first_body_mention(analysis: &Analysis, p: usize) -> Option<Range<usize>> {
    let people = &analysis.people;
    let mentions = &people.persons[p].mentions;
    mentions
        .iter()
        .map(|&mi| &people.mentions[mi])
        .find(|m| !m.display)
        .or_else(|| mentions.first().map(|&mi| &people.mentions[mi]))
        .map(|m| m.range.clone())
}

/// Roles as written, each once (case aside), in order.
fn distinct_roles<'a>(roles: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in roles {
        let r = collapse(r);
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&r)) {
            out.push(r);
        }
    }
    out
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use super::*;
    use crate::analysis::line_index::LineIndex;
    use crate::analysis::{analyze, Options};

    /// The outline as indented text: kind, name, detail, the lines the
    /// entry covers and the words it selects.
    fn check(draft: &str, expected: Expect) {
        let analysis = analyze(draft, &Options::default());
        let lines = &analysis.document.lines;
        fn render(
            out: &mut String,
            nodes: &[OutlineNode],
            depth: usize,
            draft: &str,
            lines: &LineIndex,
        ) {
            for n in nodes {
                assert!(
                    n.range.start <= n.selection.start && n.selection.end <= n.range.end,
                    "{}: selection outside range",
                    n.name
                );
                for c in &n.children {
                    assert!(
                        n.range.start <= c.range.start && c.range.end <= n.range.end,
                        "{}: child {} outside",
                        n.name,
                        c.name
                    );
                }
                let detail = n
                    .detail
                    .as_deref()
                    .map(|d| format!(" ({d})"))
                    .unwrap_or_default();
                let (from, to) = (lines.line(n.range.start), lines.line(n.range.end));
                let sel = collapse(&draft[n.selection.clone()]);
                *out += &format!(
                    "{}{:?} {}{detail} — lines {from}–{to}, selects [{sel}]\n",
                    "  ".repeat(depth),
                    n.kind,
                    n.name
                );
                render(out, &n.children, depth + 1, draft, lines);
            }
        }
        let mut out = String::new();
        render(&mut out, &outline(&analysis), 0, draft, lines);
        expected.assert_eq(&out);
    }

    #[test]
    fn speakers_in_order_then_unattributed_then_also_named() {
        check(
            "\
Port to close, says union

Dock leader Rosalind Achterberg said the closure was “a betrayal of every family on this quay and beyond it”.

“We will fight it,” Ms Achterberg said. “We have no choice.”

A spokeswoman for the ministry said: “The decision is final.”

Councillor Owen Pritchard watched from the quay.

“Nobody asked us.”

“We will write again,” a Spokeswoman for the Ministry said.
",
            expect![[r#"
                Person Rosalind Achterberg (woman · person · Dock leader · 3 quotes) — lines 3–5, selects [Rosalind Achterberg]
                  Quote “a betrayal of every family on this quay…” — lines 3–3, selects [“a betrayal of every family on this quay and beyond it”]
                  Quote “We will fight it,” — lines 5–5, selects [“We will fight it,”]
                  Quote “We have no choice.” — lines 5–5, selects [“We have no choice.”]
                Role A spokeswoman for the ministry (woman · role · 2 quotes) — lines 7–13, selects [A spokeswoman for the ministry]
                  Quote “The decision is final.” — lines 7–7, selects [“The decision is final.”]
                  Quote “We will write again,” — lines 13–13, selects [“We will write again,”]
                Group Unattributed (1 quote) — lines 11–11, selects [“Nobody asked us.”]
                  Quote “Nobody asked us.” — lines 11–11, selects [“Nobody asked us.”]
                Group Also named (1 person) — lines 9–9, selects [Councillor Owen Pritchard]
                  Person Owen Pritchard (Councillor · 1 mention) — lines 9–9, selects [Councillor Owen Pritchard]
            "#]],
        );
    }

    #[test]
    fn headline_and_multi_paragraph_quotes_say_so() {
        check(
            "\
Achterberg: ‘We will fight’

Rosalind Achterberg said: “We will fight. We have always fought.

“We will fight again.”
",
            expect![[r#"
                Person Rosalind Achterberg (woman · person · 2 quotes) — lines 1–5, selects [Rosalind Achterberg]
                  Quote ‘We will fight’ (headline) — lines 1–1, selects [‘We will fight’]
                  Quote “We will fight. We have always fought. “We…” (2 paragraphs) — lines 3–5, selects [“We will fight. We have always fought.]
            "#]],
        );
    }

    #[test]
    fn a_speakers_detail_says_their_gender_and_kind_as_the_policy_decides() {
        let text = "\
Pier to close

Harold Vance, the pier manager, said: “It is shut for good.” Mr Vance added: “Sorry.”

The harbour authority said it was “reviewing the matter”.

“They never listen,” a source said.
";
        let details = |policy| -> Vec<String> {
            outline_with(&analyze(text, &Options::default()), policy)
                .into_iter()
                .map(|n| format!("{}: {}", n.name, n.detail.unwrap_or_default()))
                .collect()
        };
        assert_eq!(
            details(GenderPolicy::WithNames),
            [
                "Harold Vance: man · person · pier manager · 2 quotes",
                "The harbour authority: organisation · 1 quote",
                "a source: unknown · anonymous · 1 quote",
            ]
        );
        // a title decides whatever the policy
        assert_eq!(
            details(GenderPolicy::TextOnly)[0],
            "Harold Vance: man · person · pier manager · 2 quotes"
        );
    }

    #[test]
    fn a_story_without_quotes_or_people_has_an_empty_outline() {
        check("Headline\n\nThe port is closing.\n", expect![[""]]);
    }
}
