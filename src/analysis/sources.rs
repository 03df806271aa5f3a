//! Each quotation held against the interview transcripts the caller passed
//! in ([`super::Options::transcripts`]): the passage it was found in, how
//! well it matches, and who the transcript says spoke it.
//!
//! A transcript's speaker labels are made into the story's people here: by
//! the configuration's `[transcripts.speakers]` (`"Speaker 1" = "Ben
//! Wallace"`), else by the label itself when it is a person's name or
//! surname in the story. Segments without a label belong to the person
//! whose surname the file is named by (`wallace-interview.vtt`), if any.

use std::ops::Range;
use std::sync::Arc;

use crate::transcript::align::{align, read_quote, Alignment, Difference, Fit};

pub use super::quote_source::{Passage, QuoteSource, Sources, Voice};
use crate::transcript::{Transcript, Transcripts};

use super::model::Analysis;
use super::names::strip_possessive;

/// Holds every body quotation of `analysis` against `transcripts`.
pub fn find(analysis: &Analysis, transcripts: &Transcripts) -> Sources {
    let mut sources = Sources {
        transcripts: transcripts.clone(),
        quotes: vec![None; analysis.quotes.len()],
        voices: voices(analysis, transcripts),
    };
    for (qi, quote) in analysis.quotes.iter().enumerate() {
        // terms (`the so-called “harbour plan”`) are nobody's words
        if !quote.is_reported() || quote.display || quote.term {
            continue;
        }
        let speaker = quote.speaker.as_ref().and_then(|s| s.person);
        let found = best_alignment(analysis, &sources, &quote.span.segments, speaker);
        sources.quotes[qi] = source_of(&sources, found, speaker);
    }
    sources
}

/// Each paragraph of a quotation aligned; the first paragraph found names
/// the passage, and paragraphs found nowhere count as words that differ.
fn best_alignment(
    analysis: &Analysis,
    sources: &Sources,
    segments: &[Range<usize>],
    speaker: Option<usize>,
) -> Option<(Alignment, Fit)> {
    let files = &sources.transcripts.files;
    // of passages that fit equally well, the quote's speaker's
    let speakers = |file: usize, segment: u32| {
        let label = files[file]
            .segments
            .get(segment as usize)
            .and_then(|s| s.speaker.as_deref());
        speaker.is_some() && sources.voice_of(file, label).and_then(|v| v.person) == speaker
    };
    let mut whole: Option<Alignment> = None;
    let mut missing = Vec::new();
    for segment in segments {
        let parts = read_quote(&analysis.document.prose, segment.clone());
        match align(files, &analysis.document.prose, &parts, &speakers)
            .filter(|a| a.fit() != Fit::None)
        {
            Some(found) => match &mut whole {
                Some(w) if w.file == found.file => {
                    w.matched += found.matched;
                    w.cost += found.cost;
                    w.differences.extend(found.differences);
                    // the passage runs from the first paragraph's words to
                    // the last's
                    w.words =
                        w.words.start.min(found.words.start)..w.words.end.max(found.words.end);
                }
                // a paragraph found in another transcript: the passage is
                // the first paragraph's, and this one is not a difference
                Some(_) => {}
                None => whole = Some(found),
            },
            None => missing.push(segment.clone()),
        }
    }
    let mut whole = whole?;
    let passage_end = (whole.words.end.checked_sub(1))
        .and_then(|w| files[whole.file].words.list.get(w))
        .map_or(0, |w| w.end);
    for segment in missing {
        whole.differences.push(Difference {
            draft: segment,
            transcript: passage_end..passage_end,
            joined: false,
        });
    }
    whole.differences.sort_by_key(|d| d.draft.start);
    let fit = if whole.differences.is_empty() {
        whole.fit()
    } else {
        Fit::Close
    };
    Some((whole, fit))
}

