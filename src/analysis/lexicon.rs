//! Word lists the analysis consults, loaded once from the data files in
//! `lexicon/` (see the comment at the top of each file for its format).
//!
//! The lists are data, not code, so that a sub-editor can add a speech verb or
//! a courtesy title without touching the rules. They are parsed on first use and
//! shared for the life of the process.
//!
//! A project can add words of its own (`copydesk.toml`: extra speech verbs,
//! courtesy titles, a people register) as a [`LexiconExtra`]. A [`Lexicon`]
//! is the view the analysis reads through: the built-in words (one value for
//! the process, parsed once), and the project's on top, consulted only when
//! a built-in lookup misses. It travels in [`super::Options`] and stays on
//! the [`super::Analysis`], so the rules read the same words the passes did.

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::{Arc, LazyLock};

use super::chars::ToLowercase;
pub use super::word_filters::PhraseList;
use super::word_filters::{ShapedMap, ShapedSet, WordShapes};

pub use super::gender::Gender;
use super::register::{role_key, RegisteredPerson};

/// What kind of title stands before a name (the `kind` column of
/// `lexicon/honorifics.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TitleKind {
    /// `Mr`, `Mrs`, `Ms`, `Miss`, `Mx`: what house styles add or drop.
    Courtesy,
    /// Other forms of address: `Madame`, `Monsieur`.
    Address,
    /// `Dr`, `Prof`.
    Academic,
    /// `Sir`, `Dame`: with the given name (`Sir Keir`).
    Knight,
    /// `Lord`, `Baroness`: the title and name are complete (`Lord Browne`).
    Peer,
    /// `Rev`, `Reverend`.
    Clergy,
    /// An office its holder is named by: `President`, `Chief Constable`.
    Office,
}

impl TitleKind {
    /// The kind named as in the data file and `copydesk.toml`.
    pub fn parse(name: &str) -> Option<TitleKind> {
        Some(match name {
            "courtesy" => TitleKind::Courtesy,
            "address" => TitleKind::Address,
            "academic" => TitleKind::Academic,
            "knight" => TitleKind::Knight,
            "peer" => TitleKind::Peer,
            "clergy" => TitleKind::Clergy,
            "office" => TitleKind::Office,
            _ => return None,
        })
    }

    /// The names [`TitleKind::parse`] takes, for messages.
    pub const NAMES: &'static str = "courtesy, address, academic, knight, peer, clergy, office";

    /// Whether a title of this kind and a surname are the person's `title`
    /// form (`Mr Wallace`, `Lord Browne`), rather than an office held
    /// (`President Obama`).
    pub fn is_courtesy(self) -> bool {
        self != TitleKind::Office
    }
}

/// A title before a name: its kind, and the gender it implies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Title {
    pub kind: TitleKind,
    pub gender: Gender,
}

/// How a speech verb form behaves in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerbForm {
    /// `saying`, `adding`: the speaker is the subject of the main clause.
    pub gerund: bool,
    /// The bare form (`say`, not `says`), which is often a noun (`a claim`).
    pub base: bool,
    /// The word that must follow for the verb to report speech: `on` in
    /// `he went on`, `back` in `she hit back`.
    pub particle: Option<&'static str>,
}

/// The built-in word lists, parsed from the data files.
struct Builtin {
    speech_verbs: FxHashMap<&'static str, VerbForm>,
    /// Verbs that report speech only with their particle (`went on`): a
    /// few verbs, asked of every word `speech_verb_shapes` lets through.
    phrasal_speech_verbs: ShapedMap<VerbForm>,
    /// The shapes of both kinds of speech verb's forms.
    speech_verb_shapes: WordShapes,
    source_phrases: PhraseList,
    term_cues: Vec<Vec<&'static str>>,
    /// Courtesy titles and forms of address, keyed by their words: a name
    /// read is asked whether its first words are a title, and nearly
    /// always they are not.
    honorifics: ShapedMap<Title>,
    /// The first word of each title in `honorifics`, with the most words
    /// a title that opens on it has: asked of every capitalised word.
    honorific_starts: ShapedMap<usize>,
    /// The longest honorific, in words.
    honorific_max_words: usize,
    given_names: ShapedMap<Gender>,
    role_nouns: ShapedSet,
    /// The singular half of each role line (`spokeswoman`, not `spokeswomen`).
    singular_roles: ShapedSet,
    /// Each word of each name read is asked whether it is one, and nearly
    /// none is.
    organisation_nouns: ShapedSet,
    time_nouns: ShapedSet,
    person_nouns: ShapedSet,
    abbreviations: ShapedSet,
    not_names: ShapedSet,
    demonyms: ShapedSet,
    function_words: ShapedSet,
    irregular_pasts: ShapedSet,
    roles_bodies_share: ShapedSet,
    speech_nouns: ShapedSet,
    role_modifiers: ShapedSet,
    transcript_file_words: ShapedSet,
    anonymous_nouns: ShapedSet,
    claim_words: ShapedSet,
    /// Subject pronouns, as written, with the gender they imply
    /// (`Unknown` for `they`, `it`, `we`, `I`, `you`): the phrase readers
    /// ask of nearly every word.
    pronouns: ShapedMap<Gender>,
    /// Words for relatives and partners, with the gender they imply.
    relatives: ShapedMap<Gender>,
    /// Nouns for one person that say woman or man (`spokeswoman`).
    gendered_nouns: ShapedMap<Gender>,
}

