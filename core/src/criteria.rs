//! The engine: a dossier against the rules → an outcome and its reason for every indicator,
//! every criterion, and the level reached. No rounding in anyone's favour.

use crate::dossier::{Dossier, Unit, Value};
use crate::level::Level;
use crate::rules::{
    Comparison, ConditionField, CriteriaSet, Indicator, Input, Kind, Rules, RulesRef, Status, Text,
    Threshold,
};
use crate::text::{format_decimal, format_money, format_percent};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// What an indicator's check came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// met
    Dat,
    /// not met
    ChuaDat,
    /// no value entered
    ThieuSoLieu,
    /// the rules have no threshold for it in that year
    ThieuNguong,
}

impl Outcome {
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Dat => "dat",
            Outcome::ChuaDat => "chua_dat",
            Outcome::ThieuSoLieu => "thieu_so_lieu",
            Outcome::ThieuNguong => "thieu_nguong",
        }
    }
    pub fn label_vi(self) -> &'static str {
        match self {
            Outcome::Dat => "Đạt",
            Outcome::ChuaDat => "Chưa đạt",
            Outcome::ThieuSoLieu => "Thiếu số liệu",
            Outcome::ThieuNguong => "Thiếu ngưỡng",
        }
    }
}

/// A criterion is met only when all its indicators are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CriterionOutcome {
    Dat,
    ChuaDat,
    ChuaXacDinh,
}

impl CriterionOutcome {
    /// Met only if every indicator is; not met if any is not; otherwise undetermined.
    pub fn of(indicators: &[IndicatorResult]) -> CriterionOutcome {
        if indicators.is_empty() {
            CriterionOutcome::ChuaXacDinh
        } else if indicators.iter().any(|r| r.outcome == Outcome::ChuaDat) {
            CriterionOutcome::ChuaDat
        } else if indicators.iter().all(|r| r.outcome == Outcome::Dat) {
            CriterionOutcome::Dat
        } else {
            CriterionOutcome::ChuaXacDinh
        }
    }

    /// The word used in files and tests.
    pub fn code(self) -> &'static str {
        match self {
            CriterionOutcome::Dat => "dat",
            CriterionOutcome::ChuaDat => "chua_dat",
            CriterionOutcome::ChuaXacDinh => "chua_xac_dinh",
        }
    }
    pub fn label_vi(self) -> &'static str {
        match self {
            CriterionOutcome::Dat => "Đạt",
            CriterionOutcome::ChuaDat => "Chưa đạt",
            CriterionOutcome::ChuaXacDinh => "Chưa xác định",
        }
    }
}

/// The requirement as applied for the year: what the value was compared with.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Required {
    Flag(bool),
    Number(f64),
}

/// Why an indicator came out as it did; the words are made on demand by `explanation()`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Reason {
    /// No threshold for the year (`year` set when the rule has a per-year table).
    NoThreshold {
        year: Option<u16>,
    },
    NoValue,
    /// A district figure that cannot be counted yet: `missing` xã have no dossier for the year.
    CommunesMissing {
        missing: usize,
    },
    Compared {
        met: bool,
        /// `(base, percent)` when the requirement is a share of another threshold.
        relative: Option<(f64, u32)>,
    },
    /// Value and requirement of different kinds (a rules file changed the kind).
    Incomparable,
}

/// One indicator's verdict; the rule it applied (name, source, status…) is `indicator`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IndicatorResult {
    pub indicator: Arc<Indicator>,
    pub outcome: Outcome,
    pub value: Option<Value>,
    pub required: Option<Required>,
    pub reason: Reason,
}

impl IndicatorResult {
    /// The reason in words, as a user reads it.
    pub fn code(&self) -> &str {
        &self.indicator.code
    }

    /// The requirement in words ("≥ 95 %"), or the plain notice that there is none.
    pub fn required_text(&self) -> String {
        match &self.required {
            Some(r) => describe_required(&self.indicator, r),
            None => NO_THRESHOLD.into(),
        }
    }

