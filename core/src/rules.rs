//! Rule parameters as data: criteria sets, indicators, thresholds, sources and their
//! verification status, loaded from JSON rules files (built-in, then a province's overrides).

use crate::envelope::Envelope;
use crate::error::InputError;
use crate::level::Level;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Shared, cheaply cloned text: results point at the rules' names instead of copying them.
pub type Text = Arc<str>;

/// The format tag every rules file carries.
pub const FORMAT: &str = "chung-suc/rules";
/// The rules-file version this build reads and writes.
pub const VERSION: u32 = 1;

/// The built-in files, in the order they are layered.
const BUILT_IN: [(&str, &str); 3] = [
    (
        "ntm_xa_2021_2025.json",
        include_str!("../rules/ntm_xa_2021_2025.json"),
    ),
    (
        "ntm_huyen_2021_2025.json",
        include_str!("../rules/ntm_huyen_2021_2025.json"),
    ),
    (
        "phong_trao_ha_nam.json",
        include_str!("../rules/phong_trao_ha_nam.json"),
    ),
];

/// How far a fact was checked against its source (see ../shared/domain).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Verified,
    Partial,
    Unverified,
    NotFound,
}

impl Status {
    /// The word used in files ("verified", "not_found").
    pub fn code(self) -> &'static str {
        match self {
            Status::Verified => "verified",
            Status::Partial => "partial",
            Status::Unverified => "unverified",
            Status::NotFound => "not_found",
        }
    }
    pub fn is_verified(self) -> bool {
        self == Status::Verified
    }
    pub fn label_vi(self) -> &'static str {
        match self {
            Status::Verified => "đã xác minh",
            Status::Partial => "xác minh một phần",
            Status::Unverified => "chưa xác minh",
            Status::NotFound => "chưa tìm thấy văn bản",
        }
    }
}

/// Where a rule comes from: document, annex/article, date (ISO), address.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub document: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annex: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Source {
    /// "Quyết định 318/QĐ-TTg, Phụ lục I, ngày 08/03/2022".
    pub fn citation(&self) -> String {
        let mut s = self.document.clone();
        if let Some(a) = &self.annex {
            s.push_str(", ");
            s.push_str(a);
        }
        if let Some(d) = self.date.as_deref().and_then(crate::text::iso_to_vi_date) {
            s.push_str(", ngày ");
            s.push_str(&d);
        }
        s
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Boolean,
    Percent,
    /// A whole number of things (communes, models, households); `6.000` reads as 6000.
    Count,
    /// A number that may have a fractional part (m²/người).
    Number,
    Money,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Comparison {
    #[serde(rename = ">=")]
    AtLeast,
    #[serde(rename = "<=")]
    AtMost,
    #[serde(rename = "=")]
    Equals,
}

impl Comparison {
    /// The word used in files: ">=", "<=", "=".
    pub fn code(self) -> &'static str {
        match self {
            Comparison::AtLeast => ">=",
            Comparison::AtMost => "<=",
            Comparison::Equals => "=",
        }
    }
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::AtLeast => "≥",
            Comparison::AtMost => "≤",
            Comparison::Equals => "=",
        }
    }
}

/// A threshold relative to another indicator's threshold (QĐ 319: ≥ 110 % of the nâng cao income).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relative {
    pub set: String,
    pub code: String,
    /// Integer percent so the comparison stays exact.
    pub percent: u32,
}

/// A threshold: a yes/no requirement, one number, a number per year, or relative to another.
/// "No threshold" is `Option::None` on the indicator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged, try_from = "ThresholdFile")]
pub enum Threshold {
    Flag(bool),
    Fixed(f64),
    Relative { relative: Relative },
    ByYear(BTreeMap<u16, Option<f64>>),
}

/// The threshold as written in a file: years are string keys there.
#[derive(Deserialize)]
#[serde(untagged)]
enum ThresholdFile {
    Flag(bool),
    Fixed(f64),
    Relative { relative: Relative },
    ByYear(BTreeMap<String, Option<f64>>),
}