/// The lines of a `word  gender` list.
fn gendered_words(data: &'static str) -> ShapedMap<Gender> {
    let map: FxHashMap<&'static str, Gender> = entries(data)
        .filter_map(|line| line.split_once(char::is_whitespace))
        .map(|(word, gender)| (word, Gender::from_code(gender.trim())))
        .collect();
    ShapedMap::from(map)
}

fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// A line of `honorifics.txt`: `Title words  kind  gender`.
fn title_line(line: &'static str) -> Option<(&'static str, TitleKind, Gender)> {
    let (rest, gender) = line.rsplit_once(char::is_whitespace)?;
    let (title, kind) = rest.trim_end().rsplit_once(char::is_whitespace)?;
    Some((
        title.trim_end(),
        TitleKind::parse(kind)?,
        Gender::from_code(gender),
    ))
}

fn words_of(phrase: &'static str) -> Vec<&'static str> {
    phrase.split_whitespace().collect()
}

/// Adds both halves of a `singular|plural` line.
fn add_singular_plural(set: &mut FxHashSet<&'static str>, line: &'static str) {
    for part in line.split('|') {
        let part = part.trim();
        if !part.is_empty() {
            set.insert(part);
        }
    }
}

/// Every word of a `singular|plural` list.
fn singular_plural_set(data: &'static str) -> ShapedSet {
    let mut set = FxHashSet::default();
    for line in entries(data) {
        add_singular_plural(&mut set, line);
    }
    ShapedSet::from(set)
}

/// Each form of some verbs of speech, with what it is.
type SpeechVerbs = FxHashMap<&'static str, VerbForm>;

/// The verbs of speech, and the phrasal ones (`went on`) apart.
fn speech_verbs() -> (SpeechVerbs, SpeechVerbs) {
    let mut speech_verbs = FxHashMap::default();
    let mut phrasal_speech_verbs = FxHashMap::default();
    for line in entries(include_str!("lexicon/speech_verbs.txt")) {
        let (line, particle) = match line.split_once(" +") {
            Some((forms, particle)) => (forms, Some(particle.trim())),
            None => (line, None),
        };
        let mut forms = line.split_whitespace();
        let Some(base) = forms.next() else { continue };
        // `read reads read reading`: the bare form is a past tense too,
        // so it needs no plural subject or modal to be a verb.
        let past_is_base = forms.clone().any(|f| f == base);
        let map = if particle.is_some() {
            &mut phrasal_speech_verbs
        } else {
            &mut speech_verbs
        };
        for form in std::iter::once(base).chain(forms) {
            map.insert(
                form,
                VerbForm {
                    gerund: form.ends_with("ing"),
                    base: form == base && !past_is_base,
                    particle,
                },
            );
        }
    }
    (speech_verbs, phrasal_speech_verbs)
}

impl Builtin {
    fn load() -> Builtin {
        let (speech_verbs, phrasal_speech_verbs) = speech_verbs();
        let mut honorifics = FxHashMap::default();
        let mut honorific_starts = FxHashMap::default();
        let mut honorific_max_words = 1;
        for line in entries(include_str!("lexicon/honorifics.txt")) {
            let Some((title, kind, gender)) = title_line(line) else {
                continue;
            };
            let words = title.split(' ').count();
            honorific_max_words = honorific_max_words.max(words);
            let most = honorific_starts
                .entry(title.split(' ').next().unwrap_or(title))
                .or_insert(0);
            *most = words.max(*most);
            honorifics.insert(title, Title { kind, gender });
        }
        let mut given_names = FxHashMap::default();
        for line in entries(include_str!("lexicon/given_names.txt")) {
            let (name, gender) = line.rsplit_once(' ').unwrap_or((line, "u"));
            given_names.insert(name.trim(), Gender::from_code(gender.trim()));
        }
        let mut role_nouns = FxHashSet::default();
        let mut singular_roles = FxHashSet::default();
        for line in entries(include_str!("lexicon/role_nouns.txt")) {
            add_singular_plural(&mut role_nouns, line);
            if let Some(singular) = line.split('|').next() {
                singular_roles.insert(singular.trim());
            }
        }
        let mut pronouns = FxHashMap::default();
        for line in entries(include_str!("lexicon/pronouns.txt")) {
            let mut fields: Vec<&'static str> = line.split_whitespace().collect();
            let gender = Gender::from_code(fields.pop().unwrap_or("-"));
            pronouns.extend(fields.into_iter().map(|form| (form, gender)));
        }
        let speech_verb_shapes = WordShapes::new(
            (speech_verbs.keys())
                .chain(phrasal_speech_verbs.keys())
                .copied(),
        );
        let organisation_nouns =
            singular_plural_set(include_str!("lexicon/organisation_nouns.txt"));
        Builtin {
            speech_verbs,
            phrasal_speech_verbs: ShapedMap::from(phrasal_speech_verbs),
            speech_verb_shapes,
            pronouns: ShapedMap::from(pronouns),
            relatives: gendered_words(include_str!("lexicon/relatives.txt")),
            gendered_nouns: gendered_words(include_str!("lexicon/gendered_nouns.txt")),
            source_phrases: PhraseList::new(
                entries(include_str!("lexicon/source_phrases.txt"))
                    .map(words_of)
                    .collect(),
            ),
            term_cues: entries(include_str!("lexicon/term_cues.txt"))
                .map(words_of)
                .collect(),
            honorifics: ShapedMap::from(honorifics),
            honorific_starts: ShapedMap::from(honorific_starts),
            honorific_max_words,
            given_names: ShapedMap::from(given_names),
            role_nouns: ShapedSet::from(role_nouns),
            singular_roles: ShapedSet::from(singular_roles),
            organisation_nouns,
            time_nouns: singular_plural_set(include_str!("lexicon/time_nouns.txt")),
            person_nouns: singular_plural_set(include_str!("lexicon/person_nouns.txt")),
            abbreviations: entries(include_str!("lexicon/abbreviations.txt")).collect(),
            not_names: entries(include_str!("lexicon/not_names.txt"))
                .chain(entries(include_str!("lexicon/demonyms.txt")))
                .collect(),
            demonyms: entries(include_str!("lexicon/demonyms.txt")).collect(),
            function_words: entries(include_str!("lexicon/function_words.txt")).collect(),
            irregular_pasts: entries(include_str!("lexicon/irregular_pasts.txt")).collect(),
            roles_bodies_share: entries(include_str!("lexicon/roles_bodies_share.txt")).collect(),
            speech_nouns: entries(include_str!("lexicon/speech_nouns.txt")).collect(),
            role_modifiers: entries(include_str!("lexicon/role_modifiers.txt")).collect(),
            transcript_file_words: entries(include_str!("lexicon/transcript_file_words.txt"))
                .collect(),
            anonymous_nouns: entries(include_str!("lexicon/anonymous_nouns.txt")).collect(),
            claim_words: entries(include_str!("lexicon/claim_words.txt")).collect(),
        }
    }
}

/// The built-in words, parsed on first use and shared by every analysis.
static BUILTIN: LazyLock<Builtin> = LazyLock::new(Builtin::load);

/// The words an analysis reads a draft by: the built-in lists and, when a
/// project has a `copydesk.toml` with words of its own, those. Cheap to
/// clone (the project's words are shared).
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    extra: Option<Arc<LexiconExtra>>,
}

