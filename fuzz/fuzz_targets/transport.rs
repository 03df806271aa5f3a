//! Arbitrary bytes from a client, cut into arbitrary reads, through the
//! transport's frame filter: it never panics, every body it passes on is
//! one tower-lsp-server's decoder takes (so the server keeps reading), and
//! it always makes progress.
#![no_main]

use copydesk::lsp::transport::{tower_accepts, FrameFilter};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte seeds the read sizes: a pipe may cut a frame anywhere.
    let Some((&seed, input)) = data.split_first() else {
        return;
    };
    let mut state = u32::from(seed) | 1;
    let mut filter = FrameFilter::new();
    let mut at = 0;
    while at < input.len() {
        state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let size = match (state >> 16) % 8 {
            0 => input.len(), // everything at once
            1 => 1,
            n => ((state >> 8) % (64 << n)) as usize + 1,
        };
        let end = input.len().min(at + size);
        filter.push(&input[at..end]);
        at = end;
        let mut stalled = 0;
        let mut consumed = filter.consumed();
        while let Some(body) = filter.next_message() {
            assert!(
                tower_accepts(body),
                "passed on a body tower-lsp-server refuses: {:?}",
                String::from_utf8_lossy(body)
            );
            // Each message uses up input, but for the one notice that may
            // follow a repaired message.
            stalled = if filter.consumed() > consumed {
                0
            } else {
                stalled + 1
            };
            assert!(stalled <= 1, "two messages without using any input");
            consumed = filter.consumed();
        }
        assert_eq!(
            filter.consumed() as usize + filter.pending().len(),
            at,
            "bytes lost or invented"
        );
    }
});
