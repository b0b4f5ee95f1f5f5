//! The .xlsx workbooks: each is read back with calamine and its cells checked for type and value
//! (numbers are numbers, dates are dates, "Căn cứ" has each threshold's status); the commune
//! workbook comes back as the same dossier; bad cells are named by sheet and address.
//! Legal figures are those of /work/shared/domain (cited beside each).

use calamine::{open_workbook_from_rs, Data, Range, Reader, Xlsx};
use ntm_core::dossier::Dossier;
use ntm_core::excel::{self, commune, Book, Cell, Format, HEADER_ROW};
use ntm_core::{evaluate, Rules, Value};
use std::io::Cursor;

const BASE: &str = include_str!("../../tests/cases/base/xa-phu-van-2024.json");

fn rules() -> Rules {
    Rules::built_in()
}

fn dossier(rules: &Rules) -> Dossier {
    Dossier::parse(BASE, rules).unwrap()
}

fn commune_book(rules: &Rules, d: &Dossier) -> Book {
    let a = evaluate(rules, d);
    commune::book(&a, d, &d.unknown.rows(rules), "2025-06-30")
}

fn sheets(bytes: &[u8]) -> Xlsx<Cursor<&[u8]>> {
    open_workbook_from_rs(Cursor::new(bytes)).expect("a real xlsx")
}

fn range(bytes: &[u8], name: &str) -> Range<Data> {
    sheets(bytes).worksheet_range(name).expect(name)
}

/// The table row whose column `col` holds `text`.
fn row_with(r: &Range<Data>, col: u32, text: &str) -> u32 {
    (HEADER_ROW + 1..=r.end().unwrap().0)
        .find(|&i| r.get_value((i, col)) == Some(&Data::String(text.into())))
        .unwrap_or_else(|| panic!("no row with {text}"))
}

fn ntm_row(r: &Range<Data>, code: &str) -> u32 {
    (HEADER_ROW + 1..=r.end().unwrap().0)
        .find(|&i| {
            r.get_value((i, 2)) == Some(&Data::String(code.into()))
                && r.get_value((i, 0)).is_some_and(|s| {
                    s.to_string().contains("nông thôn mới") && !s.to_string().contains("nâng cao")
                })
        })
        .unwrap_or_else(|| panic!("no NTM row {code}"))
}

#[test]
fn commune_workbook_has_typed_cells_and_the_official_lines() {
    let rules = rules();
    let d = dossier(&rules);
    let bytes = excel::to_xlsx(&commune_book(&rules, &d)).unwrap();
    assert_eq!(&bytes[..2], b"PK", "an xlsx is a zip");
    let names = sheets(&bytes).sheet_names();
    assert_eq!(names, ["Tự đánh giá", "Hồ sơ", "Căn cứ"]);

    let r = range(&bytes, "Tự đánh giá");
    // Heading: unit, title, year, date made (a real date).
    assert_eq!(
        r.get_value((0, 0)),
        Some(&Data::String("UBND xã Phù Vân".into()))
    );
    assert!(r
        .get_value((1, 0))
        .unwrap()
        .to_string()
        .contains("TỰ ĐÁNH GIÁ"));
    assert_eq!(r.get_value((2, 0)), Some(&Data::String("Năm 2024".into())));
    match r.get_value((3, 1)) {
        Some(Data::DateTime(dt)) => {
            assert!(dt.is_datetime());
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            assert_eq!((y, m, d), (2025, 6, 30));
        }
        other => panic!("date made is not a date: {other:?}"),
    }
    assert_eq!(
        r.get_value((HEADER_ROW, 5)),
        Some(&Data::String("Giá trị".into()))
    );
    // Money as a number (the case file's 80 000 000 đ), percents as numbers, yes/no in words.
    let income = ntm_row(&r, "10");
    assert_eq!(r.get_value((income, 5)), Some(&Data::Float(80_000_000.0)));
    let water = ntm_row(&r, "17.1");
    assert_eq!(r.get_value((water, 5)), Some(&Data::Float(100.0)));
    let row = ntm_row(&r, "1.1");
    assert_eq!(r.get_value((row, 5)), Some(&Data::String("Có".into())));
    // The app's outcome words.
    assert!(matches!(
        r.get_value((row, 6)),
        Some(Data::String(s)) if ["Đạt", "Chưa đạt", "Thiếu số liệu", "Thiếu ngưỡng"].contains(&s.as_str())
    ));

    // Domain (ntm_criteria.md, criterion 10): the income threshold by year was not found — the
    // "Căn cứ" sheet must not call it verified.
    let basis = range(&bytes, "Căn cứ");
    assert_eq!(
        basis.get_value((HEADER_ROW, 6)),
        Some(&Data::String("Tình trạng ngưỡng".into()))
    );
    let b10 = (HEADER_ROW + 1..=basis.end().unwrap().0)
        .find(|&i| basis.get_value((i, 2)) == Some(&Data::String("10".into())))
        .unwrap();
    let status = basis.get_value((b10, 6)).unwrap().to_string();
    assert!(
        ["chưa có", "chưa tìm thấy văn bản"].contains(&status.as_str()),
        "{status}"
    );
    assert!(basis
        .get_value((b10, 5))
        .unwrap()
        .to_string()
        .contains("318"));
    // Every status is one of the badges' words.
    let words = [
        "đã xác minh",
        "xác minh một phần",
        "chưa xác minh",
        "chưa tìm thấy văn bản",
        "chưa có",
    ];
    for i in HEADER_ROW + 1..=basis.end().unwrap().0 {
        let s = basis.get_value((i, 6)).unwrap().to_string();
        assert!(words.contains(&s.as_str()), "row {i}: {s}");
    }

    // "Hồ sơ": conditions typed (the case's 95 % satisfaction, 0 đ debt).
    let info = range(&bytes, "Hồ sơ");
    let sat = row_with(&info, 0, "Tỷ lệ người dân hài lòng");
    assert_eq!(info.get_value((sat, 1)), Some(&Data::Float(95.0)));
    let code = row_with(&info, 0, "Mã xã");
    assert_eq!(
        info.get_value((code, 1)),
        Some(&Data::String("13306".into()))
    );
}

