//! Hà Nam's administrative units with their official codes (before the 2025 reorganisation).

use std::sync::OnceLock;

/// (district code, district name, unit code, unit name, kind) of every unit, in the order of
/// `core/data/ha_nam_units.csv` (written by `build.rs`).
const TABLE: &[(&str, &str, &str, &str, UnitKind)] =
    include!(concat!(env!("OUT_DIR"), "/units.rs"));

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitKind {
    Xa,
    Phuong,
    ThiTran,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AdminUnit {
    pub district_code: String,
    pub district_name: String,
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
}

impl AdminUnit {
    /// Only xã are assessed against the commune NTM criteria.
    pub fn is_commune(&self) -> bool {
        self.kind == UnitKind::Xa
    }
}

/// Every unit of the province, in the file's order.
pub fn all() -> &'static [AdminUnit] {
    static UNITS: OnceLock<Vec<AdminUnit>> = OnceLock::new();
    UNITS.get_or_init(|| {
        TABLE
            .iter()
            .map(
                |&(district_code, district_name, code, name, kind)| AdminUnit {
                    district_code: district_code.into(),
                    district_name: district_name.into(),
                    code: code.into(),
                    name: name.into(),
                    kind,
                },
            )
            .collect()
    })
}

/// The xã (communes) that self-assess.
pub fn communes() -> impl Iterator<Item = &'static AdminUnit> {
    all().iter().filter(|u| u.is_commune())
}

pub fn find(code: &str) -> Option<&'static AdminUnit> {
    // Sorted once: every dossier read looks its commune up (codes are unique).
    static BY_CODE: OnceLock<Vec<&'static AdminUnit>> = OnceLock::new();
    let by_code = BY_CODE.get_or_init(|| {
        let mut v: Vec<_> = all().iter().collect();
        v.sort_by(|a, b| a.code.cmp(&b.code));
        v
    });
    let at = by_code
        .binary_search_by(|u| u.code.as_str().cmp(code))
        .ok()?;
    Some(by_code[at])
}

/// How the commune name written in a file compares with the official name of its code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NameCheck {
    /// The same name (after NFC).
    Same,
    /// The same name written another way; what differs, in words ("chữ hoa/thường", …).
    Alike(Vec<&'static str>),
    /// Another name; what differs, in words, with invisible characters spelled out.
    Different(String),
}

/// One way of writing the same name differently, and how to undo it.
struct Spelling {
    what: &'static str,
    undo: fn(&str) -> String,
}

/// Ways of writing a name that change nothing an official would call a different name, undone
/// in this order (the unit prefix is matched whatever its case).
const SPELLINGS: [Spelling; 6] = [
    Spelling {
        what: "ký tự ẩn",
        undo: |s| s.chars().filter(|c| !is_invisible(*c)).collect(),
    },
    Spelling {
        what: "khoảng trắng",
        undo: |s| s.split_whitespace().collect::<Vec<_>>().join(" "),
    },
    Spelling {
        what: "có hoặc không có chữ “Xã”, “Phường”, “Thị trấn” ở đầu",
        undo: |s| {
            let lower = crate::text::lower(s);
            for p in ["xã ", "phường ", "thị trấn "] {
                if lower.starts_with(p) {
                    // The prefixes are lowercase-stable, so the byte length carries over.
                    return s[p.len()..].to_string();
                }
            }
            s.to_string()
        },
    },
    Spelling {
        what: "chữ hoa/thường",
        undo: crate::text::lower,
    },
    Spelling {
        what: "chữ Ð (eth) thay cho chữ Đ",
        undo: |s| s.replace('Ð', "Đ").replace('ð', "đ"),
    },
    Spelling {
        what: "cách đặt dấu thanh (“oà”/“òa”, “uỵ”/“ụy”)",
        undo: tone_last,
    },
];

/// Zero-width and other characters that show nothing.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}'
    ) || c.is_control()
}

