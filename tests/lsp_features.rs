//! End-to-end tests of the language features over stdio, mostly on the
//! [`LIBRARY`] story: hover on people and quotations, the outline of
//! speakers and their quotes, go to definition, references and document
//! highlights, rename, code actions that fix or ignore a finding,
//! completion after a courtesy title (with and without label details), and
//! inlay hints naming the speaker of a pronoun-attributed quote.

mod common;

use serde_json::{json, Value};

use common::{
    apply_edits, client_capabilities, edits_for, insert_at, pos, range_nth, range_of, replace_all,
    server_with_library_open, unattributed, whole_range, Server, HARBOUR, HARBOUR_URI, LIBRARY,
    LIBRARY_URI,
};

/// The position at the start of the `n`th (0-based) `needle` in [`LIBRARY`].
fn library_at(needle: &str, n: usize) -> Value {
    range_nth(LIBRARY, needle, n)["start"].clone()
}

/// The items of a completion result, whether a list or a bare array.
fn completion_items(completion: &Value) -> Vec<Value> {
    completion
        .get("items")
        .unwrap_or(completion)
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[test]
fn hover_on_a_mention_names_the_person() {
    let (mut server, uri) = server_with_library_open();
    // on "Okafor" in the last "Ms Okafor"
    let hover = server.at("textDocument/hover", uri, library_at("Okafor", 3));
    assert_eq!(hover["contents"]["kind"], "markdown", "{hover}");
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.contains("Jane Okafor"), "{value}");
    // on a quotation: its speaker
    let hover = server.at("textDocument/hover", uri, library_at("cannot afford", 0));
    assert!(hover.to_string().contains("Jane Okafor"), "{hover}");
    // on plain words: nothing
    let hover = server.at("textDocument/hover", uri, library_at("branch", 0));
    assert_eq!(hover, Value::Null);
    server.shutdown_and_exit();
}

#[test]
fn the_outline_lists_speakers_with_their_quotes() {
    let (mut server, uri) = server_with_library_open();
    let symbols = server.symbols(uri);
    let symbols = symbols.as_array().expect("a list of symbols");
    let named = |s: &Value, what: &str| s["name"].as_str().unwrap_or("").contains(what);
    let jane = symbols
        .iter()
        .find(|s| named(s, "Jane Okafor"))
        .unwrap_or_else(|| panic!("no speaker symbol: {symbols:?}"));
    let quotes = jane["children"].as_array().expect("quotes as children");
    assert!(
        quotes.iter().any(|q| named(q, "We cannot afford")),
        "{jane}"
    );
    let heating = quotes
        .iter()
        .find(|q| named(q, "We cannot afford"))
        .unwrap();
    assert_eq!(
        heating["selectionRange"]["start"]["line"],
        range_of(LIBRARY, "“We cannot")["start"]["line"]
    );
    let unattributed = symbols
        .iter()
        .find(|s| named(s, "Unattributed"))
        .unwrap_or_else(|| panic!("no Unattributed group: {symbols:?}"));
    assert!(unattributed.to_string().contains("Nobody asked us"));
    // named but never quoted
    assert!(
        symbols.iter().any(|s| s.to_string().contains("Tom Reddy")),
        "{symbols:?}"
    );
    server.shutdown_and_exit();
}

#[test]
fn definition_goes_to_the_full_name() {
    let (mut server, uri) = server_with_library_open();
    let def = server.at("textDocument/definition", uri, library_at("Okafor", 2));
    let location = if def.is_array() { def[0].clone() } else { def };
    let target = location
        .get("targetUri")
        .map_or_else(|| location["uri"].clone(), Value::clone);
    assert_eq!(target, uri);
    let range = location
        .get("targetSelectionRange")
        .unwrap_or(&location["range"])
        .clone();
    assert_eq!(range, range_of(LIBRARY, "Jane Okafor"), "{location}");
    server.shutdown_and_exit();
}

#[test]
fn references_find_every_mention_outside_quotes() {
    let (mut server, uri) = server_with_library_open();
    let refs = server.references(uri, library_at("Jane", 0));
    let refs = refs.as_array().expect("locations");
    assert_eq!(refs.len(), 4, "{refs:?}");
    assert!(refs.iter().all(|r| r["uri"] == uri));
    let highlights = server.at(
        "textDocument/documentHighlight",
        uri,
        library_at("Okafor", 1),
    );
    assert_eq!(highlights.as_array().map(Vec::len), Some(4), "{highlights}");
    server.shutdown_and_exit();
}

