//! End-to-end tests of the `copydesk` binary: exit statuses, error messages,
//! directory and stdin inputs, the JSON contract of DESIGN.md and the
//! rustc-style human listing. Each test writes its own small drafts into a
//! fresh folder under the system temp directory and runs the real binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

mod command;
use command::{run_in, status, stderr, stdout, Scratch};

/// A draft with one attributed quote and nothing to report.
const CLEAN: &str = "Bridge reopens in Felbury\n\n\
The Mill Lane bridge in Felbury reopened on Monday after six weeks of repairs.\n\n\
“It is good to have our short cut back,” said Megan Price, who runs the corner shop.\n";

/// A draft whose last quote nobody says.
const UNATTRIBUTED: &str = "Bridge reopens in Felbury\n\n\
The Mill Lane bridge reopened on Monday — six weeks late.\n\n\
“Nobody told us anything.”\n";

/// A draft whose quote is opened and never closed nor continued.
const UNCLOSED: &str = "Bus fares rise in Felbury\n\n\
Fares went up by 20p on Monday.\n\n\
Alan Bright said: “It is too much for pensioners.\n\n\
The depot closed early.\n";

/// Every stdout line parsed as one JSON object.
fn json_lines(output: &Output) -> Vec<Value> {
    stdout(output)
        .lines()
        .map(|line| {
            let value: Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("not one JSON object per line ({e}): {line}"));
            assert!(value.is_object(), "each line is an object: {line}");
            value
        })
        .collect()
}

fn as_usize(value: &Value) -> usize {
    value
        .as_u64()
        .unwrap_or_else(|| panic!("expected a non-negative integer, got {value}")) as usize
}

#[test]
fn clean_draft_exits_0_and_prints_no_findings() {
    let scratch = Scratch::new("clean");
    scratch.write("clean.txt", CLEAN);
    let out = run_in(&scratch.dir, &["check", "clean.txt"], None);
    assert_eq!(status(&out), 0, "stderr: {}", stderr(&out));
    assert!(!stdout(&out).contains("warning"), "{}", stdout(&out));
    assert!(!stdout(&out).contains("error"), "{}", stdout(&out));
}

#[test]
fn unattributed_quote_exits_1_with_one_warning() {
    let scratch = Scratch::new("warning");
    scratch.write("draft.txt", UNATTRIBUTED);
    let out = run_in(&scratch.dir, &["check", "draft.txt"], None);
    assert_eq!(status(&out), 1, "stderr: {}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(
        text.matches("warning[unattributed-quote]").count(),
        1,
        "{text}"
    );
    assert!(text.contains("draft.txt: 1 warning"), "{text}");
}

