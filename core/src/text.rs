//! Vietnamese number and date writing (65.000.000 đ, 95,5 %, 08/03/2022), the matching
//! parsers that accept what officials type, NFC normalisation and Vietnamese sort order.

pub use case::{lower, lower_char, upper, upper_first};
pub use normal::{nfc, nfd};

/// Unicode normalisation (canonical forms only). Natively the `unicode-normalization` tables; in
/// the browser its own `String.prototype.normalize` (the same Unicode algorithm), which keeps
/// ~60 KB gzip of tables out of the app's download (issue 11).
#[cfg(not(target_arch = "wasm32"))]
mod normal {
    use unicode_normalization::UnicodeNormalization;

    /// NFC form, so the same name typed on different machines compares equal.
    pub fn nfc(s: &str) -> String {
        // Most text is NFC already; the quick check says so without decomposing it.
        match unicode_normalization::is_nfc_quick(s.chars()) {
            unicode_normalization::IsNormalized::Yes => s.to_string(),
            _ => s.nfc().collect(),
        }
    }

    /// NFD form: each letter followed by its marks (ệ = e, ̣, ̂).
    pub fn nfd(s: &str) -> String {
        s.nfd().collect()
    }
}

/// Whether `c` is NFC on its own and combines with nothing before it (NFC quick check "yes",
/// combining class 0): true of everything below U+0300, of Vietnamese letters written with their
/// marks (U+1E00–U+1EFF) and of punctuation (U+2010–U+205E). Text made only of such characters
/// is NFC already, which spares the browser a round trip for nearly every Vietnamese text.
/// (`tests::nfc_stable_ranges_match_the_tables` checks the ranges against Unicode's tables.)
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn stays_nfc(c: char) -> bool {
    matches!(c, '\0'..='\u{2ff}' | '\u{1e00}'..='\u{1eff}' | '\u{2010}'..='\u{205e}')
}

#[cfg(target_arch = "wasm32")]
mod normal {
    /// NFC form, so the same name typed on different machines compares equal.
    pub fn nfc(s: &str) -> String {
        if s.chars().all(super::stays_nfc) {
            return s.to_string();
        }
        js_sys::JsString::from(s).normalize("NFC").into()
    }

    /// NFD form: each letter followed by its marks (ệ = e, ̣, ̂).
    pub fn nfd(s: &str) -> String {
        // Below U+00C0 (À, the first letter with a mark) every character is its own NFD.
        if s.chars().all(|c| c < '\u{c0}') {
            return s.to_string();
        }
        js_sys::JsString::from(s).normalize("NFD").into()
    }
}

/// Lower/upper case. Natively std's; in the browser its own `toLowerCase`/`toUpperCase` (the same
/// Unicode mappings), which keeps std's case tables (~14 KB gzip) out of the download (issue 11).
mod case {
    /// Lower case of the whole text.
    pub fn lower(s: &str) -> String {
        if s.is_ascii() {
            return s.to_ascii_lowercase();
        }
        imp::lower(s)
    }

    /// Upper case of the whole text.
    pub fn upper(s: &str) -> String {
        if s.is_ascii() {
            return s.to_ascii_uppercase();
        }
        imp::upper(s)
    }

    /// The first character of `c`'s lower case (`c` itself when it has none).
    pub fn lower_char(c: char) -> char {
        if c.is_ascii() {
            return c.to_ascii_lowercase();
        }
        lower(c.encode_utf8(&mut [0; 4]))
            .chars()
            .next()
            .unwrap_or(c)
    }

