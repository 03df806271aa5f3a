//! Words, punctuation and quotations as tokens, and where sentences end.
//!
//! Attribution reads a paragraph as a sequence of tokens in which each
//! quotation is a single token, so that `“...,” Mr Wallace said.` is three
//! tokens and a full stop, however long the quotation.

use std::ops::{Index, Range};

use super::chars::{is_alphabetic, is_alphanumeric, is_one_char};
use super::lexicon::Lexicon;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
    /// A quotation segment; the index is the quote's (32 bits keep a token
    /// at 24 bytes: a 10 MB draft has two million of them).
    Quote(u32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

impl Token {
    pub fn text<'a>(&self, prose: &'a str) -> &'a str {
        &prose[self.start..self.end]
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    pub fn quote(&self) -> Option<usize> {
        match self.kind {
            TokenKind::Quote(q) => Some(q as usize),
            _ => None,
        }
    }
}

/// A run of tokens as the readers (names, phrases, attribution, people) see
/// them: the tokens, the prose they point into, and the words to read them
/// by. Cheap to copy; indexing gives a token (`tokens[i]`).
#[derive(Clone, Copy)]
pub struct Tokens<'a> {
    pub tokens: &'a [Token],
    pub prose: &'a str,
    pub lex: &'a Lexicon,
    /// Whether each token ends a sentence, when worked out already
    /// ([`sentence_ends`]): every reader asks, many times per token.
    ends: Option<&'a [bool]>,
    /// What each token is as a verb of speech, when worked out already:
    /// the attribution readers ask of every token they pass, quote after
    /// quote.
    speech_verbs: Option<&'a [SpeechVerbAt]>,
}

/// What a token is as a verb of speech in its paragraph (as attribution
/// reads it, its neighbours weighed): worked out once per token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeechVerbAt {
    No,
    /// A finite or bare form: `said`, `says`, `say` after `they`.
    Verb,
    /// `saying`, `adding`: the speaker is the main clause's subject.
    Gerund,
}

impl<'a> Tokens<'a> {
    pub fn new(tokens: &'a [Token], prose: &'a str, lex: &'a Lexicon) -> Tokens<'a> {
        Tokens {
            tokens,
            prose,
            lex,
            ends: None,
            speech_verbs: None,
        }
    }

    /// The same tokens, with [`sentence_ends`] of them worked out before.
    pub fn with_sentence_ends(self, ends: &'a [bool]) -> Tokens<'a> {
        debug_assert_eq!(ends.len(), self.tokens.len());
        Tokens {
            ends: Some(ends),
            ..self
        }
    }

    /// The same tokens, with what each is as a verb of speech worked out
    /// before.
    pub fn with_speech_verbs(self, verbs: &'a [SpeechVerbAt]) -> Tokens<'a> {
        debug_assert_eq!(verbs.len(), self.tokens.len());
        Tokens {
            speech_verbs: Some(verbs),
            ..self
        }
    }

    /// Whether each token ends a sentence, if worked out before.
    pub fn known_sentence_ends(&self) -> Option<&'a [bool]> {
        self.ends
    }

    /// What token `i` is as a verb of speech, if worked out before (no
    /// verb past the end).
    pub fn known_speech_verb(&self, i: usize) -> Option<SpeechVerbAt> {
        self.speech_verbs
            .map(|v| v.get(i).copied().unwrap_or(SpeechVerbAt::No))
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn get(&self, i: usize) -> Option<&'a Token> {
        self.tokens.get(i)
    }

    /// The text of token `i`.
    pub fn text(&self, i: usize) -> &'a str {
        self.tokens[i].text(self.prose)
    }

    /// The text of token `i` if it is a word (`None` past the end or for
    /// punctuation, numbers and quotations).
    pub fn word(&self, i: usize) -> Option<&'a str> {
        word_at(self.tokens, i, self.prose)
    }

    /// Whether token `i` is one of the punctuation marks in `set`.
    pub fn punct_in(&self, i: usize, set: &[&str]) -> bool {
        punct_in(self.tokens, i, self.prose, set)
    }

