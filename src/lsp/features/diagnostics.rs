//! The findings of a snapshot as LSP diagnostics, each linked to its rule's
//! documentation for clients that take the link.

use tower_lsp_server::ls_types::*;

use super::super::convert::Encoding;
use super::super::store::Snapshot;
use super::capabilities::ClientSupport;
use crate::diagnostic::Severity;

/// Where each rule is documented: the README section of the same name.
pub const DOCS_URL: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/README.md#");

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// The document's findings as LSP diagnostics.
pub fn diagnostics(s: &Snapshot, encoding: Encoding, support: ClientSupport) -> Vec<Diagnostic> {
    s.diagnostics
        .iter()
        .map(|d| {
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push('\n');
                message.push_str(help);
            }
            Diagnostic {
                range: s.range(d.range.clone(), encoding),
                severity: Some(severity(d.severity)),
                code: Some(NumberOrString::String(d.code.to_owned())),
                code_description: support
                    .code_description
                    .then(|| format!("{DOCS_URL}{}", d.code).parse().ok())
                    .flatten()
                    .map(|href| CodeDescription { href }),
                source: Some("copydesk".to_owned()),
                message,
                ..Default::default()
            }
        })
        .collect()
}