/// Each word's tone mark moved to its end, so "Hoà" and "Hòa" read the same.
fn tone_last(s: &str) -> String {
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let mut out = String::with_capacity(s.len());
    for (i, word) in s.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let mut tones = String::new();
        for c in crate::text::nfd(word).chars() {
            if TONES.contains(&c) {
                tones.push(c);
            } else {
                out.push(c);
            }
        }
        out.push_str(&tones);
    }
    crate::text::nfc(&out)
}

/// A Latin letter, or đ, with only the marks Vietnamese writes (tones, ă â ê ô ơ ư).
fn is_vietnamese_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    let parts: Vec<char> = crate::text::nfd(c.encode_utf8(&mut [0; 4]))
        .chars()
        .collect();
    let (base, marks) = parts
        .split_first()
        .expect("a char decomposes to one at least");
    (base.is_ascii_alphabetic() || matches!(base, 'đ' | 'Đ'))
        && marks.iter().all(|m| {
            matches!(
                m,
                '\u{300}'
                    | '\u{301}'
                    | '\u{303}'
                    | '\u{309}'
                    | '\u{323}'
                    | '\u{302}'
                    | '\u{306}'
                    | '\u{31B}'
            )
        })
}

/// `s` with every spelling undone except the one at `skip`.
fn undo_all(s: &str, skip: Option<usize>) -> String {
    let mut s = crate::text::nfc(s);
    for (i, sp) in SPELLINGS.iter().enumerate() {
        if Some(i) != skip {
            s = (sp.undo)(&s);
        }
    }
    s
}

