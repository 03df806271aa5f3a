//! UTF-8 byte offsets (the engine's) to UTF-16 code units (JavaScript's) and
//! back. Only the characters outside ASCII are recorded (between them bytes
//! and units advance together), so an English draft costs a few entries,
//! and each conversion is a binary search.

/// A character outside ASCII: where it starts, in bytes and in units, and
/// how wide it is in each.
#[derive(Clone, Copy)]
struct Wide {
    byte: u32,
    unit: u32,
    bytes: u32,
    units: u32,
}

pub struct Utf16Map {
    wide: Vec<Wide>,
    bytes: u32,
    units: u32,
}

impl Utf16Map {
    pub fn new(text: &str) -> Utf16Map {
        let mut wide = Vec::new();
        // units - bytes so far: how far UTF-16 has fallen behind UTF-8.
        let mut behind = 0u32;
        for (at, c) in text.char_indices().filter(|(_, c)| !c.is_ascii()) {
            let (bytes, units) = (c.len_utf8() as u32, c.len_utf16() as u32);
            wide.push(Wide {
                byte: at as u32,
                unit: at as u32 - behind,
                bytes,
                units,
            });
            behind += bytes - units;
        }
        Utf16Map {
            wide,
            bytes: text.len() as u32,
            units: text.len() as u32 - behind,
        }
    }

    /// The UTF-16 offset of byte `byte`. A byte inside a character counts
    /// as that character's start; past the end, the end.
    pub fn to_utf16(&self, byte: usize) -> u32 {
        let byte = u32::try_from(byte).unwrap_or(u32::MAX).min(self.bytes);
        let i = self.wide.partition_point(|w| w.byte <= byte);
        match i.checked_sub(1).map(|i| self.wide[i]) {
            None => byte,
            Some(w) if byte < w.byte + w.bytes => w.unit,
            Some(w) => w.unit + w.units + (byte - w.byte - w.bytes),
        }
    }

    /// The byte offset of UTF-16 offset `unit`. Inside a character (between
    /// the halves of a surrogate pair), that character's start; past the
    /// end, the end.
    pub fn to_byte(&self, unit: u32) -> usize {
        let unit = unit.min(self.units);
        let i = self.wide.partition_point(|w| w.unit <= unit);
        let byte = match i.checked_sub(1).map(|i| self.wide[i]) {
            None => unit,
            Some(w) if unit < w.unit + w.units => w.byte,
            Some(w) => w.byte + w.bytes + (unit - w.unit - w.units),
        };
        byte as usize
    }
}

#[cfg(test)]
mod tests {
    use super::Utf16Map;

    /// Every character boundary, both ways, against the standard library's
    /// own counting.
    #[test]
    fn agrees_with_encode_utf16_at_every_boundary() {
        for text in [
            "",
            "plain",
            "“Zoë” — £5 😀 end",
            "😀😀a",
            "é",
            "a\u{1F600}b\u{2014}",
        ] {
            let map = Utf16Map::new(text);
            for (at, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let units = text[..at].encode_utf16().count() as u32;
                assert_eq!(map.to_utf16(at), units, "{text:?} byte {at}");
                assert_eq!(map.to_byte(units), at, "{text:?} unit {units}");
            }
        }
    }

    #[test]
    fn offsets_inside_a_character_or_past_the_end_are_clamped() {
        let text = "a😀b"; // bytes a=0, 😀=1..5, b=5; units a=0, 😀=1..3, b=3
        let map = Utf16Map::new(text);
        assert_eq!(map.to_utf16(2), 1, "inside the emoji's bytes");
        assert_eq!(map.to_byte(2), 1, "between the surrogate halves");
        assert_eq!(map.to_utf16(99), 4);
        assert_eq!(map.to_byte(99), 6);
    }
}
