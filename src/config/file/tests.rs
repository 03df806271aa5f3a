use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::*;
use crate::analysis::{
    analyze, Analysis, Gender, Options, RegisteredPerson, SourceFormat, SpeakerKind,
};
use crate::config::{Config, Level, Style};
use crate::diagnostic::Severity;

/// A fresh folder under the system's temporary folder, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "copydesk-config-{name}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        // Canonical, so that comparisons with discovered paths hold on
        // systems whose temporary folder is behind a link.
        TempDir(dir.canonicalize().unwrap())
    }

    fn path(&self) -> &Path {
        &self.0
    }

    fn write(&self, relative: &str, text: &str) -> PathBuf {
        let path = self.0.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    fn mkdir(&self, relative: &str) -> PathBuf {
        let path = self.0.join(relative);
        std::fs::create_dir_all(&path).unwrap();
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn rendered(file: &FileConfig) -> Vec<String> {
    file.problems
        .iter()
        .map(|p| p.render("copydesk.toml"))
        .collect()
}

const GOOD: &str = r#"
style = "honorific"            # auto | honorific | surname

[severity]
headline-quote = "off"
misquote = "error"

[words]
speech_verbs = ["harrumph", "spake spakes spoke spoken spaking"]
titles = [{ title = "Bailie", gender = "f" }, "Provost"]

[[people]]
name = "Ben Wallace"
roles = ["defence secretary"]
pronoun = "he"
"#;

#[test]
fn a_good_file_sets_everything() {
    let file = parse(GOOD);
    assert!(file.problems.is_empty(), "{:?}", file.problems);
    let config = &file.config;
    assert_eq!(config.style, Style::Honorific);
    assert_eq!(config.levels.get("headline-quote"), Some(&Level::Off));
    assert_eq!(
        config.levels.get("misquote"),
        Some(&Level::On(Severity::Error))
    );
    let extra = config.lexicon.extra_words().expect("extra words");
    assert_eq!(
        extra.people,
        [RegisteredPerson {
            name: "Ben Wallace".into(),
            roles: vec!["defence secretary".into()],
            gender: Some(Gender::Male),
        }]
    );
}

#[test]
fn an_empty_file_is_the_defaults() {
    let file = parse("# nothing yet\n");
    assert!(file.problems.is_empty());
    assert_eq!(file.config.style, Style::Auto);
    assert!(file.config.levels.is_empty());
    assert!(file.config.lexicon.extra_words().is_none());
}

#[test]
fn unknown_keys_are_warnings_and_the_rest_applies() {
    let file = parse(
        "stlye = \"surname\"\nstyle = \"surname\"\n[severity]\nno-such-rule = \"off\"\n[[people]]\nname = \"Liz Truss\"\nparty = \"Conservative\"\n",
    );
    let problems = rendered(&file);
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert_eq!(
        problems[0],
        "copydesk.toml:1:1: unknown key “stlye”, ignored; did you mean “style”?"
    );
    assert!(
        problems[1].starts_with(
            "copydesk.toml:4:1: unknown key “no-such-rule” in [severity], ignored; the keys here are "
        ) && problems[1].contains("headline-quote"),
        "{problems:?}"
    );
    assert_eq!(
        problems[2],
        "copydesk.toml:7:1: unknown key “party” in [[people]], ignored; the keys here are name, roles, pronoun"
    );
    assert!(file.problems.iter().all(|p| !p.error));
    assert_eq!(file.config.style, Style::Surname);
    assert_eq!(
        file.config.lexicon.extra_words().unwrap().people[0].name,
        "Liz Truss"
    );
}

#[test]
fn wrong_types_are_errors_with_line_and_column_and_keep_the_defaults() {
    let file = parse(
        "# house style\nstyle = 3\n[severity]\nheadline-quote = \"loud\"\nmisquote = \"off\"\n[words]\nspeech_verbs = \"harrumph\"\ntitles = [{ title = \"Bailie\", gender = \"x\" }]\n[[people]]\npronoun = \"it\"\n",
    );
    assert_eq!(
        rendered(&file),
        [
            "copydesk.toml:2:9: style must be one of auto, honorific, surname (found a number); using auto",
            "copydesk.toml:4:18: severity.headline-quote must be one of off, hint, info, warning, error (found “loud”); using warning",
            "copydesk.toml:7:16: words.speech_verbs must be a list of strings (found a string); ignored",
            "copydesk.toml:8:40: a title's gender must be “m”, “f” or “-” (found “x”); using “-”",
            "copydesk.toml:9:1: this [[people]] entry has no name; ignored",
            "copydesk.toml:10:11: pronoun must be one of he, she, they (found “it”); ignored",
        ]
    );
    assert!(file.problems.iter().all(|p| p.error));
    assert_eq!(file.config.style, Style::Auto);
    assert_eq!(file.config.levels.get("headline-quote"), None);
    // the good setting beside the bad ones still applies
    assert_eq!(file.config.levels.get("misquote"), Some(&Level::Off));
}

#[test]
fn broken_toml_names_line_and_column_and_uses_the_defaults() {
    let file = parse("style = \"surname\"\n[severity\nmisquote = \"off\"\n");
    let problems = rendered(&file);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("copydesk.toml:2:") && problems[0].ends_with("using the defaults"),
        "{problems:?}"
    );
    assert_eq!(file.config.style, Style::Auto);
    assert!(file.config.levels.is_empty());
}

#[test]
fn columns_count_characters_not_bytes() {
    // `“é”` is six bytes and three characters before the bad `1`.
    let file = parse("style = \"surname\"\nwords = { titles = [\"“é”\", 1] }\n");
    assert_eq!(file.problems.len(), 1, "{:?}", file.problems);
    assert_eq!(file.problems[0].line_col, Some((2, 28)));
}

#[test]
fn many_problems_are_counted_not_listed() {
    let verbs = vec!["\"1\""; 100_000].join(", ");
    let file = parse(&format!("[words]\nspeech_verbs = [{verbs}]\n"));
    assert_eq!(file.problems.len(), 100_000);
    let lines = file.report("copydesk.toml");
    assert_eq!(lines.len(), MAX_REPORTED + 1, "{lines:?}");
    assert!(
        lines[0].starts_with("copydesk.toml:2:17: words.speech_verbs"),
        "{}",
        lines[0]
    );
    assert_eq!(
        lines[MAX_REPORTED],
        "copydesk.toml: and 99,980 more problems after these; mend the ones above first"
    );
    // A few problems are all listed.
    let file = parse("style = 1\nspeling = 2\n");
    assert_eq!(file.report("x.toml").len(), 2);
}

#[test]
fn a_file_over_the_size_limit_is_refused_unread() {
    let dir = TempDir::new("size");
    let mut big = String::from("style = \"surname\"\n# ");
    big.push_str(&"x".repeat(MAX_BYTES as usize));
    let path = dir.write(FILE_NAME, &big);
    let file = load(&path);
    assert_eq!(file.config.style, Style::Auto);
    assert_eq!(
        rendered(&file),
        ["copydesk.toml: the file is 1.0 MB, more than the 1.0 MB a configuration file may be; using the defaults"]
    );
    // just under the limit is read
    let path = dir.write(FILE_NAME, &big[..MAX_BYTES as usize]);
    assert_eq!(load(&path).config.style, Style::Surname);
}

#[test]
fn a_folder_or_non_utf8_file_is_refused() {
    let dir = TempDir::new("odd");
    let folder = dir.mkdir("folder");
    assert!(load(&folder).problems[0]
        .message
        .contains("not a regular file"));
    let path = dir.path().join("latin1.toml");
    std::fs::write(&path, b"style = \"surname\" # caf\xe9\n").unwrap();
    let file = load(&path);
    assert!(file.problems[0].message.contains("not UTF-8"), "{file:?}");
    assert_eq!(file.config.style, Style::Auto);
}

#[test]
fn discovery_finds_the_nearest_file() {
    let dir = TempDir::new("nearest");
    dir.mkdir(".git");
    let top = dir.write(FILE_NAME, "style = \"surname\"\n");
    let near = dir.write("desk/copydesk.toml", "style = \"honorific\"\n");
    let drafts = dir.mkdir("desk/politics/drafts");
    assert_eq!(discover(&drafts).path, Some(near.clone()));
    assert_eq!(discover(&dir.path().join("desk")).path, Some(near));
    assert_eq!(discover(&dir.mkdir("sport")).path, Some(top));
}

#[test]
fn discovery_stops_at_the_repository_root() {
    let dir = TempDir::new("stop");
    // A file above the repository is not the repository's.
    dir.write(FILE_NAME, "style = \"surname\"\n");
    dir.mkdir("repo/.git");
    let drafts = dir.mkdir("repo/drafts");
    assert_eq!(discover(&drafts).path, None);
    // at the root itself, inclusive
    let root = dir.write("repo/copydesk.toml", "");
    assert_eq!(discover(&drafts).path, Some(root));
    // `.git` may be a file (worktrees, submodules)
    let dir = TempDir::new("stop-file");
    dir.write(FILE_NAME, "");
    dir.write("repo/.git", "gitdir: elsewhere\n");
    assert_eq!(discover(&dir.mkdir("repo/drafts")).path, None);
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_repository_is_refused_and_one_inside_followed() {
    use std::os::unix::fs::symlink;
    let dir = TempDir::new("symlink");
    let secret = dir.write("elsewhere/secret.toml", "style = \"surname\"\n");
    dir.mkdir("repo/.git");
    let drafts = dir.mkdir("repo/drafts");
    let link = drafts.join(FILE_NAME);
    symlink(&secret, &link).unwrap();
    let shared = dir.write("repo/copydesk.toml", "style = \"honorific\"\n");
    let found = discover(&drafts);
    // refused, reported, and the search goes on upward
    assert_eq!(found.path, Some(shared.clone()));
    assert_eq!(found.skipped.len(), 1);
    assert_eq!(found.skipped[0].0, link);
    let message = found.skipped[0].1.render("drafts/copydesk.toml");
    assert!(
        message.contains("outside the repository") && message.contains("not followed"),
        "{message}"
    );
    // a link to a file inside the repository is fine
    std::fs::remove_file(&link).unwrap();
    symlink(&shared, &link).unwrap();
    let found = discover(&drafts);
    assert_eq!(found.path, Some(link));
    assert!(found.skipped.is_empty());
    // a dangling link is reported and skipped
    std::fs::remove_file(drafts.join(FILE_NAME)).unwrap();
    symlink(dir.path().join("gone.toml"), drafts.join(FILE_NAME)).unwrap();
    let found = discover(&drafts);
    assert_eq!(found.path, Some(shared));
    assert!(found.skipped[0].1.message.contains("nothing readable"));
}

#[cfg(unix)]
#[test]
fn outside_a_repository_a_symlink_must_point_into_the_searched_folders() {
    use std::os::unix::fs::symlink;
    let dir = TempDir::new("symlink-norepo");
    let drafts = dir.mkdir("a/drafts");
    let beside = dir.write("b/other.toml", "");
    symlink(&beside, drafts.join(FILE_NAME)).unwrap();
    let found = discover(&drafts);
    assert_eq!(found.skipped.len(), 1, "{found:?}");
    assert_ne!(found.path, Some(drafts.join(FILE_NAME)));
    // a link to a file in a folder above the draft is one searched anyway
    std::fs::remove_file(drafts.join(FILE_NAME)).unwrap();
    let above = dir.write("a/house.toml", "");
    symlink(&above, drafts.join(FILE_NAME)).unwrap();
    assert_eq!(discover(&drafts).path, Some(drafts.join(FILE_NAME)));
}

// ---------------------------------------------------------------------------
// the extra words reach the analysis
// ---------------------------------------------------------------------------

fn analyze_configured(toml: &str, text: &str) -> Analysis {
    let file = parse(toml);
    assert!(file.problems.is_empty(), "{:?}", file.problems);
    analyze(text, &file.config.options(SourceFormat::PlainText))
}

fn plain(text: &str) -> Analysis {
    analyze(text, &Options::new(SourceFormat::PlainText))
}

#[test]
fn an_extra_speech_verb_attributes_a_quote() {
    let text =
        "Harbour plan\n\nJane Roe chaired the meeting.\n\n“We will build it,” she harrumphed.\n";
    assert_eq!(cue_of(&plain(text), text), None);
    let analysis = analyze_configured("[words]\nspeech_verbs = [\"harrumph\"]\n", text);
    let speaker = analysis.quotes[0].speaker.as_ref().expect("attributed");
    assert_eq!(speaker.name, "Jane Roe");
    assert_eq!(speaker.pronoun.as_deref(), Some("she"));
    assert_eq!(cue_of(&analysis, text), Some("harrumphed"));
    // and only for that analysis: the next, unconfigured one is as before
    assert_eq!(cue_of(&plain(text), text), None);
}

/// The verb the first quote's speaker was read from, if any (without one, a
/// speaker may still be weighed from the people nearby).
fn cue_of<'a>(analysis: &Analysis, text: &'a str) -> Option<&'a str> {
    let cue = analysis.quotes[0].speaker.as_ref()?.cue.clone()?;
    Some(&text[cue])
}

