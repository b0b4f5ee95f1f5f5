//! Search folding, so "phu van" finds "Phù Vân".

use unicode_normalization::UnicodeNormalization;

/// Lower case without diacritics (đ → d). Vietnamese marks all sit in the Combining
/// Diacritical Marks block, so a range test does without a Unicode property table.
pub fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

/// True when every word of `query` appears in `text_folded` (already folded).
pub fn matches(text_folded: &str, query: &str) -> bool {
    fold(query)
        .split_whitespace()
        .all(|w| text_folded.contains(w))
}
