//! Transcript fixtures: each folder in `tests/transcripts/` is a small
//! project (a draft, its transcripts, perhaps a `copydesk.toml`) checked
//! by the real `copydesk check --format json`, run in that folder with the
//! arguments in its `args` file (one per line; default `draft.txt` or
//! `draft.md`). What it finds is rendered as text and must equal the
//! folder's `expected` file (`UPDATE_EXPECT=1` rewrites them; read the
//! diff).
//!
//! Every transcript rule has a folder named `<rule>-fires…` whose output
//! holds it and one named `<rule>-silent…` whose output does not.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

const RULES: &[&str] = &[
    "transcript-mismatch",
    "transcript-missing",
    "transcript-speaker",
];

fn short(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= 50 {
        text
    } else {
        format!("{}…", text.chars().take(50).collect::<String>())
    }
}

fn render_source(source: &Value) -> String {
    if source.is_null() {
        return "no transcript".to_owned();
    }
    let field = |k: &str| source[k].as_str().unwrap_or("-").to_owned();
    let mut out = format!(
        "{} in {} at {} by {}",
        field("match"),
        field("file"),
        field("time"),
        field("speaker")
    );
    if let Some(line) = source["line"].as_u64() {
        out.push_str(&format!(" (line {line})"));
    }
    for d in source["differences"].as_array().into_iter().flatten() {
        if d["joined"] == Value::Bool(true) {
            out.push_str(" [joined at byte ");
            out.push_str(&d["start"].to_string());
            out.push(']');
            continue;
        }
        out.push_str(&format!(
            " [“{}” → “{}”]",
            d["draft"].as_str().unwrap_or(""),
            d["transcript"].as_str().unwrap_or("")
        ));
    }
    out
}

fn render(stdout: &str, stderr: &str) -> String {
    let mut out = String::new();
    for line in stdout.lines() {
        let file: Value = serde_json::from_str(line).expect("one JSON object per line");
        out.push_str(&format!("{}\n", file["file"].as_str().unwrap_or("?")));
        for q in file["quotes"].as_array().into_iter().flatten() {
            let speaker = q["speaker"]["name"].as_str().unwrap_or("nobody");
            out.push_str(&format!(
                "  quote “{}” ({speaker}): {}\n",
                short(q["text"].as_str().unwrap_or("")),
                render_source(&q["source"])
            ));
        }
        for d in file["diagnostics"].as_array().into_iter().flatten() {
            out.push_str(&format!(
                "  {} {} {}:{} {}\n",
                d["severity"].as_str().unwrap_or("?"),
                d["code"].as_str().unwrap_or("?"),
                d["line"],
                d["column"],
                d["message"].as_str().unwrap_or("")
            ));
            for fix in d["fixes"].as_array().into_iter().flatten() {
                out.push_str(&format!(
                    "    fix: {}\n",
                    fix["title"].as_str().unwrap_or("")
                ));
            }
        }
    }
    for line in stderr.lines() {
        out.push_str(&format!("stderr: {line}\n"));
    }
    out
}

fn run_case(dir: &Path) -> String {
    let args: Vec<String> = match std::fs::read_to_string(dir.join("args")) {
        Ok(args) => args
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_owned)
            .collect(),
        Err(_) if dir.join("draft.md").exists() => vec!["draft.md".to_owned()],
        Err(_) => vec!["draft.txt".to_owned()],
    };
    let output = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .arg("check")
        .arg("--format")
        .arg("json")
        .args(&args)
        .current_dir(dir)
        .output()
        .expect("copydesk runs");
    render(
        &String::from_utf8_lossy(&output.stdout),
        &String::from_utf8_lossy(&output.stderr),
    )
}

#[test]
fn transcript_fixtures_match_their_expectations() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/transcripts");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .expect("tests/transcripts exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    let mut failures = Vec::new();
    let mut outputs = Vec::new();
    for case in &cases {
        let actual = run_case(case);
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let expected_path = case.join("expected");
        if update {
            std::fs::write(&expected_path, &actual).expect("can write expectation");
        } else {
            let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
            if expected != actual {
                failures.push(format!(
                    "── {name} ──\nexpected:\n{expected}actual:\n{actual}"
                ));
            }
        }
        outputs.push((name, actual));
    }
    assert!(
        failures.is_empty(),
        "{} of {} transcript fixtures differ (UPDATE_EXPECT=1 rewrites them):\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    for rule in RULES {
        let short = rule.trim_start_matches("transcript-");
        let fires = outputs
            .iter()
            .filter(|(n, _)| n.starts_with(&format!("{short}-fires")));
        let silent = outputs
            .iter()
            .filter(|(n, _)| n.starts_with(&format!("{short}-silent")));
        let (mut fired, mut quiet) = (0, 0);
        for (name, out) in fires {
            assert!(
                out.contains(&format!(" {rule} ")),
                "{name} should hold {rule}:\n{out}"
            );
            fired += 1;
        }
        for (name, out) in silent {
            assert!(
                !out.contains(&format!(" {rule} ")),
                "{name} should not hold {rule}:\n{out}"
            );
            quiet += 1;
        }
        assert!(
            fired > 0 && quiet > 0,
            "{rule} needs a fixture that fires and one that stays silent"
        );
    }
}
