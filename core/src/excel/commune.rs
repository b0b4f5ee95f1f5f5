//! The commune's self-assessment as a workbook: "Tự đánh giá" (one row per indicator, the
//! values and evidence a commune may fill in Excel), "Hồ sơ" (the commune, year, rules and
//! recognition conditions) and "Căn cứ". `read` takes the same layout back.

use super::book::{basis_sheet, col, BasisRow, Book, Cell, Format, Heading, Sheet};
use crate::criteria::Assessment;
use crate::dossier::{Dossier, KeptRow, KEPT_NOTE};
use crate::export::{lines, KEPT_OUTCOME};
use crate::rules::{ConditionField, Kind};
use serde_json::Value as Json;

pub const SHEET: &str = "Tự đánh giá";
pub const INFO_SHEET: &str = "Hồ sơ";

/// The columns of "Tự đánh giá"; the reader finds the set, code, value and evidence by them.
pub const COLUMNS: [(&str, f64); 11] = [
    ("Bộ tiêu chí", 22.0),
    ("Tiêu chí", 24.0),
    ("Mã chỉ tiêu", 9.0),
    ("Chỉ tiêu", 44.0),
    ("Mức yêu cầu", 18.0),
    ("Giá trị", 16.0),
    ("Kết quả", 14.0),
    ("Diễn giải", 44.0),
    ("Tình trạng căn cứ", 22.0),
    ("Căn cứ", 40.0),
    ("Minh chứng", 40.0),
];
// Where the reader (`read.rs`, feature "excel") finds the columns it reads back.
#[cfg(feature = "excel")]
pub(super) const COL_SET: usize = 0;
#[cfg(feature = "excel")]
pub(super) const COL_CODE: usize = 2;
#[cfg(feature = "excel")]
pub(super) const COL_NAME: usize = 3;
#[cfg(feature = "excel")]
pub(super) const COL_VALUE: usize = 5;
#[cfg(feature = "excel")]
pub(super) const COL_OUTCOME: usize = 6;
#[cfg(feature = "excel")]
pub(super) const COL_EVIDENCE: usize = 10;

/// The rows of "Hồ sơ" before the conditions, in order.
pub const INFO: [&str; 6] = [
    "Mã xã",
    "Tên xã",
    "Mã huyện",
    "Năm đánh giá",
    "Bộ tiêu chí",
    "Mã kiểm tra bộ tiêu chí",
];

pub const TITLE: &str = "BẢNG TỰ ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ NÔNG THÔN MỚI";

/// A yes/no as the kernel reads it back (`Kind::parse`).
pub(super) fn yes_no(b: bool) -> Cell {
    Cell::text(if b { "Có" } else { "Không" })
}

/// A value as a typed cell: numbers as numbers in their kind's format, yes/no in words.
fn value_cell(kind: Kind, v: Option<crate::Value>) -> Cell {
    match v {
        None => Cell::Empty,
        Some(crate::Value::Bool(b)) => yes_no(b),
        Some(crate::Value::Number(n)) => Cell::Number(n, Format::of(kind)),
    }
}

/// A value kept under a code the rules lack, as read: numbers stay numbers.
fn kept_cell(k: &KeptRow) -> Cell {
    match serde_json::from_str::<Json>(&k.json) {
        Ok(Json::Number(n)) => Cell::number(n.as_f64(), Format::Decimal),
        Ok(Json::Bool(b)) => yes_no(b),
        _ => Cell::text(k.value.clone()),
    }
}

