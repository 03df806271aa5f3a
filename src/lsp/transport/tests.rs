//! Unit tests of the frame filter: framing decisions on whole buffers, and
//! the filter fed the same input in reads of every size.

use serde_json::{json, Value};

use super::frames::{next_frame, Frame, Out, MAX_HEADER};
use super::surrogates::replace_lone_surrogates;
use super::*;

fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

fn decide(buf: &[u8]) -> Frame {
    next_frame(buf, &mut 0)
}

#[test]
fn good_frames_pass_and_bad_ones_resynchronise() {
    let good = frame(r#"{"jsonrpc":"2.0","id":1,"method":"x"}"#);
    assert!(matches!(decide(&good), Frame::Good { consumed, .. } if consumed == good.len()));
    // not JSON, then a good frame
    let mut bytes = frame("{\"jsonrpc\": ");
    let bad_len = bytes.len();
    bytes.extend_from_slice(&good);
    assert_eq!(
        decide(&bytes),
        Frame::Bad {
            skip: bad_len,
            why: "a body that is not a JSON-RPC message"
        }
    );
    // a length too long by 10: resync at the next header
    let mut bytes = b"Content-Length: 48\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"y\"}".to_vec();
    let first = bytes.len();
    bytes.extend_from_slice(&good);
    assert!(matches!(decide(&bytes), Frame::Bad { skip, .. } if skip == first));
    // not UTF-8
    let mut bytes = b"Content-Length: 4\r\n\r\n\xff\xfe\xfd\xfc".to_vec();
    bytes.extend_from_slice(&good);
    assert!(matches!(decide(&bytes), Frame::Bad { skip: 25, .. }));
    // a half-arrived frame waits
    assert_eq!(decide(&good[..good.len() - 3]), Frame::Incomplete);
    // `Content-Length:` inside a JSON string is not a header
    let tricky = frame(r#"{"text":"Content-Length: 5\r\n\r\nx"}"#);
    assert!(matches!(
        decide(&tricky[..tricky.len() - 2]),
        Frame::Incomplete
    ));
}

/// Everything the filter gives for `input` fed in chunks of `size`.
fn run(input: &[u8], size: usize) -> Vec<Value> {
    let mut filter = FrameFilter::new();
    let mut out = Vec::new();
    for chunk in input.chunks(size.max(1)) {
        filter.push(chunk);
        while let Some(body) = filter.next_message() {
            assert!(tower_accepts(body), "{}", String::from_utf8_lossy(body));
            out.push(serde_json::from_slice(body).unwrap());
        }
    }
    out
}

fn one(body: &str) -> Value {
    let out = run(&frame(body), usize::MAX);
    assert_eq!(out.len(), 1, "{out:?}");
    out.into_iter().next().unwrap()
}

/// The stand-in for -32600, with the id it will be answered under.
fn invalid_with(body: &str, id: Value) {
    let out = one(body);
    assert_eq!(out["method"], INVALID_REQUEST_METHOD, "{body} -> {out}");
    assert_eq!(out["id"], id, "{body} -> {out}");
    assert!(out["params"]["why"].is_string());
}

#[test]
fn ids_the_decoder_refuses_are_answered_invalid_under_null() {
    for id in [
        r#"{"a":1}"#,
        "[1]",
        "[]",
        "1.5",
        "1.0",
        "1e3",
        "-0",
        "true",
        "false",
        "9223372036854775808",
        "18446744073709551616",
        "-9223372036854775809",
        "123456789012345678901234567890",
    ] {
        let body = format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"shutdown"}}"#);
        assert!(!tower_accepts(body.as_bytes()), "tower takes {body}");
        invalid_with(&body, Value::Null);
    }
    // the extremes the decoder takes pass unchanged
    for id in [
        "9223372036854775807",
        "-9223372036854775808",
        "\"x\"",
        "null",
        "0",
    ] {
        let body = format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"shutdown"}}"#);
        assert!(tower_accepts(body.as_bytes()));
        assert!(matches!(
            decide(&frame(&body)),
            Frame::Good {
                out: Out::Body(_),
                notice: None,
                ..
            }
        ));
    }
}