#[test]
fn a_listed_verb_form_attributes_a_quote() {
    let text = "Harbour plan\n\n“We will build it,” spake Jane Roe.\n";
    assert_eq!(cue_of(&plain(text), text), None);
    let analysis = analyze_configured(
        "[words]\nspeech_verbs = [\"speak speaks spake spoken speaking\"]\n",
        text,
    );
    assert_eq!(
        analysis.quotes[0].speaker.as_ref().map(|s| s.name.as_str()),
        Some("Jane Roe")
    );
    assert_eq!(cue_of(&analysis, text), Some("spake"));
}

#[test]
fn an_extra_title_makes_one_person_of_title_and_surname() {
    let text = "Session opens\n\nBailie Mary Kerr opened the session on Monday.\n\nThe vote was close, Bailie Kerr conceded.\n";
    assert_eq!(plain(text).people.persons.len(), 2);
    let analysis = analyze_configured(
        "[words]\ntitles = [{ title = \"Bailie\", gender = \"f\" }]\n",
        text,
    );
    let persons = &analysis.people.persons;
    assert_eq!(persons.len(), 1, "{persons:?}");
    assert_eq!(persons[0].name, "Mary Kerr");
    assert_eq!(persons[0].mentions.len(), 2);
}

const REGISTER: &str =
    "[[people]]\nname = \"Ben Wallace\"\nroles = [\"defence secretary\"]\npronoun = \"he\"\n";

