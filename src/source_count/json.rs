//! The JSON form, for tools (the contract is the README's "Source
//! balance"): one story's count as it is, or a desk's — every story, the
//! totals, the months and the shares worked out from the totals — or the
//! desk's totals alone (`--totals`). `copydesk sources --format json` and
//! the server's `copydesk.sourceBalance` answer in these same forms.
//!
//! Every count in a [`Tally`] is a whole number, so the totals of
//! partitions counted apart (a Dask or Spark map step running `copydesk
//! sources --format json --totals` on each) add up to the whole archive's;
//! only the `shares` must be worked out again from the sum.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use crate::analysis::balance::{GenderPolicy, Tally};

use super::{Desk, Shares, StoryCount};

/// A desk's count as its JSON object.
#[derive(Serialize)]
struct DeskJson<'a> {
    /// Left out for the totals alone.
    #[serde(skip_serializing_if = "Option::is_none")]
    stories: Option<&'a [StoryCount]>,
    totals: &'a Tally,
    months: &'a BTreeMap<String, Tally>,
    shares: Shares,
    /// How gender was decided: `names`, `text-only`, or `mixed` when
    /// projects with both settings were counted together.
    gender: &'a str,
}

impl<'a> DeskJson<'a> {
    fn of(desk: &'a Desk, gender: &'a str, stories: bool) -> DeskJson<'a> {
        DeskJson {
            stories: stories.then_some(desk.stories.as_slice()),
            totals: &desk.totals,
            months: &desk.months,
            shares: Shares::of(&desk.totals),
            gender,
        }
    }
}

/// The gender policies a desk's stories were counted under, as the desk's
/// `gender` says them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Policies {
    names: bool,
    text_only: bool,
}

impl Policies {
    /// A story counted under `policy`.
    pub fn add(&mut self, policy: GenderPolicy) {
        match policy {
            GenderPolicy::WithNames => self.names = true,
            GenderPolicy::TextOnly => self.text_only = true,
        }
    }

    /// `names` or `text-only` when every story was counted so, `mixed`
    /// when both were used; the default policy's word for no story.
    pub fn word(&self) -> &'static str {
        match (self.names, self.text_only) {
            (true, true) => "mixed",
            (false, true) => GenderPolicy::TextOnly.as_str(),
            (true, false) => GenderPolicy::WithNames.as_str(),
            (false, false) => GenderPolicy::default().as_str(),
        }
    }
}

/// One story's count: one JSON object on one line.
pub fn story(story: &StoryCount) -> String {
    line(story)
}

/// A desk's count: one JSON object on one line, `gender` the policy the
/// stories were counted under.
pub fn desk(desk: &Desk, gender: &str) -> String {
    line(&DeskJson::of(desk, gender, true))
}

/// A desk's totals, months, shares and gender, without its stories: one
/// JSON object on one line, as small for a year's archive as for a day's.
pub fn totals(desk: &Desk, gender: &str) -> String {
    line(&DeskJson::of(desk, gender, false))
}

/// One story's count as a JSON value: the object [`story`] writes.
pub fn story_value(story: &StoryCount) -> serde_json::Result<Value> {
    serde_json::to_value(story)
}

/// A desk's count as a JSON value: the object [`desk`] writes.
pub fn desk_value(desk: &Desk, gender: &str) -> serde_json::Result<Value> {
    serde_json::to_value(DeskJson::of(desk, gender, true))
}

fn line(value: &impl Serialize) -> String {
    let mut line = serde_json::to_string(value).unwrap_or_default();
    line.push('\n');
    line
}
