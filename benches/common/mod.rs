//! A deterministic generator of realistic news drafts for the benchmarks.
//!
//! Everything comes from the templates and word lists in this file and a
//! seeded splitmix64 generator, so the same seed and size always give the
//! same text (no `rand` crate, no corpus on disk). The density matches the
//! issue: about one quotation and three name mentions every ~60 words, with
//! every attribution form the engine knows (`“…,” X said`, `said X`,
//! `X said: “…”`, partial quotes, multi-paragraph quotes, pronoun, role and
//! organisation speakers, `according to`, `told … that`, follow-on quotes),
//! people introduced by full name and referred to later by courtesy title
//! and surname, and a cast that keeps growing as the draft gets longer (a
//! 100,000-word draft has about 1,100 distinct full names).

#![allow(dead_code)] // each bench uses a different part of this module

/// The draft sizes the benchmarks run on.
#[derive(Debug, Clone, Copy)]
pub enum Size {
    /// About this many words.
    Words(usize),
    /// About this many bytes of UTF-8.
    Bytes(usize),
}

impl Size {
    pub fn label(self) -> String {
        match self {
            Size::Words(w) if w % 1000 == 0 => format!("{}k words", w / 1000),
            Size::Words(w) => format!("{w} words"),
            Size::Bytes(b) if b % 1_000_000 == 0 => format!("{} MB", b / 1_000_000),
            Size::Bytes(b) => format!("{b} bytes"),
        }
    }

    /// A label without spaces, for benchmark ids and file names.
    pub fn id(self) -> String {
        match self {
            Size::Words(w) if w % 1000 == 0 => format!("{}k_words", w / 1000),
            Size::Words(w) => format!("{w}_words"),
            Size::Bytes(b) if b % 1_000_000 == 0 => format!("{}MB", b / 1_000_000),
            Size::Bytes(b) => format!("{b}_bytes"),
        }
    }
}

/// The seed every benchmark uses.
pub const SEED: u64 = 0x00C0_FFEE_D35C;

/// splitmix64: small, fast, and good enough to pick templates.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const MEN: &[&str] = &[
    "Thomas", "James", "Daniel", "Peter", "Michael", "David", "Robert", "Owen", "Samuel", "Henry",
    "George", "Patrick", "Martin", "Simon", "Andrew", "Edward", "Richard", "Stephen", "Paul",
    "Anthony", "Gareth", "Neil", "Graham", "Kevin", "Brian", "Hugh", "Arthur", "Oliver", "Felix",
    "Tobias",
];

const WOMEN: &[&str] = &[
    "Helen",
    "Sarah",
    "Margaret",
    "Rachel",
    "Emma",
    "Laura",
    "Catherine",
    "Alice",
    "Ruth",
    "Joanna",
    "Fiona",
    "Claire",
    "Hannah",
    "Rebecca",
    "Susan",
    "Linda",
    "Karen",
    "Julia",
    "Miriam",
    "Eleanor",
    "Harriet",
    "Bethan",
    "Gwen",
    "Sophie",
    "Lucy",
    "Anna",
    "Nadia",
    "Imogen",
    "Rosa",
    "Vera",
];

/// Invented surnames (none is a common word).
const SURNAMES: &[&str] = &[
    "Achterwald",
    "Bellingrove",
    "Castellane",
    "Drummoy",
    "Elstree",
    "Farquay",
    "Gorringe",
    "Halberd",
    "Ingoldby",
    "Jessamine",
    "Kettleby",
    "Lorrimer",
    "Mabberley",
    "Netherton",
    "Oakhanger",
    "Pellowe",
    "Quarrendon",
    "Rattray",
    "Stanwick",
    "Trevelyan",
    "Umfreville",
    "Vosburgh",
    "Wellesby",
    "Yarwood",
    "Zennor",
    "Abernathy",
    "Blenkinsop",
    "Cardew",
    "Dunmore",
    "Esterhay",
    "Fennimore",
    "Glanville",
    "Hollingsby",
    "Ivinghoe",
    "Jardinel",
    "Kilbride",
    "Langridge",
    "Merrifield",
    "Nanscawen",
    "Ormerod",
    "Penhallow",
    "Quilliam",
    "Redfearn",
    "Scaife",
    "Tregarthen",
    "Upcott",
    "Venning",
    "Whitlock",
    "Yeldham",
    "Zouche",
    "Okonkwo",
    "Adeyemi",
    "Nakashima",
    "Lindqvist",
    "Moravec",
    "Szabados",
    "Papadakis",
    "Ferreira-Lund",
    "O'Halloran",
    "McCrindle",
];

