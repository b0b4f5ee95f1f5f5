use super::*;

#[test]
fn builtin_rules_are_consistent() {
    let r = builtin();
    for s in &r.standards {
        assert!(r.award(&s.award).is_some(), "{}: award", s.id);
        for sub in &s.subjects {
            assert!(r.subject(sub).is_some(), "{}: subject {sub}", s.id);
        }
        for reg in &s.regimes {
            assert!(r.regimes.iter().any(|x| &x.id == reg), "{}: regime", s.id);
        }
    }
    for g in &r.groups {
        for sub in &g.subjects {
            assert!(r.subject(sub).is_some(), "{}: subject {sub}", g.id);
        }
        for c in g.options.iter().flatten() {
            if let Some(p) = &c.parameter {
                assert!(r.parameter(p).is_some(), "{}: parameter {p}", c.id);
            }
        }
    }
    for m in &r.money.multipliers {
        assert!(r.award(&m.award).is_some());
    }
    // One rate per award, regime and decider: either one rate for every decider, or each
    // decider named at most once.
    for m in &r.money.multipliers {
        let same: Vec<&Multiplier> = r
            .money
            .multipliers
            .iter()
            .filter(|x| x.award == m.award && x.regime == m.regime)
            .collect();
        if same.iter().any(|x| x.deciders.is_empty()) {
            assert_eq!(
                same.len(),
                1,
                "{} {}: rate for all and per decider",
                m.award,
                m.regime
            );
        }
        for d in &m.deciders {
            let n = same.iter().filter(|x| x.deciders.contains(d)).count();
            assert_eq!(n, 1, "{} {}: {d:?} has {n} rates", m.award, m.regime);
        }
    }
    for l in &r.ladders {
        for a in &l.awards {
            assert!(r.award(a).is_some(), "ladder {}: award {a}", l.id);
        }
        for id in &l.shared {
            let asked = r
                .standards
                .iter()
                .flat_map(|s| s.conditions.iter())
                .filter_map(Condition::judgment)
                .any(|(j, _)| j == id);
            assert!(asked, "ladder {}: judgment {id} asked nowhere", l.id);
        }
    }
}

#[test]
fn the_movement_duration_is_never_decided_from_the_nominal_period() {
    // D8: "thực hiện từ 05 năm trở lên" is a council judgment in every standard that asks it.
    let r = builtin();
    let asks: Vec<&Standard> = r
        .standards
        .iter()
        .filter(|s| {
            s.conditions
                .iter()
                .any(|c| matches!(c, Condition::MovementYears { .. }))
        })
        .collect();
    assert!(asks.iter().any(|s| s.id == "hcld3_k2a"));
    for s in asks {
        for c in &s.conditions {
            if let Condition::MovementYears { id, min_years } = c {
                assert!(*min_years > 0);
                assert!(r
                    .council_items("dd_nguoi_lao_dong", &s.subjects[0])
                    .iter()
                    .any(|(j, _)| j == id));
            }
        }
    }
    assert_eq!(r.movement.status, Status::Partial);
    assert_eq!(r.movement.implements.date, "2022-05-18");
}

#[test]
fn regimes_follow_the_decision_date() {
    let r = builtin();
    assert_eq!(r.regime_on("2023-12-31").unwrap().id, "luat_2003_nd91");
    assert_eq!(r.regime_on("2024-01-01").unwrap().id, "luat_2022_nd98");
    assert_eq!(r.regime_on("2025-06-30").unwrap().id, "luat_2022_nd98");
    assert_eq!(r.regime_on("2025-07-01").unwrap().id, "luat_2022_nd152");
}

#[test]
fn all_and_any_order() {
    use Check::*;
    assert_eq!(Check::all([Met, Council, Missing]), Missing);
    assert_eq!(Check::all([Met, Council, NotMet]), NotMet);
    assert_eq!(Check::all([Met, Met]), Met);
    assert_eq!(Check::any([NotMet, Missing, Council]), Council);
    assert_eq!(Check::any([NotMet, Met]), Met);
    assert_eq!(Check::any([]), NotMet);
}

/// A person the council found not "chấp hành tốt": every class needs that condition.
fn refused_register() -> Register {
    let json = r#"{"format":"chung-suc/danh-sach-khen-thuong","version":1,
      "decision_date":"2025-09-01",
      "candidates":[{"id":"a","name":"Nguyễn Văn Tâm","group":"dd_can_bo","subject":"ca_nhan",
        "achievement":{"id":"tt-a","summary":"Thành tích"},
        "proposed":{"award":"hcld_hang_nhat","basis":"cong_trang"},
        "judgments":{"chap_hanh":{"evidence":[{"document":"45/BC-UBND","issuer":"UBND xã","description":"Báo cáo"}],
          "council":{"accepted":false,"minutes":"BB 14/HĐTĐKT","date":"2025-06-10"}},
          "sang_kien_chinh_sach":{"evidence":[{"document":"45/BC-UBND","issuer":"UBND xã","description":"Báo cáo"}],
          "council":{"accepted":true,"minutes":"BB 14/HĐTĐKT","date":"2025-06-10"}}}}]}"#;
    Register::parse(json, builtin()).unwrap()
}

#[test]
fn a_higher_class_fails_with_a_lower_class_on_a_condition_both_need() {
    let reg = refused_register();
    let r = assess(builtin(), &reg, &Facts::default()).remove(0);
    let ba = r.form("hcld_hang_ba").unwrap();
    let nhat = r.form("hcld_hang_nhat").unwrap();
    assert_eq!(ba.verdict, Verdict::KhongDuDieuKien);
    assert_eq!(nhat.verdict, Verdict::KhongDuDieuKien);
    let line = nhat
        .gates
        .iter()
        .find(|l| l.text == "Thứ bậc các hạng Huân chương Lao động")
        .unwrap();
    assert_eq!(line.check, Check::NotMet);
    assert!(line
        .reason
        .contains("Hội đồng không công nhận “Chấp hành tốt"));
    // Without the ladder the unknown standard of hạng Nhất would leave it to the council.
    let mut bare = builtin().clone();
    bare.ladders.clear();
    let r = assess(&bare, &reg, &Facts::default()).remove(0);
    assert_eq!(
        r.form("hcld_hang_nhat").unwrap().verdict,
        Verdict::CanHoiDongXet
    );
}

#[test]
fn a_higher_class_left_open_says_why() {
    let mut reg = refused_register();
    // accepted now; the merit record is missing instead (no prior award, no ratings)
    let j = reg.candidates[0].judgments.get_mut("chap_hanh").unwrap();
    j.council.as_mut().unwrap().accepted = true;
    reg.candidates[0].history.ratings = vec![crate::nominations::RatingYear {
        year: 2024,
        rating: Rating::HoanThanhTot,
    }];
    let r = assess(builtin(), &reg, &Facts::default()).remove(0);
    assert_eq!(
        r.form("hcld_hang_ba").unwrap().verdict,
        Verdict::KhongDuDieuKien
    );
    let nhat = r.form("hcld_hang_nhat").unwrap();
    assert_eq!(nhat.verdict, Verdict::CanHoiDongXet);
    let note = nhat.ladder.as_deref().unwrap();
    assert!(note.starts_with("Lưu ý thứ bậc: Huân chương Lao động hạng Ba không đủ điều kiện"));
    assert!(nhat.summary(&r.group).contains(note));
}
