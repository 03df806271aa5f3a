//! Navigating between the mentions of one person: who is at the cursor, where
//! they are introduced, every place the story names them, and renaming them.
//!
//! Mentions come from the people model, which only looks outside quotations:
//! the words inside quotation marks are the speaker's, so references never
//! list them and a rename never edits them. Everything here is in byte
//! ranges of the analysed text.

use std::ops::Range;

use crate::analysis::Analysis;
use crate::analysis::{Mention, MentionForm, Person};

/// The index (into `analysis.people.mentions`) of the mention at `offset`.
///
/// An offset touching a mention's end counts, as editors put the cursor
/// after the word; when one mention ends where the next begins, the one
/// that starts there wins.
pub fn mention_at(analysis: &Analysis, offset: usize) -> Option<usize> {
    let mentions = &analysis.people.mentions;
    let i = mentions.partition_point(|m| m.range.end < offset);
    let touches = |i: usize| mentions.get(i).is_some_and(|m| m.range.start <= offset);
    match (touches(i), touches(i + 1)) {
        (_, true) => Some(i + 1),
        (true, false) => Some(i),
        (false, false) => None,
    }
}

/// The person whose mention contains `offset`.
pub fn person_at(analysis: &Analysis, offset: usize) -> Option<usize> {
    mention_at(analysis, offset).map(|m| analysis.people.mentions[m].person)
}

/// Where a person is introduced: their first full-name (or office and name)
/// mention in the body, else their first mention of any kind.
pub fn definition_of(analysis: &Analysis, person: usize) -> Option<usize> {
    let ids = &analysis.people.persons.get(person)?.mentions;
    ids.iter()
        .copied()
        .find(|&m| {
            let m = &analysis.people.mentions[m];
            !m.display && matches!(m.form, MentionForm::Full | MentionForm::Role)
        })
        .or_else(|| ids.first().copied())
}

/// The definition of the person at `offset`: the range of the introducing
/// mention (title or office included).
pub fn definition(analysis: &Analysis, offset: usize) -> Option<Range<usize>> {
    let person = person_at(analysis, offset)?;
    let m = definition_of(analysis, person)?;
    Some(analysis.people.mentions[m].range.clone())
}

/// One place the story names a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The whole mention, title included, possessive `’s` excluded.
    pub range: Range<usize>,
    /// Index into `analysis.people.mentions`.
    pub mention: usize,
    /// Whether this is where the person is introduced.
    pub definition: bool,
}

/// Every mention of the person at `offset`, in text order; without the
/// introducing one unless `include_definition`.
pub fn references(
    analysis: &Analysis,
    offset: usize,
    include_definition: bool,
) -> Option<Vec<Reference>> {
    let person = person_at(analysis, offset)?;
    let definition = definition_of(analysis, person);
    let refs = analysis.people.persons[person]
        .mentions
        .iter()
        .map(|&m| Reference {
            range: analysis.people.mentions[m].range.clone(),
            mention: m,
            definition: Some(m) == definition,
        })
        .filter(|r| include_definition || !r.definition)
        .collect();
    Some(refs)
}

/// Which part of a name a rename changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamePart {
    /// `Wallace` in `Ben Wallace`, `Mr Wallace`, `Wallace’s`.
    Surname,
    /// `Ben` in `Ben Wallace` and `Ben` alone.
    Given,
}

/// What a rename at the cursor would change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenameTarget {
    pub person: usize,
    pub part: NamePart,
    /// The word under the cursor (or the surname of the mention when the
    /// cursor is on its title).
    pub range: Range<usize>,
    /// That word as written.
    pub placeholder: String,
}

/// One replacement of a rename.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub insert: String,
}

/// Why a rename cannot be done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenameError {
    /// No person's name at the cursor.
    NoPerson,
    /// The new name is empty, blank or runs over lines.
    InvalidName(String),
}

impl std::fmt::Display for RenameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenameError::NoPerson => {
                f.write_str("there is no person's name at the cursor to rename")
            }
            RenameError::InvalidName(why) => f.write_str(why),
        }
    }
}