#[test]
fn unclosed_quote_is_an_error_and_exits_1() {
    let scratch = Scratch::new("unclosed");
    scratch.write("fares.txt", UNCLOSED);
    let out = run_in(
        &scratch.dir,
        &["check", "--format", "json", "fares.txt"],
        None,
    );
    assert_eq!(status(&out), 1, "stderr: {}", stderr(&out));
    let lines = json_lines(&out);
    let diagnostics = lines[0]["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], "unclosed-quote");
    assert_eq!(diagnostics[0]["severity"], "error");
    // The finding points at the opening mark.
    let start = as_usize(&diagnostics[0]["start"]);
    let end = as_usize(&diagnostics[0]["end"]);
    assert_eq!(&UNCLOSED[start..end], "“");
    assert_eq!(diagnostics[0]["line"], 5);
    assert_eq!(diagnostics[0]["column"], 19);
}

#[test]
fn missing_file_exits_2_and_names_the_file() {
    let scratch = Scratch::new("missing");
    let out = run_in(&scratch.dir, &["check", "no-such-draft.txt"], None);
    assert_eq!(status(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("no-such-draft.txt"), "stderr: {err}");
    assert!(stdout(&out).is_empty(), "stdout: {}", stdout(&out));
}

#[test]
fn missing_file_does_not_stop_the_others_being_checked() {
    let scratch = Scratch::new("missing-and-good");
    scratch.write("good.txt", UNATTRIBUTED);
    let out = run_in(
        &scratch.dir,
        &["check", "--format", "json", "gone.txt", "good.txt"],
        None,
    );
    assert_eq!(status(&out), 2, "a missing file wins over a warning");
    assert!(stderr(&out).contains("gone.txt"), "{}", stderr(&out));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["file"], "good.txt");
}

#[test]
fn non_utf8_file_exits_2_with_a_clear_message_and_others_are_checked() {
    let scratch = Scratch::new("latin1");
    // “café” in Latin-1: the é is the single byte 0xE9.
    scratch.write("latin1.txt", b"Headline\n\nThe caf\xe9 opened.\n");
    scratch.write("clean.txt", CLEAN);
    let out = run_in(
        &scratch.dir,
        &["check", "--format", "json", "latin1.txt", "clean.txt"],
        None,
    );
    assert_eq!(status(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("latin1.txt"), "stderr names the file: {err}");
    assert!(err.contains("UTF-8"), "stderr says what is wrong: {err}");
    assert!(!err.contains("panicked"), "no panic: {err}");
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 1, "the readable file is still checked");
    assert_eq!(lines[0]["file"], "clean.txt");
}

#[test]
fn directory_checks_the_md_and_txt_drafts_inside_and_ignores_the_rest() {
    let scratch = Scratch::new("folder");
    scratch.write("desk/a.txt", CLEAN);
    scratch.write("desk/sub/b.md", UNATTRIBUTED);
    scratch.write("desk/notes.rtf", UNATTRIBUTED);
    scratch.write("desk/photo.jpg", [0xff, 0xd8, 0xff, 0xe0]);
    scratch.write("desk/README.md", UNATTRIBUTED);
    let out = run_in(&scratch.dir, &["check", "--format", "json", "desk"], None);
    assert_eq!(
        status(&out),
        1,
        "b.md has a warning; stderr: {}",
        stderr(&out)
    );
    let files: Vec<String> = json_lines(&out)
        .iter()
        .map(|l| l["file"].as_str().unwrap().replace('\\', "/"))
        .collect();
    assert_eq!(files, ["desk/a.txt", "desk/sub/b.md"]);
}

#[test]
fn a_folder_without_drafts_is_an_error() {
    let scratch = Scratch::new("empty-folder");
    scratch.write("empty/notes.rtf", "not a draft");
    let out = run_in(&scratch.dir, &["check", "empty"], None);
    assert_eq!(status(&out), 2);
    assert!(
        stderr(&out).contains("empty holds no .md or .txt drafts"),
        "stderr: {}",
        stderr(&out)
    );
}

#[test]
fn people_lists_each_person_with_roles_forms_and_quote_count() {
    let scratch = Scratch::new("people");
    let draft = scratch.write(
        "draft.txt",
        "Ferry fares frozen\n\nTransport Secretary Ann Cole froze ferry fares on Monday.\n\n\
         \u{201c}Islanders have paid enough,\u{201d} Ms Cole said. Ms Cole met the harbour board.\n",
    );
    let out = run_in(&scratch.dir, &["people", draft.to_str().unwrap()], None);
    assert_eq!(status(&out), 0, "stderr: {}", stderr(&out));
    let table = stdout(&out);
    let row = table
        .lines()
        .find(|l| l.starts_with("Ann Cole"))
        .unwrap_or_else(|| panic!("no row for Ann Cole in:\n{table}"));
    assert!(row.contains("Transport Secretary"), "{row}");
    assert!(row.contains("Ms Cole ×2"), "{row}");
    assert!(row.trim_end().ends_with('1'), "one quote: {row}");
}

#[test]
fn disable_switches_a_rule_off_and_rejects_unknown_codes() {
    let scratch = Scratch::new("disable");
    let draft = scratch.write("draft.txt", UNATTRIBUTED);
    let path = draft.to_str().unwrap();
    let out = run_in(
        &scratch.dir,
        &["check", "--disable", "unattributed-quote", path],
        None,
    );
    assert_eq!(status(&out), 0, "stdout: {}", stdout(&out));
    let out = run_in(
        &scratch.dir,
        &["check", "--disable", "no-such-rule", path],
        None,
    );
    assert_eq!(status(&out), 2);
    assert!(
        stderr(&out).contains("no such rule"),
        "stderr: {}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("unattributed-quote"),
        "lists the codes: {}",
        stderr(&out)
    );
}

#[test]
#[cfg(unix)]
fn a_symlink_loop_in_a_folder_is_walked_once() {
    let scratch = Scratch::new("symlink-loop");
    scratch.write("desk/a.txt", CLEAN);
    scratch.write("desk/sub/b.txt", UNATTRIBUTED);
    std::os::unix::fs::symlink(scratch.dir.join("desk"), scratch.dir.join("desk/sub/back"))
        .expect("can make a symlink");
    let out = run_in(&scratch.dir, &["check", "--format", "json", "desk"], None);
    assert_eq!(status(&out), 1, "stderr: {}", stderr(&out));
    let files: Vec<String> = json_lines(&out)
        .iter()
        .map(|l| l["file"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(files, ["desk/a.txt", "desk/sub/b.txt"], "each draft once");
}

/// The effective user id of this test process (Linux `/proc`), if known.
fn effective_uid() -> Option<u32> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let uids = status.lines().find_map(|l| l.strip_prefix("Uid:"))?;
    uids.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn unreadable_files_and_folders_and_dangling_links_are_each_reported_and_the_rest_checked() {
    use std::os::unix::fs::PermissionsExt;
    let scratch = Scratch::new("unreadable");
    scratch.write("desk/good.txt", UNATTRIBUTED);
    let locked = scratch.write("desk/locked.md", UNATTRIBUTED);
    scratch.write("desk/sealed/inside.md", UNATTRIBUTED);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000))
        .expect("can lock a file");
    let sealed = scratch.dir.join("desk/sealed");
    std::fs::set_permissions(&sealed, std::fs::Permissions::from_mode(0o000))
        .expect("can seal a folder");
    std::os::unix::fs::symlink("nowhere.md", scratch.dir.join("desk/dangling.md"))
        .expect("can make a symlink");

    // Permissions do not stop root: run as `nobody` then (CI runs as root).
    let args = ["check", "--format", "json", "desk"];
    let out = if effective_uid() == Some(0) {
        // The build folder may lie where nobody cannot go (a clone under
        // /root): then a copy in the scratch folder.
        let as_nobody = |bin: &Path| {
            Command::new("setpriv")
                .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(bin)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        };
        let mut bin = PathBuf::from(env!("CARGO_BIN_EXE_copydesk"));
        if !as_nobody(&bin) {
            let copy = scratch.dir.join("copydesk");
            std::fs::copy(&bin, &copy).expect("can copy the binary");
            bin = copy;
        }
        Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin)
            .args(args)
            .current_dir(&scratch.dir)
            .stdin(Stdio::null())
            .output()
            .expect("setpriv (util-linux) runs the binary as nobody")
    } else {
        run_in(&scratch.dir, &args, None)
    };
    // Unlock so the scratch folder can be removed.
    let _ = std::fs::set_permissions(&sealed, std::fs::Permissions::from_mode(0o755));

    let err = stderr(&out);
    assert_eq!(
        status(&out),
        2,
        "an unreadable input wins over a warning: {err}"
    );
    assert!(err.contains("desk/locked.md: permission denied"), "{err}");
    assert!(err.contains("desk/sealed"), "{err}");
    assert!(err.contains("desk/dangling.md"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let files: Vec<String> = json_lines(&out)
        .iter()
        .map(|l| l["file"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(files, ["desk/good.txt"], "the readable draft is checked");
}

#[test]
fn dash_reads_the_draft_from_stdin() {
    let scratch = Scratch::new("stdin");
    let out = run_in(
        &scratch.dir,
        &["check", "--format", "json", "-"],
        Some(UNATTRIBUTED.as_bytes()),
    );
    assert_eq!(status(&out), 1, "stderr: {}", stderr(&out));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["file"], "-");
    assert_eq!(lines[0]["diagnostics"][0]["code"], "unattributed-quote");

    let clean = run_in(&scratch.dir, &["check", "-"], Some(CLEAN.as_bytes()));
    assert_eq!(status(&clean), 0, "stderr: {}", stderr(&clean));
}

#[test]
fn input_format_markdown_masks_code_on_stdin() {
    let scratch = Scratch::new("stdin-markdown");
    let draft = "# Library hours cut\n\nThe opening hours change in May.\n\n`“We will open on Sundays again when the budget allows.”`\n";
    // As plain text the quote in backticks is speech nobody says...
    let plain = run_in(&scratch.dir, &["check", "-"], Some(draft.as_bytes()));
    assert_eq!(status(&plain), 1, "{}", stdout(&plain));
    // ...as Markdown it is code, so there is nothing to report.
    let markdown = run_in(
        &scratch.dir,
        &[
            "check",
            "--input-format",
            "markdown",
            "--format",
            "json",
            "-",
        ],
        Some(draft.as_bytes()),
    );
    assert_eq!(status(&markdown), 0, "{}", stdout(&markdown));
    let lines = json_lines(&markdown);
    assert_eq!(lines[0]["quotes"], Value::Array(vec![]));
}

#[test]
fn bad_usage_exits_2() {
    let scratch = Scratch::new("usage");
    scratch.write("clean.txt", CLEAN);
    let no_files = run_in(&scratch.dir, &["check"], None);
    assert_eq!(status(&no_files), 2);
    let bad_format = run_in(
        &scratch.dir,
        &["check", "--format", "xml", "clean.txt"],
        None,
    );
    assert_eq!(status(&bad_format), 2);
    assert!(
        stderr(&bad_format).contains("xml"),
        "{}",
        stderr(&bad_format)
    );
}

#[test]
fn json_is_one_object_per_file_per_line_with_the_contract_fields() {
    let scratch = Scratch::new("json-contract");
    scratch.write("one.txt", CLEAN);
    scratch.write("drafts/two.txt", UNATTRIBUTED);
    let out = run_in(
        &scratch.dir,
        &["check", "--format", "json", "one.txt", "./drafts/two.txt"],
        None,
    );
    assert_eq!(status(&out), 1, "stderr: {}", stderr(&out));
    assert!(stdout(&out).ends_with('\n'));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 2, "one line per file:\n{}", stdout(&out));

    // `file` is the path exactly as given on the command line.
    assert_eq!(lines[0]["file"], "one.txt");
    assert_eq!(lines[1]["file"], "./drafts/two.txt");

    let one = &lines[0];
    let quotes = one["quotes"].as_array().expect("quotes is an array");
    assert_eq!(quotes.len(), 1);
    let quote = &quotes[0];
    for key in ["start", "end"] {
        assert!(quote[key].is_u64(), "quote.{key}: {quote}");
    }
    assert_eq!(quote["text"], "“It is good to have our short cut back,”");
    let speaker = &quote["speaker"];
    assert_eq!(speaker["name"], "Megan Price");
    assert_eq!(speaker["kind"], "person");
    let (s, e) = (as_usize(&speaker["start"]), as_usize(&speaker["end"]));
    assert_eq!(&CLEAN[s..e], "Megan Price");

    let people = one["people"].as_array().expect("people is an array");
    let anwen = people
        .iter()
        .find(|p| p["name"] == "Megan Price")
        .expect("Megan Price is among the people");
    assert!(anwen["roles"].is_array());
    let mention = &anwen["mentions"][0];
    assert_eq!(mention["text"], "Megan Price");
    assert_eq!(mention["form"], "full");
    assert_eq!(
        &CLEAN[as_usize(&mention["start"])..as_usize(&mention["end"])],
        "Megan Price"
    );
    assert_eq!(one["diagnostics"], Value::Array(vec![]));

    let two = &lines[1];
    assert_eq!(two["quotes"][0]["speaker"], Value::Null);
    let diagnostic = &two["diagnostics"][0];
    assert_eq!(diagnostic["code"], "unattributed-quote");
    assert_eq!(diagnostic["severity"], "warning");
    assert!(diagnostic["message"]
        .as_str()
        .unwrap()
        .contains("Nobody told us anything"));
    for key in ["start", "end", "line", "column"] {
        assert!(diagnostic[key].is_u64(), "diagnostic.{key}: {diagnostic}");
    }
    assert_eq!(diagnostic["line"], 5);
    assert_eq!(diagnostic["column"], 1);
}

#[test]
fn offsets_are_utf8_byte_offsets_and_columns_count_characters() {
    let scratch = Scratch::new("offsets");
    // Curly quotes (3 bytes each), em dashes (3 bytes), a pound sign (2
    // bytes) and accented letters before the quotes, so byte and character offsets differ.
    let draft = "Café owner’s £5 pledge — in full\n\n\
Zoë Marsh, who has run the café for a decade, said the pledge was “a promise, not a gimmick”.\n\n\
“We will keep the price at £5 until Christmas,” Ms Marsh said.\n\n\
Then — at eight — silence. “Best coffee in town.”\n";
    scratch.write("cafe.txt", draft);
    let out = run_in(
        &scratch.dir,
        &["check", "--format", "json", "cafe.txt"],
        None,
    );
    assert_eq!(status(&out), 1, "stderr: {}", stderr(&out));
    let line = &json_lines(&out)[0];
    let quotes = line["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 3, "{quotes:?}");
    for quote in quotes {
        let (start, end) = (as_usize(&quote["start"]), as_usize(&quote["end"]));
        assert!(draft.is_char_boundary(start) && draft.is_char_boundary(end));
        assert_eq!(
            &draft[start..end],
            quote["text"].as_str().unwrap(),
            "text is the byte slice"
        );
        if let Value::Object(speaker) = &quote["speaker"] {
            let (s, e) = (as_usize(&speaker["start"]), as_usize(&speaker["end"]));
            assert!(draft.is_char_boundary(s) && draft.is_char_boundary(e));
            assert_eq!(speaker["name"], "Zoë Marsh");
            assert!(
                matches!(&draft[s..e], "Zoë Marsh" | "Ms Marsh"),
                "{speaker:?}"
            );
        }
    }
    assert_eq!(quotes[0]["text"], "“a promise, not a gimmick”");
    assert_eq!(
        quotes[1]["text"],
        "“We will keep the price at £5 until Christmas,”"
    );
    assert_eq!(quotes[2]["speaker"], Value::Null);

    let diagnostic = &line["diagnostics"][0];
    let start = as_usize(&diagnostic["start"]);
    assert_eq!(start, draft.find("“Best").unwrap());
    assert_eq!(
        &draft[start..as_usize(&diagnostic["end"])],
        "“Best coffee in town.”"
    );
    // Line 7; the column counts characters, so each em dash counts once,
    // not three times.
    let line7 = draft.lines().nth(6).unwrap();
    let column = line7[..line7.find('“').unwrap()].chars().count() + 1;
    assert_eq!(diagnostic["line"], 7);
    assert_eq!(diagnostic["column"], column as u64);
    assert_ne!(
        column,
        line7.find('“').unwrap() + 1,
        "the test needs multi-byte text"
    );
}

#[test]
fn human_output_has_location_severity_code_and_the_underlined_line() {
    let scratch = Scratch::new("human");
    scratch.write("draft.txt", UNATTRIBUTED);
    let out = run_in(&scratch.dir, &["check", "draft.txt"], None);
    assert_eq!(status(&out), 1);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("warning[unattributed-quote]: "),
        "{text}"
    );
    assert!(lines[0].contains("has no speaker"), "{text}");
    assert_eq!(lines[1].trim_start(), "--> draft.txt:5:1");
    let source = lines
        .iter()
        .position(|l| l.starts_with("5 | "))
        .expect("the source line with its number");
    assert_eq!(lines[source], "5 | “Nobody told us anything.”");
    // The underline runs under the whole quote: one caret per character.
    let underline = lines[source + 1];
    assert_eq!(underline.trim_start_matches([' ', '|']), "^".repeat(26));
    assert!(
        lines.iter().any(|l| l.trim_start().starts_with("= help: ")),
        "{text}"
    );
}

#[test]
fn human_underline_sits_under_a_quote_in_mid_line() {
    let scratch = Scratch::new("human-mid-line");
    scratch.write("fares.txt", UNCLOSED);
    let out = run_in(&scratch.dir, &["check", "fares.txt"], None);
    assert_eq!(status(&out), 1);
    let text = stdout(&out);
    assert!(text.starts_with("error[unclosed-quote]: "), "{text}");
    assert!(text.contains("--> fares.txt:5:19"), "{text}");
    let lines: Vec<&str> = text.lines().collect();
    let source = lines
        .iter()
        .position(|l| l.starts_with("5 | Alan Bright said: “It is too much"))
        .expect("the source line");
    // The caret is under the opening mark: `5 | ` then 18 characters.
    assert_eq!(lines[source + 1], format!("  | {}^", " ".repeat(18)));
}

#[test]
fn a_copydesk_toml_beside_the_drafts_configures_them_and_a_broken_one_is_reported_once() {
    let scratch = Scratch::new("config-file");
    // The repository root: discovery stops here, whatever lies above.
    std::fs::create_dir_all(scratch.dir.join(".git")).unwrap();
    scratch.write("desk/one.txt", UNATTRIBUTED);
    scratch.write("desk/two.txt", UNATTRIBUTED);
    let config = scratch.write(
        "desk/copydesk.toml",
        "# the desk's settings\n[severity]\nunattributed-quote = \"off\"\n",
    );
    let out = run_in(
        &scratch.dir,
        &["check", "desk/one.txt", "desk/two.txt"],
        None,
    );
    assert_eq!(status(&out), 0, "the rule is off: {}", stdout(&out));
    assert_eq!(stderr(&out), "");
    let out = run_in(
        &scratch.dir,
        &["check", "--format", "json", "desk/one.txt"],
        None,
    );
    assert!(json_lines(&out)[0]["diagnostics"]
        .as_array()
        .unwrap()
        .is_empty());

    // The file can raise a rule to an error; a command-line flag wins over it.
    std::fs::write(&config, "[severity]\nunattributed-quote = \"error\"\n").unwrap();
    let out = run_in(
        &scratch.dir,
        &["check", "--format", "json", "desk/one.txt"],
        None,
    );
    assert_eq!(status(&out), 1);
    assert_eq!(json_lines(&out)[0]["diagnostics"][0]["severity"], "error");
    let out = run_in(
        &scratch.dir,
        &["check", "--disable", "unattributed-quote", "desk/one.txt"],
        None,
    );
    assert_eq!(status(&out), 0, "{}", stdout(&out));
    std::fs::write(&config, "[severity]\nunattributed-quote = \"off\"\n").unwrap();

    // A file found from the current folder for standard input.
    let out = run_in(
        &scratch.dir.join("desk"),
        &["check", "-"],
        Some(UNATTRIBUTED.as_bytes()),
    );
    assert_eq!(status(&out), 0, "stdin uses the current folder's file");

    // Broken: a wrong type. Reported once for the two drafts that share it,
    // with its line and column; the defaults apply, so the exit status is
    // what it is without a file (1: an unattributed quote).
    std::fs::write(
        &config,
        "# the desk's settings\nstyle = 3\n[severity]\nunattributed-quote = \"off\"\n",
    )
    .unwrap();
    let out = run_in(
        &scratch.dir,
        &["check", "desk/one.txt", "desk/two.txt"],
        None,
    );
    let err = stderr(&out);
    assert_eq!(
        err,
        "copydesk: desk/copydesk.toml:2:9: style must be one of auto, honorific, surname (found a number); using auto\n"
    );
    assert_eq!(status(&out), 0, "the rest of the file still applies");

    // Not TOML at all: the defaults, and the usual exit status.
    std::fs::write(&config, "[severity\nunattributed-quote = \"off\"\n").unwrap();
    let out = run_in(
        &scratch.dir,
        &["check", "desk/one.txt", "desk/two.txt"],
        None,
    );
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "once, not per draft: {err}");
    assert!(
        err.starts_with("copydesk: desk/copydesk.toml:1:") && err.contains("using the defaults"),
        "{err}"
    );
    assert_eq!(status(&out), 1, "as without a file");
    assert_eq!(
        stdout(&out).matches("unattributed-quote").count(),
        2,
        "{}",
        stdout(&out)
    );
}

#[test]
fn json_fixes_are_byte_edits_that_mend_the_draft() {
    // A misspelt surname and a quote with no speaker: each finding carries
    // the edits its rule proposes, and applying them leaves only what the
    // writer must still fill in.
    let draft = "Talks resume\n\nThe defence minister, Ana Pereira, arrived on Tuesday.\n\n\
                 Ms Pereria said the talks would go on.\n\nThe room emptied at noon.\n\n\
                 “We will see.”\n";
    let scratch = Scratch::new("json-fixes");
    scratch.write("draft.txt", draft);
    let out = run_in(
        &scratch.dir,
        &["check", "--format", "json", "draft.txt"],
        None,
    );
    let file = &json_lines(&out)[0];
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for d in file["diagnostics"].as_array().unwrap() {
        let fix = &d["fixes"][0];
        assert!(fix["title"].is_string(), "{d}");
        for e in fix["edits"].as_array().unwrap() {
            let insert = e["insert"].as_str().unwrap().to_owned();
            edits.push((as_usize(&e["start"]), as_usize(&e["end"]), insert));
        }
    }
    edits.sort();
    let mut mended = String::new();
    let mut at = 0;
    for (start, end, insert) in edits {
        mended.push_str(&draft[at..start]);
        mended.push_str(&insert);
        at = end;
    }
    mended.push_str(&draft[at..]);
    assert_eq!(
        mended,
        draft
            .replace("Ms Pereria", "Ms Pereira")
            .replace("“We will see.”", "“We will see,” [who] said.")
    );
}

#[test]
fn a_transcript_named_on_the_command_line_that_is_missing_exits_2() {
    let scratch = Scratch::new("missing-transcript");
    scratch.write("clean.txt", CLEAN);
    let out = run_in(
        &scratch.dir,
        &["check", "--transcript", "price-interview.vtt", "clean.txt"],
        None,
    );
    assert_eq!(status(&out), 2, "stdout: {}", stdout(&out));
    assert!(
        stderr(&out).contains("--transcript price-interview.vtt: no such file"),
        "{}",
        stderr(&out)
    );
    assert!(
        stdout(&out).is_empty(),
        "nothing is checked: {}",
        stdout(&out)
    );
}

#[test]
fn a_folder_of_drafts_does_not_check_the_notes_its_project_names_as_transcripts() {
    let scratch = Scratch::new("notes-not-drafts");
    scratch.write(
        "copydesk.toml",
        "[transcripts]\npaths = [\"notes/*.txt\"]\n",
    );
    scratch.write(
        "notes/okafor.txt",
        "Dana Okafor: The pier will reopen at Easter, not before.\n",
    );
    scratch.write(
        "pier.txt",
        "Pier date set\n\nDana Okafor said: \"The pier will reopen at Easter, not before.\"\n",
    );
    let out = run_in(&scratch.dir, &["check", "--format", "json", "."], None);
    let files: Vec<String> = json_lines(&out)
        .iter()
        .map(|f| f["file"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(files, ["./pier.txt"], "stderr: {}", stderr(&out));
    assert_eq!(json_lines(&out)[0]["quotes"][0]["source"]["match"], "exact");
    // named on the command line, the notes are checked as asked
    let out = run_in(
        &scratch.dir,
        &["check", "--format", "json", "notes/okafor.txt"],
        None,
    );
    assert_eq!(json_lines(&out).len(), 1, "stderr: {}", stderr(&out));
}

#[test]
fn a_finding_a_rule_makes_milder_stays_milder_when_the_rule_is_raised() {
    let scratch = Scratch::new("milder");
    std::fs::create_dir_all(scratch.dir.join(".git")).unwrap();
    scratch.write("copydesk.toml", "[severity]\nheadline-quote = \"error\"\n");
    // The headline restates the intro in other words (a hint), and a quote
    // no one in the story says (at the rule's configured severity).
    let intro = "Small bakeries face a testing winter as flour prices climb, the trade body warns.";
    scratch.write(
        "reworded.txt",
        format!("Small bakeries 'in for hard times'\n\n{intro}\n"),
    );
    scratch.write(
        "unfounded.txt",
        format!("Flour 'a luxury now'\n\n{intro}\n"),
    );
    for (file, severity) in [("reworded.txt", "hint"), ("unfounded.txt", "error")] {
        let out = run_in(&scratch.dir, &["check", "--format", "json", file], None);
        let found = &json_lines(&out)[0]["diagnostics"];
        assert_eq!(found.as_array().unwrap().len(), 1, "{file}: {found}");
        assert_eq!(found[0]["code"], "headline-quote", "{file}");
        assert_eq!(found[0]["severity"], severity, "{file}");
    }
}
