//! Which capitalised names in a story are people: the evidence that makes
//! an unfamiliar full name someone's, and the look-alikes that stay out
//! (all wording invented).

use copydesk::analysis::{analyze, Options, SourceFormat};

/// The names of the people the story introduces.
fn people(text: &str) -> Vec<String> {
    let analysis = analyze(text, &Options::new(SourceFormat::PlainText));
    analysis
        .people
        .persons
        .iter()
        .map(|p| p.name.clone())
        .collect()
}

const HEADLINE: &str = "Ferry row\n\n";

#[test]
fn a_surname_that_speaks_alone_makes_an_unfamiliar_full_name_someone() {
    for speaks in ["“We are full,” Vannet said.", "“We are full,” said Vannet."] {
        let text = format!("{HEADLINE}Eldric Vannet runs the ferry.\n\n{speaks}\n");
        assert_eq!(people(&text), ["Eldric Vannet"], "{speaks}");
    }
    // Without it, an unfamiliar given name is not enough.
    let text = format!("{HEADLINE}Eldric Vannet runs the ferry.\n\nThe boats are full.\n");
    assert!(people(&text).is_empty());
}

#[test]
fn a_paper_an_acronym_or_an_opening_word_is_no_given_name() {
    let text =
        format!("{HEADLINE}The Tidewater Post was sold.\n\n“We will print,” the Post said.\n");
    assert!(people(&text).is_empty(), "{:?}", people(&text));
    let text =
        format!("{HEADLINE}Harbour Rising PAC welcomed it.\n\n“It is good news,” said PAC.\n");
    assert!(people(&text).is_empty(), "{:?}", people(&text));
    // `Interestingly` and `Can` open sentences; `Brannock` who speaks is
    // Maria Brannock, named in full with a given name we know.
    let text =
        format!("{HEADLINE}Interestingly Vannet never replied.\n\n“No comment,” Vannet said.\n");
    assert!(!people(&text).iter().any(|p| p.starts_with("Interestingly")));
    let text = format!(
        "{HEADLINE}Can Brannock keep the price? Maria Brannock thinks so.\n\n“Yes,” Brannock said.\n"
    );
    assert_eq!(people(&text), ["Maria Brannock"]);
}

#[test]
fn an_office_after_a_comma_vouches_for_a_name_without_an_article() {
    let text = format!(
        "{HEADLINE}“It is unfair,” said Osric Penhale, president of the county law society.\n"
    );
    assert_eq!(people(&text), ["Osric Penhale"]);
    // A capitalised word after the comma is not an office.
    let text = format!("{HEADLINE}Osric Penhale, Chair Lane, was closed.\n");
    assert!(people(&text).is_empty(), "{:?}", people(&text));
}

#[test]
fn a_double_barrelled_surname_alone_is_the_same_person() {
    let text = format!(
        "{HEADLINE}Trust chair Ruth Ashby Lane rejected the claim.\n\n“It was audited,” Ashby Lane said.\n"
    );
    assert_eq!(people(&text), ["Ruth Ashby Lane"]);
}

#[test]
fn a_place_or_a_verb_that_says_something_is_nobody() {
    // `Orme said he…` makes Orme someone; a place after a preposition, or a
    // verb opening a sentence, is not.
    let text = format!("{HEADLINE}Orme said he would stand again.\n");
    assert_eq!(people(&text), ["Orme"]);
    let text = format!("{HEADLINE}Speaking to farmers in Dorrow, said he would stand.\n");
    assert!(people(&text).is_empty(), "{:?}", people(&text));
    let text = format!("{HEADLINE}Keeps saying she was never there.\n");
    assert!(people(&text).is_empty(), "{:?}", people(&text));
    let text = format!("{HEADLINE}Jo Hale, who lives outside Dorrow, says she will stand.\n");
    assert_eq!(people(&text), ["Jo Hale"]);
    // A group says things too: `Analysts say she…`, `Syrians, said he…`.
    let text = format!("{HEADLINE}Analysts say she will raise rates.\n");
    assert!(people(&text).is_empty(), "{:?}", people(&text));
    let text = format!("{HEADLINE}He would admit 5,000 Syrians, said he would not.\n");
    assert!(people(&text).is_empty(), "{:?}", people(&text));
}

#[test]
fn a_body_or_a_headline_run_on_is_nobody() {
    // `State` is a title in `State Senator Jo Hale`, but `State Department`
    // is a body.
    let text = format!("{HEADLINE}The emails went to the State Department on Monday.\n");
    assert!(people(&text).is_empty(), "{:?}", people(&text));
    // A headline's name runs on into its title-case verb and object.
    let text = "Claudia Renner Beats Establishment\n\nClaudia Renner won the seat. The Establishment said nothing.\n";
    assert_eq!(people(text), ["Claudia Renner"]);
}

#[test]
fn a_nationality_is_a_surname_only_after_a_given_name_or_as_a_speaker() {
    let text =
        format!("{HEADLINE}Mark Cuban, who owns a team, may run.\n\n“It is early,” Cuban said.\n");
    assert_eq!(people(&text), ["Mark Cuban"]);
    let text = format!("{HEADLINE}Cuban officials said the ferry would sail.\n");
    assert!(people(&text).is_empty(), "{:?}", people(&text));
}

#[test]
fn a_surname_that_is_also_a_word_is_still_someone() {
    // `Daly`, `Manning`, `King`: said by the person, then `he`.
    for name in ["Daly", "Manning", "King", "Bishop"] {
        let text = format!("{HEADLINE}“It is late,” {name} said. He said the buses had stopped.\n");
        assert_eq!(people(&text), [name], "{name}");
    }
}

#[test]
fn the_one_told_is_no_speaker_and_a_place_has_no_office() {
    let text =
        format!("{HEADLINE}Eldric Marlowe runs the depot. The union told Marlowe he must pay.\n");
    assert!(people(&text).is_empty(), "{:?}", people(&text));
    let text =
        format!("{HEADLINE}He was joined by Osric Penhale, president of the county law society.\n");
    assert_eq!(people(&text), ["Osric Penhale"]);
    let text = format!(
        "{HEADLINE}After the vote in Tower Hamlets, chair of the committee Jo Hale resigned.\n"
    );
    assert!(
        !people(&text).iter().any(|p| p == "Tower Hamlets"),
        "{:?}",
        people(&text)
    );
}
