//! CSV exports of an assessment: one for Excel (UTF-8 BOM, Vietnamese headers and numbers),
//! one plain for machines.

use crate::criteria::{Assessment, Required};
use crate::dossier::{KeptRow, Value, KEPT_NOTE};
use crate::rules::Source;
use crate::text::shown_code;
use std::borrow::Cow;
use std::sync::Arc;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Excel would run a cell that starts like a formula.
fn like_formula(cell: &str) -> bool {
    matches!(
        cell.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    )
}

/// A leading apostrophe keeps a formula-like cell text.
pub fn formula_safe(cell: &str) -> String {
    if like_formula(cell) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// Excel reads a cell like `2/19`, `1-2`, `8:30`, `0123`, `17.10`, `1.490` or `1e5` as a date, a
/// time or another number; a whole number without a leading zero (15 digits at most) reads back
/// the same.
fn read_as_other(cell: &str) -> bool {
    let t = cell.trim();
    let Some(first) = t.chars().next() else {
        return false;
    };
    let numeric = |c: char| c.is_ascii_digit() || " .,/:-%eE".contains(c);
    if !(first.is_ascii_digit() || first == '.' || first == ',') || !t.chars().all(numeric) {
        return false;
    }
    let plain_whole = t.len() <= 15
        && t.bytes().all(|b| b.is_ascii_digit())
        && (t.len() == 1 || !t.starts_with('0'));
    !plain_whole
}

/// A cell for Excel, kept as the text it is: a formula-like cell gets a leading apostrophe (never
/// run); a cell Excel would read as a date or another number is written `="…"`, which Excel
/// shows as that text (a formula holds at most 255 characters: longer ones get the apostrophe).
pub fn excel_cell(cell: &str) -> Cow<'_, str> {
    if like_formula(cell) {
        Cow::Owned(format!("'{cell}"))
    } else if read_as_other(cell) {
        if cell.chars().count() <= 250 {
            // No quote to double: such a cell holds only digits and `.,/:-% eE`.
            Cow::Owned(format!("=\"{cell}\""))
        } else {
            Cow::Owned(format!("'{cell}"))
        }
    } else {
        Cow::Borrowed(cell)
    }
}

/// `excel_cell` as bytes for the CSV writer, copying only the cells it changes.
pub(crate) fn cell_bytes(cell: &str) -> Cow<'_, [u8]> {
    match excel_cell(cell) {
        Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
        Cow::Owned(s) => Cow::Owned(s.into_bytes()),
    }
}

/// What the outcome column says of a kept value (`Dossier::unknown`).
pub const KEPT_OUTCOME: (&str, &str) = ("Không đánh giá", "khong_danh_gia");

/// For Excel: BOM, comma-separated, Vietnamese headers, one row per indicator, then one per
/// value kept under a code the rules do not have (`kept`, from `Unknown::rows`).
pub fn csv_excel(a: &Assessment, kept: &[KeptRow]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(BOM.to_vec());
    w.write_record([
        "Bộ tiêu chí",
        "Tiêu chí",
        "Mã chỉ tiêu",
        "Chỉ tiêu",
        "Mức yêu cầu",
        "Giá trị",
        "Kết quả",
        "Diễn giải",
        "Tình trạng căn cứ",
        "Căn cứ",
    ])
    .expect("write to memory");
    for l in lines(a) {
        let value = l
            .value
            .map(|v| l.indicator.kind.format_value(v, None))
            .unwrap_or_default();
        let row = [
            l.set_title,
            &l.criterion,
            l.code,
            &l.indicator.name,
            &l.required,
            &value,
            l.outcome,
            &l.why,
            &l.basis,
            &l.citation,
        ];
        w.write_record(row.iter().map(|c| cell_bytes(c)))
            .expect("write to memory");
    }
    let why = crate::text::sentence(KEPT_NOTE);
    for k in kept {
        let row = [
            &*k.set,
            "",
            &k.code,
            "",
            "",
            &k.value,
            KEPT_OUTCOME.0,
            &why,
            "",
            "",
        ];
        w.write_record(row.iter().map(|c| cell_bytes(c)))
            .expect("write to memory");
    }
    w.into_inner().expect("flush to memory")
}

