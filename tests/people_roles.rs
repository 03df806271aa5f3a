//! The roles a story gives the people it names, in the shapes reporters
//! write them (all wording invented).

use copydesk::analysis::{analyze, Options, SourceFormat};

/// Each person the story names, with the roles it gives them.
fn roles(text: &str) -> Vec<(String, Vec<String>)> {
    let analysis = analyze(text, &Options::new(SourceFormat::PlainText));
    let people = analysis.people.persons.iter();
    people
        .map(|p| {
            (
                p.name.clone(),
                p.roles.iter().map(|r| r.text.clone()).collect(),
            )
        })
        .collect()
}

fn roles_of(text: &str, name: &str) -> Vec<String> {
    let all = roles(text);
    let found = all.iter().find(|(n, _)| n == name);
    found
        .unwrap_or_else(|| panic!("{name} not among {all:?}"))
        .1
        .clone()
}

const HEADLINE: &str = "Pool to stay open\n\n";

#[test]
fn a_relative_clause_saying_what_someone_does_is_their_role() {
    let text = format!(
        "{HEADLINE}Ruth Adair, who chairs the Friends of Dunmore Baths, said the vote was close.\n"
    );
    assert_eq!(
        roles_of(&text, "Ruth Adair"),
        ["chairs the Friends of Dunmore Baths"]
    );
    let text =
        format!("{HEADLINE}Ruth Adair, who is the club’s treasurer, said the vote was close.\n");
    assert_eq!(roles_of(&text, "Ruth Adair"), ["the club’s treasurer"]);
}

#[test]
fn a_relative_clause_telling_a_story_is_no_role() {
    let text =
        format!("{HEADLINE}Ruth Adair, who has swum there since 1979, said the vote was close.\n");
    assert!(roles_of(&text, "Ruth Adair").is_empty());
    let text = format!("{HEADLINE}Ruth Adair, who says she swims daily, wants it open.\n");
    assert!(roles_of(&text, "Ruth Adair").is_empty());
    for clause in [
        "who is 45",
        "who was not available for comment",
        "who was injured in the flood",
        "who always votes Labour",
        "who lives nearby",
    ] {
        let text = format!("{HEADLINE}Ruth Adair, {clause}, said the vote was close.\n");
        assert!(roles_of(&text, "Ruth Adair").is_empty(), "{clause}");
    }
}

#[test]
fn acting_for_someone_is_a_role() {
    let text =
        format!("{HEADLINE}Acting for the council, Piotr Nowak said the closure was lawful.\n");
    assert_eq!(roles_of(&text, "Piotr Nowak"), ["acting for the council"]);
    // a participle that says nothing of whom they act for is no role
    let text =
        format!("{HEADLINE}Speaking after the vote, Piotr Nowak said the closure was lawful.\n");
    assert!(roles_of(&text, "Piotr Nowak").is_empty());
}

#[test]
fn a_named_owner_before_a_role_is_part_of_it() {
    let text = format!("{HEADLINE}Mrs Kemp's lawyer, Isaac Dorn, said she would appeal.\n");
    assert_eq!(roles_of(&text, "Isaac Dorn"), ["Mrs Kemp's lawyer"]);
    // the sentence's opening word is not the owner's
    let text = format!("{HEADLINE}But Mrs Kemp's lawyer, Isaac Dorn, said she would appeal.\n");
    assert_eq!(roles_of(&text, "Isaac Dorn"), ["Mrs Kemp's lawyer"]);
}

#[test]
fn a_modifier_capitalised_only_by_the_sentence_is_lowered() {
    let text = format!("{HEADLINE}Former manager Alan Pryce said the pool was losing money.\n");
    assert_eq!(roles_of(&text, "Alan Pryce"), ["former manager"]);
    // a title keeps its capital, an acronym does not make one
    let text = format!("{HEADLINE}Councillor Alan Pryce said the pool was losing money.\n");
    assert_eq!(roles_of(&text, "Alan Pryce"), ["Councillor"]);
    let text = format!("{HEADLINE}Shadow Chancellor Alan Pryce said the pool was losing money.\n");
    assert_eq!(roles_of(&text, "Alan Pryce"), ["Shadow Chancellor"]);
    let text = format!("{HEADLINE}Local MSP Alan Pryce said the pool was losing money.\n");
    assert_eq!(roles_of(&text, "Alan Pryce"), ["local MSP"]);
}
