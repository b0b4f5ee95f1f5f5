//! Vietnamese number and date writing (65.000.000 đ, 95,5 %, 08/03/2022), the matching
//! parsers that accept what officials type, NFC normalisation and Vietnamese sort order.

use unicode_normalization::UnicodeNormalization;

/// NFC form, so the same name typed on different machines compares equal.
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
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
    let mut chars = s.nfd().peekable();
    while let Some(c) = chars.next() {
        let mut marks = Vec::new();
        while let Some(&m) = chars.peek() {
            if !('\u{300}'..='\u{36f}').contains(&m) {
                break;
            }
            marks.push(m);
            chars.next();
        }
        let lower = c.to_lowercase().next().unwrap_or(c);
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

/// Why typed text is not a number, in Vietnamese.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseProblem {
    Empty,
    NotANumber,
    NotWholeDong,
}

impl ParseProblem {
    pub fn message_vi(&self) -> &'static str {
        match self {
            ParseProblem::Empty => "chưa nhập giá trị",
            ParseProblem::NotANumber => "không phải là số (ví dụ hợp lệ: 95,5 hoặc 95.5)",
            ParseProblem::NotWholeDong => {
                "số tiền phải là số nguyên đồng (ví dụ: 65.000.000 hoặc 65000000)"
            }
        }
    }
}

fn strip_unit(s: &str) -> &str {
    let s = s.trim();
    let s = s.strip_suffix('%').unwrap_or(s);
    let s = s.trim_end();
    let s = s
        .strip_suffix("đồng")
        .or_else(|| s.strip_suffix('đ'))
        .or_else(|| s.strip_suffix("VND"))
        .or_else(|| s.strip_suffix("VNĐ"))
        .unwrap_or(s);
    s.trim()
}

/// True when `groups` (split on a grouping mark) are 1–3 digits then groups of exactly 3.
fn valid_groups(parts: &[&str]) -> bool {
    parts.len() > 1
        && !parts[0].is_empty()
        && parts[0].len() <= 3
        && parts[0].bytes().all(|b| b.is_ascii_digit())
        && parts[1..]
            .iter()
            .all(|p| p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit()))
}

fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// A decimal as officials type it: `95,5`, `95.5`, `1.234,5`, `1,234.5`, `95,5 %`.
/// One `,` or `.` alone is the decimal mark; repeated marks group thousands.
pub fn parse_decimal(input: &str) -> Result<f64, ParseProblem> {
    let s = strip_unit(input).replace([' ', '\u{a0}'], "");
    if s.is_empty() {
        return Err(ParseProblem::Empty);
    }
    let (neg, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.as_str()),
    };
    let commas = body.matches(',').count();
    let dots = body.matches('.').count();
    let canonical = match (commas, dots) {
        (0, 0) if digits(body) => body.to_string(),
        (1, 0) | (0, 1) => {
            let (int, frac) = body.split_once([',', '.']).expect("one mark");
            if !digits(int) || !digits(frac) {
                return Err(ParseProblem::NotANumber);
            }
            format!("{int}.{frac}")
        }
        (c, d) if c >= 1 && d >= 1 => {
            // Both marks: the last one is the decimal mark, the other groups thousands.
            let last_comma = body.rfind(',').expect("comma");
            let last_dot = body.rfind('.').expect("dot");
            let (group, dec) = if last_comma > last_dot {
                ('.', ',')
            } else {
                (',', '.')
            };
            if body.matches(dec).count() != 1 {
                return Err(ParseProblem::NotANumber);
            }
            let (int, frac) = body.split_once(dec).expect("decimal mark");
            let parts: Vec<&str> = int.split(group).collect();
            if !valid_groups(&parts) || !digits(frac) {
                return Err(ParseProblem::NotANumber);
            }
            format!("{}.{frac}", parts.concat())
        }
        (c, 0) | (0, c) if c > 1 => {
            let parts: Vec<&str> = body.split([',', '.']).collect();
            if !valid_groups(&parts) {
                return Err(ParseProblem::NotANumber);
            }
            parts.concat()
        }
        _ => return Err(ParseProblem::NotANumber),
    };
    let v: f64 = canonical.parse().map_err(|_| ParseProblem::NotANumber)?;
    if !v.is_finite() {
        return Err(ParseProblem::NotANumber);
    }
    Ok(if neg { -v } else { v })
}

