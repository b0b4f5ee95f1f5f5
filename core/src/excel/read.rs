//! Reading back the commune workbook the app wrote (calamine): the same dossier, or the first
//! bad cell named by its sheet and address. Typed text goes through the input kernel; the
//! dossier is then checked as a JSON import is (`Dossier::read`), so both accept the same.

use super::book::{cell_address, HEADER_ROW};
use super::commune::{
    COLUMNS, COL_CODE, COL_EVIDENCE, COL_NAME, COL_OUTCOME, COL_SET, COL_VALUE, INFO, INFO_SHEET,
    SHEET,
};
use crate::dossier::{self, Read};
use crate::export::KEPT_OUTCOME;
use crate::rules::{ConditionField, CriteriaSet, Indicator, Kind, Rules};
use crate::text::{nfc, shown_code};
use calamine::{open_workbook_from_rs, Data, Range, Reader, Xlsx};
use serde_json::{json, Map, Value as Json};
use std::io::Cursor;

/// More rows than any rules file has indicators: a workbook beyond it is not the app's.
pub const MAX_ROWS: usize = 5_000;

/// A sheet of the workbook, and how its cells are named in messages.
struct Page<'a> {
    name: &'static str,
    range: &'a Range<Data>,
}

impl Page<'_> {
    fn get(&self, row: u32, col: usize) -> &Data {
        self.range
            .get_value((row, col as u32))
            .unwrap_or(&Data::Empty)
    }

    /// "Trang Tự đánh giá, ô F14: …".
    fn bad(&self, row: u32, col: usize, what: impl std::fmt::Display) -> String {
        format!(
            "Trang {}, ô {}: {what}",
            self.name,
            cell_address(row, col as u16)
        )
    }

    /// A cell as text: words as written, numbers as Rust writes them (codes typed as numbers).
    fn text(&self, row: u32, col: usize) -> String {
        match self.get(row, col) {
            Data::String(s) => nfc(s.trim()),
            Data::Float(f) => f.to_string(),
            Data::Int(i) => i.to_string(),
            Data::Bool(b) => if *b { "Có" } else { "Không" }.into(),
            _ => String::new(),
        }
    }

    /// The last row holding anything (0 for an empty sheet).
    fn end(&self) -> u32 {
        self.range.end().map_or(0, |(r, _)| r)
    }

    /// A value of `kind`: a number cell is checked by the kernel's range rule, typed text is
    /// read by the kernel (`6.000`, `95,5`, `có`).
    fn value(&self, row: u32, col: usize, kind: Kind) -> Result<Option<crate::Value>, String> {
        let bad = |what: String| self.bad(row, col, what);
        match self.get(row, col) {
            Data::Empty => Ok(None),
            Data::String(s) => kind.parse(s).map_err(|p| bad(p.message_vi(kind))),
            Data::Bool(b) if kind == Kind::Boolean => Ok(Some(crate::Value::Bool(*b))),
            Data::Float(_) | Data::Int(_) if kind == Kind::Boolean => {
                Err(bad(format!("phải là {}", Kind::Boolean.examples())))
            }
            d @ (Data::Float(_) | Data::Int(_)) => {
                let n = match d {
                    Data::Int(i) => *i as f64,
                    Data::Float(f) => *f,
                    _ => f64::NAN,
                };
                kind.check(n)
                    .map(|()| Some(crate::Value::Number(n)))
                    .map_err(|p| bad(p.message_vi(kind)))
            }
            Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => Err(bad(
                "Excel đã đổi ô này thành ngày tháng; gõ lại số (định dạng ô là Số hoặc Văn bản)"
                    .into(),
            )),
            Data::Error(e) => Err(bad(format!("ô báo lỗi {e}"))),
            Data::Bool(_) => Err(bad(format!("phải là số ({})", kind.examples()))),
        }
    }
}

fn open(bytes: &[u8]) -> Result<Xlsx<Cursor<&[u8]>>, String> {
    open_workbook_from_rs(Cursor::new(bytes)).map_err(|_| {
        "Không đọc được tệp Excel: tệp không phải dạng .xlsx hoặc đã hỏng.".to_string()
    })
}

