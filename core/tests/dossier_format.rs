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
    let read = Dossier::read(&decomposed, &rules).unwrap();
    assert_eq!(read.dossier.unit.name, "Xã Phù Vân");
    assert_eq!(
        read.notes,
        ["Tên xã trong tệp ghi dấu tách rời khỏi chữ (dạng Unicode NFD); đã đọc là “Xã Phù Vân” (mã 13306)."]
    );
    assert!(Dossier::read(EXAMPLE, &rules).unwrap().notes.is_empty());
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

/// The example with values under codes the built-in rules do not have: an indicator of the NTM
/// set and a whole set of the province's, with evidence.
fn with_kept() -> String {
    let mut d: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap();
    d["values"]["ntm"]["99.9"] = serde_json::json!(false);
    d["values"]["ha_nam_bo_sung"] = serde_json::json!({"HN.1": 94.99, "HN.2": true, "HN.3": {"ghi_chu": ["a", 1]}, "HN.4": null});
    d["evidence"]["ha_nam_bo_sung"] = serde_json::json!({"HN.1": "Báo cáo số 12/BC-UBND"});
    let mut text = serde_json::to_string_pretty(&d).unwrap();
    text.push('\n');
    text
}

#[test]
fn values_under_unknown_codes_are_kept_and_never_evaluated() {
    let rules = Rules::built_in();
    let text = with_kept();
    let d = Dossier::parse(&text, &rules).expect("unknown codes never refuse a dossier");
    let plain = Dossier::parse(EXAMPLE, &rules).unwrap();
    // Nothing else changed: the known values are those of the example, the verdict is the same.
    assert_eq!(d.values, plain.values);
    assert_eq!(evaluate(&rules, &d), evaluate(&rules, &plain));
    assert_eq!(d.unknown.values["ntm"]["99.9"], serde_json::json!(false));
    assert_eq!(
        d.unknown.values["ha_nam_bo_sung"].len(),
        3,
        "null is not a value"
    );
    assert_eq!(
        d.unknown.evidence["ha_nam_bo_sung"]["HN.1"],
        "Báo cáo số 12/BC-UBND"
    );
    // Written out again unchanged, in the file's place, and byte for byte from then on.
    let out = d.to_json();
    let mut want: serde_json::Value = serde_json::from_str(&text).unwrap();
    want["values"]["ha_nam_bo_sung"]
        .as_object_mut()
        .unwrap()
        .remove("HN.4");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&out).unwrap(),
        want
    );
    assert!(out.contains("\"HN.1\": 94.99,\n"), "{out}");
    assert_eq!(Dossier::parse(&out, &rules).unwrap().to_json(), out);
    // The user is told, in the words of the app, which codes.
    let warnings = d.warnings(&rules);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains(ntm_core::dossier::KEPT_NOTE),
        "{}",
        warnings[0]
    );
    assert!(warnings[0].starts_with("4 chỉ tiêu"), "{}", warnings[0]);
    assert!(
        warnings[0].contains("“HN.3” (bộ “ha_nam_bo_sung”)"),
        "{}",
        warnings[0]
    );
    assert!(
        warnings[0].contains("“99.9” (Bộ tiêu chí quốc gia về xã nông thôn mới"),
        "{}",
        warnings[0]
    );
    let rows = d.unknown.rows(&rules);
    let hn1 = rows.iter().find(|r| r.code == "HN.1").unwrap();
    assert_eq!((hn1.value.as_str(), hn1.json.as_str()), ("94,99", "94.99"));
    assert_eq!(hn1.evidence.as_deref(), Some("Báo cáo số 12/BC-UBND"));
}

#[test]
fn kept_values_are_listed_in_both_csvs() {
    let rules = Rules::built_in();
    let d = Dossier::parse(&with_kept(), &rules).unwrap();
    let a = evaluate(&rules, &d);
    let kept = d.unknown.rows(&rules);
    let excel = String::from_utf8(ntm_core::export::csv_excel(&a, &kept)).unwrap();
    let plain = String::from_utf8(ntm_core::export::csv_plain(&a, &kept)).unwrap();
    assert!(
        excel.contains("bộ “ha_nam_bo_sung”,,HN.1,,,\"=\"\"94,99\"\"\",Không đánh giá,"),
        "{excel}"
    );
    assert!(
        plain.contains("13306,2024,ha_nam_bo_sung,,HN.1,,,94.99,khong_danh_gia,,"),
        "{plain}"
    );
    assert!(plain.contains("13306,2024,ntm,,99.9,,,false,khong_danh_gia,,"));
    // Without kept values the files are as before.
    let none = String::from_utf8(ntm_core::export::csv_plain(&a, &[])).unwrap();
    assert!(!none.contains("khong_danh_gia") && plain.starts_with(&none));
}