fn source_of(
    sources: &Sources,
    found: Option<(Alignment, Fit)>,
    speaker: Option<usize>,
) -> Option<QuoteSource> {
    let Some((alignment, fit)) = found else {
        let speaker_transcripts: Vec<Arc<Transcript>> = sources
            .voices
            .iter()
            .filter(|v| speaker.is_some() && v.person == speaker)
            .map(|v| sources.transcripts.files[v.file].clone())
            .fold(Vec::new(), |mut acc, t| {
                if !acc.iter().any(|a| Arc::ptr_eq(a, &t)) {
                    acc.push(t);
                }
                acc
            });
        return (!speaker_transcripts.is_empty()).then_some(QuoteSource {
            fit: Fit::None,
            passage: None,
            differences: Vec::new(),
            speaker_transcripts,
        });
    };
    let transcript = sources.transcripts.files[alignment.file].clone();
    let words = &transcript.words.list;
    let first = words.get(alignment.words.start)?;
    let last = words.get(alignment.words.end.checked_sub(1)?)?;
    let segment = first.segment as usize;
    let label = (transcript.segments.get(segment)?.speaker.clone()).filter(|l| {
        !sources
            .voice_of(alignment.file, Some(l))
            .is_some_and(|v| v.doubtful)
    });
    let person = sources
        .voice_of(alignment.file, label.as_deref())
        .and_then(|v| v.person);
    let range = first.start..last.end;
    Some(QuoteSource {
        fit,
        passage: Some(Passage {
            transcript,
            file: alignment.file,
            range,
            segment,
            label,
            person,
        }),
        differences: alignment.differences,
        speaker_transcripts: Vec::new(),
    })
}

/// Every transcript's speaker labels (and its unlabelled segments), each
/// made into a person of the story where it can be.
fn voices(analysis: &Analysis, transcripts: &Transcripts) -> Vec<Voice> {
    let mut out: Vec<Voice> = Vec::new();
    for (file, transcript) in transcripts.files.iter().enumerate() {
        for segment in &transcript.segments {
            let label = segment.speaker.as_deref();
            if out
                .iter()
                .any(|v| v.file == file && v.label.as_deref() == label)
            {
                continue;
            }
            let person = match label {
                Some(label) => person_for_label(analysis, label, &transcripts.speakers),
                None => person_for_file(analysis, &transcript.name),
            };
            let doubtful = person.is_none()
                && label.is_some_and(|l| {
                    !l.trim().contains(' ')
                        && transcript
                            .segments
                            .iter()
                            .filter(|s| s.speaker.as_deref() == Some(l))
                            .count()
                            == 1
                });
            out.push(Voice {
                file,
                label: label.map(str::to_owned),
                person,
                doubtful,
            });
        }
    }
    out
}

/// The person a speaker label is: as configured, else by the label itself.
fn person_for_label(
    analysis: &Analysis,
    label: &str,
    speakers: &[(String, String)],
) -> Option<usize> {
    let label = label.trim();
    let configured = speakers
        .iter()
        .find(|(l, _)| l.trim().to_lowercase() == label.to_lowercase())
        .map(|(_, name)| name.as_str());
    person_by_name(analysis, configured.unwrap_or(label))
}

/// The person a name is in the story: their full name, or their surname
/// (after a given name or title, or alone) when only one person has it.
fn person_by_name(analysis: &Analysis, name: &str) -> Option<usize> {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let last = strip_possessive(words.last()?);
    let persons = &analysis.people.persons;
    if let Some(i) = persons.iter().position(|p| p.name.to_lowercase() == lower) {
        return Some(i);
    }
    let mut found = None;
    for (i, p) in persons.iter().enumerate() {
        if p.surname.to_lowercase() != last {
            continue;
        }
        let first_fits = words.len() == 1
            || p.given
                .as_ref()
                .is_some_and(|g| g.to_lowercase() == words[0])
            || analysis
                .lexicon
                .title(name.split_whitespace().next()?)
                .is_some();
        if first_fits {
            if found.is_some() {
                return None;
            }
            found = Some(i);
        }
    }
    found
}

/// The person whose surname a transcript's file name holds
/// (`interviews/wallace-0312.vtt`), when exactly one does.
fn person_for_file(analysis: &Analysis, name: &str) -> Option<usize> {
    let stem = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = stem
        .rsplit_once('.')
        .map_or(stem, |(s, _)| s)
        .to_lowercase();
    let mut found = None;
    for word in stem.split(|c: char| !c.is_alphanumeric()) {
        if analysis.lexicon.is_transcript_file_word(word) {
            continue;
        }
        for (i, p) in analysis.people.persons.iter().enumerate() {
            if !word.is_empty() && p.surname.to_lowercase() == word {
                if found.is_some_and(|f| f != i) {
                    return None;
                }
                found = Some(i);
            }
        }
    }
    found
}
