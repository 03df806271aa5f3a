//! `copydesk sources FILE|DIR|- [--format human|json|csv|html] [--totals]`:
//! who gets a voice, story by story and for a desk. This file reads the
//! drafts and archives (each file once, however often it is named), has
//! them counted a batch at a time on every core, and writes the report the
//! library renders. Each story's row is kept for the report; with
//! `--totals` only the sums are, so memory stays bounded however big the
//! archive.
//!
//! Exit status: 0 when every story was counted, 1 when a line of a JSON
//! Lines archive was not a story (reported and skipped), 2 on bad usage or
//! a file that could not be read.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::ValueEnum;

use copydesk::analysis::balance::GenderPolicy;
use copydesk::source_count::json::Policies;
use copydesk::source_count::stories::{count_stories, Story};
use copydesk::source_count::{csv, html, human, json, Desk};
use copydesk::transcript::load::Library;
use copydesk::Config;

use super::archive::{each_story, is_archive_name};
use super::config_files::ConfigFiles;
use super::drafts::{each_draft, wanted, InputFormat, Seen};

/// Stories are counted in batches of this many (or of `BATCH_BYTES`), so
/// an archive's texts stream through in bounded memory (and with
/// `--totals`, its counts too).
const BATCH_STORIES: usize = 1024;
const BATCH_BYTES: usize = 32 << 20;

#[derive(clap::Args)]
pub(super) struct SourcesArgs {
    /// How to write the count: a table per story and the desk's totals
    /// (`human`), one JSON object (`json`), a row per source (`csv`), or
    /// one self-contained web page (`html`).
    #[arg(long, value_enum, default_value = "human")]
    format: ReportFormat,
    /// Print only the desk's totals, months and shares, no story's row: the
    /// memory it takes stays small however big the archive (for the map
    /// step of a count over many machines).
    #[arg(long)]
    totals: bool,
    /// Read every input as this format (default: from the file extension;
    /// `.jsonl` and `.ndjson` are archives, plain text for stdin). `jsonl`:
    /// one story a line, {"id", "text", "date"}; `plain` and `markdown`
    /// read a `.jsonl` file as one draft.
    #[arg(long = "input-format", value_enum)]
    input_format: Option<SourcesInput>,
    /// How a person's gender may be decided: `names` lets a given name's
    /// usual gender decide when the story says nothing (labelled weak),
    /// `text-only` only what the story states. Overrides the `[sources]
    /// gender` of copydesk.toml [default: the file's, else names].
    #[arg(long, value_enum)]
    gender: Option<GenderArg>,
    /// Drafts, folders of drafts, or JSON Lines archives; `-` for standard
    /// input.
    #[arg(required = true, value_name = "FILE")]
    paths: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    Human,
    Json,
    Csv,
    Html,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SourcesInput {
    Plain,
    Markdown,
    /// JSON Lines: one {"id", "text", "date"} object per line.
    Jsonl,
}

#[derive(Clone, Copy, ValueEnum)]
enum GenderArg {
    Names,
    TextOnly,
}

impl From<GenderArg> for GenderPolicy {
    fn from(g: GenderArg) -> GenderPolicy {
        match g {
            GenderArg::Names => GenderPolicy::WithNames,
            GenderArg::TextOnly => GenderPolicy::TextOnly,
        }
    }
}

/// What a run found beside the counts.
#[derive(Default)]
struct Trouble {
    /// A file could not be read (status 2).
    unreadable: bool,
    /// Lines of archives that were not stories (status 1).
    bad_lines: usize,
}

/// The stories read so far: counted a batch at a time, in input order.
#[derive(Default)]
struct Counter {
    pending: Vec<Story>,
    pending_bytes: usize,
    desk: Desk,
    /// Whether each story's row is kept (else only the sums).
    rows: bool,
    /// The gender policies the stories were counted under.
    policies: Policies,
}

impl Counter {
    fn add(&mut self, story: Story) {
        self.policies.add(story.policy);
        self.pending_bytes += story.text.len();
        self.pending.push(story);
        if self.pending.len() >= BATCH_STORIES || self.pending_bytes >= BATCH_BYTES {
            self.flush();
        }
    }

    fn flush(&mut self) {
        for count in count_stories(&self.pending) {
            if self.rows {
                self.desk.add(count);
            } else {
                self.desk.add_totals(&count);
            }
        }
        self.pending.clear();
        self.pending_bytes = 0;
    }

