//! Golden cases (OpenFisca style): every file in tests/cases/*.json is an input dossier and the
//! outcomes expected from the legal texts. See tests/cases/README.md.

use ntm_core::criteria::CriterionOutcome;
use ntm_core::{evaluate, Dossier, Rules, RulesFile};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod common;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    description: String,
    source: String,
    #[serde(default)]
    rules: Option<String>,
    dossier: serde_json::Value,
    #[serde(default)]
    expect: Option<Expect>,
    #[serde(default)]
    expect_error: Option<ExpectError>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    level: String,
    /// "set/code" → outcome word
    #[serde(default)]
    outcomes: BTreeMap<String, String>,
    /// "set/criterion" → dat | chua_dat | chua_xac_dinh
    #[serde(default)]
    criteria: BTreeMap<String, String>,
    /// set → criteria met
    #[serde(default)]
    met: BTreeMap<String, usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectError {
    field: String,
}

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/cases")
}

fn word<T: serde::Serialize>(v: T) -> String {
    serde_json::to_value(v)
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}

fn run(path: &Path) -> Result<(), String> {
    let case: Case = serde_json::from_str(&std::fs::read_to_string(path).unwrap())
        .map_err(|e| format!("case file unreadable: {e}"))?;
    assert!(!case.description.is_empty() && !case.source.is_empty());
    let rules = match &case.rules {
        None => Rules::built_in(),
        Some(r) => {
            let text = std::fs::read_to_string(cases_dir().join(r)).unwrap();
            Rules::with_override(&RulesFile::parse(&text).map_err(|e| e.to_string())?)
                .map_err(|e| e.to_string())?
        }
    };
    let parsed = Dossier::parse(&case.dossier.to_string(), &rules);
    match (&case.expect, &case.expect_error, parsed) {
        (None, Some(want), Err(e)) => {
            if e.field != want.field {
                return Err(format!(
                    "error on field {:?}, expected {:?} ({e})",
                    e.field, want.field
                ));
            }
            Ok(())
        }
        (None, Some(want), Ok(_)) => Err(format!("accepted; expected an error on {}", want.field)),
        (Some(_), None, Err(e)) => Err(format!("rejected: {e}")),
        (Some(want), None, Ok(d)) => {
            let a = evaluate(&rules, &d);
            let mut errors = Vec::new();
            if a.level.code() != want.level {
                errors.push(format!(
                    "level {} ≠ expected {}",
                    a.level.code(),
                    want.level
                ));
            }
            for (key, expected) in &want.outcomes {
                let (set, code) = key.split_once('/').unwrap();
                let got = a
                    .indicators()
                    .find(|(s, i)| &*s.id == set && i.code() == code)
                    .map(|(_, i)| i.outcome.code());
                if got != Some(expected.as_str()) {
                    errors.push(format!("{key}: {got:?} ≠ expected {expected}"));
                }
            }
            for (key, expected) in &want.criteria {
                let (set, code) = key.split_once('/').unwrap();
                let got: Option<CriterionOutcome> = a
                    .set(set)
                    .and_then(|s| s.criteria.iter().find(|c| &**c.code() == code))
                    .map(|c| c.outcome);
                if got.map(word).as_deref() != Some(expected.as_str()) {
                    errors.push(format!("criterion {key}: {got:?} ≠ expected {expected}"));
                }
            }
            for (set, expected) in &want.met {
                let got = a.set(set).map(|s| s.met);
                if got != Some(*expected) {
                    errors.push(format!("set {set} met {got:?} ≠ expected {expected}"));
                }
            }
            if errors.is_empty() {
                Ok(())
            } else {
                Err(errors.join("; "))
            }
        }
        _ => Err("a case needs exactly one of expect / expect_error".into()),
    }
}

#[test]
fn golden_cases() {
    common::run_cases(&cases_dir(), 30, run);
}
