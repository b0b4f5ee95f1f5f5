//! The commune's self-assessment dossier (hồ sơ tự đánh giá): format, validation, JSON.
//! Format reference: docs/dossier-format.md.

use crate::envelope::Envelope;
use crate::error::InputError;
use crate::rules::{ConditionField, Kind, Rules, RulesRef, Text};
use crate::text::nfc;
use crate::units;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value as Json;
use std::collections::BTreeMap;

mod kept;
mod read;
mod stream;

pub use kept::{shown as kept_value_text, KeptRow, Unknown, KEPT_NOTE};
pub use read::Reader;

pub const FORMAT: &str = "chung-suc/dossier";
pub const VERSION: u32 = 1;

const ENVELOPE: Envelope = Envelope {
    format: FORMAT,
    version: VERSION,
    what: "hồ sơ tự đánh giá",
    fields: Some(&[
        "format",
        "version",
        "unit",
        "year",
        "values",
        "conditions",
        "evidence",
        "rules",
    ]),
};
/// Longest free text kept per evidence note.
pub const MAX_EVIDENCE_CHARS: usize = 20_000;

/// An entered value: yes/no or a number (percent, count, whole đồng).
#[derive(Clone, Copy, Debug, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Bool(bool),
    Number(f64),
}

impl Serialize for Value {
    /// Whole numbers are written without ".0" so money reads as 65000000.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match *self {
            Value::Bool(b) => s.serialize_bool(b),
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => s.serialize_i64(n as i64),
            Value::Number(n) => s.serialize_f64(n),
        }
    }
}

/// Same writing as `Value::Number`: 0, not 0.0.
fn opt_number<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(n) => Value::Number(*n).serialize(s),
        None => s.serialize_none(),
    }
}

impl Value {
    pub fn as_number(self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(n),
            Value::Bool(_) => None,
        }
    }
}

/// The commune the dossier is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    pub code: String,
    pub name: String,
    pub district_code: String,
}

/// Recognition conditions (QĐ 18/2022) and kiểu mẫu inputs (QĐ 319). `None` = not entered.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Conditions {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "opt_number"
    )]
    pub satisfaction_pct: Option<f64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "opt_number"
    )]
    pub xdcb_debt_vnd: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_order_ok: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub smart_village_models: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outstanding_fields: Option<Vec<String>>,
}

/// One set's entries by indicator code, in code order. The codes are the rules' own (`Text` is
/// shared, not copied), so reading a dossier allocates no code and sorts nothing.
pub type Codes<T> = litemap::LiteMap<Text, T>;

/// Values per criteria set, then per indicator code (codes repeat across sets: "14.1").
pub type SetValues<T> = BTreeMap<String, Codes<T>>;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dossier {
    pub format: String,
    pub version: u32,
    pub unit: Unit,
    pub year: u16,
    pub values: SetValues<Value>,
    pub conditions: Conditions,
    pub evidence: SetValues<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<RulesRef>,
    /// Values and evidence under codes the rules in use do not have. Kept apart in the browser's
    /// storage; in a file they sit under `values` and `evidence` with the others (`FileForm`).
    #[serde(default, skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
}

/// A dossier as its file holds it: kept values sit with the others, in code order.
#[derive(Serialize)]
pub struct FileForm<'a> {
    format: &'a str,
    version: u32,
    unit: &'a Unit,
    year: u16,
    values: kept::FileSets<'a, Value, Json>,
    conditions: &'a Conditions,
    evidence: kept::FileSets<'a, String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rules: &'a Option<RulesRef>,
}

/// A dossier just read, and what was accepted with a remark that the dossier does not keep
/// (its commune name written another way; `Dossier::warnings` gives the lasting ones).
#[derive(Clone, Debug, PartialEq)]
pub struct Read {
    pub dossier: Dossier,
    pub notes: Vec<String>,
}

impl Read {
    /// The notes, then the dossier's warnings: what to tell the user on import.
    pub fn remarks(&self, rules: &Rules) -> Vec<String> {
        let mut all = self.notes.clone();
        all.extend(self.dossier.warnings(rules));
        all
    }
}

impl Dossier {
    /// An empty dossier for a commune of the list.
    pub fn new(unit: &units::AdminUnit, year: u16) -> Dossier {
        Dossier {
            format: FORMAT.into(),
            version: VERSION,
            unit: Unit {
                code: unit.code.clone(),
                name: unit.name.clone(),
                district_code: unit.district_code.clone(),
            },
            year,
            values: BTreeMap::new(),
            conditions: Conditions::default(),
            evidence: BTreeMap::new(),
            rules: None,
            unknown: Unknown::default(),
        }
    }

    pub fn value(&self, set: &str, code: &str) -> Option<Value> {
        self.values.get(set).and_then(|m| m.get(code)).copied()
    }

    /// Sets or clears a value, dropping empty set maps so the file stays canonical.
    pub fn set_value(&mut self, set: &str, code: &str, v: Option<Value>) {
        match v {
            Some(v) => {
                self.values
                    .entry(set.to_string())
                    .or_default()
                    .insert(Text::from(code), v);
            }
            None => {
                if let Some(m) = self.values.get_mut(set) {
                    m.remove(code);
                    if m.is_empty() {
                        self.values.remove(set);
                    }
                }
            }
        }
    }

