//! A workbook as plain data: sheets of typed cells under the official header lines. The
//! domain builders fill it from the same rows as the CSVs; `write` (feature `excel`) makes the
//! .xlsx. Plain serde data, so the app passes it as JSON to its on-demand Excel module.

use crate::rules::Kind;
use serde::{Deserialize, Serialize};

/// One cell: numbers stay numbers (with how Excel shows them), dates stay dates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "t", content = "v", rename_all = "snake_case")]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64, Format),
    /// An ISO date (`2025-06-30`).
    Date(String),
    /// A cell the user fills in Excel (unlocked and shaded); every other cell of a sheet that
    /// has one is locked, so the layout the reader expects stays as written.
    Input(Box<Cell>),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }

    /// A number, or an empty cell when there is none.
    pub fn number(v: Option<f64>, f: Format) -> Cell {
        v.map_or(Cell::Empty, |v| Cell::Number(v, f))
    }

    /// This cell, to be filled in Excel.
    pub fn input(self) -> Cell {
        match self {
            Cell::Input(_) => self,
            c => Cell::Input(Box::new(c)),
        }
    }

    /// The cell without its input mark.
    pub fn content(&self) -> &Cell {
        match self {
            Cell::Input(c) => c.content(),
            c => c,
        }
    }

    /// A whole count (STT, numbers of communes).
    pub fn count(n: usize) -> Cell {
        Cell::Number(n as f64, Format::Count)
    }
}

/// How a number is shown. The codes are Excel's (en-US notation, which Excel shows with the
/// reader's own separators: `65.000.000 đ` and `95,5 %` in a Vietnamese Excel).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Count,
    Decimal,
    /// A percentage stored as its number of percent (95.5, not 0.955), as the app keeps it.
    Percent,
    /// Whole đồng.
    Money,
}

impl Format {
    pub fn of(kind: Kind) -> Format {
        match kind {
            Kind::Percent => Format::Percent,
            Kind::Money => Format::Money,
            Kind::Count => Format::Count,
            Kind::Number | Kind::Boolean => Format::Decimal,
        }
    }

    /// Excel's number format code.
    pub fn code(self) -> &'static str {
        match self {
            Format::Count => "#,##0",
            Format::Decimal => "General",
            // "General" keeps every decimal typed (95.5, 94.99) without a trailing mark on 95.
            Format::Percent => "General\" %\"",
            Format::Money => "#,##0\" đ\"",
        }
    }
}

/// A column: its header and its width in characters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Column {
    pub header: String,
    pub width: f64,
}

pub fn col(header: &str, width: f64) -> Column {
    Column {
        header: header.into(),
        width,
    }
}

/// The official lines above the table: the unit, the title, the year, the date made.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Heading {
    pub unit: String,
    pub title: String,
    /// "Năm 2025", "Giai đoạn 2021–2025".
    pub year: String,
    /// ISO date the file was made (the caller's today: the core has no clock).
    pub made: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sheet {
    pub name: String,
    pub heading: Heading,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

/// Where the table starts: the heading takes rows 1–4, row 5 is blank, the header is row 6.
pub const HEADER_ROW: u32 = 5;

impl Sheet {
    /// Excel's address of a cell of the table: row `i` of `rows` (0-based), column `c`.
    pub fn address(i: usize, c: usize) -> String {
        cell_address(HEADER_ROW + 1 + i as u32, c as u16)
    }
}

/// `D14` for row 13, column 3 (both 0-based).
pub fn cell_address(row: u32, col: u16) -> String {
    let mut letters = Vec::new();
    let mut c = u32::from(col) + 1;
    while c > 0 {
        let r = (c - 1) % 26;
        letters.push(char::from(b'A' + r as u8));
        c = (c - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Book {
    pub sheets: Vec<Sheet>,
}

impl Book {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a book serialises")
    }
}

/// The "Căn cứ" sheet's columns: each threshold with its document and how far it was checked.
pub const BASIS_SHEET: &str = "Căn cứ";

/// One row of "Căn cứ".
pub struct BasisRow<'a> {
    pub group: &'a str,
    pub code: &'a str,
    pub name: &'a str,
    pub required: String,
    pub document: String,
    /// `Standing::label_vi` of the threshold, as the app's badges say it.
    pub status: &'static str,
}

pub fn basis_sheet(heading: Heading, group: &str, rows: Vec<BasisRow<'_>>) -> Sheet {
    Sheet {
        name: BASIS_SHEET.into(),
        heading: Heading {
            title: format!("CĂN CỨ CÁC NGƯỠNG — {}", heading.title),
            ..heading
        },
        columns: vec![
            col("STT", 6.0),
            col(group, 24.0),
            col("Mã", 8.0),
            col("Nội dung", 48.0),
            col("Mức yêu cầu", 22.0),
            col("Văn bản căn cứ", 60.0),
            col("Tình trạng ngưỡng", 18.0),
        ],
        rows: rows
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                vec![
                    Cell::count(i + 1),
                    Cell::text(r.group),
                    Cell::text(r.code),
                    Cell::text(r.name),
                    Cell::text(r.required),
                    Cell::text(r.document),
                    Cell::text(r.status),
                ]
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_excels() {
        assert_eq!(cell_address(0, 0), "A1");
        assert_eq!(cell_address(13, 3), "D14");
        assert_eq!(cell_address(0, 25), "Z1");
        assert_eq!(cell_address(9, 26), "AA10");
        assert_eq!(cell_address(0, 27), "AB1");
        assert_eq!(Sheet::address(0, 0), "A7");
    }

    #[test]
    fn a_book_goes_through_json_unchanged() {
        let cells = vec![
            Cell::Empty,
            Cell::text("Xã Phù Vân"),
            Cell::Number(65_000_000.0, Format::Money),
            Cell::Number(95.5, Format::Percent),
            Cell::Date("2025-06-30".into()),
        ];
        let book = Book {
            sheets: vec![Sheet {
                name: "Tự đánh giá".into(),
                heading: Heading {
                    unit: "Xã Phù Vân".into(),
                    title: "T".into(),
                    year: "Năm 2025".into(),
                    made: "2025-06-30".into(),
                },
                columns: vec![col("A", 5.0)],
                rows: vec![cells],
            }],
        };
        let back: Book = serde_json::from_str(&book.to_json()).unwrap();
        assert_eq!(back, book);
    }
}