    /// The text with its first letter in upper case ("chưa nhập" → "Chưa nhập").
    pub fn upper_first(s: &str) -> String {
        let mut c = s.chars();
        match c.next() {
            Some(f) => upper(f.encode_utf8(&mut [0; 4])) + c.as_str(),
            None => String::new(),
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod imp {
        #[allow(clippy::disallowed_methods)] // the one place std's case tables are used
        pub fn lower(s: &str) -> String {
            s.to_lowercase()
        }

        #[allow(clippy::disallowed_methods)] // the one place std's case tables are used
        pub fn upper(s: &str) -> String {
            s.to_uppercase()
        }
    }

    #[cfg(target_arch = "wasm32")]
    mod imp {
        pub fn lower(s: &str) -> String {
            js_sys::JsString::from(s).to_lower_case().into()
        }

        pub fn upper(s: &str) -> String {
            js_sys::JsString::from(s).to_upper_case().into()
        }
    }
}

/// The Vietnamese alphabet in order, with f, j, w, z (foreign words) where Latin puts them.
const ALPHABET: [char; 33] = [
    'a', 'ă', 'â', 'b', 'c', 'd', 'đ', 'e', 'ê', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    'ô', 'ơ', 'p', 'q', 'r', 's', 't', 'u', 'ư', 'v', 'w', 'x', 'y', 'z',
];

/// Primary weights: spaces and punctuation, then digits, then letters, then other scripts.
const W_VARIABLE: u32 = 0x0010_0000;
const W_DIGIT: u32 = 0x0030_0000;
const W_LETTER: u32 = 0x0040_0000;
const W_OTHER: u32 = 0x0050_0000;

/// Tone marks in dictionary order (ngang, huyền, hỏi, ngã, sắc, nặng) as secondary weights.
fn tone_weight(mark: char) -> Option<u32> {
    match mark {
        '\u{300}' => Some(2), // huyền
        '\u{309}' => Some(3), // hỏi
        '\u{303}' => Some(4), // ngã
        '\u{301}' => Some(5), // sắc
        '\u{323}' => Some(6), // nặng
        _ => None,
    }
}

/// The Vietnamese letter a base letter and a vowel mark make (a + ˘ = ă, o + ̛ = ơ …).
fn with_vowel_mark(base: char, mark: char) -> Option<char> {
    Some(match (base, mark) {
        ('a', '\u{306}') => 'ă',
        ('a', '\u{302}') => 'â',
        ('e', '\u{302}') => 'ê',
        ('o', '\u{302}') => 'ô',
        ('o', '\u{31b}') => 'ơ',
        ('u', '\u{31b}') => 'ư',
        _ => return None,
    })
}

/// A sort key for Vietnamese text: comparing keys orders names as a Vietnamese dictionary does.
/// Letters follow the alphabet (a ă â b c d đ e ê … o ô ơ … u ư …); tones only break ties
/// between words with the same letters (a à ả ã á ạ), then lower case comes before upper case.
/// Spaces and punctuation come before digits, digits before letters. NFC and NFD give the same key.
pub fn collation_key(s: &str) -> Vec<u32> {
    let mut primary = Vec::with_capacity(s.len());
    let mut secondary = Vec::with_capacity(s.len());
    let mut tertiary = Vec::with_capacity(s.len());
    let decomposed = nfd(s);
    let mut chars = decomposed.chars().peekable();
    while let Some(c) = chars.next() {
        let mut marks = Vec::new();
        while let Some(&m) = chars.peek() {
            if !('\u{300}'..='\u{36f}').contains(&m) {
                break;
            }
            marks.push(m);
            chars.next();
        }
        let lower = lower_char(c);
        let upper = lower != c;
        let mut letter = lower;
        let mut second = 1;
        for m in marks {
            if let Some(v) = with_vowel_mark(letter, m) {
                letter = v;
            } else if let Some(t) = tone_weight(m) {
                second = second.max(t);
            } else {
                // A mark Vietnamese does not use (ü, ç): after every tone, by code point.
                second = second.max(16 + (m as u32 - 0x300));
            }
        }
        let weight = if let Some(i) = ALPHABET.iter().position(|&a| a == letter) {
            W_LETTER + i as u32
        } else if let Some(d) = letter.to_digit(10) {
            W_DIGIT + d
        } else if letter.is_alphabetic() {
            W_OTHER + letter as u32
        } else {
            W_VARIABLE + letter as u32
        };
        primary.push(weight);
        secondary.push(second);
        tertiary.push(if upper { 2 } else { 1 });
    }
    // Level by level, each ended by 0 (below every weight), so a prefix sorts first.
    primary.push(0);
    primary.extend(secondary);
    primary.push(0);
    primary.extend(tertiary);
    primary
}

fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Thousands grouped with `.`, as in 65.000.000.
fn group_thousands(int: u64) -> String {
    let s = int.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

/// Vietnamese decimal: `95,5`, `1.234,56`, `100`. Up to 4 decimals, no trailing zeros.
pub fn format_decimal(v: f64) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    let neg = v < 0.0;
    let s = format!("{:.4}", v.abs());
    let (int, frac) = s.split_once('.').expect("fixed format");
    let frac = frac.trim_end_matches('0');
    let int: u64 = int.parse().unwrap_or(0);
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    out.push_str(&group_thousands(int));
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    out
}

/// `65.000.000 đ`
pub fn format_money(v: f64) -> String {
    format!("{} đ", format_decimal(v.round()))
}

/// `95,5 %`
pub fn format_percent(v: f64) -> String {
    format!("{} %", format_decimal(v))
}

/// A message as a sentence: capital first letter, final full stop ("chưa nhập" → "Chưa nhập.").
pub fn sentence(s: &str) -> String {
    match s.is_empty() {
        false => {
            let mut out = upper_first(s);
            if !out.ends_with('.') {
                out.push('.');
            }
            out
        }
        true => String::new(),
    }
}

/// The indicator code people see: a code whose place in its criterion the sources do not give is
/// written `18.x` in the rules files (a key of saved dossiers, so it stays) and shown as `18`.
pub fn shown_code(code: &str) -> &str {
    code.strip_suffix(".x").unwrap_or(code)
}

/// A date as people type it — `dd/mm/yyyy` (also `d/m/yyyy`, `dd-mm-yyyy`, `dd.mm.yyyy`) or ISO
/// `yyyy-mm-dd` — to ISO; `Ok(None)` when blank; `Err`: why not, in Vietnamese. The one date
/// reader of every form (`ui::date_input::DateInput`).
pub fn parse_vi_date(text: &str) -> Result<Option<String>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let bad = || format!("“{t}” không phải ngày dạng ngày/tháng/năm (ví dụ 08/03/2022)");
    let parts: Vec<&str> = if t.contains('/') {
        t.split('/').collect()
    } else if t.len() == 10 && t.as_bytes()[4] == b'-' {
        let p: Vec<&str> = t.split('-').collect();
        if p.len() != 3 {
            return Err(bad());
        }
        vec![p[2], p[1], p[0]]
    } else {
        t.split(['-', '.']).collect()
    };
    if parts.len() != 3 {
        return Err(bad());
    }
    let num = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (d, m, y) = match (num(parts[0]), num(parts[1]), num(parts[2])) {
        (Some(d), Some(m), Some(y)) if parts[2].len() == 4 => (d, m, y),
        _ => return Err(bad()),
    };
    if !(1900..=2100).contains(&y) {
        return Err(format!("“{t}”: năm phải từ 1900 đến 2100"));
    }
    let days = crate::registered::month_days(i64::from(y), i64::from(m))
        .ok_or_else(|| format!("“{t}” không phải ngày có thật: tháng phải từ 1 đến 12"))?;
    if d == 0 || i64::from(d) > days {
        return Err(format!(
            "“{t}” không phải ngày có thật: tháng {m}/{y} có {days} ngày"
        ));
    }
    Ok(Some(format!("{y:04}-{m:02}-{d:02}")))
}

/// "2025-06-30" → "30/06/2025" for display; text that is not an ISO date is shown as it is.
pub fn vi_date(iso: &str) -> String {
    iso_to_vi_date(iso).unwrap_or_else(|| iso.to_string())
}

/// ISO `2022-03-08` → `08/03/2022`; `None` if not a date.
pub fn iso_to_vi_date(iso: &str) -> Option<String> {
    let mut it = iso.split('-');
    let (y, m, d) = (it.next()?, it.next()?, it.next()?);
    if it.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    if ![y, m, d].iter().all(|p| digits(p)) {
        return None;
    }
    Some(format!("{d}/{m}/{y}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_the_vietnamese_way() {
        assert_eq!(format_money(65_000_000.0), "65.000.000 đ");
        assert_eq!(format_percent(95.5), "95,5 %");
        assert_eq!(format_percent(100.0), "100 %");
        assert_eq!(format_decimal(1234.25), "1.234,25");
        assert_eq!(format_decimal(0.0), "0");
        assert_eq!(iso_to_vi_date("2022-03-08").as_deref(), Some("08/03/2022"));
        assert_eq!(iso_to_vi_date("2022-3-8"), None);
    }

    #[test]
    fn placeholder_codes_show_their_criterion() {
        assert_eq!(shown_code("18.x"), "18");
        assert_eq!(shown_code("17.10"), "17.10");
        assert_eq!(shown_code("KM.3"), "KM.3");
    }

    #[test]
    fn dates_are_read_the_vietnamese_way() {
        for (typed, iso) in [
            ("01/09/2025", "2025-09-01"),
            ("1/9/2025", "2025-09-01"),
            ("1-9-2025", "2025-09-01"),
            ("01.09.2025", "2025-09-01"),
            (" 29/02/2024 ", "2024-02-29"),
            ("2025-09-01", "2025-09-01"),
        ] {
            assert_eq!(parse_vi_date(typed), Ok(Some(iso.to_string())), "{typed}");
        }
        assert_eq!(parse_vi_date(""), Ok(None));
        for bad in ["01/09/25", "1/9", "hôm nay", "01/09/2025/1"] {
            let e = parse_vi_date(bad).unwrap_err();
            assert!(
                e.contains(bad) && e.contains("ngày/tháng/năm"),
                "{bad}: {e}"
            );
        }
        // Never read month-first: 09/13/2025 is refused, not taken as 13 September.
        for (bad, why) in [
            ("31/02/2025", "tháng 2/2025 có 28 ngày"),
            ("29/02/2025", "tháng 2/2025 có 28 ngày"),
            ("31/06/2025", "tháng 6/2025 có 30 ngày"),
            ("09/13/2025", "tháng phải từ 1 đến 12"),
            ("01/09/1800", "năm phải từ 1900 đến 2100"),
        ] {
            let e = parse_vi_date(bad).unwrap_err();
            assert!(e.contains(bad) && e.contains(why), "{bad}: {e}");
        }
    }

    #[test]
    fn messages_become_sentences() {
        assert_eq!(sentence("đã lưu"), "Đã lưu.");
        assert_eq!(sentence("Đã lưu."), "Đã lưu.");
        assert_eq!(sentence(""), "");
    }

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        v.sort_by_key(|s| collation_key(s));
        v
    }

    #[test]
    fn collation_follows_the_vietnamese_alphabet() {
        // a ă â b … d đ e ê … o ô ơ … u ư: each marked vowel is a letter of its own.
        assert_eq!(
            sorted(&["Bình", "Ân", "Ăn", "An"]),
            ["An", "Ăn", "Ân", "Bình"]
        );
        assert_eq!(
            sorted(&["Đồng Du", "Duy", "Dũng", "Em"]),
            ["Dũng", "Duy", "Đồng Du", "Em"]
        );
        assert_eq!(
            sorted(&["Ê", "Ơn", "E", "On", "Ôn", "Phú"]),
            ["E", "Ê", "On", "Ôn", "Ơn", "Phú"]
        );
        assert_eq!(sorted(&["Ửng", "Vân", "Uyên"]), ["Uyên", "Ửng", "Vân"]);
        // The whole alphabet, shuffled, comes back in order.
        let alphabet = "a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y";
        let mut letters: Vec<&str> = alphabet.split(' ').collect();
        letters.reverse();
        letters.swap(3, 17);
        assert_eq!(sorted(&letters).join(" "), alphabet);
    }

    #[test]
    fn collation_orders_tones_after_letters() {
        // ngang, huyền, hỏi, ngã, sắc, nặng
        assert_eq!(
            sorted(&["mạ", "má", "mã", "mả", "mà", "ma"]),
            ["ma", "mà", "mả", "mã", "má", "mạ"]
        );
        // A tone only breaks ties: "mà" < "mác" < "mạc" (letters first), "Thạnh" < "Thanh Hà".
        assert_eq!(sorted(&["mạc", "mác", "mà"]), ["mà", "mác", "mạc"]);
        assert_eq!(
            sorted(&["Thanh Hà", "Thạnh", "Thành", "Thanh"]),
            ["Thanh", "Thành", "Thạnh", "Thanh Hà"]
        );
        // Lower case before upper case when nothing else differs; case never beats a letter.
        assert_eq!(sorted(&["An", "an", "Ba", "ăn"]), ["an", "An", "ăn", "Ba"]);
    }

    #[test]
    fn collation_handles_real_names_and_forms() {
        // Hà Nam communes as the table shows them.
        assert_eq!(
            sorted(&[
                "Xã Phù Vân",
                "Xã Mộc Hoàn",
                "Xã Đinh Xá",
                "Xã Liêm Phong",
                "Xã Kim Bình",
                "Xã Bình Nghĩa",
                "Xã Đạo Lý"
            ]),
            [
                "Xã Bình Nghĩa",
                "Xã Đạo Lý",
                "Xã Đinh Xá",
                "Xã Kim Bình",
                "Xã Liêm Phong",
                "Xã Mộc Hoàn",
                "Xã Phù Vân"
            ]
        );
        // NFD input (e + combining circumflex + combining dot below) sorts as NFC.
        assert_eq!(
            collation_key("Ti\u{65}\u{302}\u{323}n"),
            collation_key("Tiện")
        );
        // Space before digits before letters: "Xã 2" < "Xã A", "Kim Bảng" < "Kimb".
        assert_eq!(
            sorted(&["Xã A", "Xã 2", "Kimb", "Kim Bảng"]),
            ["Kim Bảng", "Kimb", "Xã 2", "Xã A"]
        );
        assert_eq!(sorted(&["", "a"]), ["", "a"]);
    }

    #[test]
    fn nfc_stable_ranges_match_the_tables() {
        use unicode_normalization::char::canonical_combining_class;
        use unicode_normalization::{is_nfc_quick, IsNormalized};
        let mut n = 0;
        for c in (0..=0x10ffff)
            .filter_map(char::from_u32)
            .filter(|&c| stays_nfc(c))
        {
            assert_eq!(is_nfc_quick([c].into_iter()), IsNormalized::Yes, "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            n += 1;
        }
        // Every Vietnamese vowel, in both cases, with every tone (and đ, which takes none).
        assert!("đĐ".chars().all(stays_nfc));
        let letters = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY";
        for base in letters.chars() {
            for tone in ["", "\u{300}", "\u{309}", "\u{303}", "\u{301}", "\u{323}"] {
                let composed = nfc(&format!("{base}{tone}"));
                assert!(composed.chars().all(stays_nfc), "{composed}");
            }
        }
        assert_eq!(n, 0x300 + 0x100 + 0x4f);
        // A combining mark is never taken as NFC.
        assert!(!stays_nfc('\u{301}'));
    }

    #[test]
    fn nfc_joins_combining_marks() {
        // "ệ" as e + combining circumflex + combining dot below
        let decomposed = "Nam Hà Nam Ti\u{65}\u{302}\u{323}n";
        assert_eq!(nfc(decomposed), "Nam Hà Nam Tiện");
    }
}
