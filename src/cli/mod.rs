//! The command line: `copydesk check [--format human|json] FILE... | -`.
//!
//! Exit status: 0 when nothing at warning or error level was found, 1 when
//! something was, 2 on bad usage or a file that could not be read. A broken
//! `copydesk.toml` is reported on stderr (once per file) and its defaults
//! used; it does not change the exit status.

use std::collections::{HashMap, HashSet};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use copydesk::analysis::{analyze, explain, Chooser, Learned, SourceFormat};
use copydesk::config::file::{self as config_file, FileConfig};
use copydesk::config::Style;
use copydesk::draft::{check_draft, CheckedDraft};
use copydesk::report;
use copydesk::transcript::load::{Library, Wanted};
use copydesk::Config;
use copydesk::Severity;

#[derive(Parser)]
#[command(
    name = "copydesk",
    version,
    about = "Checks news drafts: quotations without a speaker, unclosed quotes, and who said what.",
    long_about = "Checks news drafts: quotations without a speaker, unclosed quotes, and who said what.\n\nWith no command (or `lsp`, or `--stdio`) it serves the Language Server Protocol on stdin/stdout for editors."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Serve the Language Server Protocol on stdin/stdout (the default with
    /// no command; editor clients such as vscode-languageclient add it).
    #[arg(long, global = true)]
    stdio: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Check drafts (.md, .txt, or directories of them; `-` reads stdin).
    Check(CheckArgs),
    /// List the people in a draft: roles, how they are referred to, quotes.
    People(PeopleArgs),
    /// Serve the Language Server Protocol on stdin/stdout.
    Lsp,
    /// Print every quote's candidate speakers as JSON lines (for training
    /// and inspecting the speaker model).
    #[command(hide = true)]
    Candidates(CandidatesArgs),
}

