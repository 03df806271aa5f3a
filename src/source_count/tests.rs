//! The report layer: months, shares, the desk's sums, and each renderer's
//! form — CSV quoting, HTML escaping and self-containment, the JSON shape.

use expect_test::expect;

use super::stories::{count_stories, count_story, Story};
use super::*;
use crate::analysis::balance::{GenderPolicy, Tally};
use crate::analysis::{analyze, Options, SourceFormat};
use crate::config::Config;

fn story(id: &str, date: Option<&str>, text: &str) -> StoryCount {
    let analysis = analyze(text, &Options::default());
    StoryCount::new(
        id,
        date.map(str::to_owned),
        &analysis,
        GenderPolicy::WithNames,
    )
}

/// Two stories in March, one in April, one undated.
fn desk() -> Desk {
    [
        story(
            "a.txt",
            Some("2026-03-02"),
            "Ferry fares frozen\n\n“Islanders have had enough rises,” said Ms Jenna Pascoe.\n",
        ),
        story(
            "b.txt",
            Some("2026-03-30T08:00:00Z"),
            "Pier repaired\n\n“It took a year,” said Mr Colin Daw. \
             “The wood came late,” the harbour authority said.\n",
        ),
        story(
            "c.txt",
            Some("2026/04/11"),
            "Mill sold\n\n“We had no choice,” said Mr Ivor Hosking.\n",
        ),
        story("d.txt", None, "Quay works\n\n“Soon,” said Ms Ada Lusk.\n"),
    ]
    .into_iter()
    .collect()
}

#[test]
fn months_are_read_from_the_dates_people_write() {
    assert_eq!(month_of("2026-03-14").as_deref(), Some("2026-03"));
    assert_eq!(
        month_of(" 2026-03-14T09:00:00Z").as_deref(),
        Some("2026-03")
    );
    assert_eq!(month_of("2026/12/01").as_deref(), Some("2026-12"));
    assert_eq!(month_of("2026-13-01"), None);
    assert_eq!(month_of("2026-00-01"), None);
    assert_eq!(month_of("14 March 2026"), None);
    assert_eq!(month_of("2026"), None);
    assert_eq!(month_of("2026-3-1"), None);
    assert_eq!(
        month_of("२०२६-03-01"),
        None,
        "not ASCII digits, and no panic"
    );
}

#[test]
fn the_desk_adds_stories_up_and_by_month() {
    let desk = desk();
    assert_eq!(desk.totals.stories, 4);
    assert_eq!(desk.totals.women, 2);
    assert_eq!(desk.totals.men, 2);
    assert_eq!(desk.totals.organisations, 1);
    let months: Vec<(&str, usize)> = (desk.months.iter())
        .map(|(m, t)| (m.as_str(), t.stories))
        .collect();
    assert_eq!(months, [("2026-03", 2), ("2026-04", 1)]);
    let mut sum = Tally::default();
    for s in &desk.stories {
        sum.add(&s.totals);
    }
    assert_eq!(sum, desk.totals);
}

#[test]
fn shares_come_from_whole_numbers_and_are_none_of_nothing() {
    let tally = Tally {
        people: 3,
        women: 1,
        men: 2,
        women_words: 10,
        men_words: 20,
        organisation_words: 50,
        ..Tally::default()
    };
    let shares = Shares::of(&tally);
    assert_eq!(shares.women, Some(0.333));
    assert_eq!(shares.men, Some(0.667));
    assert_eq!(shares.nonbinary, Some(0.0));
    assert_eq!(
        shares.women_of_words,
        Some(0.333),
        "organisations' words apart"
    );
    assert_eq!(Shares::of(&Tally::default()), Shares::default());
}

#[test]
fn csv_fields_are_quoted_as_rfc_4180_says() {
    assert_eq!(csv::field("Ben Wallace"), "Ben Wallace");
    assert_eq!(csv::field(""), "");
    assert_eq!(csv::field("Wallace, Ben"), "\"Wallace, Ben\"");
    assert_eq!(
        csv::field("the “Tiny” \"Tim\""),
        "\"the “Tiny” \"\"Tim\"\"\""
    );
    assert_eq!(csv::field("two\nlines"), "\"two\nlines\"");
    assert_eq!(csv::field("cr\r"), "\"cr\r\"");
    assert_eq!(csv::field(" padded"), "\" padded\"");
}