    /// The bytes from the start of token `range.start` to the end of token
    /// `range.end - 1`.
    pub fn bytes(&self, range: Range<usize>) -> Range<usize> {
        self.tokens[range.start].start..self.tokens[range.end - 1].end
    }
}

impl Index<usize> for Tokens<'_> {
    type Output = Token;

    fn index(&self, i: usize) -> &Token {
        &self.tokens[i]
    }
}

impl Index<Range<usize>> for Tokens<'_> {
    type Output = [Token];

    fn index(&self, range: Range<usize>) -> &[Token] {
        &self.tokens[range]
    }
}

fn joins_word(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '‑' | '.' | '&')
}

/// Appends the tokens of `range` of `prose` to `out`. `quotes` are the quote
/// segments inside the range, sorted by start, each with its quote's index.
pub fn tokenize(
    prose: &str,
    range: Range<usize>,
    quotes: &[(Range<usize>, usize)],
    out: &mut Vec<Token>,
) {
    let mut at = range.start;
    let mut next_quote = 0;
    while at < range.end {
        if let Some((q, idx)) = quotes.get(next_quote) {
            if at >= q.start {
                out.push(Token {
                    start: q.start,
                    end: q.end,
                    kind: TokenKind::Quote(u32::try_from(*idx).unwrap_or(u32::MAX)),
                });
                at = q.end.max(at);
                next_quote += 1;
                continue;
            }
        }
        let limit = quotes
            .get(next_quote)
            .map_or(range.end, |(q, _)| q.start.min(range.end));
        let rest = &prose[at..limit];
        let Some(&first) = rest.as_bytes().first() else {
            at = limit;
            continue;
        };
        // ASCII a byte at a time, without decoding: nearly all of a story.
        if first.is_ascii() {
            at = ascii_token(prose, at, rest, out);
            continue;
        }
        let Some(c) = rest.chars().next() else {
            at = limit;
            continue;
        };
        if c.is_whitespace() {
            at += c.len_utf8();
            continue;
        }
        if is_alphanumeric(c) {
            let end = word_end(prose, at, rest);
            let kind = if prose[at..end].chars().all(|c| !is_alphabetic(c)) {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            out.push(Token {
                start: at,
                end,
                kind,
            });
            at = end;
        } else {
            out.push(Token {
                start: at,
                end: at + c.len_utf8(),
                kind: TokenKind::Punct,
            });
            at += c.len_utf8();
        }
    }
}

/// Reads the token (or the space) at byte `at`, whose first byte is ASCII
/// (`rest` is the text from there to the next quotation or the end), as
/// the general path in [`tokenize`] reads it; returns where the next one
/// starts, past the space after it if there is one (most tokens have one:
/// a turn of the loop saved).
fn ascii_token(prose: &str, at: usize, rest: &str, out: &mut Vec<Token>) -> usize {
    let first = rest.as_bytes()[0];
    // `char::is_whitespace` on ASCII (with the vertical tab `u8`'s leaves out)
    if matches!(first, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r') {
        return at + 1;
    }
    let past_space = |end: usize| match rest.as_bytes().get(end - at) {
        Some(b' ') => end + 1,
        _ => end,
    };
    if !first.is_ascii_alphanumeric() {
        out.push(Token {
            start: at,
            end: at + 1,
            kind: TokenKind::Punct,
        });
        return past_space(at + 1);
    }
    let end = word_end(prose, at, rest);
    let kind = if first.is_ascii_alphabetic() || prose[at..end].chars().any(is_alphabetic) {
        TokenKind::Word
    } else {
        TokenKind::Number
    };
    out.push(Token {
        start: at,
        end,
        kind,
    });
    past_space(end)
}

/// Where the word or number starting at byte `at` (`rest` is the text from
/// there) ends: letters and digits, with the marks, apostrophes, hyphens
/// and ampersands that join them (`O'Brien`, `de-escalation`, `AT&T`), and
/// the periods of `U.S`, `a.m` and `3.5`.
#[inline]
fn word_end(prose: &str, at: usize, rest: &str) -> usize {
    // The ASCII letters and digits first, a byte at a time: most words are
    // nothing else.
    let bytes = rest.as_bytes();
    let ascii = (bytes.iter().position(|b| !b.is_ascii_alphanumeric())).unwrap_or(bytes.len());
    // Most words end there: at the end, at ASCII that neither continues nor
    // joins them (`,`), or at a joining mark before such ASCII (`said.`).
    let plain = |b: Option<&u8>| b.is_none_or(|&b| b.is_ascii() && !b.is_ascii_alphanumeric());
    match bytes.get(ascii) {
        Some(&b) if !b.is_ascii() => joined_word_end(prose, at, rest, ascii),
        Some(b'\'' | b'-' | b'.' | b'&') if !plain(bytes.get(ascii + 1)) => {
            joined_word_end(prose, at, rest, ascii)
        }
        _ => at + ascii,
    }
}

/// [`word_end`] past the first `ascii` bytes, when a mark or a non-ASCII letter follows.
fn joined_word_end(prose: &str, at: usize, rest: &str, ascii: usize) -> usize {
    let mut end = at + ascii;
    let mut prev_alpha = ascii > 0 && rest.as_bytes()[ascii - 1].is_ascii_alphabetic();
    let mut chars = rest[ascii..]
        .char_indices()
        .map(|(i, ch)| (ascii + i, ch))
        .peekable();
    while let Some((i, ch)) = chars.next() {
        if is_alphanumeric(ch) || ch == '\u{301}' || ch == '\u{308}' {
            end = at + i + ch.len_utf8();
            prev_alpha = is_alphabetic(ch);
            continue;
        }
        let next = chars.peek().map(|&(_, n)| n);
        let joins = match ch {
            // U.S, a.m, e.g: a period joins single letters; 3.5 joins digits
            '.' => {
                let piece = prose[at..at + i].rsplit('.').next().unwrap_or("");
                let single_letter = is_one_char(piece) && prev_alpha;
                (single_letter && next.is_some_and(is_alphabetic))
                    || (!prev_alpha && next.is_some_and(|n| n.is_ascii_digit()))
            }
            _ => joins_word(ch) && next.is_some_and(is_alphanumeric),
        };
        if !joins {
            break;
        }
        end = at + i + ch.len_utf8();
    }
    end
}

/// The text of token `i` if it is a word (`None` past the end or for
/// punctuation, numbers and quotations).
pub fn word_at<'a>(tokens: &[Token], i: usize, prose: &'a str) -> Option<&'a str> {
    tokens.get(i).filter(|t| t.is_word()).map(|t| t.text(prose))
}

