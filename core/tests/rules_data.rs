//! The built-in parameters against the source documents. Expected numbers are typed from
//! ../shared/domain (plan.md, ntm_criteria.md), not read from the code.

use ntm_core::rules::{Comparison, Kind, Status, Threshold};
use ntm_core::{Level, Rules, RulesFile};

fn fixed(rules: &Rules, set: &str, code: &str) -> (Comparison, Option<f64>, Status) {
    let ind = rules
        .set(set)
        .and_then(|s| s.indicator(code))
        .unwrap_or_else(|| panic!("{set}/{code} missing"));
    let t = match &ind.threshold {
        Some(Threshold::Fixed(v)) => Some(*v),
        None => None,
        other => panic!("{set}/{code}: unexpected threshold {other:?}"),
    };
    (ind.comparison, t, ind.status)
}

#[test]
fn commune_set_has_19_criteria_with_the_official_names() {
    let rules = Rules::built_in();
    let ntm = rules.set("ntm").unwrap();
    // QĐ 318/QĐ-TTg Phụ lục I: 19 criteria (ntm_criteria.md §3.1, verified).
    let names: Vec<&str> = ntm.criteria.iter().map(|c| &*c.name).collect();
    assert_eq!(names.len(), 19);
    assert_eq!(names[0], "Quy hoạch");
    assert_eq!(names[9], "Thu nhập");
    assert_eq!(names[10], "Nghèo đa chiều");
    assert_eq!(names[16], "Môi trường và an toàn thực phẩm");
    assert_eq!(names[18], "Quốc phòng và An ninh");
    assert_eq!(rules.set("ntm_nang_cao").unwrap().criteria.len(), 19);
    assert_eq!(rules.set("ntm_kieu_mau").unwrap().criteria.len(), 4);
}

#[test]
fn verified_thresholds_match_the_sources() {
    let rules = Rules::built_in();
    // ntm_criteria.md §4.2 (verified, S7): NC health indicators.
    for (code, v) in [
        ("14.1", 95.0),
        ("14.2", 90.0),
        ("14.3", 40.0),
        ("14.4", 70.0),
    ] {
        assert_eq!(
            fixed(&rules, "ntm_nang_cao", code),
            (Comparison::AtLeast, Some(v), Status::Verified),
            "NC {code}"
        );
    }
    // QĐ 319 (verified): ≥ 1 smart-village model, ≥ 1 outstanding field, income ≥ 110 % of NC.
    assert_eq!(fixed(&rules, "ntm_kieu_mau", "KM.3").1, Some(1.0));
    assert_eq!(fixed(&rules, "ntm_kieu_mau", "KM.4").1, Some(1.0));
    let km2 = rules
        .set("ntm_kieu_mau")
        .unwrap()
        .indicator("KM.2")
        .unwrap();
    match &km2.threshold {
        Some(Threshold::Relative { relative }) => {
            assert_eq!(
                (
                    relative.set.as_str(),
                    relative.code.as_str(),
                    relative.percent
                ),
                ("ntm_nang_cao", "10", 110)
            );
        }
        other => panic!("KM.2 threshold {other:?}"),
    }
    // QĐ 18/2022 (verified): no outstanding XDCB debt; commune satisfaction level not found.
    assert_eq!(
        fixed(&rules, "dieu_kien_cong_nhan", "C3"),
        (Comparison::AtMost, Some(0.0), Status::Verified)
    );
    assert_eq!(
        fixed(&rules, "dieu_kien_cong_nhan", "C2"),
        (Comparison::AtLeast, None, Status::NotFound)
    );
    // QĐ 320 Phụ lục I (verified): 100 % NTM, ≥ 10 % NC, 100 % thị trấn, ≥ 90 %, ≥ 80 %.
    for (code, v) in [
        ("H.0.1", 100.0),
        ("H.0.2", 10.0),
        ("H.0.3", 100.0),
        ("H.0.4", 90.0),
        ("H.0.5", 80.0),
    ] {
        assert_eq!(
            fixed(&rules, "huyen_ntm", code),
            (Comparison::AtLeast, Some(v), Status::Verified),
            "{code}"
        );
    }
    assert_eq!(
        rules.set("huyen_ntm").unwrap().criteria.len(),
        10,
        "conditions + 9 criteria"
    );
}

#[test]
fn thresholds_not_found_stay_empty() {
    let rules = Rules::built_in();
    // ntm_criteria.md §3.2: ĐBSH thresholds for income, poverty, BHYT, labour… not found.
    for code in ["2.1", "11", "12.1", "15.1", "17.1", "17.6"] {
        assert_eq!(
            fixed(&rules, "ntm", code).1,
            None,
            "ntm {code} must have no threshold"
        );
    }
    let income = rules.set("ntm").unwrap().indicator("10").unwrap();
    assert_eq!(income.kind, Kind::Money);
    match &income.threshold {
        Some(Threshold::ByYear(m)) => {
            assert_eq!(
                m.keys().copied().collect::<Vec<_>>(),
                vec![2022, 2023, 2024, 2025]
            );
            assert!(m.values().all(Option::is_none));
        }
        other => panic!("income threshold {other:?}"),
    }
}

#[test]
fn movement_targets_match_the_plan() {
    // seed-plan-vi.txt, mục II.2: "01 huyện và 35 xã … 65 triệu đồng … giảm 60-65% … 75% … 60%
    // … 95,5% … 100% … 98%".
    let rules = Rules::built_in();
    let t: Vec<(&str, Option<f64>, Option<f64>)> = rules
        .targets
        .iter()
        .map(|t| (t.id.as_str(), t.threshold, t.upper))
        .collect();
    assert_eq!(
        t,
        vec![
            ("T1", Some(1.0), None),
            ("T2", Some(35.0), None),
            ("T3", Some(65_000_000.0), None),
            ("T4", Some(60.0), Some(65.0)),
            ("T5", Some(75.0), None),
            ("T6", Some(60.0), None),
            ("T7", Some(95.5), None),
            ("T8", Some(100.0), None),
            ("T9", Some(98.0), None),
        ]
    );
}

