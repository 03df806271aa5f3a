use expect_test::{expect, Expect};

use super::text::{abbreviate_quote, md};
use super::*;
use crate::analysis::balance::GenderPolicy;
use crate::analysis::{analyze, Options, SourceFormat};

/// The draft every hover test reads.
const DRAFT: &str = "\
Minister: ‘We will not back down’

The minister has said the army will “stay the course” in the region.

Ben Wallace, the Defence Secretary, told MPs on Monday: “We will not back down. Our troops know their job.

“They have the support of this House.”

Mr Wallace’s critics were unmoved. “He has no plan,” said Sergei Lavrov, Russia’s foreign minister.

Mr Lavrov said he was disappointed. “It was a conversation between the deaf and the dumb,” he said. “Nothing changed.”

The so-called “Brexit bus” was parked outside. “Nobody believes this any more.”

A spokesman for the Kremlin said: “We have nothing to add.”

According to the harbour authority, it was “the worst in years”.

Wallace met Olena Petrenko, the Ukrainian ambassador, later.
";

/// The hover where `$0` stands in `at`, a piece of the draft: the words
/// it covers, then its Markdown.
fn check(at: &str, expected: Expect) {
    let cursor = at.find("$0").expect("a $0 cursor");
    let offset = DRAFT
        .find(&at.replace("$0", ""))
        .expect("the marked text is in the draft")
        + cursor;
    let text = DRAFT.to_owned();
    let analysis = analyze(&text, &Options::default());
    let actual = match hover(&analysis, offset) {
        Some(h) => format!("[{}]\n{}", &text[h.range], h.markdown),
        None => "no hover\n".to_owned(),
    };
    expected.assert_eq(&actual);
}

#[test]
fn person_with_register_roles() {
    let file = crate::config::file::parse(
        "[[people]]\nname = \"Ben Wallace\"\nroles = [\"defence secretary\", \"MP for Wyre\"]\n",
    );
    let analysis = analyze(DRAFT, &file.config.options(SourceFormat::PlainText));
    let offset = DRAFT.find("Mr Wallace’s").unwrap() + 4;
    let markdown = hover(&analysis, offset).unwrap().markdown;
    assert!(
        markdown.contains("**Role:** Defence Secretary — line 5\n\nFrom the people register: defence secretary; MP for Wyre\n"),
        "{markdown}"
    );
}

