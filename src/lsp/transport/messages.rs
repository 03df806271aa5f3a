//! Message bodies: what tower-lsp-server's decoder accepts, how a body that
//! is JSON is judged against it, and the bodies put in place of the ones it
//! would refuse: a client's response repaired, or a stand-in request under
//! one of the method names below, which the backend registers and answers.

use std::fmt;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::{json, Value};
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Id, Request, Response};

/// A request standing in for a frame that could not be read: the service
/// answers it with a JSON-RPC parse error whose id is null (see
/// `Backend::unreadable_input`), so the client hears about it.
/// `params.why` says what was wrong.
pub const STAND_IN_METHOD: &str = "copydesk/unreadableInput";

/// A request standing in for JSON that is not a request the service can
/// read: answered with Invalid Request under the id in the stand-in (the
/// client's, or null when it could not be read). `params.why` says what was
/// wrong.
pub const INVALID_REQUEST_METHOD: &str = "copydesk/invalidRequest";

/// A notification telling the service that lone surrogates in a message
/// were replaced with U+FFFD: `params.uri` (the document, when the message
/// names one) and `params.count`. The backend warns the user once a session.
pub const INVALID_CHARACTERS_METHOD: &str = "copydesk/invalidCharacters";

/// The shape tower-lsp-server's decoder reads a body as: the same as its
/// private `jsonrpc::Message` (an untagged enum trying a response, then a
/// request), made of its own public types, so that "this deserialises"
/// means exactly "its reader takes this and keeps reading". The decoder
/// checks UTF-8 first and then calls `serde_json::from_str`, as
/// [`tower_accepts`] does.
#[derive(Deserialize)]
#[serde(untagged)]
enum Accepted {
    Response(#[allow(dead_code)] Response),
    Request(Request),
}

/// Whether tower-lsp-server's decoder reads `body` as a message (and so
/// keeps reading after it).
pub fn tower_accepts(body: &[u8]) -> bool {
    std::str::from_utf8(body).is_ok_and(|text| serde_json::from_str::<Accepted>(text).is_ok())
}

/// A JSON object's members in order, repeated keys kept: serde_json's `Map`
/// keeps only the last, but the decoder refuses a repeated field.
struct Members(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for Members {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Collect;
        impl<'de> Visitor<'de> for Collect {
            type Value = Members;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry::<String, Value>()? {
                    members.push(member);
                }
                Ok(Members(members))
            }
        }
        deserializer.deserialize_map(Collect)
    }
}

/// A key of a message, as far as the decoder is concerned.
enum Member<'a> {
    Missing,
    Once(&'a Value),
    Repeated,
}