#[test]
fn levels_are_cumulative_and_name_their_sets() {
    let rules = Rules::built_in();
    let order: Vec<Level> = rules.levels.iter().map(|l| l.level).collect();
    assert_eq!(order, Level::LADDER.to_vec());
    assert_eq!(
        rules.level_def(Level::Ntm).unwrap().sets,
        vec!["ntm", "dieu_kien_cong_nhan"]
    );
}

const PATCH: &str = r#"{"format":"chung-suc/rules","version":1,"id":"ha-nam-2024","title":"Hà Nam",
  "sets":[{"id":"ntm","criteria":[{"code":"15","indicators":[{"code":"15.1","threshold":95,
  "source":{"document":"QĐ tỉnh (thử)"},"status":"unverified"}]}]}]}"#;

#[test]
fn an_override_completes_a_threshold_and_changes_the_hash() {
    let base = Rules::built_in();
    let file = RulesFile::parse(PATCH).unwrap();
    let over = Rules::with_override(&file).unwrap();
    assert_eq!(over.reference().id, "ha-nam-2024");
    assert_eq!(over.title, "Hà Nam");
    assert!(base.title.contains("(dữ liệu gốc)"), "{}", base.title);
    assert_ne!(over.hash(), base.hash());
    assert!(over.hash().starts_with("sha256:") && over.hash().len() == 71);
    let (cmp, t, status) = fixed(&over, "ntm", "15.1");
    assert_eq!(
        (cmp, t, status),
        (Comparison::AtLeast, Some(95.0), Status::Unverified)
    );
    assert_eq!(
        &*over
            .set("ntm")
            .unwrap()
            .indicator("15.1")
            .unwrap()
            .source
            .document,
        "QĐ tỉnh (thử)"
    );
    // Same content → same hash, whatever the layer titles.
    assert_eq!(Rules::with_override(&file).unwrap().hash(), over.hash());
    assert_eq!(Rules::built_in().hash(), base.hash());
}

#[test]
fn bad_rules_files_name_the_field() {
    let cases = [
        (
            r#"{"format":"x","version":1,"id":"a","title":"b"}"#,
            "format",
        ),
        (
            r#"{"format":"chung-suc/rules","version":9,"id":"a","title":"b"}"#,
            "version",
        ),
        (
            r#"{"format":"chung-suc/rules","version":1,"id":"a","title":"b","sets":[{"id":"ntm","criteria":[{"code":"15","indicators":[{"code":"15.9","threshold":5}]}]}]}"#,
            "sets[ntm].criteria[15].indicators[15.9].name",
        ),
        (
            r#"{"format":"chung-suc/rules","version":1,"id":"a","title":"b","sets":[{"id":"ntm","criteria":[{"code":"15","indicators":[{"code":"15.1","threshold":120}]}]}]}"#,
            "sets[ntm].criteria[15].indicators[15.1].threshold",
        ),
        (
            r#"{"format":"chung-suc/rules","version":1,"id":"a","title":"b","sets":[{"id":"ntm","criteria":[{"code":"1","indicators":[{"code":"1.1","threshold":5}]}]}]}"#,
            "sets[ntm].criteria[1].indicators[1.1].threshold",
        ),
        (
            r#"{"format":"chung-suc/rules","version":1,"id":"a","title":"b","targets":[{"id":"T7","threshold":120}]}"#,
            "targets[T7].threshold",
        ),
        (
            r#"{"format":"chung-suc/rules","version":1,"id":"a","title":"b","sets":[{"id":"ntm","criteria":[{"code":"2","indicators":[{"code":"1.1","name":"x","kind":"boolean","comparison":"=","threshold":true,"status":"unverified"}]}]}]}"#,
            "sets[ntm].criteria[2].indicators[1.1]",
        ),
    ];
    for (text, field) in cases {
        let err = RulesFile::parse(text).and_then(|f| Rules::with_override(&f).map(|_| ()));
        assert_eq!(err.unwrap_err().field, field, "{text}");
    }
    assert!(RulesFile::parse("{not json")
        .unwrap_err()
        .to_string()
        .contains("JSON"));
}

#[test]
fn an_override_can_remove_and_add_indicators() {
    let text = r#"{"format":"chung-suc/rules","version":1,"id":"sua-doi","title":"Sửa đổi",
      "sets":[{"id":"ntm","criteria":[{"code":"18","indicators":[
        {"code":"18.4","remove":true},
        {"code":"18.7","name":"Chỉ tiêu mới","kind":"boolean","comparison":"=","threshold":true,"status":"unverified"}]}]}]}"#;
    let rules = Rules::with_override(&RulesFile::parse(text).unwrap()).unwrap();
    let ntm = rules.set("ntm").unwrap();
    assert!(ntm.indicator("18.4").is_none());
    let added = ntm.indicator("18.7").unwrap();
    assert_eq!(&*added.name, "Chỉ tiêu mới");
    // A new indicator without its own source cites the set's document.
    assert_eq!(added.source.document, ntm.source.document);
    let bad = text.replace("18.4", "18.99");
    let e = Rules::with_override(&RulesFile::parse(&bad).unwrap()).unwrap_err();
    assert_eq!(e.field, "sets[ntm].criteria[18].indicators[18.99]");
}
