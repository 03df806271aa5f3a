//! The JSON form, for tools (the contract is the README's "Source
//! balance"): one story's count as it is, or a desk's — every story, the
//! totals, the months and the shares worked out from the totals.
//!
//! Every count in a [`Tally`] is a whole number, so the totals of
//! partitions counted apart (a Dask or Spark map step running `copydesk
//! sources --format json` on each) add up to the whole archive's; only the
//! `shares` must be worked out again from the sum.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::analysis::balance::Tally;

use super::{Desk, Shares, StoryCount};

/// A desk's count as its JSON object.
#[derive(Serialize)]
struct DeskJson<'a> {
    stories: &'a [StoryCount],
    totals: &'a Tally,
    months: &'a BTreeMap<String, Tally>,
    shares: Shares,
    /// How gender was decided: `names`, `text-only`, or `mixed` when
    /// projects with both settings were counted together.
    gender: &'a str,
}

/// One story's count: one JSON object on one line.
pub fn story(story: &StoryCount) -> String {
    let mut line = serde_json::to_string(story).unwrap_or_default();
    line.push('\n');
    line
}

/// A desk's count: one JSON object on one line, `gender` the policy the
/// stories were counted under.
pub fn desk(desk: &Desk, gender: &str) -> String {
    let json = DeskJson {
        stories: &desk.stories,
        totals: &desk.totals,
        months: &desk.months,
        shares: Shares::of(&desk.totals),
        gender,
    };
    let mut line = serde_json::to_string(&json).unwrap_or_default();
    line.push('\n');
    line
}
