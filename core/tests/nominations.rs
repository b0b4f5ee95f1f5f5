//! The nomination register: file checks, quotas and ranking, the council's CSV list.

use ntm_core::awards::{assess, builtin, CommuneFacts, Facts};
use ntm_core::nominations::{csv_excel, models_csv_excel, summarise, GoodModel, Register};
use ntm_core::Level;

fn register(json: serde_json::Value) -> Result<Register, ntm_core::InputError> {
    Register::parse(&json.to_string(), builtin())
}

fn commune(id: &str, code: &str) -> serde_json::Value {
    serde_json::json!({
        "id": id, "name": format!("UBND xã {code}"), "group": "c", "subject": "tap_the",
        "commune": {"code": code, "year": 2024},
        "achievement": {"id": format!("tt-{id}"), "summary": "Đạt chuẩn NTM nâng cao"},
        "proposed": {"award": "bang_khen_tinh", "basis": "chuyen_de"}
    })
}

fn facts(codes: &[(&str, Level, f64)]) -> Facts {
    let mut f = Facts::default();
    for (code, level, debt) in codes {
        f.communes.insert(
            (code.to_string(), 2024),
            CommuneFacts {
                year: 2024,
                level: *level,
                undetermined_above: false,
                unverified_basis: 0,
                xdcb_debt_vnd: Some(*debt),
                rules: "kiểm thử".into(),
            },
        );
    }
    f
}

#[test]
fn a_quota_of_the_qualifying_communes_is_exceeded_and_ranked() {
    let reg = register(serde_json::json!({
        "format": "chung-suc/danh-sach-khen-thuong", "version": 1, "decision_date": "2025-09-01",
        "quotas": [{"award": "bang_khen_tinh", "share_of_qualifying_communes_pct": 50, "source": "Hội đồng tỉnh"}],
        "candidates": [commune("x1", "13306"), commune("x2", "13426"), commune("x3", "13507")]
    }))
    .unwrap();
    // two communes meet their data criteria (nâng cao, no debt); the third still owes XDCB
    let f = facts(&[
        ("13306", Level::NtmNangCao, 0.0),
        ("13426", Level::NtmKieuMau, 0.0),
        ("13507", Level::NtmNangCao, 5_000_000.0),
    ]);
    let results = assess(builtin(), &reg, &f);
    let level = |c: &ntm_core::nominations::Candidate| {
        c.commune
            .as_ref()
            .and_then(|l| f.communes.get(&(l.code.clone(), l.year)))
            .map(|x| x.level)
    };
    let s = summarise(builtin(), &reg, &results, level);
    let bk = s.iter().find(|x| x.award == "bang_khen_tinh").unwrap();
    // 50 % of 2 qualifying communes = 1; x1 and x2 are not refused, x3 is (debt)
    assert_eq!(bk.limit, Some(1));
    assert_eq!(bk.counted, 2);
    assert!(bk.exceeded);
    // same verdict (evidence still missing) → the higher level first; refused last
    assert_eq!(bk.ranked, vec![1, 0, 2]);
    assert!(bk.quota_text.as_deref().unwrap().contains("2 xã → 1"));
    let none = s.iter().find(|x| x.award == "bang_khen_ttg").unwrap();
    assert!(none.ranked.is_empty() && !none.exceeded && none.limit.is_none());
}

#[test]
fn a_max_count_quota_counts_only_candidates_not_refused() {
    let mut c3 = commune("x3", "13507");
    c3["pending"] = serde_json::json!({"complaint": true});
    let reg = register(serde_json::json!({
        "format": "chung-suc/danh-sach-khen-thuong", "version": 1, "decision_date": "2025-09-01",
        "quotas": [{"award": "bang_khen_tinh", "max_count": 2}],
        "candidates": [commune("x1", "13306"), commune("x2", "13426"), c3]
    }))
    .unwrap();
    let f = facts(&[
        ("13306", Level::NtmNangCao, 0.0),
        ("13426", Level::NtmNangCao, 0.0),
        ("13507", Level::NtmNangCao, 0.0),
    ]);
    let results = assess(builtin(), &reg, &f);
    let s = summarise(builtin(), &reg, &results, |_| None);
    let bk = s.iter().find(|x| x.award == "bang_khen_tinh").unwrap();
    assert_eq!((bk.counted, bk.limit, bk.exceeded), (2, Some(2), false));
}