#[test]
fn other_invalid_requests_are_answered_under_their_id_when_it_can_be_read() {
    invalid_with(r#"{"jsonrpc":"1.0","id":7,"method":"x"}"#, json!(7));
    invalid_with(r#"{"id":"seven","method":"x"}"#, json!("seven"));
    invalid_with(r#"{"jsonrpc":2,"id":7,"method":"x"}"#, json!(7));
    invalid_with(r#"{"jsonrpc":"2.0","id":8,"method":3}"#, json!(8));
    invalid_with(r#"{"jsonrpc":"2.0","id":8,"method":null}"#, json!(8));
    invalid_with(r#"{"jsonrpc":"2.0","id":9}"#, json!(9));
    invalid_with(
        r#"{"jsonrpc":"2.0","method":"x","method":"y"}"#,
        Value::Null,
    );
    invalid_with(
        r#"{"jsonrpc":"2.0","jsonrpc":"2.0","id":3,"method":"x"}"#,
        json!(3),
    );
    invalid_with(
        r#"{"jsonrpc":"2.0","id":4,"method":"x","params":1,"params":2}"#,
        json!(4),
    );
    // two ids: which one the client meant cannot be known
    invalid_with(
        r#"{"jsonrpc":"2.0","id":1,"id":2,"method":"x"}"#,
        Value::Null,
    );
    // JSON, but not an object
    for body in ["[1, 2, 3]", "[]", "3", "\"x\"", "null"] {
        invalid_with(body, Value::Null);
    }
    // params of any kind are the router's business (Invalid params)
    for params in ["\"x\"", "3", "null", "[1]", "true"] {
        let body = format!(r#"{{"jsonrpc":"2.0","id":5,"method":"x","params":{params}}}"#);
        assert_eq!(one(&body), serde_json::from_str::<Value>(&body).unwrap());
    }
    // an explicit empty method is read, and answered Method not found
    let body = r#"{"jsonrpc":"2.0","id":6,"method":""}"#;
    assert_eq!(one(body)["method"], "");
    // unknown keys, repeated or not, are ignored by the decoder
    let body = r#"{"jsonrpc":"2.0","id":6,"method":"m","x":1,"x":2}"#;
    assert_eq!(one(body)["method"], "m");
}

#[test]
fn responses_are_repaired_or_dropped() {
    // an id that cannot be read: nothing to answer, nothing passed
    for id in [r#"{"a":1}"#, "1.5", "true", "18446744073709551616"] {
        let body = format!(r#"{{"jsonrpc":"2.0","id":{id},"result":null}}"#);
        assert!(run(&frame(&body), usize::MAX).is_empty(), "{body}");
    }
    assert!(run(&frame(r#"{"jsonrpc":"2.0","result":1}"#), 9).is_empty());
    // an error the decoder refuses (it would read it as a request named
    // "" and answer the client's own id) becomes a well-formed error
    let out = one(r#"{"jsonrpc":"2.0","id":3,"error":{"code":-32800,"message":"gone","extra":1}}"#);
    assert_eq!(
        out,
        json!({"jsonrpc":"2.0","error":{"code":-32800,"message":"gone"},"id":3})
    );
    let out = one(r#"{"jsonrpc":"2.0","id":"s","error":"no"}"#);
    assert_eq!(out["error"], json!({"code": -32603, "message": "no"}));
    assert_eq!(out["id"], "s");
    let out = one(r#"{"jsonrpc":"2.0","id":4,"error":{"code":1.5}}"#);
    assert_eq!(out["error"]["code"], -32603);
    // the wrong version or a repeated key in a response
    let out = one(r#"{"jsonrpc":"1.0","id":5,"result":[1]}"#);
    assert_eq!(out, json!({"jsonrpc":"2.0","result":[1],"id":5}));
    let out = one(r#"{"jsonrpc":"2.0","id":6,"result":1,"result":2}"#);
    assert_eq!(out["result"], 1);
    // a good response passes as it is
    let body = r#"{"jsonrpc":"2.0","id":7,"result":{"a":[]}}"#;
    assert_eq!(one(body), serde_json::from_str::<Value>(body).unwrap());
}

#[test]
fn lone_surrogates_become_replacement_characters_and_are_noticed() {
    let fix = |s: &str| {
        replace_lone_surrogates(s.as_bytes()).map(|(f, n)| (String::from_utf8(f).unwrap(), n))
    };
    assert_eq!(fix(r#""a\ud800b""#), Some((r#""a\uFFFDb""#.to_owned(), 1)));
    assert_eq!(
        fix(r#""\uDC00\uD800""#),
        Some((r#""\uFFFD\uFFFD""#.to_owned(), 2))
    );
    // a proper pair, in either case, is left alone
    assert_eq!(fix(r#""\ud83d\ude00 \uD83D\uDE00 \ud83D\uDe00""#), None);
    // a high surrogate before another high one, then a pair
    assert_eq!(
        fix(r#""\ud800\ud800\udc00""#),
        Some((r#""\uFFFD\ud800\udc00""#.to_owned(), 1))
    );
    // an escaped backslash: `\\ud800` is the text \ud800
    assert_eq!(fix(r#""\\ud800 \\\\uDC00""#), None);
    assert_eq!(fix(r#""\\\ud800""#), Some((r#""\\\uFFFD""#.to_owned(), 1)));
    // a high surrogate followed by a non-surrogate escape, or cut off
    assert_eq!(
        fix(r#""\ud800\u0041""#),
        Some((r#""\uFFFD\u0041""#.to_owned(), 1))
    );
    assert_eq!(fix(r#"\ud800"#), Some((r#"\uFFFD"#.to_owned(), 1)));
    assert_eq!(fix(r#"\ud80"#), None);
    assert_eq!(fix("\\"), None);
    assert_eq!(fix(r#""\n\t\u00e9""#), None);

    let body = r#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///d/a%20b.txt","languageId":"plaintext","version":1,"text":"x\ud800y"}}}"#;
    assert!(!tower_accepts(body.as_bytes()));
    let out = run(&frame(body), 7);
    assert_eq!(out.len(), 2, "{out:?}");
    assert_eq!(out[0]["params"]["textDocument"]["text"], "x\u{FFFD}y");
    assert_eq!(out[1]["method"], INVALID_CHARACTERS_METHOD);
    assert_eq!(
        out[1]["params"],
        json!({"uri": "file:///d/a%20b.txt", "count": 1})
    );
    assert!(invalid_characters_message(&out[1]["params"]).starts_with("The document a b.txt held"));
    // no notice when the message is refused anyway
    let out = run(
        &frame(r#"{"jsonrpc":"2.0","id":{},"method":"\ud800"}"#),
        100,
    );
    assert_eq!(out.len(), 1);
    assert_eq!(out[0]["method"], INVALID_REQUEST_METHOD);
}

#[test]
fn a_burst_of_garbage_keeps_every_good_message_whatever_the_reads() {
    let good = |id: usize| frame(&format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"m"}}"#));
    let garbage: Vec<Vec<u8>> = vec![
        frame("{\"jsonrpc\": "),
        b"Content-Length: 4\r\n\r\n\xff\xfe\xfd\xfc".to_vec(),
        frame(r#"{"jsonrpc":"2.0","id":[1],"method":"m"}"#),
        frame("[1,2,3]"),
        b"Content-Type: text/plain\r\n\r\n".to_vec(),
        b"garbage without a header\r\n\r\n".to_vec(),
        frame(""),
        frame(r#"{"jsonrpc":"2.0","id":{"a":1},"result":null}"#),
    ];
    let mut input = Vec::new();
    for (i, g) in garbage.iter().enumerate() {
        input.extend_from_slice(&good(i));
        input.extend_from_slice(g);
    }
    input.extend_from_slice(&good(99));
    for size in [1, 2, 3, 7, 64, 1000, usize::MAX] {
        let ids: Vec<_> = run(&input, size)
            .into_iter()
            .filter(|m| m["method"] == "m")
            .map(|m| m["id"].as_u64().unwrap())
            .collect();
        assert_eq!(ids, [0, 1, 2, 3, 4, 5, 6, 7, 99], "reads of {size}");
    }
}

#[test]
fn a_huge_or_wrong_content_length_waits_or_resynchronises_without_overflow() {
    let huge = format!("Content-Length: {}\r\n\r\n{{}}", usize::MAX);
    assert_eq!(decide(huge.as_bytes()), Frame::Incomplete);
    let mut bytes = huge.into_bytes();
    let first = bytes.len();
    bytes.extend_from_slice(&frame(r#"{"jsonrpc":"2.0","method":"m"}"#));
    assert!(matches!(decide(&bytes), Frame::Bad { skip, .. } if skip == first));
}

#[test]
fn a_long_body_arriving_in_pieces_is_scanned_once() {
    // The resync search resumes where it stopped, so a frame cut into
    // many reads costs a bounded amount of rescanning per read.
    let body = format!(
        r#"{{"jsonrpc":"2.0","method":"m","params":"{}"}}"#,
        "Content-Length: 1 x".repeat(50_000)
    );
    let bytes = frame(&body);
    let mut filter = FrameFilter::new();
    let mut given = 0;
    for chunk in bytes.chunks(997) {
        filter.push(chunk);
        while filter.next_message().is_some() {
            given += 1;
        }
        let pending = filter.pending().len();
        assert!(
            pending == 0 || pending - filter.hint < 300,
            "{pending} {}",
            filter.hint
        );
    }
    assert_eq!(given, 1);
    assert_eq!(filter.consumed(), bytes.len() as u64);
}

#[test]
fn garbage_longer_than_a_header_keeps_a_header_cut_off_at_its_end() {
    let good = frame(r#"{"jsonrpc":"2.0","id":1,"method":"m"}"#);
    let mut input = vec![b'x'; MAX_HEADER + 10];
    input.extend_from_slice(&good[..5]);
    let mut filter = FrameFilter::new();
    filter.push(&input);
    let mut out = Vec::new();
    while let Some(body) = filter.next_message() {
        out.push(serde_json::from_slice::<Value>(body).unwrap());
    }
    filter.push(&good[5..]);
    while let Some(body) = filter.next_message() {
        out.push(serde_json::from_slice::<Value>(body).unwrap());
    }
    assert_eq!(out.len(), 2, "{out:?}");
    assert_eq!(out[0]["method"], STAND_IN_METHOD);
    assert_eq!(out[1]["id"], 1);
}

#[test]
fn a_header_in_any_case_is_found_after_garbage() {
    // Header names are case-insensitive: after a bad frame the filter picks
    // up again at `content-length:` as at `Content-Length:`.
    let body = r#"{"jsonrpc":"2.0","id":7,"method":"x"}"#;
    // A Content-Length longer than its body runs into the next frame.
    let mut input = b"Content-Length: 500\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"y\"}".to_vec();
    input.extend_from_slice(format!("content-length: {}\r\n\r\n{body}", body.len()).as_bytes());
    let out = run(&input, usize::MAX);
    assert_eq!(
        out.last().map(|m| m["id"].clone()),
        Some(serde_json::json!(7)),
        "{out:?}"
    );
}
