//! The `[sources]` section: how the source count decides gender, and when
//! `source-balance` speaks.

use toml::de::DeValue;

use super::super::Config;
use super::walk::{self, type_name, Reader, Value};
use crate::analysis::balance::GenderPolicy;

const SOURCES_KEYS: &[&str] = &["gender", "min_women_share"];

impl Reader<'_> {
    pub(super) fn sources(&mut self, value: &Value, config: &mut Config) {
        let DeValue::Table(table) = value.get_ref() else {
            self.error(
                value.span(),
                format!(
                    "sources must be a table with gender and min_women_share (found {}); ignored",
                    type_name(value.get_ref())
                ),
            );
            return;
        };
        for (key, value) in table.iter() {
            match key.get_ref().as_ref() {
                "gender" => match value.get_ref() {
                    DeValue::String(word) if GenderPolicy::parse(word).is_some() => {
                        config.sources.gender = GenderPolicy::parse(word).unwrap_or_default();
                    }
                    other => self.error(
                        value.span(),
                        format!(
                            "sources.gender must be \"names\" or \"text-only\" (found {}); ignored",
                            describe(other)
                        ),
                    ),
                },
                "min_women_share" => match share(value.get_ref()) {
                    Some(share) => config.sources.min_women_share = Some(share),
                    None => self.error(
                        value.span(),
                        format!(
                            "sources.min_women_share must be a number from 0 to 1, like 0.3 (found {}); ignored",
                            describe(value.get_ref())
                        ),
                    ),
                },
                _ => self.unknown(key, "[sources]", SOURCES_KEYS),
            }
        }
    }
}

/// A share from 0 to 1, written as a float or as 0 or 1.
fn share(value: &DeValue) -> Option<f64> {
    let number = match value {
        DeValue::Float(f) => f.as_str().parse::<f64>().ok()?,
        DeValue::Integer(i) => i.as_str().parse::<f64>().ok()?,
        _ => return None,
    };
    (0.0..=1.0).contains(&number).then_some(number)
}

/// A value for a message, as the other settings' are, with a number as
/// written (a share out of range says what it was).
fn describe(value: &DeValue) -> String {
    match value {
        DeValue::Float(f) => f.as_str().to_owned(),
        DeValue::Integer(i) => i.as_str().to_owned(),
        other => walk::describe(other),
    }
}