/// One indicator's line of the exports for people (the Excel CSV, the .xlsx workbook).
pub struct Line<'a> {
    pub set_id: &'a str,
    pub set_title: &'a str,
    /// "14. Giáo dục và Đào tạo".
    pub criterion: String,
    /// The code people see (`text::shown_code`).
    pub code: &'a str,
    pub indicator: &'a crate::rules::Indicator,
    pub required: String,
    pub value: Option<Value>,
    pub outcome: &'static str,
    pub why: String,
    /// Both facts of the rule in words ("Ngưỡng: chưa có; …").
    pub basis: String,
    /// The threshold's standing alone, in the badges' words ("đã xác minh", "chưa có").
    pub threshold_status: &'static str,
    pub citation: String,
}

/// Every indicator of the assessment, in the rules' order.
pub fn lines(a: &Assessment) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut citation = LastCitation::default();
    for set in &a.sets {
        for (c, inds) in set.criteria_with_indicators() {
            let crit = format!("{}. {}", c.code(), c.name());
            for i in inds {
                let ind = i.indicator;
                out.push(Line {
                    set_id: &set.id,
                    set_title: &set.title,
                    criterion: crit.clone(),
                    code: shown_code(&ind.code),
                    indicator: ind,
                    required: i.required_text(),
                    value: i.value(),
                    outcome: i.outcome.label_vi(),
                    why: i.explanation(),
                    basis: a.basis_text(ind),
                    threshold_status: a.badges(ind)[0].standing.label_vi(),
                    citation: citation.of(&ind.source).to_string(),
                });
            }
        }
    }
    out
}

/// A source's citation, kept while the next indicators cite the same (most cite their set's).
#[derive(Default)]
struct LastCitation(Option<(Arc<Source>, String)>);

impl LastCitation {
    fn of(&mut self, source: &Arc<Source>) -> &str {
        // A province's file gives each indicator its own copy of the same source.
        let same = |s: &Arc<Source>| Arc::ptr_eq(s, source) || **s == **source;
        if !self.0.as_ref().is_some_and(|(s, _)| same(s)) {
            self.0 = Some((source.clone(), source.citation()));
        }
        self.0.as_ref().map_or("", |(_, c)| c.as_str())
    }
}

/// `value_plain` written into a reused buffer.
fn write_plain(buf: &mut Vec<u8>, v: Option<Value>) {
    buf.clear();
    match v {
        None => {}
        Some(Value::Bool(b)) => buf.extend_from_slice(if b { b"true" } else { b"false" }),
        Some(v) => serde_json::to_writer(&mut *buf, &v).expect("a number writes"),
    }
}

/// For machines: no BOM, codes instead of labels, numbers with a decimal point; values kept
/// under codes the rules do not have come last, their value as JSON, outcome `khong_danh_gia`.
pub fn csv_plain(a: &Assessment, kept: &[KeptRow]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "unit_code",
        "year",
        "set",
        "criterion",
        "code",
        "comparison",
        "required",
        "value",
        "outcome",
        "status",
        "threshold_status",
        "source",
    ])
    .expect("write to memory");
    let year = a.year.to_string();
    let (mut required, mut value) = (Vec::new(), Vec::new());
    let mut citation = LastCitation::default();
    for set in &a.sets {
        for (c, inds) in set.criteria_with_indicators() {
            for i in inds {
                let ind = i.indicator;
                write_plain(
                    &mut required,
                    i.required().map(|r| match r {
                        Required::Flag(b) => Value::Bool(b),
                        Required::Number(n) => Value::Number(n),
                    }),
                );
                write_plain(&mut value, i.value());
                w.write_record([
                    a.unit.code.as_bytes(),
                    year.as_bytes(),
                    set.id.as_bytes(),
                    c.code().as_bytes(),
                    ind.code.as_bytes(),
                    ind.comparison.code().as_bytes(),
                    &required,
                    &value,
                    i.outcome.code().as_bytes(),
                    ind.status.code().as_bytes(),
                    a.badges(ind)[0].standing.code().as_bytes(),
                    citation.of(&ind.source).as_bytes(),
                ])
                .expect("write to memory");
            }
        }
    }
    for k in kept {
        w.write_record([
            a.unit.code.as_str(),
            &year,
            &k.set_id,
            "",
            &k.code,
            "",
            "",
            &k.json,
            KEPT_OUTCOME.1,
            "",
            "",
            "",
        ])
        .expect("write to memory");
    }
    w.into_inner().expect("flush to memory")
}