    pub fn set_evidence(&mut self, set: &str, code: &str, text: &str) {
        let text = nfc(text);
        if text.trim().is_empty() {
            if let Some(m) = self.evidence.get_mut(set) {
                m.remove(code);
                if m.is_empty() {
                    self.evidence.remove(set);
                }
            }
        } else {
            self.evidence
                .entry(set.to_string())
                .or_default()
                .insert(Text::from(code), text);
        }
    }

    /// Canonical JSON: fixed key order, two-space indent, final newline.
    /// Export → import → export gives the same bytes.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(&self.file_form()).expect("dossier serialises");
        s.push('\n');
        s
    }

    /// What the file holds, for writers that put dossiers inside another file (bundles).
    pub fn file_form(&self) -> FileForm<'_> {
        FileForm {
            format: &self.format,
            version: self.version,
            unit: &self.unit,
            year: self.year,
            values: kept::FileSets(&self.values, &self.unknown.values),
            conditions: &self.conditions,
            evidence: kept::FileSets(&self.evidence, &self.unknown.evidence),
            rules: &self.rules,
        }
    }

    /// Reads an untrusted dossier and checks it against the rules and the unit list.
    pub fn parse(text: &str, rules: &Rules) -> Result<Dossier, InputError> {
        Dossier::read(text, rules).map(|r| r.dossier)
    }

    /// `parse`, with the notes of what was accepted with a remark.
    pub fn read(text: &str, rules: &Rules) -> Result<Read, InputError> {
        Reader::new(rules).read(text)
    }

    /// What stays true of the dossier and the user must see: a commune name that is not the
    /// official one of its code, values kept under codes the rules do not have.
    pub fn warnings(&self, rules: &Rules) -> Vec<String> {
        self.name_warning()
            .into_iter()
            .chain(self.kept_warning(rules))
            .collect()
    }

    /// The commune name of the file, when it is another name than the official one of its code.
    pub fn name_warning(&self) -> Option<String> {
        let official = units::find(&self.unit.code)?;
        match units::check_name(&official.name, &self.unit.name) {
            units::NameCheck::Different(why) => Some(format!(
                "Tên xã trong tệp là {}, nhưng mã {} trong danh mục đơn vị hành chính là {} ({why}). Hồ sơ được nhận theo mã xã; hãy kiểm tra lại tên và mã với xã.",
                units::quoted_visibly(&self.unit.name),
                self.unit.code,
                units::quoted_visibly(&official.name),
            )),
            _ => None,
        }
    }

    /// The codes whose values are kept unevaluated, in one sentence.
    pub fn kept_warning(&self, rules: &Rules) -> Option<String> {
        let rows = self.unknown.rows(rules);
        if rows.is_empty() {
            return None;
        }
        let list: Vec<String> = rows
            .iter()
            .map(|r| format!("“{}” ({})", r.code, r.set))
            .collect();
        Some(format!(
            "{} {KEPT_NOTE} để đánh giá: {}. Các giá trị này được giữ nguyên và xuất lại cùng hồ sơ, không tính vào kết quả.",
            rows.len(),
            list.join(", ")
        ))
    }

    /// Reads the dossier again with `rules` (after the rules in use changed), so values kept
    /// under codes the new rules have are evaluated, and values under codes they lack are
    /// kept. Returns whether anything moved; a dossier the new rules refuse stays as it is.
    pub fn refile(&mut self, rules: &Rules) -> bool {
        if self.fits(rules) {
            return false;
        }
        match Dossier::parse(&self.to_json(), rules) {
            Ok(d) if d != *self => {
                *self = d;
                true
            }
            _ => false,
        }
    }

    /// Every value and evidence is where `rules` would put them. As fast as an evaluation:
    /// the rules' indicators are looked up in the dossier, not the other way round.
    fn fits(&self, rules: &Rules) -> bool {
        all_known(&self.values, rules)
            && all_known(&self.evidence, rules)
            && none_known(&self.unknown.values, rules)
            && none_known(&self.unknown.evidence, rules)
    }
}

/// Every code of `m` is an indicator of its set in `rules`.
fn all_known<T>(m: &SetValues<T>, rules: &Rules) -> bool {
    m.iter().all(|(set, codes)| {
        rules.set(set).is_some_and(|s| {
            s.indicators()
                .filter(|(_, i)| codes.contains_key(&*i.code))
                .count()
                == codes.len()
        })
    })
}

/// No code of `m` is an indicator of its set in `rules`.
fn none_known<T>(m: &kept::KeptSets<T>, rules: &Rules) -> bool {
    m.iter().all(|(set, codes)| {
        rules
            .set(set)
            .is_none_or(|s| !s.indicators().any(|(_, i)| codes.contains_key(&*i.code)))
    })
}

/// Range check shared by dossier values, rule thresholds and the app's fields.
pub fn check_number(kind: Kind, v: f64) -> Result<(), String> {
    kind.check(v).map_err(|p| p.message_vi(kind))
}

/// Range check of a numeric recognition condition (the app's fields use it too).
pub fn check_condition(field: ConditionField, v: f64) -> Result<(), String> {
    match field {
        ConditionField::SatisfactionPct => check_number(Kind::Percent, v),
        ConditionField::XdcbDebtVnd => check_number(Kind::Money, v),
        // Stored as u32: a bound far above any commune's villages keeps the cast exact.
        ConditionField::SmartVillageModels if v > 10_000.0 => Err("số quá lớn".into()),
        ConditionField::SmartVillageModels => check_number(Kind::Count, v),
        ConditionField::SecurityOrderOk | ConditionField::OutstandingFields => {
            Err("không phải là trường số".into())
        }
    }
}