/// The workbook of `dossier` assessed as `a`; `today` is the ISO date it is made.
pub fn book(a: &Assessment, dossier: &Dossier, kept: &[KeptRow], today: &str) -> Book {
    let heading = Heading {
        // "UBND xã Phù Vân": the unit's word is lower-case after "UBND".
        unit: format!(
            "UBND {}",
            dossier
                .unit
                .name
                .strip_prefix("Xã ")
                .map_or(dossier.unit.name.clone(), |n| format!("xã {n}"))
        ),
        title: TITLE.into(),
        year: format!("Năm {}", dossier.year),
        made: today.into(),
    };
    let all = lines(a);
    let evidence = |set: &str, code: &str| {
        dossier
            .evidence
            .get(set)
            .and_then(|m| m.get(code))
            .cloned()
            .unwrap_or_default()
    };
    let mut rows: Vec<Vec<Cell>> = all
        .iter()
        .map(|l| {
            vec![
                Cell::text(l.set_title),
                Cell::text(l.criterion.clone()),
                Cell::text(l.code),
                Cell::text(&*l.indicator.name),
                Cell::text(l.required.clone()),
                // Computed values are shown, locked: they are changed at their source.
                if l.indicator.is_entered() {
                    value_cell(l.indicator.kind, l.value).input()
                } else {
                    value_cell(l.indicator.kind, l.value)
                },
                Cell::text(l.outcome),
                Cell::text(l.why.clone()),
                Cell::text(l.basis.clone()),
                Cell::text(l.citation.clone()),
                Cell::text(evidence(l.set_id, &l.indicator.code)).input(),
            ]
        })
        .collect();
    let why = crate::text::sentence(KEPT_NOTE);
    rows.extend(kept.iter().map(|k| {
        vec![
            Cell::text(k.set.clone()),
            Cell::Empty,
            Cell::text(k.code.clone()),
            Cell::Empty,
            Cell::Empty,
            kept_cell(k).input(),
            Cell::text(KEPT_OUTCOME.0),
            Cell::text(why.clone()),
            Cell::Empty,
            Cell::Empty,
            Cell::text(k.evidence.clone().unwrap_or_default()).input(),
        ]
    }));
    let main = Sheet {
        name: SHEET.into(),
        heading: heading.clone(),
        columns: COLUMNS.iter().map(|(h, w)| col(h, *w)).collect(),
        rows,
    };
    let basis = basis_sheet(
        heading.clone(),
        "Bộ tiêu chí",
        all.iter()
            .map(|l| BasisRow {
                group: l.set_title,
                code: l.code,
                name: &l.indicator.name,
                required: l.required.clone(),
                document: l.citation.clone(),
                status: l.threshold_status,
            })
            .collect(),
    );
    Book {
        sheets: vec![main, info_sheet(dossier, heading), basis],
    }
}

/// "Hồ sơ": who, which year, which rules, and the recognition conditions.
fn info_sheet(d: &Dossier, heading: Heading) -> Sheet {
    let c = &d.conditions;
    let (rules_id, rules_hash) = d
        .rules
        .as_ref()
        .map_or((String::new(), String::new()), |r| {
            (r.id.clone(), r.hash.clone())
        });
    let mut rows: Vec<Vec<Cell>> = INFO
        .iter()
        .zip([
            Cell::text(d.unit.code.clone()),
            Cell::text(d.unit.name.clone()),
            Cell::text(d.unit.district_code.clone()),
            Cell::Number(f64::from(d.year), Format::Decimal),
            Cell::text(rules_id),
            Cell::text(rules_hash),
        ])
        .map(|(label, v)| vec![Cell::text(*label), v])
        .collect();
    for f in ConditionField::ALL {
        let v = match f {
            ConditionField::SatisfactionPct => Cell::number(c.satisfaction_pct, Format::Percent),
            ConditionField::XdcbDebtVnd => Cell::number(c.xdcb_debt_vnd, Format::Money),
            ConditionField::SecurityOrderOk => c.security_order_ok.map_or(Cell::Empty, yes_no),
            ConditionField::SmartVillageModels => {
                Cell::number(c.smart_village_models.map(f64::from), Format::Count)
            }
            // One field a line, as the form takes them.
            ConditionField::OutstandingFields => {
                Cell::text(c.outstanding_fields.clone().unwrap_or_default().join("\n"))
            }
        };
        rows.push(vec![Cell::text(f.label_vi()), v.input()]);
    }
    Sheet {
        name: INFO_SHEET.into(),
        heading: Heading {
            title: "THÔNG TIN HỒ SƠ VÀ ĐIỀU KIỆN CÔNG NHẬN".into(),
            ..heading
        },
        columns: vec![col("Mục", 36.0), col("Giá trị", 44.0)],
        rows,
    }
}

/// The file name: `ho-so-13306-2025.xlsx`.
pub fn file_name(d: &Dossier) -> String {
    format!("ho-so-{}-{}.xlsx", d.unit.code, d.year)
}
