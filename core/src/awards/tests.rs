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
