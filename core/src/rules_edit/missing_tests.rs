//! "Ngưỡng còn thiếu": listing, filling, statuses, and the deployment fixture the browser tests use.

use super::*;
use crate::dossier::{Dossier, Value};
use crate::level::Level;
use crate::rules::{ConditionField, Input};

const YEAR: u16 = 2024;

fn doc(document: &str, date: Option<&str>) -> Source {
    Source {
        document: document.into(),
        annex: Some("Điều 2".into()),
        date: date.map(str::to_string),
        url: None,
    }
}

fn entry(m: &Missing, value: Option<Threshold>, source: Source) -> Entry {
    Entry {
        set: m.set.clone(),
        crit: m.crit.clone(),
        code: m.code.clone(),
        value,
        source,
    }
}

fn find<'a>(list: &'a [Missing], set: &str, code: &str) -> &'a Missing {
    list.iter()
        .find(|m| m.set == set && m.code == code)
        .unwrap_or_else(|| panic!("{set} {code} should be missing"))
}

#[test]
fn lists_indicators_without_a_threshold_for_the_year() {
    let b = Rules::built_in();
    let list = missing_thresholds(&b, YEAR);
    // QĐ 318 leaves the ĐBSH figures to the provinces (../shared/domain/ntm_criteria.md).
    find(&list, "ntm", "2.1");
    find(&list, "ntm", "10");
    find(&list, "dieu_kien_cong_nhan", "C2");
    // Yes/no indicators with their requirement, and thresholds in force, are not listed.
    assert!(!list.iter().any(|m| m.set == "ntm" && m.code == "1.1"));
    assert!(!list
        .iter()
        .any(|m| m.set == "dieu_kien_cong_nhan" && m.code == "C3"));
}

#[test]
fn status_is_verified_only_with_a_numbered_document_and_its_date() {
    let full = doc("Quyết định 12/2024/QĐ-UBND", Some("2024-03-01"));
    assert_eq!(entry_status(&full), Status::Verified);
    let undated = doc("Quyết định 12/2024/QĐ-UBND", None);
    assert_eq!(entry_status(&undated), Status::Unverified);
    assert_eq!(
        entry_status_reason(&undated),
        "chưa ghi ngày ban hành của văn bản"
    );
    let unnumbered = doc("Công văn của Sở Nông nghiệp", Some("2024-03-01"));
    assert_eq!(entry_status(&unnumbered), Status::Unverified);
    assert_eq!(entry_status_reason(&unnumbered), "văn bản chưa ghi số hiệu");
}

#[test]
fn filled_rows_set_the_year_only_with_their_document_and_status() {
    let b = Rules::built_in();
    let list = missing_thresholds(&b, YEAR);
    let mut patch = empty_patch(DEFAULT_ID, DEFAULT_TITLE);
    let entries = vec![
        entry(
            find(&list, "ntm", "2.1"),
            Some(Threshold::Fixed(95.0)),
            doc("Quyết định 12/2024/QĐ-UBND", Some("2024-03-01")),
        ),
        entry(
            find(&list, "ntm", "17.4"),
            Some(Threshold::Fixed(2.5)),
            doc("Quyết định 12/2024/QĐ-UBND", None),
        ),
        // Blank rows are skipped.
        entry(
            find(&list, "ntm", "2.2"),
            None,
            Source {
                annex: None,
                ..doc("", None)
            },
        ),
    ];
    assert_eq!(fill_missing(&mut patch, &b, &b, YEAR, &entries), Ok(2));
    let r = Rules::with_override(&RulesFile::parse(&patch.to_json()).unwrap()).unwrap();
    let i21 = r.set("ntm").unwrap().indicator("2.1").unwrap();
    assert_eq!(
        i21.threshold_for(YEAR),
        Some(&Threshold::ByYear([(YEAR, Some(95.0))].into()))
    );
    assert_eq!(i21.threshold_for(2025), None, "other years stay unknown");
    assert_eq!(i21.threshold_checked(), Status::Verified);
    assert_eq!(i21.source.date.as_deref(), Some("2024-03-01"));
    assert_eq!(i21.source.annex.as_deref(), Some("Điều 2"));
    let i174 = r.set("ntm").unwrap().indicator("17.4").unwrap();
    assert_eq!(i174.threshold_checked(), Status::Unverified);
    // The entry vouches for the value only: whether 17.4 exists keeps its built-in status.
    assert_eq!(
        i174.status,
        b.set("ntm").unwrap().indicator("17.4").unwrap().status
    );
    let left = missing_thresholds(&r, YEAR);
    assert!(!left.iter().any(|m| m.code == "2.1" || m.code == "17.4"));
    assert!(left.iter().any(|m| m.code == "2.2"));
}

