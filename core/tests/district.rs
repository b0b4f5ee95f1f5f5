//! District conditions of QĐ 320/QĐ-TTg Phụ lục I (ntm_criteria.md §6.1, verified): 100 % of
//! xã NTM, ≥ 10 % nâng cao, satisfaction ≥ 90 % in the district and ≥ 80 % for each content item
//! in every commune (D12: the district confirms the last one, yes/no). Thị xã / thành phố fall
//! under Phụ lục II, not in the sources (D13).

use ntm_core::district::evaluate_district;
use ntm_core::{evaluate, units, Assessment, CriterionOutcome, Dossier, Rules, RulesFile, Value};
use std::collections::BTreeMap;

fn rules() -> Rules {
    let text = include_str!("../../tests/cases/rules/kiem-thu-day-du.json");
    let mut rules = Rules::with_override(&RulesFile::parse(text).unwrap()).unwrap();
    // Test value: the commune satisfaction level (not found in the sources) below the district's.
    let c2 = r#"{"format":"chung-suc/rules","version":1,"id":"kiem-thu-huyen","title":"Thử",
      "sets":[{"id":"dieu_kien_cong_nhan","criteria":[{"code":"C2","indicators":[{"code":"C2","threshold":70}]}]}]}"#;
    rules.apply(&RulesFile::parse(c2).unwrap()).unwrap();
    rules
}

/// The golden cases' base dossier (it reaches kiểu mẫu), for commune `code`.
fn assessed(rules: &Rules, code: &str, nang_cao: bool, satisfaction: f64) -> Assessment {
    let mut d: serde_json::Value =
        serde_json::from_str(include_str!("../../tests/cases/base/xa-phu-van-2024.json")).unwrap();
    let u = units::find(code).unwrap();
    d["unit"] =
        serde_json::json!({"code": u.code, "name": u.name, "district_code": u.district_code});
    d["conditions"]["satisfaction_pct"] = serde_json::json!(satisfaction);
    if !nang_cao {
        d["values"]["ntm_nang_cao"]["14.1"] = serde_json::json!(94); // < 95 %: NTM only
    }
    evaluate(rules, &Dossier::parse(&d.to_string(), rules).unwrap())
}

const LY_NHAN: &str = "353"; // 20 xã

fn ly_nhan(rules: &Rules, nang_cao: usize, min_satisfaction: f64) -> Vec<Assessment> {
    units::communes()
        .filter(|u| u.district_code == LY_NHAN)
        .enumerate()
        .map(|(i, u)| {
            assessed(
                rules,
                &u.code,
                i < nang_cao,
                if i == 5 { min_satisfaction } else { 95.0 },
            )
        })
        .collect()
}

fn outcome(r: &ntm_core::district::DistrictResult, code: &str) -> &'static str {
    r.indicators()
        .find(|i| i.code() == code)
        .unwrap()
        .outcome
        .code()
}

fn entered() -> BTreeMap<String, Value> {
    BTreeMap::from([
        ("H.0.3".to_string(), Value::Number(100.0)),
        ("H.0.4".to_string(), Value::Number(90.0)),
        ("H.0.5".to_string(), Value::Bool(true)),
    ])
}

#[test]
fn ten_percent_nang_cao_is_met_exactly() {
    let rules = rules();
    let r =
        evaluate_district(&rules, LY_NHAN, 2024, &ly_nhan(&rules, 2, 80.0), &entered()).unwrap();
    assert_eq!(
        (r.communes_total, r.assessed, r.ntm, r.nang_cao),
        (20, 20, 20, 2)
    );
    assert_eq!(outcome(&r, "H.0.1"), "dat");
    assert_eq!(outcome(&r, "H.0.2"), "dat"); // 2 / 20 = 10 %
    assert_eq!(outcome(&r, "H.0.4"), "dat"); // 90 % ≥ 90 %
    assert_eq!(outcome(&r, "H.0.5"), "dat"); // confirmed by the district
    assert_eq!(r.criteria[0].outcome, CriterionOutcome::Dat);
    // The nine district criteria have no indicators in the sources: not decided.
    assert_eq!(r.outcome, CriterionOutcome::ChuaXacDinh);
}

