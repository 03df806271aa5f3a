//! The command line: `copydesk check [--format human|json] FILE... | -`,
//! `copydesk people`, `copydesk sources` and the language server. This file
//! parses the arguments and hands each command to its own file; drafts are
//! read, and their `copydesk.toml` found, the same way for every command
//! (`drafts`, `config_files`).
//!
//! Exit status of `check`: 0 when nothing at warning or error level was
//! found, 1 when something was, 2 on bad usage or a file that could not be
//! read. A broken `copydesk.toml` is reported on stderr (once per file) and
//! its defaults used; it does not change the exit status.

mod archive;
mod candidates;
mod check;
mod config_files;
mod drafts;
mod people;
mod sources;
mod speaker_model;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use candidates::{candidates_command, CandidatesArgs};
use check::{check_command, CheckArgs};
use people::{people_command, PeopleArgs};
use sources::{sources_command, SourcesArgs};

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
    // clap numbers subcommands and options in one count, so each new
    // command would move --stdio down every command's help: pinned where
    // it has always been (after the four commands before `sources`).
    #[arg(long, global = true, display_order = 4)]
    stdio: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Check drafts (.md, .txt, or directories of them; `-` reads stdin).
    Check(CheckArgs),
    /// List the people in a draft: roles, how they are referred to, quotes.
    People(PeopleArgs),
    /// Count who gets a voice: each story's sources, their gender and share
    /// of the quoted words; a folder's totals by month.
    Sources(SourcesArgs),
    /// Serve the Language Server Protocol on stdin/stdout.
    Lsp,
    /// Print every quote's candidate speakers as JSON lines (for training
    /// and inspecting the speaker model).
    #[command(hide = true)]
    Candidates(CandidatesArgs),
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check(args)) => check_command(args),
        Some(Command::People(args)) => people_command(args),
        Some(Command::Sources(args)) => sources_command(args),
        Some(Command::Candidates(args)) => candidates_command(args),
        Some(Command::Lsp) | None => copydesk::lsp::run_stdio(),
    }
}
