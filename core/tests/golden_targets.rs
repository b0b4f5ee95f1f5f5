//! Golden cases for the movement targets T1–T9: tests/cases/targets/*.json. Each gives the
//! figures form, optionally commune dossiers (a template stamped for a list of communes) and
//! the outcomes the plan's wording implies, on both sides of every bound.

use ntm_core::figures::Figures;
use ntm_core::targets::evaluate_targets;
use ntm_core::{evaluate, units, Dossier, Rules, RulesFile};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod common;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    description: String,
    source: String,
    year: u16,
    figures: serde_json::Value,
    #[serde(default)]
    rules: Option<String>,
    #[serde(default)]
    dossier_template: Option<serde_json::Value>,
    #[serde(default)]
    communes: Vec<String>,
    expect: BTreeMap<String, Expect>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    outcome: String,
    #[serde(default)]
    upper_met: Option<bool>,
    #[serde(default)]
    actual: Option<f64>,
    #[serde(default)]
    gap: Option<String>,
    /// Whether the result carries a warning (T4: two poverty standards).
    #[serde(default)]
    warning: Option<bool>,
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/cases/targets")
}

fn run(path: &Path) -> Result<(), String> {
    let case: Case = serde_json::from_str(&std::fs::read_to_string(path).unwrap())
        .map_err(|e| format!("case unreadable: {e}"))?;
    assert!(!case.description.is_empty() && !case.source.is_empty());
    let rules = match &case.rules {
        None => Rules::built_in(),
        Some(r) => {
            let text = std::fs::read_to_string(dir().join(r)).unwrap();
            Rules::with_override(&RulesFile::parse(&text).unwrap()).unwrap()
        }
    };
    let figures = Figures::parse(&case.figures.to_string()).map_err(|e| e.to_string())?;
    let mut assessments = Vec::new();
    if let Some(template) = &case.dossier_template {
        for code in &case.communes {
            let unit = units::find(code).ok_or(format!("unknown commune {code}"))?;
            let mut d = template.clone();
            d["unit"] = serde_json::json!({"code": unit.code, "name": unit.name, "district_code": unit.district_code});
            let d = Dossier::parse(&d.to_string(), &rules).map_err(|e| e.to_string())?;
            assessments.push(evaluate(&rules, &d));
        }
    }
    let results = evaluate_targets(&rules, Some(&figures), &assessments, case.year);
    let mut errors = Vec::new();
    for (id, want) in &case.expect {
        let Some(r) = results.iter().find(|r| &r.target.id == id) else {
            errors.push(format!("{id}: no such target"));
            continue;
        };
        if r.outcome.code() != want.outcome {
            errors.push(format!(
                "{id}: outcome {} ≠ {}",
                r.outcome.code(),
                want.outcome
            ));
        }
        if want.upper_met.is_some() && r.upper_met != want.upper_met {
            errors.push(format!(
                "{id}: upper_met {:?} ≠ {:?}",
                r.upper_met, want.upper_met
            ));
        }
        if want.actual.is_some() && r.actual != want.actual {
            errors.push(format!("{id}: actual {:?} ≠ {:?}", r.actual, want.actual));
        }
        if want.warning.is_some() && Some(r.warning.is_some()) != want.warning {
            errors.push(format!(
                "{id}: warning {:?} ≠ {:?}",
                r.warning, want.warning
            ));
        }
        if let Some(g) = &want.gap {
            if &r.gap_text() != g {
                errors.push(format!("{id}: gap “{}” ≠ “{g}”", r.gap_text()));
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("; "))
    }
}

#[test]
fn golden_target_cases() {
    common::run_cases(&dir(), 15, run);
}