#[test]
fn loading_the_province_rules_evaluates_kept_values() {
    let built_in = Rules::built_in();
    let mut json: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap();
    json["values"]["ntm"]["18.7"] = serde_json::json!(true);
    let mut d = Dossier::parse(&json.to_string(), &built_in).unwrap();
    assert!(d.unknown.values["ntm"].contains_key("18.7"));
    let province = r#"{"format":"chung-suc/rules","version":1,"id":"tinh","title":"Tỉnh",
      "sets":[{"id":"ntm","criteria":[{"code":"18","indicators":[
        {"code":"18.7","name":"Chỉ tiêu mới","kind":"boolean","comparison":"=","threshold":true,"status":"unverified"}]}]}]}"#;
    let province = Rules::with_override(&ntm_core::RulesFile::parse(province).unwrap()).unwrap();
    let file = d.to_json();
    assert!(d.refile(&province));
    assert_eq!(d.value("ntm", "18.7"), Some(ntm_core::Value::Bool(true)));
    assert!(d.unknown.is_empty());
    assert_eq!(
        d.to_json(),
        file,
        "the file is the same whichever rules read it"
    );
    assert!(!d.refile(&province), "nothing left to move");
    // Back to rules without it: kept again, not lost.
    assert!(d.refile(&built_in));
    assert_eq!(d.unknown.values["ntm"]["18.7"], serde_json::json!(true));
    assert_eq!(d.to_json(), file);
}

#[test]
fn a_commune_name_written_another_way_is_read_with_a_note() {
    let rules = Rules::built_in();
    let read = Dossier::read(&EXAMPLE.replace("Xã Phù Vân", "xã  phù vân"), &rules).unwrap();
    assert_eq!(
        read.dossier.unit.name, "Xã Phù Vân",
        "the official spelling is kept"
    );
    assert_eq!(read.notes.len(), 1);
    assert_eq!(
        read.notes[0],
        "Tên xã trong tệp “xã␣␣phù vân” được đọc là “Xã Phù Vân” (mã 13306): chỉ khác khoảng trắng, chữ hoa/thường."
    );
    assert!(read.dossier.warnings(&rules).is_empty());
    // Old-style tone placement on a commune whose official name uses the new style.
    let hoa_hau = r#"{"format":"chung-suc/dossier","version":1,
      "unit":{"code":"13630","name":"Xã Hoà Hậu","district_code":"353"},"year":2024}"#;
    let read = Dossier::read(hoa_hau, &rules).unwrap();
    assert_eq!(read.dossier.unit.name, "Xã Hòa Hậu");
    assert!(
        read.notes[0].contains("cách đặt dấu thanh"),
        "{}",
        read.notes[0]
    );
}

#[test]
fn another_commune_name_is_accepted_with_a_warning_showing_both() {
    let rules = Rules::built_in();
    let read = Dossier::read(&EXAMPLE.replace("Xã Phù Vân", "Xã Phú Vân"), &rules).unwrap();
    assert_eq!(read.dossier.unit.name, "Xã Phú Vân", "kept as written");
    let w = read.remarks(&rules);
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(
        w[0],
        "Tên xã trong tệp là “Xã Phú Vân”, nhưng mã 13306 trong danh mục đơn vị hành chính là “Xã Phù Vân” (khác ở chữ “Phú” (danh mục viết “Phù”)). Hồ sơ được nhận theo mã xã; hãy kiểm tra lại tên và mã với xã."
    );
    // An invisible difference is spelled out, so the two names never look the same.
    let read = Dossier::read(&EXAMPLE.replace("Xã Phù Vân", "Xã Phù Vâ\u{0301}n"), &rules);
    let w = read.unwrap().remarks(&rules);
    assert!(w[0].contains("“Xã Phù Vấn”"), "{w:?}");
}

#[test]
fn an_empty_file_is_called_empty_by_every_reader() {
    use ntm_core::envelope::EMPTY_FILE;
    let rules = Rules::built_in();
    for text in ["", "   \n\t", "\u{feff}", "\u{feff}  \r\n"] {
        let says = |e: String| assert!(e.starts_with("Tệp rỗng"), "{text:?}: {e}");
        says(Dossier::parse(text, &rules).unwrap_err().to_string());
        says(
            ntm_core::consolidate::Bundle::parse(text, &rules)
                .unwrap_err()
                .to_string(),
        );
        says(
            ntm_core::figures::Figures::parse(text)
                .unwrap_err()
                .to_string(),
        );
        says(ntm_core::RulesFile::parse(text).unwrap_err().to_string());
        says(
            ntm_core::backup::Backup::parse(text)
                .unwrap_err()
                .to_string(),
        );
        says(
            ntm_core::nominations::Register::parse(text, ntm_core::awards::builtin())
                .unwrap_err()
                .to_string(),
        );
        let e = ntm_core::consolidate::import_file("ho-so-rong.json", text, &rules).unwrap_err();
        assert!(e.starts_with("ho-so-rong.json: Tệp rỗng"), "{e}");
    }
    assert!(EMPTY_FILE.starts_with("Tệp rỗng"));
}

#[test]
fn the_excel_csv_speaks_to_people() {
    let rules = Rules::built_in();
    let d = Dossier::parse(EXAMPLE, &rules).unwrap();
    let a = evaluate(&rules, &d);
    let bytes = ntm_core::export::csv_excel(&a, &[]);
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