#[test]
fn refused_rows_name_the_row_and_field_and_nothing_is_put() {
    let b = Rules::built_in();
    let list = missing_thresholds(&b, YEAR);
    let mut patch = empty_patch(DEFAULT_ID, DEFAULT_TITLE);
    let before = patch.to_json();
    let entries = vec![
        entry(
            find(&list, "ntm", "2.1"),
            Some(Threshold::Fixed(95.0)),
            doc("Quyết định 12/2024/QĐ-UBND", Some("2024-03-01")),
        ),
        entry(
            find(&list, "ntm", "2.2"),
            Some(Threshold::Fixed(90.0)),
            doc(" ", None),
        ),
        entry(
            find(&list, "ntm", "2.3"),
            None,
            doc("Quyết định 12/2024/QĐ-UBND", None),
        ),
        entry(
            find(&list, "ntm", "2.4"),
            Some(Threshold::Fixed(120.0)),
            doc("Quyết định 12/2024/QĐ-UBND", None),
        ),
    ];
    let errs = fill_missing(&mut patch, &b, &b, YEAR, &entries).unwrap_err();
    assert_eq!(patch.to_json(), before, "nothing put when a row is refused");
    let msg = |code: &str| {
        errs.iter()
            .find(|e| e.code == code)
            .map(|e| e.message.clone())
            .unwrap_or_default()
    };
    assert!(
        msg("2.2").starts_with("Chỉ tiêu 2.2 (NTM) — Văn bản căn cứ: bắt buộc"),
        "{}",
        msg("2.2")
    );
    assert!(
        msg("2.3").starts_with("Chỉ tiêu 2.3 (NTM) — Ngưỡng: chưa nhập"),
        "{}",
        msg("2.3")
    );
    assert!(
        msg("2.4").contains("Ngưỡng") && msg("2.4").contains("100"),
        "{}",
        msg("2.4")
    );
    assert!(!errs.iter().any(|e| e.code == "2.1"));
}

/// A threshold that a commune meeting everything passes, for the test deployment only (the ĐBSH
/// figures were not found: ../shared/domain/ntm_criteria.md).
fn test_value(m: &Missing) -> Threshold {
    match (m.kind, m.comparison) {
        (Kind::Boolean, _) => Threshold::Flag(true),
        (Kind::Money, _) => Threshold::Fixed(58_000_000.0),
        (Kind::Number, _) => Threshold::Fixed(2.0),
        (_, Comparison::AtMost) => Threshold::Fixed(5.0),
        _ => Threshold::Fixed(80.0),
    }
}

/// The deployment file of `tests/e2e/bo-tieu-chi-trien-khai.test.mjs`: every threshold missing
/// in 2024 filled through `fill_missing`, as the "Ngưỡng còn thiếu" form does.
fn deployment_file() -> RulesFile {
    let b = Rules::built_in();
    let mut patch = empty_patch(
        "trien-khai-thu-nghiem",
        "Bộ tiêu chí thử nghiệm của đơn vị triển khai",
    );
    let entries: Vec<Entry> = missing_thresholds(&b, YEAR)
        .iter()
        .map(|m| {
            entry(
                m,
                Some(test_value(m)),
                doc(
                    "Quyết định 99/2024/QĐ-UBND (thử nghiệm)",
                    Some("2024-03-01"),
                ),
            )
        })
        .collect();
    fill_missing(&mut patch, &b, &b, YEAR, &entries).expect("complete file");
    patch
}

/// A commune that passes every test threshold of `rules` in `year`.
fn passing_dossier(rules: &Rules) -> Dossier {
    let unit = crate::units::find("13306").unwrap();
    let mut d = Dossier::new(unit, YEAR);
    for set in ["ntm", "dieu_kien_cong_nhan"] {
        for (_, i) in rules.set(set).unwrap().indicators() {
            let v = match (i.kind, i.comparison, i.threshold_for(YEAR)) {
                (_, _, Some(Threshold::Flag(b))) => Value::Bool(*b),
                (Kind::Percent, Comparison::AtLeast, _) => Value::Number(100.0),
                (_, Comparison::AtMost, _) => Value::Number(0.0),
                _ => Value::Number(100_000_000.0),
            };
            match (&i.input, v) {
                (None, v) => d.set_value(set, &i.code, Some(v)),
                (Some(Input::Condition(ConditionField::SatisfactionPct)), Value::Number(n)) => {
                    d.conditions.satisfaction_pct = Some(n)
                }
                (Some(Input::Condition(ConditionField::XdcbDebtVnd)), Value::Number(n)) => {
                    d.conditions.xdcb_debt_vnd = Some(n)
                }
                (Some(Input::Condition(ConditionField::SecurityOrderOk)), Value::Bool(b)) => {
                    d.conditions.security_order_ok = Some(b)
                }
                _ => {}
            }
        }
    }
    d
}

#[test]
fn a_complete_file_lets_a_commune_reach_ntm() {
    let b = Rules::built_in();
    assert_eq!(
        crate::evaluate(&b, &passing_dossier(&b)).level,
        Level::ChuaDat,
        "the built-in rules alone miss thresholds"
    );
    let r = Rules::with_override(&deployment_file()).unwrap();
    assert_eq!(missing_thresholds(&r, YEAR), vec![]);
    assert!(crate::evaluate(&r, &passing_dossier(&r)).level >= Level::Ntm);
}

#[test]
fn the_e2e_deployment_fixture_is_the_cores_complete_file() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/e2e/fixtures/bo-tieu-chi-trien-khai.json"
    );
    let made = deployment_file().to_json();
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::write(path, &made).unwrap();
    }
    let on_disk = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(
        on_disk, made,
        "run UPDATE_FIXTURES=1 cargo test -p ntm-core missing_tests to write it"
    );
}

#[test]
fn the_newest_document_dates_the_rules() {
    let r = Rules::with_override(&deployment_file()).unwrap();
    assert_eq!(latest_source_date(&r).as_deref(), Some("2024-03-01"));
}