#[test]
fn csv_has_a_header_and_a_row_per_source() {
    let mut stories = desk().stories;
    stories[0].id = "folder, with \"comma\".txt".to_owned();
    expect![[r#"
        story,date,name,kind,gender,decided_by,quotes,words,share
        "folder, with ""comma"".txt",2026-03-02,Jenna Pascoe,person,woman,title,1,5,1
        b.txt,2026-03-30T08:00:00Z,Colin Daw,person,man,title,1,4,0.5
        b.txt,2026-03-30T08:00:00Z,the harbour authority,organisation,unknown,,1,4,0.5
        c.txt,2026/04/11,Ivor Hosking,person,man,title,1,4,1
        d.txt,,Ada Lusk,person,woman,title,1,1,1
    "#]]
    .assert_eq(&csv::rows(&stories).replace("\r\n", "\n"));
    assert!(csv::rows(&stories).ends_with("\r\n"));
}

#[test]
fn html_escapes_every_text_and_loads_nothing() {
    assert_eq!(
        html::escape(r#"<a href="x">Tom & 'Jerry'</a>"#),
        "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"
    );
    let mut desk = desk();
    desk.stories[0].headline = Some("<script>alert('x')</script> & co".to_owned());
    desk.stories[1].id = "\"><img src=x>".to_owned();
    desk.stories[2].date = Some("<b>".to_owned());
    let page = html::page(&desk, "names");
    assert!(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"));
    assert!(page.contains("&quot;&gt;&lt;img src=x&gt;"));
    assert!(page.contains("<td class=\"date\">&lt;b&gt;</td>"));
    for outside in ["<script", "<img", "http", "<link", "url(", "@import"] {
        assert!(!page.contains(outside), "{outside}");
    }
    assert!(page.starts_with("<!DOCTYPE html>") && page.ends_with("</html>\n"));
    assert_eq!(
        page.matches("<tr>").count(),
        1 + 4,
        "a header and a row per story"
    );
}

#[test]
fn html_has_a_bar_per_month_with_its_shares() {
    let page = html::page(&desk(), "text-only");
    for label in ["All stories", "March 2026", "April 2026"] {
        assert!(page.contains(&format!("<div class=\"month\">{label}<small>")));
    }
    // March: one woman and one man among the named people
    assert!(page.contains(
        "<span class=\"women\" style=\"width: 50.00%\" title=\"1 woman\"></span>\
         <span class=\"men\" style=\"width: 50.00%\" title=\"1 man\"></span>"
    ));
    assert!(page.contains("1 story without a date is counted in the totals only"));
    assert!(page.contains("from what the story says only"));
}

#[test]
fn json_desk_is_one_object_with_the_shares_from_the_totals() {
    let desk = desk();
    let line = json::desk(&desk, "names");
    assert!(line.ends_with("}\n") && line.lines().count() == 1);
    let value: serde_json::Value = serde_json::from_str(&line).expect("valid JSON");
    let keys: Vec<&String> = value.as_object().expect("an object").keys().collect();
    assert_eq!(keys, ["stories", "totals", "months", "shares", "gender"]);
    assert_eq!(value["shares"]["women"], 0.5);
    assert_eq!(value["months"]["2026-04"]["men"], 1);
    let back: Tally = serde_json::from_value(value["totals"].clone()).expect("a Tally");
    assert_eq!(back, desk.totals);
    let empty = json::desk(&Desk::default(), "names");
    assert!(empty.contains(r#""shares":{"women":null,"men":null,"nonbinary":null,"unknown":null,"women_of_words":null}"#));
    let one: StoryCount =
        serde_json::from_str(&json::story(&desk.stories[0])).expect("a story's count");
    assert_eq!(one, desk.stories[0]);
}

#[test]
fn human_tables_line_up_and_name_no_gender_for_an_organisation() {
    expect![[r#"
        b.txt — Pier repaired (2026-03-30T08:00:00Z)
        source                 kind          gender            quotes  words  share
        ---------------------  ------------  ----------------  ------  -----  -----
        Colin Daw              person        man — title “Mr”       1      4  50.0%
        the harbour authority  organisation  —                      1      4  50.0%
        2 sources: 0 women, 1 man among named people · women 0.0% of quoted words
    "#]]
    .assert_eq(&human::story(&desk().stories[1]));
    assert_eq!(human::percent(None), "—");
    assert_eq!(human::percent(Some(0.4286)), "42.9%");
}

#[test]
fn stories_are_dated_by_front_matter_and_counted_in_order() {
    let config = Config::default();
    let texts = [
        "---\ndate: 2026-03-02\n---\n\n# Ferry fares frozen\n\n“Enough,” said Ms Jenna Pascoe.\n",
        "Mill sold\n\n“We had no choice,” said Mr Ivor Hosking.\n",
    ];
    let stories: Vec<Story> = (texts.iter().enumerate())
        .map(|(i, text)| {
            let format = [SourceFormat::Markdown, SourceFormat::PlainText][i];
            Story::draft(format!("s{i}"), (*text).to_owned(), format, &config)
        })
        .collect();
    assert_eq!(stories[0].date.as_deref(), Some("2026-03-02"));
    assert_eq!(stories[1].date, None);
    let counts = count_stories(&stories);
    let ids: Vec<&str> = counts.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["s0", "s1"]);
    assert_eq!(counts[0], count_story(&stories[0]));
    assert_eq!(counts[0].headline.as_deref(), Some("Ferry fares frozen"));
}

#[test]
fn one_of_anything_is_said_in_the_singular() {
    let one: Desk = [story(
        "a.txt",
        None,
        "Quay works\n\n“Soon,” said Ms Ada Lusk.\n",
    )]
    .into_iter()
    .collect();
    let text = human::desk(&one);
    assert!(
        text.contains("1 story, 1 source: 1 named person, 0 roles, 0 organisations, 0 anonymous"),
        "{text}"
    );
    assert!(
        text.contains(
            "named people: 1 woman (100.0%), 0 men (0.0%), 0 nonbinary (0.0%), 0 unknown (0.0%)"
        ),
        "{text}"
    );
    assert!(
        text.contains("women 100.0% of the 1 word quoted from individuals"),
        "{text}"
    );
    let page = html::page(&one, "names");
    assert!(page.contains("<b>1</b><span>source</span>"), "{page}");
    assert!(page.contains("<b>1</b><span>named person</span>"), "{page}");
    let many = html::page(&desk(), "names");
    assert!(many.contains("<b>5</b><span>sources</span>"));
}

#[test]
fn the_totals_alone_are_the_desk_without_its_stories_and_in_the_same_form() {
    let full = desk();
    let mut sums = Desk::default();
    for story in &full.stories {
        sums.add_totals(story);
    }
    assert!(sums.stories.is_empty());
    assert_eq!((&sums.totals, &sums.months), (&full.totals, &full.months));
    let line = json::totals(&sums, "names");
    let value: serde_json::Value = serde_json::from_str(&line).expect("valid JSON");
    let keys: Vec<&String> = value.as_object().expect("an object").keys().collect();
    assert_eq!(keys, ["totals", "months", "shares", "gender"]);
    let whole: serde_json::Value = serde_json::from_str(&json::desk(&full, "names")).unwrap();
    for key in keys {
        assert_eq!(value[key], whole[key], "{key}");
    }
    // the server's value is the command line's object
    assert_eq!(json::desk_value(&full, "names").unwrap(), whole);
    let one = json::story_value(&full.stories[0]).unwrap();
    assert_eq!(
        one,
        serde_json::from_str::<serde_json::Value>(&json::story(&full.stories[0])).unwrap()
    );
    // the page says the rows were left out rather than showing none
    let page = html::page(&sums, "names");
    assert!(page.contains("row was left out") && !page.contains("<h2>Stories</h2>"));
}

#[test]
fn the_gender_word_is_the_one_policy_or_mixed() {
    let mut policies = json::Policies::default();
    assert_eq!(policies.word(), "names");
    policies.add(GenderPolicy::TextOnly);
    assert_eq!(policies.word(), "text-only");
    policies.add(GenderPolicy::TextOnly);
    assert_eq!(policies.word(), "text-only");
    policies.add(GenderPolicy::WithNames);
    assert_eq!(policies.word(), "mixed");
}

#[test]
fn a_name_has_single_spaces_whatever_markdown_masked() {
    let analysis = analyze(
        "# Pool closes\n\n“It leaks,” said Ms Ann <b>Lee</b>.\n",
        &Options {
            format: SourceFormat::Markdown,
            ..Options::default()
        },
    );
    let count = StoryCount::new("pool.md", None, &analysis, GenderPolicy::WithNames);
    assert_eq!(count.sources[0].name, "Ann Lee");
}
