//! Lining a quotation up with a transcript.
//!
//! A quotation is read into words, `[editorial]` groups and `…` gaps
//! ([`read_quote`]); the gaps cut it into pieces. The longest piece is
//! looked up in every transcript's [`Index`] (its word triples, or for a
//! short piece its rarer words), which proposes a few places; each is
//! aligned word by word in a window around it, and the best is kept. The
//! other pieces are then looked for in the same transcript, in order. Work
//! is bounded by the quotation's length, never by the transcript's.
//!
//! The alignment is an edit distance over words in which the transcript's
//! fillers and false starts may be passed over for nothing, an editorial
//! `[group]` may stand for up to [`BRACKET_SPAN`] transcript words (or
//! none), and the passage may start and end anywhere in the window.

use std::ops::Range;
use std::sync::Arc;

use super::index::{triple_key, Index};
use super::words::{self, fold_words, plain_chars};
use super::Transcript;

mod model;
mod numbers;
mod table;
#[cfg(test)]
mod tests;

pub use model::{Alignment, Difference, Fit, QuotePart, BRACKET_SPAN};
use table::Table;

/// A word or triple found more often than this proposes nothing: it is
/// too common to say where a quotation is.
const COMMON: usize = 64;
/// How many places the index may propose for a piece.
const PROPOSALS: usize = 3;

/// Reads the quotation in `text[range]` (one paragraph of it).
pub fn read_quote(text: &str, range: Range<usize>) -> Vec<QuotePart> {
    let mut parts = Vec::new();
    let Some(slice) = text.get(range.clone()) else {
        return parts;
    };
    let base = range.start;
    let mut run = 0; // start of the plain run not yet read, in `slice`
    let mut at = 0;
    while let Some(c) = slice[at..].chars().next() {
        let (part, next) = match c {
            '[' => match slice[at..].find(']') {
                // `[T]he`, `child[ren]`: a letter changed inside a word is
                // that word, read without its brackets
                Some(close) if glued(slice, at, at + close + 1) => {
                    let (start, end) = word_around(slice, at, at + close + 1);
                    push_words(text, base + run..base + start, &mut parts);
                    let written: String = slice[start..end]
                        .chars()
                        .filter(|c| !matches!(c, '[' | ']'))
                        .collect();
                    parts.push(QuotePart::Word {
                        key: words::key(&written),
                        joined: 0,
                        range: base + start..base + end,
                        filler: false,
                    });
                    run = end;
                    at = end;
                    continue;
                }
                // `[…]`: words left out, in brackets as some desks write it
                Some(close)
                    if matches!(slice[at + 1..at + close].trim(), "…" | "..." | ". . .") =>
                {
                    (Some(QuotePart::Gap), at + close + 1)
                }
                Some(close) => (
                    Some(QuotePart::Bracket {
                        range: base + at..base + at + close + 1,
                    }),
                    at + close + 1,
                ),
                None => (None, at + 1),
            },
            '…' => (Some(QuotePart::Gap), at + c.len_utf8()),
            '.' if slice[at..].starts_with("...") => (Some(QuotePart::Gap), at + 3),
            '.' if slice[at..].starts_with(". . .") => (Some(QuotePart::Gap), at + 5),
            '.' | '?' | '!' if slice[at + 1..].starts_with(char::is_whitespace) => {
                (Some(QuotePart::Stop), at + 1)
            }
            _ => (None, at + c.len_utf8()),
        };
        if let Some(part) = part {
            push_words(text, base + run..base + at, &mut parts);
            parts.push(part);
            run = next;
        }
        at = next;
    }
    push_words(text, base + run..base + slice.len(), &mut parts);
    parts
}

