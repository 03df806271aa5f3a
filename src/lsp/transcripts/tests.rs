use std::sync::Arc;

use super::*;

const OKAFOR: &str = "WEBVTT\n\n00:12:34.000 --> 00:12:40.000\n<v Dana Okafor>We will not shut the harbour without a vote.\n";

/// A project folder: `copydesk.toml`'s folder with `interviews/` and
/// `notes/`, a draft beside them.
struct Project {
    dir: PathBuf,
}

impl Project {
    fn new(name: &str) -> Project {
        let dir = std::env::temp_dir().join(format!(
            "copydesk-lsp-transcripts-{name}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("interviews")).unwrap();
        std::fs::create_dir_all(dir.join("notes")).unwrap();
        std::fs::write(dir.join("interviews/okafor.vtt"), OKAFOR).unwrap();
        Project { dir }
    }

    fn uri(&self, name: &str) -> Uri {
        Uri::from_file_path(self.dir.join(name)).unwrap()
    }

    fn config(&self, globs: &[&str]) -> Config {
        Config {
            transcript_paths: globs.iter().map(|g| (*g).to_owned()).collect(),
            transcript_base: Some(self.dir.clone()),
            ..Config::default()
        }
    }
}

impl Drop for Project {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn names(files: &[Arc<Transcript>]) -> Vec<&str> {
    files.iter().map(|t| t.name.as_str()).collect()
}

#[test]
fn transcripts_are_read_once_and_reused_until_what_names_them_changes() {
    let project = Project::new("reuse");
    let transcripts = Transcripts::default();
    let uri = project.uri("draft.md");
    let config = project.config(&["interviews/*.vtt"]);
    let text = "Harbour\n\nBody.\n";
    // not open: nothing is read
    assert!(transcripts
        .files_for(&uri, &config, text, SourceFormat::Markdown)
        .is_empty());

    transcripts.open(&uri, false);
    let first = transcripts.files_for(&uri, &config, text, SourceFormat::Markdown);
    assert_eq!(names(&first), ["interviews/okafor.vtt"]);
    let path = first[0].path.clone().expect("read from a file");
    assert!(path.is_absolute() && path.ends_with("interviews/okafor.vtt"));
    // the same again: the very same transcript, nothing read
    let again = transcripts.files_for(
        &uri,
        &config,
        "Harbour\n\nEdited.\n",
        SourceFormat::Markdown,
    );
    assert!(Arc::ptr_eq(&first[0], &again[0]));
    assert!(transcripts.take_messages().is_empty());

    // the front matter names another file, one that is not there: looked
    // for again, and the problem reported once
    std::fs::write(
        project.dir.join("notes/bell.txt"),
        "Marcus Bell: Nobody asked the council.\n",
    )
    .unwrap();
    let named = "---\ntranscripts: [notes/bell.txt, notes/gone.txt]\n---\nHarbour\n";
    let files = transcripts.files_for(&uri, &config, named, SourceFormat::Markdown);
    assert_eq!(names(&files), ["interviews/okafor.vtt", "notes/bell.txt"]);
    assert!(
        Arc::ptr_eq(&first[0], &files[0]),
        "the library keeps what it read"
    );
    let messages = transcripts.take_messages();
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(
        messages[0].starts_with("copydesk: transcripts: “notes/gone.txt”"),
        "{messages:?}"
    );
    // plain text has no front matter
    let plain = transcripts.files_for(&uri, &config, named, SourceFormat::PlainText);
    assert_eq!(names(&plain), ["interviews/okafor.vtt"]);
    assert!(transcripts.take_messages().is_empty(), "said once");
    transcripts.close(&uri);
    assert!(transcripts
        .files_for(&uri, &config, text, SourceFormat::Markdown)
        .is_empty());
}

#[test]
fn a_change_on_disk_concerns_the_documents_whose_globs_match_it() {
    let project = Project::new("watch");
    let transcripts = Transcripts::default();
    let (a, b) = (project.uri("a.txt"), project.uri("b.txt"));
    let config = project.config(&["interviews/*.vtt"]);
    transcripts.open(&a, false);
    transcripts.open(&b, false);
    transcripts.files_for(&a, &config, "A\n", SourceFormat::PlainText);
    transcripts.files_for(&b, &Config::default(), "B\n", SourceFormat::PlainText);

    let changed = project.dir.join("interviews/okafor.vtt");
    let only_a = std::slice::from_ref(&a);
    assert_eq!(
        transcripts.concerned(std::slice::from_ref(&changed)),
        only_a
    );
    // a new file the glob matches concerns it too; a draft does not
    let created = project.dir.join("interviews/bell.vtt");
    assert_eq!(transcripts.concerned(&[created]), only_a);
    assert!(transcripts
        .concerned(&[project.dir.join("a.txt")])
        .is_empty());

    // unchanged on disk: refreshing finds the same transcripts
    assert!(!transcripts.refresh(&a, &config, "A\n", SourceFormat::PlainText));
    // rewritten (same size, maybe the same modification time): forgotten,
    // read again, and the document's transcripts differ
    std::fs::write(&changed, OKAFOR.replace("shut", "shot")).unwrap();
    transcripts.forget(std::slice::from_ref(&changed));
    assert!(transcripts.refresh(&a, &config, "A\n", SourceFormat::PlainText));
    let files = transcripts.files_for(&a, &config, "A\n", SourceFormat::PlainText);
    assert!(files[0].text.contains("shot"));
    // a closed document is refreshed no more
    transcripts.close(&a);
    assert!(!transcripts.refresh(&a, &config, "A\n", SourceFormat::PlainText));
    assert!(transcripts.concerned(&[changed]).is_empty());
}

#[test]
fn an_unreadable_transcript_is_reported_once_with_its_line_and_the_others_used() {
    let project = Project::new("unreadable");
    std::fs::write(
        project.dir.join("interviews/broken.vtt"),
        b"WEBVTT\n\n\xff\xfe cue\n",
    )
    .unwrap();
    let transcripts = Transcripts::default();
    let (a, b) = (project.uri("a.txt"), project.uri("b.txt"));
    let config = project.config(&["interviews/*.vtt"]);
    transcripts.open(&a, false);
    transcripts.open(&b, false);
    let files = transcripts.files_for(&a, &config, "A\n", SourceFormat::PlainText);
    assert_eq!(names(&files), ["interviews/okafor.vtt"]);
    let messages = transcripts.take_messages();
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(
        messages[0].contains("broken.vtt:3: not UTF-8"),
        "{messages:?}"
    );
    // another document naming it: not said again
    transcripts.files_for(&b, &config, "B\n", SourceFormat::PlainText);
    assert!(transcripts.take_messages().is_empty());
}

#[test]
fn a_file_a_draft_uses_is_a_transcript_while_the_draft_is_open() {
    let project = Project::new("standing");
    std::fs::write(
        project.dir.join("notes/okafor.txt"),
        "Dana Okafor: We will not shut the harbour.\n",
    )
    .unwrap();
    let transcripts = Transcripts::default();
    let (draft, notes) = (project.uri("draft.txt"), project.uri("notes/okafor.txt"));
    let vtt = project.uri("interviews/okafor.vtt");
    let config = project.config(&["notes/*.txt"]);
    transcripts.open(&notes, false);
    transcripts.open(&draft, false);
    transcripts.open(&vtt, true);
    // the notes, checked first, are a draft: none uses them yet (and they
    // are not their own transcript)
    assert!(!transcripts.is_transcript(&notes));
    assert!(transcripts
        .files_for(&notes, &config, "Notes\n", SourceFormat::PlainText)
        .is_empty());
    // the draft reads them: now they are a transcript, to be checked again
    let files = transcripts.files_for(&draft, &config, "Draft\n", SourceFormat::PlainText);
    assert_eq!(names(&files), ["notes/okafor.txt"]);
    assert!(transcripts.is_transcript(&notes));
    assert!(!transcripts.is_transcript(&draft));
    assert_eq!(
        transcripts.take_changed_standing(),
        std::slice::from_ref(&notes)
    );
    // set aside, they name nothing of their own and are not refreshed
    transcripts.set_aside(&notes);
    assert!(transcripts.take_changed_standing().is_empty());
    assert!(!transcripts.refresh(&notes, &config, "Notes\n", SourceFormat::PlainText));
    assert!(transcripts.is_transcript(&notes));
    // the draft closed: the notes are a draft again
    transcripts.close(&draft);
    assert!(!transcripts.is_transcript(&notes));
    assert_eq!(
        transcripts.take_changed_standing(),
        std::slice::from_ref(&notes)
    );
    // a WebVTT file is a transcript by its name, and names none itself
    assert!(transcripts.is_transcript(&vtt));
    assert!(transcripts
        .files_for(&vtt, &config, "WEBVTT\n", SourceFormat::PlainText)
        .is_empty());
}

#[test]
fn a_glob_that_climbs_out_of_the_folder_still_matches_what_the_editor_reports() {
    let project = Project::new("climb");
    std::fs::create_dir_all(project.dir.join("desk")).unwrap();
    let transcripts = Transcripts::default();
    let draft = project.uri("desk/draft.txt");
    // copydesk.toml in desk/, the interviews beside it
    let config = Config {
        transcript_paths: vec!["../interviews/*.vtt".to_owned()],
        transcript_base: Some(project.dir.join("desk")),
        ..Config::default()
    };
    transcripts.open(&draft, false);
    let files = transcripts.files_for(&draft, &config, "A\n", SourceFormat::PlainText);
    assert_eq!(names(&files).len(), 1);
    let created = project.dir.join("interviews/bell.vtt");
    assert_eq!(transcripts.concerned(&[created]), [draft]);
}