/// Whole đồng: `65.000.000`, `65,000,000`, `65 000 000`, `65000000 đ`.
pub fn parse_money(input: &str) -> Result<f64, ParseProblem> {
    let s = strip_unit(input).replace(['\u{a0}'], " ");
    if s.is_empty() {
        return Err(ParseProblem::Empty);
    }
    let (neg, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, s.as_str()),
    };
    let plain = if digits(body) {
        body.to_string()
    } else {
        let parts: Vec<&str> = body.split(['.', ',', ' ']).collect();
        let marks: Vec<char> = body
            .chars()
            .filter(|c| matches!(c, '.' | ',' | ' '))
            .collect();
        let one_mark = marks.windows(2).all(|w| w[0] == w[1]);
        if !one_mark || !valid_groups(&parts) {
            return Err(if parse_decimal(body).is_ok() {
                ParseProblem::NotWholeDong
            } else {
                ParseProblem::NotANumber
            });
        }
        parts.concat()
    };
    if plain.len() > 15 {
        return Err(ParseProblem::NotANumber);
    }
    let v: f64 = plain.parse().map_err(|_| ParseProblem::NotANumber)?;
    Ok(if neg { -v } else { v })
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
    let mut c = s.chars();
    match c.next() {
        Some(f) => {
            let mut out: String = f.to_uppercase().collect();
            out.push_str(c.as_str());
            if !out.ends_with('.') {
                out.push('.');
            }
            out
        }
        None => String::new(),
    }
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
    fn decimal_accepts_both_marks() {
        assert_eq!(parse_decimal("95,5"), Ok(95.5));
        assert_eq!(parse_decimal("95.5"), Ok(95.5));
        assert_eq!(parse_decimal(" 95,5 % "), Ok(95.5));
        assert_eq!(parse_decimal("100"), Ok(100.0));
        assert_eq!(parse_decimal("1.234,5"), Ok(1234.5));
        assert_eq!(parse_decimal("1,234.5"), Ok(1234.5));
        assert_eq!(parse_decimal("1.234.567"), Ok(1234567.0));
        assert_eq!(parse_decimal("94,99"), Ok(94.99));
    }

    #[test]
    fn decimal_rejects_garbage() {
        assert_eq!(parse_decimal(""), Err(ParseProblem::Empty));
        assert_eq!(parse_decimal("  "), Err(ParseProblem::Empty));
        assert_eq!(parse_decimal("abc"), Err(ParseProblem::NotANumber));
        assert_eq!(parse_decimal("9,5,5"), Err(ParseProblem::NotANumber));
        assert_eq!(parse_decimal("95,"), Err(ParseProblem::NotANumber));
        assert_eq!(parse_decimal("1e5"), Err(ParseProblem::NotANumber));
        assert_eq!(parse_decimal("1.23.4"), Err(ParseProblem::NotANumber));
    }

    #[test]
    fn money_is_whole_dong() {
        assert_eq!(parse_money("65.000.000"), Ok(65_000_000.0));
        assert_eq!(parse_money("65,000,000"), Ok(65_000_000.0));
        assert_eq!(parse_money("65 000 000 đ"), Ok(65_000_000.0));
        assert_eq!(parse_money("65000000"), Ok(65_000_000.0));
        assert_eq!(parse_money("1.000"), Ok(1000.0));
        assert_eq!(parse_money("65,5"), Err(ParseProblem::NotWholeDong));
        assert_eq!(parse_money("65.000,5"), Err(ParseProblem::NotWholeDong));
        assert_eq!(parse_money("6.5.000"), Err(ParseProblem::NotANumber));
        assert_eq!(parse_money("65.000,000"), Err(ParseProblem::NotWholeDong));
        assert_eq!(parse_money("-5.000"), Ok(-5000.0));
    }

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
    fn nfc_joins_combining_marks() {
        // "ệ" as e + combining circumflex + combining dot below
        let decomposed = "Nam Hà Nam Ti\u{65}\u{302}\u{323}n";
        assert_eq!(nfc(decomposed), "Nam Hà Nam Tiện");
    }
}
