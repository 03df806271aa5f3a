//! The learned part of attribution: a logistic model that weighs each
//! candidate speaker of a quote by its features ([`super::speaker_features`])
//! and picks the most likely, or none when even that one is unlikely.
//!
//! The weights are data: `speaker_model.txt` beside this file, written by
//! `training/train.py` from the annotated corpus and compiled in. The file
//! is plain text, one `name value` a line (`bias`, `threshold`, then a
//! weight per feature by its name); a feature it does not name weighs
//! nothing, and a name this build does not know is ignored (and caught by a
//! test).

use std::sync::{Arc, LazyLock};

use super::speaker_features::{names, Features, N};

/// A speaker model: a weight per feature, a bias, and the probability below
/// which the best candidate is not taken.
#[derive(Debug, Clone, PartialEq)]
pub struct SpeakerModel {
    weights: Box<[f32; N]>,
    bias: f32,
    threshold: f32,
    /// Names in the file that this build has no feature for.
    unknown: Vec<String>,
}

/// How the speaker of each quote is chosen among its candidates.
#[derive(Debug, Clone)]
pub enum Chooser {
    /// The hand-written rules: the first finder that reads a speaker, else
    /// the one the rules carry. What the training data is made with.
    Rules,
    /// A speaker model.
    Model(Arc<SpeakerModel>),
}

impl Default for Chooser {
    fn default() -> Chooser {
        Chooser::Model(BUILTIN.clone())
    }
}

/// The model compiled in.
static BUILTIN: LazyLock<Arc<SpeakerModel>> = LazyLock::new(|| {
    Arc::new(
        SpeakerModel::parse(include_str!("speaker_model.txt"))
            .unwrap_or_else(|_| SpeakerModel::empty()),
    )
});

impl SpeakerModel {
    /// The model that weighs nothing: it takes no candidate.
    fn empty() -> SpeakerModel {
        SpeakerModel {
            weights: Box::new([0.0; N]),
            bias: 0.0,
            threshold: 1.0,
            unknown: Vec::new(),
        }
    }

    /// The compiled-in model.
    pub fn builtin() -> Arc<SpeakerModel> {
        BUILTIN.clone()
    }

    /// Reads a model file; an error names the line that is not `name
    /// value`.
    pub fn parse(text: &str) -> Result<SpeakerModel, String> {
        let index: std::collections::HashMap<String, usize> = names()
            .into_iter()
            .enumerate()
            .map(|(i, n)| (n, i))
            .collect();
        let mut model = SpeakerModel::empty();
        model.threshold = 0.5;
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
            match name.trim() {
                "bias" => model.bias = value,
                "threshold" => model.threshold = value,
                name => match index.get(name) {
                    Some(&i) => model.weights[i] = value,
                    None => model.unknown.push(name.to_owned()),
                },
            }
        }
        Ok(model)
    }

    /// Names in the model file this build has no feature for.
    pub fn unknown_names(&self) -> &[String] {
        &self.unknown
    }

    /// The probability that a candidate with features `x` is the speaker.
    pub fn probability(&self, x: &Features) -> f32 {
        let z = self.bias
            + self
                .weights
                .iter()
                .zip(x.iter())
                .map(|(w, v)| w * v)
                .sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }

    /// The candidate to take among those with the given probabilities: the
    /// most likely, when it reaches the threshold.
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
