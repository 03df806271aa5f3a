use super::*;
use crate::analysis::Gender;
use crate::analysis::{analyze, Lexicon, LexiconExtra, Options, RegisteredPerson, SourceFormat};
use std::sync::Arc;

fn balance_of(text: &str, policy: GenderPolicy) -> Balance {
    count(
        &analyze(text, &Options::new(SourceFormat::PlainText)),
        policy,
    )
}

fn source<'b>(balance: &'b Balance, name: &str) -> &'b Source {
    (balance.sources.iter())
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no source {name:?} in {:#?}", balance.sources))
}

const FERRY: &str = "Ferry fares to rise in spring\n\n\
    Fares on the island ferry will rise by a tenth in April, the operator said.\n\n\
    Ms Ada Kerr, who chairs the passengers' group, said the rise was \"more than families here can bear\".\n\n\
    \"We were not asked,\" Ms Kerr said.\n\n\
    Boris Adeyemi, a fisherman, said: \"The boat is our road.\"\n\n\
    A spokeswoman for the operator said: \"Fuel has doubled.\"\n\n\
    The island council said it would \"write to the minister this week\".\n\n\
    One resident said: \"I will take the early boat less.\"\n\n\
    Tom Vance was not available.\n";

#[test]
fn each_speaker_is_one_source_of_its_kind() {
    let found = balance_of(FERRY, GenderPolicy::WithNames);
    let kinds: Vec<(&str, &str)> = (found.sources.iter())
        .map(|s| (s.name.as_str(), s.kind.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("Ada Kerr", "person"),
            ("Boris Adeyemi", "person"),
            ("A spokeswoman for the operator", "role"),
            ("The island council", "organisation"),
            ("One resident", "anonymous"),
        ]
    );
    // Named but never quoted: not a source.
    assert!(found.sources.iter().all(|s| s.name != "Tom Vance"));
    let kerr = source(&found, "Ada Kerr");
    assert_eq!(kerr.quotes.len(), 2);
    assert_eq!(kerr.words, 10);
}

#[test]
fn gender_is_decided_by_the_strongest_evidence_and_says_so() {
    let found = balance_of(FERRY, GenderPolicy::WithNames);
    let kerr = &source(&found, "Ada Kerr").gender;
    assert_eq!(
        (kerr.gender, kerr.decided_by),
        (Gender::Female, Some(EvidenceKind::Title))
    );
    assert_eq!(kerr.explain(), "woman — title “Ms” (2×)");
    let spokeswoman = &source(&found, "A spokeswoman for the operator").gender;
    assert_eq!(spokeswoman.gender, Gender::Female);
    assert_eq!(spokeswoman.decided_by, Some(EvidenceKind::RoleNoun));
    // `a fisherman` says nothing; only the given name does, and weakly.
    let adeyemi = &source(&found, "Boris Adeyemi").gender;
    assert_eq!(adeyemi.gender, Gender::Male);
    assert!(adeyemi.is_weak());
    assert_eq!(adeyemi.explain(), "man — given name only (weak) “Boris”");
    let council = &source(&found, "The island council").gender;
    assert_eq!(
        (council.gender, council.decided_by),
        (Gender::Unknown, None)
    );
}

#[test]
fn text_only_leaves_a_given_name_undecided() {
    let found = balance_of(FERRY, GenderPolicy::TextOnly);
    let adeyemi = &source(&found, "Boris Adeyemi").gender;
    assert_eq!(adeyemi.gender, Gender::Unknown);
    assert_eq!(
        adeyemi.explain(),
        "unknown — given name “Boris” not used (text-only)"
    );
    // What the text states still decides.
    assert_eq!(source(&found, "Ada Kerr").gender.gender, Gender::Female);
}

#[test]
fn a_pronoun_the_story_uses_decides_when_no_title_does() {
    let text = "Pier reopens\n\nKit Okonkwo-Hale, who runs the arcade, said she was \"delighted\".\n\n\"It has been a long winter,\" she said.\n";
    let found = balance_of(text, GenderPolicy::WithNames);
    let call = &source(&found, "Kit Okonkwo-Hale").gender;
    assert_eq!(
        (call.gender, call.decided_by),
        (Gender::Female, Some(EvidenceKind::Pronoun))
    );
}

