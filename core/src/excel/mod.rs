//! Excel workbooks (.xlsx) of the exports: the commune self-assessment, the consolidated table,
//! the targets, the nominations and the good models; and the commune workbook read back.
//!
//! A workbook is first described as plain data (`Book`) from the same rows as the CSV exports;
//! writing and reading the file itself (rust_xlsxwriter, calamine) needs the feature `excel`,
//! which only the app's on-demand Excel module and the tests turn on. Format: docs/excel.md.

mod book;
pub mod commune;
pub mod consolidation;
pub mod nominations;
pub mod targets;

pub use book::{
    basis_sheet, cell_address, col, BasisRow, Book, Cell, Column, Format, Heading, Sheet,
    BASIS_SHEET, HEADER_ROW,
};

#[cfg(feature = "excel")]
mod read;
#[cfg(feature = "excel")]
mod write;
#[cfg(feature = "excel")]
pub use read::{read_commune, MAX_ROWS};
#[cfg(feature = "excel")]
pub use write::to_xlsx;

/// The MIME type of an .xlsx file.
pub const MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
