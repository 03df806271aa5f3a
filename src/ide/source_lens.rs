//! The story's source count in a line, for the code lens on the headline:
//! `Sources: 5 — 1 woman, 3 men, 1 unknown · women 18% of quoted words`;
//! and, for the outline and the hover, which source a speaker or a person
//! is in that count ([`crate::analysis::balance`]).
//!
//! Individuals (named, described by a role, or anonymous) are counted by
//! gender; organisations apart, as they have none. The share is of the
//! words quoted from individuals, as the desk's totals count it.

use std::collections::HashMap;
use std::ops::Range;

use crate::analysis::balance::{self, Balance, GenderPolicy, Source, SourceKind, Tally};
use crate::analysis::{Analysis, Gender};

/// The lens: where it goes (the headline's bytes) and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLens {
    /// The first paragraph (the headline); `0..0` in an empty draft.
    pub range: Range<usize>,
    /// `Sources: 5 — 1 woman, 3 men, 1 unknown · women 18% of quoted words`.
    pub title: String,
}

/// The lens for a draft, its genders decided under `policy`.
pub fn source_lens(analysis: &Analysis, policy: GenderPolicy) -> SourceLens {
    let range = (analysis.document.paragraphs.first()).map_or(0..0, |p| p.range.clone());
    SourceLens {
        range,
        title: summary(&balance::count(analysis, policy)),
    }
}

/// The count in one line; `Sources: none quoted` when nobody is.
pub fn summary(balance: &Balance) -> String {
    if balance.sources.is_empty() {
        return "Sources: none quoted".to_owned();
    }
    // women, men, nonbinary, unknown: among individuals of every kind
    let mut genders = [0usize; 4];
    let mut organisations = 0;
    for source in &balance.sources {
        if source.kind == SourceKind::Organisation {
            organisations += 1;
            continue;
        }
        genders[match source.gender.gender {
            Gender::Female => 0,
            Gender::Male => 1,
            Gender::Nonbinary => 2,
            Gender::Unknown => 3,
        }] += 1;
    }
    let [women, men, nonbinary, unknown] = genders;
    let mut parts = Vec::new();
    if women + men + nonbinary + unknown > 0 {
        // Women and men always, so that `0 women` is said.
        parts.push(count(women, "woman", "women"));
        parts.push(count(men, "man", "men"));
    }
    if nonbinary > 0 {
        parts.push(format!("{nonbinary} nonbinary"));
    }
    if unknown > 0 {
        parts.push(format!("{unknown} unknown"));
    }
    if organisations > 0 {
        parts.push(count(organisations, "organisation", "organisations"));
    }
    let mut line = format!("Sources: {} — {}", balance.sources.len(), parts.join(", "));
    if let Some(share) = Tally::of(balance).women_share_of_words() {
        line += &format!(" · women {} of quoted words", percent(share));
    }
    line
}

/// A share as a whole percentage; a sliver is `<1%`, never `0%`, and
/// nearly all is `>99%`, never `100%`.
pub fn percent(share: f64) -> String {
    let rounded = (share * 100.0).round();
    if share > 0.0 && rounded < 1.0 {
        "<1%".to_owned()
    } else if share < 1.0 && rounded > 99.0 {
        ">99%".to_owned()
    } else {
        format!("{rounded:.0}%")
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Which source each counted quotation belongs to, by the quotation's
/// first byte (quotations do not overlap).
pub fn sources_by_quote(analysis: &Analysis, balance: &Balance) -> HashMap<usize, usize> {
    let mut by_quote = HashMap::new();
    for (si, source) in balance.sources.iter().enumerate() {
        for &qi in &source.quotes {
            by_quote.insert(analysis.quotes[qi].span.range.start, si);
        }
    }
    by_quote
}

/// The source that is person `p` of the analysis, if they are quoted.
pub fn source_of_person(balance: &Balance, p: usize) -> Option<&Source> {
    balance.sources.iter().find(|s| s.person == Some(p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, Options};

    fn lens(text: &str, policy: GenderPolicy) -> SourceLens {
        source_lens(&analyze(text, &Options::default()), policy)
    }

    #[test]
    fn counts_individuals_by_gender_and_organisations_apart() {
        let text = "\
Bridge to reopen in spring

Engineer Marta Quist said the bridge was “safe for traffic at last”. “We checked every bolt,” Ms Quist said.

Councillor Piet Lorne said: “It took too long.” He added: “Far too long, and it cost far too much money.”

The highways agency said it was “pleased”.

A spokesperson for the contractor said: “The work is done.”
";
        let found = lens(text, GenderPolicy::WithNames);
        assert_eq!(found.range, 0..26);
        assert_eq!(&text[found.range.clone()], "Bridge to reopen in spring");
        assert_eq!(
            found.title,
            "Sources: 4 — 1 woman, 1 man, 1 unknown, 1 organisation · women 33% of quoted words"
        );
    }

    #[test]
    fn nothing_quoted_and_only_organisations_quoted() {
        assert_eq!(
            lens(
                "Bridge shut\n\nThe bridge is shut.\n",
                GenderPolicy::default()
            )
            .title,
            "Sources: none quoted"
        );
        // an unattributed quote is not a source
        assert_eq!(
            lens(
                "Bridge shut\n\n“Nobody told us.”\n",
                GenderPolicy::default()
            )
            .title,
            "Sources: none quoted"
        );
        assert_eq!(
            lens(
                "Bridge shut\n\nThe highways agency said the bridge was “unsafe”.\n",
                GenderPolicy::default()
            )
            .title,
            "Sources: 1 — 1 organisation"
        );
        assert_eq!(lens("", GenderPolicy::default()).range, 0..0);
    }

    #[test]
    fn a_given_name_decides_only_when_names_may() {
        let text = "Bridge shut\n\nHarold Vance, the site manager, said: “It is shut for good.”\n";
        assert_eq!(
            lens(text, GenderPolicy::WithNames).title,
            "Sources: 1 — 0 women, 1 man · women 0% of quoted words"
        );
        assert_eq!(
            lens(text, GenderPolicy::TextOnly).title,
            "Sources: 1 — 0 women, 0 men, 1 unknown · women 0% of quoted words"
        );
    }

    #[test]
    fn percentages_round_but_never_to_none_or_all() {
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(0.004), "<1%");
        assert_eq!(percent(0.184), "18%");
        assert_eq!(percent(0.996), ">99%");
        assert_eq!(percent(1.0), "100%");
    }
}