    pub fn explanation(&self) -> String {
        let ind = &*self.indicator;
        let need = || self.required_text();
        match &self.reason {
            Reason::NoThreshold { year } => {
                let when = year.map_or(String::new(), |y| format!(" cho năm {y}"));
                match &ind.threshold {
                    Some(Threshold::Relative { relative: r }) => format!(
                        "Chưa có ngưỡng{when} của chỉ tiêu {} (bộ {}) mà yêu cầu này dựa vào — nhập theo văn bản của tỉnh.",
                        r.code, r.set
                    ),
                    _ => format!("Chưa có ngưỡng{when} — nhập theo văn bản của tỉnh."),
                }
            }
            Reason::NoValue => "Chưa nhập số liệu.".into(),
            Reason::CommunesMissing { missing } => {
                format!("Còn {missing} xã chưa có hồ sơ trong năm nên chưa tính được.")
            }
            Reason::Incomparable => "Giá trị và ngưỡng khác loại, không so sánh được.".into(),
            Reason::Compared { met, .. } if ind.kind == Kind::Boolean => {
                // "Có/Không" where "Không" is required (9.1 nhà tạm), else "Đạt/Chưa đạt".
                let no_required = matches!(self.required, Some(Required::Flag(false)));
                let word = |b: bool| match (no_required, b) {
                    (true, true) => "Có",
                    (true, false) => "Không",
                    (false, true) => "Đạt",
                    (false, false) => "Chưa đạt",
                };
                let got = matches!(self.value, Some(Value::Bool(true)));
                if *met {
                    format!("Đã nhập “{}”, đúng yêu cầu.", word(got))
                } else {
                    format!("Đã nhập “{}”, yêu cầu “{}”.", word(got), word(!got))
                }
            }
            Reason::Compared { met, relative } => {
                let shown = self
                    .value
                    .map(|v| describe_value(ind.kind, v, ind.unit.as_deref()))
                    .unwrap_or_default();
                let verdict = if *met { "đạt" } else { "chưa đạt" };
                let mut s = format!("{shown}: {verdict} yêu cầu {}.", need());
                if let Some((base, pct)) = relative {
                    s.push_str(&format!(
                        " (Yêu cầu = {pct} % × {}.)",
                        describe(ind.kind, *base)
                    ));
                }
                s
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CriterionResult {
    pub code: Text,
    pub name: Text,
    pub outcome: CriterionOutcome,
    pub status: Status,
    pub indicators: Vec<IndicatorResult>,
}

impl CriterionResult {
    fn count(&self, o: Outcome) -> usize {
        self.indicators.iter().filter(|r| r.outcome == o).count()
    }

    pub fn explanation(&self) -> String {
        let n = self.indicators.len();
        match self.outcome {
            _ if n == 0 => {
                "Bộ tiêu chí chưa có chỉ tiêu cho tiêu chí này — nhập theo văn bản của tỉnh.".into()
            }
            CriterionOutcome::Dat => format!("Đạt cả {n} chỉ tiêu."),
            CriterionOutcome::ChuaDat => {
                format!("{} / {n} chỉ tiêu chưa đạt.", self.count(Outcome::ChuaDat))
            }
            CriterionOutcome::ChuaXacDinh => {
                let mut parts = Vec::new();
                let missing = self.count(Outcome::ThieuSoLieu);
                let no_threshold = self.count(Outcome::ThieuNguong);
                if missing > 0 {
                    parts.push(format!("{missing} chỉ tiêu thiếu số liệu"));
                }
                if no_threshold > 0 {
                    parts.push(format!("{no_threshold} chỉ tiêu thiếu ngưỡng"));
                }
                format!("Chưa xác định: {}.", parts.join(", "))
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SetResult {
    pub id: Text,
    pub title: Text,
    pub met: usize,
    pub total: usize,
    pub criteria: Vec<CriterionResult>,
}

/// The plain notice shown wherever a threshold is missing.
pub const NO_THRESHOLD: &str = "Chưa có ngưỡng — nhập theo văn bản của tỉnh";

/// Why the next level is not reached: an indicator not met, or a criterion with no indicators.
#[derive(Clone, Copy, Debug)]
pub struct Blocker<'a> {
    pub set: &'a SetResult,
    pub criterion: &'a CriterionResult,
    /// `None` when the criterion has no indicators at all.
    pub indicator: Option<&'a IndicatorResult>,
}

impl Blocker<'_> {
    pub fn explanation(&self) -> String {
        match self.indicator {
            Some(i) => format!(
                "Chỉ tiêu {} — {}: {}",
                i.code(),
                i.outcome.label_vi(),
                i.explanation()
            ),
            None => format!(
                "Tiêu chí {} “{}”: bộ tiêu chí chưa có chỉ tiêu — nhập theo văn bản của tỉnh.",
                self.criterion.code, self.criterion.name
            ),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Assessment {
    pub unit: Unit,
    pub year: u16,
    pub rules: RulesRef,
    pub level: Level,
    pub next_level: Option<Level>,
    /// Indices in `sets` of the sets that hold back the next level.
    pub blocking_sets: Vec<usize>,
    /// Indicators behind the level reached whose rule is not verified: the result is provisional.
    pub unverified_basis: usize,
    /// Residents' satisfaction from the dossier (the district conditions read it).
    pub satisfaction_pct: Option<f64>,
    pub sets: Vec<SetResult>,
}

impl Assessment {
    pub fn set(&self, id: &str) -> Option<&SetResult> {
        self.sets.iter().find(|s| &*s.id == id)
    }
    pub fn indicators(&self) -> impl Iterator<Item = (&SetResult, &IndicatorResult)> {
        self.sets.iter().flat_map(|s| {
            s.criteria
                .iter()
                .flat_map(move |c| c.indicators.iter().map(move |i| (s, i)))
        })
    }

    /// What stands between the level reached and the next one, in the rules' order.
    pub fn blockers(&self) -> impl Iterator<Item = Blocker<'_>> {
        self.blocking_sets.iter().flat_map(move |&si| {
            let set = &self.sets[si];
            set.criteria.iter().flat_map(move |c| {
                let empty = c.indicators.is_empty().then_some(Blocker {
                    set,
                    criterion: c,
                    indicator: None,
                });
                empty.into_iter().chain(
                    c.indicators
                        .iter()
                        .filter(|i| i.outcome != Outcome::Dat)
                        .map(move |i| Blocker {
                            set,
                            criterion: c,
                            indicator: Some(i),
                        }),
                )
            })
        })
    }
}

/// Whether a level holds, seen from the sets that define it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LevelState {
    Reached,
    /// some criterion is not met
    Failed,
    /// nothing failed, but something is unknown
    Undetermined,
}

fn describe(kind: Kind, v: f64) -> String {
    match kind {
        Kind::Percent => format_percent(v),
        Kind::Money => format_money(v),
        Kind::Number | Kind::Boolean => format_decimal(v),
    }
}

/// A value as a user reads it: "95,5 %", "65.000.000 đ", "Có", "2 mô hình".
pub fn describe_value(kind: Kind, v: Value, unit: Option<&str>) -> String {
    match v {
        Value::Bool(true) => "Có".into(),
        Value::Bool(false) => "Không".into(),
        Value::Number(n) => match (kind, unit) {
            (Kind::Number, Some(u)) => format!("{} {u}", format_decimal(n)),
            _ => describe(kind, n),
        },
    }
}

fn describe_required_parts(
    cmp: Comparison,
    kind: Kind,
    unit: Option<&str>,
    req: &Required,
) -> String {
    match req {
        Required::Flag(true) => "Đạt".into(),
        Required::Flag(false) => "Không".into(),
        Required::Number(n) => format!(
            "{} {}",
            cmp.symbol(),
            describe_value(kind, Value::Number(*n), unit)
        ),
    }
}

/// "≥ 95 %", "Đạt", "Không".
pub fn describe_required(ind: &Indicator, req: &Required) -> String {
    describe_required_parts(ind.comparison, ind.kind, ind.unit.as_deref(), req)
}

/// Applies one indicator's rule for a year to a value; shared by communes and districts.
#[derive(Clone, Copy)]
pub struct Judge<'a> {
    pub rules: &'a Rules,
    pub year: u16,
}

impl Judge<'_> {
    /// The requirement for the year, with the exact factor for relative thresholds.
    fn required(&self, ind: &Indicator) -> Result<(Required, Option<(f64, u32)>), Reason> {
        let year = self.year;
        match ind.threshold_for(year) {
            None => Err(Reason::NoThreshold {
                year: matches!(ind.threshold, Some(Threshold::ByYear(_))).then_some(year),
            }),
            Some(Threshold::Flag(b)) => Ok((Required::Flag(*b), None)),
            Some(Threshold::Fixed(n)) => Ok((Required::Number(*n), None)),
            Some(Threshold::ByYear(m)) => {
                let n = m
                    .get(&year)
                    .copied()
                    .flatten()
                    .expect("threshold_for checked the year");
                Ok((Required::Number(n), None))
            }
            Some(Threshold::Relative { relative }) => {
                let base_ind = self
                    .rules
                    .set(&relative.set)
                    .and_then(|s| s.indicator(&relative.code))
                    .expect("rules check verified the reference");
                match self.required(base_ind) {
                    Ok((Required::Number(base), _)) => Ok((
                        Required::Number(base * f64::from(relative.percent) / 100.0),
                        Some((base, relative.percent)),
                    )),
                    Ok(_) => Err(Reason::Incomparable),
                    Err(why) => Err(why),
                }
            }
        }
    }

    /// The verdict on `value` (None = not entered) and its reason.
    pub fn indicator(&self, ind: &Arc<Indicator>, value: Option<Value>) -> IndicatorResult {
        let required = self.required(ind);
        let (outcome, reason) = match (&required, value) {
            (Err(why), _) => (Outcome::ThieuNguong, why.clone()),
            (Ok(_), None) => (Outcome::ThieuSoLieu, Reason::NoValue),
            (Ok((req, relative)), Some(v)) => match meets(ind.comparison, req, *relative, v) {
                Some(met) => (
                    if met { Outcome::Dat } else { Outcome::ChuaDat },
                    Reason::Compared {
                        met,
                        relative: *relative,
                    },
                ),
                None => (Outcome::ChuaDat, Reason::Incomparable),
            },
        };
        IndicatorResult {
            indicator: ind.clone(),
            outcome,
            value,
            required: required.ok().map(|(r, _)| r),
            reason,
        }
    }
}

struct Context<'a> {
    judge: Judge<'a>,
    dossier: &'a Dossier,
    /// Levels decided so far, lowest first.
    levels: Vec<(Level, LevelState)>,
}

impl Context<'_> {
    fn input_value(&self, own: Option<&BTreeMap<String, Value>>, ind: &Indicator) -> Option<Value> {
        let c = &self.dossier.conditions;
        match &ind.input {
            None => own.and_then(|m| m.get(&*ind.code)).copied(),
            Some(Input::From(r)) => self.dossier.value(&r.set, &r.code),
            Some(Input::Condition(f)) => match f {
                ConditionField::SatisfactionPct => c.satisfaction_pct.map(Value::Number),
                ConditionField::XdcbDebtVnd => c.xdcb_debt_vnd.map(Value::Number),
                ConditionField::SecurityOrderOk => c.security_order_ok.map(Value::Bool),
                ConditionField::SmartVillageModels => {
                    c.smart_village_models.map(|n| Value::Number(f64::from(n)))
                }
                ConditionField::OutstandingFields => c
                    .outstanding_fields
                    .as_ref()
                    .map(|f| Value::Number(f.len() as f64)),
            },
            Some(Input::Level(l)) => match self.levels.iter().find(|(lv, _)| lv == l) {
                Some((_, LevelState::Reached)) => Some(Value::Bool(true)),
                Some((_, LevelState::Failed)) => Some(Value::Bool(false)),
                _ => None,
            },
            // District figures are not a commune's.
            Some(Input::District(_)) => None,
        }
    }

    fn indicator(
        &self,
        own: Option<&BTreeMap<String, Value>>,
        ind: &Arc<Indicator>,
    ) -> IndicatorResult {
        self.judge.indicator(ind, self.input_value(own, ind))
    }

    fn set(&self, set: &CriteriaSet) -> SetResult {
        let own = self.dossier.values.get(&*set.id);
        let criteria: Vec<CriterionResult> = set
            .criteria
            .iter()
            .map(|c| {
                let indicators: Vec<IndicatorResult> = c
                    .indicators
                    .iter()
                    .map(|i| self.indicator(own, i))
                    .collect();
                let outcome = CriterionOutcome::of(&indicators);
                CriterionResult {
                    code: c.code.clone(),
                    name: c.name.clone(),
                    outcome,
                    status: c.status,
                    indicators,
                }
            })
            .collect();
        SetResult {
            id: set.id.clone(),
            title: set.title.clone(),
            met: criteria
                .iter()
                .filter(|c| c.outcome == CriterionOutcome::Dat)
                .count(),
            total: criteria.len(),
            criteria,
        }
    }
}

/// Exact comparison. Relative thresholds compare value × 100 with base × percent, in integers
/// when both are whole (money), so 71 500 000 against 110 % × 65 000 000 is met, not lost to
/// floating point.
fn meets(cmp: Comparison, req: &Required, exact: Option<(f64, u32)>, v: Value) -> Option<bool> {
    match (req, v) {
        (Required::Flag(want), Value::Bool(got)) => Some(*want == got),
        (Required::Number(need), Value::Number(got)) => {
            let ord = match exact {
                Some((base, pct)) if base.fract() == 0.0 && got.fract() == 0.0 => {
                    let lhs = got as i128 * 100;
                    let rhs = base as i128 * i128::from(pct);
                    lhs.cmp(&rhs)
                }
                _ => got.partial_cmp(need)?,
            };
            Some(match cmp {
                Comparison::AtLeast => ord.is_ge(),
                Comparison::AtMost => ord.is_le(),
                Comparison::Equals => ord.is_eq(),
            })
        }
        _ => None,
    }
}

fn state_of(results: &[&SetResult]) -> LevelState {
    let all = || results.iter().flat_map(|s| s.criteria.iter());
    if all().any(|c| c.outcome == CriterionOutcome::ChuaDat) {
        LevelState::Failed
    } else if all().all(|c| c.outcome == CriterionOutcome::Dat) {
        LevelState::Reached
    } else {
        LevelState::Undetermined
    }
}

/// Assesses one commune dossier. Levels are cumulative: each needs the ones below it.
pub fn evaluate(rules: &Rules, dossier: &Dossier) -> Assessment {
    let mut ctx = Context {
        judge: Judge {
            rules,
            year: dossier.year,
        },
        dossier,
        levels: Vec::new(),
    };
    let mut sets: Vec<SetResult> = Vec::new();
    let mut level = Level::ChuaDat;
    let mut blocked = false;
    let mut blocking_sets = Vec::new();
    for def in &rules.levels {
        let start = sets.len();
        for id in &def.sets {
            if let Some(set) = rules.set(id) {
                sets.push(ctx.set(set));
            }
        }
        let own: Vec<&SetResult> = sets[start..].iter().collect();
        let mut state = state_of(&own);
        if blocked && state == LevelState::Reached {
            // the level's own sets hold, but a lower level does not
            state = LevelState::Undetermined;
        }
        if !blocked && state == LevelState::Reached {
            level = def.level;
        } else if !blocked {
            blocked = true;
            blocking_sets = (start..sets.len()).collect();
        }
        ctx.levels.push((def.level, state));
    }
    let unverified_basis = if level == Level::ChuaDat {
        0
    } else {
        let reached_sets: Vec<&str> = rules
            .levels
            .iter()
            .filter(|d| d.level <= level)
            .flat_map(|d| d.sets.iter().map(String::as_str))
            .collect();
        sets.iter()
            .filter(|s| reached_sets.contains(&&*s.id))
            .flat_map(|s| s.criteria.iter().flat_map(|c| c.indicators.iter()))
            .filter(|i| !i.indicator.status.is_verified())
            .count()
    };
    Assessment {
        unit: dossier.unit.clone(),
        year: dossier.year,
        rules: rules.reference(),
        level,
        next_level: level.next().filter(|l| rules.level_def(*l).is_some()),
        blocking_sets,
        unverified_basis,
        satisfaction_pct: dossier.conditions.satisfaction_pct,
        sets,
    }
}
