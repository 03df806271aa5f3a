//! `--speaker-model FILE`: a speaker model read from a file instead of the
//! compiled-in one (for training and cross-validation).

use std::path::Path;
use std::process::ExitCode;

use copydesk::analysis::{Chooser, Learned};

/// The `--speaker-model` option, read (absent: the compiled-in model). A
/// model that cannot be used is reported and ends the command, status 2.
pub(super) fn speaker_model_option(path: Option<&Path>) -> Result<Option<Chooser>, ExitCode> {
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