#[derive(clap::Args)]
struct CandidatesArgs {
    /// Read every input as this format (default: from the file extension).
    #[arg(long = "input-format", value_enum)]
    input_format: Option<InputFormat>,
    /// Choose speakers by the hand-written rules (training data is made so).
    #[arg(long)]
    rules: bool,
    /// Choose speakers with this model file instead of the compiled-in one.
    #[arg(long = "speaker-model", value_name = "FILE")]
    speaker_model: Option<PathBuf>,
    /// Print the features' names, one JSON list, and nothing else.
    #[arg(long = "feature-names")]
    feature_names: bool,
    /// The drafts.
    #[arg(value_name = "FILE")]
    paths: Vec<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    /// rustc-style listing for people.
    Human,
    /// One JSON object per file per line, for tools.
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum StyleArg {
    Auto,
    Honorific,
    Surname,
}

impl From<StyleArg> for Style {
    fn from(s: StyleArg) -> Style {
        match s {
            StyleArg::Auto => Style::Auto,
            StyleArg::Honorific => Style::Honorific,
            StyleArg::Surname => Style::Surname,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum InputFormat {
    Plain,
    Markdown,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// How to print findings.
    #[arg(long, value_enum, default_value = "human")]
    format: OutputFormat,
    /// Read every input as this format (default: from the file extension;
    /// plain text for stdin).
    #[arg(long = "input-format", value_enum)]
    input_format: Option<InputFormat>,
    /// House style for later references to a person: `auto` follows the
    /// story's own majority, `honorific` wants `Mr Wallace`, `surname` wants
    /// `Wallace`. Overrides the `style` of copydesk.toml [default: the
    /// file's, else auto].
    #[arg(long, value_enum)]
    style: Option<StyleArg>,
    /// Switch a rule off (repeatable): `--disable headline-quote`; overrides
    /// copydesk.toml.
    #[arg(long = "disable", value_name = "CODE")]
    disable: Vec<String>,
    /// Check quotations against this interview transcript (repeatable):
    /// WebVTT, SubRip, Whisper JSON, Otter/Trint text or notes. Added to
    /// those copydesk.toml's [transcripts] and the draft's front matter name.
    #[arg(long = "transcript", value_name = "FILE")]
    transcript: Vec<PathBuf>,
    /// Choose speakers with this model file instead of the compiled-in one
    /// (for training and cross-validation).
    #[arg(long = "speaker-model", value_name = "FILE", hide = true)]
    speaker_model: Option<PathBuf>,
    /// Files or folders to check (a folder: the .md and .txt drafts inside it,
    /// READMEs aside); `-` for standard input.
    #[arg(required = true, value_name = "FILE")]
    paths: Vec<String>,
}

#[derive(clap::Args)]
struct PeopleArgs {
    /// Read the input as this format (default: from the file extension).
    #[arg(long = "input-format", value_enum)]
    input_format: Option<InputFormat>,
    /// The draft; `-` for standard input.
    #[arg(value_name = "FILE")]
    path: String,
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check(args)) => check_command(args),
        Some(Command::People(args)) => people_command(args),
        Some(Command::Candidates(args)) => candidates_command(args),
        Some(Command::Lsp) | None => copydesk::lsp::run_stdio(),
    }
}

/// A file to check: its name as the user gave it (or as found inside a
/// directory they gave) and its contents.
struct Input {
    name: String,
    format: SourceFormat,
    text: String,
    /// Found inside a folder the command line named, rather than named.
    in_folder: bool,
}

fn check_command(args: CheckArgs) -> ExitCode {
    if let Some(message) = unknown_rule(&args.disable) {
        eprintln!("copydesk: {message}");
        return ExitCode::from(2);
    }
    let chooser = match speaker_model_option(args.speaker_model.as_deref()) {
        Ok(chooser) => chooser,
        Err(status) => return status,
    };
    if let Some(missing) = args.transcript.iter().find(|p| !p.is_file()) {
        eprintln!(
            "copydesk: --transcript {}: no such file; name a WebVTT, SubRip, Whisper JSON or text transcript",
            missing.display()
        );
        return ExitCode::from(2);
    }
    let mut found_problems = false;
    let mut library = Library::default();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let read = each_draft(
        &args.paths,
        args.input_format,
        chooser.as_ref(),
        |input, mut config| {
            if let Some(style) = args.style {
                config.style = style.into();
            }
            for code in &args.disable {
                config
                    .levels
                    .insert(code.clone(), copydesk::config::Level::Off);
            }
            let wanted = wanted(input, &config, &args.transcript);
            // notes a folder holds beside its drafts, that copydesk.toml
            // names as transcripts, are not drafts themselves
            if input.in_folder && library.is_project_transcript(&wanted) {
                return Ok(());
            }
            let (transcripts, messages) = library.transcripts(&wanted);
            for message in messages {
                eprintln!("copydesk: {message}");
            }
            config.transcripts.files = transcripts;
            let checked = check_draft(&input.text, input.format, &config);
            found_problems |= checked
                .diagnostics
                .iter()
                .any(|d| matches!(d.severity, Severity::Error | Severity::Warning));
            write!(out, "{}", render(args.format, input, &checked))
        },
    );
    let _ = out.flush();
    let Some(failed_to_read) = read else {
        return ExitCode::from(2);
    };
    if failed_to_read {
        ExitCode::from(2)
    } else if found_problems {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Where a draft's transcripts are named: its project's copydesk.toml,
/// its front matter and the command line.
fn wanted(input: &Input, config: &Config, files: &[PathBuf]) -> Wanted {
    let draft = (input.name != "-").then(|| PathBuf::from(&input.name));
    let draft_folder = match draft.as_deref().and_then(Path::parent) {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Wanted {
        config_globs: config.transcript_paths.clone(),
        config_folder: config.transcript_base.clone(),
        front_matter: if input.format == SourceFormat::Markdown {
            copydesk::transcript::front_matter::transcript_paths(&input.text)
        } else {
            Vec::new()
        },
        draft_folder: Some(draft_folder),
        files: files.to_vec(),
        draft,
    }
}

/// What is wrong with a `--disable CODE` that names no rule, if one does.
fn unknown_rule(codes: &[String]) -> Option<String> {
    let rules = copydesk::rules::all_rules();
    let code = codes
        .iter()
        .find(|code| !rules.iter().any(|r| r.code() == code.as_str()))?;
    let known: Vec<&str> = rules.iter().map(|r| r.code()).collect();
    Some(format!(
        "--disable {code}: no such rule; the rules are {}",
        known.join(", ")
    ))
}

/// The drafts the command line names, each with whether it is standard
/// input and whether it was found inside a folder: files as given, and the
/// drafts inside folders, in name order; and whether a folder could not be
/// read or held no drafts (reported on stderr).
fn drafts_named(paths: &[String]) -> (Vec<(String, bool, bool)>, bool) {
    let mut failed = false;
    let mut names = Vec::new();
    for path in paths {
        if path == "-" {
            names.push((path.clone(), true, false));
            continue;
        }
        let p = Path::new(path);
        if !p.is_dir() {
            names.push((path.clone(), false, false));
            continue;
        }
        let mut found = Vec::new();
        let mut seen = HashSet::new();
        if let Err(e) = walk(p, &mut found, &mut seen) {
            eprintln!("copydesk: cannot read the folder {path}: {e}");
            failed = true;
        }
        if found.is_empty() {
            eprintln!("copydesk: {path} holds no .md or .txt drafts; name the drafts to check");
            failed = true;
        }
        names.extend(
            found
                .into_iter()
                .map(|f| (f.to_string_lossy().into_owned(), false, true)),
        );
    }
    (names, failed)
}

/// One draft's findings as the command line prints them.
fn render(format: OutputFormat, input: &Input, checked: &CheckedDraft) -> String {
    let CheckedDraft {
        analysis,
        diagnostics,
    } = checked;
    match format {
        OutputFormat::Json => {
            let mut line = report::json_line(&input.name, &input.text, analysis, diagnostics);
            line.push('\n');
            line
        }
        OutputFormat::Human => {
            let mut text = report::human(
                &input.name,
                &input.text,
                &analysis.document.lines,
                diagnostics,
            );
            if let Some(summary) = report::summary(diagnostics) {
                text.push_str(&format!("{}: {summary}\n", input.name));
            }
            text
        }
    }
}

fn candidates_command(args: CandidatesArgs) -> ExitCode {
    if args.feature_names {
        let (speaker, quotation) = copydesk::analysis::feature_names();
        println!(
            "{}",
            serde_json::json!({"speaker": speaker, "quotation": quotation})
        );
        return ExitCode::SUCCESS;
    }
    let chooser = if args.rules {
        Some(Chooser::Rules)
    } else {
        match speaker_model_option(args.speaker_model.as_deref()) {
            Ok(chooser) => chooser,
            Err(status) => return status,
        }
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let read = each_draft(
        &args.paths,
        args.input_format,
        chooser.as_ref(),
        |input, config| {
            let (analysis, explained) = explain(&input.text, &config.options(input.format));
            let line = report::candidates_line(&input.name, &analysis, &explained);
            writeln!(out, "{line}")
        },
    );
    match read {
        Some(false) => ExitCode::SUCCESS,
        // a draft could not be read, or stdout closed
        Some(true) | None => ExitCode::from(2),
    }
}

/// Reads each draft the command line names and hands it to `each` with the
/// settings of its project (and `chooser`'s speakers, when given). A draft
/// that cannot be read is reported on stderr and skipped. Returns whether
/// one could not be read, or none when `each` failed to write (stdout
/// closed, e.g. piped into `head`: nothing more to say).
fn each_draft(
    paths: &[String],
    input_format: Option<InputFormat>,
    chooser: Option<&Chooser>,
    mut each: impl FnMut(&Input, Config) -> std::io::Result<()>,
) -> Option<bool> {
    let (names, mut failed) = drafts_named(paths);
    let mut configs = ConfigFiles::default();
    for (name, is_stdin, in_folder) in names {
        let input = match read_input(&name, is_stdin, input_format) {
            Ok(input) => Input { in_folder, ..input },
            Err(message) => {
                eprintln!("copydesk: {message}");
                failed = true;
                continue;
            }
        };
        let mut config = configs.for_input(&name, is_stdin);
        if let Some(chooser) = chooser {
            config.speakers = chooser.clone();
        }
        each(&input, config).ok()?;
    }
    Some(failed)
}

/// A speaker model read from a file (`--speaker-model`, for training and
/// cross-validation).
/// The `--speaker-model` option, read (absent: the compiled-in model). A
/// model that cannot be used is reported and ends the command, status 2.
fn speaker_model_option(path: Option<&Path>) -> Result<Option<Chooser>, ExitCode> {
    path.map(load_speaker_model).transpose().map_err(|message| {
        eprintln!("copydesk: {message}");
        ExitCode::from(2)
    })
}

fn load_speaker_model(path: &Path) -> Result<Chooser, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read the speaker model: {e}", path.display()))?;
    let model = Learned::parse(&text)
        .map_err(|e| format!("{}: not a speaker model: {e}", path.display()))?;
    if let Some(name) = model.unknown_names().first() {
        return Err(format!(
            "{}: the speaker model weighs a feature this build does not have: {name}",
            path.display()
        ));
    }
    Ok(Chooser::Model(std::sync::Arc::new(model)))
}

fn people_command(args: PeopleArgs) -> ExitCode {
    let input = match read_input(&args.path, args.path == "-", args.input_format) {
        Ok(input) => input,
        Err(message) => {
            eprintln!("copydesk: {message}");
            return ExitCode::from(2);
        }
    };
    let config = ConfigFiles::default().for_input(&args.path, args.path == "-");
    let analysis = analyze(&input.text, &config.options(input.format));
    print!("{}", report::people_table(&analysis));
    ExitCode::SUCCESS
}

/// The `copydesk.toml` of each draft, each file read once and its problems
/// reported once, however many drafts share it.
#[derive(Default)]
struct ConfigFiles {
    /// Draft folder → its configuration file, if any.
    by_folder: HashMap<PathBuf, Option<PathBuf>>,
    files: HashMap<PathBuf, FileConfig>,
    reported_links: HashSet<PathBuf>,
}

impl ConfigFiles {
    /// The configuration for a draft (for standard input, the one found from
    /// the current folder), reporting on stderr whatever is wrong with it
    /// the first time it is read.
    fn for_input(&mut self, name: &str, is_stdin: bool) -> Config {
        let folder = if is_stdin {
            PathBuf::from(".")
        } else {
            match Path::new(name).parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            }
        };
        let path = match self.by_folder.get(&folder) {
            Some(found) => found.clone(),
            None => {
                let found = config_file::discover(&folder);
                for (link, problem) in found.skipped {
                    if !self.reported_links.contains(&link) {
                        eprintln!("copydesk: {}", problem.render(&shown(&link)));
                        self.reported_links.insert(link);
                    }
                }
                self.by_folder.insert(folder, found.path.clone());
                found.path
            }
        };
        let Some(path) = path else {
            return Config::default();
        };
        let loaded = self.files.entry(path.clone()).or_insert_with(|| {
            let loaded = config_file::load(&path);
            for line in loaded.report(&shown(&path)) {
                eprintln!("copydesk: {line}");
            }
            loaded
        });
        loaded.config.clone()
    }
}

/// A path for a message: relative to the current folder when it is inside
/// it (`copydesk.toml`, `drafts/copydesk.toml`), else as it is.
fn shown(path: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| cwd.canonicalize().ok())
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf));
    relative
        .unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}

fn read_input(name: &str, is_stdin: bool, forced: Option<InputFormat>) -> Result<Input, String> {
    let bytes = if is_stdin {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        buf
    } else {
        std::fs::read(name).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => format!("{name}: no such file"),
            std::io::ErrorKind::PermissionDenied => {
                format!("{name}: permission denied; check the file's permissions")
            }
            _ => format!("{name}: cannot read it: {e}"),
        })?
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        format!(
            "{name}: not UTF-8 text (invalid byte at offset {at}); save it as UTF-8 and check again"
        )
    })?;
    let format = match forced {
        Some(InputFormat::Markdown) => SourceFormat::Markdown,
        Some(InputFormat::Plain) => SourceFormat::PlainText,
        None if is_stdin => SourceFormat::PlainText,
        None => SourceFormat::from_path(name),
    };
    Ok(Input {
        in_folder: false,
        name: name.to_owned(),
        format,
        text,
    })
}

/// Whether a file found inside a folder is a draft: `.md`, `.markdown` or
/// `.txt`, and not a README (folders of drafts often carry one about the
/// folder itself).
fn is_draft(path: &Path) -> bool {
    let draft_extension = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "md" | "markdown" | "txt"));
    let readme = path
        .file_stem()
        .and_then(|s| s.to_str())
        .is_some_and(|s| s.eq_ignore_ascii_case("readme"));
    draft_extension && !readme
}

/// Collects the .md/.markdown/.txt files under `dir`, sorted, following
/// symlinks but never visiting a folder twice (so loops end).
fn walk(dir: &Path, found: &mut Vec<PathBuf>, seen: &mut HashSet<PathBuf>) -> std::io::Result<()> {
    let canonical = dir.canonicalize()?;
    if !seen.insert(canonical) {
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            if let Err(e) = walk(&path, found, seen) {
                eprintln!("copydesk: cannot read the folder {}: {e}", path.display());
            }
        } else if is_draft(&path) {
            found.push(path);
        }
    }
    Ok(())
}