impl Members {
    fn get(&self, key: &str) -> Member<'_> {
        let mut found = self.0.iter().filter(|(k, _)| k == key).map(|(_, v)| v);
        match (found.next(), found.next()) {
            (None, _) => Member::Missing,
            (Some(v), None) => Member::Once(v),
            (Some(_), Some(_)) => Member::Repeated,
        }
    }

    fn first(&self, key: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

/// What a complete body becomes.
pub(super) enum Judged {
    /// Not UTF-8 or not JSON: a parse error.
    NotJson,
    /// Passed as it is; `uri` is the document it is about, looked up only
    /// when asked for (for the surrogate warning).
    Pass {
        uri: Option<String>,
    },
    Instead(Vec<u8>),
    Nothing(&'static str),
}

pub(super) fn judge(body: &[u8], want_uri: bool) -> Judged {
    let Ok(text) = std::str::from_utf8(body) else {
        return Judged::NotJson;
    };
    // The common case: one parse, exactly the decoder's.
    let accepted = serde_json::from_str::<Accepted>(text);
    match &accepted {
        Ok(Accepted::Response(_)) => return Judged::Pass { uri: None },
        // A request without a method is read as one named "": look closer.
        Ok(Accepted::Request(r)) if !r.method().is_empty() => {
            let uri = want_uri
                .then(|| r.params())
                .flatten()
                .and_then(|p| p.get("textDocument"))
                .and_then(|d| d.get("uri"))
                .and_then(Value::as_str)
                .map(str::to_owned);
            return Judged::Pass { uri };
        }
        _ => {}
    }
    let members = match serde_json::from_str::<Members>(text) {
        Ok(members) => members,
        Err(_) if serde_json::from_str::<Value>(text).is_ok() => {
            return invalid(Id::Null, "the message is not a JSON object")
        }
        Err(_) => return Judged::NotJson,
    };
    let id = match members.get("id") {
        Member::Missing => Ok(None),
        Member::Once(v) => Id::deserialize(v)
            .map(Some)
            .map_err(|_| "its id must be an integer of at most 64 bits, a string or null"),
        Member::Repeated => Err("it has more than one id"),
    };
    let method = members.get("method");
    let answers = members.first("result").is_some() || members.first("error").is_some();
    if matches!(method, Member::Missing) && answers {
        return response(&members, id);
    }
    let problem = ["jsonrpc", "method", "params"]
        .into_iter()
        .find(|key| matches!(members.get(key), Member::Repeated))
        .map(|key| match key {
            "jsonrpc" => "its \"jsonrpc\" is repeated",
            "method" => "its method is repeated",
            _ => "its params are repeated",
        })
        .or_else(|| match members.get("jsonrpc") {
            Member::Once(Value::String(v)) if v == "2.0" => None,
            _ => Some("it needs \"jsonrpc\": \"2.0\""),
        })
        .or_else(|| id.as_ref().err().copied())
        .or(match method {
            Member::Once(Value::String(_)) => None,
            Member::Missing => Some("it has no method"),
            _ => Some("its method must be a string"),
        });
    match problem {
        Some(why) => invalid(id.ok().flatten().unwrap_or(Id::Null), why),
        // Nothing found wrong: pass what the decoder takes (a method of
        // "", answered Method not found), refuse the rest.
        None if accepted.is_ok() => Judged::Pass { uri: None },
        None => invalid(
            id.ok().flatten().unwrap_or(Id::Null),
            "it is not a JSON-RPC 2.0 message",
        ),
    }
}

/// A client's response the decoder would refuse or misread, made into one
/// it reads, so the request it answers gets its answer.
fn response(members: &Members, id: Result<Option<Id>, &'static str>) -> Judged {
    let Ok(Some(id)) = id else {
        return Judged::Nothing(
            "a response whose id cannot be read answers nothing copydesk asked",
        );
    };
    let body = match members.first("result") {
        Some(result) => Ok(result.clone()),
        None => {
            let error = members.first("error").unwrap_or(&Value::Null);
            let message = error
                .get("message")
                .or(Some(error))
                .and_then(Value::as_str)
                .unwrap_or("the editor answered with an error copydesk could not read");
            Err(Error {
                code: error
                    .get("code")
                    .and_then(Value::as_i64)
                    .map_or(ErrorCode::InternalError, ErrorCode::from),
                message: message.to_owned().into(),
                data: error.get("data").cloned(),
            })
        }
    };
    tracing::warn!("repaired a malformed response from the client to request {id}");
    Judged::Instead(to_body(&Response::from_parts(id, body)))
}

fn invalid(id: Id, why: &'static str) -> Judged {
    tracing::warn!("answered an invalid request (id {id}): {why}");
    Judged::Instead(stand_in(INVALID_REQUEST_METHOD, id, why))
}

pub(super) fn to_body<T: serde::Serialize>(message: &T) -> Vec<u8> {
    // Serialising tower-lsp-server's own message types cannot fail: their
    // keys are strings and their values JSON.
    serde_json::to_vec(message).unwrap_or_default()
}

pub(super) fn stand_in(method: &'static str, id: Id, why: &str) -> Vec<u8> {
    to_body(
        &Request::build(method)
            .id(id)
            .params(json!({ "why": why }))
            .finish(),
    )
}