impl TryFrom<ThresholdFile> for Threshold {
    type Error = String;
    fn try_from(t: ThresholdFile) -> Result<Self, String> {
        Ok(match t {
            ThresholdFile::Flag(b) => Threshold::Flag(b),
            ThresholdFile::Fixed(n) => Threshold::Fixed(n),
            ThresholdFile::Relative { relative } => Threshold::Relative { relative },
            ThresholdFile::ByYear(m) => Threshold::ByYear(
                m.into_iter()
                    .map(|(y, v)| {
                        y.parse::<u16>()
                            .map(|y| (y, v))
                            .map_err(|_| format!("`{y}`: khóa phải là một năm, ví dụ \"2024\""))
                    })
                    .collect::<Result<_, _>>()?,
            ),
        })
    }
}

/// Where an indicator's value comes from when it is not typed in under its own code.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Input {
    /// The same quantity as another indicator (entered once).
    From(IndicatorRef),
    /// One of the dossier's recognition conditions.
    Condition(ConditionField),
    /// Whether the commune reached a level.
    Level(Level),
    /// A district figure counted from its communes' assessments (QĐ 320 conditions).
    District(DistrictMeasure),
}

/// What a district condition counts over its communes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DistrictMeasure {
    /// Share of the district's xã at the NTM standard or above.
    CommunesNtmPct,
    /// Share at nâng cao or above.
    CommunesNangCaoPct,
    /// The lowest residents' satisfaction among the district's xã.
    MinCommuneSatisfactionPct,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorRef {
    pub set: String,
    pub code: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConditionField {
    SatisfactionPct,
    XdcbDebtVnd,
    SecurityOrderOk,
    SmartVillageModels,
    OutstandingFields,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    pub code: Text,
    pub name: Text,
    pub kind: Kind,
    pub comparison: Comparison,
    pub threshold: Option<Threshold>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<Input>,
    pub source: Arc<Source>,
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

impl Indicator {
    /// True when the commune types this value in (not derived from elsewhere).
    pub fn is_entered(&self) -> bool {
        self.input.is_none()
    }

    /// The numeric threshold in force for `year`; `None` when the rules have none.
    pub fn threshold_for(&self, year: u16) -> Option<&Threshold> {
        match &self.threshold {
            Some(Threshold::ByYear(m)) => match m.get(&year) {
                Some(Some(_)) => self.threshold.as_ref(),
                _ => None,
            },
            t => t.as_ref(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    pub code: Text,
    pub name: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<Text>,
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    pub indicators: Vec<Arc<Indicator>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CriteriaSet {
    pub id: Text,
    pub title: Text,
    pub source: Arc<Source>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// Shared, like the indicators: each criterion's result points at its definition.
    pub criteria: Vec<Arc<Criterion>>,
}

impl CriteriaSet {
    pub fn indicators(&self) -> impl Iterator<Item = (&Criterion, &Indicator)> {
        self.criteria
            .iter()
            .flat_map(|c| c.indicators.iter().map(move |i| (&**c, &**i)))
    }
    pub fn indicator(&self, code: &str) -> Option<&Indicator> {
        self.indicators().map(|(_, i)| i).find(|i| &*i.code == code)
    }
}

/// What a movement target measures, and from which figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Measure {
    /// Districts recognised at nâng cao (figures form).
    DistrictsNangCao,
    /// Communes at nâng cao or kiểu mẫu, counted once each from the evaluated dossiers.
    CommunesNangCao,
    RuralIncome,
    /// Reduction of poor households against `base_year`, in percent.
    PoorReduction {
        base_year: u16,
    },
    TrainedLabourShare,
    /// Trained workers with a diploma or certificate, as a share of `base`.
    CertifiedLabourShare {
        base: TrainedBase,
    },
    HealthInsurance,
    CleanWater,
    WasteCollection,
}

/// The denominator of T6, which the plan leaves open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrainedBase {
    LabourForce,
    TrainedLabour,
}

/// A movement target of the plan (T1–T9).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub id: String,
    pub name: String,
    pub measure: Measure,
    pub kind: Kind,
    pub comparison: Comparison,
    pub threshold: Option<f64>,
    /// Upper bound of a range target ("60–65 %"): reaching it is "vượt mức".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upper: Option<f64>,
    pub unit: String,
    pub source: Source,
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelDef {
    pub level: Level,
    pub name: String,
    /// Sets that must all be met, on top of the lower levels.
    pub sets: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Years {
    pub from: u16,
    pub to: u16,
}

/// Which rules a result was computed with.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesRef {
    pub id: String,
    pub hash: String,
}

impl RulesRef {
    /// The first 12 hex digits, enough for a person to compare.
    pub fn short_hash(&self) -> &str {
        let h = self.hash.strip_prefix("sha256:").unwrap_or(&self.hash);
        &h[..h.len().min(12)]
    }
}

/// The resolved rules: built-in data with any overrides applied.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Rules {
    pub id: String,
    pub title: String,
    pub region: Option<String>,
    pub years: Years,
    pub levels: Vec<LevelDef>,
    pub sets: Vec<CriteriaSet>,
    pub targets: Vec<Target>,
    /// Titles of the layers applied, oldest first.
    pub layers: Vec<String>,
    #[serde(skip)]
    hash: String,
}

// ---- the file shape: every field but the keys is optional, so one shape serves
// ---- the built-in data, a province's complete file and a small patch.

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesFile {
    pub format: String,
    pub version: u32,
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<Years>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub levels: Option<Vec<LevelDef>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sets: Vec<SetPatch>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<TargetPatch>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetPatch {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub criteria: Vec<CriterionPatch>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriterionPatch {
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<IndicatorPatch>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorPatch {
    pub code: String,
    /// `true` removes the indicator from its criterion (an amendment dropped it).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub remove: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparison: Option<Comparison>,
    /// Absent: unchanged. `null` in a new indicator: no threshold yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<Threshold>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<Input>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetPatch {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<Measure>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparison: Option<Comparison>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upper: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

fn missing(field: String, what: &str) -> InputError {
    InputError::new(field, format!("thiếu {what} (bắt buộc khi thêm mới)"))
}

impl RulesFile {
    /// Reads an untrusted rules file; the message names the field at fault.
    pub fn parse(text: &str) -> Result<RulesFile, InputError> {
        let value = Envelope {
            format: FORMAT,
            version: VERSION,
            what: "tệp bộ tiêu chí",
            fields: None,
        }
        .open(text)?;
        serde_json::from_value(value).map_err(InputError::from_serde)
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("rules serialise");
        s.push('\n');
        s
    }
}

impl Rules {
    /// The national 2021–2025 data and the plan's targets, as shipped.
    pub fn built_in() -> Rules {
        let mut rules = Rules {
            id: String::new(),
            title: String::new(),
            region: None,
            years: Years { from: 0, to: 0 },
            levels: Vec::new(),
            sets: Vec::new(),
            targets: Vec::new(),
            layers: Vec::new(),
            hash: String::new(),
        };
        for (name, text) in BUILT_IN {
            let file = RulesFile::parse(text)
                .unwrap_or_else(|e| panic!("built-in rules {name} are invalid: {e}"));
            rules
                .apply(&file)
                .unwrap_or_else(|e| panic!("built-in rules {name} are invalid: {e}"));
        }
        // The built-in rules are known by their first layer, the national criteria.
        rules.title = rules.layers[0].clone();
        rules
    }

    /// Built-in rules with a province's file laid over them.
    pub fn with_override(file: &RulesFile) -> Result<Rules, InputError> {
        let mut rules = Rules::built_in();
        rules.apply(file)?;
        Ok(rules)
    }

    pub fn reference(&self) -> RulesRef {
        RulesRef {
            id: self.id.clone(),
            hash: self.hash.clone(),
        }
    }

    pub fn hash(&self) -> &str {
        &self.hash
    }

    pub fn set(&self, id: &str) -> Option<&CriteriaSet> {
        self.sets.iter().find(|s| &*s.id == id)
    }

    pub fn level_def(&self, level: Level) -> Option<&LevelDef> {
        self.levels.iter().find(|l| l.level == level)
    }

    /// Lays `file` over these rules, then checks the result is coherent.
    pub fn apply(&mut self, file: &RulesFile) -> Result<(), InputError> {
        if file.id.trim().is_empty() {
            return Err(InputError::new("id", "không được để trống"));
        }
        self.id = file.id.clone();
        self.title = file.title.clone();
        self.layers.push(file.title.clone());
        if let Some(r) = &file.region {
            self.region = Some(r.clone());
        }
        if let Some(y) = file.years {
            if y.from > y.to {
                return Err(InputError::new("years", "năm bắt đầu sau năm kết thúc"));
            }
            self.years = y;
        }
        if let Some(l) = &file.levels {
            self.levels = l.clone();
        }
        for sp in &file.sets {
            self.apply_set(sp)?;
        }
        for tp in &file.targets {
            self.apply_target(tp)?;
        }
        self.check()?;
        self.hash = content_hash(self);
        Ok(())
    }

    fn apply_set(&mut self, sp: &SetPatch) -> Result<(), InputError> {
        let path = format!("sets[{}]", sp.id);
        let idx = match self.sets.iter().position(|s| *s.id == *sp.id) {
            Some(i) => i,
            None => {
                self.sets.push(CriteriaSet {
                    id: sp.id.as_str().into(),
                    title: sp
                        .title
                        .as_deref()
                        .ok_or_else(|| missing(format!("{path}.title"), "tên bộ tiêu chí"))?
                        .into(),
                    source: Arc::new(
                        sp.source
                            .clone()
                            .ok_or_else(|| missing(format!("{path}.source"), "căn cứ"))?,
                    ),
                    note: None,
                    criteria: Vec::new(),
                });
                self.sets.len() - 1
            }
        };
        let set = &mut self.sets[idx];
        if let Some(t) = &sp.title {
            set.title = t.as_str().into();
        }
        if let Some(s) = &sp.source {
            set.source = Arc::new(s.clone());
        }
        if let Some(n) = &sp.note {
            set.note = Some(n.as_str().into());
        }
        for cp in &sp.criteria {
            let cpath = format!("{path}.criteria[{}]", cp.code);
            let ci = match set.criteria.iter().position(|c| *c.code == *cp.code) {
                Some(i) => i,
                None => {
                    set.criteria.push(Arc::new(Criterion {
                        code: cp.code.as_str().into(),
                        name: cp
                            .name
                            .as_deref()
                            .ok_or_else(|| missing(format!("{cpath}.name"), "tên tiêu chí"))?
                            .into(),
                        group: None,
                        status: cp.status.ok_or_else(|| {
                            missing(format!("{cpath}.status"), "tình trạng xác minh")
                        })?,
                        note: None,
                        indicators: Vec::new(),
                    }));
                    set.criteria.len() - 1
                }
            };
            let default_source = set.source.clone();
            let crit = Arc::make_mut(&mut set.criteria[ci]);
            if let Some(v) = &cp.name {
                crit.name = v.as_str().into();
            }
            if let Some(v) = &cp.group {
                crit.group = Some(v.as_str().into());
            }
            if let Some(v) = cp.status {
                crit.status = v;
            }
            if let Some(v) = &cp.note {
                crit.note = Some(v.as_str().into());
            }
            for ip in &cp.indicators {
                apply_indicator(crit, ip, &cpath, &default_source)?;
            }
        }
        Ok(())
    }

    fn apply_target(&mut self, tp: &TargetPatch) -> Result<(), InputError> {
        let path = format!("targets[{}]", tp.id);
        let idx = match self.targets.iter().position(|t| t.id == tp.id) {
            Some(i) => i,
            None => {
                fn need<T>(o: Option<T>, path: &str, f: &str, what: &str) -> Result<T, InputError> {
                    o.ok_or_else(|| missing(format!("{path}.{f}"), what))
                }
                self.targets.push(Target {
                    id: tp.id.clone(),
                    name: need(tp.name.clone(), &path, "name", "tên chỉ tiêu")?,
                    measure: need(tp.measure.clone(), &path, "measure", "cách đo")?,
                    kind: need(tp.kind, &path, "kind", "loại giá trị")?,
                    comparison: need(tp.comparison, &path, "comparison", "phép so sánh")?,
                    threshold: None,
                    upper: None,
                    unit: need(tp.unit.clone(), &path, "unit", "đơn vị")?,
                    source: need(tp.source.clone(), &path, "source", "căn cứ")?,
                    status: need(tp.status, &path, "status", "tình trạng xác minh")?,
                    note: None,
                });
                self.targets.len() - 1
            }
        };
        let t = &mut self.targets[idx];
        if let Some(v) = &tp.name {
            t.name = v.clone();
        }
        if let Some(v) = &tp.measure {
            t.measure = v.clone();
        }
        if let Some(v) = tp.kind {
            t.kind = v;
        }
        if let Some(v) = tp.comparison {
            t.comparison = v;
        }
        if tp.threshold.is_some() {
            t.threshold = tp.threshold;
        }
        if tp.upper.is_some() {
            t.upper = tp.upper;
        }
        if let Some(v) = &tp.unit {
            t.unit = v.clone();
        }
        if let Some(v) = &tp.source {
            t.source = v.clone();
        }
        if let Some(v) = tp.status {
            t.status = v;
        }
        if let Some(v) = &tp.note {
            t.note = Some(v.clone());
        }
        Ok(())
    }

    /// Coherence checks after every layer: kinds, thresholds and references agree.
    fn check(&self) -> Result<(), InputError> {
        for set in &self.sets {
            for (crit, ind) in set.indicators() {
                let path = format!(
                    "sets[{}].criteria[{}].indicators[{}]",
                    set.id, crit.code, ind.code
                );
                check_indicator(self, ind, &path)?;
            }
        }
        for set in &self.sets {
            let mut seen = std::collections::BTreeSet::new();
            for (crit, ind) in set.indicators() {
                if !seen.insert(&*ind.code) {
                    return Err(InputError::new(
                        format!(
                            "sets[{}].criteria[{}].indicators[{}]",
                            set.id, crit.code, ind.code
                        ),
                        "mã chỉ tiêu bị trùng trong cùng bộ tiêu chí",
                    ));
                }
            }
        }
        for t in &self.targets {
            for (field, v) in [("threshold", t.threshold), ("upper", t.upper)] {
                if let Some(v) = v {
                    check_number(t.kind, v, &format!("targets[{}].{field}", t.id))?;
                }
            }
        }
        for l in &self.levels {
            for s in &l.sets {
                if self.set(s).is_none() {
                    return Err(InputError::new(
                        format!("levels[{}].sets", l.level.code()),
                        format!("bộ tiêu chí \"{s}\" không tồn tại"),
                    ));
                }
            }
        }
        Ok(())
    }
}

fn apply_indicator(
    crit: &mut Criterion,
    ip: &IndicatorPatch,
    cpath: &str,
    default_source: &Arc<Source>,
) -> Result<(), InputError> {
    let path = format!("{cpath}.indicators[{}]", ip.code);
    if ip.code.trim().is_empty() {
        return Err(InputError::new(path, "mã chỉ tiêu không được để trống"));
    }
    if ip.remove {
        let before = crit.indicators.len();
        crit.indicators.retain(|i| *i.code != *ip.code);
        if crit.indicators.len() == before {
            return Err(InputError::new(path, "không có chỉ tiêu này để xóa"));
        }
        return Ok(());
    }
    match crit.indicators.iter_mut().find(|i| *i.code == *ip.code) {
        Some(ind) => {
            let ind = Arc::make_mut(ind);
            if let Some(v) = &ip.name {
                ind.name = v.as_str().into();
            }
            if let Some(v) = ip.kind {
                ind.kind = v;
            }
            if let Some(v) = ip.comparison {
                ind.comparison = v;
            }
            if let Some(v) = &ip.threshold {
                ind.threshold = Some(v.clone());
            }
            if let Some(v) = &ip.unit {
                ind.unit = Some(v.as_str().into());
            }
            if let Some(v) = &ip.input {
                ind.input = Some(v.clone());
            }
            if let Some(v) = &ip.source {
                ind.source = Arc::new(v.clone());
            }
            if let Some(v) = ip.status {
                ind.status = v;
            }
            if let Some(v) = &ip.note {
                ind.note = Some(v.as_str().into());
            }
        }
        None => crit.indicators.push(Arc::new(Indicator {
            code: ip.code.as_str().into(),
            name: ip
                .name
                .as_deref()
                .ok_or_else(|| missing(format!("{path}.name"), "tên chỉ tiêu"))?
                .into(),
            kind: ip
                .kind
                .ok_or_else(|| missing(format!("{path}.kind"), "loại giá trị"))?,
            comparison: ip
                .comparison
                .ok_or_else(|| missing(format!("{path}.comparison"), "phép so sánh"))?,
            threshold: ip.threshold.clone(),
            unit: ip.unit.as_deref().map(Into::into),
            input: ip.input.clone(),
            source: ip
                .source
                .clone()
                .map_or_else(|| default_source.clone(), Arc::new),
            status: ip
                .status
                .ok_or_else(|| missing(format!("{path}.status"), "tình trạng xác minh"))?,
            note: ip.note.as_deref().map(Into::into),
        })),
    }
    Ok(())
}

fn check_number(kind: Kind, v: f64, field: &str) -> Result<(), InputError> {
    crate::dossier::check_number(kind, v).map_err(|p| InputError::new(field, p))
}

fn check_indicator(rules: &Rules, ind: &Indicator, path: &str) -> Result<(), InputError> {
    let tpath = format!("{path}.threshold");
    match (&ind.kind, &ind.threshold) {
        (Kind::Boolean, None | Some(Threshold::Flag(_))) => {
            if ind.comparison != Comparison::Equals {
                return Err(InputError::new(
                    format!("{path}.comparison"),
                    "chỉ tiêu có/không phải dùng phép so sánh \"=\"",
                ));
            }
        }
        (Kind::Boolean, Some(_)) => {
            return Err(InputError::new(
                tpath,
                "chỉ tiêu có/không cần ngưỡng true hoặc false",
            ))
        }
        (_, Some(Threshold::Flag(_))) => {
            return Err(InputError::new(tpath, "chỉ tiêu số cần ngưỡng là một số"))
        }
        (k, Some(Threshold::Fixed(v))) => check_number(*k, *v, &tpath)?,
        (k, Some(Threshold::ByYear(m))) => {
            for (y, v) in m {
                let ypath = format!("{tpath}.{y}");
                if let Some(v) = v {
                    check_number(*k, *v, &ypath)?;
                }
            }
        }
        (_, Some(Threshold::Relative { relative })) => {
            let target = rules
                .set(&relative.set)
                .and_then(|s| s.indicator(&relative.code));
            if target.is_none() {
                return Err(InputError::new(
                    tpath,
                    format!(
                        "tham chiếu tới chỉ tiêu {} của bộ \"{}\" không tồn tại",
                        relative.code, relative.set
                    ),
                ));
            }
        }
        (_, None) => {}
    }
    if ind.kind != Kind::Boolean && ind.comparison == Comparison::Equals {
        return Err(InputError::new(
            format!("{path}.comparison"),
            "chỉ tiêu số phải dùng \">=\" hoặc \"<=\"",
        ));
    }
    if let Some(Input::From(r)) = &ind.input {
        match rules.set(&r.set).and_then(|s| s.indicator(&r.code)) {
            Some(src) if src.kind == ind.kind && src.is_entered() => {}
            Some(_) => {
                return Err(InputError::new(
                    format!("{path}.input"),
                    "chỉ tiêu nguồn phải cùng loại và được nhập trực tiếp",
                ))
            }
            None => {
                return Err(InputError::new(
                    format!("{path}.input"),
                    format!(
                        "chỉ tiêu nguồn {} của bộ \"{}\" không tồn tại",
                        r.code, r.set
                    ),
                ))
            }
        }
    }
    Ok(())
}

/// SHA-256 of the canonical JSON of the content (layers' titles excluded: same rules, same hash).
fn content_hash(rules: &Rules) -> String {
    #[derive(Serialize)]
    struct Content<'a> {
        region: &'a Option<String>,
        years: &'a Years,
        levels: &'a [LevelDef],
        sets: &'a [CriteriaSet],
        targets: &'a [Target],
    }
    let content = Content {
        region: &rules.region,
        years: &rules.years,
        levels: &rules.levels,
        sets: &rules.sets,
        targets: &rules.targets,
    };
    let bytes = serde_json::to_vec(&content).expect("rules serialise");
    let digest = Sha256::digest(&bytes);
    let mut s = String::from("sha256:");
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}