#[test]
fn below_the_bounds_is_not_met() {
    let rules = rules();
    let r = evaluate_district(
        &rules,
        LY_NHAN,
        2024,
        &ly_nhan(&rules, 1, 79.99),
        &entered(),
    )
    .unwrap();
    assert_eq!(outcome(&r, "H.0.2"), "chua_dat"); // 1 / 20 = 5 %
    assert_eq!(r.outcome, CriterionOutcome::ChuaDat);
    // The district says an item is under 80 % in some commune.
    let mut no = entered();
    no.insert("H.0.5".into(), Value::Bool(false));
    let r = evaluate_district(&rules, LY_NHAN, 2024, &ly_nhan(&rules, 2, 95.0), &no).unwrap();
    assert_eq!(outcome(&r, "H.0.5"), "chua_dat");
    assert_eq!(r.criteria[0].outcome, CriterionOutcome::ChuaDat);
}

#[test]
fn per_item_satisfaction_is_never_met_from_the_overall_figures_alone() {
    let rules = rules();
    // Every commune 95 % overall: still no verdict until the district confirms each item.
    let mut e = entered();
    e.remove("H.0.5");
    let r = evaluate_district(&rules, LY_NHAN, 2024, &ly_nhan(&rules, 2, 95.0), &e).unwrap();
    assert_eq!(outcome(&r, "H.0.5"), "thieu_so_lieu");
    assert_ne!(r.criteria[0].outcome, CriterionOutcome::Dat);
    // A file that still computes it from the lowest overall figure is refused, naming the field.
    let old = r#"{"format":"chung-suc/rules","version":1,"id":"cu","title":"Cũ",
      "sets":[{"id":"huyen_ntm","criteria":[{"code":"0","indicators":[{"code":"H.0.5",
      "kind":"percent","comparison":">=","threshold":80,"input":{"district":"min_commune_satisfaction_pct"}}]}]}]}"#;
    let err = Rules::with_override(&RulesFile::parse(old).unwrap()).unwrap_err();
    assert!(err.to_string().contains("H.0.5"), "{err}");
    assert!(err.to_string().contains("input"), "{err}");
    assert!(err.to_string().contains("từng nội dung"), "{err}");
}

#[test]
fn a_thi_xa_or_thanh_pho_is_not_judged_against_annex_one() {
    let rules = rules();
    // TP Phủ Lý (347) and TX Duy Tiên (349): QĐ 320 Phụ lục II, not in the sources.
    for code in ["347", "349", "350"] {
        let all: Vec<Assessment> = units::communes()
            .filter(|u| u.district_code == code)
            .map(|u| assessed(&rules, &u.code, true, 95.0))
            .collect();
        let r = evaluate_district(&rules, code, 2024, &all, &entered()).unwrap();
        assert_eq!(r.standard.code(), "phu_luc_2", "{code}");
        assert_eq!(r.outcome, CriterionOutcome::ChuaXacDinh, "{code}");
        assert_eq!(r.indicators().count(), 0, "no Phụ lục I verdict for {code}");
        let notice = r.standard.notice_vi().unwrap();
        assert!(
            notice.contains("Quyết định 320/QĐ-TTg, Phụ lục II"),
            "{notice}"
        );
        assert!(notice.contains("cần Hội đồng xét"), "{notice}");
        assert_eq!(r.ntm, r.communes_total, "the communes are still counted");
    }
    let r = evaluate_district(&rules, LY_NHAN, 2024, &ly_nhan(&rules, 2, 95.0), &entered());
    assert!(r.unwrap().standard.notice_vi().is_none());
}

#[test]
fn a_commune_without_a_dossier_leaves_the_shares_undecided() {
    let rules = rules();
    let mut all = ly_nhan(&rules, 2, 95.0);
    let gone = all.pop().unwrap();
    let r = evaluate_district(&rules, LY_NHAN, 2024, &all, &BTreeMap::new()).unwrap();
    assert_eq!(r.missing, vec![gone.unit.code.clone()]);
    assert_eq!(outcome(&r, "H.0.1"), "thieu_so_lieu");
    let h01 = r
        .indicators_of(&r.criteria[0])
        .find(|i| i.code() == "H.0.1")
        .unwrap();
    assert_eq!(
        h01.explanation(),
        "Còn 1 xã chưa có hồ sơ trong năm nên chưa tính được."
    );
    assert_eq!(outcome(&r, "H.0.3"), "thieu_so_lieu"); // not entered
                                                       // Other years and districts are ignored.
    let r = evaluate_district(&rules, LY_NHAN, 2023, &all, &BTreeMap::new()).unwrap();
    assert_eq!(r.assessed, 0);
    assert!(evaluate_district(&rules, "999", 2024, &all, &BTreeMap::new()).is_none());
}