#[test]
fn the_register_links_a_role_speaker_to_its_person() {
    let text = "Base visit\n\nBen Wallace visited the base on Monday.\n\n“We are ready,” the defence secretary said.\n";
    let before = plain(text);
    let speaker = before.quotes[0].speaker.as_ref().unwrap();
    assert_eq!((speaker.kind, speaker.person), (SpeakerKind::Role, None));

    let analysis = analyze_configured(REGISTER, text);
    let speaker = analysis.quotes[0].speaker.as_ref().unwrap();
    assert_eq!(speaker.name, "Ben Wallace");
    assert_eq!(speaker.person, Some(0), "certain, not a guess");
    let person = &analysis.people.persons[0];
    assert_eq!(person.register_roles, ["defence secretary"]);
    assert_eq!(person.gender, Gender::Male);
}

#[test]
fn the_register_names_a_role_speaker_the_story_never_names() {
    let text = "Base visit\n\nThe base was busy on Monday.\n\n“We are ready,” the defence secretary said.\n";
    let analysis = analyze_configured(REGISTER, text);
    let speaker = analysis.quotes[0].speaker.as_ref().unwrap();
    assert_eq!(speaker.name, "Ben Wallace");
    assert_eq!(speaker.kind, SpeakerKind::Person);
    assert_eq!(speaker.person, None);
}