fn sheet(wb: &mut Xlsx<Cursor<&[u8]>>, name: &str) -> Result<Range<Data>, String> {
    wb.worksheet_range(name).map_err(|_| {
        format!(
            "Tệp Excel không có trang “{name}”: hãy dùng tệp Excel mà Chung Sức đã xuất cho hồ sơ xã."
        )
    })
}

/// The dossier of a workbook made by `commune::book`, checked against `rules`.
pub fn read_commune(bytes: &[u8], rules: &Rules) -> Result<Read, String> {
    let mut wb = open(bytes)?;
    let (main, info) = (sheet(&mut wb, SHEET)?, sheet(&mut wb, INFO_SHEET)?);
    let main = Page {
        name: SHEET,
        range: &main,
    };
    let info = Page {
        name: INFO_SHEET,
        range: &info,
    };
    if main.end() as usize > MAX_ROWS || info.end() as usize > MAX_ROWS {
        return Err(format!(
            "Tệp Excel có hơn {MAX_ROWS} dòng: không phải tệp hồ sơ xã của Chung Sức."
        ));
    }
    let mut file = read_info(&info)?;
    let (values, evidence) = read_indicators(&main, rules)?;
    file.insert("values".into(), values);
    file.insert("evidence".into(), evidence);
    let text = Json::Object(file).to_string();
    dossier::Dossier::read(&text, rules).map_err(|e| {
        // Only who and which year are left to check here; the cells named are "Hồ sơ"'s.
        let row = match e.field.segments().first() {
            Some(crate::error::PathSegment::Field(f)) if f == "year" => Some(3),
            Some(crate::error::PathSegment::Field(f)) if f == "unit" => Some(0),
            _ => None,
        };
        match row {
            Some(r) => info.bad(HEADER_ROW + 1 + r, 1, &e.problem),
            None => format!("Trang {}: {e}", INFO_SHEET),
        }
    })
}

/// "Hồ sơ": the commune, year, rules reference and conditions, found by their labels.
fn read_info(p: &Page<'_>) -> Result<Map<String, Json>, String> {
    let row_of = |label: &str| -> Result<u32, String> {
        (HEADER_ROW + 1..=p.end().max(HEADER_ROW + 1))
            .find(|&r| p.text(r, 0) == label)
            .ok_or_else(|| format!("Trang {}: thiếu dòng “{label}”.", p.name))
    };
    let text = |label: &str| -> Result<String, String> { Ok(p.text(row_of(label)?, 1)) };
    let [code, name, district, year, rules_id, rules_hash] = INFO;
    let year_row = row_of(year)?;
    let year_value = p
        .value(year_row, 1, Kind::Count)?
        .and_then(|v| v.as_number())
        .ok_or_else(|| p.bad(year_row, 1, "thiếu năm đánh giá"))?;
    let mut file = Map::new();
    file.insert("format".into(), dossier::FORMAT.into());
    file.insert("version".into(), dossier::VERSION.into());
    file.insert(
        "unit".into(),
        json!({"code": text(code)?, "name": text(name)?, "district_code": text(district)?}),
    );
    file.insert("year".into(), json!(year_value as u64));
    let (id, hash) = (text(rules_id)?, text(rules_hash)?);
    if !id.is_empty() || !hash.is_empty() {
        file.insert("rules".into(), json!({"id": id, "hash": hash}));
    }
    let mut conditions = Map::new();
    for f in ConditionField::ALL {
        let r = row_of(f.label_vi())?;
        let v = match f.kind() {
            Some(kind) => match p.value(r, 1, kind)? {
                Some(crate::Value::Number(n)) => json!(n),
                Some(crate::Value::Bool(b)) => json!(b),
                None => continue,
            },
            None => {
                let fields: Vec<String> = p
                    .text(r, 1)
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(String::from)
                    .collect();
                if fields.is_empty() {
                    continue;
                }
                json!(fields)
            }
        };
        conditions.insert(f.code().into(), v);
    }
    file.insert("conditions".into(), Json::Object(conditions));
    Ok(file)
}

/// The set a row names: by its title, or `bộ “id”` for a set the rules lack (`KeptRow::set`).
fn set_id<'r>(rules: &'r Rules, title: &str) -> Option<(String, Option<&'r CriteriaSet>)> {
    if let Some(s) = rules.sets.iter().find(|s| nfc(&s.title) == title) {
        return Some((s.id.to_string(), Some(s)));
    }
    let id = title.strip_prefix("bộ “")?.strip_suffix('”')?;
    Some((id.to_string(), rules.set(id)))
}

