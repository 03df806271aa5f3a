use serde_json::Value;

use super::Session;

/// A draft of our own: a named, titled speaker, an unattributed quote, and
/// characters that are two UTF-8 bytes but one UTF-16 unit, and one that is
/// four bytes and two units.
const DRAFT: &str = "Café to close 😀\n\n\
Zoë Marsh, the café’s owner, said the lease was “a promise, not a gimmick”.\n\n\
She reopens on Monday.\n\n\
By eight the queue reached the corner. “Best coffee in town.”\n";

fn session(options: &str) -> Session {
    Session::new(DRAFT.to_owned(), options).expect("options are valid")
}

fn utf16(text: &str, byte: u64) -> u64 {
    text[..byte as usize].encode_utf16().count() as u64
}

#[test]
fn the_report_is_the_check_contract_with_utf16_offsets_beside_the_bytes() {
    let report = session("{}").report();
    assert_eq!(report["file"], "draft");
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
    let codes: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["unattributed-quote"]);
    let d = &diagnostics[0];
    let (start, end) = (d["start"].as_u64().unwrap(), d["end"].as_u64().unwrap());
    assert_eq!(
        &DRAFT[start as usize..end as usize],
        "“Best coffee in town.”"
    );
    assert_eq!(d["startUtf16"].as_u64().unwrap(), utf16(DRAFT, start));
    assert_eq!(d["endUtf16"].as_u64().unwrap(), utf16(DRAFT, end));
    assert!(
        d["startUtf16"].as_u64().unwrap() < start,
        "the emoji and accents count less"
    );
    // Fix edits carry both too.
    let edit = &d["fixes"][0]["edits"][0];
    assert_eq!(
        edit["startUtf16"].as_u64().unwrap(),
        utf16(DRAFT, edit["start"].as_u64().unwrap())
    );

    // Without the added fields it is exactly what `copydesk check` prints.
    let mut stripped = report.clone();
    strip_utf16(&mut stripped);
    let analysis = copydesk::check_draft(
        DRAFT,
        copydesk::SourceFormat::PlainText,
        &Default::default(),
    );
    let line =
        copydesk::report::json_line("draft", DRAFT, &analysis.analysis, &analysis.diagnostics);
    assert_eq!(stripped, serde_json::from_str::<Value>(&line).unwrap());
}

fn strip_utf16(value: &mut Value) {
    match value {
        Value::Array(items) => items.iter_mut().for_each(strip_utf16),
        Value::Object(map) => {
            map.remove("startUtf16");
            map.remove("endUtf16");
            map.values_mut().for_each(strip_utf16);
        }
        _ => {}
    }
}

#[test]
fn options_take_copydesk_toml_settings_by_the_same_names() {
    let off = session(r#"{"severity": {"unattributed-quote": "off"}}"#);
    assert_eq!(off.report()["diagnostics"], Value::Array(vec![]));
    assert_eq!(off.problems(), Value::Array(vec![]));

    let nulls = session(
        r#"{"style": null, "severity": {"quote-style": null, "unattributed-quote": "off"}}"#,
    );
    assert_eq!(
        nulls.problems(),
        Value::Array(vec![]),
        "null means the default, at any depth"
    );
    assert_eq!(nulls.report()["diagnostics"], Value::Array(vec![]));

    let bad = session(r#"{"style": "shouty", "format": null}"#);
    let problems = bad.problems();
    let line = problems[0].as_str().expect("one problem");
    assert!(line.contains("style") && line.contains("shouty"), "{line}");
}

#[test]
fn options_that_are_not_an_object_or_name_an_unknown_format_are_errors() {
    for options in ["[1]", "not json", r#"{"format": "docx"}"#] {
        let err = Session::new(DRAFT.to_owned(), options)
            .err()
            .expect(options);
        assert!(
            err.starts_with("copydesk: the options") || err.contains("options.format"),
            "{err}"
        );
    }
    assert!(
        Session::new(String::new(), "").is_ok(),
        "empty options are the defaults"
    );
}

#[test]
fn markdown_format_reads_markdown() {
    let text =
        "# Library saved\n\n`“code is not a quote”`\n\n“We are delighted,” said Ann Price.\n";
    let plain = Session::new(text.to_owned(), "{}").unwrap().report();
    let markdown = Session::new(text.to_owned(), r#"{"format": "markdown"}"#)
        .unwrap()
        .report();
    assert_eq!(
        markdown["quotes"].as_array().unwrap().len(),
        1,
        "{markdown}"
    );
    assert!(plain["quotes"].as_array().unwrap().len() > 1, "{plain}");
}

#[test]
fn hover_outline_and_actions_answer_in_utf16_offsets() {
    let s = session("{}");
    let name_at = utf16(DRAFT, DRAFT.find("Zoë Marsh").unwrap() as u64) as u32;
    let hover = s.hover(name_at + 1);
    assert!(
        hover["markdown"].as_str().unwrap().contains("owner"),
        "{hover}"
    );
    assert_eq!(hover["startUtf16"].as_u64().unwrap(), name_at as u64);
    assert_eq!(
        s.hover(0),
        Value::Null,
        "nothing to say about the headline's first word"
    );

    let outline = s.outline();
    let names: Vec<&str> = outline
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Zoë Marsh"), "{names:?}");

    let quote_at = utf16(DRAFT, DRAFT.find("“Best").unwrap() as u64) as u32;
    let actions = s.actions(quote_at, quote_at);
    let kinds: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"quickfix") && kinds.contains(&"ignore"),
        "{actions}"
    );
    assert_eq!(
        s.actions(0, 0),
        Value::Array(vec![]),
        "no finding at the headline"
    );
}
