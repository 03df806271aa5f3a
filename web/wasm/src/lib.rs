//! copydesk in the browser: the analysis core compiled to WebAssembly and
//! handed to JavaScript through wasm-bindgen. Replies are JSON text (the
//! npm package's `index.js` parses them and adds the types), so the contract
//! is the one `copydesk check --format json` prints, not a second one.

mod engine;
mod utf16;

use wasm_bindgen::prelude::*;

pub use engine::Session;

/// A draft checked once; hover, outline and actions are answered from it
/// without checking again. Offsets given to it are UTF-16 code units, as
/// JavaScript counts them.
#[wasm_bindgen]
pub struct Draft(Session);

#[wasm_bindgen]
impl Draft {
    /// Checks `text` under `options` (JSON: `format`, and `copydesk.toml`'s
    /// settings by the same names).
    #[wasm_bindgen(constructor)]
    pub fn new(text: String, options: &str) -> Result<Draft, JsError> {
        Session::new(text, options)
            .map(Draft)
            .map_err(|e| JsError::new(&e))
    }

    /// The report: `copydesk check --format json`'s object for this draft.
    pub fn report(&self) -> String {
        self.0.report().to_string()
    }

    /// What was wrong with the options' settings, as a JSON array of lines.
    pub fn problems(&self) -> String {
        self.0.problems().to_string()
    }

    /// The hover at UTF-16 offset `at`, or `null`.
    pub fn hover(&self, at: u32) -> String {
        self.0.hover(at).to_string()
    }

    /// The speakers outline.
    pub fn outline(&self) -> String {
        self.0.outline().to_string()
    }

    /// Fixes and ignore actions for the findings touching `start..end`
    /// (UTF-16).
    pub fn actions(&self, start: u32, end: u32) -> String {
        self.0.actions(start, end).to_string()
    }
}

/// The engine's version (the copydesk crate's).
#[wasm_bindgen]
pub fn version() -> String {
    copydesk::VERSION.to_owned()
}
