//! The council's nomination list and the good-models register as workbooks: the CSVs' rows,
//! the estimated money as a number of đồng, dates as dates; "Căn cứ" lists the award standards
//! and the money rules with their documents and status.

use super::book::{basis_sheet, col, BasisRow, Book, Cell, Format, Heading, Sheet};
use crate::awards::{AwardRules, CandidateResult};
use crate::nominations::{
    lines, model_texts, GoodModel, Register, MODEL_HEADERS, NOMINATION_HEADERS,
};
use crate::rules::Standing;
use crate::text::format_money;

pub const TITLE: &str =
    "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG PHONG TRÀO “CHUNG SỨC XÂY DỰNG NÔNG THÔN MỚI”";
pub const MODELS_TITLE: &str = "SỔ ĐIỂN HÌNH TIÊN TIẾN, MÔ HÌNH HAY";

fn heading(register: &Register, title: &str, today: &str) -> Heading {
    let unit = if register.unit.trim().is_empty() {
        "Hội đồng Thi đua – Khen thưởng".to_string()
    } else {
        register.unit.clone()
    };
    let year = match &register.decision_date {
        Some(d) => format!(
            "Ngày dự kiến quyết định khen thưởng: {}",
            crate::text::vi_date(d)
        ),
        None => "Giai đoạn 2021–2025".into(),
    };
    Heading {
        unit,
        title: title.into(),
        year,
        made: today.into(),
    }
}

const WIDTHS: [f64; 10] = [6.0, 26.0, 24.0, 22.0, 36.0, 30.0, 18.0, 44.0, 40.0, 16.0];

/// The council's list, one row per candidate in register order.
pub fn book(
    rules: &AwardRules,
    register: &Register,
    results: &[CandidateResult],
    today: &str,
) -> Book {
    let heading = heading(register, TITLE, today);
    let rows = lines(rules, register, results)
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            vec![
                Cell::count(i + 1),
                Cell::text(l.name),
                Cell::text(l.group),
                Cell::text(l.unit),
                Cell::text(l.achievement),
                Cell::text(l.award),
                Cell::text(l.verdict),
                Cell::text(l.reason),
                Cell::text(l.basis),
                Cell::number(l.money_vnd.map(|m| m as f64), Format::Money),
            ]
        })
        .collect();
    let mut columns: Vec<_> = NOMINATION_HEADERS
        .iter()
        .zip(WIDTHS)
        .map(|(h, w)| col(h, w))
        .collect();
    // The amount is a number of đồng in the cell; the header need not say it.
    columns[9].header = "Tiền thưởng dự tính".into();
    let main = Sheet {
        name: "Danh sách đề nghị".into(),
        heading: heading.clone(),
        columns,
        rows,
    };
    Book {
        sheets: vec![main, basis(rules, heading)],
    }
}

/// Each award standard, base salary and money multiple with its document and status.
fn basis(rules: &AwardRules, heading: Heading) -> Sheet {
    let award_name = |id: &str| rules.award(id).map_or(id.to_string(), |a| a.name.clone());
    let names: Vec<String> = rules
        .standards
        .iter()
        .map(|s| award_name(&s.award))
        .collect();
    let money: Vec<(String, String)> = rules
        .money
        .multipliers
        .iter()
        .map(|m| {
            (
                award_name(&m.award),
                format!(
                    "{} × lương cơ sở (cá nhân), {} × (tập thể)",
                    crate::text::format_decimal(m.individual),
                    crate::text::format_decimal(m.collective)
                ),
            )
        })
        .collect();
    let salaries: Vec<String> = rules
        .money
        .base_salary
        .iter()
        .map(|b| {
            format!(
                "{} từ {}",
                format_money(b.vnd as f64),
                crate::text::vi_date(&b.from)
            )
        })
        .collect();
    let mut rows: Vec<BasisRow<'_>> = rules
        .standards
        .iter()
        .zip(&names)
        .map(|(s, name)| BasisRow {
            group: "Tiêu chuẩn khen thưởng",
            code: name,
            name: &s.text,
            required: String::new(),
            document: s.source.citation(),
            status: Standing::from(s.status).label_vi(),
        })
        .collect();
    rows.extend(
        rules
            .money
            .base_salary
            .iter()
            .zip(&salaries)
            .map(|(b, text)| BasisRow {
                group: "Mức lương cơ sở",
                code: "",
                name: "Mức lương cơ sở",
                required: text.clone(),
                document: b.source.citation(),
                status: Standing::from(b.status).label_vi(),
            }),
    );
    rows.extend(
        rules
            .money
            .multipliers
            .iter()
            .zip(&money)
            .map(|(m, (award, text))| BasisRow {
                group: "Mức tiền thưởng",
                code: "",
                name: award,
                required: text.clone(),
                document: m.source.citation(),
                status: Standing::from(m.status).label_vi(),
            }),
    );
    basis_sheet(heading, "Nhóm", rows)
}

/// A model's "since": a date stays a date, a year a number, other text as written.
fn since_cell(since: &str) -> Cell {
    let t = since.trim();
    if crate::text::iso_to_vi_date(t).is_some() {
        Cell::Date(t.into())
    } else if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) {
        Cell::Number(t.parse().unwrap_or_default(), Format::Decimal)
    } else {
        Cell::text(t)
    }
}

/// The register of good models.
pub fn models_book(register: &Register, models: &[GoodModel], today: &str) -> Book {
    let widths = [6.0, 18.0, 30.0, 22.0, 26.0, 40.0, 30.0, 12.0, 36.0];
    let rows = models
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let (figures, evidence) = model_texts(m);
            vec![
                Cell::count(i + 1),
                Cell::text(m.kind.label_vi()),
                Cell::text(m.name.clone()),
                Cell::text(m.place.clone()),
                Cell::text(m.who.clone()),
                Cell::text(m.results.clone()),
                Cell::text(figures),
                since_cell(&m.since),
                Cell::text(evidence),
            ]
        })
        .collect();
    Book {
        sheets: vec![Sheet {
            name: "Sổ điển hình".into(),
            heading: heading(register, MODELS_TITLE, today),
            columns: MODEL_HEADERS
                .iter()
                .zip(widths)
                .map(|(h, w)| col(h, w))
                .collect(),
            rows,
        }],
    }
}

pub const FILE_NAME: &str = "danh-sach-de-nghi-khen-thuong.xlsx";
pub const MODELS_FILE_NAME: &str = "so-dien-hinh-tien-tien.xlsx";