const ROLES: &[&str] = &[
    "who chairs the residents' association",
    "a councillor for the harbour ward",
    "the chief executive of the hospital trust",
    "who leads the teachers' union in the county",
    "a senior engineer at the water company",
    "the head teacher of Millbrook Primary School",
    "who runs a bakery on the high street",
    "a professor of transport planning",
    "the owner of the ferry company",
    "a nurse at the district hospital",
];

const ROLE_SPEAKERS: &[&str] = &[
    "a spokeswoman for the council",
    "a spokesman for the ministry",
    "a spokesperson for the hospital trust",
    "the council leader",
    "the housing minister",
    "a senior police officer",
    "the chief constable",
    "a government source",
];

const ORGANISATIONS: &[&str] = &[
    "the council",
    "the water company",
    "the hospital trust",
    "the Department for Transport",
    "the harbour authority",
    "the union",
    "the housing association",
    "the ministry",
];

const PLACES: &[&str] = &[
    "Ardlow",
    "Kestlebury",
    "Marrowfield",
    "Pennock",
    "Stoneleigh Cross",
    "Wexham Vale",
    "Brindle",
    "Carrick Down",
];

const THINGS: &[&str] = &[
    "bridge",
    "harbour",
    "library",
    "bus route",
    "clinic",
    "school roof",
    "flood wall",
    "swimming pool",
    "ferry service",
    "market hall",
];

pub const DAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Full sentences a speaker might say (each ends in a full stop); the
/// placeholders are filled as in [`NARRATIVE`], `{N}` with a number, so
/// verbatim repeats are rare, as in real copy.
const SAYINGS: &[&str] = &[
    "We have waited {N} years for a straight answer about the {T} and we are still waiting.",
    "Nobody from the council has set foot in {P} since the flood.",
    "The money for the {T} was promised in 2019 and not a penny of it has arrived.",
    "I cannot ask taxpayers to pour {N} million pounds into a {T} nobody uses.",
    "This is a betrayal of every family who has lived in {P} for generations.",
    "We will publish the full survey of the {T} on {D} so people can judge for themselves.",
    "The repairs to the {T} are overdue, but closing it altogether is not the answer.",
    "My {N} members will not accept a plan that was drawn up behind closed doors.",
    "It is the busiest week we have had since the summer, and we are {N} staff short.",
    "There is no quick fix for the {T}, and anyone who says otherwise is not being honest.",
    "We learned about this from the same letter as everyone else, on {D} morning.",
    "If the ministry will not run the {T}, perhaps the people of {P} should.",
    "I have lived in {P} for {N} years and I have never seen anything like it.",
    "We asked for a meeting on {D} and nobody came.",
    "The {T} is the heart of {P}, and without it the town will die.",
    "We are not against change, we are against being ignored.",
];

/// Phrases quoted inside the reporter's own sentence.
const PARTIALS: &[&str] = &[
    "a betrayal",
    "long overdue",
    "beyond repair",
    "a proper plan for what comes next",
    "running at a loss",
    "shambolic",
    "the worst winter anyone can remember",
    "a hole in the middle of the town",
    "simply unaffordable",
    "a fantasy",
];

/// Reporter's narrative sentences; `{P}` is a place, `{T}` a thing, `{D}` a day.
const NARRATIVE: &[&str] = &[
    "The {T} in {P} has been closed since the storm in February, and traders say footfall has fallen by a third.",
    "Councillors met in emergency session on {D} night to discuss the future of the {T}.",
    "About 140 jobs are thought to be at risk, according to figures published by the county.",
    "The decision was set out in a letter sent to residents on {D} morning.",
    "Repairs to the {T} were first estimated at £38m, a figure that has since risen.",
    "A public meeting is planned at the community centre in {P} next month.",
    "The {T} was built in 1887 and has been listed since 1972.",
    "Campaigners have collected more than 4,000 signatures on a petition.",
    "Traffic on the ring road was diverted for most of {D} afternoon.",
    "The report, which runs to 212 pages, was published without a summary.",
];

const HEADLINE_NOUNS: &[&str] = &["closure", "repairs", "cuts", "plan", "delay", "inquiry"];

#[derive(Clone)]
struct Person {
    given: &'static str,
    surname: &'static str,
    title: &'static str,
    she: bool,
    introduced: bool,
}

