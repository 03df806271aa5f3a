//! End-to-end tests of `copydesk sources`: the real binary on the stories
//! in `tests/sources/` (invented for these tests: two dated in March 2026,
//! one in April, one plain-text story without a date, and a README that is
//! not a story) and on archives and folders each test writes for itself.
//!
//! The stories quote women and men known by every kind of evidence: a
//! courtesy title (Ms Annette Colby, Mr Gareth Penhallow, Mr Alan Curnow),
//! a pronoun (Orla Quennell's `she`, Howard Blythe's `he`), a role noun (`a
//! spokeswoman for the county council`), an organisation (`the harbour
//! authority`) and a given name alone (Margaret Tresize; Dr Ruth Hendra).

use std::path::Path;
use std::process::Output;

use expect_test::expect;
use serde_json::Value;

mod command;
use command::{run_in, stderr, stdout, Scratch};

/// The test stories' folder, relative to the crate (the tests run there, so
/// the stories' ids are these paths).
const STORIES: &str = "tests/sources";

/// Runs `copydesk ARGS...` in the crate's folder.
fn run(args: &[&str]) -> Output {
    run_in(Path::new(env!("CARGO_MANIFEST_DIR")), args, None)
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is one JSON object ({e}):\n{}\nstderr:\n{}",
            stdout(out),
            stderr(out)
        )
    })
}

/// Each source of each story on a line: story, name, kind, gender, what
/// decided it, quotes and words.
fn source_lines(desk: &Value) -> String {
    let mut out = String::new();
    for story in desk["stories"].as_array().expect("stories") {
        let id = story["id"].as_str().unwrap_or_default();
        let file = id.rsplit('/').next().unwrap_or(id);
        for s in story["sources"].as_array().expect("sources") {
            out.push_str(&format!(
                "{file} | {} | {} | {} | {} | {}q {}w\n",
                s["name"].as_str().unwrap_or_default(),
                s["kind"].as_str().unwrap_or_default(),
                s["gender"].as_str().unwrap_or_default(),
                s["decided_by"].as_str().unwrap_or("-"),
                s["quotes"],
                s["words"],
            ));
        }
    }
    out
}

/// The integer fields of a tally.
fn tally_fields(tally: &Value) -> Vec<(String, u64)> {
    tally
        .as_object()
        .expect("a tally is an object")
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                v.as_u64().expect("tally fields are whole numbers"),
            )
        })
        .collect()
}

