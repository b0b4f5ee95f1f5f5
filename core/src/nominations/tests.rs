use super::*;
use crate::awards::{assess, builtin, CommuneFacts, Facts};

fn commune(id: &str, code: &str, award: &str) -> serde_json::Value {
    serde_json::json!({
        "id": id, "name": format!("UBND xã {code}"), "group": "c", "subject": "tap_the",
        "commune": {"code": code, "year": 2024},
        "achievement": {"id": format!("tt-{id}"), "summary": "Đạt chuẩn NTM nâng cao"},
        "proposed": {"award": award, "basis": "chuyen_de"}
    })
}

#[test]
fn an_unknown_value_is_not_reported_as_a_field() {
    let mut c = commune("x1", "13306", "bang_khen_tinh");
    c["proposed"]["basis"] = "theo_thang".into();
    let text = serde_json::to_string_pretty(&serde_json::json!({
        "format": FORMAT, "version": VERSION, "candidates": [c]
    }))
    .unwrap();
    let e = Register::parse(&text, builtin()).unwrap_err();
    assert_eq!(e.field, "");
    assert!(
        e.problem
            .starts_with("giá trị “theo_thang” không hợp lệ (dòng "),
        "{e}"
    );
    // a missing field is still named, with where it is
    let mut c = commune("x1", "13306", "bang_khen_tinh");
    c.as_object_mut().unwrap().remove("achievement");
    let text = serde_json::json!({"format": FORMAT, "version": VERSION, "candidates": [c]});
    let e = Register::parse(&text.to_string(), builtin()).unwrap_err();
    assert_eq!(e.field, "achievement");
    assert!(
        e.problem.starts_with("thiếu trường bắt buộc (dòng 1, cột "),
        "{e}"
    );
}

#[test]
fn a_commune_on_two_rows_is_one_qualifying_commune() {
    let text = serde_json::json!({
        "format": FORMAT, "version": VERSION, "decision_date": "2025-09-01",
        "quotas": [{"award": "giay_khen", "share_of_qualifying_communes_pct": 50}],
        "candidates": [
            commune("x1", "13306", "bang_khen_tinh"),
            commune("x2", "13306", "giay_khen"),
            commune("x3", "13426", "giay_khen"),
        ]
    });
    let reg = Register::parse(&text.to_string(), builtin()).unwrap();
    let mut facts = Facts::default();
    for code in ["13306", "13426"] {
        facts.communes.insert(
            (code.to_string(), 2024),
            CommuneFacts {
                year: 2024,
                level: crate::Level::NtmNangCao,
                undetermined_above: false,
                unverified_basis: 0,
                xdcb_debt_vnd: Some(0.0),
                rules: "kiểm thử".into(),
            },
        );
    }
    let results = assess(builtin(), &reg, &facts);
    let s = summarise(builtin(), &reg, &results, |_| None);
    let gk = s.iter().find(|x| x.award == "giay_khen").unwrap();
    // two communes (not three rows) qualify: 50 % of 2 = 1
    assert_eq!(gk.limit, Some(1));
    assert!(gk.quota_text.as_deref().unwrap().contains("2 xã → 1"));
}
