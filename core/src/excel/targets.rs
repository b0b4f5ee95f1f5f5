//! The movement targets T1–T9 of a year, with the yearly figures they are computed from.

use super::book::{basis_sheet, col, BasisRow, Book, Cell, Format, Heading, Sheet};
use crate::figures::{Figures, FIELDS};
use crate::rules::Standing;
use crate::targets::TargetResult;

pub const TITLE: &str = "KẾT QUẢ THỰC HIỆN CÁC MỤC TIÊU PHONG TRÀO";

/// The workbook of `results` (T1–T9 in `year`) and every year of `figures`.
pub fn book(results: &[TargetResult], figures: &Figures, year: u16, today: &str) -> Book {
    let heading = Heading {
        unit: figures.unit_name.clone(),
        title: TITLE.into(),
        year: format!("Năm {year}"),
        made: today.into(),
    };
    let rows = results
        .iter()
        .map(|r| {
            let t = &r.target;
            let f = Format::of(t.kind);
            vec![
                Cell::text(t.id.clone()),
                Cell::text(t.name.clone()),
                Cell::text(t.comparison.symbol()),
                Cell::number(t.threshold, f),
                Cell::number(t.upper, f),
                Cell::number(r.actual, f),
                Cell::text(t.unit.clone()),
                Cell::text(r.outcome.label_vi()),
                // Attainment as the chart shows it: % of what is required.
                Cell::number(r.attainment_pct(), Format::Percent),
                Cell::text(r.gap_text()),
                Cell::text(r.figure_source.clone().unwrap_or_default()),
                Cell::text(r.warning.clone().unwrap_or_default()),
            ]
        })
        .collect();
    let main = Sheet {
        name: "Mục tiêu".into(),
        heading: heading.clone(),
        columns: vec![
            col("Mã", 6.0),
            col("Mục tiêu", 44.0),
            col("So sánh", 8.0),
            col("Chỉ tiêu", 16.0),
            col("Mức cao", 12.0),
            col("Thực hiện", 16.0),
            col("Đơn vị tính", 16.0),
            col("Kết quả", 14.0),
            col("Mức đạt so với chỉ tiêu", 12.0),
            col("Còn lại", 36.0),
            col("Nguồn số liệu", 24.0),
            col("Lưu ý", 36.0),
        ],
        rows,
    };
    let mut columns = vec![col("Năm", 7.0)];
    columns.extend(FIELDS.iter().map(|f| col(f.label_vi(), 18.0)));
    columns.push(col("Chuẩn nghèo", 22.0));
    columns.push(col("Nguồn số liệu", 24.0));
    let yearly = Sheet {
        name: "Số liệu theo năm".into(),
        heading: Heading {
            title: "SỐ LIỆU THEO NĂM".into(),
            year: "Các năm".into(),
            ..heading.clone()
        },
        columns,
        rows: figures
            .years
            .iter()
            .map(|(y, fy)| {
                let mut rec = vec![Cell::Number(f64::from(*y), Format::Decimal)];
                rec.extend(
                    FIELDS
                        .iter()
                        .map(|f| Cell::number(f.get(fy), Format::of(f.kind()))),
                );
                rec.push(Cell::text(fy.poverty_standard.map_or("", |p| p.label_vi())));
                rec.push(Cell::text(fy.source.clone().unwrap_or_default()));
                rec
            })
            .collect(),
    };
    let basis = results
        .iter()
        .map(|r| {
            let t = &r.target;
            BasisRow {
                group: "Mục tiêu phong trào",
                code: &t.id,
                name: &t.name,
                required: r.target_text(),
                document: t.source.citation(),
                status: match t.threshold {
                    None => Standing::Missing,
                    Some(_) => Standing::from(t.status),
                }
                .label_vi(),
            }
        })
        .collect();
    Book {
        sheets: vec![main, yearly, basis_sheet(heading, "Nhóm", basis)],
    }
}

/// `muc-tieu-2025.xlsx`.
pub fn file_name(year: u16) -> String {
    format!("muc-tieu-{year}.xlsx")
}
