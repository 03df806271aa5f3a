//! What a speaker phrase is ([`Phrase`], [`PhraseKind`]), and the small
//! closed classes of words the phrase readers stop at or step over.

use std::ops::Range;

use super::super::chars::{Lowercase, ToLowercase};
use super::super::gender::Gender;
use super::super::lexicon::Lexicon;
use super::super::tokens::{is_capitalised, Tokens};
use super::super::word_filters::ShapeSet;

/// What kind of words name the speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhraseKind {
    Pronoun(Gender),
    /// A plural or impersonal pronoun (`they`, `it`, `we`).
    OtherPronoun,
    /// A capitalised name: a person or an organisation.
    Name,
    /// A description of a person by role (`the defence secretary`).
    Role,
    /// A description of an organisation (`the Russian government`).
    Organisation,
}

/// A noun phrase in token indexes of one paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    /// All its tokens.
    pub tokens: Range<usize>,
    pub kind: PhraseKind,
    /// For an apposition (`the defence secretary, Ben Wallace`), the tokens of
    /// the name; the phrase's other half is the role.
    pub appositive_name: Option<Range<usize>>,
    /// The role half of an apposition or a pre-modifier (`pollster Pat Caddell`).
    pub role: Option<Range<usize>>,
    /// The relative pronoun that stands for the phrase where the speaker is
    /// named (`Weaver, who said…`: the phrase is `Weaver`, this `who`).
    pub relative: Option<usize>,
}

impl Phrase {
    pub(crate) fn new(tokens: Range<usize>, kind: PhraseKind) -> Phrase {
        Phrase {
            tokens,
            kind,
            appositive_name: None,
            role: None,
            relative: None,
        }
    }

    /// A name beside the role that describes it (`the defence secretary,
    /// Ben Wallace`, `pollster Pat Caddell`): the name is the speaker, and
    /// the phrase is `tokens`, both halves.
    pub(super) fn apposition(
        tokens: Range<usize>,
        role: Range<usize>,
        name: Range<usize>,
    ) -> Phrase {
        Phrase {
            tokens,
            kind: PhraseKind::Name,
            appositive_name: Some(name),
            role: Some(role),
            relative: None,
        }
    }

    /// The tokens that name the speaker most precisely.
    pub fn naming_tokens(&self) -> Range<usize> {
        self.appositive_name.clone().unwrap_or(self.tokens.clone())
    }
}

const DETERMINER_WORDS: &[&str] = &[
    "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that", "these",
    "those", "some", "many", "several", "both", "one", "two", "three", "four", "five", "another",
    "other", "each", "every", "any", "no", "most", "all",
];

/// Auxiliaries and adverbs that stand between a subject and its speech verb.
const AUXILIARY_WORDS: &[&str] = &[
    "has",
    "have",
    "had",
    "is",
    "was",
    "were",
    "are",
    "will",
    "would",
    "could",
    "should",
    "can",
    "may",
    "might",
    "must",
    "did",
    "does",
    "do",
    "be",
    "been",
    "being",
    "also",
    "later",
    "then",
    "earlier",
    "previously",
    "again",
    "once",
    "further",
    "recently",
    "not",
    "never",
    "already",
    "still",
    "just",
    "only",
    "often",
    "always",
    "even",
    "now",
    "today",
    "yesterday",
    "reportedly",
    "allegedly",
    "herself",
    "himself",
    "themselves",
    "itself",
    "first",
    "last",
    "had",
];

/// Words that end a noun phrase.
const STOP_WORDS: &[&str] = &[
    "and", "or", "but", "that", "which", "who", "whom", "whose", "if", "when", "while", "as",
    "because", "after", "before", "since", "than", "so", "to", "by", "about", "into", "over",
    "under", "not", "there", "here", "what", "where", "how", "why", "said", "says",
];

const PREPOSITION_IN_PHRASE_WORDS: &[&str] = &["for", "of", "at", "from", "with", "in", "on"];

pub(super) const DETERMINERS: &WordClass<{ DETERMINER_WORDS.len() }> =
    &WordClass::new(DETERMINER_WORDS);