/// Whether the brackets at `open..close` of `slice` touch a letter on
/// either side.
fn glued(slice: &str, open: usize, close: usize) -> bool {
    slice[..open]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
        || slice[close..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
}

/// The word that brackets at `open..close` are part of: the letters (and
/// brackets) touching them on either side.
fn word_around(slice: &str, open: usize, close: usize) -> (usize, usize) {
    let start = slice[..open]
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || matches!(c, '[' | ']'))
        .last()
        .map_or(open, |(i, _)| i);
    let end = slice[close..]
        .char_indices()
        .take_while(|(_, c)| c.is_alphanumeric() || matches!(c, '[' | ']'))
        .last()
        .map_or(close, |(i, c)| close + i + c.len_utf8());
    (start, end)
}

fn push_words(text: &str, range: Range<usize>, parts: &mut Vec<QuotePart>) {
    fold_words(plain_chars(text, range), |w| {
        parts.push(QuotePart::Word {
            key: w.key,
            joined: w.joined,
            range: w.start..w.end,
            filler: words::is_filler(w.key),
        })
    });
}

/// The content words' keys of a piece of a quotation.
fn piece_keys(piece: &[QuotePart]) -> Vec<u64> {
    piece
        .iter()
        .filter_map(|p| match p {
            QuotePart::Word { key, filler, .. } if !filler => Some(*key),
            _ => None,
        })
        .collect()
}

/// A stretch of a quotation aligned on its own: between ellipses, or (when
/// the quotation is read sentence by sentence) a sentence.
struct Piece {
    parts: Vec<QuotePart>,
    /// It follows a sentence of the same stretch rather than an ellipsis:
    /// the speaker must have said it right after (see [`MAX_BRIDGE`]).
    after_stop: bool,
}

/// Content words a speaker may say between two sentences a quotation runs
/// together (`And`, `So, look`) before that is two passages joined.
const MAX_BRIDGE: usize = 2;
/// A sentence shorter than this (content words) is read with the one
/// before it: too short to be found on its own (`Mr.`, `No.`).
const MIN_SENTENCE: usize = 3;

/// The quotation's pieces: cut at each ellipsis, and with `sentences`, at
/// each sentence end too.
fn pieces(quote: &[QuotePart], sentences: bool) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut current = Piece {
        parts: Vec::new(),
        after_stop: false,
    };
    for part in quote {
        match part {
            QuotePart::Gap | QuotePart::Stop => {
                let stop = *part == QuotePart::Stop;
                if stop && !sentences {
                    continue;
                }
                let short = piece_keys(&current.parts).len() < MIN_SENTENCE;
                if stop && short && !current.parts.is_empty() {
                    continue; // read on into the next sentence
                }
                let next = Piece {
                    parts: Vec::new(),
                    after_stop: stop,
                };
                out.push(std::mem::replace(&mut current, next));
            }
            _ => current.parts.push(part.clone()),
        }
    }
    // a short last sentence joins the one before it
    match out.last_mut() {
        Some(last) if current.after_stop && piece_keys(&current.parts).len() < MIN_SENTENCE => {
            last.parts.extend(current.parts)
        }
        _ => out.push(current),
    }
    out.retain(|p| !piece_keys(&p.parts).is_empty());
    out.into_iter().flat_map(chunks).collect()
}

/// Parts a piece longer than this is aligned in, one after the other, so
/// that the table stays small however long a quotation runs on.
const MAX_PIECE: usize = 48;

/// A piece cut into runs of at most [`MAX_PIECE`] parts (a short tail
/// stays with the run before it).
fn chunks(piece: Piece) -> Vec<Piece> {
    if piece.parts.len() <= MAX_PIECE + MAX_PIECE / 4 {
        return vec![piece];
    }
    let mut out: Vec<Piece> = Vec::new();
    let mut rest = piece.parts.as_slice();
    let mut after_stop = piece.after_stop;
    while !rest.is_empty() {
        let take = if rest.len() <= MAX_PIECE + MAX_PIECE / 4 {
            rest.len()
        } else {
            MAX_PIECE
        };
        out.push(Piece {
            parts: rest[..take].to_vec(),
            after_stop,
        });
        rest = &rest[take..];
        after_stop = false;
    }
    out
}