#[test]
fn the_story_s_own_role_wins_over_the_register() {
    let text = "Base visit\n\nDefence Secretary Grant Shapps visited the base on Monday.\n\n“We are ready,” the defence secretary said.\n";
    let analysis = analyze_configured(REGISTER, text);
    let speaker = analysis.quotes[0].speaker.as_ref().unwrap();
    assert_eq!(speaker.name, "Grant Shapps");
}

#[test]
fn the_register_pronoun_sets_gender() {
    // Neither given name tells a gender; the register does, so `she` can
    // only be Robin Hale.
    let text = "Talks end\n\nAlex Moreno met Robin Hale on Monday.\n\n“It went well,” she said.\n";
    let speaker = |a: &Analysis| a.quotes[0].speaker.as_ref().unwrap().name.clone();
    assert_eq!(speaker(&plain(text)), "Alex Moreno");
    let analysis = analyze_configured(
        "[[people]]\nname = \"Robin Hale\"\npronoun = \"she\"\n\n[[people]]\nname = \"Alex Moreno\"\npronoun = \"he\"\n",
        text,
    );
    assert_eq!(speaker(&analysis), "Robin Hale");
}

#[test]
fn a_registered_person_is_known_by_an_unfamiliar_given_name() {
    let text =
        "Talks end\n\nThe council agreed after Zorvan Quill intervened.\n\nLater, Quill left.\n";
    assert!(plain(text).people.persons.is_empty());
    let analysis = analyze_configured("[[people]]\nname = \"Zorvan Quill\"\n", text);
    let persons = &analysis.people.persons;
    assert_eq!(persons.len(), 1, "{persons:?}");
    assert_eq!(persons[0].name, "Zorvan Quill");
    assert_eq!(persons[0].mentions.len(), 2);
}

