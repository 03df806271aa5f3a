mod paraphrase;

use std::ops::Range;

use super::rule::{excerpt, Rule, Severity};
use crate::analysis::quote_words::{pieces, runs_in_order};
use crate::analysis::{Analysis, ParagraphKind};
use crate::config::Config;
use crate::diagnostic::Diagnostic;

/// A quotation in a headline or crosshead whose words are not quoted anywhere
/// in the body. Headlines are written last and shortened to fit, and a quote
/// reworded in the process puts words in someone's mouth: the headline must
/// quote words that the body quotes and attributes.
///
/// The words may also stand unquoted in a body paragraph: a headline puts
/// the name of a campaign or a show in quotation marks (`To ‘Reclaim Our
/// Schools’` beside `the Alliance to Reclaim Our Schools`) and may quote
/// words the body gives in a block quotation or reported speech. Those are
/// still the story's words, verbatim.
///
/// Quotes are compared as normalised word sequences (see
/// [`crate::analysis::quote_words`]): the
/// headline quote matches when its words run, whole word by whole word,
/// inside some body quotation — `‘absolutely no deafness’` is inside
/// `“absolutely no deafness or blindness.”`, `‘art’` is not inside
/// `“a fresh start”`. An ellipsis in the headline quote stands for words
/// left out: each part must appear, in order, in one body quotation.
///
/// A headline may also quote a claim in other words than the story gives
/// it (`Firm 'facing collapse'` over `the firm could collapse, the unions
/// warn`): house style in many newsrooms. The quote is left alone when one
/// sentence the body reports someone saying holds all but one of its
/// words of meaning, stemmed, every word in it that changes a claim (`must`,
/// `only`), and nothing it denies ([`paraphrase`]). A quote none of whose
/// words anyone is reported to use (`an act of vandalism` where the body
/// says `change the seafront for the worse`) puts new words in someone's
/// mouth, and a dropped `not` or a `might` made `must` is never grammar.
/// A headline is also written from its intro: when the words around the
/// quote are all in the intro's sentence of reported speech (`Games firms
/// 'face tough future'` over `UK video game firms face a testing time, the
/// industry warns`) and the quote keeps the claim's words and denies
/// nothing there, the quote is that claim in other words. Whether they keep
/// its sense (`'tough future'`, not `'bright future'`) takes a reader, so
/// that finding is a hint, whatever the rule's severity.
pub struct HeadlineQuote;

/// How many of a draft's headline quotes are checked as paraphrases.
const PARAPHRASES_CHECKED: usize = 16;