/// Lines a quotation up with the transcripts: its best passage, if the
/// index proposes any. A quotation that does not match exactly is read
/// again sentence by sentence, which finds two answers run together
/// without an ellipsis.
///
/// `preferred(file, segment)` says whether a segment is the quote's
/// speaker's: of passages that fit equally well, theirs is taken (an
/// interviewer who repeats the answer back did not say it first).
pub fn align(
    files: &[Arc<Transcript>],
    text: &str,
    quote: &[QuotePart],
    preferred: &dyn Fn(usize, u32) -> bool,
) -> Option<Alignment> {
    let settled = |mut found: Alignment| {
        let transcript = &files[found.file];
        settle_numbers(&mut found, transcript, text);
        found
    };
    let whole = settled(align_pieces(files, &pieces(quote, false), preferred)?);
    if whole.fit() == Fit::Exact {
        return Some(whole);
    }
    let sentences = pieces(quote, true);
    if !sentences.iter().any(|p| p.after_stop) {
        return Some(whole);
    }
    // on a tie the sentences: a sentence found nowhere is words added, not
    // a run of words changed into the speaker's next ones
    match align_pieces(files, &sentences, preferred).map(settled) {
        Some(by_sentence) if by_sentence.cost <= whole.cost => Some(by_sentence),
        _ => Some(whole),
    }
}

/// Whether words state an amount (`£38m`, `thirty-eight per cent`): a fix
/// cannot put spoken numbers into a figure the draft wrote.
pub fn is_amount(words: &str) -> bool {
    numbers::amount(words).is_some()
}

/// Takes out the differences that are one amount written two ways (`£38m`
/// for `38 million pounds`): the words count as matched.
fn settle_numbers(found: &mut Alignment, transcript: &Transcript, text: &str) {
    let count = |words: &str| {
        let mut n = 0;
        fold_words(plain_chars(words, 0..words.len()), |_| n += 1);
        n
    };
    found.differences.retain(|d| {
        if d.joined || d.draft.is_empty() || d.transcript.is_empty() {
            return true;
        }
        let draft = text.get(d.draft.clone()).unwrap_or_default();
        let said = transcript.spoken(d.transcript.clone());
        if !numbers::same_amount(draft, &said) {
            return true;
        }
        let (d, t) = (count(draft), count(&said));
        found.cost = found.cost.saturating_sub(d.max(t));
        found.matched += d.min(t).max(1);
        false
    });
}

/// The longest piece found in any transcript, then the others in order
/// around it in the same one.
fn align_pieces(
    files: &[Arc<Transcript>],
    pieces: &[Piece],
    preferred: &dyn Fn(usize, u32) -> bool,
) -> Option<Alignment> {
    let is_preferred = |a: &Alignment| {
        let first = files[a.file].words.list.get(a.words.start);
        first.is_some_and(|w| preferred(a.file, w.segment))
    };
    let anchor =
        (0..pieces.len()).max_by_key(|&i| (piece_keys(&pieces[i].parts).len(), usize::MAX - i))?;
    let mut best: Option<Alignment> = None;
    for (file, transcript) in files.iter().enumerate() {
        let anchor_parts = &pieces[anchor].parts;
        for place in places(
            &transcript.index,
            &piece_keys(anchor_parts),
            0..u32::MAX,
            None,
        ) {
            let Some(mut aligned) = align_at(transcript, anchor_parts, place) else {
                continue;
            };
            aligned.file = file;
            let wins = best.as_ref().is_none_or(|b| {
                better(&aligned, b)
                    || (!better(b, &aligned) && is_preferred(&aligned) && !is_preferred(b))
            });
            if wins {
                best = Some(aligned);
            }
        }
    }
    let mut whole = best?;
    let transcript = &files[whole.file];
    let mut found: Vec<Option<Range<usize>>> = vec![None; pieces.len()];
    found[anchor] = Some(whole.words.clone());
    // the pieces after the anchor, each after the one before it; then the
    // pieces before it, each before the one after it
    let mut bound = whole.words.end;
    for (i, piece) in pieces.iter().enumerate().skip(anchor + 1) {
        let next = align_near(transcript, &piece.parts, bound, true)
            .filter(|a| a.fit() != Fit::None)
            // a sentence said earlier, run on without an ellipsis
            .or_else(|| {
                piece
                    .after_stop
                    .then(|| align_near(transcript, &piece.parts, 0, true))?
            });
        found[i] = join(&mut whole, transcript, next, &piece.parts);
        bound = found[i].as_ref().map_or(bound, |r| r.end);
    }
    bound = whole.words.start;
    for (i, piece) in pieces.iter().enumerate().take(anchor).rev() {
        let next = align_near(transcript, &piece.parts, bound, false)
            .filter(|a| a.fit() != Fit::None)
            .or_else(|| {
                let anywhere = transcript.words.list.len();
                pieces[i + 1]
                    .after_stop
                    .then(|| align_near(transcript, &piece.parts, anywhere, false))?
            });
        found[i] = join(&mut whole, transcript, next, &piece.parts);
        bound = found[i].as_ref().map_or(bound, |r| r.start);
    }
    mark_joins(&mut whole, transcript, pieces, &found);
    whole
        .differences
        .sort_by_key(|d| (d.draft.start, d.draft.end));
    Some(whole)
}