#[test]
fn formats_are_vietnamese_and_numbers_everywhere() {
    assert_eq!(Format::Money.code(), "#,##0\" đ\"");
    assert_eq!(Format::Percent.code(), "General\" %\"");
    // The format codes are in the file for Excel to show with the reader's separators.
    let rules = rules();
    let bytes = excel::to_xlsx(&commune_book(&rules, &dossier(&rules))).unwrap();
    let mut zip = zip_text(&bytes, "xl/styles.xml");
    zip.retain(|c| c != '\n');
    assert!(zip.contains("#,##0&quot; đ&quot;"), "{zip}");
    assert!(zip.contains("General&quot; %&quot;"));
    assert!(zip.contains("dd/mm/yyyy"));
    let sheet = zip_text(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("<pane ySplit=\"6\""), "header row frozen");
    // Locked but for the shaded cells to fill (no password).
    assert!(sheet.contains("<sheetProtection"), "{sheet}");
    assert!(!sheet.contains("password"));
}

fn zip_text(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// A dossier with evidence, conditions, a rules reference and a value kept under a code the
/// rules lack.
fn full_dossier(rules: &Rules) -> Dossier {
    let mut v: serde_json::Value = serde_json::from_str(BASE).unwrap();
    v["values"]["ntm"]["99.9"] = serde_json::json!(12.5);
    v["values"]["tinh_rieng"] = serde_json::json!({"A.1": "đạt", "A.2": true});
    v["evidence"] = serde_json::json!({
        "ntm": {"10": "Báo cáo thu nhập 2024 của xã\ndòng 2", "99.9": "ghi chú giữ lại"}
    });
    v["conditions"]["outstanding_fields"] = serde_json::json!(["Sản xuất", "Du lịch"]);
    v["rules"] = serde_json::json!({"id": "ntm-ha-nam", "hash": "abc123"});
    let d = Dossier::parse(&v.to_string(), rules).unwrap();
    assert!(!d.unknown.is_empty());
    d
}

#[test]
fn the_commune_workbook_comes_back_as_the_same_dossier() {
    let rules = rules();
    for d in [dossier(&rules), full_dossier(&rules)] {
        let bytes = excel::to_xlsx(&commune_book(&rules, &d)).unwrap();
        let back = excel::read_commune(&bytes, &rules).unwrap().dossier;
        assert_eq!(back, d);
        assert_eq!(back.to_json(), d.to_json());
    }
}

/// The commune book with the value cell of NTM indicator `code` replaced.
fn with_value(rules: &Rules, code: &str, cell: Cell) -> (Vec<u8>, String) {
    let d = dossier(rules);
    let mut book = commune_book(rules, &d);
    let rows = &mut book.sheets[0].rows;
    let i = rows
        .iter()
        .position(|r| {
            r[2] == Cell::text(code)
                && matches!(&r[0], Cell::Text(s) if s.contains("nông thôn mới") && !s.contains("nâng cao"))
        })
        .unwrap();
    rows[i][5] = cell;
    (excel::to_xlsx(&book).unwrap(), excel::Sheet::address(i, 5))
}

#[test]
fn numbers_typed_as_text_go_through_the_input_kernel() {
    let rules = rules();
    for (code, typed, want) in [
        ("10", "80.000.000", 80_000_000.0),
        ("10", "65 000 000 đ", 65_000_000.0),
        ("17.1", "95,5", 95.5),
        ("17.1", "95.5", 95.5),
        ("17.1", "95,5 %", 95.5),
    ] {
        let (bytes, _) = with_value(&rules, code, Cell::text(typed));
        let d = excel::read_commune(&bytes, &rules).unwrap().dossier;
        assert_eq!(d.value("ntm", code), Some(Value::Number(want)), "{typed}");
    }
    let (bytes, _) = with_value(&rules, "1.1", Cell::text("không"));
    let d = excel::read_commune(&bytes, &rules).unwrap().dossier;
    assert_eq!(d.value("ntm", "1.1"), Some(Value::Bool(false)));
    // An emptied cell is no value.
    let (bytes, _) = with_value(&rules, "10", Cell::Empty);
    let d = excel::read_commune(&bytes, &rules).unwrap().dossier;
    assert_eq!(d.value("ntm", "10"), None);
}

#[test]
fn computed_values_are_shown_not_read() {
    // KM.2 (kiểu mẫu income) is the NTM income 10 (rules: input from ntm/10).
    let rules = rules();
    let d = dossier(&rules);
    let mut book = commune_book(&rules, &d);
    let rows = &mut book.sheets[0].rows;
    let i = rows
        .iter()
        .position(|r| r[2] == Cell::text("KM.2"))
        .unwrap();
    assert!(
        !matches!(rows[i][5], Cell::Input(_)),
        "a computed value is locked"
    );
    assert!(matches!(rows[i][10], Cell::Input(_)), "its evidence is not");
    rows[i][5] = Cell::Number(1.0, Format::Money);
    let back = excel::read_commune(&excel::to_xlsx(&book).unwrap(), &rules)
        .unwrap()
        .dossier;
    assert_eq!(back, d);
}

#[test]
fn a_bad_cell_is_named_by_its_sheet_and_address() {
    let rules = rules();
    for (code, cell, says) in [
        ("17.1", Cell::text("nhiều"), "không phải là số"),
        ("17.1", Cell::Number(120.0, Format::Percent), "100"),
        ("10", Cell::text("6,5"), "số nguyên đồng"),
        ("10", Cell::Number(-1.0, Format::Money), "âm"),
        ("17.1", Cell::Date("2025-02-19".into()), "ngày tháng"),
        ("1.1", Cell::Number(1.0, Format::Decimal), "Có hoặc Không"),
        ("1.1", Cell::text("ok"), "có"),
    ] {
        let (bytes, address) = with_value(&rules, code, cell.clone());
        let e = excel::read_commune(&bytes, &rules).unwrap_err();
        let head = format!("Trang Tự đánh giá, ô {address}: ");
        assert!(e.starts_with(&head), "{cell:?}: {e}");
        assert!(
            ntm_core::text::lower(&e).contains(&ntm_core::text::lower(says)),
            "{cell:?}: {e}"
        );
    }
}

#[test]
fn other_files_and_edited_layouts_are_refused_in_vietnamese() {
    let rules = rules();
    let e = excel::read_commune(b"not a zip", &rules).unwrap_err();
    assert!(e.contains("không phải dạng .xlsx"), "{e}");
    // A workbook of another export has no "Hồ sơ" sheet.
    let other = excel::consolidation::book(&rules, &[], None, "2025-06-30");
    let e = excel::read_commune(&excel::to_xlsx(&other).unwrap(), &rules).unwrap_err();
    assert!(e.contains("không có trang “Tự đánh giá”"), "{e}");
    // A column inserted before the values.
    let d = dossier(&rules);
    let mut book = commune_book(&rules, &d);
    for r in book.sheets[0].rows.iter_mut() {
        r.insert(1, Cell::Empty);
    }
    book.sheets[0].columns.insert(1, excel::col("Thêm", 5.0));
    let e = excel::read_commune(&excel::to_xlsx(&book).unwrap(), &rules).unwrap_err();
    assert!(e.starts_with("Trang Tự đánh giá, ô C6: "), "{e}");
    // A commune code not in the list is named at its cell of "Hồ sơ".
    let mut book = commune_book(&rules, &d);
    book.sheets[1].rows[0][1] = Cell::text("99999");
    let e = excel::read_commune(&excel::to_xlsx(&book).unwrap(), &rules).unwrap_err();
    assert!(e.starts_with("Trang Hồ sơ, ô B7: "), "{e}");
    // A year outside the rules' period.
    let mut book = commune_book(&rules, &d);
    book.sheets[1].rows[3][1] = Cell::Number(2030.0, Format::Decimal);
    let e = excel::read_commune(&excel::to_xlsx(&book).unwrap(), &rules).unwrap_err();
    assert!(e.starts_with("Trang Hồ sơ, ô B10: "), "{e}");
    // An indicator the rules do not have, not marked as kept.
    let mut book = commune_book(&rules, &d);
    book.sheets[0].rows[0][2] = Cell::text("99.1");
    let e = excel::read_commune(&excel::to_xlsx(&book).unwrap(), &rules).unwrap_err();
    assert!(e.starts_with("Trang Tự đánh giá, ô C7: "), "{e}");
}

/// Every status cell of a "Căn cứ" sheet is one of the badges' words.
fn basis_statuses(bytes: &[u8]) -> Vec<String> {
    let basis = range(bytes, "Căn cứ");
    assert_eq!(
        basis.get_value((HEADER_ROW, 6)),
        Some(&Data::String("Tình trạng ngưỡng".into()))
    );
    let words = [
        "đã xác minh",
        "xác minh một phần",
        "chưa xác minh",
        "chưa tìm thấy văn bản",
        "chưa có",
    ];
    let all: Vec<String> = (HEADER_ROW + 1..=basis.end().unwrap().0)
        .map(|i| basis.get_value((i, 6)).unwrap().to_string())
        .collect();
    assert!(!all.is_empty());
    for s in &all {
        assert!(words.contains(&s.as_str()), "{s}");
    }
    all
}

#[test]
fn consolidated_workbook_counts_are_numbers() {
    use ntm_core::consolidate::{self, Consolidation, Incoming};
    let rules = rules();
    let mut c = Consolidation::default();
    let d = dossier(&rules);
    c.merge(
        vec![(
            "a.json".into(),
            Incoming {
                dossier: d,
                review: None,
            },
        )],
        "2025-03-01T08:00:00Z",
    );
    let rows = consolidate::rows(&c, &rules);
    let sel: Vec<_> = rows.iter().collect();
    let bytes = excel::to_xlsx(&excel::consolidation::book(
        &rules,
        &sel,
        Some(2024),
        "2025-06-30",
    ))
    .unwrap();
    assert_eq!(sheets(&bytes).sheet_names(), ["Tổng hợp", "Căn cứ"]);
    let r = range(&bytes, "Tổng hợp");
    assert_eq!(r.get_value((2, 0)), Some(&Data::String("Năm 2024".into())));
    assert!(matches!(r.get_value((3, 1)), Some(Data::DateTime(_))));
    let first = HEADER_ROW + 1;
    assert_eq!(r.get_value((first, 0)), Some(&Data::Float(1.0)));
    assert_eq!(r.get_value((first, 1)), Some(&Data::String("13306".into())));
    assert_eq!(r.get_value((first, 4)), Some(&Data::Float(2024.0)));
    // The NTM set has 19 criteria (QĐ 318/QĐ-TTg; domain ntm_criteria.md).
    assert_eq!(r.get_value((first, 7)), Some(&Data::Float(19.0)));
    assert!(matches!(r.get_value((first, 6)), Some(Data::Float(n)) if *n <= 19.0));
    assert_eq!(
        r.get_value((HEADER_ROW, 8)).unwrap().to_string(),
        format!("TC1 {}", rules.set("ntm").unwrap().criteria[0].name)
    );
    let statuses = basis_statuses(&bytes);
    assert!(statuses.iter().any(|s| s != "đã xác minh"));
    assert_eq!(
        excel::consolidation::file_name(Some(2024)),
        "tong-hop-2024.xlsx"
    );
}

#[test]
fn targets_workbook_has_the_plans_figures_as_numbers() {
    use ntm_core::figures::Figures;
    use ntm_core::targets::evaluate_targets;
    let case: serde_json::Value =
        serde_json::from_str(include_str!("../../tests/cases/targets/t4-60.json")).unwrap();
    let figures = Figures::parse(&case["figures"].to_string()).unwrap();
    let rules = rules();
    let results = evaluate_targets(&rules, Some(&figures), &[], 2025);
    let bytes = excel::to_xlsx(&excel::targets::book(
        &results,
        &figures,
        2025,
        "2025-06-30",
    ))
    .unwrap();
    assert_eq!(
        sheets(&bytes).sheet_names(),
        ["Mục tiêu", "Số liệu theo năm", "Căn cứ"]
    );
    let r = range(&bytes, "Mục tiêu");
    let row = |id: &str| row_with(&r, 0, id);
    // Plan II.2 (domain plan.md): T3 ≥ 65 000 000 đ, T7 ≥ 95,5 %, T8 100 %, T9 ≥ 98 %.
    assert_eq!(
        r.get_value((row("T3"), 3)),
        Some(&Data::Float(65_000_000.0))
    );
    assert_eq!(r.get_value((row("T7"), 3)), Some(&Data::Float(95.5)));
    assert_eq!(r.get_value((row("T8"), 3)), Some(&Data::Float(100.0)));
    assert_eq!(r.get_value((row("T9"), 3)), Some(&Data::Float(98.0)));
    // T4: 60–65 % fewer poor households than 2020; the case's 10 000 → 4 000 is exactly 60 %.
    assert_eq!(r.get_value((row("T4"), 3)), Some(&Data::Float(60.0)));
    assert_eq!(r.get_value((row("T4"), 4)), Some(&Data::Float(65.0)));
    assert_eq!(r.get_value((row("T4"), 5)), Some(&Data::Float(60.0)));
    assert_eq!(
        r.get_value((row("T4"), 7)),
        Some(&Data::String("Đạt".into()))
    );
    assert_eq!(
        r.get_value((row("T3"), 5)),
        Some(&Data::Float(65_000_000.0))
    );
    let y = range(&bytes, "Số liệu theo năm");
    let y2025 = (HEADER_ROW + 1..=y.end().unwrap().0)
        .find(|&i| y.get_value((i, 0)) == Some(&Data::Float(2025.0)))
        .unwrap();
    assert_eq!(y.get_value((y2025, 1)), Some(&Data::Float(65_000_000.0)));
    basis_statuses(&bytes);
}

#[test]
fn nominations_money_is_a_number_of_dong() {
    use ntm_core::awards::{assess, builtin, CommuneFacts, Facts};
    use ntm_core::nominations::{GoodModel, Register};
    let reg = Register::parse(
        &serde_json::json!({
            "format": "chung-suc/danh-sach-khen-thuong", "version": 1,
            "decision_date": "2025-09-01", "unit": "UBND tỉnh Hà Nam",
            "candidates": [{
                "id": "x1", "name": "=HYPERLINK(\"http://x\",\"y\")", "group": "c",
                "subject": "tap_the", "commune": {"code": "13306", "year": 2024},
                "achievement": {"id": "tt-x1", "summary": "Đạt chuẩn NTM nâng cao"},
                "proposed": {"award": "bang_khen_tinh", "basis": "chuyen_de"}
            }]
        })
        .to_string(),
        builtin(),
    )
    .unwrap();
    let mut f = Facts::default();
    f.communes.insert(
        ("13306".into(), 2024),
        CommuneFacts {
            year: 2024,
            level: ntm_core::Level::NtmNangCao,
            undetermined_above: false,
            unverified_basis: 0,
            xdcb_debt_vnd: Some(0.0),
            rules: "kiểm thử".into(),
        },
    );
    let results = assess(builtin(), &reg, &f);
    let bytes = excel::to_xlsx(&excel::nominations::book(
        builtin(),
        &reg,
        &results,
        "2025-06-30",
    ))
    .unwrap();
    let r = range(&bytes, "Danh sách đề nghị");
    assert_eq!(
        r.get_value((0, 0)),
        Some(&Data::String("UBND tỉnh Hà Nam".into()))
    );
    let first = HEADER_ROW + 1;
    // A formula-like name stays text, never a formula.
    assert_eq!(
        r.get_value((first, 1)),
        Some(&Data::String("=HYPERLINK(\"http://x\",\"y\")".into()))
    );
    // Bằng khen tỉnh, collective, NĐ 152: 2 × 1,5 × 2.340.000 đ (domain award_rules.md §6).
    assert_eq!(r.get_value((first, 9)), Some(&Data::Float(7_020_000.0)));
    basis_statuses(&bytes);

    let m = GoodModel {
        name: "Cách làm đường giao thông nội đồng".into(),
        since: "2022-03-08".into(),
        ..GoodModel::default()
    };
    let bytes = excel::to_xlsx(&excel::nominations::models_book(&reg, &[m], "2025-06-30")).unwrap();
    let r = range(&bytes, "Sổ điển hình");
    match r.get_value((first, 7)) {
        Some(Data::DateTime(d)) => {
            let (y, m, d, ..) = d.to_ymd_hms_milli();
            assert_eq!((y, m, d), (2022, 3, 8));
        }
        other => panic!("since is not a date: {other:?}"),
    }
}
