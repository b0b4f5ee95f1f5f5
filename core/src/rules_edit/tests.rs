use super::*;
use crate::error::FieldPath;

fn base() -> Rules {
    Rules::built_in()
}

fn apply(file: &RulesFile) -> Rules {
    Rules::with_override(file).expect("patch applies")
}

fn form_of(rules: &Rules, set: &str, code: &str) -> IndicatorForm {
    IndicatorForm::from_indicator(rules.set(set).unwrap().indicator(code).unwrap())
}

fn provincial() -> Source {
    Source {
        document: "Quyết định 12/2024/QĐ-UBND tỉnh Hà Nam".into(),
        annex: Some("Phụ lục".into()),
        date: Some("2024-03-01".into()),
        url: None,
    }
}

#[test]
fn empty_patch_gives_no_changes() {
    let b = base();
    let p = empty_patch(DEFAULT_ID, DEFAULT_TITLE);
    assert!(is_empty(&p));
    let e = apply(&p);
    assert_eq!(e.hash(), b.hash());
    assert!(changes(&b, &e).is_empty());
    assert!(changes(&b, &b).is_empty());
}

#[test]
fn threshold_change_is_reported_with_old_and_new() {
    let b = base();
    let mut p = empty_patch(DEFAULT_ID, DEFAULT_TITLE);
    let mut f = form_of(&b, "ntm", "15.1");
    f.threshold = Some(Threshold::Fixed(95.5));
    f.source = provincial();
    assert!(check_form(&b, &b, "ntm", "15", &f, false).is_empty());
    put_indicator(&mut p, &b, "ntm", "15", &f);
    let e = apply(&p);
    let ch = changes(&b, &e);
    assert_eq!(ch.len(), 2, "{ch:#?}");
    assert_eq!(ch[0].set(), Some("ntm"));
    assert_eq!(ch[0].criterion(), Some("15"));
    assert_eq!(ch[0].code(), Some("15.1"));
    assert_eq!(
        ch[0].what,
        What::Changed {
            field: Field::Threshold,
            old: "chưa có ngưỡng".into(),
            new: "95,5 %".into()
        }
    );
    assert!(
        ch[0].description.contains("95,5 %"),
        "{}",
        ch[0].description
    );
    assert!(matches!(
        ch[1].what,
        What::Changed {
            field: Field::Source,
            ..
        }
    ));
    // Only what differs from the built-in indicator is in the patch.
    let ip = &p.sets[0].criteria[0].indicators[0];
    assert!(ip.name.is_none() && ip.kind.is_none() && ip.status.is_none());
    assert_eq!(ip.threshold, Some(Threshold::Fixed(95.5)));
}

#[test]
fn removed_and_added_indicators_are_both_reported() {
    let b = base();
    let mut p = empty_patch(DEFAULT_ID, DEFAULT_TITLE);
    remove_indicator(&mut p, &b, "ntm", "18", "18.4");
    let f = IndicatorForm {
        code: "1.1".into(),
        name: "Có quy hoạch chung xây dựng xã được phê duyệt".into(),
        kind: Kind::Boolean,
        comparison: Comparison::Equals,
        threshold: Some(Threshold::Flag(true)),
        unit: String::new(),
        source: provincial(),
        status: Status::Verified,
        threshold_status: Status::Verified,
        note: String::new(),
    };
    assert!(check_form(&b, &b, "ntm_nang_cao", "1", &f, true).is_empty());
    put_indicator(&mut p, &b, "ntm_nang_cao", "1", &f);
    let e = apply(&p);
    assert!(e.set("ntm").unwrap().indicator("18.4").is_none());
    assert!(e.set("ntm_nang_cao").unwrap().indicator("1.1").is_some());
    let ch = changes(&b, &e);
    assert_eq!(ch.len(), 2, "{ch:#?}");
    let removed = ch.iter().find(|c| c.what == What::Removed).unwrap();
    assert_eq!(
        removed.scope,
        Scope::Indicator {
            set: "ntm".into(),
            criterion: "18".into(),
            code: "18.4".into()
        }
    );
    assert!(removed.description.starts_with("Bỏ chỉ tiêu 18.4"));
    let added = ch.iter().find(|c| c.what == What::Added).unwrap();
    assert_eq!(added.code(), Some("1.1"));
    assert_eq!(added.set(), Some("ntm_nang_cao"));
    assert!(added.description.starts_with("Thêm chỉ tiêu 1.1"));

    // Undoing each takes it out of the patch; undoing both gives the built-in rules.
    undo(&mut p, removed);
    let e = apply(&p);
    assert!(e.set("ntm").unwrap().indicator("18.4").is_some());
    assert_eq!(changes(&b, &e).len(), 1);
    undo(&mut p, added);
    assert!(is_empty(&p));
    assert_eq!(apply(&p).hash(), b.hash());
}