impl Rule for HeadlineQuote {
    fn code(&self) -> &'static str {
        "headline-quote"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn description(&self) -> &'static str {
        "a headline quote that is not in the body"
    }

    fn check(&self, analysis: &Analysis, _config: &Config) -> Vec<Diagnostic> {
        let prose = &analysis.document.prose;
        let headlines: Vec<usize> = (0..analysis.quotes.len())
            .filter(|&i| analysis.quotes[i].display)
            .collect();
        if headlines.is_empty() {
            return Vec::new();
        }
        let words = analysis.quote_words();
        let body_quotes: Vec<&[u32]> = (0..analysis.quotes.len())
            .filter(|&i| !analysis.quotes[i].display)
            .map(|i| words.ids(i))
            .collect();
        // The paragraphs are the whole body: only read when some headline
        // quote is not among the body's quotations. A word no quotation has
        // cannot be a headline quote's (those are numbered too).
        let mut paragraphs: Option<Vec<Vec<Option<u32>>>> = None;
        let mut sentences: Option<paraphrase::BodySentences> = None;
        let mut checked = 0;
        let mut out = Vec::new();
        for q in headlines {
            let ids = words.ids(q);
            if ids.is_empty() {
                continue;
            }
            let parts = pieces(ids, words.gaps(q));
            if body_quotes.iter().any(|b| runs_in_order(&parts, b)) {
                continue;
            }
            let paragraphs = paragraphs.get_or_insert_with(|| {
                analysis
                    .document
                    .paragraphs
                    .iter()
                    .filter(|p| p.kind == ParagraphKind::Body)
                    .map(|p| words.numbers_of(&prose[p.range.clone()]))
                    .collect()
            });
            let parts: Vec<Vec<Option<u32>>> = parts
                .iter()
                .map(|p| p.iter().copied().map(Some).collect())
                .collect();
            let parts: Vec<&[Option<u32>]> = parts.iter().map(Vec::as_slice).collect();
            if paragraphs.iter().any(|p| runs_in_order(&parts, p)) {
                continue;
            }
            let range = analysis.quotes[q].span.segments[0].clone();
            // A headline has a quote or two: more (a pasted line of quotes
            // read as the headline) are checked verbatim only.
            let body = (checked < PARAPHRASES_CHECKED).then(|| {
                checked += 1;
                sentences.get_or_insert_with(|| paraphrase::BodySentences::read(analysis))
            });
            let quoted = excerpt(&prose[range.clone()], 48);
            let finding = match body.map(|b| reading(b, analysis, range.clone())) {
                Some(Reading::Paraphrase) => continue,
                Some(Reading::RewordsIntro) => Diagnostic::new(
                    self,
                    range,
                    format!("Headline quote {quoted} rewords the intro: check that the source said as much"),
                )
                .with_help("the intro reports this claim in other words; quote them, or drop the quotation marks")
                .at_most(Severity::Hint),
                _ => Diagnostic::new(
                    self,
                    range,
                    format!("Headline quote {quoted} does not appear in the story: quote the body exactly, or attribute it there"),
                )
                .with_help("headline quotes must be words someone said in the body"),
            };
            out.push(finding);
        }
        out
    }
}

/// How the body reports a headline quote that it does not quote.
enum Reading {
    /// One sentence of speech holds its words ([`paraphrase`]).
    Paraphrase,
    /// The headline restates its intro, the quote in words the intro does
    /// not use: a sub-editor may pass it, but only a reader can tell.
    RewordsIntro,
    Neither,
}