    /// The desk, every story counted; and how gender was decided.
    fn finish(mut self) -> (Desk, &'static str) {
        self.flush();
        (self.desk, self.policies.word())
    }
}

/// Whether `path` is read as a JSON Lines archive: by `--input-format`
/// when it is given (every input is read as it says), else by its name.
fn is_archive(args: &SourcesArgs, path: &str) -> bool {
    match args.input_format {
        Some(SourcesInput::Jsonl) => true,
        Some(SourcesInput::Plain | SourcesInput::Markdown) => false,
        None => is_archive_name(path),
    }
}

pub(super) fn sources_command(args: SourcesArgs) -> ExitCode {
    if let Some(message) = bad_usage(&args) {
        eprintln!("copydesk: {message}");
        return ExitCode::from(2);
    }
    let mut counter = Counter {
        rows: !args.totals,
        ..Counter::default()
    };
    let mut trouble = Trouble::default();
    let mut seen = Seen::default();
    // Drafts are read in runs between archives, so the output keeps the
    // order of the command line.
    let mut drafts: Vec<String> = Vec::new();
    for path in &args.paths {
        if !is_archive(&args, path) {
            drafts.push(path.clone());
            continue;
        }
        let run = std::mem::take(&mut drafts);
        read_drafts(&args, run, &mut seen, &mut counter, &mut trouble);
        if seen.first(path) {
            read_archive(&args, path, &mut counter, &mut trouble);
        }
    }
    read_drafts(&args, drafts, &mut seen, &mut counter, &mut trouble);
    let (desk, gender) = counter.finish();
    let single = args.paths.len() == 1
        && !args.totals
        && !is_archive(&args, &args.paths[0])
        && !Path::new(&args.paths[0]).is_dir();
    if !(desk.totals.stories == 0 && trouble.unreadable) {
        let report = render(&args, &desk, gender, single);
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        // stdout closed (piped into `head`): nothing more to say
        let _ = out.write_all(report.as_bytes()).and_then(|()| out.flush());
    }
    if trouble.unreadable {
        ExitCode::from(2)
    } else if trouble.bad_lines > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// What is wrong with the arguments, if anything.
fn bad_usage(args: &SourcesArgs) -> Option<String> {
    if args.totals && args.format == ReportFormat::Csv {
        return Some(
            "--totals prints the desk's totals, and --format csv a row per source: \
             use --format json, human or html with --totals"
                .to_owned(),
        );
    }
    let archives = args.input_format == Some(SourcesInput::Jsonl);
    let folder = (archives.then_some(&args.paths))
        .and_then(|paths| paths.iter().find(|p| Path::new(p).is_dir()))?;
    Some(format!(
        "{folder} is a folder; --input-format jsonl reads JSON Lines archives: name the .jsonl files"
    ))
}

/// Reads drafts and folders of drafts as `copydesk check` does (each with
/// its project's copydesk.toml; the notes a project names as transcripts
/// are not drafts) and adds their stories to the count.
fn read_drafts(
    args: &SourcesArgs,
    paths: Vec<String>,
    seen: &mut Seen,
    counter: &mut Counter,
    trouble: &mut Trouble,
) {
    if paths.is_empty() {
        return;
    }
    let input_format = match args.input_format {
        Some(SourcesInput::Plain) => Some(InputFormat::Plain),
        Some(SourcesInput::Markdown) => Some(InputFormat::Markdown),
        Some(SourcesInput::Jsonl) | None => None,
    };
    let mut library = Library::default();
    let read = each_draft(&paths, seen, input_format, None, |input, mut config| {
        if input.in_folder && library.is_project_transcript(&wanted(&input, &config, &[])) {
            return Ok(());
        }
        override_gender(args, &mut config);
        counter.add(Story::draft(input.name, input.text, input.format, &config));
        Ok(())
    });
    trouble.unreadable |= read != Some(false);
}

/// Reads a JSON Lines archive and adds its stories to the count.
fn read_archive(args: &SourcesArgs, path: &str, counter: &mut Counter, trouble: &mut Trouble) {
    let is_stdin = path == "-";
    let mut config = ConfigFiles::default().for_input(path, is_stdin);
    override_gender(args, &mut config);
    match each_story(path, is_stdin, &config, |story| counter.add(story)) {
        Ok(bad) => trouble.bad_lines += bad,
        Err(message) => {
            eprintln!("copydesk: {message}");
            trouble.unreadable = true;
        }
    }
}

fn override_gender(args: &SourcesArgs, config: &mut Config) {
    if let Some(gender) = args.gender {
        config.sources.gender = gender.into();
    }
}

/// The report: for one draft named on its own its count, else the desk's
/// (with `--totals`, its sums alone).
fn render(args: &SourcesArgs, desk: &Desk, gender: &str, single: bool) -> String {
    let story = desk.stories.first().filter(|_| single);
    match (args.format, story) {
        (ReportFormat::Json, Some(story)) => json::story(story),
        (ReportFormat::Json, None) if args.totals => json::totals(desk, gender),
        (ReportFormat::Json, None) => json::desk(desk, gender),
        (ReportFormat::Human, Some(story)) => human::story(story),
        (ReportFormat::Human, None) => human::desk(desk),
        (ReportFormat::Csv, _) => csv::rows(&desk.stories),
        (ReportFormat::Html, _) => html::page(desk, gender),
    }
}