impl Person {
    fn full(&self) -> String {
        format!("{} {}", self.given, self.surname)
    }

    fn later(&self) -> String {
        format!("{} {}", self.title, self.surname)
    }

    fn pronoun(&self) -> &'static str {
        if self.she {
            "she"
        } else {
            "he"
        }
    }
}

struct Writer {
    rng: Rng,
    out: String,
    words: usize,
    /// Everyone the draft has introduced or is about to.
    cast: Vec<Person>,
    /// Indices into `cast` of the people the current passage is about.
    active: Vec<usize>,
    next_name: usize,
}

impl Writer {
    fn push(&mut self, s: &str) {
        self.words += s.split_whitespace().count();
        self.out.push_str(s);
    }

    fn fill(&mut self, template: &str) -> String {
        let place = self.rng.pick(PLACES);
        let thing = self.rng.pick(THINGS);
        let day = self.rng.pick(DAYS);
        let number = (2 + self.rng.below(60)).to_string();
        template
            .replace("{P}", place)
            .replace("{T}", thing)
            .replace("{D}", day)
            .replace("{N}", &number)
    }

    fn narrative(&mut self) -> String {
        let t = self.rng.pick(NARRATIVE);
        self.fill(t)
    }

    /// A new person, made from the next unused given name and surname pair
    /// (the pairs are walked in a fixed shuffled order, so names never repeat
    /// until the lists run out).
    fn new_person(&mut self) -> usize {
        let n = self.next_name;
        self.next_name += 1;
        let surname = SURNAMES[(n * 7 + n / SURNAMES.len()) % SURNAMES.len()];
        let she = self.rng.chance(50);
        let given = if she {
            WOMEN[(n * 11 + n / WOMEN.len()) % WOMEN.len()]
        } else {
            MEN[(n * 13 + n / MEN.len()) % MEN.len()]
        };
        let title = if self.rng.chance(15) {
            "Dr"
        } else if she {
            "Ms"
        } else {
            "Mr"
        };
        self.cast.push(Person {
            given,
            surname,
            title,
            she,
            introduced: false,
        });
        self.cast.len() - 1
    }

    /// Someone to quote: usually a person already in the passage, sometimes
    /// a new one who replaces the longest-standing.
    fn someone(&mut self) -> usize {
        if self.active.len() < 4 || self.rng.chance(8) {
            let p = self.new_person();
            self.activate(p);
            p
        } else {
            let i = self.rng.below(self.active.len());
            self.active[i]
        }
    }

    /// Brings a person into the passage, retiring the longest-standing.
    fn activate(&mut self, p: usize) {
        if self.active.len() >= 6 {
            self.active.remove(0);
        }
        self.active.push(p);
    }

    /// How to name a person here: the full name (with a role) the first
    /// time, title and surname after that.
    fn name(&mut self, p: usize) -> String {
        if self.cast[p].introduced {
            self.cast[p].later()
        } else {
            self.cast[p].introduced = true;
            let role = self.rng.pick(ROLES);
            format!("{}, {role},", self.cast[p].full())
        }
    }

    /// A name with no role clause, for the middle of a sentence.
    fn bare_name(&mut self, p: usize) -> String {
        if self.cast[p].introduced {
            self.cast[p].later()
        } else {
            self.cast[p].introduced = true;
            self.cast[p].full()
        }
    }

    fn saying(&mut self) -> String {
        let s = self.rng.pick(SAYINGS);
        self.fill(s)
    }

    /// A saying without its full stop, to end with a comma inside the marks.
    fn saying_comma(&mut self) -> String {
        let s = self.saying();
        format!("{},", &s[..s.len() - 1])
    }

    fn headline(&mut self) {
        let p = self.new_person();
        self.active.push(p);
        let place = self.rng.pick(PLACES);
        let noun = self.rng.pick(HEADLINE_NOUNS);
        let partial = self.rng.pick(PARTIALS);
        let line = format!("{place} {noun} ‘{partial}’, says union\n\n");
        self.push(&line);
    }

