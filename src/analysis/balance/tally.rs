//! A count of sources that adds up: one story's, a desk's, a month's.
//! Every field is a whole number, so partial counts made anywhere (another
//! process, another machine) add into the same totals; shares are worked
//! out from them at the end.

use super::super::gender::Gender;
use super::kind::SourceKind;
use super::source::Balance;

/// Sources, their kinds and genders, and the quoted words, counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Tally {
    pub stories: usize,
    /// Distinct sources, each counted once per story.
    pub sources: usize,
    /// Sources by kind.
    pub people: usize,
    pub roles: usize,
    pub organisations: usize,
    pub anonymous: usize,
    /// Named people by gender.
    pub women: usize,
    pub men: usize,
    pub nonbinary: usize,
    pub unknown: usize,
    /// Quotes and quoted words given to a source.
    pub quotes: usize,
    pub words: usize,
    /// Quoted words by the gender of the individual (named or not) who said
    /// them; organisations' words apart.
    pub women_words: usize,
    pub men_words: usize,
    pub nonbinary_words: usize,
    pub unknown_words: usize,
    pub organisation_words: usize,
    /// Reported quotes in the body nobody is named for, and their words.
    pub unattributed_quotes: usize,
    pub unattributed_words: usize,
}

impl Tally {
    /// One story's count.
    pub fn of(balance: &Balance) -> Tally {
        let mut tally = Tally {
            stories: 1,
            unattributed_quotes: balance.unattributed_quotes,
            unattributed_words: balance.unattributed_words,
            ..Tally::default()
        };
        for source in &balance.sources {
            tally.sources += 1;
            tally.quotes += source.quotes.len();
            tally.words += source.words;
            *match source.kind {
                SourceKind::Person => &mut tally.people,
                SourceKind::Role => &mut tally.roles,
                SourceKind::Organisation => &mut tally.organisations,
                SourceKind::Anonymous => &mut tally.anonymous,
            } += 1;
            let gender = source.gender.gender;
            if source.kind == SourceKind::Person {
                *tally.people_of(gender) += 1;
            }
            *match source.kind {
                SourceKind::Organisation => &mut tally.organisation_words,
                _ => tally.words_of(gender),
            } += source.words;
        }
        tally
    }

    fn people_of(&mut self, gender: Gender) -> &mut usize {
        match gender {
            Gender::Female => &mut self.women,
            Gender::Male => &mut self.men,
            Gender::Nonbinary => &mut self.nonbinary,
            Gender::Unknown => &mut self.unknown,
        }
    }

    fn words_of(&mut self, gender: Gender) -> &mut usize {
        match gender {
            Gender::Female => &mut self.women_words,
            Gender::Male => &mut self.men_words,
            Gender::Nonbinary => &mut self.nonbinary_words,
            Gender::Unknown => &mut self.unknown_words,
        }
    }

    /// Adds another count to this one.
    pub fn add(&mut self, other: &Tally) {
        let Tally {
            stories,
            sources,
            people,
            roles,
            organisations,
            anonymous,
            women,
            men,
            nonbinary,
            unknown,
            quotes,
            words,
            women_words,
            men_words,
            nonbinary_words,
            unknown_words,
            organisation_words,
            unattributed_quotes,
            unattributed_words,
        } = *other;
        self.stories += stories;
        self.sources += sources;
        self.people += people;
        self.roles += roles;
        self.organisations += organisations;
        self.anonymous += anonymous;
        self.women += women;
        self.men += men;
        self.nonbinary += nonbinary;
        self.unknown += unknown;
        self.quotes += quotes;
        self.words += words;
        self.women_words += women_words;
        self.men_words += men_words;
        self.nonbinary_words += nonbinary_words;
        self.unknown_words += unknown_words;
        self.organisation_words += organisation_words;
        self.unattributed_quotes += unattributed_quotes;
        self.unattributed_words += unattributed_words;
    }

    /// Words quoted from individuals (named or not), not organisations.
    pub fn individual_words(&self) -> usize {
        self.women_words + self.men_words + self.nonbinary_words + self.unknown_words
    }

    /// Women's share of the words quoted from individuals, 0 to 1; none
    /// when no individual is quoted.
    pub fn women_share_of_words(&self) -> Option<f64> {
        share(self.women_words, self.individual_words())
    }

    /// The share of named people who are women, men, nonbinary and of
    /// unknown gender, 0 to 1 each; none when nobody named is quoted.
    pub fn people_shares(&self) -> Option<[f64; 4]> {
        let whole = self.people;
        Some([
            share(self.women, whole)?,
            share(self.men, whole)?,
            share(self.nonbinary, whole)?,
            share(self.unknown, whole)?,
        ])
    }
}

/// `part` of `whole`, 0 to 1; none of nothing.
pub fn share(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}
