//! The consolidated table (Tổng hợp) as a workbook: the same rows as its CSV, counts as
//! numbers; and "Căn cứ" with each threshold of the rules in use.

use super::book::{basis_sheet, col, BasisRow, Book, Cell, Format, Heading, Sheet};
use crate::consolidate::{ntm_columns, Row};
use crate::rules::{badges, Indicator, Rules, Threshold};
use crate::rules_edit::{normalize, threshold_text};
use crate::text::shown_code;

pub const TITLE: &str = "BẢNG TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ CỦA CÁC XÃ";

/// The workbook of `rows` (in the order shown), for `year` (`None`: every year).
pub fn book(rules: &Rules, rows: &[&Row], year: Option<u16>, today: &str) -> Book {
    let cols = ntm_columns(rules);
    let reference = rules.reference();
    // The district when every row is of one, else the province (the app is Hà Nam's).
    let unit = match rows.first() {
        Some(f) if rows.iter().all(|r| r.district_code == f.district_code) => {
            f.district_name.clone()
        }
        _ => "Tỉnh Hà Nam".into(),
    };
    let heading = Heading {
        unit,
        title: TITLE.into(),
        year: year.map_or("Tất cả các năm".into(), |y| format!("Năm {y}")),
        made: today.into(),
    };
    let mut columns = vec![
        col("STT", 6.0),
        col("Mã xã", 9.0),
        col("Xã", 22.0),
        col("Huyện", 18.0),
        col("Năm", 7.0),
        col("Mức đạt", 18.0),
        col("Số tiêu chí NTM đạt", 11.0),
        col("Tổng số tiêu chí NTM", 11.0),
    ];
    columns.extend(
        cols.iter()
            .map(|(code, name)| col(&format!("TC{code} {name}"), 14.0)),
    );
    columns.push(col("Trạng thái", 16.0));
    columns.push(col("Bộ tiêu chí", 30.0));
    let table = rows
        .iter()
        .enumerate()
        .map(|(n, r)| {
            let mut rec = vec![
                Cell::count(n + 1),
                Cell::text(r.key.unit_code.clone()),
                Cell::text(r.unit_name.clone()),
                Cell::text(r.district_name.clone()),
                Cell::Number(f64::from(r.key.year), Format::Decimal),
                Cell::text(r.level.label_vi()),
                Cell::count(r.ntm_met),
                Cell::count(r.ntm_total),
            ];
            rec.extend(
                (0..cols.len())
                    .map(|i| Cell::text(r.ntm.get(i).map_or("Chưa xác định", |o| o.label_vi()))),
            );
            rec.push(Cell::text(r.state.label_vi()));
            let mut rules_cell = format!("{} ({})", reference.id, reference.short_hash());
            if let Some(o) = &r.other_rules {
                rules_cell.push_str(&format!(
                    "; hồ sơ lập theo bộ {} ({})",
                    o.id,
                    o.short_hash()
                ));
            }
            rec.push(Cell::text(rules_cell));
            rec
        })
        .collect();
    let main = Sheet {
        name: "Tổng hợp".into(),
        heading: heading.clone(),
        columns,
        rows: table,
    };
    let basis = rules
        .sets
        .iter()
        .flat_map(|s| s.indicators().map(move |(_, i)| (s, i)))
        .map(|(s, i)| BasisRow {
            group: &s.title,
            code: shown_code(&i.code),
            name: &i.name,
            required: required(i),
            document: i.source.citation(),
            status: badges(i, year, rules)[0].standing.label_vi(),
        })
        .collect();
    Book {
        sheets: vec![main, basis_sheet(heading, "Bộ tiêu chí", basis)],
    }
}

/// "≥ 95 %", "Đạt", "chưa có ngưỡng": the comparison before numbers only.
fn required(i: &Indicator) -> String {
    let t = threshold_text(i.kind, i.threshold.as_ref(), i.unit.as_deref());
    match normalize(i.threshold.as_ref()) {
        None | Some(Threshold::Flag(_)) => t,
        Some(_) => format!("{} {t}", i.comparison.symbol()),
    }
}

/// `tong-hop-2024.xlsx`, `tong-hop-tat-ca.xlsx`: the CSV's name.
pub fn file_name(year: Option<u16>) -> String {
    crate::consolidate::csv_file_name(year).replace(".csv", ".xlsx")
}