impl Lexicon {
    /// The built-in words only.
    pub fn builtin() -> Lexicon {
        Lexicon::default()
    }

    /// The built-in words and a project's own; an empty set of extra words
    /// is the built-in lexicon.
    pub fn with_extra(extra: Arc<LexiconExtra>) -> Lexicon {
        Lexicon {
            extra: (!extra.is_empty()).then_some(extra),
        }
    }

    /// The project's words, if any.
    pub fn extra_words(&self) -> Option<&LexiconExtra> {
        self.extra.as_deref()
    }

    /// Looks something up in the project's words, if any.
    fn extra<R>(&self, f: impl FnOnce(&LexiconExtra) -> Option<R>) -> Option<R> {
        self.extra.as_deref().and_then(f)
    }

    /// Multi-word cues whose speaker follows them (`according to X`).
    pub fn source_phrases(&self) -> &'static PhraseList {
        &BUILTIN.source_phrases
    }

    /// Words before a quotation that make it a quoted term (`so-called`).
    pub fn term_cues(&self) -> &'static [Vec<&'static str>] {
        &BUILTIN.term_cues
    }

    /// The speech verb form of a lowercase word, if it is one.
    /// A verb that reports speech with a particle after it (`went` of
    /// `went on`); the form names the particle.
    pub fn phrasal_speech_verb(&self, lower: &str) -> Option<VerbForm> {
        BUILTIN.phrasal_speech_verbs.get(lower).copied()
    }

    /// False when `word` is no verb of speech, phrasal or not, built-in or
    /// the project's: most words are ruled out so without a lookup.
    pub fn may_be_speech_verb(&self, word: &str) -> bool {
        BUILTIN.speech_verb_shapes.may_contain(word)
            || self
                .extra
                .as_deref()
                .is_some_and(|x| !x.speech_verbs.is_empty())
    }

    pub fn speech_verb(&self, lower: &str) -> Option<VerbForm> {
        match BUILTIN.speech_verb_shapes.get(&BUILTIN.speech_verbs, lower) {
            Some(form) => Some(*form),
            None => self.extra(|x| x.speech_verbs.get(lower).copied()),
        }
    }

    /// The gender a courtesy title implies; `title` as written, without a
    /// trailing period.
    pub fn honorific(&self, title: &str) -> Option<Gender> {
        self.title(title).map(|t| t.gender)
    }

    /// A title's kind and gender; `title` as written, without a trailing
    /// period.
    pub fn title(&self, title: &str) -> Option<Title> {
        match BUILTIN.honorifics.get(title) {
            Some(t) => Some(*t),
            None => self.extra(|x| x.honorifics.get(title).copied()),
        }
    }

    /// Whether a title (as written, without its period) is a courtesy
    /// title, of any kind but an office: with a surname it is the person's
    /// `title` form.
    pub fn is_courtesy_title(&self, title: &str) -> bool {
        self.title(title).is_some_and(|t| t.kind.is_courtesy())
    }

    /// Whether a title (as written, without its period) is of `kind`.
    pub fn is_title_of_kind(&self, title: &str, kind: TitleKind) -> bool {
        self.title(title).is_some_and(|t| t.kind == kind)
    }

    /// Whether a courtesy title or office can begin with `word` (as written):
    /// most capitalised words are not titles, and this answers without
    /// building the longer phrases that multi-word titles need.
    pub fn starts_honorific(&self, word: &str) -> bool {
        self.honorific_words_from(word) > 0
    }

    /// The most words a courtesy title or office opening on `word` (as
    /// written) has, extra titles included; 0 when none opens on it. A
    /// title is read word by word no further than this.
    pub fn honorific_words_from(&self, word: &str) -> usize {
        let builtin = BUILTIN.honorific_starts.get(word).copied().unwrap_or(0);
        let extra =
            self.extra(|x| (x.honorific_starts.contains(word)).then_some(x.honorific_max_words));
        builtin.max(extra.unwrap_or(0))
    }

    /// The longest courtesy title, in words (extra titles included).
    pub fn honorific_max_words(&self) -> usize {
        BUILTIN
            .honorific_max_words
            .max(self.extra(|x| Some(x.honorific_max_words)).unwrap_or(0))
    }

    pub fn given_name(&self, name: &str) -> Option<Gender> {
        match BUILTIN.given_names.get(name) {
            Some(gender) => Some(*gender),
            None => self.extra(|x| x.given_names.get(name).copied()),
        }
    }

    /// The canonical name of the person the people register gives `role`
    /// (compared as [`role_key`] does); none when it gives the
    /// role to nobody or to two people.
    pub fn registered_with_role(&self, role: &str) -> Option<String> {
        let key = role_key(role);
        self.extra(|x| {
            let mut holders = x
                .people
                .iter()
                .filter(|p| p.roles.iter().any(|r| role_key(r) == key));
            let first = holders.next()?;
            holders.next().is_none().then(|| first.name.clone())
        })
    }

    pub fn is_role_noun(&self, lower: &str) -> bool {
        BUILTIN.role_nouns.contains(lower)
    }

    /// Lowercase words that can modify a role before a name (`former`).
    pub fn is_role_modifier(&self, lower: &str) -> bool {
        BUILTIN.role_modifiers.contains(lower)
    }

    /// A role that describes one person (`leader`, not `leaders`).
    pub fn is_singular_role(&self, lower: &str) -> bool {
        BUILTIN.singular_roles.contains(lower)
    }

    pub fn is_organisation_noun(&self, lower: &str) -> bool {
        BUILTIN.organisation_nouns.contains(lower)
    }

    /// [`Lexicon::is_organisation_noun`] of a word as written (`Council`),
    /// lowercased only when it has the shape of one: an ASCII word's shape
    /// is its lowercase's, and most names' is no organisation noun's.
    pub fn is_organisation_noun_as_written(&self, word: &str) -> bool {
        if word.is_ascii() && !BUILTIN.organisation_nouns.may_contain(word) {
            return false;
        }
        self.is_organisation_noun(&word.lowercase())
    }

    /// A noun for people that is no role (`man`, `people`), lowercase.
    pub fn is_person_noun(&self, lower: &str) -> bool {
        BUILTIN.person_nouns.contains(lower)
    }

    /// A noun of time (`hour`, `Tuesday`, `weekend`), lowercase.
    pub fn is_time_noun(&self, lower: &str) -> bool {
        BUILTIN.time_nouns.contains(lower)
    }

    /// Whether `word` (as written, without its period) is an abbreviation
    /// that does not end a sentence.
    pub fn is_abbreviation(&self, word: &str) -> bool {
        BUILTIN.abbreviations.contains(word)
    }

    /// Nouns for something said (`description`, `warning`), which attribute a
    /// quote to their owner: `Ms Lane's description of him as “…”`.
    pub fn is_speech_noun(&self, lower: &str) -> bool {
        BUILTIN.speech_nouns.contains(lower)
    }

    /// The gender a subject pronoun (as written: `he`, `She`) implies;
    /// `Unknown` for one that names no single man or woman (`they`, `I`);
    /// none for a word that is not a subject pronoun.
    pub fn pronoun(&self, word: &str) -> Option<Gender> {
        BUILTIN.pronouns.get(word).copied()
    }

    /// The gender a word for a relative or partner (lowercase: `husband`,
    /// `wife`, `couple`) implies; none for any other word.
    pub fn relative(&self, word: &str) -> Option<Gender> {
        BUILTIN.relatives.get(word).copied()
    }

    /// The gender a noun for one person says (lowercase: `spokeswoman`,
    /// `chairman`, `wife`); none for a noun that says neither.
    pub fn noun_gender(&self, lower: &str) -> Option<Gender> {
        let gender = BUILTIN.gendered_nouns.get(lower).copied();
        // relatives.txt keeps plurals too (`sons`): a group is no one person.
        let relative = || self.relative(lower).filter(|_| !lower.ends_with('s'));
        gender.or_else(relative).filter(|g| g.is_binary())
    }

    /// Capitalised words that never name a person (`However`, `Monday`).
    pub fn is_not_name(&self, word: &str) -> bool {
        BUILTIN.not_names.contains(word)
    }

    /// A nationality (`Cuban`, `French`), as written: not a name alone, but
    /// some people's surname.
    pub fn is_demonym(&self, word: &str) -> bool {
        BUILTIN.demonyms.contains(word)
    }

    /// A past tense not ending in -ed (`went`, `grew`), as written.
    pub fn is_irregular_past(&self, word: &str) -> bool {
        BUILTIN.irregular_pasts.contains(word)
    }

    /// A role a company or a country holds as often as a person (`rival`,
    /// `member`), lowercase.
    pub fn is_role_bodies_share(&self, lower: &str) -> bool {
        BUILTIN.roles_bodies_share.contains(lower)
    }

    /// A word of grammar rather than meaning (`the`, `will`, `to`),
    /// lowercase.
    pub fn is_function_word(&self, lower: &str) -> bool {
        BUILTIN.function_words.contains(lower)
    }

    /// A word that changes what a claim says (`must`, `might`, `only`),
    /// lowercase.
    pub fn is_claim_word(&self, lower: &str) -> bool {
        BUILTIN.claim_words.contains(lower)
    }

    /// A noun for someone a story quotes without a name or a job
    /// (`resident`, `source`), lowercase.
    pub fn is_anonymous_noun(&self, lower: &str) -> bool {
        BUILTIN.anonymous_nouns.contains(lower)
    }

    /// A word of a transcript's file name that never names its speaker
    /// (`may`, `interview`, `meeting`), lowercase.
    pub fn is_transcript_file_word(&self, lower: &str) -> bool {
        BUILTIN.transcript_file_words.contains(lower)
    }
}

