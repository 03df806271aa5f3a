//! Quoted words nobody is said to say, talked about rather than reported:
//! set aside as terms, not flagged as unattributed quotations (wording
//! invented). Read with the hand-written rules, which leave these quotes
//! without a speaker, so the step after attribution is what is tested.

use copydesk::analysis::{analyze, Chooser, Options, SourceFormat};

/// Each quotation in `text`, with whether it was read as a term.
fn terms(text: &str) -> Vec<(String, bool)> {
    let mut options = Options::new(SourceFormat::PlainText);
    options.speakers = Chooser::Rules;
    let analysis = analyze(text, &options);
    (analysis.quotes.iter())
        .map(|q| (text[q.span.range.clone()].to_owned(), q.term))
        .collect()
}

#[test]
fn words_that_is_introduces_or_that_are_its_subject_are_a_term() {
    let after_colon =
        "Vote agreed\n\nIt will be: \"Should the county keep its own police force?\"\n";
    assert!(terms(after_colon)[0].1, "{:?}", terms(after_colon));
    let subject = "Vote agreed\n\n\"Fair shares for all\" is the slogan on every poster.\n";
    assert!(terms(subject)[0].1, "{:?}", terms(subject));
    // A sentence in the marks is speech, whoever it belongs to.
    let speech = "Vote agreed\n\n\"We will not move the stage,\" was all she would say.\n";
    assert!(!terms(speech)[0].1, "{:?}", terms(speech));
}
