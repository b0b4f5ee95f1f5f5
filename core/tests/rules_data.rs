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
    // ntm_criteria.md §4.2 (S7): NC health indicators 95/90/40/70 %. data_corrections.md D9:
    // the source gives no region and the codes are inferred, so both stand "partial".
    for (code, v) in [
        ("14.1", 95.0),
        ("14.2", 90.0),
        ("14.3", 40.0),
        ("14.4", 70.0),
    ] {
        assert_eq!(
            fixed(&rules, "ntm_nang_cao", code),
            (Comparison::AtLeast, Some(v), Status::Partial),
            "NC {code}"
        );
        let ind = rules.set("ntm_nang_cao").unwrap().indicator(code).unwrap();
        assert_eq!(ind.threshold_checked(), Status::Partial, "NC {code}");
        let note = ind.note.as_deref().unwrap();
        assert!(
            note.contains("không ghi vùng") && note.contains("suy ra"),
            "{note}"
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
    // QĐ 320 Phụ lục I (verified): 100 % NTM, ≥ 10 % NC, 100 % thị trấn, ≥ 90 %.
    for (code, v) in [
        ("H.0.1", 100.0),
        ("H.0.2", 10.0),
        ("H.0.3", 100.0),
        ("H.0.4", 90.0),
    ] {
        assert_eq!(
            fixed(&rules, "huyen_ntm", code),
            (Comparison::AtLeast, Some(v), Status::Verified),
            "{code}"
        );
    }
    // ≥ 80 % for each content item in each xã (D12): the district confirms it, yes/no; the
    // 80 % stays in its name, and nothing computes it from an overall figure.
    let h05 = rules.set("huyen_ntm").unwrap().indicator("H.0.5").unwrap();
    assert_eq!(
        (h05.kind, h05.comparison, &h05.threshold, h05.status),
        (
            Kind::Boolean,
            Comparison::Equals,
            &Some(Threshold::Flag(true)),
            Status::Verified
        )
    );
    assert!(h05.is_entered());
    assert!(h05.name.contains("80 %") && h05.name.contains("từng nội dung"));
    assert_eq!(
        rules.set("huyen_ntm").unwrap().criteria.len(),
        10,
        "conditions + 9 criteria"
    );
}

#[test]
fn an_indicator_and_its_threshold_have_separate_statuses() {
    let rules = Rules::built_in();
    let ntm = rules.set("ntm").unwrap();
    // D11: 17.1, 10 and 11 exist in QĐ 318 (verified); their ĐBSH values were not found.
    for code in ["17.1", "10", "11"] {
        let i = ntm.indicator(code).unwrap();
        assert_eq!(
            (i.status, i.threshold_checked()),
            (Status::Verified, Status::NotFound),
            "{code}"
        );
    }
    // D10: the irrigation value is a hint only, never a threshold.
    let i31 = ntm.indicator("3.1").unwrap();
    assert_eq!(i31.threshold, None);
    assert_eq!(
        i31.note.as_deref(),
        Some("Gợi ý chưa xác minh (không dùng để đánh giá): từ 80% trở lên (giá trị chung, chưa xác nhận cho vùng ĐBSH).")
    );
    // An older file without threshold_status: the threshold is as checked as the indicator.
    let c3 = rules
        .set("dieu_kien_cong_nhan")
        .unwrap()
        .indicator("C3")
        .unwrap();
    assert_eq!(c3.threshold_status, None);
    assert_eq!(c3.threshold_checked(), Status::Verified);
}

#[test]
fn a_new_threshold_is_only_as_checked_as_its_file_says() {
    let file = |extra: &str| {
        let t = format!(
            r#"{{"format":"chung-suc/rules","version":1,"id":"t","title":"t","sets":[{{"id":"ntm","criteria":[{{"code":"17","indicators":[{{"code":"17.1","threshold":60{extra}}}]}}]}}]}}"#
        );
        let r = Rules::with_override(&RulesFile::parse(&t).unwrap()).unwrap();
        let i = r.set("ntm").unwrap().indicator("17.1").unwrap().clone();
        (i.status, i.threshold_checked())
    };
    // Nothing said: the value vouches for nothing, whatever the indicator's own status.
    assert_eq!(file(""), (Status::Verified, Status::Unverified));
    assert_eq!(
        file(r#","status":"partial""#),
        (Status::Partial, Status::Partial)
    );
    assert_eq!(
        file(
            r#","threshold_status":"verified","source":{"document":"Quyết định 12/2022/QĐ-UBND","date":"2022-05-10"}"#
        ),
        (Status::Verified, Status::Verified)
    );
}

#[test]
fn each_built_in_file_has_its_own_id() {
    // D14: "tw" (trung ương) names the national files only; the provincial plan has its own.
    let ids: Vec<String> = [
        include_str!("../rules/ntm_xa_2021_2025.json"),
        include_str!("../rules/ntm_huyen_2021_2025.json"),
        include_str!("../rules/phong_trao_ha_nam.json"),
    ]
    .iter()
    .map(|t| RulesFile::parse(t).unwrap().id)
    .collect();
    assert_eq!(
        ids,
        [
            "tw-xa-2021-2025",
            "tw-huyen-2021-2025",
            "ha-nam-phong-trao-2021-2025"
        ]
    );
    // The built-in rules are known by their first layer, like their title.
    assert_eq!(Rules::built_in().reference().id, "tw-xa-2021-2025");
}

/// Every source a built-in fact cites, with whether the fact claims "verified".
fn built_in_facts(rules: &Rules) -> Vec<(String, bool, ntm_core::rules::Source)> {
    let mut out = Vec::new();
    for set in &rules.sets {
        for c in &set.criteria {
            out.push((
                format!("{}/{}", set.id, c.code),
                c.status.is_verified(),
                (*set.source).clone(),
            ));
            for i in &c.indicators {
                out.push((
                    format!("{}/{}", set.id, i.code),
                    i.status.is_verified() || i.threshold_checked().is_verified(),
                    (*i.source).clone(),
                ));
            }
        }
    }
    for t in &rules.targets {
        out.push((t.id.clone(), t.status.is_verified(), t.source.clone()));
    }
    out
}

#[test]
fn no_built_in_verified_fact_cites_a_placeholder() {
    let rules = Rules::built_in();
    let facts = built_in_facts(&rules);
    assert!(facts.len() >= 140, "every fact is walked: {}", facts.len());
    for (what, verified, source) in facts {
        if verified {
            assert_eq!(source.placeholder(), None, "{what}: {source:?}");
            assert!(!source.document.trim().is_empty(), "{what}");
        }
    }
}

#[test]
fn a_verified_fact_citing_a_placeholder_is_refused() {
    let patch = |source: &str, status: &str| {
        format!(
            r#"{{"format":"chung-suc/rules","version":1,"id":"p","title":"p","sets":[{{"id":"ntm","criteria":[{{"code":"15","indicators":[{{"code":"15.1","threshold":95,"source":{source},"status":"{status}"}}]}}]}}]}}"#
        )
    };
    let at = "sets[ntm].criteria[15].indicators[15.1].source";
    for (source, field) in [
        (r#"{"document":"Quyết định …/QĐ-UBND"}"#, "document"),
        (r#"{"document":"Quyết định .../QĐ-UBND"}"#, "document"),
        (r#"{"document":"QĐ số xxx/QĐ-UBND"}"#, "document"),
        (r#"{"document":"   "}"#, "document"),
        (r#"{"document":""}"#, "document"),
        (
            r#"{"document":"Quyết định 12/2022/QĐ-UBND","date":"2022-…"}"#,
            "date",
        ),
        (
            r#"{"document":"Quyết định 12/2022/QĐ-UBND","date":"2023-02-30"}"#,
            "date",
        ),
        (
            r#"{"document":"Quyết định 12/2022/QĐ-UBND","date":"10/05/2022"}"#,
            "date",
        ),
        (
            r#"{"document":"Quyết định 12/2022/QĐ-UBND","date":" "}"#,
            "date",
        ),
    ] {
        let e = Rules::with_override(&RulesFile::parse(&patch(source, "verified")).unwrap())
            .unwrap_err();
        assert_eq!(e.field, format!("{at}.{field}"), "{source}");
        assert!(
            e.problem.contains("không thể ghi “đã xác minh”"),
            "{}",
            e.problem
        );
        // The same source on an unverified fact is the honest state: accepted.
        Rules::with_override(&RulesFile::parse(&patch(source, "unverified")).unwrap())
            .unwrap_or_else(|e| panic!("{source}: {e}"));
    }
    // A real document and date: accepted as verified.
    let ok = patch(
        r#"{"document":"Quyết định 12/2022/QĐ-UBND","date":"2024-02-29"}"#,
        "verified",
    );
    Rules::with_override(&RulesFile::parse(&ok).unwrap()).unwrap();
    // A target too.
    let t = r#"{"format":"chung-suc/rules","version":1,"id":"p","title":"p","targets":[{"id":"T3","source":{"document":"Kế hoạch số …/KH-UBND"}}]}"#;
    let e = Rules::with_override(&RulesFile::parse(t).unwrap()).unwrap_err();
    assert_eq!(e.field, "targets[T3].source.document");
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