#[test]
fn removing_an_added_indicator_drops_it_from_the_patch() {
    let b = base();
    let mut p = empty_patch(DEFAULT_ID, DEFAULT_TITLE);
    let f = IndicatorForm {
        code: "2.9".into(),
        name: "Chỉ tiêu thử".into(),
        kind: Kind::Percent,
        comparison: Comparison::AtLeast,
        threshold: None,
        unit: String::new(),
        source: Source {
            document: String::new(),
            annex: None,
            date: None,
            url: None,
        },
        status: Status::Unverified,
        threshold_status: Status::Unverified,
        note: String::new(),
    };
    put_indicator(&mut p, &b, "ntm_nang_cao", "2", &f);
    assert!(!is_empty(&p));
    remove_indicator(&mut p, &b, "ntm_nang_cao", "2", "2.9");
    assert!(is_empty(&p), "{}", p.to_json());
}

#[test]
fn setting_a_field_back_leaves_the_patch() {
    let b = base();
    let mut p = empty_patch(DEFAULT_ID, DEFAULT_TITLE);
    let mut f = form_of(&b, "ntm_nang_cao", "14.1");
    f.name = "Tên mới".into();
    put_indicator(&mut p, &b, "ntm_nang_cao", "14", &f);
    assert!(!is_empty(&p));
    let f = form_of(&b, "ntm_nang_cao", "14.1");
    put_indicator(&mut p, &b, "ntm_nang_cao", "14", &f);
    assert!(is_empty(&p));
}

#[test]
fn an_empty_document_keeps_the_built_in_source() {
    let b = base();
    let mut p = empty_patch(DEFAULT_ID, DEFAULT_TITLE);
    let mut f = form_of(&b, "ntm", "15.1");
    f.name = "Tỷ lệ người dân tham gia BHYT".into();
    f.source = Source {
        document: " ".into(),
        annex: None,
        date: None,
        url: None,
    };
    put_indicator(&mut p, &b, "ntm", "15", &f);
    let e = apply(&p);
    let ch = changes(&b, &e);
    assert_eq!(ch.len(), 1, "{ch:#?}");
    assert!(matches!(
        ch[0].what,
        What::Changed {
            field: Field::Name,
            ..
        }
    ));
}

#[test]
fn clearing_a_built_in_threshold_means_no_threshold() {
    let b = base();
    let mut p = empty_patch(DEFAULT_ID, DEFAULT_TITLE);
    let mut f = form_of(&b, "ntm_nang_cao", "14.1");
    f.threshold = None;
    put_indicator(&mut p, &b, "ntm_nang_cao", "14", &f);
    let e = apply(&p);
    let ind = e.set("ntm_nang_cao").unwrap().indicator("14.1").unwrap();
    assert!(ind.threshold_for(2024).is_none());
    let ch = changes(&b, &e);
    assert_eq!(ch.len(), 1);
    assert_eq!(
        ch[0].what,
        What::Changed {
            field: Field::Threshold,
            old: "95 %".into(),
            new: "chưa có ngưỡng".into()
        }
    );
}

