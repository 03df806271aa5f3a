//! `copydesk candidates` (hidden): every quote's candidate speakers as
//! JSON lines, for training and inspecting the speaker model.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use copydesk::analysis::{explain, Chooser};
use copydesk::report;

use super::drafts::{each_draft, InputFormat, Seen};
use super::speaker_model::speaker_model_option;

#[derive(clap::Args)]
pub(super) struct CandidatesArgs {
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

pub(super) fn candidates_command(args: CandidatesArgs) -> ExitCode {
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
        &mut Seen::default(),
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
