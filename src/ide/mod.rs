//! Questions an editor asks about a draft, answered in plain Rust values
//! with byte ranges (as rust-analyzer's `ide` crate does): who is at this
//! offset, what to show on hover, the outline of speakers, the fixes for a
//! finding. The LSP layer only converts these answers.

pub mod actions;
pub mod completion;
pub mod hints;
pub mod hover;
pub mod navigation;
pub mod outline;
pub mod source_lens;
pub mod transcripts;
