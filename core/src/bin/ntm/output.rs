//! What `ntm` prints: one typed struct per output (docs/cli.md describes each field).
//!
//! Object keys come out sorted at every depth, as the tool has always printed them: `evaluate`
//! (the hot path) declares its fields in key order; the others go through `serde_json::Value`.

use ntm_core::criteria::Outcome;
use ntm_core::dossier::Value;
use ntm_core::level::Level;
use ntm_core::rules::RulesRef;
use ntm_core::rules::Text;
use ntm_core::summary::{IndicatorLine, SetCount, Summary};
use serde::Serialize;
use std::collections::BTreeMap;

/// The JSON text of an output, keys sorted.
pub fn line(out: &impl Serialize) -> serde_json::Value {
    serde_json::to_value(out).expect("outputs serialise")
}

/// `ntm evaluate`: one line per valid dossier, written straight out (no `Value` tree), so the
/// fields are declared in key order, as `line` would sort them.
#[derive(Serialize)]
pub struct EvaluateLine<'a> {
    pub blockers: usize,
    /// The dossier file, as given on the command line.
    pub file: &'a str,
    pub indicators: &'a [IndicatorLine],
    /// "set/code" of the values kept under codes the rules do not have (never evaluated).
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub kept: &'a [String],
    pub level: Level,
    pub next_level: Option<Level>,
    pub rules: RulesKeys<'a>,
    pub sets: &'a BTreeMap<Text, SetCount>,
    pub unit_code: &'a str,
    pub unit_name: &'a str,
    pub year: u16,
}

impl<'a> EvaluateLine<'a> {
    pub fn new(s: &'a Summary, file: &'a str, kept: &'a [String]) -> Self {
        EvaluateLine {
            blockers: s.blockers,
            file,
            indicators: &s.indicators,
            kept,
            level: s.level,
            next_level: s.next_level,
            rules: RulesKeys {
                hash: &s.rules.hash,
                id: &s.rules.id,
            },
            sets: &s.sets,
            unit_code: &s.unit_code,
            unit_name: &s.unit_name,
            year: s.year,
        }
    }
}

/// `RulesRef` with its keys in order.
#[derive(Serialize)]
pub struct RulesKeys<'a> {
    pub hash: &'a str,
    pub id: &'a str,
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