pub(super) const AUXILIARIES: &WordClass<{ AUXILIARY_WORDS.len() }> =
    &WordClass::new(AUXILIARY_WORDS);
pub(super) const STOPS: &WordClass<{ STOP_WORDS.len() }> = &WordClass::new(STOP_WORDS);
pub(super) const PREPOSITIONS_IN_PHRASE: &WordClass<{ PREPOSITION_IN_PHRASE_WORDS.len() }> =
    &WordClass::new(PREPOSITION_IN_PHRASE_WORDS);

/// Words that count people without naming them (`Another said`, `Most
/// say`).
pub(super) const QUANTITIES: &WordClass<8> = &WordClass::new(&[
    "another", "one", "some", "several", "many", "most", "others", "both",
]);

/// Conjunctions that open a clause whose subject may count people
/// (`and another said`, `but most say`).
pub(super) const CLAUSE_CONJUNCTIONS: &WordClass<3> = &WordClass::new(&["and", "but", "while"]);

/// Words that open an aside set off by commas between a subject and its
/// verb, prepositions and the participles of a setting (`Hillary Clinton,
/// at a briefing, said`, `Cory James, 22, of Flint, Mich., said`, `Ann
/// Pike, speaking in Leeds, said`).
pub(super) const ASIDE_OPENERS: &WordClass<12> = &WordClass::new(&[
    "of", "from", "in", "at", "on", "during", "after", "before", "with", "for", "speaking",
    "writing",
]);

/// Quantities that may follow their subject (`They both said`).
pub(super) const FLOATING_QUANTITIES: &WordClass<3> = &WordClass::new(&["both", "all", "each"]);

/// A closed class of words, matched regardless of ASCII case (`The` is a
/// determiner). The readers ask nearly every word whether it is in one, so
/// each word is kept packed into a number ([`pack`]) and a lookup is a
/// binary search of numbers rather than a comparison of strings; and
/// before that, most words are ruled out by their shape ([`ShapeSet`]).
pub(super) struct WordClass<const N: usize> {
    /// Sorted.
    packed: [u128; N],
    /// The shapes of the class's words.
    shapes: ShapeSet,
}

impl<const N: usize> WordClass<N> {
    const fn new(words: &[&str]) -> WordClass<N> {
        assert!(words.len() == N);
        let mut packed = [0; N];
        let mut shapes = ShapeSet::EMPTY;
        let mut i = 0;
        while i < N {
            packed[i] = match pack(words[i]) {
                Some(p) => p,
                None => panic!("a closed-class word is ASCII and at most 15 bytes"),
            };
            shapes.insert(words[i].as_bytes());
            i += 1;
        }
        // Insertion sort: a const fn has no `sort`.
        let mut i = 1;
        while i < N {
            let mut j = i;
            while j > 0 && packed[j - 1] > packed[j] {
                let swapped = packed[j - 1];
                packed[j - 1] = packed[j];
                packed[j] = swapped;
                j -= 1;
            }
            i += 1;
        }
        WordClass { packed, shapes }
    }

    /// Whether `word` is one of the class, ignoring ASCII case.
    fn contains(&self, word: &str) -> bool {
        self.shapes.may_contain(word)
            && pack(word).is_some_and(|p| self.packed.binary_search(&p).is_ok())
    }
}

/// An ASCII word of at most 15 bytes, lowercased, as one number: its
/// length, then its bytes. Any other word is in no class (each is ASCII).
const fn pack(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    if bytes.len() > 15 {
        return None;
    }
    let mut packed = bytes.len() as u128;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii() {
            return None;
        }
        packed |= (bytes[i].to_ascii_lowercase() as u128) << (8 * (i + 1));
        i += 1;
    }
    Some(packed)
}

/// Whether `word` is in `class`, ignoring ASCII case.
pub(super) fn lower_is<const N: usize>(word: &str, class: &WordClass<N>) -> bool {
    class.contains(word)
}

/// `a`, `an` or `the`, in any case.
pub fn is_article(word: &str) -> bool {
    lower_is(word, ARTICLES)
}

