//! A `Book` written as an .xlsx file with rust_xlsxwriter.

use super::book::{Book, Cell, Format, Sheet, HEADER_ROW};
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format as XFormat, FormatAlign, FormatBorder,
    ProtectionOptions, Workbook, Worksheet, XlsxError,
};

/// The styles of the table's cells: text, date, each number format.
struct Body {
    text: XFormat,
    date: XFormat,
    numbers: [(Format, XFormat); 4],
}

impl Body {
    fn new(body: XFormat) -> Body {
        let number = |f: Format| (f, body.clone().set_num_format(f.code()));
        Body {
            text: body.clone().set_text_wrap(),
            date: body.clone().set_num_format("dd/mm/yyyy"),
            numbers: [
                number(Format::Count),
                number(Format::Decimal),
                number(Format::Percent),
                number(Format::Money),
            ],
        }
    }

    fn number(&self, f: Format) -> &XFormat {
        &self
            .numbers
            .iter()
            .find(|(g, _)| *g == f)
            .expect("every format")
            .1
    }
}

/// The cell styles of every sheet, made once.
struct Styles {
    unit: XFormat,
    title: XFormat,
    line: XFormat,
    header: XFormat,
    date: XFormat,
    body: Body,
    /// Cells to fill in Excel: unlocked, shaded.
    input: Body,
}

impl Styles {
    fn new() -> Styles {
        let body = XFormat::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Top);
        Styles {
            unit: XFormat::new().set_bold(),
            title: XFormat::new().set_bold().set_font_size(14),
            line: XFormat::new().set_italic(),
            header: XFormat::new()
                .set_bold()
                .set_text_wrap()
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(Color::RGB(0x00DD_EBF7)),
            date: XFormat::new()
                .set_num_format("dd/mm/yyyy")
                .set_align(FormatAlign::Left),
            input: Body::new(
                body.clone()
                    .set_unlocked()
                    .set_background_color(Color::RGB(0x00FF_F7D6)),
            ),
            body: Body::new(body),
        }
    }
}

/// The .xlsx bytes of `book`, or why not (in Vietnamese).
pub fn to_xlsx(book: &Book) -> Result<Vec<u8>, String> {
    write(book).map_err(|e| format!("Không tạo được tệp Excel: {e}"))
}

fn write(book: &Book) -> Result<Vec<u8>, XlsxError> {
    let styles = Styles::new();
    let mut wb = Workbook::new();
    // A fixed creation date: the same book gives the same file (and no clock is read).
    let made = book
        .sheets
        .first()
        .and_then(|s| date(&s.heading.made))
        .unwrap_or(ExcelDateTime::from_ymd(2000, 1, 1)?);
    wb.set_properties(
        &DocProperties::new()
            .set_title("Chung Sức")
            .set_author("Chung Sức")
            .set_creation_datetime(&made),
    );
    for sheet in &book.sheets {
        let ws = wb.add_worksheet();
        write_sheet(ws, sheet, &styles)?;
    }
    wb.save_to_buffer()
}

fn date(iso: &str) -> Option<ExcelDateTime> {
    let mut it = iso.split('-').map(str::parse::<u32>);
    let (y, m, d) = (it.next()?.ok()?, it.next()?.ok()?, it.next()?.ok()?);
    ExcelDateTime::from_ymd(y as u16, m as u8, d as u8).ok()
}

fn write_sheet(ws: &mut Worksheet, sheet: &Sheet, st: &Styles) -> Result<(), XlsxError> {
    ws.set_name(&sheet.name)?;
    let h = &sheet.heading;
    ws.write_string_with_format(0, 0, &h.unit, &st.unit)?;
    ws.write_string_with_format(1, 0, &h.title, &st.title)?;
    ws.write_string_with_format(2, 0, &h.year, &st.line)?;
    ws.write_string_with_format(3, 0, "Ngày lập:", &st.line)?;
    match date(&h.made) {
        Some(d) => ws.write_datetime_with_format(3, 1, &d, &st.date)?,
        None => ws.write_string(3, 1, &h.made)?,
    };
    let mut inputs = false;
    for (c, column) in sheet.columns.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(HEADER_ROW, c, &column.header, &st.header)?;
        ws.set_column_width(c, column.width)?;
    }
    for (i, row) in sheet.rows.iter().enumerate() {
        let r = HEADER_ROW + 1 + i as u32;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            let body = match cell {
                Cell::Input(_) => {
                    inputs = true;
                    &st.input
                }
                _ => &st.body,
            };
            match cell.content() {
                Cell::Empty | Cell::Input(_) => ws.write_blank(r, c, &body.text)?,
                // Written as a string, never as a formula: `=…` stays text.
                Cell::Text(s) => ws.write_string_with_format(r, c, s, &body.text)?,
                Cell::Number(n, f) => ws.write_number_with_format(r, c, *n, body.number(*f))?,
                Cell::Date(iso) => match date(iso) {
                    Some(d) => ws.write_datetime_with_format(r, c, &d, &body.date)?,
                    None => ws.write_string_with_format(r, c, iso, &body.text)?,
                },
            };
        }
    }
    // The header row (and the heading above it) stays in view while scrolling.
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    if inputs {
        // Only the shaded cells take typing; no password: protection guards the layout, not secrets.
        ws.protect_with_options(&ProtectionOptions {
            format_columns: true,
            format_rows: true,
            use_autofilter: true,
            ..ProtectionOptions::default()
        });
    }
    if !sheet.columns.is_empty() {
        let last = HEADER_ROW + sheet.rows.len() as u32;
        ws.autofilter(HEADER_ROW, 0, last, sheet.columns.len() as u16 - 1)?;
    }
    Ok(())
}