#[test]
fn a_story_that_says_both_leaves_it_unknown() {
    let text = "Mill sold\n\nMs Jo Brack said the sale was \"sad but right\".\n\nMr Brack said: \"We kept every job.\"\n";
    let found = balance_of(text, GenderPolicy::WithNames);
    let call = &source(&found, "Jo Brack").gender;
    assert_eq!(call.gender, Gender::Unknown);
    assert!(
        call.explain().starts_with("unknown — the story says both"),
        "{}",
        call.explain()
    );
}

#[test]
fn mx_and_the_registers_they_are_nonbinary() {
    let text = "Library hours cut\n\nMx Sam Ortiz said the cut was \"a loss for the whole town\".\n\nRen Castell said: \"We will campaign.\"\n";
    let mut extra = LexiconExtra::default();
    extra.add_person(RegisteredPerson {
        name: "Ren Castell".into(),
        roles: Vec::new(),
        gender: Some(Gender::Nonbinary),
    });
    let options = Options {
        lexicon: Lexicon::with_extra(Arc::new(extra)),
        ..Options::new(SourceFormat::PlainText)
    };
    let found = count(&analyze(text, &options), GenderPolicy::WithNames);
    let ortiz = &source(&found, "Sam Ortiz").gender;
    assert_eq!(
        (ortiz.gender, ortiz.decided_by),
        (Gender::Nonbinary, Some(EvidenceKind::Title))
    );
    let castell = &source(&found, "Ren Castell").gender;
    assert_eq!(castell.gender, Gender::Nonbinary);
    assert_eq!(
        castell.explain(),
        "nonbinary — people register “pronoun = \"they\"”"
    );
}

#[test]
fn a_role_the_story_ties_to_a_person_is_that_person() {
    let text = "Bridge shut\n\nThe transport minister said the bridge was \"not safe\".\n\nMinister Dan Pruett said: \"We will reopen it by June.\"\n";
    let found = balance_of(text, GenderPolicy::WithNames);
    assert_eq!(found.sources.len(), 1, "{:#?}", found.sources);
    assert_eq!(found.sources[0].name, "Dan Pruett");
    assert_eq!(found.sources[0].quotes.len(), 2);
}

#[test]
fn the_tally_adds_up_and_gives_women_their_share_of_words() {
    let found = balance_of(FERRY, GenderPolicy::WithNames);
    let tally = Tally::of(&found);
    assert_eq!((tally.sources, tally.people, tally.roles), (5, 2, 1));
    assert_eq!((tally.organisations, tally.anonymous), (1, 1));
    assert_eq!((tally.women, tally.men, tally.unknown), (1, 1, 0));
    // Kerr 10 and the spokeswoman 3, of 10 + 5 + 3 + 7 words from people.
    assert_eq!((tally.women_words, tally.individual_words()), (13, 25));
    let mut desk = tally;
    desk.add(&tally);
    assert_eq!((desk.stories, desk.sources, desk.women_words), (2, 10, 26));
    assert_eq!(desk.women_share_of_words(), tally.women_share_of_words());
}

#[test]
fn headline_and_unattributed_quotes_are_not_a_source() {
    let text = "Pool 'will not close'\n\n\"Nobody told us anything at all.\"\n\nThe pool stays open until June.\n";
    let found = balance_of(text, GenderPolicy::WithNames);
    assert!(found.sources.is_empty(), "{found:#?}");
    assert_eq!(
        (found.unattributed_quotes, found.unattributed_words),
        (1, 6)
    );
}

#[test]
fn a_speaker_named_by_who_is_the_description_before_it() {
    let text = "Pier closed\n\nA resident, who asked not to be named, said: \"The pier was our summer.\"\n";
    let found = balance_of(text, GenderPolicy::WithNames);
    let names: Vec<(&str, SourceKind)> = found
        .sources
        .iter()
        .map(|s| (s.name.as_str(), s.kind))
        .collect();
    assert_eq!(names, [("A resident", SourceKind::Anonymous)], "{found:#?}");
}

#[test]
fn a_description_named_by_who_still_says_its_gender() {
    let text = "Pier closed\n\nA spokeswoman for the trust, who would not give her name, said: \"We had no choice.\"\n";
    let found = balance_of(text, GenderPolicy::TextOnly);
    let call = &found.sources[0].gender;
    assert_eq!(
        (call.gender, call.decided_by),
        (Gender::Female, Some(EvidenceKind::RoleNoun)),
        "{found:#?}"
    );
}

