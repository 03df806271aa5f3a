//! Where a quotation's words were said: the transcript passage to open for
//! the quotation at the cursor (go to definition).

use std::ops::Range;
use std::sync::Arc;

use crate::analysis::Analysis;
use crate::transcript::Transcript;

/// A passage of a transcript file.
#[derive(Debug, Clone)]
pub struct TranscriptPlace {
    pub transcript: Arc<Transcript>,
    /// The passage's bytes in the transcript's text, first word to last.
    pub range: Range<usize>,
}

/// The passage the quotation at byte `offset` was found in, if it was.
pub fn transcript_place(analysis: &Analysis, offset: usize) -> Option<TranscriptPlace> {
    let qi = super::hover::quote_at(analysis, offset)?;
    let passage = analysis
        .sources
        .quotes
        .get(qi)?
        .as_ref()?
        .passage
        .as_ref()?;
    Some(TranscriptPlace {
        transcript: passage.transcript.clone(),
        range: passage.range.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, Options};
    use crate::transcript::{Format, Transcripts};

    #[test]
    fn a_quote_found_in_a_transcript_leads_to_its_passage() {
        let vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n<v Dana Okafor>The ferry has been cut twice this year.\n";
        let transcript = Transcript::parse("okafor.vtt", Format::WebVtt, vtt.to_owned()).unwrap();
        let options = Options {
            transcripts: Transcripts {
                files: vec![Arc::new(transcript)],
                speakers: Vec::new(),
            },
            ..Options::default()
        };
        let text = "Ferry cuts\n\nThe harbourmaster, Dana Okafor, spoke on Monday.\n\n“The ferry has been cut twice this year,” Ms Okafor said. “Nobody asked us.”\n";
        let analysis = analyze(text, &options);
        let place = transcript_place(&analysis, text.find("twice").unwrap()).expect("a place");
        assert_eq!(
            &vtt[place.range.clone()],
            "The ferry has been cut twice this year"
        );
        assert_eq!(place.transcript.line_of(place.range.start), 4);
        // a quote in no transcript, and words outside quotes, lead nowhere
        assert!(transcript_place(&analysis, text.find("Nobody").unwrap()).is_none());
        assert!(transcript_place(&analysis, text.find("Monday").unwrap()).is_none());
    }
}
