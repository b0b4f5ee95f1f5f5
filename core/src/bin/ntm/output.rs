//! What `ntm` prints: one typed struct per output (docs/cli.md describes each field).
//!
//! Every output goes through `serde_json::Value` before printing, so object keys come out sorted
//! at every depth, exactly as the tool has always printed them.

use ntm_core::criteria::Outcome;
use ntm_core::dossier::Value;
use ntm_core::rules::RulesRef;
use ntm_core::summary::Summary;
use serde::Serialize;
use std::collections::BTreeMap;

/// The JSON text of an output, keys sorted.
pub fn line(out: &impl Serialize) -> serde_json::Value {
    serde_json::to_value(out).expect("outputs serialise")
}

/// `ntm evaluate`: one line per valid dossier.
#[derive(Serialize)]
pub struct EvaluateLine {
    #[serde(flatten)]
    pub summary: Summary,
    /// The dossier file, as given on the command line.
    pub file: String,
    /// "set/code" of the values kept under codes the rules do not have (never evaluated).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub kept: Vec<String>,
}

/// `ntm consolidate`: one pretty-printed document.
#[derive(Serialize)]
pub struct Consolidation {
    pub year: u16,
    pub rules: RulesRef,
    /// Dossiers read (of every year).
    pub dossiers: usize,
    pub refused: Vec<Refused>,
    pub duplicates: Vec<Duplicate>,
    /// Level code → communes at that level, for the year.
    pub levels: BTreeMap<&'static str, usize>,
    pub targets: Vec<TargetLine>,
    pub districts: Vec<DistrictLine>,
}

/// A file that could not be read as a dossier.
#[derive(Serialize)]
pub struct Refused {
    pub file: String,
    pub error: String,
}

/// Several files for the same commune and year.
#[derive(Serialize)]
pub struct Duplicate {
    pub unit_code: String,
    pub year: u16,
    pub files: Vec<String>,
}

/// One movement target (T1–T9) for the year.
#[derive(Serialize)]
pub struct TargetLine {
    pub id: String,
    pub name: String,
    pub actual: Option<f64>,
    pub target: Option<f64>,
    pub upper: Option<f64>,
    pub outcome: Outcome,
    pub upper_met: Option<bool>,
    pub gap: String,
}

/// One district (QĐ 320) for the year.
#[derive(Serialize)]
pub struct DistrictLine {
    pub code: String,
    pub name: String,
    pub communes: usize,
    pub assessed: usize,
    pub ntm: usize,
    pub nang_cao: usize,
    pub kieu_mau: usize,
    pub missing: Vec<String>,
    pub outcome: &'static str,
    /// The QĐ 320 annex: `phu_luc_1` (huyện, evaluated) or `phu_luc_2` (thị xã / thành phố, not
    /// in the sources: no conditions, the council decides).
    pub standard: &'static str,
    pub conditions: Vec<ConditionLine>,
}

/// One district condition.
#[derive(Serialize)]
pub struct ConditionLine {
    pub code: String,
    pub outcome: Outcome,
    pub value: Option<Value>,
}

/// `ntm awards`: one line per candidate and award form.
#[derive(Serialize)]
pub struct AwardLine {
    pub candidate_id: String,
    pub award: String,
    pub proposed: bool,
    pub verdict: &'static str,
    pub regime: Option<String>,
    pub reason: String,
    pub citations: Vec<String>,
    pub money_vnd: Option<u64>,
}