#[test]
fn rename_and_per_year_thresholds() {
    let b = base();
    let mut p = empty_patch(DEFAULT_ID, DEFAULT_TITLE);
    rename_criterion(&mut p, &b, "ntm_nang_cao", "1", "Quy hoạch (sửa đổi 2024)");
    let mut f = form_of(&b, "ntm", "10");
    f.threshold = Some(Threshold::ByYear(
        [(2024, Some(65_000_000.0)), (2025, None)]
            .into_iter()
            .collect(),
    ));
    f.source = provincial();
    put_indicator(&mut p, &b, "ntm", "10", &f);
    let e = apply(&p);
    let ch = changes(&b, &e);
    let rename = ch
        .iter()
        .find(|c| {
            c.scope
                == Scope::Criterion {
                    set: "ntm_nang_cao".into(),
                    criterion: "1".into(),
                }
        })
        .unwrap();
    assert_eq!(
        rename.what,
        What::Changed {
            field: Field::Name,
            old: "Quy hoạch".into(),
            new: "Quy hoạch (sửa đổi 2024)".into()
        }
    );
    let t = ch
        .iter()
        .find(|c| {
            matches!(
                c.what,
                What::Changed {
                    field: Field::Threshold,
                    ..
                }
            )
        })
        .unwrap();
    assert!(
        t.description.contains("2024: 65.000.000 đ"),
        "{}",
        t.description
    );
    undo(&mut p, rename);
    assert_eq!(
        apply(&p).set("ntm_nang_cao").unwrap().criteria[0]
            .name
            .as_ref(),
        "Quy hoạch"
    );
}

#[test]
fn form_checks_name_the_field_in_vietnamese() {
    let b = base();
    // A threshold without a document of its own.
    let mut f = form_of(&b, "ntm", "15.1");
    f.threshold = Some(Threshold::Fixed(95.0));
    let errs = check_form(&b, &b, "ntm", "15", &f, false);
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].field, Field::Source);
    assert!(errs[0].message.starts_with("Văn bản căn cứ:"));
    f.source.document = String::new();
    assert!(check_form(&b, &b, "ntm", "15", &f, false)[0]
        .message
        .contains("bắt buộc"));
    // A code that is already there.
    let f = form_of(&b, "ntm", "15.2");
    let errs = check_form(&b, &b, "ntm", "15", &f, true);
    assert_eq!(errs[0].field, Field::Code);
}

#[test]
fn core_errors_map_to_form_fields() {
    let b = base();
    let mut p = empty_patch(DEFAULT_ID, DEFAULT_TITLE);
    let mut f = form_of(&b, "ntm", "15.1");
    f.threshold = Some(Threshold::Fixed(120.0));
    f.source = provincial();
    put_indicator(&mut p, &b, "ntm", "15", &f);
    let e = Rules::with_override(&p).unwrap_err();
    let fe = field_error(&e);
    assert_eq!(fe.field, Field::Threshold);
    assert!(
        fe.message
            .starts_with("Ngưỡng: tỷ lệ phần trăm phải từ 0 đến 100"),
        "{}",
        fe.message
    );

    let path = FieldPath::from("sets")
        .key("ntm")
        .field("criteria")
        .key("10")
        .field("indicators")
        .key("10")
        .field("threshold")
        .field("2024");
    let e = InputError::new(path, "x");
    assert_eq!(field_error(&e).message, "Ngưỡng năm 2024: x");
    let e = InputError::new("id", "không được để trống");
    assert_eq!(field_error(&e).field, Field::Id);
    assert_eq!(
        field_error(&e).message,
        "Mã bộ tiêu chí: không được để trống"
    );
}

#[test]
fn targets_are_checked_and_diffed() {
    let b = base();
    let t3 = b.targets.iter().find(|t| t.id == "T4").unwrap().clone();
    let mut form = TargetForm {
        id: t3.id.clone(),
        threshold: Some(120.0),
        upper: t3.upper,
        source: t3.source.clone(),
        status: t3.status,
    };
    let errs = check_target(&b, &t3, &form);
    assert!(errs.iter().any(|e| e.field == Field::Threshold));
    assert!(errs.iter().any(|e| e.field == Field::Source));
    form.threshold = Some(62.0);
    form.source = provincial();
    assert!(check_target(&b, &t3, &form).is_empty());
    let mut p = empty_patch(DEFAULT_ID, DEFAULT_TITLE);
    put_target(&mut p, &b, &form);
    let e = apply(&p);
    let ch = changes(&b, &e);
    assert_eq!(ch.len(), 2, "{ch:#?}");
    assert_eq!(ch[0].code(), Some("T4"));
    assert!(
        ch[0].description.contains("60 % → 62 %"),
        "{}",
        ch[0].description
    );
    for c in &ch {
        undo(&mut p, c);
    }
    assert!(is_empty(&p));
}