const ARTICLES: &WordClass<3> = &WordClass::new(&["a", "an", "the"]);

pub fn is_auxiliary(word: &str) -> bool {
    lower_is(word, AUXILIARIES) || (word.len() > 4 && word.ends_with("ly") && !is_capitalised(word))
}

pub(super) fn pronoun(lex: &Lexicon, word: &str) -> Option<PhraseKind> {
    // He’s, she'd, they’ll: the pronoun with a contracted auxiliary (every
    // one ends in `s`, `d`, `l` or `e`: most words are out at once)
    let contracted = matches!(word.as_bytes().last(), Some(b's' | b'd' | b'l' | b'e'));
    let bare = match contracted {
        true => [
            "’s", "'s", "’d", "'d", "’ll", "'ll", "’ve", "'ve", "’re", "'re",
        ]
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix))
        .unwrap_or(word),
        false => word,
    };
    Some(match lex.pronoun(bare)? {
        Gender::Unknown => PhraseKind::OtherPronoun,
        gender => PhraseKind::Pronoun(gender),
    })
}

/// Whether a word is a pronoun that can be a subject (`he`, `She’s`, `they`).
pub fn is_pronoun(lex: &Lexicon, word: &str) -> bool {
    pronoun(lex, word).is_some()
}

/// Role or organisation, from the nouns of a description.
pub(super) fn description_kind(tokens: Tokens, range: Range<usize>) -> Option<PhraseKind> {
    let lex = tokens.lex;
    let mut org = false;
    let mut role = false;
    // The word before, lowercased; and the two as one entry, made only
    // after a first word (no entry opens on a space): asked of every
    // phrase read, and most are a word or two.
    let mut previous: Option<Lowercase> = None;
    let mut pair_buf = String::new();
    for i in range {
        let Some(w) = tokens.word(i) else {
            continue;
        };
        if lower_is(w, PREPOSITIONS_IN_PHRASE) {
            break; // nouns after `for the ministry` modify, they do not head
        }
        let lower = w.lowercase();
        // two-word entries: `chief executive`, `harbour master`
        let pair = previous.as_ref().map(|previous| {
            pair_buf.clear();
            // Once, with room for most pairs: not grown word by word.
            pair_buf.reserve((previous.len() + 1 + lower.len()).max(32));
            pair_buf.push_str(previous);
            pair_buf.push(' ');
            pair_buf.push_str(&lower);
            pair_buf.as_str()
        });
        let listed = |is_listed: fn(&Lexicon, &str) -> bool| {
            is_listed(lex, &lower) || pair.is_some_and(|pair| is_listed(lex, pair))
        };
        if listed(Lexicon::is_role_noun) {
            role = true;
        } else if listed(Lexicon::is_organisation_noun) {
            org = true;
        }
        previous = Some(lower);
    }
    // `residents`, `one voter`: people a story quotes without a name, when
    // the noun heads the phrase (`the residents association` is a body).
    // `previous` is the head: the last word read. (The list has no
    // two-word entries.)
    let anonymous_head = previous.is_some_and(|head| lex.is_anonymous_noun(&head));
    if role || anonymous_head {
        Some(PhraseKind::Role)
    } else if org {
        Some(PhraseKind::Organisation)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_classes_match_regardless_of_ascii_case_only() {
        for word in AUXILIARY_WORDS
            .iter()
            .chain(STOP_WORDS)
            .chain(DETERMINER_WORDS)
        {
            assert!(
                lower_is(word, AUXILIARIES) || lower_is(word, STOPS) || lower_is(word, DETERMINERS)
            );
            assert!(lower_is(&word.to_uppercase(), AUXILIARIES) == lower_is(word, AUXILIARIES));
        }
        for word in [
            "",
            "thee",
            "th",
            "The",
            "ALSO",
            "théir",
            "previouslyy",
            "a-very-long-word-indeed",
        ] {
            let listed = DETERMINER_WORDS
                .iter()
                .any(|w| w.eq_ignore_ascii_case(word));
            assert_eq!(lower_is(word, DETERMINERS), listed, "{word}");
        }
    }
}