fn indicator<'s>(set: &'s CriteriaSet, code: &str, name: &str) -> Option<&'s Indicator> {
    let mut found = set
        .indicators()
        .map(|(_, i)| i)
        .filter(|i| shown_code(&i.code) == code);
    let first = found.next()?;
    // Two indicators shown with one code (`18` and `18.x`) are told apart by their name.
    match found.next() {
        None => Some(first),
        Some(second) => [first, second]
            .into_iter()
            .chain(found)
            .find(|i| nfc(&i.name) == name),
    }
}

/// A value kept under a code the rules lack, back as its file held it.
fn kept_value(p: &Page<'_>, row: u32) -> Option<Json> {
    match p.get(row, COL_VALUE) {
        Data::Float(f) => Some(json!(f)),
        Data::Int(i) => Some(json!(i)),
        Data::Bool(b) => Some(json!(b)),
        Data::String(_) => {
            let t = p.text(row, COL_VALUE);
            Some(match crate::text::lower(&t).as_str() {
                "" => return None,
                "có" => json!(true),
                "không" => json!(false),
                _ => match t.strip_prefix('“').and_then(|s| s.strip_suffix('”')) {
                    Some(s) => json!(s),
                    None => json!(t),
                },
            })
        }
        _ => None,
    }
}

/// "Tự đánh giá": the value and evidence of each row, by set id then code.
fn read_indicators(p: &Page<'_>, rules: &Rules) -> Result<(Json, Json), String> {
    for c in [COL_SET, COL_CODE, COL_VALUE, COL_EVIDENCE] {
        if p.text(HEADER_ROW, c) != COLUMNS[c].0 {
            return Err(p.bad(
                HEADER_ROW,
                c,
                format!(
                    "phải là tiêu đề “{}” như tệp Chung Sức đã xuất (đừng xóa hay chèn cột)",
                    COLUMNS[c].0
                ),
            ));
        }
    }
    let (mut values, mut evidence) = (Map::new(), Map::new());
    let mut seen = std::collections::HashMap::new();
    for r in HEADER_ROW + 1..=p.end() {
        let (set_text, code) = (p.text(r, COL_SET), p.text(r, COL_CODE));
        if set_text.is_empty() && code.is_empty() {
            continue;
        }
        let unknown = || {
            p.bad(
                r,
                COL_CODE,
                format!("không có chỉ tiêu “{code}” của “{set_text}” trong bộ tiêu chí đang dùng"),
            )
        };
        let (set, known) = set_id(rules, &set_text).ok_or_else(unknown)?;
        let ind = known.and_then(|s| indicator(s, &code, &p.text(r, COL_NAME)));
        let (key, v) = match ind {
            // Computed from "Hồ sơ" or another row (and locked in the workbook): not read.
            Some(ind) if !ind.is_entered() => (ind.code.to_string(), None),
            Some(ind) => (
                ind.code.to_string(),
                p.value(r, COL_VALUE, ind.kind)?.map(|v| json!(v)),
            ),
            None if p.text(r, COL_OUTCOME) == KEPT_OUTCOME.0 => (code.clone(), kept_value(p, r)),
            None => return Err(unknown()),
        };
        if let Some(first) = seen.insert((set.clone(), key.clone()), r) {
            return Err(p.bad(
                r,
                COL_CODE,
                format!("chỉ tiêu “{code}” đã có ở dòng {}", first + 1),
            ));
        }
        if let Some(v) = v {
            insert(&mut values, &set, &key, v);
        }
        // Evidence as written (not trimmed): the note comes back as it was.
        let note = match p.get(r, COL_EVIDENCE) {
            Data::String(s) => nfc(s),
            _ => p.text(r, COL_EVIDENCE),
        };
        if !note.trim().is_empty() {
            insert(&mut evidence, &set, &key, json!(note));
        }
    }
    Ok((Json::Object(values), Json::Object(evidence)))
}

fn insert(m: &mut Map<String, Json>, set: &str, code: &str, v: Json) {
    m.entry(set)
        .or_insert_with(|| Json::Object(Map::new()))
        .as_object_mut()
        .expect("a set's map")
        .insert(code.into(), v);
}
