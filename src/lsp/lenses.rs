//! Keeping the source-count lens on the headline up to date.
//!
//! A client asks for a document's code lenses when it opens it and, most
//! clients, after an edit; but the count also changes when the settings
//! do (`sourceGender`, `sourceLens`), and a client may ask before the
//! check of an edit has finished. So each check notes the lens it came to
//! ([`Lenses::note`]) and, when it differs from the one the document's
//! lens last showed, the server asks a client that takes it to ask again
//! (`workspace/codeLens/refresh`, [`super::checks`]), once for a burst of
//! such checks, from a task of its own so nothing waits for the reply.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use tower_lsp_server::ls_types::Uri;

/// What each open document's lens last said.
#[derive(Default)]
pub struct Lenses {
    /// Document → the opening it was checked in and its lens's title
    /// (none: lenses switched off).
    shown: Mutex<HashMap<Uri, (u64, Option<String>)>>,
    /// A refresh is on its way.
    refresh_pending: AtomicBool,
}

/// How long a refresh waits for other checks of the same burst (a change
/// of settings checks every open document) so that one refresh does.
pub const BURST: Duration = Duration::from_millis(30);

impl Lenses {
    fn lock(&self) -> MutexGuard<'_, HashMap<Uri, (u64, Option<String>)>> {
        self.shown.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Notes the lens a check of `uri` in its opening `opening` came to,
    /// and says whether it changed. The first check of an opening changes
    /// nothing: the client asks for a document's lenses when it opens it.
    pub fn note(&self, uri: &Uri, opening: u64, title: Option<String>) -> bool {
        let mut shown = self.lock();
        match shown.get_mut(uri) {
            Some((seen_in, seen)) if *seen_in == opening => {
                let changed = *seen != title;
                *seen = title;
                changed
            }
            _ => {
                shown.insert(uri.clone(), (opening, title));
                false
            }
        }
    }

    /// A document closed.
    pub fn forget(&self, uri: &Uri) {
        self.lock().remove(uri);
    }

    /// Whether a refresh is to be sent now: none is on its way already.
    pub fn start_refresh(&self) -> bool {
        !self.refresh_pending.swap(true, Ordering::SeqCst)
    }

    /// The refresh on its way is being sent: a change after this one
    /// needs another.
    pub fn refresh_sent(&self) {
        self.refresh_pending.store(false, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lens_changes_when_its_title_does_within_one_opening() {
        let lenses = Lenses::default();
        let uri: Uri = "file:///news/a.txt".parse().unwrap();
        let title = |t: &str| Some(t.to_owned());
        assert!(
            !lenses.note(&uri, 1, title("Sources: none quoted")),
            "first"
        );
        assert!(!lenses.note(&uri, 1, title("Sources: none quoted")));
        assert!(lenses.note(&uri, 1, title("Sources: 1 — 1 woman, 0 men")));
        assert!(lenses.note(&uri, 1, None), "switched off");
        assert!(
            !lenses.note(&uri, 2, title("Sources: none quoted")),
            "reopened"
        );
        lenses.forget(&uri);
        assert!(!lenses.note(&uri, 2, None));
    }
}