/// Whether token `i` is one of the punctuation marks in `set`.
pub fn punct_in(tokens: &[Token], i: usize, prose: &str, set: &[&str]) -> bool {
    tokens
        .get(i)
        .is_some_and(|t| t.kind == TokenKind::Punct && set.contains(&t.text(prose)))
}

/// Whether a word starts with a capital letter.
pub fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether the quotation text (with its marks) ends a sentence: its last
/// character before the closing mark is `.`, `!`, `?` or `…`.
pub fn quote_ends_sentence(quote_text: &str) -> bool {
    let inner = quote_text.trim_end_matches(['”', '"', '’', '\'', '»', ' ']);
    inner.ends_with(['.', '!', '?', '…'])
}

/// Whether token `i` ends a sentence. `tokens` is one paragraph.
pub fn ends_sentence(tokens: Tokens, i: usize) -> bool {
    match tokens.ends {
        Some(ends) => ends[i],
        None => works_out_ends_sentence(tokens, i),
    }
}

/// Whether each of one paragraph's tokens ends a sentence, appended to
/// `out`.
pub fn sentence_ends(tokens: Tokens, out: &mut Vec<bool>) {
    out.extend((0..tokens.len()).map(|i| works_out_ends_sentence(tokens, i)));
}

fn works_out_ends_sentence(tokens: Tokens, i: usize) -> bool {
    let prose = tokens.prose;
    let tok = tokens[i];
    let next = tokens.get(i + 1);
    // Asked only of punctuation and quotations: words and numbers (most
    // tokens) never end a sentence.
    let next_starts_sentence = || match next {
        None => true,
        Some(n) => match n.kind {
            TokenKind::Word => is_capitalised(n.text(prose)),
            TokenKind::Number | TokenKind::Quote(_) => true,
            TokenKind::Punct => !matches!(n.text(prose), "," | ";" | ":" | ")"),
        },
    };
    match tok.kind {
        TokenKind::Punct => {
            let t = tok.text(prose);
            if matches!(t, "!" | "?" | "…") {
                return next_starts_sentence();
            }
            if t != "." || !next_starts_sentence() {
                return false;
            }
            // Mr. Dr. U.S. Jan. and initials (J. Smith) do not end sentences,
            // nor does a party's initial run into a state's (`Rep. Ann Voss
            // (D-N.Y.) said`, read as `D-N` `.` `Y`); `backed Plan-B. Jo
            // Bell…`, with a space after the period, does.
            let runs_on = next.is_some_and(|n| n.start == tok.end);
            match i.checked_sub(1).map(|p| tokens[p]) {
                Some(prev) if prev.is_word() && prev.end == tok.start => {
                    let w = prev.text(prose);
                    let last = w.rsplit('-').next().unwrap_or(w);
                    let initial = |w: &str| is_one_char(w) && is_capitalised(w);
                    !(tokens.lex.is_abbreviation(w) || initial(w) || (runs_on && initial(last)))
                }
                _ => true,
            }
        }
        TokenKind::Quote(_) => quote_ends_sentence(tok.text(prose)) && next_starts_sentence(),
        _ => false,
    }
}