#[cfg(test)]
mod tests {
    use super::{excel_cell, formula_safe, write_plain};
    use crate::dossier::Value;
    use crate::rules::{Comparison, Status};

    #[test]
    fn plain_values_are_json_numbers() {
        let mut buf = Vec::new();
        for (v, want) in [
            (None, ""),
            (Some(Value::Bool(true)), "true"),
            (Some(Value::Bool(false)), "false"),
            (Some(Value::Number(65_000_000.0)), "65000000"),
            (Some(Value::Number(94.99)), "94.99"),
            (Some(Value::Number(0.0)), "0"),
            (Some(Value::Number(1e16)), "1e+16"),
        ] {
            write_plain(&mut buf, v);
            assert_eq!(std::str::from_utf8(&buf).unwrap(), want);
        }
    }

    #[test]
    fn codes_are_the_words_in_files() {
        for s in [
            Status::Verified,
            Status::Partial,
            Status::Unverified,
            Status::NotFound,
        ] {
            assert_eq!(serde_json::to_value(s).unwrap(), s.code());
        }
        for c in [Comparison::AtLeast, Comparison::AtMost, Comparison::Equals] {
            assert_eq!(serde_json::to_value(c).unwrap(), c.code());
        }
    }

    #[test]
    fn formulas_become_text() {
        assert_eq!(
            formula_safe("=HYPERLINK(\"http://x\",\"y\")"),
            "'=HYPERLINK(\"http://x\",\"y\")"
        );
        assert_eq!(formula_safe("+1"), "'+1");
        assert_eq!(formula_safe("Xã Phù Vân"), "Xã Phù Vân");
    }

    #[test]
    fn excel_keeps_cells_as_the_text_they_are() {
        for (cell, want) in [
            // Dates, fractions, times, leading zeros, codes with a trailing zero, long numbers.
            ("2/19", "=\"2/19\""),
            ("17/19", "=\"17/19\""),
            ("1-2", "=\"1-2\""),
            ("01/09/2025", "=\"01/09/2025\""),
            ("8:30", "=\"8:30\""),
            ("00123", "=\"00123\""),
            ("17.10", "=\"17.10\""),
            ("14.1", "=\"14.1\""),
            ("1.490", "=\"1.490\""),
            ("95,5 %", "=\"95,5 %\""),
            ("1e5", "=\"1e5\""),
            ("1234567890123456", "=\"1234567890123456\""),
            // Formula-like cells are never run.
            ("=1+1", "'=1+1"),
            ("+84 912", "'+84 912"),
            ("-5", "'-5"),
            ("@SUM(A1)", "'@SUM(A1)"),
            // Left as they are: words, whole numbers Excel reads back the same, empty cells.
            ("Xã Phù Vân", "Xã Phù Vân"),
            ("12 hộ", "12 hộ"),
            ("1.490.000 đ", "1.490.000 đ"),
            ("13306", "13306"),
            ("0", "0"),
            ("2024", "2024"),
            ("", ""),
            ("KM.3", "KM.3"),
        ] {
            assert_eq!(excel_cell(cell), want, "{cell}");
        }
        // A quote inside is doubled inside the formula's string.
        assert_eq!(excel_cell("1\"2"), "1\"2");
        assert_eq!(excel_cell("1/2\""), "1/2\"");
        let long = "1/".repeat(200);
        assert_eq!(excel_cell(&long), format!("'{long}"));
    }
}