/// Words a project adds to the built-in lexicon, from its `copydesk.toml`.
///
/// Built once per configuration file and shared (`Arc`) by every analysis
/// that uses it. Built-in entries win: an extra word that is already in the
/// lexicon changes nothing.
#[derive(Debug, Clone, Default)]
pub struct LexiconExtra {
    speech_verbs: FxHashMap<String, VerbForm>,
    honorifics: FxHashMap<String, Title>,
    /// The first word of each title in `honorifics`.
    honorific_starts: FxHashSet<String>,
    honorific_max_words: usize,
    /// Given names of the people in the register, with their gender.
    given_names: FxHashMap<String, Gender>,
    /// The people register: known people, their roles and pronouns.
    pub people: Vec<RegisteredPerson>,
}

impl LexiconExtra {
    /// Adds a verb of speech: either every form, space-separated like the
    /// data file (`say says said saying`, base first), or the base form
    /// alone, to which the regular `-s`, `-ed` and `-ing` forms are added
    /// (`harrumph` → `harrumphs harrumphed harrumphing`).
    pub fn add_speech_verb(&mut self, entry: &str) {
        let lower = entry.to_lowercase();
        let mut forms: Vec<String> = lower.split_whitespace().map(str::to_owned).collect();
        let Some(base) = forms.first().cloned() else {
            return;
        };
        if forms.len() == 1 {
            forms.extend(regular_forms(&base));
        }
        for form in forms {
            let verb = VerbForm {
                gerund: form.ends_with("ing"),
                base: form == base,
                particle: None,
            };
            self.speech_verbs.entry(form).or_insert(verb);
        }
    }

