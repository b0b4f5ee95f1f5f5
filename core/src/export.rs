//! CSV exports of an assessment: one for Excel (UTF-8 BOM, Vietnamese headers and numbers),
//! one plain for machines.

use crate::criteria::{Assessment, Required};
use crate::dossier::{KeptRow, Value, KEPT_NOTE};
use crate::rules::{threshold_standing, Source};
use crate::text::shown_code;
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, Weak};

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

/// A CSV table written straight into one buffer, byte for byte as the `csv` crate writes it
/// (comma, `\n`, quotes only around a cell holding `,` `"` or a line break, `""` inside): the
/// crate's per-byte state machine was most of an export's time. The tests compare both.
pub(crate) struct CsvOut {
    buf: Vec<u8>,
    /// Cells written in the current row, and where the row starts.
    cells: usize,
    row_start: usize,
}

/// Whether a cell holds `,` `"` `\r` or `\n`, looked for eight bytes at a time (the app is built
/// for size, where a byte-by-byte loop was most of the writer's time).
fn needs_quotes(cell: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    // Whether some byte of `x` is zero.
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS != 0;
    let special = |b: u8| matches!(b, b',' | b'"' | b'\r' | b'\n');
    let mut chunks = cell.chunks_exact(8);
    for c in &mut chunks {
        let x = u64::from_ne_bytes(c.try_into().expect("eight bytes"));
        if zero(x ^ (ONES * u64::from(b',')))
            || zero(x ^ (ONES * u64::from(b'"')))
            || zero(x ^ (ONES * u64::from(b'\r')))
            || zero(x ^ (ONES * u64::from(b'\n')))
        {
            return true;
        }
    }
    chunks.remainder().iter().any(|&b| special(b))
}

impl CsvOut {
    /// A table starting with `prefix` (a BOM, or nothing), room made for `capacity` bytes.
    pub(crate) fn new(prefix: &[u8], capacity: usize) -> CsvOut {
        let mut buf = Vec::with_capacity(capacity.max(prefix.len()));
        buf.extend_from_slice(prefix);
        CsvOut {
            row_start: buf.len(),
            buf,
            cells: 0,
        }
    }

    pub(crate) fn cell(&mut self, cell: &[u8]) {
        if self.cells > 0 {
            self.buf.push(b',');
        }
        self.cells += 1;
        if needs_quotes(cell) {
            self.buf.reserve(cell.len() + 2);
            self.buf.push(b'"');
            let mut rest = cell;
            while let Some(q) = rest.iter().position(|&b| b == b'"') {
                self.buf.extend_from_slice(&rest[..=q]);
                self.buf.push(b'"');
                rest = &rest[q + 1..];
            }
            self.buf.extend_from_slice(rest);
            self.buf.push(b'"');
        } else {
            self.buf.extend_from_slice(cell);
        }
    }

    /// Ends the row (a row of one empty cell is written `""`, so it is not an empty line).
    pub(crate) fn end_row(&mut self) {
        if self.cells == 1 && self.buf.len() == self.row_start {
            self.buf.extend_from_slice(b"\"\"");
        }
        self.buf.push(b'\n');
        self.cells = 0;
        self.row_start = self.buf.len();
    }

    pub(crate) fn row<C: AsRef<[u8]>>(&mut self, cells: impl IntoIterator<Item = C>) {
        for c in cells {
            self.cell(c.as_ref());
        }
        self.end_row();
    }

    /// A cell for Excel (`excel_cell`), copied only when it changes.
    pub(crate) fn excel(&mut self, cell: &str) {
        match excel_cell(cell) {
            Cow::Borrowed(c) => self.cell(c.as_bytes()),
            Cow::Owned(c) => self.cell(c.as_bytes()),
        }
    }

    pub(crate) fn into_bytes(self) -> Vec<u8> {
        self.buf
    }
}

/// How many indicator rows an assessment's CSV has (its buffer is sized from it).
fn indicator_count(a: &Assessment) -> usize {
    a.sets
        .iter()
        .flat_map(|s| &s.criteria)
        .map(|c| c.len())
        .sum()
}

/// What the outcome column says of a kept value (`Dossier::unknown`).
pub const KEPT_OUTCOME: (&str, &str) = ("Không đánh giá", "khong_danh_gia");