#[test]
fn a_folder_gives_each_story_the_totals_and_the_months_as_json() {
    let out = run(&["sources", "--format", "json", STORIES]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let desk = json(&out);
    // in name order; the README is not a story
    expect![[r#"
        2026-03-harbour-dredging.md | Annette Colby | person | woman | title | 2q 18w
        2026-03-harbour-dredging.md | Gareth Penhallow | person | man | title | 1q 13w
        2026-03-harbour-dredging.md | the harbour authority | organisation | unknown | - | 1q 8w
        2026-03-harbour-dredging.md | A spokeswoman for the county council | role | woman | role-noun | 1q 10w
        2026-03-library-hours.md | Orla Quennell | person | woman | pronoun | 2q 24w
        2026-03-library-hours.md | Howard Blythe | person | man | pronoun | 1q 8w
        2026-04-bakery-award.md | Margaret Tresize | person | woman | given-name | 1q 8w
        2026-04-bakery-award.md | Alan Curnow | person | man | title | 1q 10w
        bus-timetable.txt | Ruth Hendra | person | woman | given-name | 1q 12w
    "#]]
    .assert_eq(&source_lines(&desk));
    let stories = desk["stories"].as_array().expect("stories");
    let dates: Vec<&Value> = stories.iter().map(|s| &s["date"]).collect();
    assert_eq!(
        dates,
        [
            &Value::from("2026-03-09"),
            &Value::from("2026-03-21"),
            &Value::from("2026-04-02"),
            &Value::Null
        ]
    );
    let totals = &desk["totals"];
    for (key, want) in [
        ("stories", 4),
        ("sources", 9),
        ("people", 7),
        ("roles", 1),
        ("organisations", 1),
        ("women", 4),
        ("men", 3),
        ("unknown", 0),
    ] {
        assert_eq!(totals[key], want, "totals.{key}");
    }
    let months: Vec<&String> = desk["months"].as_object().expect("months").keys().collect();
    assert_eq!(months, ["2026-03", "2026-04"]);
    assert_eq!(desk["months"]["2026-03"]["stories"], 2);
    assert_eq!(desk["months"]["2026-03"]["women"], 2);
    assert_eq!(desk["months"]["2026-04"]["stories"], 1);
    assert_eq!(desk["shares"]["women"], 0.571);
    assert_eq!(desk["shares"]["men"], 0.429);
    assert_eq!(desk["gender"], "names");
}

#[test]
fn the_totals_are_the_sum_of_the_stories_so_partitions_add_up() {
    let desk = json(&run(&["sources", "--format", "json", STORIES]));
    let stories = desk["stories"].as_array().expect("stories");
    for (key, total) in tally_fields(&desk["totals"]) {
        let sum: u64 = stories
            .iter()
            .map(|s| s["totals"][&key].as_u64().expect("a whole number"))
            .sum();
        assert_eq!(sum, total, "totals.{key} is the stories' sum");
    }
    // and the shares come from the totals
    let totals = &desk["totals"];
    let words = |k: &str| totals[k].as_f64().unwrap_or_default();
    let individual = words("women_words")
        + words("men_words")
        + words("nonbinary_words")
        + words("unknown_words");
    let share = (words("women_words") / individual * 1000.0).round() / 1000.0;
    assert_eq!(desk["shares"]["women_of_words"], share);
}

#[test]
fn text_only_leaves_a_person_known_by_a_given_name_alone_unknown() {
    let out = run(&[
        "sources",
        "--format",
        "json",
        "--gender",
        "text-only",
        STORIES,
    ]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let desk = json(&out);
    let lines = source_lines(&desk);
    assert!(
        lines.contains("Margaret Tresize | person | unknown | - |"),
        "{lines}"
    );
    assert!(
        lines.contains("Ruth Hendra | person | unknown | - |"),
        "{lines}"
    );
    // evidence the text states still decides
    assert!(
        lines.contains("Annette Colby | person | woman | title |"),
        "{lines}"
    );
    assert!(
        lines.contains("Howard Blythe | person | man | pronoun |"),
        "{lines}"
    );
    assert_eq!(desk["totals"]["women"], 2);
    assert_eq!(desk["totals"]["unknown"], 2);
    assert_eq!(desk["gender"], "text-only");
    let margaret = &desk["stories"][2]["sources"][0];
    assert_eq!(
        margaret["because"],
        "unknown — given name “Margaret” not used (text-only)"
    );
}

#[test]
fn one_draft_gives_its_own_count() {
    let story = format!("{STORIES}/2026-04-bakery-award.md");
    let out = run(&["sources", "--format", "json", &story]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let count = json(&out);
    assert_eq!(count["id"], story.as_str());
    assert_eq!(count["date"], "2026-04-02");
    assert_eq!(
        count["headline"],
        "Village bakery wins national pasty prize"
    );
    assert!(count.get("stories").is_none());
    let margaret = &count["sources"][0];
    assert_eq!(margaret["name"], "Margaret Tresize");
    assert_eq!(margaret["evidence"][0]["kind"], "given-name");
    assert_eq!(margaret["evidence"][0]["text"], "Margaret");
    assert_eq!(margaret["first_quote"]["line"], 10);
    assert_eq!(count["totals"]["stories"], 1);
}

#[test]
fn csv_has_a_row_per_source() {
    let out = run(&["sources", "--format", "csv", STORIES]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let text = stdout(&out);
    let rows: Vec<&str> = text.split_terminator('\n').collect();
    assert!(
        rows.iter().all(|r| r.ends_with('\r')),
        "RFC 4180 rows end with CRLF"
    );
    expect![[r#"
        story,date,name,kind,gender,decided_by,quotes,words,share
        tests/sources/2026-03-harbour-dredging.md,2026-03-09,Annette Colby,person,woman,title,2,18,0.367
        tests/sources/2026-03-harbour-dredging.md,2026-03-09,Gareth Penhallow,person,man,title,1,13,0.265
        tests/sources/2026-03-harbour-dredging.md,2026-03-09,the harbour authority,organisation,unknown,,1,8,0.163
        tests/sources/2026-03-harbour-dredging.md,2026-03-09,A spokeswoman for the county council,role,woman,role-noun,1,10,0.204
        tests/sources/2026-03-library-hours.md,2026-03-21,Orla Quennell,person,woman,pronoun,2,24,0.75
        tests/sources/2026-03-library-hours.md,2026-03-21,Howard Blythe,person,man,pronoun,1,8,0.25
        tests/sources/2026-04-bakery-award.md,2026-04-02,Margaret Tresize,person,woman,given-name,1,8,0.444
        tests/sources/2026-04-bakery-award.md,2026-04-02,Alan Curnow,person,man,title,1,10,0.556
        tests/sources/bus-timetable.txt,,Ruth Hendra,person,woman,given-name,1,12,1
    "#]]
    .assert_eq(&text.replace("\r\n", "\n"));
}

#[test]
fn the_human_report_has_each_story_and_the_desk_by_month() {
    let out = run(&["sources", STORIES]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let text = stdout(&out);
    let library = text
        .split("\n\n")
        .find(|s| s.contains("library-hours"))
        .expect("the library story's table");
    expect![[r#"
        tests/sources/2026-03-library-hours.md — Library to open on Sundays (2026-03-21)
        source         kind    gender                      quotes  words  share
        -------------  ------  --------------------------  ------  -----  -----
        Orla Quennell  person  woman — pronoun “she” (2×)       2     24  75.0%
        Howard Blythe  person  man — pronoun “he”               1      8  25.0%
        2 sources: 1 woman, 1 man among named people · women 75.0% of quoted words"#]]
    .assert_eq(library);
    let desk = &text[text.find("4 stories").expect("the desk's totals")..];
    expect![[r#"
        4 stories, 9 sources: 7 named people, 1 role, 1 organisation, 0 anonymous
        named people: 4 women (57.1%), 3 men (42.9%), 0 nonbinary (0.0%), 0 unknown (0.0%)
        quoted words: women 69.9% of the 103 words quoted from individuals

        month    stories  named people  women  men  nonbinary  unknown  women's words
        -------  -------  ------------  -----  ---  ---------  -------  -------------
        2026-03        2             4      2    2          0        0          71.2%
        2026-04        1             2      1    1          0        0          44.4%
    "#]]
    .assert_eq(desk);
}

#[test]
fn the_html_page_is_self_contained_and_escapes_the_stories() {
    let scratch = Scratch::new("html");
    scratch.write(
        "rents.md",
        "---\ndate: 2026-05-01\n---\n\n# Rents rise in Polwenna\n\n\
         “Nobody can afford a flat here,” said Ms Tamsin Rowe, a teacher.\n",
    );
    // plain text keeps its angle brackets (Markdown would mask them as HTML)
    scratch.write(
        "fares.txt",
        "Fares <up> & \"down\" at Polwenna <script>\n\n\
         “It is a muddle,” said Ms Nell Jago.\n",
    );
    let out = run_in(&scratch.dir, &["sources", "--format", "html", "."], None);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let page = stdout(&out);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<style>"));
    for outside in ["http", "<script", "<link", "@import", "url(", "<img"] {
        assert!(!page.contains(outside), "the page loads nothing: {outside}");
    }
    assert!(page.contains("Fares &lt;up&gt; &amp; &quot;down&quot; at Polwenna &lt;script&gt;"));
    assert!(!page.contains("<up>"));
    assert!(page.contains("Rents rise in Polwenna"));
    assert!(page.contains("May 2026"));

    let out = run(&["sources", "--format", "html", STORIES]);
    let page = stdout(&out);
    assert!(!page.contains("http") && !page.contains("<script"));
    for month in ["March 2026", "April 2026", "All stories"] {
        assert!(page.contains(month), "the chart has {month}");
    }
    assert!(page.contains("Library to open on Sundays"));
    assert!(page.contains("1 story without a date"));
}

#[test]
fn an_archive_counts_each_line_and_reports_a_bad_one() {
    let scratch = Scratch::new("jsonl");
    let archive = [
        r#"{"id": "a-1", "date": "2026-01-15", "text": "Ferry fares frozen\n\n“Islanders have had enough rises,” said Ms Jenna Pascoe."}"#,
        r#"{"id": "a-2", "text": "not closed"#,
        "",
        r#"{"text": "Pier repaired\n\n“It took a year,” said Mr Colin Daw.", "date": "2026-02-03"}"#,
        r#"{"id": 7, "date": "2026-02-20"}"#,
    ]
    .join("\n");
    scratch.write("archive.jsonl", &archive);
    let out = run_in(
        &scratch.dir,
        &["sources", "--format", "json", "archive.jsonl"],
        None,
    );
    assert_eq!(out.status.code(), Some(1), "a bad line is status 1");
    let err = stderr(&out);
    assert!(err.contains("archive.jsonl line 2: not a story: "), "{err}");
    assert!(
        err.contains("archive.jsonl line 5: not a story: missing field `text` (column 31)"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 2, "{err}");
    let desk = json(&out);
    let ids: Vec<&str> = (desk["stories"].as_array().expect("stories").iter())
        .map(|s| s["id"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(ids, ["a-1", "line 4"]);
    let months: Vec<&String> = desk["months"].as_object().expect("months").keys().collect();
    assert_eq!(months, ["2026-01", "2026-02"]);
    assert_eq!(desk["totals"]["women"], 1);
    assert_eq!(desk["totals"]["men"], 1);
}

#[test]
fn an_archive_is_read_from_standard_input() {
    let archive =
        "{\"id\": \"s\", \"text\": \"Mill sold\\n\\n“We had no choice,” said Mr Ivor Hosking.\"}\n";
    let out = run_in(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["sources", "--input-format", "jsonl", "--format", "csv", "-"],
        Some(archive.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "story,date,name,kind,gender,decided_by,quotes,words,share\r\n\
         s,,Ivor Hosking,person,man,title,1,4,1\r\n"
    );
}

#[test]
fn a_draft_is_read_from_standard_input() {
    let draft =
        "Mill sold\n\n“We had no choice,” said Sarah Hosking. “The orders stopped,” she said.\n";
    let out = run_in(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["sources", "--format", "json", "-"],
        Some(draft.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let count = json(&out);
    assert_eq!(count["id"], "-");
    assert_eq!(count["sources"][0]["gender"], "woman");
    assert_eq!(count["sources"][0]["decided_by"], "pronoun");
    assert_eq!(count["sources"][0]["quotes"], 2);
}

#[test]
fn a_missing_file_is_named_with_status_2() {
    let out = run(&["sources", "tests/sources/no-such-story.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "copydesk: tests/sources/no-such-story.md: no such file; \
         name a draft, a folder of drafts or - for standard input\n"
    );
    assert!(out.stdout.is_empty());

    let out = run(&["sources", "--input-format", "jsonl", STORIES]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is a folder"), "{}", stderr(&out));
}

#[test]
fn a_project_s_settings_and_transcripts_are_respected() {
    let scratch = Scratch::new("project");
    scratch.write(
        "copydesk.toml",
        "[sources]\ngender = \"text-only\"\n\n[transcripts]\npaths = [\"notes/*.txt\"]\n",
    );
    scratch.write(
        "quay.md",
        "# Quay to reopen\n\n“The stones are back,” said Peter Vosper.\n",
    );
    // interview notes the project names as a transcript: not a story
    scratch.write(
        "notes/vosper.txt",
        "Vosper: The stones are back, all of them.\n",
    );
    let out = run_in(&scratch.dir, &["sources", "--format", "json", "."], None);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let desk = json(&out);
    assert_eq!(desk["totals"]["stories"], 1);
    assert_eq!(desk["gender"], "text-only");
    assert_eq!(desk["stories"][0]["sources"][0]["gender"], "unknown");
    // the command line overrides the file
    let out = run_in(
        &scratch.dir,
        &["sources", "--format", "json", "--gender", "names", "."],
        None,
    );
    let desk = json(&out);
    assert_eq!(desk["gender"], "names");
    assert_eq!(desk["stories"][0]["sources"][0]["gender"], "man");
}

/// Runs `copydesk ARGS...` in `cwd`, killed and failed if it has not
/// finished within `seconds` (a read that never ends).
fn run_within(cwd: &Path, args: &[&str], seconds: u64) -> Output {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the copydesk binary runs");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    while child.try_wait().expect("can wait for copydesk").is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("copydesk {args:?} did not finish within {seconds}s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().expect("copydesk finishes")
}

/// Two short stories of a scratch folder: a woman quoted in one, a man in
/// the other.
fn two_stories(scratch: &Scratch) {
    scratch.write(
        "ws/a1.txt",
        "Lido to reopen\n\n“The water is warm at last,” said Ms Bryony Keast.\n",
    );
    scratch.write(
        "ws/a2.txt",
        "Ferry late again\n\n“The engine failed twice,” said Mr Piran Udy.\n",
    );
}

#[test]
fn a_story_named_twice_is_counted_once_where_it_first_comes() {
    let scratch = Scratch::new("twice");
    two_stories(&scratch);
    let args = [
        "sources",
        "--format",
        "json",
        "ws/a2.txt",
        "ws",
        "ws/a1.txt",
        "./ws/a1.txt",
        "ws/../ws/a2.txt",
    ];
    let out = run_in(&scratch.dir, &args, None);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let desk = json(&out);
    let ids: Vec<&str> = (desk["stories"].as_array().expect("stories").iter())
        .map(|s| s["id"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(ids, ["ws/a2.txt", "ws/a1.txt"]);
    assert_eq!(desk["totals"]["stories"], 2);
    // an archive named twice is read once too
    scratch.write(
        "a.jsonl",
        "{\"id\": \"x\", \"text\": \"Mill sold\\n\\n“No choice,” said Mr Ivor Hosking.\"}\n",
    );
    let out = run_in(
        &scratch.dir,
        &[
            "sources",
            "--totals",
            "--format",
            "json",
            "a.jsonl",
            "./a.jsonl",
        ],
        None,
    );
    assert_eq!(json(&out)["totals"]["stories"], 1);
}

#[test]
fn a_draft_named_twice_is_checked_once() {
    let scratch = Scratch::new("check-twice");
    two_stories(&scratch);
    let out = run_in(
        &scratch.dir,
        &[
            "check",
            "--format",
            "json",
            "ws/a1.txt",
            "ws",
            "./ws/a1.txt",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let files: Vec<String> = (stdout(&out).lines())
        .map(|l| {
            let line: Value = serde_json::from_str(l).expect("a JSON line");
            line["file"].as_str().unwrap_or_default().to_owned()
        })
        .collect();
    assert_eq!(files, ["ws/a1.txt", "ws/a2.txt"]);
}

#[test]
fn totals_alone_are_the_desks_sums_without_a_row_per_story() {
    let full = json(&run(&["sources", "--format", "json", STORIES]));
    let out = run(&["sources", "--totals", "--format", "json", STORIES]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let totals = json(&out);
    let keys: Vec<&String> = totals.as_object().expect("an object").keys().collect();
    assert_eq!(keys, ["totals", "months", "shares", "gender"]);
    for key in ["totals", "months", "shares", "gender"] {
        assert_eq!(totals[key], full[key], "{key}");
    }
    // one draft: still the desk's sums
    let one = format!("{STORIES}/2026-04-bakery-award.md");
    let out = json(&run(&["sources", "--totals", "--format", "json", &one]));
    assert_eq!(out["totals"]["stories"], 1);
    assert!(out.get("sources").is_none() && out.get("stories").is_none());

    let text = stdout(&run(&["sources", "--totals", STORIES]));
    assert!(text.starts_with("4 stories, 9 sources:"), "{text}");
    assert!(!text.contains("library-hours"), "{text}");
    assert!(text.contains("2026-04        1"), "{text}");
    let page = stdout(&run(&["sources", "--totals", "--format", "html", STORIES]));
    assert!(page.contains("March 2026") && !page.contains("Library to open on Sundays"));
    assert!(page.contains("row was left out"));

    let out = run(&["sources", "--totals", "--format", "csv", STORIES]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--totals"), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}

#[test]
fn an_input_format_reads_every_input_so_even_a_jsonl_file() {
    let scratch = Scratch::new("plain-jsonl");
    scratch.write(
        "notes.jsonl",
        "Quay closed\n\n“The wall is unsafe,” said Ms Lowenna Pascoe.\n",
    );
    let out = run_in(
        &scratch.dir,
        &[
            "sources",
            "--input-format",
            "plain",
            "--format",
            "json",
            "notes.jsonl",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let count = json(&out);
    assert_eq!(count["id"], "notes.jsonl");
    assert_eq!(count["headline"], "Quay closed");
    assert_eq!(count["sources"][0]["name"], "Lowenna Pascoe");
}

#[test]
fn an_archive_line_that_is_no_object_is_said_to_be_so() {
    let scratch = Scratch::new("not-objects");
    scratch.write("odd.jsonl", "[1,2]\n\"x\"\n7\n");
    let out = run_in(
        &scratch.dir,
        &["sources", "--format", "json", "odd.jsonl"],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    for (line, found) in [(1, "a list"), (2, "a string"), (3, "a number")] {
        let want = format!(
            "copydesk: odd.jsonl line {line}: not a story: \
             a line must be a JSON object with \"text\", not {found}; skipped"
        );
        assert!(err.contains(&want), "{err}");
    }
    assert!(!err.contains("invalid type"), "{err}");
}

#[test]
fn a_name_keeps_no_run_of_spaces_left_by_markdown() {
    let scratch = Scratch::new("masked");
    scratch.write(
        "pool.md",
        "# Pool closes\n\n“It leaks,” said Ms Ann <b>Lee</b>.\n",
    );
    let out = run_in(
        &scratch.dir,
        &["sources", "--format", "csv", "pool.md"],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    assert!(
        stdout(&out).contains("pool.md,,Ann Lee,person,woman,title,1,2,1"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn one_woman_is_one_woman_in_the_desks_totals() {
    let scratch = Scratch::new("singular");
    scratch.write(
        "ws/a1.txt",
        "Lido to reopen\n\n“Warm,” said Ms Bryony Keast.\n",
    );
    let out = run_in(&scratch.dir, &["sources", "ws"], None);
    let text = stdout(&out);
    assert!(
        text.contains("named people: 1 woman (100.0%), 0 men (0.0%),"),
        "{text}"
    );
    assert!(
        text.contains("of the 1 word quoted from individuals"),
        "{text}"
    );
    assert!(text.contains("1 story, 1 source: 1 named person"), "{text}");
}

#[cfg(unix)]
#[test]
fn a_named_pipe_in_a_folder_is_left_out_not_waited_for() {
    let scratch = Scratch::new("fifo");
    two_stories(&scratch);
    let made = std::process::Command::new("mkfifo")
        .arg(scratch.dir.join("ws/stuck.md"))
        .status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("no mkfifo here: skipped");
        return;
    }
    let out = run_within(&scratch.dir, &["sources", "--format", "json", "ws"], 30);
    assert_eq!(out.status.code(), Some(2), "a file left out");
    assert!(
        stderr(&out).contains("ws/stuck.md: a named pipe (FIFO), not a regular file; left out"),
        "{}",
        stderr(&out)
    );
    assert_eq!(json(&out)["totals"]["stories"], 2);
    // a device named on its own is read only up to the limit
    let out = run_within(&scratch.dir, &["sources", "/dev/zero"], 60);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "copydesk: /dev/zero: larger than 16 MB, the most a draft may hold\n"
    );
}