#[test]
fn person_with_role_forms_possessive_and_a_guess() {
    check(
        "Mr Wa$0llace’s",
        expect![[r#"
            [Mr Wallace’s]
            ### Ben Wallace

            **Role:** Defence Secretary — line 5

            **Gender:** man — title “Mr”

            **Referred to as:** Ben Wallace ×1, Mr Wallace ×1, Wallace ×1

            **First mention:** line 5, full name

            **Quotes:** 1 — on line 5: “We will not back down. Our troops know…”

            **Probably also:** The minister (line 3) — a guess
        "#]],
    );
    check(
        "Wallace’$0s",
        expect![[r#"
            [Mr Wallace’s]
            ### Ben Wallace

            **Role:** Defence Secretary — line 5

            **Gender:** man — title “Mr”

            **Referred to as:** Ben Wallace ×1, Mr Wallace ×1, Wallace ×1

            **First mention:** line 5, full name

            **Quotes:** 1 — on line 5: “We will not back down. Our troops know…”

            **Probably also:** The minister (line 3) — a guess
        "#]],
    );
}

#[test]
fn person_named_but_never_quoted() {
    check(
        "Olena$0",
        expect![[r#"
        [Olena Petrenko]
        ### Olena Petrenko

        **Role:** Ukrainian ambassador — line 19

        **Referred to as:** Olena Petrenko ×1

        **First mention:** line 19, full name

        **Quotes:** none
    "#]],
    );
}

#[test]
fn person_whose_quotes_are_carried_by_a_pronoun() {
    check(
        "Mr Lav$0rov said",
        expect![[r#"
            [Mr Lavrov]
            ### Sergei Lavrov

            **Gender:** man — title “Mr”

            **Referred to as:** Sergei Lavrov ×1, Mr Lavrov ×1

            **First mention:** line 9, full name

            **Quotes:** 3 — the first on line 9: “He has no plan,”
        "#]],
    );
}

#[test]
fn quote_attributed_after() {
    check(
        "no plan$0",
        expect![[r#"
        [“He has no plan,”]
        ### Quote: Sergei Lavrov

        **Speaker:** Sergei Lavrov

        Attributed by `“…,” said Sergei Lavrov` on line 9.
    "#]],
    );
}

#[test]
fn quote_attributed_by_pronoun() {
    check(
        "deaf$0 and",
        expect![[r#"
        [“It was a conversation between the deaf and the dumb,”]
        ### Quote: Sergei Lavrov

        **Speaker:** Sergei Lavrov — pronoun “he” → Sergei Lavrov

        Attributed by `“…,” he said` on line 11.
    "#]],
    );
}

#[test]
fn quote_continued_in_the_same_paragraph() {
    check(
        "Nothing$0 changed",
        expect![[r#"
        [“Nothing changed.”]
        ### Quote: Sergei Lavrov

        **Speaker:** Sergei Lavrov — pronoun “he” → Sergei Lavrov

        No attribution of its own: follows `he said` earlier in the paragraph (line 11).
    "#]],
    );
}

#[test]
fn quote_continued_over_paragraphs() {
    check(
        "They$0 have",
        expect![[r#"
        [“We will not back down. Our troops know their job.

        “They have the support of this House.”]
        ### Quote: Ben Wallace

        Continues the quote begun on line 5 (one quotation over 2 paragraphs).

        **Speaker:** Ben Wallace

        Attributed by `Ben Wallace, the Defence Secretary, told MPs on Monday: “…` on line 5.
    "#]],
    );
}

#[test]
fn quote_by_role_guessed() {
    check(
        "stay$0 the",
        expect![[r#"
        [“stay the course”]
        ### Quote: The minister

        **Speaker:** The minister — role “The minister” — probably Ben Wallace (a guess)

        Attributed by `The minister has said the army will “…”` on line 3.
    "#]],
    );
}

#[test]
fn quote_from_a_source() {
    check(
        "worst$0 in",
        expect![[r#"
        [“the worst in years”]
        ### Quote: the harbour authority

        **Speaker:** the harbour authority — an organisation

        Attributed to a source: `According to the harbour authority, it was “…”` on line 17.
    "#]],
    );
}

#[test]
fn term_unattributed_and_headline() {
    check(
        "Brexit$0",
        expect![[r#"
        [“Brexit bus”]
        ### Quoted term

        Read as a quoted term (a title, a nickname or scare quotes), not speech: it needs no speaker.
    "#]],
    );
    check(
        "Nobody$0",
        expect![[r#"
        [“Nobody believes this any more.”]
        ### Quote: no speaker found

        No speaker found.

        *Fix:* name the speaker next to it, e.g. “…,” she said. — or, if it is a term rather than speech, introduce it as one (so-called, known as)
    "#]],
    );
    check(
        "back$0 down’",
        expect![[r#"
        [‘We will not back down’]
        ### Headline quote

        Headlines quote what the body attributes; the speaker is named there.

        In the body on line 5: “We will not back down. Our troops know…” — Ben Wallace
    "#]],
    );
}

#[test]
fn speaker_words_that_are_not_a_name() {
    check(
        "dumb,” h$0e said",
        expect![[r#"
        [he]
        ### Quote: Sergei Lavrov

        **Speaker:** Sergei Lavrov — pronoun “he” → Sergei Lavrov

        Attributed by `“…,” he said` on line 11.
    "#]],
    );
    check(
        "harbour auth$0ority,",
        expect![[r#"
        [the harbour authority]
        ### Quote: the harbour authority

        **Speaker:** the harbour authority — an organisation

        Attributed to a source: `According to the harbour authority, it was “…”` on line 17.
    "#]],
    );
}

#[test]
fn nothing_between_people_and_quotes() {
    check(
        "critics$0",
        expect![[r#"
        no hover
    "#]],
    );
}

#[test]
fn opening_words_keep_the_marks() {
    assert_eq!(
        opening_words("“One two three, four five six seven eight nine ten.”", 4),
        "“One two three, four…”"
    );
    assert_eq!(opening_words("“Short\n one.”", 8), "“Short one.”");
    assert_eq!(abbreviate_quote("“Yes, we will,”"), "“…,”");
    assert_eq!(abbreviate_quote("“Yes.”"), "“…”");
    assert_eq!(abbreviate_quote("“Unclosed"), "“…");
}

#[test]
fn markdown_is_escaped() {
    assert_eq!(md("a *b* [c] `d`"), "a \\*b\\* \\[c\\] \\`d\\`");
}

/// The `Gender:` line of the card at `needle` in `text`, if any.
fn gender_line(text: &str, needle: &str, policy: GenderPolicy) -> Option<String> {
    let analysis = analyze(text, &Options::default());
    let offset = text.find(needle).expect("the needle is in the text") + 1;
    let markdown = hover_with(&analysis, offset, policy).unwrap().markdown;
    markdown
        .lines()
        .find(|l| l.starts_with("**Gender:**"))
        .map(str::to_owned)
}

#[test]
fn a_sources_card_says_how_their_gender_was_decided() {
    let text = "\
Pier to close

Harold Vance, the pier manager, said: “It is shut for good.”

Councillor Ines Maro said she was “appalled”. Ms Maro added: “We were not asked.”

Dr Kit Arden, who built the pier, watched.
";
    // the given name alone, labelled weak; and not used in text-only mode
    assert_eq!(
        gender_line(text, "Harold", GenderPolicy::WithNames).as_deref(),
        Some("**Gender:** man — given name only (weak) “Harold”")
    );
    assert_eq!(
        gender_line(text, "Harold", GenderPolicy::TextOnly).as_deref(),
        Some("**Gender:** unknown — given name “Harold” not used (text-only)")
    );
    // a title beats the given name, whatever the policy
    assert_eq!(
        gender_line(text, "Ms Maro", GenderPolicy::TextOnly).as_deref(),
        Some("**Gender:** woman — title “Ms”")
    );
    // someone named but not quoted is not a source: nothing is decided
    assert_eq!(
        gender_line(text, "Kit Arden", GenderPolicy::WithNames),
        None
    );
    // `hover` decides as `names` does
    let analysis = analyze(text, &Options::default());
    let at = text.find("Harold").unwrap();
    assert_eq!(
        hover(&analysis, at),
        hover_with(&analysis, at, GenderPolicy::WithNames)
    );
}

#[test]
fn quote_by_a_name_with_a_role_set_off_shows_the_name_and_its_verb() {
    // The speaker model picks the role between the commas here (a quote
    // over two paragraphs); the card shows the name and the verb of speech
    // that attribute the quote, not "no verb of speech names the speaker".
    let text = "Pool to reopen\n\n\
        The Elm Street pool will reopen on Saturday after a two-year refit paid for by the town council.\n\n\
        Kit Mallory, the pool manager, said: “The water is finally warm, and the roof no longer leaks onto the lanes.\n\n\
        “The changing rooms are new as well.”\n";
    let analysis = analyze(text, &Options::default());
    let offset = text.find("warm").unwrap();
    let markdown = hover(&analysis, offset).unwrap().markdown;
    expect![[r#"
        ### Quote: Kit Mallory

        **Speaker:** Kit Mallory

        Attributed by `Kit Mallory, the pool manager, said: “…` on line 5.
    "#]]
    .assert_eq(&markdown);
}