fn reading(body: &paraphrase::BodySentences, analysis: &Analysis, range: Range<usize>) -> Reading {
    let prose = &analysis.document.prose;
    if body.paraphrased_by(analysis, &prose[range.clone()]) {
        return Reading::Paraphrase;
    }
    if body.restates_intro(analysis, range) {
        Reading::RewordsIntro
    } else {
        Reading::Neither
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, Options, SourceFormat};

    fn findings(text: &str) -> Vec<String> {
        let analysis = analyze(text, &Options::new(SourceFormat::PlainText));
        HeadlineQuote
            .check(&analysis, &Config::default())
            .into_iter()
            .map(|d| text[d.range].to_owned())
            .collect()
    }

    /// Whether a story headlined with `headline` (a quotation in it) and
    /// with each of `body` as a paragraph of its own finds the headline's
    /// quotation in the body.
    fn body_has(body: &[&str], headline: &str) -> bool {
        let mut text = format!("Council {headline} on library\n\n");
        for q in body {
            text.push_str(q);
            text.push_str(" said Ann Lee.\n\n");
        }
        findings(&text).is_empty()
    }

    #[test]
    fn a_shortened_headline_quote_is_found_inside_a_body_quote() {
        assert!(body_has(
            &["“absolutely no deafness or blindness.”"],
            "'absolutely no deafness'"
        ));
        assert!(body_has(&["“Relations are above zero,”"], "‘Above zero’"));
    }

    #[test]
    fn a_quote_running_over_two_paragraphs_counts_as_one() {
        // No single paragraph holds `will not give up`: only the quotation,
        // read across its paragraph break, does.
        let text = "Council 'will not give up' on library\n\n\
            Ann Lee said: “We will not\n\n\
            “give up on the library, whatever it costs.”\n";
        assert!(findings(text).is_empty(), "{:?}", findings(text));
    }

    #[test]
    fn a_headline_quote_with_no_body_is_flagged() {
        assert!(!body_has(&[], "'cuts ahead'"));
    }

    #[test]
    fn matching_is_word_by_word() {
        assert!(!body_has(&["“a fresh start”"], "'art'"));
        assert!(!body_has(&["“the party is over”"], "'is overdue'"));
        assert!(body_has(&["“the party is over”"], "'party is over'"));
    }

    #[test]
    fn a_headline_quote_must_not_straddle_two_body_quotes() {
        // (nor is it a paraphrase: no one sentence has all but one of its words)
        assert!(!body_has(
            &["“we will cut”", "“the fares”"],
            "'will cut the bus fares'"
        ));
    }

    #[test]
    fn ellipsis_parts_must_appear_in_order_in_one_quote() {
        let body = ["“We will not, whatever they say, close the library”"];
        assert!(body_has(&body, "'We will not … close the library'"));
        // (an ellipsis claims the body's words, so no paraphrase either)
        assert!(!body_has(&body, "'close the library … we will not'"));
    }

    #[test]
    fn a_headline_paraphrasing_one_sentence_is_left_alone() {
        let said = "The operator is abandoning its rural routes, Ann Lee said.";
        assert!(body_has(&[said], "'abandoning rural route'"));
        // `fees` meets `fee`, `truanted` meets `truant`
        assert!(body_has(
            &["She played truant to avoid the fees."],
            "'truanted over fee'"
        ));
        assert!(body_has(&[said], "'abandonment'"));
        // all but one word of meaning is enough: `facing` is the headline's
        let evicted = "She may be evicted next month, her lawyer said.";
        assert!(body_has(&[evicted], "'facing eviction'"));
        assert!(!body_has(&[evicted], "'facing arrest'"));
        // ...in one sentence of speech: narrative is no one's words
        let apart = "The operator is abandoning buses. Its routes are rural.";
        assert!(!body_has(&[apart], "'bus abandonment'"));
        // and more missing is new words in someone's mouth
        assert!(!body_has(&[said], "'will ruin village bus services'"));
        // `according to` reports speech too
        let reported = "The singer faces eviction next month, according to her lawyer.";
        assert!(body_has(&[reported], "'facing eviction'"));
    }

    /// The severity of the finding on a story with `headline` and `body`
    /// (paragraphs apart), if any.
    fn finding_on(headline: &str, body: &[&str]) -> Option<Severity> {
        let text = format!("{headline}\n\n{}\n", body.join("\n\n"));
        let analysis = analyze(&text, &Options::new(SourceFormat::PlainText));
        let found = HeadlineQuote.check(&analysis, &Config::default());
        assert!(found.len() <= 1, "{found:?}");
        found.first().map(|d| d.severity)
    }

    const HINT: Option<Severity> = Some(Severity::Hint);
    const WARNING: Option<Severity> = Some(Severity::Warning);

    #[test]
    fn a_headline_restating_its_intro_in_other_words_is_a_hint() {
        // The words around the quote are the intro's, and the intro is
        // reported speech: the quote is the source's claim in other words,
        // which only a reader can weigh.
        let intro =
            "Small bakeries face a testing winter as flour prices climb, the trade body warns.";
        assert_eq!(
            finding_on("Small bakeries 'in for hard times'", &[intro]),
            HINT
        );
        assert_eq!(finding_on("Small bakeries 'thriving'", &[intro]), HINT);
        // who said it may be named otherwise (`says trade body` / `warns`)
        let attributed = "Small bakeries 'struggling' says trade body";
        assert_eq!(finding_on(attributed, &[intro]), HINT);
        // a verb of speech before the quote may be worded otherwise
        let union = "Small bakeries face a testing winter, the union warns.";
        let says = "Union says small bakeries 'in for hard times'";
        assert_eq!(finding_on(says, &[union]), HINT);
        // all but one of the quote's words in the intro: a paraphrase
        assert_eq!(
            finding_on("Small bakeries 'face testing winter'", &[intro]),
            None
        );
    }

    #[test]
    fn a_headline_that_does_not_restate_its_intro_is_flagged() {
        let intro =
            "Small bakeries face a testing winter as flour prices climb, the trade body warns.";
        // the headline's words must all be the intro's...
        assert_eq!(
            finding_on("Rural bakeries 'in for hard times'", &[intro]),
            WARNING
        );
        // ...and two at least: one word pins nothing down
        assert_eq!(
            finding_on("Bakeries 'in for hard times'", &[intro]),
            WARNING
        );
        // the attribution ends at a mark: what follows is the headline's
        let more = "Small bakeries 'doomed', says trade body, as minister resigns";
        assert_eq!(finding_on(more, &[intro]), WARNING);
        // the intro, not a later paragraph
        let later = ["The cost of living keeps rising.", intro];
        assert_eq!(
            finding_on("Small bakeries 'in for hard times'", &later),
            WARNING
        );
        // reported speech, not the story's own narration
        let narrated = "Small bakeries face a testing winter as flour prices climb.";
        assert_eq!(
            finding_on("Small bakeries 'in for hard times'", &[narrated]),
            WARNING
        );
    }

    #[test]
    fn a_crosshead_is_not_written_from_the_intro() {
        let text = "# Bread and winter\n\n\
            Small bakeries face a testing winter as flour prices climb, the trade body warns.\n\n\
            ## Small bakeries 'in for hard times'\n\n\
            Owners met in the town hall on Monday.\n";
        let analysis = analyze(text, &Options::new(SourceFormat::Markdown));
        let found = HeadlineQuote.check(&analysis, &Config::default());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].severity, Severity::Warning);
    }

    #[test]
    fn a_restated_intro_still_needs_the_quotes_claim_words() {
        let intro = "The minister said the leak from the inquiry was regrettable.";
        assert_eq!(
            finding_on("Minister 'disappointed' by leak", &[intro]),
            HINT
        );
        assert_eq!(
            finding_on("Minister 'furious' over leak", &[intro]),
            WARNING
        );
        assert_eq!(
            finding_on("Minister 'must go' over leak", &[intro]),
            WARNING
        );
        let denied = "The minister said the inquiry leak did no harm.";
        assert_eq!(finding_on("Inquiry leak 'harmful'", &[denied]), WARNING);
        let said = "The minister said the inquiry leak did harm.";
        assert_eq!(finding_on("Inquiry leak 'harmful'", &[said]), None);
    }

    #[test]
    fn a_loaded_word_the_body_never_reports_is_flagged() {
        let said = "Jo Hale said the cuts to hospital budgets were necessary.";
        assert!(!body_has(&[said], "'lied about cuts'"));
        let hurt = "Jo Hale said the cuts would hurt patients.";
        assert!(!body_has(&[hurt], "'will kill patients'"));
        assert!(body_has(&[hurt], "'will hurt patients'"));
    }

    #[test]
    fn a_paraphrase_that_drops_a_negation_is_flagged() {
        let denied = "The mayor said she would not close the library.";
        assert!(!body_has(&[denied], "'will close library'"));
        assert!(body_has(&[denied], "'will not close library'"));
        // a negation reaches to the next mark, over the words between
        let no_plans = "The council has no plans to close the library.";
        assert!(!body_has(&[no_plans], "'to close library'"));
        assert!(!body_has(
            &["Fees were not a major factor."],
            "'fee factor'"
        ));
        assert!(body_has(&["Never again, fees rose."], "'fees rose'"));
        // and a denying quote needs its words denied, not beside a denial
        let pool = "The council will close the library, but not the pool.";
        assert!(!body_has(&[pool], "'will not close library'"));
        assert!(body_has(&[pool], "'will close library'"));
    }

    #[test]
    fn a_claim_qualified_differently_is_flagged() {
        let said = "Ann Lee said the council might close two libraries.";
        assert!(!body_has(&[said], "'must close libraries'"));
        assert!(body_has(&[said], "'might close libraries'"));
        // stems, not first letters: a protest is no protection
        let protest = "Residents protested against the library closure.";
        assert!(!body_has(&[protest], "'protecting'"));
        assert!(body_has(&[protest], "'protest'"));
    }

    #[test]
    fn flags_only_headline_quotes_missing_from_the_body() {
        let text = "Mayor 'will not close' library, but 'cuts ahead'\n\n\
            The mayor said on Monday that she “will not close the library”.\n\n\
            “There will be savings elsewhere,” she said.\n";
        assert_eq!(findings(text), ["'cuts ahead'"]);
    }
}