/// Sentences of one stretch that the speaker did not say one after the
/// other: a difference at the second sentence's first word.
fn mark_joins(
    whole: &mut Alignment,
    transcript: &Transcript,
    pieces: &[Piece],
    found: &[Option<Range<usize>>],
) {
    let content = &transcript.index.content;
    let position = |word: usize| content.partition_point(|&w| (w as usize) < word);
    for k in 1..pieces.len() {
        let (Some(before), Some(after)) = (&found[k - 1], &found[k]) else {
            continue;
        };
        if !pieces[k].after_stop {
            continue;
        }
        let said_between = position(after.start).saturating_sub(position(before.end));
        if after.start >= before.end && said_between <= MAX_BRIDGE {
            continue;
        }
        let Some(first) = pieces[k].parts.iter().find_map(|p| match p {
            QuotePart::Word { range, .. } | QuotePart::Bracket { range } => Some(range.clone()),
            _ => None,
        }) else {
            continue;
        };
        let list = &transcript.words.list;
        let (Some(said), Some(last_before)) = (
            list.get(after.start),
            before.end.checked_sub(1).and_then(|w| list.get(w)),
        ) else {
            continue;
        };
        whole.cost += 1;
        whole.differences.push(Difference {
            draft: first.start..first.start,
            // from the last word before the join to the first after it
            // (backwards when the second was said first)
            transcript: last_before.start..said.start,
            joined: true,
        });
    }
}

fn better(a: &Alignment, b: &Alignment) -> bool {
    (a.cost, usize::MAX - a.matched) < (b.cost, usize::MAX - b.matched)
}

/// Adds a piece's alignment (or, when it was not found, its words as
/// differences) to the whole; returns the transcript words it spans.
fn join(
    whole: &mut Alignment,
    transcript: &Transcript,
    piece_found: Option<Alignment>,
    piece: &[QuotePart],
) -> Option<Range<usize>> {
    match piece_found.filter(|a| a.fit() != Fit::None) {
        Some(found) => {
            whole.matched += found.matched;
            whole.cost += found.cost;
            whole.differences.extend(found.differences);
            whole.words =
                whole.words.start.min(found.words.start)..whole.words.end.max(found.words.end);
            Some(found.words)
        }
        None => {
            let draft = piece.iter().fold(None::<Range<usize>>, |acc, p| match p {
                QuotePart::Word { range, .. } | QuotePart::Bracket { range } => Some(match acc {
                    Some(a) => a.start..range.end,
                    None => range.clone(),
                }),
                _ => acc,
            });
            whole.cost += piece_keys(piece).len();
            if let Some(draft) = draft {
                // where the passage so far ends
                let at = (whole.words.end.checked_sub(1))
                    .and_then(|w| transcript.words.list.get(w))
                    .map_or(0, |w| w.end);
                whole.differences.push(Difference {
                    draft,
                    transcript: at..at,
                    joined: false,
                });
            }
            None
        }
    }
}

