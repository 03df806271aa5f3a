//! `copydesk people FILE`: a table of the people in a story, their roles,
//! how the story refers to them and how many quotations are theirs.

use std::process::ExitCode;

use copydesk::analysis::analyze;
use copydesk::report;

use super::config_files::ConfigFiles;
use super::drafts::{read_input, InputFormat};

#[derive(clap::Args)]
pub(super) struct PeopleArgs {
    /// Read the input as this format (default: from the file extension).
    #[arg(long = "input-format", value_enum)]
    input_format: Option<InputFormat>,
    /// The draft; `-` for standard input.
    #[arg(value_name = "FILE")]
    path: String,
}

pub(super) fn people_command(args: PeopleArgs) -> ExitCode {
    let input = match read_input(&args.path, args.path == "-", false, args.input_format) {
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