/// A name with its invisible and look-alike characters spelled out, quoted: “Xã Phù[U+200B] Vân”;
/// spaces in a run of several as ␣ (a page shows a run as one space).
pub fn quoted_visibly(s: &str) -> String {
    let mut out = String::from("“");
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let run = c == ' ' && (i > 0 && chars[i - 1] == ' ' || chars.get(i + 1) == Some(&' '));
        if run {
            out.push('␣');
        } else if is_invisible(c) || (c.is_whitespace() && c != ' ') || c == 'Ð' || c == 'ð' {
            out.push_str(&format!("[U+{:04X}]", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out.push('”');
    out
}

/// Compares `given` (a file's commune name) with `official`. Names that differ only in case,
/// spaces, Unicode form, invisible characters, the unit prefix or the place of the tone mark
/// are `Alike`; any other difference is `Different`, explained word by word.
pub fn check_name(official: &str, given: &str) -> NameCheck {
    if official == given || crate::text::nfc(official) == crate::text::nfc(given) {
        return NameCheck::Same;
    }
    let (a, b) = (undo_all(official, None), undo_all(given, None));
    if a == b {
        // A spelling differs when undoing all the others is not enough.
        let what = (0..SPELLINGS.len())
            .filter(|&i| undo_all(official, Some(i)) != undo_all(given, Some(i)))
            .map(|i| SPELLINGS[i].what)
            .collect();
        return NameCheck::Alike(what);
    }
    let (wa, wb): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    let (oa, ob): (Vec<&str>, Vec<&str>) = (
        official.split_whitespace().collect(),
        given.split_whitespace().collect(),
    );
    // Words are compared from the end: the prefix ("Xã") may be missing on one side only.
    let differing = wa
        .iter()
        .rev()
        .zip(wb.iter().rev())
        .zip(oa.iter().rev().zip(ob.iter().rev()))
        .find(|((x, y), _)| x != y)
        .map(|(_, (o, g))| (*o, *g));
    let shared = wb.iter().filter(|w| wa.contains(w)).count();
    let mut why = match differing {
        _ if shared == 0 => "không có chữ nào giống tên trong danh mục".to_string(),
        Some((o, g)) => format!(
            "khác ở chữ {} (danh mục viết {})",
            quoted_visibly(g),
            quoted_visibly(o)
        ),
        None => format!(
            "khác số chữ: tệp có {} chữ, danh mục có {} chữ",
            wb.len(),
            wa.len()
        ),
    };
    let odd: Vec<String> = given
        .chars()
        .filter(|c| !c.is_ascii() && !is_vietnamese_letter(*c) && !c.is_whitespace())
        .map(|c| format!("“{c}” (U+{:04X})", u32::from(c)))
        .collect();
    if !odd.is_empty() {
        why.push_str(&format!(
            "; tên trong tệp có ký tự không phải chữ tiếng Việt: {}",
            odd.join(", ")
        ));
    }
    NameCheck::Different(why)
}

/// District-level units: (code, name), in order.
pub fn districts() -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<(&str, &str)> = Vec::new();
    for u in all() {
        if !out.iter().any(|(c, _)| *c == u.district_code) {
            out.push((&u.district_code, &u.district_name));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_matches_the_official_file() {
        // ../shared/data/ha_nam_units.csv: 6 district-level units, 98 commune-level units.
        assert_eq!(all().len(), 98);
        assert_eq!(districts().len(), 6);
        let phu_ly = find("13285").expect("Phường Quang Trung");
        assert_eq!(phu_ly.name, "Phường Quang Trung");
        assert!(!phu_ly.is_commune());
        assert_eq!(communes().count(), 65);
        // every unit is found by its code, and only by it
        for u in all() {
            assert_eq!(find(&u.code), Some(u));
        }
        assert_eq!(find("1328"), None);
        assert_eq!(find(""), None);
    }

    #[test]
    fn names_written_another_way_are_alike() {
        let nfd: String = {
            use unicode_normalization::UnicodeNormalization;
            "Xã Phù Vân".nfd().collect()
        };
        assert_eq!(check_name("Xã Phù Vân", &nfd), NameCheck::Same);
        for (given, what) in [
            ("xã phù vân", "chữ hoa/thường"),
            ("Xã  Phù\u{a0}Vân", "khoảng trắng"),
            (
                "Phù Vân",
                "có hoặc không có chữ “Xã”, “Phường”, “Thị trấn” ở đầu",
            ),
            ("Xã Phù\u{200b} Vân", "ký tự ẩn"),
        ] {
            assert_eq!(
                check_name("Xã Phù Vân", given),
                NameCheck::Alike(vec![what]),
                "{given:?}"
            );
        }
        assert_eq!(
            check_name("Xã Hòa Hậu", "Xã Hoà Hậu"),
            NameCheck::Alike(vec!["cách đặt dấu thanh (“oà”/“òa”, “uỵ”/“ụy”)"])
        );
        assert_eq!(
            check_name("Xã Thụy Lôi", "thuỵ lôi"),
            NameCheck::Alike(vec![
                "có hoặc không có chữ “Xã”, “Phường”, “Thị trấn” ở đầu",
                "chữ hoa/thường",
                "cách đặt dấu thanh (“oà”/“òa”, “uỵ”/“ụy”)"
            ])
        );
        assert_eq!(
            check_name("Xã Đinh Xá", "Xã Ðinh Xá"),
            NameCheck::Alike(vec!["chữ Ð (eth) thay cho chữ Đ"])
        );
    }

    #[test]
    fn another_name_says_which_word_differs() {
        let NameCheck::Different(why) = check_name("Xã Phù Vân", "Xã Phú Vân") else {
            panic!("a different tone is a different name")
        };
        assert_eq!(why, "khác ở chữ “Phú” (danh mục viết “Phù”)");
        let NameCheck::Different(why) = check_name("Xã Phù Vân", "Xã Phù Vân Mới") else {
            panic!()
        };
        assert!(why.contains("khác ở chữ “Mới”"), "{why}");
        assert_eq!(
            check_name("Xã Phù Vân", "Xã Kim Bình"),
            NameCheck::Different("không có chữ nào giống tên trong danh mục".into())
        );
        // A Cyrillic "а" looks like a Latin "a": the message names it.
        let NameCheck::Different(why) = check_name("Xã Liêm Tuyền", "Xã Liêm Tuyền\u{430}")
        else {
            panic!()
        };
        assert!(why.contains("U+0430"), "{why}");
    }
}
