//! Rule parameters as data: criteria sets, indicators, thresholds, sources and their
//! verification status, loaded from JSON rules files (built-in, then a province's overrides).

use crate::envelope::Envelope;
use crate::error::{FieldPath, InputError};
use crate::level::Level;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::sync::Arc;

mod badge;
mod file;
mod overlay;

pub use badge::*;
pub use file::*;

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
        include_str!("../../rules/ntm_xa_2021_2025.json"),
    ),
    (
        "ntm_huyen_2021_2025.json",
        include_str!("../../rules/ntm_huyen_2021_2025.json"),
    ),
    (
        "phong_trao_ha_nam.json",
        include_str!("../../rules/phong_trao_ha_nam.json"),
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
    /// Why this source cannot back a verified fact: a placeholder document or date (`…`,
    /// `...`, `xxx`, empty) or an impossible date; the field at fault and the problem.
    pub fn placeholder(&self) -> Option<(&'static str, String)> {
        fn filler(s: &str) -> bool {
            let t = s.trim();
            // "xxx" in any case, found without lower-casing the text (no other letter
            // lower-cases to x).
            t.is_empty()
                || t.contains('…')
                || t.contains("...")
                || t.as_bytes()
                    .windows(3)
                    .any(|w| w.eq_ignore_ascii_case(b"xxx"))
        }
        if filler(&self.document) {
            return Some((
                "document",
                format!(
                    "“{}”: số hiệu văn bản còn để trống hoặc là chỗ giữ chỗ, nên không thể ghi “đã xác minh”",
                    self.document.trim()
                ),
            ));
        }
        match self.date.as_deref() {
            Some(d) if filler(d) || crate::registered::iso_day_number(d.trim()).is_none() => Some((
                "date",
                format!(
                    "“{}”: ngày ban hành phải là ngày có thật dạng YYYY-MM-DD, nên không thể ghi “đã xác minh”",
                    d.trim()
                ),
            )),
            _ => None,
        }
    }

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
    /// The lowest overall satisfaction among the district's xã. Refused on load: QĐ 320 asks
    /// for ≥ 80 % on each content item in each xã, which an overall figure cannot show (D12).
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
    /// How far the indicator itself (its existence, code and wording) was checked.
    pub status: Status,
    /// How far its threshold was checked; absent (older files): the same as `status`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold_status: Option<Status>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

impl Indicator {
    /// How far the threshold value was checked (whether there is one is a separate question).
    pub fn threshold_checked(&self) -> Status {
        self.threshold_status.unwrap_or(self.status)
    }

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
        let mut first_id = None;
        for (name, text) in BUILT_IN {
            let file = RulesFile::parse(text)
                .unwrap_or_else(|e| panic!("built-in rules {name} are invalid: {e}"));
            rules
                .apply(&file)
                .unwrap_or_else(|e| panic!("built-in rules {name} are invalid: {e}"));
            first_id.get_or_insert(file.id);
        }
        // The built-in rules are known by their first layer, the national criteria.
        rules.title = rules.layers[0].clone();
        rules.id = first_id.expect("built-in rules have layers");
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
