//! `copydesk check FILE... | -`: every rule on each draft, its findings
//! printed rustc-style or as one JSON object per file.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

use copydesk::config::Style;
use copydesk::draft::{check_draft, CheckedDraft};
use copydesk::report;
use copydesk::transcript::load::Library;
use copydesk::Severity;

use super::drafts::{each_draft, wanted, Input, InputFormat, Seen};
use super::speaker_model::speaker_model_option;

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

#[derive(clap::Args)]
pub(super) struct CheckArgs {
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

pub(super) fn check_command(args: CheckArgs) -> ExitCode {
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
        &mut Seen::default(),
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
            let wanted = wanted(&input, &config, &args.transcript);
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
            write!(out, "{}", render(args.format, &input, &checked))
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