#[test]
fn rename_changes_every_form_of_the_name() {
    let (mut server, uri) = server_with_library_open();
    let prepared = server.at("textDocument/prepareRename", uri, library_at("Okafor", 1));
    assert!(!prepared.is_null(), "prepareRename on a surname");
    let edit = server.result(
        "textDocument/rename",
        json!({"textDocument": {"uri": uri}, "position": library_at("Okafor", 1), "newName": "Okoro"}),
    );
    let edits = edits_for(&edit, uri);
    assert_eq!(
        apply_edits(LIBRARY, &edits),
        LIBRARY.replace("Okafor", "Okoro")
    );
    // plain words cannot be renamed
    assert_eq!(
        server.at("textDocument/prepareRename", uri, library_at("branch", 0)),
        Value::Null
    );
    server.shutdown_and_exit();
}

#[test]
fn code_actions_fix_or_ignore_a_diagnostic() {
    let uri = HARBOUR_URI;
    let (mut server, diagnostics) = Server::with_document_open(uri, HARBOUR);
    let range = diagnostics[0]["range"].clone();
    let actions = server.result(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range,
               "context": {"diagnostics": diagnostics}}),
    );
    let actions = actions.as_array().expect("actions");
    let fix = actions
        .iter()
        .find(|a| {
            a["kind"] == "quickfix"
                && a["edit"].is_object()
                && !a["title"]
                    .as_str()
                    .unwrap_or("")
                    .to_lowercase()
                    .contains("ignore")
        })
        .unwrap_or_else(|| panic!("no quick fix: {actions:?}"));
    let fixed = apply_edits(HARBOUR, &edits_for(&fix["edit"], uri));
    // the quotation stays (its closing full stop may become a comma) and
    // a `said` clause follows it on its line
    let quote = fixed
        .find("“The water is too shallow for the ferries")
        .expect("the quote is kept");
    let line = fixed[quote..].lines().next().unwrap();
    let close = line.find('”').expect("closing mark");
    assert!(line[close..].contains(" said"), "{fixed}");
    let ignore = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap_or("").contains("Ignore"))
        .unwrap_or_else(|| panic!("no Ignore action: {actions:?}"));
    let ignored = apply_edits(HARBOUR, &edits_for(&ignore["edit"], uri));
    assert!(ignored.contains("copydesk"), "{ignored}");
    // and the ignore comment does silence the rule
    assert!(unattributed(&server.change_and_wait(uri, 2, replace_all(&ignored))).is_empty());
    server.shutdown_and_exit();
}

#[test]
fn completion_after_a_title_offers_the_surname() {
    let (mut server, uri) = server_with_library_open();
    server.change_and_wait(uri, 2, insert_at(LIBRARY, LIBRARY.len(), "\nLater Ms "));
    let typed = format!("{LIBRARY}\nLater Ms ");
    let at = pos(&typed, typed.len());
    let completion = server.result(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": at,
               "context": {"triggerKind": 2, "triggerCharacter": " "}}),
    );
    let items = completion_items(&completion);
    assert!(
        items.iter().any(|i| i.to_string().contains("Okafor")),
        "{completion}"
    );
    // this client announced label details: the note goes there
    assert!(items
        .iter()
        .all(|i| i["labelDetails"]["description"].is_string()));
    server.shutdown_and_exit();
}

#[test]
fn completion_for_a_client_without_label_details_keeps_the_note_in_detail() {
    let (mut server, _) = Server::initialized_with(json!({}), json!({}));
    let uri = LIBRARY_URI;
    server.open_and_wait(uri, LIBRARY);
    let typed = format!("{LIBRARY}\nLater Ms ");
    server.change_and_wait(uri, 2, replace_all(&typed));
    let completion = server.at("textDocument/completion", uri, pos(&typed, typed.len()));
    let items = completion_items(&completion);
    assert!(!items.is_empty(), "{completion}");
    for item in &items {
        assert!(item.get("labelDetails").is_none(), "{item}");
        assert!(
            item["detail"].as_str().unwrap_or("").contains('('),
            "{item}"
        );
    }
    server.shutdown_and_exit();
}

#[test]
fn inlay_hints_are_off_by_default() {
    let (mut server, uri) = server_with_library_open();
    let hints = server.inlay_hints(uri, whole_range(LIBRARY));
    assert!(hints.is_null() || hints == json!([]), "{hints}");
    server.shutdown_and_exit();
}

#[test]
fn inlay_hints_name_the_speaker_of_a_pronoun_attributed_quote() {
    let text = "Pool reopens\n\nMaria Lindqvist, the pool manager, welcomed swimmers back on Monday. “The water is warm at last,” she said.\n";
    let (mut server, _) =
        Server::initialized_with(json!({"inlayHints": true}), client_capabilities());
    let uri = "file:///drafts/pool.txt";
    server.open_and_wait(uri, text);
    let hints = server.inlay_hints(uri, whole_range(text));
    let hints = hints.as_array().expect("hints");
    assert!(
        hints
            .iter()
            .any(|h| h["label"].to_string().contains("Maria Lindqvist")),
        "{hints:?}"
    );
    server.shutdown_and_exit();
}