/// A piece aligned in one transcript, looked for only after word `from`
/// (or only before it).
fn align_near(
    transcript: &Transcript,
    piece: &[QuotePart],
    from: usize,
    after: bool,
) -> Option<Alignment> {
    let content = &transcript.index.content;
    let at = content.partition_point(|&w| (w as usize) < from) as u32;
    let allowed = if after { at..u32::MAX } else { 0..at };
    // among equally good places, the nearest: the words after an ellipsis
    // are the speaker's next words, not the same words said an hour before
    let distance = |a: &Alignment| {
        if after {
            a.words.start.saturating_sub(from)
        } else {
            from.saturating_sub(a.words.end)
        }
    };
    places(&transcript.index, &piece_keys(piece), allowed, Some(at))
        .into_iter()
        .filter_map(|place| align_at(transcript, piece, place))
        .filter(|a| {
            if after {
                a.words.start >= from
            } else {
                a.words.end <= from
            }
        })
        .min_by_key(|a| (a.cost, usize::MAX - a.matched, distance(a)))
}

/// Where in a transcript a piece with these content words may be: content
/// positions where its first word would stand, best supported first, at
/// most [`PROPOSALS`]. Only positions in `allowed` are considered.
fn places(index: &Index, keys: &[u64], allowed: Range<u32>, near: Option<u32>) -> Vec<i64> {
    let mut starts: Vec<i64> = Vec::new();
    let vote = |starts: &mut Vec<i64>, hits: Vec<u32>, offset: usize| {
        if hits.len() <= COMMON {
            starts.extend(
                hits.into_iter()
                    .filter(|p| allowed.contains(p))
                    .map(|p| i64::from(p) - offset as i64),
            );
        }
    };
    for (i, k) in keys.windows(3).enumerate() {
        vote(
            &mut starts,
            index
                .triple(triple_key(k[0], k[1], k[2]))
                .take(COMMON + 1)
                .collect(),
            i,
        );
    }
    if starts.is_empty() {
        for (i, &k) in keys.iter().enumerate() {
            vote(&mut starts, index.single(k).take(COMMON + 1).collect(), i);
        }
    }
    starts.sort_unstable();
    // neighbouring starts are one place seen through words added or left out
    let mut clusters: Vec<(usize, i64)> = Vec::new();
    let mut i = 0;
    while i < starts.len() {
        let first = starts[i];
        let mut j = i;
        while j + 1 < starts.len() && starts[j + 1] - starts[j] <= 3 {
            j += 1;
        }
        clusters.push((j + 1 - i, first));
        i = j + 1;
    }
    // best supported first; then nearest to `near`, else earliest
    let near = near.map(i64::from);
    clusters.sort_by_key(|&(votes, start)| {
        (
            usize::MAX - votes,
            near.map_or(start, |n| (start - n).abs()),
            start,
        )
    });
    clusters.truncate(PROPOSALS);
    clusters.into_iter().map(|(_, start)| start).collect()
}

/// Aligns a piece with the transcript words around content position
/// `place`.
fn align_at(transcript: &Transcript, piece: &[QuotePart], place: i64) -> Option<Alignment> {
    let content = &transcript.index.content;
    let length = piece_keys(piece).len() + piece.len() / 4;
    let slack = 3 + length / 4;
    let first = (place - slack as i64).clamp(0, content.len() as i64) as usize;
    let last = ((place + (length + slack) as i64).max(0) as usize).min(content.len());
    if first >= last {
        return None;
    }
    let window = content[first] as usize..content[last - 1] as usize + 1;
    let table = Table::fill(piece, &transcript.words.list[window.clone()]);
    Some(table.trace(piece, &transcript.words.list, window))
}
