use super::rule::{Rule, Severity};
use crate::analysis::balance::{self, Tally};
use crate::analysis::Analysis;
use crate::config::Config;
use crate::diagnostic::Diagnostic;

/// Women have less than the desk's chosen share of the words quoted from
/// people. Opt-in: silent until `[sources] min_women_share` (or the
/// editor's `minWomenShare`) sets the share, since what counts as balance
/// is the newsroom's call, and a story with one voice is not wrong.
pub struct SourceBalance;

impl Rule for SourceBalance {
    fn code(&self) -> &'static str {
        "source-balance"
    }

    fn default_severity(&self) -> Severity {
        Severity::Hint
    }

    fn description(&self) -> &'static str {
        "women have less of the quoted words than [sources] min_women_share asks (off until it is set)"
    }

    fn check(&self, analysis: &Analysis, config: &Config) -> Vec<Diagnostic> {
        let Some(minimum) = config.sources.min_women_share else {
            return Vec::new();
        };
        let tally = Tally::of(&balance::count(analysis, config.sources.gender));
        let Some(share) = tally.women_share_of_words() else {
            return Vec::new();
        };
        if share >= minimum {
            return Vec::new();
        }
        let Some(at) = headline_line(analysis) else {
            return Vec::new();
        };
        // One decimal, so 29.6% is never shown as the 30% it falls short of.
        let message = format!(
            "Women have {:.1}% of the words quoted from people, below the {}% the desk asks for ({})",
            share * 100.0,
            percent(minimum),
            who(&tally)
        );
        vec![Diagnostic::new(self, at, message).with_help(
            "is there a woman who could speak to this story? The threshold is [sources] min_women_share in copydesk.toml",
        )]
    }
}

/// A threshold as a reader set it: `30`, `12.5`.
fn percent(share: f64) -> String {
    let percent = (share * 1000.0).round() / 10.0;
    format!("{percent}")
}

/// `1 woman, 3 men, 1 unknown` among the named people.
fn who(tally: &Tally) -> String {
    let mut parts = Vec::new();
    for (n, one, many) in [
        (tally.women, "woman", "women"),
        (tally.men, "man", "men"),
        (tally.nonbinary, "nonbinary person", "nonbinary people"),
        (tally.unknown, "unknown", "unknown"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {}", if n == 1 { one } else { many }));
        }
    }
    match parts.is_empty() {
        true => "no named person quoted".to_owned(),
        false => format!("named: {}", parts.join(", ")),
    }
}

/// The first paragraph's first line: where a story's totals belong.
fn headline_line(analysis: &Analysis) -> Option<std::ops::Range<usize>> {
    let first = analysis.document.paragraphs.first()?;
    let text = &analysis.document.prose[first.range.clone()];
    let line = text.find('\n').unwrap_or(text.len());
    let start = first.range.start + (text.len() - text.trim_start().len()).min(line);
    Some(start..first.range.start + text[..line].trim_end().len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::SourceFormat;
    use crate::config::SourcesConfig;
    use crate::draft::check_draft;

    const STORY: &str = "Harbour wall to be rebuilt\n\n\
        Mr Tom Reed, the harbour master, said the wall \"cannot take another winter of storms like the last one\".\n\n\
        \"We will start in March and finish by the autumn,\" Mr Reed said.\n\n\
        Ms Ada Kerr, who runs the cafe, said: \"Good.\"\n";

    fn findings(min_women_share: Option<f64>) -> Vec<Diagnostic> {
        let config = Config {
            sources: SourcesConfig {
                min_women_share,
                ..SourcesConfig::default()
            },
            ..Config::default()
        };
        check_draft(STORY, SourceFormat::PlainText, &config)
            .diagnostics
            .into_iter()
            .filter(|d| d.code == "source-balance")
            .collect()
    }

    #[test]
    fn silent_until_a_share_is_set() {
        assert!(findings(None).is_empty());
    }

    #[test]
    fn a_hint_on_the_headline_when_women_are_quoted_less_than_asked() {
        let found = findings(Some(0.3));
        assert_eq!(found.len(), 1, "{found:#?}");
        let d = &found[0];
        assert_eq!(d.severity, Severity::Hint);
        assert_eq!(&STORY[d.range.clone()], "Harbour wall to be rebuilt");
        assert!(
            d.message
                .starts_with("Women have 4.8% of the words quoted from people, below the 30% "),
            "{}",
            d.message
        );
        assert!(d.message.contains("named: 1 woman, 1 man"), "{}", d.message);
    }

    #[test]
    fn silent_when_the_share_is_met() {
        assert!(findings(Some(0.04)).is_empty());
    }
}
