//! The learned parts of the analysis: two logistic models, trained on
//! annotated drafts and compiled in.
//!
//! - The **speaker** model weighs each candidate speaker of a quote by its
//!   features ([`super::speaker_features`]); the most likely is taken when
//!   its probability reaches the model's threshold.
//! - The **quotation** model weighs each quoted span by its features
//!   ([`super::quote_features`]): is it a quotation the story reports, or
//!   a title, a name or markup that happens to be in quotation marks?
//!
//! The weights are data: `learned.txt` beside this file, written by
//! `training/train.py`. The file is plain text, one `name value` a line:
//! for each model (`speaker`, `quotation`) a `bias.MODEL` and a
//! `threshold.MODEL`, then a weight per feature by its name (`speaker:…`,
//! `quotation:…`). A feature the file does not name weighs nothing; a name
//! this build does not know is kept aside (a test, and `--speaker-model`,
//! refuse them).

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

/// A logistic model over features that are each 0 or 1.
#[derive(Debug, Clone, PartialEq)]
pub struct LinearModel {
    weights: Vec<f32>,
    bias: f32,
    threshold: f32,
}

impl LinearModel {
    fn new(n: usize) -> LinearModel {
        LinearModel {
            weights: vec![0.0; n],
            bias: 0.0,
            threshold: 0.5,
        }
    }

    /// The probability for features that are each 0 or 1, given as the
    /// indexes of those that are 1.
    pub fn probability_of_active(&self, active: &[u16]) -> f32 {
        let z = self.bias
            + active
                .iter()
                .map(|&i| self.weights.get(usize::from(i)).copied().unwrap_or(0.0))
                .sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }

    /// The probability a decision needs.
    pub fn threshold(&self) -> f32 {
        self.threshold
    }

    /// The candidate to take among those with the given probabilities: the
    /// most likely (the first of equals), when it reaches the threshold.
    pub fn choose(&self, probabilities: &[f32]) -> Option<usize> {
        let (best, p) = probabilities.iter().copied().enumerate().fold(
            None,
            |best: Option<(usize, f32)>, (i, p)| match best {
                Some((_, bp)) if bp >= p => best,
                _ => Some((i, p)),
            },
        )?;
        (p >= self.threshold).then_some(best)
    }
}

/// The two models.
#[derive(Debug, Clone, PartialEq)]
pub struct Learned {
    pub speaker: LinearModel,
    pub quotation: LinearModel,
    /// Names in the file that this build has no feature for.
    unknown: Vec<String>,
}

/// How the speaker of each quote is chosen among its candidates, and which
/// quoted spans are quotations.
#[derive(Debug, Clone)]
pub enum Chooser {
    /// The hand-written rules: the first finder that reads a speaker, else
    /// the one the rules carry; every quote but a term is a quotation. What
    /// the training data is made with.
    Rules,
    /// Learned models.
    Model(Arc<Learned>),
}

impl Default for Chooser {
    fn default() -> Chooser {
        Chooser::Model(Learned::builtin())
    }
}

/// The models compiled in.
static BUILTIN: LazyLock<Arc<Learned>> = LazyLock::new(|| {
    Arc::new(Learned::parse(include_str!("learned.txt")).unwrap_or_else(|_| Learned::empty()))
});

impl Learned {
    fn empty() -> Learned {
        Learned {
            speaker: LinearModel::new(super::speaker_features::N),
            quotation: LinearModel::new(super::quote_features::N),
            unknown: Vec::new(),
        }
    }

    /// The compiled-in models.
    pub fn builtin() -> Arc<Learned> {
        BUILTIN.clone()
    }

    /// Reads a model file; an error names the line that is not `name
    /// value`.
    pub fn parse(text: &str) -> Result<Learned, String> {
        let index = |names: Vec<String>| -> HashMap<String, usize> {
            names.into_iter().enumerate().map(|(i, n)| (n, i)).collect()
        };
        let speaker = index(super::speaker_features::names());
        let quotation = index(super::quote_features::names());
        let mut learned = Learned::empty();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, value) = line
                .rsplit_once(char::is_whitespace)
                .ok_or_else(|| format!("line {}: expected `name value`", n + 1))?;
            let value: f32 = value
                .parse()
                .map_err(|_| format!("line {}: `{value}` is not a number", n + 1))?;
            let name = name.trim();
            match name {
                "bias.speaker" => learned.speaker.bias = value,
                "threshold.speaker" => learned.speaker.threshold = value,
                "bias.quotation" => learned.quotation.bias = value,
                "threshold.quotation" => learned.quotation.threshold = value,
                _ => {
                    if let Some(&i) = speaker.get(name) {
                        learned.speaker.weights[i] = value;
                    } else if let Some(&i) = quotation.get(name) {
                        learned.quotation.weights[i] = value;
                    } else {
                        learned.unknown.push(name.to_owned());
                    }
                }
            }
        }
        Ok(learned)
    }

    /// Names in the model file this build has no feature for.
    pub fn unknown_names(&self) -> &[String] {
        &self.unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_in_models_name_only_features_this_build_has() {
        let learned = Learned::parse(include_str!("learned.txt")).expect("a model file");
        assert!(
            learned.unknown_names().is_empty(),
            "{:?}",
            learned.unknown_names()
        );
    }

    #[test]
    fn a_model_file_is_read_by_name() {
        let learned = Learned::parse(
            "# a comment\nbias.speaker -2\nthreshold.speaker 0.25\nspeaker:fact:rule_pick 4\nmade:up 1\n",
        )
        .expect("a model file");
        assert_eq!(learned.unknown_names(), ["made:up"]);
        assert!(learned.speaker.probability_of_active(&[]) < 0.2);
        let at = super::super::speaker_features::names()
            .iter()
            .position(|n| n == "speaker:fact:rule_pick")
            .unwrap();
        let active = [u16::try_from(at).unwrap()];
        assert!(learned.speaker.probability_of_active(&active) > 0.8);
        assert_eq!(learned.speaker.choose(&[0.1, 0.3, 0.2]), Some(1));
        assert_eq!(learned.speaker.choose(&[0.1, 0.2]), None);
        assert!(Learned::parse("bias.speaker x\n").is_err());
    }
}
