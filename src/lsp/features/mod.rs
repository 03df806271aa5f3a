//! LSP features: each converts the analysis (or an [`crate::ide`] answer)
//! to protocol types. Positions go through [`super::convert`].

mod actions;
mod capabilities;
mod completion;
mod diagnostics;
mod hints;
mod hover;
mod lens;
mod navigation;
mod symbols;

pub use actions::code_actions;
pub use capabilities::{capabilities, ClientSupport};
pub use completion::completion;
pub use diagnostics::diagnostics;
pub use hints::{inlay_hints, HintKinds};
pub use hover::hover;
pub use lens::{code_lenses, SOURCE_BALANCE};
pub use navigation::{definition, highlights, prepare_rename, references, rename};
pub use symbols::document_symbols;