#[test]
fn the_rules_read_the_project_s_words_too() {
    // Only the register says `Ysolde` is a woman's name: the title-mismatch
    // rule must know it as the people pass did.
    let text = "Ferry timetable\n\nYsolde Marchbank runs the ferry.\n\nMr Marchbank said the timetable would change.\n";
    let toml = "[[people]]\nname = \"Ysolde Marchbank\"\npronoun = \"she\"\n";
    let codes = |config: &Config| -> Vec<&'static str> {
        crate::draft::check_draft(text, SourceFormat::PlainText, config)
            .diagnostics
            .into_iter()
            .map(|d| d.code)
            .collect()
    };
    assert!(!codes(&Config::default()).contains(&"title-mismatch"));
    let file = parse(toml);
    assert_eq!(codes(&file.config), vec!["title-mismatch"]);
}

#[test]
fn the_readme_example_is_a_valid_file() {
    let readme = include_str!("../../../README.md");
    let section = &readme[readme
        .find("### Configuration file")
        .expect("the README documents the file")..];
    let start = section.find("```toml\n").unwrap() + "```toml\n".len();
    let example = &section[start..start + section[start..].find("```").unwrap()];
    let file = parse(example);
    assert!(file.problems.is_empty(), "{:?}", file.problems);
    assert_eq!(file.config.style, Style::Honorific);
    assert_eq!(file.config.lexicon.extra_words().unwrap().people.len(), 2);
}

#[test]
fn a_lone_carriage_return_counts_as_a_line_break_as_in_the_editor() {
    // TOML does not allow a carriage return without a line feed; the
    // problem is placed on the line the editor shows, after the break.
    let file = parse("\r~ = 1\n");
    assert_eq!(file.problems.len(), 1, "{:?}", file.problems);
    assert_eq!(file.problems[0].line_col.map(|(line, _)| line), Some(2));
}

#[test]
fn a_problem_at_a_crlf_is_placed_at_the_end_of_its_line() {
    // toml points at the `\n` of `\r\n` for an array left open at the end;
    // the column is the line's end, not past it.
    let file = parse("style = \"auto\"\r\nx = [\"a\r\n");
    assert_eq!(file.problems.len(), 1, "{:?}", file.problems);
    let (line, col) = file.problems[0].line_col.unwrap();
    assert!(line == 2 && col <= 8, "{:?}", file.problems[0]);
}