/// The one source named `name`'s gender call.
fn gender_of(text: &str, name: &str) -> GenderCall {
    source(&balance_of(text, GenderPolicy::WithNames), name)
        .gender
        .clone()
}

#[test]
fn a_pronoun_about_someone_else_does_not_make_a_woman_a_man() {
    let text = "Fisherman lost\n\nHis mother, Mary Collins, said he was \"the gentlest boy on the quay\".\n";
    let call = gender_of(text, "Mary Collins");
    assert_eq!(call.gender, Gender::Unknown, "{call:#?}");
    assert!(
        call.explain().starts_with("unknown — the story says both"),
        "{}",
        call.explain()
    );
}

#[test]
fn a_noun_that_contradicts_the_name_leaves_it_unknown() {
    let text = "Homes plan backed\n\nJane Holloway, chairman of the planning committee, said the plan was \"long overdue\".\n";
    assert_eq!(gender_of(text, "Jane Holloway").gender, Gender::Unknown);
}

#[test]
fn a_title_outranks_a_given_name_that_disagrees() {
    // `Joan` is listed as a woman's name, and is a Catalan man's: the
    // story's title settles it.
    let text = "Bakery saved\n\nMr Joan Puig said the bakery was \"saved by the village\".\n";
    let call = gender_of(text, "Joan Puig");
    assert_eq!(
        (call.gender, call.decided_by),
        (Gender::Male, Some(EvidenceKind::Title))
    );
}

#[test]
fn a_role_whose_noun_says_otherwise_is_not_merged_into_the_guess() {
    let text = "Trust chief quits\n\nThe chairwoman of the trust said \"we will rebuild\" after the resignation.\n\nPeter Grant, who led the appeal, said: \"I had to go.\"\n";
    let found = balance_of(text, GenderPolicy::WithNames);
    let grant = source(&found, "Peter Grant");
    assert_eq!(grant.quotes.len(), 1, "{found:#?}");
    assert!(
        found
            .sources
            .iter()
            .any(|s| s.kind == SourceKind::Role && s.gender.gender == Gender::Female),
        "{found:#?}"
    );
}

#[test]
fn a_pronoun_tied_to_nobody_is_an_anonymous_source() {
    let text = "Plant to close\n\n\"We were told on Monday,\" it said.\n";
    let found = balance_of(text, GenderPolicy::WithNames);
    let kinds: Vec<(&str, SourceKind)> = found
        .sources
        .iter()
        .map(|s| (s.name.as_str(), s.kind))
        .collect();
    assert_eq!(kinds, [("it", SourceKind::Anonymous)], "{found:#?}");
}

#[test]
fn a_nouns_evidence_points_at_the_noun() {
    let text = "Ferry cut\n\nA spokeswoman for the operator said: \"Fuel has doubled.\"\n\nKit Ferris, the union’s committeewoman, said: \"Crews are worried.\"\n";
    let found = balance_of(text, GenderPolicy::TextOnly);
    for name in ["A spokeswoman for the operator", "Kit Ferris"] {
        let call = &source(&found, name).gender;
        assert_eq!(
            call.decided_by,
            Some(EvidenceKind::RoleNoun),
            "{name}: {call:#?}"
        );
        let at = call.evidence[0]
            .range
            .clone()
            .expect("a place in the story");
        assert!(text[at].ends_with("woman"), "{name}: {call:#?}");
    }
}

#[test]
fn a_lone_name_that_is_then_he_is_a_person_and_one_that_is_it_a_firm() {
    let text = "Mill vote\n\nOrme said he would \"fight for every job\" at the mill.\n\nVantor said it would \"review the plans\".\n";
    let found = balance_of(text, GenderPolicy::TextOnly);
    let kinds: Vec<(&str, SourceKind, Gender)> = (found.sources.iter())
        .map(|s| (s.name.as_str(), s.kind, s.gender.gender))
        .collect();
    assert_eq!(
        kinds,
        [
            ("Orme", SourceKind::Person, Gender::Male),
            ("Vantor", SourceKind::Organisation, Gender::Unknown)
        ],
        "{found:#?}"
    );
}
