//! Counting stories from their texts: one at a time, or (with the `server`
//! feature) a batch of them on every core, in the order they were given.
//! `copydesk sources` and the benchmark count through here.

use crate::analysis::balance::GenderPolicy;
use crate::analysis::{analyze, Options, SourceFormat};
use crate::config::Config;
use crate::transcript::front_matter;

use super::StoryCount;

/// A story to count: what it is called, when it is dated, its text and how
/// to read it.
#[derive(Debug, Clone)]
pub struct Story {
    /// The file's path as given, the archive line's `id`, or `-`.
    pub id: String,
    pub date: Option<String>,
    pub text: String,
    /// The words to read it by (its project's `copydesk.toml`) and its
    /// format.
    pub options: Options,
    /// Whether a given name's usual gender may decide.
    pub policy: GenderPolicy,
}

impl Story {
    /// A draft read under `config` (its project's settings): a Markdown
    /// draft is dated by its front matter's `date:`.
    pub fn draft(id: String, text: String, format: SourceFormat, config: &Config) -> Story {
        let date = match format {
            SourceFormat::Markdown => front_matter::date(&text),
            _ => None,
        };
        Story {
            id,
            date,
            text,
            options: config.options(format),
            policy: config.sources.gender,
        }
    }
}

/// One story's count: analysed, then its sources counted.
pub fn count_story(story: &Story) -> StoryCount {
    let analysis = analyze(&story.text, &story.options);
    StoryCount::new(&story.id, story.date.clone(), &analysis, story.policy)
}

/// Every story's count, in the order given, counted on every core.
#[cfg(feature = "server")]
pub fn count_stories(stories: &[Story]) -> Vec<StoryCount> {
    use rayon::prelude::*;
    // one story per task: stories differ in length by a hundred times, and
    // rayon's stealing evens the cores out
    stories
        .par_iter()
        .with_max_len(1)
        .map(count_story)
        .collect()
}

/// Every story's count, in the order given (one core: no `server`
/// feature, no threads, as in the browser).
#[cfg(not(feature = "server"))]
pub fn count_stories(stories: &[Story]) -> Vec<StoryCount> {
    stories.iter().map(count_story).collect()
}