/// The words of a mention's name (title excluded), as byte ranges.
fn name_words(prose: &str, m: &Mention) -> Vec<Range<usize>> {
    let name = &prose[m.name_range.clone()];
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in name.char_indices().chain([(name.len(), ' ')]) {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                words.push(m.name_range.start + s..m.name_range.start + i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    words
}

/// Where a mention spells the person's surname and given name.
fn name_parts(
    prose: &str,
    person: &Person,
    m: &Mention,
) -> (Option<Range<usize>>, Option<Range<usize>>) {
    let words = name_words(prose, m);
    let word = |r: &Range<usize>| crate::analysis::strip_possessive(&prose[r.clone()]);
    // Someone known only by one name (`Kevin`): that name is all there is.
    let single_name = person.given.is_none();
    let surname = if m.form == MentionForm::Given && !single_name {
        None
    } else {
        words
            .iter()
            .rev()
            .find(|r| word(r) == person.surname)
            .or_else(|| m.misspelt.then(|| words.last()).flatten())
            .cloned()
    };
    let given = person.given.as_ref().and_then(|g| {
        words
            .iter()
            .find(|r| word(r) == g && Some(*r) != surname.as_ref())
            .cloned()
    });
    (surname, given)
}

/// The part of the name a rename at `offset` changes, and its range there.
pub fn prepare_rename(analysis: &Analysis, offset: usize) -> Result<RenameTarget, RenameError> {
    let mi = mention_at(analysis, offset).ok_or(RenameError::NoPerson)?;
    let m = &analysis.people.mentions[mi];
    let person = &analysis.people.persons[m.person];
    let prose = &analysis.document.prose;
    let (surname, given) = name_parts(prose, person, m);
    let on = |r: &Option<Range<usize>>| {
        r.as_ref()
            .is_some_and(|r| r.start <= offset && offset <= r.end)
    };
    let (part, range) = if on(&given) && !on(&surname) {
        (NamePart::Given, given)
    } else if surname.is_some() {
        (NamePart::Surname, surname)
    } else {
        (NamePart::Given, given)
    };
    let range = range.ok_or(RenameError::NoPerson)?;
    Ok(RenameTarget {
        person: m.person,
        part,
        placeholder: prose[range.clone()].to_owned(),
        range,
    })
}

/// Checks a new name: not empty, not blank, on one line. Returns it trimmed.
pub fn validate_name(new_name: &str) -> Result<&str, RenameError> {
    if new_name.contains(['\n', '\r']) {
        return Err(RenameError::InvalidName(
            "a name cannot run over more than one line".to_owned(),
        ));
    }
    let name = new_name.trim();
    if name.is_empty() {
        return Err(RenameError::InvalidName(
            "the new name is empty: type the name to use instead".to_owned(),
        ));
    }
    Ok(name)
}

/// Renames the person at `offset`: the surname (or the given name, when the
/// cursor is on it) in every mention of that person, whatever its form
/// (`Ben Wallace`, `Mr Wallace`, `Wallace’s` keeps its `’s`). Other people
/// with the same surname are left alone. Edits are sorted and disjoint.
pub fn rename(
    analysis: &Analysis,
    offset: usize,
    new_name: &str,
) -> Result<Vec<Edit>, RenameError> {
    let name = validate_name(new_name)?;
    let target = prepare_rename(analysis, offset)?;
    let prose = &analysis.document.prose;
    let person = &analysis.people.persons[target.person];
    let mut edits: Vec<Edit> = person
        .mentions
        .iter()
        .filter_map(|&mi| {
            let (surname, given) = name_parts(prose, person, &analysis.people.mentions[mi]);
            match target.part {
                NamePart::Surname => surname,
                NamePart::Given => given,
            }
        })
        .map(|range| Edit {
            range,
            insert: name.to_owned(),
        })
        .collect();
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    edits.dedup_by(|b, a| b.range.start < a.range.end);
    Ok(edits)
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use super::*;
    use crate::analysis::{analyze, Options};

    /// Marks each range in the text with `[...]`.
    fn mark(text: &str, ranges: &[Range<usize>]) -> String {
        let mut out = String::new();
        let mut at = 0;
        for r in ranges {
            out.push_str(&text[at..r.start]);
            out.push('[');
            out.push_str(&text[r.clone()]);
            out.push(']');
            at = r.end;
        }
        out.push_str(&text[at..]);
        out
    }

    /// The offset of the `n`th (0-based) occurrence of `needle`, plus `k`.
    fn at(text: &str, needle: &str, n: usize, k: usize) -> usize {
        text.match_indices(needle).nth(n).expect("needle").0 + k
    }

    fn apply(text: &str, edits: &[Edit]) -> String {
        for pair in edits.windows(2) {
            assert!(
                pair[0].range.end <= pair[1].range.start,
                "overlap: {pair:?}"
            );
        }
        let mut out = text.to_owned();
        for e in edits.iter().rev() {
            out.replace_range(e.range.clone(), &e.insert);
        }
        out
    }

    fn check_refs(text: &str, offset: usize, include: bool, expect: Expect) {
        let a = analyze(text, &Options::default());
        let refs = references(&a, offset, include).unwrap_or_default();
        let ranges: Vec<_> = refs.iter().map(|r| r.range.clone()).collect();
        let defs = refs.iter().filter(|r| r.definition).count();
        expect.assert_eq(&format!("{}\ndefinitions: {defs}", mark(text, &ranges)));
    }

    fn check_rename(text: &str, offset: usize, new_name: &str, expect: Expect) {
        let a = analyze(text, &Options::default());
        let target = prepare_rename(&a, offset).expect("renameable");
        let edits = rename(&a, offset, new_name).expect("rename");
        let ranges: Vec<_> = edits.iter().map(|e| e.range.clone()).collect();
        expect.assert_eq(&format!(
            "{:?} {:?} {:?}\n{}{}",
            target.part,
            target.range,
            target.placeholder,
            mark(text, &ranges),
            apply(text, &edits)
        ));
    }

    const WALLACE: &str = "Wallace warns Moscow\n\
        \n\
        The defence secretary, Ben Wallace, said on Monday that talks had failed.\n\
        \n\
        Mr Wallace told MPs: “I met Mr Wallace’s critics.” Wallace’s aides agreed.\n\
        \n\
        Ben said he was tired, Mr Wallace added.\n";

    #[test]
    fn person_at_finds_the_mention_under_the_cursor() {
        let a = analyze(WALLACE, &Options::default());
        let mr = at(WALLACE, "Mr Wallace told", 0, 0);
        assert_eq!(
            person_at(&a, mr),
            person_at(&a, at(WALLACE, "Ben Wallace", 0, 0))
        );
        // the end of the word still counts; the space before it does not
        assert!(person_at(&a, mr + "Mr Wallace".len()).is_some());
        assert_eq!(person_at(&a, mr - 1), None);
        // inside the quotation: the speaker's words, not a mention
        assert_eq!(
            person_at(&a, at(WALLACE, "Mr Wallace’s critics", 0, 4)),
            None
        );
        assert_eq!(person_at(&a, at(WALLACE, "talks", 0, 1)), None);
    }

    #[test]
    fn definition_is_the_first_full_name_in_the_body() {
        let a = analyze(WALLACE, &Options::default());
        // from the headline's bare surname and from a later `Mr Wallace`
        for offset in [2, at(WALLACE, "Mr Wallace added", 0, 5)] {
            let def = definition(&a, offset).expect("definition");
            assert_eq!(&WALLACE[def.clone()], "Ben Wallace");
            assert_eq!(def.start, at(WALLACE, "Ben Wallace", 0, 0));
        }
        assert_eq!(definition(&a, at(WALLACE, "talks", 0, 0)), None);
    }

    #[test]
    fn references_list_every_mention_outside_quotes() {
        check_refs(
            WALLACE,
            at(WALLACE, "Wallace’s aides", 0, 3),
            true,
            expect![[r#"
                [Wallace] warns Moscow

                The defence secretary, [Ben Wallace], said on Monday that talks had failed.

                [Mr Wallace] told MPs: “I met Mr Wallace’s critics.” [Wallace]’s aides agreed.

                [Ben] said he was tired, [Mr Wallace] added.

                definitions: 1"#]],
        );
        check_refs(
            WALLACE,
            at(WALLACE, "Ben said", 0, 1),
            false,
            expect![[r#"
                [Wallace] warns Moscow

                The defence secretary, Ben Wallace, said on Monday that talks had failed.

                [Mr Wallace] told MPs: “I met Mr Wallace’s critics.” [Wallace]’s aides agreed.

                [Ben] said he was tired, [Mr Wallace] added.

                definitions: 0"#]],
        );
    }

    const MILIBANDS: &str = "Brothers at odds\n\
        \n\
        Ed Miliband and David Miliband spoke on Monday.\n\
        \n\
        Ed Miliband said the party had moved on. David Miliband disagreed, and Ed Miliband left.\n";

    #[test]
    fn namesakes_are_kept_apart() {
        let david = at(MILIBANDS, "David Miliband", 1, 8);
        check_refs(
            MILIBANDS,
            david,
            true,
            expect![[r#"
                Brothers at odds

                Ed Miliband and [David Miliband] spoke on Monday.

                Ed Miliband said the party had moved on. [David Miliband] disagreed, and Ed Miliband left.

                definitions: 1"#]],
        );
        check_rename(
            MILIBANDS,
            at(MILIBANDS, "Ed Miliband", 0, 4),
            "Milliband",
            expect![[r#"
                Surname 21..29 "Miliband"
                Brothers at odds

                Ed [Miliband] and David Miliband spoke on Monday.

                Ed [Miliband] said the party had moved on. David Miliband disagreed, and Ed [Miliband] left.
                Brothers at odds

                Ed Milliband and David Miliband spoke on Monday.

                Ed Milliband said the party had moved on. David Miliband disagreed, and Ed Milliband left.
            "#]],
        );
    }

    #[test]
    fn rename_surname_in_every_form_keeping_the_possessive() {
        check_rename(
            WALLACE,
            at(WALLACE, "Mr Wallace told", 0, 1),
            "Wallis",
            expect![[r#"
                Surname 100..107 "Wallace"
                [Wallace] warns Moscow

                The defence secretary, Ben [Wallace], said on Monday that talks had failed.

                Mr [Wallace] told MPs: “I met Mr Wallace’s critics.” [Wallace]’s aides agreed.

                Ben said he was tired, Mr [Wallace] added.
                Wallis warns Moscow

                The defence secretary, Ben Wallis, said on Monday that talks had failed.

                Mr Wallis told MPs: “I met Mr Wallace’s critics.” Wallis’s aides agreed.

                Ben said he was tired, Mr Wallis added.
            "#]],
        );
    }

    #[test]
    fn rename_given_name_from_either_form() {
        let expected = expect![[r#"
            Given 45..48 "Ben"
            Wallace warns Moscow

            The defence secretary, [Ben] Wallace, said on Monday that talks had failed.

            Mr Wallace told MPs: “I met Mr Wallace’s critics.” Wallace’s aides agreed.

            [Ben] said he was tired, Mr Wallace added.
            Wallace warns Moscow

            The defence secretary, Benjamin Wallace, said on Monday that talks had failed.

            Mr Wallace told MPs: “I met Mr Wallace’s critics.” Wallace’s aides agreed.

            Benjamin said he was tired, Mr Wallace added.
        "#]];
        check_rename(
            WALLACE,
            at(WALLACE, "Ben Wallace", 0, 2),
            " Benjamin ",
            expected,
        );
        // from the given-name mention, the placeholder is that word
        let a = analyze(WALLACE, &Options::default());
        let target = prepare_rename(&a, at(WALLACE, "Ben said", 0, 0)).unwrap();
        assert_eq!(
            (target.part, target.placeholder.as_str()),
            (NamePart::Given, "Ben")
        );
    }

    #[test]
    fn adjacent_mentions_give_disjoint_edits() {
        // `Mr Lavrov’s` right after `Sergei Lavrov,`: edits touch nothing
        // between them, and the title and possessive stay.
        let text = "Talks\n\nSergei Lavrov, Mr Lavrov’s deputy and Lavrov met.\n";
        check_rename(
            text,
            at(text, "Lavrov met", 0, 0),
            "Lavrow",
            expect![[r#"
                Surname 47..53 "Lavrov"
                Talks

                Sergei [Lavrov], Mr [Lavrov]’s deputy and [Lavrov] met.
                Talks

                Sergei Lavrow, Mr Lavrow’s deputy and Lavrow met.
            "#]],
        );
    }

    #[test]
    fn bad_names_are_refused() {
        let a = analyze(WALLACE, &Options::default());
        let on = at(WALLACE, "Ben Wallace", 0, 5);
        for bad in ["", "   ", "Wal\nlis", "Wallis\r\n"] {
            let err = rename(&a, on, bad).unwrap_err();
            assert!(matches!(err, RenameError::InvalidName(_)), "{bad:?}: {err}");
        }
        assert_eq!(
            rename(&a, at(WALLACE, "talks", 0, 0), "Wallis"),
            Err(RenameError::NoPerson)
        );
    }
}