    /// One paragraph of roughly 40–80 words with a quotation in it (or,
    /// for a multi-paragraph quotation, several paragraphs).
    fn paragraph(&mut self) {
        let a = self.someone();
        let mut b = self.someone();
        if b == a {
            b = self.new_person();
            self.activate(b);
        }
        let lead = self.narrative();
        let mut para = match self.rng.below(12) {
            0 => {
                // “…,” X said.
                let q = self.saying_comma();
                let n = self.bare_name(a);
                format!("{lead} “{q}” {n} said.")
            }
            1 => {
                // “…,” said X.
                let q = self.saying_comma();
                let n = self.bare_name(a);
                format!("“{q}” said {n}. {lead}")
            }
            2 => {
                // X said: “…”
                let n = self.name(a);
                let q1 = self.saying();
                let q2 = self.saying();
                format!("{n} said: “{q1} {q2}”")
            }
            3 => {
                // partial quote in the reporter's sentence
                let n = self.name(a);
                let thing = self.rng.pick(THINGS);
                let p = self.rng.pick(PARTIALS);
                format!("{n} said the {thing} was “{p}”. {lead}")
            }
            4 => {
                // multi-paragraph quotation
                let n = self.name(a);
                let q1 = self.saying();
                let q2 = self.saying();
                let q3 = self.saying();
                let q4 = self.saying();
                format!("{n} said: “{q1} {q2}\n\n“{q3}\n\n“{q4}”")
            }
            5 => {
                // pronoun speaker after a named sentence
                let n = self.bare_name(a);
                let q = self.saying_comma();
                let pr = self.cast[a].pronoun();
                format!("{n} arrived at the meeting late. “{q}” {pr} said.")
            }
            6 => {
                // role speaker
                let q = self.saying_comma();
                let role = self.rng.pick(ROLE_SPEAKERS);
                format!("“{q}” {role} said. {lead}")
            }
            7 => {
                // organisation speaker
                let q = self.saying_comma();
                let org = self.rng.pick(ORGANISATIONS);
                format!("{lead} “{q}” {org} said.")
            }
            8 => {
                // according to
                let n = self.bare_name(a);
                let thing = self.rng.pick(THINGS);
                let p = self.rng.pick(PARTIALS);
                format!("According to {n}, the {thing} is “{p}”.")
            }
            9 => {
                // told … that
                let n = self.bare_name(a);
                let thing = self.rng.pick(THINGS);
                let p = self.rng.pick(PARTIALS);
                format!("{n} told reporters that the {thing} was “{p}”.")
            }
            10 => {
                // follow-on quote
                let n = self.bare_name(a);
                let p = self.rng.pick(PARTIALS);
                let q = self.saying_comma();
                let pr = self.cast[a].pronoun();
                format!("{n} said it was “{p}”. “{q}” {pr} added.")
            }
            _ => {
                // a quote in straight marks, inverted, with a dash aside
                let q = self.saying_comma();
                let n = self.bare_name(a);
                format!("\"{q}\" said {n}.")
            }
        };
        // The other names in the paragraph: a narrative sentence that
        // mentions two people, so the paragraph carries about three names.
        let nb = self.bare_name(b);
        let mut c = self.someone();
        if c == a || c == b {
            c = self.new_person();
            self.activate(c);
        }
        let nc = self.bare_name(c);
        let day = self.rng.pick(DAYS);
        let place = self.rng.pick(PLACES);
        let tail = self.narrative();
        para.push_str(&format!(
            " {nb} and {nc} are expected to meet in {place} on {day}. {tail}\n\n"
        ));
        self.push(&para);
    }
}

/// A draft of about `size`, the same for the same seed.
pub fn draft(seed: u64, size: Size) -> String {
    let mut w = Writer {
        rng: Rng::new(seed),
        out: String::new(),
        words: 0,
        cast: Vec::new(),
        active: Vec::new(),
        next_name: 0,
    };
    w.headline();
    loop {
        let done = match size {
            Size::Words(n) => w.words >= n,
            Size::Bytes(n) => w.out.len() >= n,
        };
        if done {
            break;
        }
        w.paragraph();
    }
    w.out
}

/// Counts of what a draft holds, to check the density.
pub struct Stats {
    pub words: usize,
    pub bytes: usize,
    pub quotes: usize,
    pub paragraphs: usize,
}

pub fn stats(text: &str) -> Stats {
    Stats {
        words: text.split_whitespace().count(),
        bytes: text.len(),
        quotes: text.matches('“').count() + text.matches('"').count() / 2,
        paragraphs: text.split("\n\n").filter(|p| !p.trim().is_empty()).count(),
    }
}

/// Where criterion writes its results (the same rules criterion uses).
pub fn criterion_home() -> std::path::PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return std::path::PathBuf::from(home);
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        return std::path::PathBuf::from(target).join("criterion");
    }
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("criterion")
}