/// For Excel: BOM, comma-separated, Vietnamese headers, one row per indicator, then one per
/// value kept under a code the rules do not have (`kept`, from `Unknown::rows`).
pub fn csv_excel(a: &Assessment, kept: &[KeptRow]) -> Vec<u8> {
    let rows = indicator_count(a);
    let mut w = CsvOut::new(BOM, 400 * (rows + kept.len() + 1));
    w.row([
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
    ]);
    for l in lines(a) {
        let value = l
            .value
            .map(|v| l.indicator.kind.format_value(v, None))
            .unwrap_or_default();
        for cell in [
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
        ] {
            w.excel(cell);
        }
        w.end_row();
    }
    let why = crate::text::sentence(KEPT_NOTE);
    for k in kept {
        for cell in [
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
        ] {
            w.excel(cell);
        }
        w.end_row();
    }
    w.into_bytes()
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
struct LastCitation(Option<(Arc<Source>, Arc<str>)>);

/// Citations already written, by source: exports of many dossiers under the same rules write
/// each once. A weak link keeps a freed source's address from being taken by another.
type Citations = HashMap<*const Source, (Weak<Source>, Arc<str>)>;

thread_local! {
    static CITATIONS: RefCell<Citations> = RefCell::new(HashMap::new());
}

/// At most this many citations are remembered (a rules file has a few hundred sources).
const CITATIONS_KEPT: usize = 4096;

fn citation_of(source: &Arc<Source>) -> Arc<str> {
    CITATIONS.with(|c| {
        let mut c = c.borrow_mut();
        let key = Arc::as_ptr(source);
        if let Some((weak, text)) = c.get(&key) {
            if weak.strong_count() > 0 {
                return text.clone();
            }
        }
        if c.len() >= CITATIONS_KEPT {
            c.clear();
        }
        let text: Arc<str> = source.citation().into();
        c.insert(key, (Arc::downgrade(source), text.clone()));
        text
    })
}

impl LastCitation {
    fn of(&mut self, source: &Arc<Source>) -> &str {
        // A province's file gives each indicator its own copy of the same source.
        let same = |s: &Arc<Source>| Arc::ptr_eq(s, source) || **s == **source;
        if !self.0.as_ref().is_some_and(|(s, _)| same(s)) {
            self.0 = Some((source.clone(), citation_of(source)));
        }
        self.0.as_ref().map_or("", |(_, c)| c)
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
    let rows = indicator_count(a);
    let mut w = CsvOut::new(&[], 100 * (rows + kept.len() + 1));
    w.row([
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
    ]);
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
                // The threshold's badge (the first of `Assessment::badges`), without the list.
                let standing = threshold_standing(ind, Some(a.year), a);
                w.cell(a.unit.code.as_bytes());
                w.cell(year.as_bytes());
                w.row([
                    set.id.as_bytes(),
                    c.code().as_bytes(),
                    ind.code.as_bytes(),
                    ind.comparison.code().as_bytes(),
                    &required,
                    &value,
                    i.outcome.code().as_bytes(),
                    ind.status.code().as_bytes(),
                    standing.code().as_bytes(),
                    citation.of(&ind.source).as_bytes(),
                ]);
            }
        }
    }
    for k in kept {
        w.row([
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
        ]);
    }
    w.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::{excel_cell, formula_safe, write_plain, CsvOut};
    use crate::dossier::Value;
    use crate::rules::{Comparison, Status};

    #[test]
    fn the_table_writer_writes_what_the_csv_crate_writes() {
        let cells = [
            "",
            "a",
            "Xã Phù Vân",
            "a,b",
            "say \"hi\"",
            "\"",
            "\"\"",
            "line\nbreak",
            "cr\rhere",
            "crlf\r\n",
            " spaced ",
            "=\"2/19\"",
            "'=1+1",
            "tab\there",
            "#comment",
            "semi;colon",
            "ends with quote\"",
            "\",\"",
            // Past the first eight bytes, at and across their boundaries.
            "01234567,9",
            "0123456,89",
            "abcdefgh\"ijk",
            "abcdefghijklmnop\n",
            "abcdefghijklmnopq\r",
            "Quyết định số 318/QĐ-BNN-VPĐP, ngày 08/03/2022",
            "Căn cứ: Quyết định 211/QĐ-TTg ngày 01/03/2024 của Thủ tướng Chính phủ",
        ];
        let mut rows: Vec<Vec<&str>> = Vec::new();
        // Every cell in every position, rows of one to three cells (one empty cell alone too).
        for (i, a) in cells.iter().enumerate() {
            rows.push(vec![a]);
            rows.push(vec![a, cells[(i + 1) % cells.len()]]);
            rows.push(vec![cells[(i + 5) % cells.len()], a, ""]);
        }
        rows.push(vec!["", ""]);
        let mut ours = CsvOut::new(b"\xEF\xBB\xBF", 0);
        let mut theirs = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(b"\xEF\xBB\xBF".to_vec());
        for r in &rows {
            ours.row(r.iter());
            theirs.write_record(r).unwrap();
        }
        let theirs = theirs.into_inner().unwrap();
        assert_eq!(
            String::from_utf8(ours.into_bytes()).unwrap(),
            String::from_utf8(theirs).unwrap()
        );
    }

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
