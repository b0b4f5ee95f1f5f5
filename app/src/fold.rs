//! Search folding, so "phu van" finds "Phù Vân".

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Lower case without diacritics (đ → d).
pub fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

/// True when every word of `query` appears in `text`.
pub fn matches(text_folded: &str, query: &str) -> bool {
    fold(query)
        .split_whitespace()
        .all(|w| text_folded.contains(w))
}