    /// Adds a title placed before a name (`Cllr`, `Chief Constable`), as
    /// written, without a trailing period: an office unless `kind` says it
    /// is a courtesy title, a knight's or a peer's.
    pub fn add_title(&mut self, title: &str, kind: TitleKind, gender: Gender) {
        let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
        if title.is_empty() {
            return;
        }
        self.honorific_max_words = self.honorific_max_words.max(title.split(' ').count());
        if let Some(first) = title.split(' ').next() {
            self.honorific_starts.insert(first.to_owned());
        }
        self.honorifics.insert(title, Title { kind, gender });
    }

    /// Adds a person to the register; their given name becomes a known one
    /// (with the gender of their pronoun) so the story's mentions of them are
    /// recognised as a person's.
    pub fn add_person(&mut self, person: RegisteredPerson) {
        let words: Vec<&str> = person.name.split_whitespace().collect();
        if words.len() > 1 {
            self.given_names
                .entry(words[0].to_owned())
                // A given name says man or woman at most: the register's
                // `they` is this one person's, not the name's.
                .or_insert(
                    person
                        .gender
                        .filter(|g| g.is_binary())
                        .unwrap_or(Gender::Unknown),
                );
        }
        self.people.push(person);
    }

    /// Whether it adds nothing.
    pub fn is_empty(&self) -> bool {
        self.speech_verbs.is_empty() && self.honorifics.is_empty() && self.people.is_empty()
    }
}

/// `-s`, `-ed`, `-ing` forms of a regular verb: `opine` → `opines opined
/// opining`, `cry` → `cries cried crying`, `hiss` → `hisses hissed hissing`.
fn regular_forms(base: &str) -> Vec<String> {
    let consonant_y = base.len() > 1
        && base.ends_with('y')
        && !base[..base.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u']);
    if consonant_y {
        let stem = &base[..base.len() - 1];
        return vec![
            format!("{stem}ies"),
            format!("{stem}ied"),
            format!("{base}ing"),
        ];
    }
    if base.len() > 2 && base.ends_with('e') && !base.ends_with("ee") {
        let stem = &base[..base.len() - 1];
        return vec![format!("{base}s"), format!("{base}d"), format!("{stem}ing")];
    }
    let sibilant = ["s", "sh", "ch", "x", "z"]
        .iter()
        .any(|e| base.ends_with(e));
    let s = if sibilant { "es" } else { "s" };
    vec![
        format!("{base}{s}"),
        format!("{base}ed"),
        format!("{base}ing"),
    ]
}