#[test]
fn dates_and_file_names() {
    assert_eq!(parse_vi_date("08/03/2022"), Ok(Some("2022-03-08".into())));
    assert_eq!(parse_vi_date("8/3/2022"), Ok(Some("2022-03-08".into())));
    assert_eq!(parse_vi_date("2022-03-08"), Ok(Some("2022-03-08".into())));
    assert_eq!(parse_vi_date(" "), Ok(None));
    assert!(parse_vi_date("31/02/2022").is_err());
    assert!(parse_vi_date("hôm qua").is_err());
    assert_eq!(date_for_form(Some("2022-03-08")), "08/03/2022");
    assert_eq!(export_file_name("ha-nam"), "bo-tieu-chi-ha-nam.json");
    assert_eq!(
        export_file_name("Hà Nam 2024"),
        "bo-tieu-chi-h--nam-2024.json"
    );
    assert_eq!(export_file_name("../"), "bo-tieu-chi.json");
}

#[test]
fn exported_patch_reimports_to_the_same_hash() {
    let b = base();
    let mut p = empty_patch(DEFAULT_ID, DEFAULT_TITLE);
    let mut f = form_of(&b, "ntm", "15.1");
    f.threshold = Some(Threshold::Fixed(95.5));
    f.source = provincial();
    put_indicator(&mut p, &b, "ntm", "15", &f);
    remove_indicator(&mut p, &b, "ntm", "18", "18.4");
    let e = apply(&p);
    let again = RulesFile::parse(&p.to_json()).unwrap();
    assert_eq!(apply(&again).hash(), e.hash());
    assert_eq!(apply(&again).id, DEFAULT_ID);
}

#[test]
fn the_threshold_status_is_edited_apart_from_the_indicator_status() {
    let b = base();
    // 17.1 exists in QĐ 318 (verified); its ĐBSH value was not found (D11).
    let mut f = form_of(&b, "ntm", "17.1");
    assert_eq!(
        (f.status, f.threshold_status),
        (Status::Verified, Status::NotFound)
    );
    let mut p = empty_patch(DEFAULT_ID, DEFAULT_TITLE);
    f.threshold = Some(Threshold::Fixed(60.0));
    f.source = provincial();
    f.threshold_status = Status::Partial;
    put_indicator(&mut p, &b, "ntm", "17", &f);
    let e = apply(&p);
    let i = e.set("ntm").unwrap().indicator("17.1").unwrap();
    assert_eq!(
        (i.status, i.threshold_checked()),
        (Status::Verified, Status::Partial)
    );
    let ch = changes(&b, &e);
    let st = ch
        .iter()
        .find(|c| {
            matches!(
                c.what,
                What::Changed {
                    field: Field::ThresholdStatus,
                    ..
                }
            )
        })
        .expect("the threshold status change is listed");
    assert!(
        st.description.contains("xác minh một phần"),
        "{}",
        st.description
    );
    // Undoing the threshold takes its status with it.
    let th = ch
        .iter()
        .find(|c| {
            matches!(
                c.what,
                What::Changed {
                    field: Field::Threshold,
                    ..
                }
            )
        })
        .unwrap()
        .clone();
    undo(&mut p, &th);
    let e = apply(&p);
    let i = e.set("ntm").unwrap().indicator("17.1").unwrap();
    assert_eq!(
        (i.threshold.is_none(), i.threshold_checked()),
        (true, Status::NotFound)
    );
}

#[test]
fn a_placeholder_source_is_refused_on_its_field() {
    let b = base();
    let mut f = form_of(&b, "ntm", "15.1");
    f.threshold = Some(Threshold::Fixed(95.0));
    f.source = Source {
        document: "Quyết định …/QĐ-UBND".into(),
        ..provincial()
    };
    f.threshold_status = Status::Verified;
    let mut p = empty_patch(DEFAULT_ID, DEFAULT_TITLE);
    put_indicator(&mut p, &b, "ntm", "15", &f);
    let e = Rules::with_override(&p).unwrap_err();
    let fe = field_error(&e);
    assert_eq!(fe.field, Field::Source);
    assert!(
        fe.message.contains("không thể ghi “đã xác minh”"),
        "{}",
        fe.message
    );
    f.source = Source {
        date: Some("2023-02-30".into()),
        ..provincial()
    };
    let mut p = empty_patch(DEFAULT_ID, DEFAULT_TITLE);
    put_indicator(&mut p, &b, "ntm", "15", &f);
    let fe = field_error(&Rules::with_override(&p).unwrap_err());
    assert_eq!(fe.field, Field::SourceDate);
}