/// The sentences of one paragraph's tokens, as token index ranges.
pub fn sentences(tokens: Tokens) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..tokens.len() {
        if ends_sentence(tokens, i) {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        tokenize(text, 0..text.len(), &[], &mut out);
        out.iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn words_keep_apostrophes_hyphens_and_abbreviation_periods() {
        assert_eq!(
            words("Russia’s de-escalation in the U.S. at 5 p.m. cost $3.5m, O'Brien said."),
            vec![
                "Russia’s",
                "de-escalation",
                "in",
                "the",
                "U.S",
                ".",
                "at",
                "5",
                "p.m",
                ".",
                "cost",
                "$",
                "3.5m",
                ",",
                "O'Brien",
                "said",
                "."
            ]
        );
    }

    fn sentence_texts(text: &str) -> Vec<&str> {
        let mut toks = Vec::new();
        tokenize(text, 0..text.len(), &[], &mut toks);
        sentences(Tokens::new(&toks, text, &Lexicon::builtin()))
            .into_iter()
            .map(|r| &text[toks[r.start].start..toks[r.end - 1].end])
            .collect()
    }

    #[test]
    fn sentences_do_not_end_at_titles_initials_or_abbreviations() {
        assert_eq!(
            sentence_texts("Mr. Smith met Dr. Jones in the U.S. in Jan. 2020. J. R. Hartley left. Then what? Nothing."),
            vec![
                "Mr. Smith met Dr. Jones in the U.S. in Jan. 2020.",
                "J. R. Hartley left.",
                "Then what?",
                "Nothing."
            ]
        );
        // a party and a state's initials: `D-N` `.` `Y` is not a sentence end
        assert_eq!(
            sentence_texts("Rep. Ann Voss (D-N.Y.) said no. Sen. Tim Rudd (R-S.C.) agreed. Then the vote came."),
            vec![
                "Rep. Ann Voss (D-N.Y.) said no.",
                "Sen. Tim Rudd (R-S.C.) agreed.",
                "Then the vote came."
            ]
        );
        // but a hyphenated word ending in a capital before a space is
        assert_eq!(
            sentence_texts("Ann Reid backed Plan-B. Jo Bell opposed it."),
            vec!["Ann Reid backed Plan-B.", "Jo Bell opposed it."]
        );
    }
}
