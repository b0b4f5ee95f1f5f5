//! Golden cases (OpenFisca style): every file in tests/cases/*.json is an input dossier and the
//! outcomes expected from the legal texts. See tests/cases/README.md.

use ntm_core::criteria::CriterionOutcome;
use ntm_core::{evaluate, Dossier, Rules, RulesFile};
use serde::Deserialize;
use serde_json::Value;
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
    /// The whole input, for a case about the document itself…
    #[serde(default)]
    dossier: Option<Value>,
    /// …or a base dossier (path relative to this folder) and what the case changes in it.
    #[serde(default)]
    base: Option<String>,
    /// JSON pointers (RFC 6901) of the entries the case removes from the base.
    #[serde(default)]
    remove: Vec<String>,
    /// JSON pointer → the value the case puts there (added or replaced).
    #[serde(default)]
    set: BTreeMap<String, Value>,
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
    /// "set/code" of every value kept under a code the rules do not have (never evaluated).
    #[serde(default)]
    kept: Vec<String>,
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

/// RFC 6901: `~1` is `/`, `~0` is `~`.
fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// The pointer's parent object and the key within it; a wrong pointer is an error, never a no-op.
fn parent<'a>(
    d: &'a mut Value,
    pointer: &str,
) -> Result<(&'a mut serde_json::Map<String, Value>, String), String> {
    let (up, last) = pointer
        .rsplit_once('/')
        .ok_or_else(|| format!("pointer {pointer:?} must start with /"))?;
    let obj = d
        .pointer_mut(up)
        .and_then(Value::as_object_mut)
        .ok_or_else(|| format!("{pointer:?}: no object at {up:?} in the base"))?;
    Ok((obj, unescape(last)))
}

/// The case's input: its full dossier, or its base with its removals and values applied.
fn dossier_of(case: &Case) -> Result<Value, String> {
    match (&case.dossier, &case.base) {
        (Some(d), None) if case.remove.is_empty() && case.set.is_empty() => Ok(d.clone()),
        (None, Some(base)) => {
            let text = std::fs::read_to_string(cases_dir().join(base))
                .map_err(|e| format!("base {base}: {e}"))?;
            let mut d: Value =
                serde_json::from_str(&text).map_err(|e| format!("base {base}: {e}"))?;
            for pointer in &case.remove {
                let (obj, key) = parent(&mut d, pointer)?;
                obj.remove(&key)
                    .ok_or_else(|| format!("remove {pointer:?}: not in the base"))?;
            }
            for (pointer, v) in &case.set {
                if pointer.is_empty() {
                    d = v.clone();
                } else {
                    let (obj, key) = parent(&mut d, pointer)?;
                    obj.insert(key, v.clone());
                }
            }
            Ok(d)
        }
        _ => Err("a case needs either dossier, or base with remove / set".into()),
    }
}

fn run(path: &Path) -> Result<(), String> {
    let case: Case = serde_json::from_str(&std::fs::read_to_string(path).unwrap())
        .map_err(|e| format!("case file unreadable: {e}"))?;
    assert!(!case.description.is_empty() && !case.source.is_empty());
    let rules = match &case.rules {
        None => Rules::built_in(),
        Some(r) => {
            let text = std::fs::read_to_string(cases_dir().join(r)).unwrap();
            match RulesFile::parse(&text).and_then(|f| Rules::with_override(&f)) {
                Ok(rules) => rules,
                // A refused rules file is a case too: it must be refused on the expected field.
                Err(e) => {
                    return match &case.expect_error {
                        Some(want) if e.field == want.field => Ok(()),
                        Some(want) => Err(format!(
                            "rules refused on {:?}, expected {:?} ({e})",
                            e.field, want.field
                        )),
                        None => Err(e.to_string()),
                    }
                }
            }
        }
    };
    let parsed = Dossier::parse(&dossier_of(&case)?.to_string(), &rules);
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
            let kept: Vec<String> = d
                .unknown
                .values
                .iter()
                .flat_map(|(s, m)| m.keys().map(move |c| format!("{s}/{c}")))
                .collect();
            if kept != want.kept {
                errors.push(format!("kept {kept:?} ≠ expected {:?}", want.kept));
            }
            // Kept values go out again with the dossier, as read.
            let again = Dossier::parse(&d.to_json(), &rules).map_err(|e| e.to_string())?;
            if again.unknown != d.unknown {
                errors.push("kept values changed on export → import".into());
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