#[test]
fn the_council_list_opens_in_excel() {
    let mut c = commune("x1", "13306");
    c["name"] = serde_json::json!("=HYPERLINK(\"http://x\",\"y\")");
    let reg = register(serde_json::json!({
        "format": "chung-suc/danh-sach-khen-thuong", "version": 1, "decision_date": "2025-09-01",
        "candidates": [c]
    }))
    .unwrap();
    let f = facts(&[("13306", Level::NtmNangCao, 0.0)]);
    let results = assess(builtin(), &reg, &f);
    let bytes = csv_excel(builtin(), &reg, &results);
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = rows.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[0], "STT");
    assert_eq!(header[6], "Kết luận");
    let row = rows.records().next().unwrap().unwrap();
    assert_eq!(&row[0], "1");
    assert!(row[1].starts_with("'="), "formula neutralised: {}", &row[1]);
    assert_eq!(&row[2], "Xã");
    assert_eq!(&row[6], "Thiếu thông tin");
    assert!(row[7].contains("Chưa có minh chứng"), "{}", &row[7]);
    assert!(row[8].contains("Điều 74 khoản 3"), "{}", &row[8]);
    // the basis of this verdict, not the principles every row shares (hold, one achievement)
    assert!(row[8].contains("Mục V.1 điểm c"), "{}", &row[8]);
    assert!(!row[8].contains("Điều 5 khoản 2 điểm c"), "{}", &row[8]);
    // Bằng khen tỉnh, collective, NĐ 152: 3,0 × 2.340.000 = 7.020.000 đ (an estimate)
    // kept as text: an Excel set to English would read "745.000" as 745
    assert_eq!(&row[9], "=\"7.020.000\"");
}

#[test]
fn bad_registers_are_refused_naming_the_field() {
    let base = || {
        serde_json::json!({"format": "chung-suc/danh-sach-khen-thuong", "version": 1,
            "candidates": [commune("x1", "13306")]})
    };
    let mut r = base();
    r["candidates"][0]["subject"] = serde_json::json!("ca_nhan");
    let e = register(r).unwrap_err();
    assert_eq!(e.field, "candidates[0].subject");
    let mut r = base();
    r["decision_date"] = serde_json::json!("2025-02-30");
    assert_eq!(register(r).unwrap_err().field, "decision_date");
    let mut r = base();
    r["candidates"][0]["proposed"]["award"] = serde_json::json!("huan_chuong_vang");
    assert_eq!(
        register(r).unwrap_err().field,
        "candidates[0].proposed.award"
    );
    let mut r = base();
    r["candidates"][0]["history"] = serde_json::json!({"ratings": [{"year": 2024, "rating": "hoan_thanh_tot"}, {"year": 2024, "rating": "hoan_thanh"}]});
    assert_eq!(
        register(r).unwrap_err().field,
        "candidates[0].history.ratings[1].year"
    );
    let mut r = base();
    r["candidates"][0]["judgments"] = serde_json::json!({"xa_tieu_bieu": {"council": {"accepted": true, "minutes": " ", "date": "2025-05-01"}}});
    assert_eq!(
        register(r).unwrap_err().field,
        "candidates[0].judgments.xa_tieu_bieu.council.minutes"
    );
    let mut r = base();
    r["format"] = serde_json::json!("chung-suc/dossier");
    assert_eq!(register(r).unwrap_err().field, "format");
}

#[test]
fn a_register_round_trips_exactly() {
    let mut r = serde_json::json!({"format": "chung-suc/danh-sach-khen-thuong", "version": 1,
        "unit": "Hội đồng TĐKT tỉnh", "decision_date": "2025-09-01",
        "parameters": {"nhieu_san_pham_ocop": 4},
        "candidates": [commune("x1", "13306")],
        "models": [{"id": "m1", "kind": "mo_hinh", "name": "Cánh đồng mẫu lớn", "place": "Xã Phù Vân",
            "figures": [{"label": "Diện tích", "value": 52.5, "unit": "ha"}]}]});
    r["candidates"][0]["achievement"]["model"] = serde_json::json!("m1");
    let reg = register(r).unwrap();
    let again = Register::parse(&reg.to_json(), builtin()).unwrap();
    assert_eq!(reg, again);
    assert_eq!(reg.to_json(), again.to_json());
}

#[test]
fn models_are_found_without_tones_and_listed_for_excel() {
    let m = GoodModel {
        id: "m1".into(),
        name: "Cách làm đường giao thông nội đồng".into(),
        place: "Xã Đinh Xá".into(),
        ..GoodModel::default()
    };
    assert!(m.matches("cach lam"));
    assert!(m.matches("DINH xa"));
    assert!(!m.matches("thủy lợi"));
    let bytes = models_csv_excel(&[m]);
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    assert!(String::from_utf8_lossy(&bytes).contains("Điển hình tiên tiến,Cách làm đường"));
}
