//! The dossier file: canonical JSON that round-trips byte for byte, NFC text, clear errors.

use ntm_core::{evaluate, Dossier, Rules};

const EXAMPLE: &str = include_str!("../../docs/examples/ho-so-13306-2024.json");

#[test]
fn export_import_export_is_byte_identical() {
    let rules = Rules::built_in();
    let d = Dossier::parse(EXAMPLE, &rules).unwrap();
    let once = d.to_json();
    let twice = Dossier::parse(&once, &rules).unwrap().to_json();
    assert_eq!(once, twice);
    // The documented example is itself in canonical form.
    assert_eq!(once, EXAMPLE);
}

#[test]
fn text_is_nfc_normalised_on_import() {
    let rules = Rules::built_in();
    let decomposed = EXAMPLE.replace("Xã Phù Vân", "Xa\u{303} Phu\u{300} Va\u{302}n");
    assert_ne!(decomposed, EXAMPLE);
    let d = Dossier::parse(&decomposed, &rules).unwrap();
    assert_eq!(d.unit.name, "Xã Phù Vân");
}

#[test]
fn errors_are_vietnamese_and_name_the_field() {
    let rules = Rules::built_in();
    let e = Dossier::parse(
        &EXAMPLE.replace("96.2,\n      \"14.2\"", "120,\n      \"14.2\""),
        &rules,
    )
    .unwrap_err();
    assert_eq!(e.field, "values.ntm_nang_cao.14.1");
    assert!(
        e.to_string().contains("tỷ lệ phần trăm phải từ 0 đến 100"),
        "{e}"
    );
    let e = Dossier::parse("[1,2]", &rules).unwrap_err();
    assert!(e.to_string().contains("đối tượng JSON"), "{e}");
    let e = Dossier::parse("{\"format\": \"chung-suc/dossier\",", &rules).unwrap_err();
    assert!(e.to_string().contains("không phải JSON hợp lệ"), "{e}");
}

#[test]
fn result_records_the_rules_it_used_and_explains_itself() {
    let rules = Rules::built_in();
    let d = Dossier::parse(EXAMPLE, &rules).unwrap();
    let a = evaluate(&rules, &d);
    assert_eq!(a.rules, rules.reference());
    let bhyt = a
        .indicators()
        .find(|(s, i)| &*s.id == "ntm_nang_cao" && i.code() == "14.3")
        .unwrap()
        .1;
    // 38,5 % against ≥ 40 %.
    assert_eq!(bhyt.explanation(), "38,5 %: chưa đạt yêu cầu ≥ 40 %.");
    assert!(bhyt
        .indicator
        .source
        .citation()
        .starts_with("Quyết định 318/QĐ-TTg, Phụ lục II"));
    let income = a
        .indicators()
        .find(|(s, i)| &*s.id == "ntm" && i.code() == "10")
        .unwrap()
        .1;
    assert_eq!(
        income.explanation(),
        "Chưa có ngưỡng cho năm 2024 — nhập theo văn bản của tỉnh."
    );
    // Blockers of the next level (NTM) include the missing-threshold indicators.
    assert!(a
        .blockers()
        .any(|b| b.indicator.is_some_and(|i| i.code() == "10")));
    assert!(a
        .blockers()
        .all(|b| b.set.id.as_ref() == "ntm" || b.set.id.as_ref() == "dieu_kien_cong_nhan"));
}

#[test]
fn yes_no_explanations_read_naturally() {
    let rules = Rules::built_in();
    let mut d = Dossier::parse(EXAMPLE, &rules).unwrap();
    d.set_value("ntm", "1.2", Some(ntm_core::Value::Bool(false)));
    d.set_value("ntm", "9.1", Some(ntm_core::Value::Bool(true)));
    let a = evaluate(&rules, &d);
    let find = |code: &str| {
        a.indicators()
            .find(|(s, i)| &*s.id == "ntm" && i.code() == code)
            .unwrap()
            .1
            .explanation()
    };
    assert_eq!(find("1.1"), "Đã nhập “Đạt”, đúng yêu cầu.");
    assert_eq!(find("1.2"), "Đã nhập “Chưa đạt”, yêu cầu “Đạt”.");
    // 9.1 "Nhà tạm, dột nát": the requirement is "Không".
    assert_eq!(find("9.1"), "Đã nhập “Có”, yêu cầu “Không”.");
}

#[test]
fn a_file_of_another_kind_is_named_as_such() {
    let rules = Rules::built_in();
    let rules_file = r#"{"format":"chung-suc/rules","version":1,"id":"x","title":"y"}"#;
    let e = Dossier::parse(rules_file, &rules).unwrap_err();
    assert_eq!(e.field, "format");
    assert!(e.problem.contains("không phải hồ sơ tự đánh giá"), "{e}");
}

#[test]
fn the_excel_csv_speaks_to_people() {
    let rules = Rules::built_in();
    let d = Dossier::parse(EXAMPLE, &rules).unwrap();
    let a = evaluate(&rules, &d);
    let bytes = ntm_core::export::csv_excel(&a);
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    // Set titles, never set ids; the water indicator whose number is unknown shows its criterion.
    for id in [
        "ntm_nang_cao",
        "ntm_kieu_mau",
        "dieu_kien_cong_nhan",
        "18.x",
        "existence",
    ] {
        assert!(!text.contains(id), "{id} in the Excel CSV");
    }
    assert!(text.contains(",18,Tỷ lệ hộ sử dụng nước sạch từ hệ thống cấp nước tập trung"));
    // KM income: 110 % of the nâng cao threshold, which is missing for the year.
    assert!(
        text.contains("của chỉ tiêu 10 (NTM nâng cao) mà yêu cầu này dựa vào"),
        "{text}"
    );
}
