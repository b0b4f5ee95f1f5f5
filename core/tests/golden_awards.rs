//! Golden cases for award eligibility: tests/cases/awards/*.json. Each gives a nomination
//! register, the commune facts its dossiers would yield, and the verdicts the cited legal texts
//! imply — on both sides of every condition.

use ntm_core::awards::{assess, builtin, CommuneFacts, Facts};
use ntm_core::nominations::Register;
use ntm_core::Level;
use serde::Deserialize;
use std::path::{Path, PathBuf};

mod common;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    description: String,
    source: String,
    register: serde_json::Value,
    #[serde(default)]
    communes: Vec<Commune>,
    expect: Vec<Expect>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Commune {
    code: String,
    year: u16,
    level: Level,
    xdcb_debt_vnd: Option<f64>,
    #[serde(default)]
    undetermined_above: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    candidate: String,
    award: String,
    verdict: String,
    #[serde(default)]
    regime: Option<String>,
    /// standard id → check code
    #[serde(default)]
    standards: std::collections::BTreeMap<String, String>,
    /// the plan-group checklist's check code
    #[serde(default)]
    group: Option<String>,
    /// Some(None) = no estimate possible
    #[serde(default, deserialize_with = "some")]
    money_vnd: Option<Option<u64>>,
    #[serde(default)]
    money_status: Option<String>,
    #[serde(default)]
    reason_contains: Option<String>,
    /// text the money line shows: the reason when there is no estimate, else its citation
    #[serde(default)]
    money_reason_contains: Option<String>,
    /// text the verdict's summary shows (it carries the ladder note)
    #[serde(default)]
    summary_contains: Option<String>,
}

fn some<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<u64>>, D::Error> {
    Option::<u64>::deserialize(d).map(Some)
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/cases/awards")
}

fn run(path: &Path) -> Result<(), String> {
    let case: Case = serde_json::from_str(&std::fs::read_to_string(path).unwrap())
        .map_err(|e| format!("case unreadable: {e}"))?;
    assert!(!case.description.is_empty() && !case.source.is_empty());
    let rules = builtin();
    let register =
        Register::parse(&case.register.to_string(), rules).map_err(|e| format!("register: {e}"))?;
    let mut facts = Facts::default();
    for c in &case.communes {
        facts.communes.insert(
            (c.code.clone(), c.year),
            CommuneFacts {
                year: c.year,
                level: c.level,
                undetermined_above: c.undetermined_above,
                unverified_basis: 0,
                xdcb_debt_vnd: c.xdcb_debt_vnd,
                rules: "kiểm thử".into(),
            },
        );
    }
    let results = assess(rules, &register, &facts);
    let mut errors = Vec::new();
    for want in &case.expect {
        let tag = format!("{}/{}", want.candidate, want.award);
        let Some(r) = results.iter().find(|r| r.candidate_id == want.candidate) else {
            errors.push(format!("{tag}: no such candidate"));
            continue;
        };
        let Some(f) = r.form(&want.award) else {
            errors.push(format!("{tag}: no such form"));
            continue;
        };
        let all_reasons: Vec<&str> = f
            .gates
            .iter()
            .chain(r.group.options.iter().flatten())
            .chain(f.standards.iter().flat_map(|s| s.lines.iter()))
            .map(|l| l.reason.as_str())
            .collect();
        if f.verdict.code() != want.verdict {
            errors.push(format!(
                "{tag}: verdict {} ≠ {} ({})",
                f.verdict.code(),
                want.verdict,
                f.summary(&r.group)
            ));
        }
        if let Some(reg) = &want.regime {
            if r.regime.as_deref() != Some(reg.as_str()) {
                errors.push(format!("{tag}: regime {:?} ≠ {reg}", r.regime));
            }
        }
        for (id, check) in &want.standards {
            match f.standards.iter().find(|s| &s.id == id) {
                Some(s) if s.check.code() == check => {}
                Some(s) => errors.push(format!("{tag}: {id} {} ≠ {check}", s.check.code())),
                None => errors.push(format!("{tag}: standard {id} not applied")),
            }
        }
        if let Some(g) = &want.group {
            if r.group.check.code() != g {
                errors.push(format!("{tag}: group {} ≠ {g}", r.group.check.code()));
            }
        }
        if let Some(m) = &want.money_vnd {
            let got = f.money.as_ref().ok().map(|m| m.vnd);
            if &got != m {
                errors.push(format!("{tag}: money {got:?} ≠ {m:?}"));
            }
        }
        if let Some(s) = &want.money_status {
            let got = f
                .money
                .as_ref()
                .map(|m| format!("{:?}", m.status).to_ascii_lowercase());
            if got.as_deref() != Ok(s.replace('_', "").as_str()) {
                errors.push(format!("{tag}: money status {got:?} ≠ {s}"));
            }
        }
        if let Some(s) = &want.money_reason_contains {
            let got = match &f.money {
                Ok(m) => m.citation.as_str(),
                Err(why) => why.as_str(),
            };
            if !got.contains(s.as_str()) {
                errors.push(format!("{tag}: money line lacks “{s}”: {got}"));
            }
        }
        if let Some(s) = &want.summary_contains {
            let got = f.summary(&r.group);
            if !got.contains(s.as_str()) {
                errors.push(format!("{tag}: summary lacks “{s}”: {got}"));
            }
        }
        if let Some(s) = &want.reason_contains {
            if !all_reasons.iter().any(|r| r.contains(s.as_str())) {
                errors.push(format!("{tag}: no reason contains “{s}”: {all_reasons:?}"));
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("\n  "))
    }
}

#[test]
fn golden_award_cases() {
    common::run_cases(&dir(), 20, run);
}
